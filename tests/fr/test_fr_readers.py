"""Readers: real REW channel files, AutoEq CSVs, odd layouts, and bad files that must fail clearly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headspec.errors import FrReadError
from headspec.fr import read, read_channels, read_phone_book
from headspec.fr.grid import autoeq_grid
from headspec.fr.readers import find_channels, infer_layout, split_channel


def _harpo_groups(fr_root: Path, manifest_rows: list[dict[str, str]]):
    raw = fr_root / "raw" / "harpo"
    for row in manifest_rows:
        if row["source"] != "Harpo":
            continue
        files = [raw / Path(f.strip()).name for f in row["origin_files"].split("|")]
        if all(f.exists() for f in files):
            yield row, files


def test_raw_harpo_channels_average_to_the_converted_curves(fr_root, manifest_rows) -> None:
    groups = list(_harpo_groups(fr_root, manifest_rows))
    assert len(groups) == 35  # 43 raw files: 8 headphones with L+R, 27 with one channel
    book = read_phone_book(fr_root / "raw" / "harpo" / "phone_book.json")
    for row, files in groups:
        got = read_channels(files, phone_book=book)
        ref = read(fr_root / row["path"])
        assert got.name == row["name"]
        assert np.array_equal(got.frequency_hz, autoeq_grid())
        # The shared CSV is printed with two decimals: agreement is to rounding.
        assert np.abs(got.spl_db - ref.spl_db).max() <= 0.005 + 1e-9, row["name"]
        assert (got.channel_imbalance_db is not None) == (len(files) > 1)


def test_convert_output_is_byte_identical_to_autoeq(fr_root) -> None:
    raw = fr_root / "raw" / "harpo"
    curve = read_channels(find_channels(raw / "Aoshida E20 L.txt"))
    assert curve.channels == ("L", "R")
    assert curve.to_csv() == (fr_root / "Harpo/in-ear/Aoshida E20.csv").read_text(encoding="utf-8")
    assert 0.1 < curve.channel_imbalance_db < 2.0


def test_rew_file_keeps_its_own_points(fr_root) -> None:
    curve = read(fr_root / "raw/harpo/Aoshida E20 L.txt")
    assert len(curve) == 479 and curve.frequency_hz[0] == pytest.approx(20.3)
    assert curve.channels == ("L",) and curve.name == "Aoshida E20"
    assert 60 < curve.spl_db.mean() < 120  # absolute SPL as REW wrote it


def test_autoeq_layout_gives_source_and_form(fr_root) -> None:
    curve = read(
        fr_root
        / "Ted's Squig Hoard/over-ear"
        / sorted((fr_root / "Ted's Squig Hoard/over-ear").iterdir())[0].name
    )
    assert curve.source == "Ted's Squig Hoard" and curve.form == "over-ear"
    assert infer_layout("measurements/oratory1990/data/over-ear/X.csv") == ("oratory1990", "over-ear")
    assert infer_layout("somewhere/X.csv") == (None, None)


def test_phone_book_names_variants(fr_root) -> None:
    book = read_phone_book(fr_root / "raw/harpo/phone_book.json")
    assert book["Aoshida E20"] == "Aoshida E20"
    assert book["BGVP P05 No Cap - Standard Nozzle"] == "BGVP P05 No Cap - Standard Nozzle"
    assert (
        book["AUDIOSENSE DT600 ohm"] == "AUDIOSENSE DT600 with \u2126 adapter"
    )  # the file uses the ohm sign


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("Aoshida E20 L", ("Aoshida E20", "L")),
        ("Moondrop Aria 2 R3", ("Moondrop Aria 2", "R3")),
        ("KZ ESX", ("KZ ESX", None)),
        ("Sony WH-1000XM4", ("Sony WH-1000XM4", None)),
    ],
)
def test_split_channel(stem, expected) -> None:
    assert split_channel(stem) == expected


def _rows(n: int = 40) -> list[tuple[float, float]]:
    f = np.geomspace(20, 20000, n)
    return [(float(x), float(80 + 5 * np.sin(i / 5))) for i, x in enumerate(f)]


LAYOUTS = {
    "autoeq": lambda rows: "frequency,raw\n" + "\n".join(f"{f:.2f},{v:.2f}" for f, v in rows),
    "rew": lambda rows: (
        "* Measurement data measured by REW V5.20\n* Smoothing: 1/48 octave\n*\n"
        "* Freq(Hz)\tSPL(dB)\tPhase(degrees)\n" + "\n".join(f"{f:.6f}\t{v:.3f}\t-12.5" for f, v in rows)
    ),
    "rew-comma": lambda rows: (
        "* Freq(Hz), SPL(dB), Phase(degrees)\n" + "\n".join(f"{f:.3f}, {v:.3f}, 1.0" for f, v in rows)
    ),
    "plain": lambda rows: "\n".join(f"{f:.3f} {v:.3f}" for f, v in rows),
    "plain-tab-header": lambda rows: "Frequency\tdB\n" + "\n".join(f"{f:.3f}\t{v:.3f}" for f, v in rows),
    "semicolon-decimal-comma": lambda rows: (
        "Freq;SPL\n" + "\n".join(f"{f:.3f};{v:.3f}".replace(".", ",") for f, v in rows)
    ),
    "spl-second-of-three": lambda rows: (
        "Phase,Frequency,SPL\n" + "\n".join(f"0,{f:.3f},{v:.3f}" for f, v in rows)
    ),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_layouts(layout, tmp_path) -> None:
    rows = _rows()
    path = tmp_path / "curve.txt"
    path.write_text(LAYOUTS[layout](rows) + "\n", encoding="utf-8")
    curve = read(path)
    assert len(curve) == len(rows)
    assert np.allclose(curve.frequency_hz, [r[0] for r in rows], rtol=1e-3)
    assert np.allclose(curve.spl_db, [r[1] for r in rows], atol=0.01)


BAD = [
    ("empty", "", "no numeric rows", None),
    ("text", "hello\nworld\n", "no numeric rows", None),
    ("few", "frequency,raw\n" + "\n".join(f"{100 * 2**i},{i}" for i in range(7)), "only 7 data points", 8),
    (
        "decreasing",
        "frequency,raw\n20,1\n"
        + "\n".join(f"{f},1" for f in [50, 100, 40, 1000, 2000, 5000, 10000, 15000, 20000, 21000]),
        "not above",
        5,
    ),
    (
        "nan",
        "frequency,raw\n" + "\n".join(f"{20 * 2**i},{'nan' if i == 4 else 1}" for i in range(11)),
        "NaN",
        6,
    ),
    ("narrow", "frequency,raw\n" + "\n".join(f"{200 + 100 * i},1" for i in range(30)), "misses 100 Hz", 2),
    (
        "linear",
        "frequency,raw\n" + "\n".join(f"{20 * 2**i},{0.02 * 1.5**i}" for i in range(11)),
        "linear pressure",
        2,
    ),
    (
        "junk-after-data",
        "frequency,raw\n" + "\n".join(f"{20 * 2**i},1" for i in range(11)) + "\nthe end\n",
        "after the data",
        13,
    ),
]


@pytest.mark.parametrize(("case", "text", "problem", "line"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_name_file_line_and_problem(case, text, problem, line, tmp_path) -> None:
    path = tmp_path / f"{case}.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FrReadError) as info:
        read(path)
    err = info.value
    assert problem in str(err) and str(path) in str(err) and err.hint
    assert err.line == line
    if line is not None:
        assert f"line {line}" in str(err)


def test_missing_and_binary_files(tmp_path) -> None:
    with pytest.raises(FrReadError, match="no such file"):
        read(tmp_path / "nope.csv")
    (tmp_path / "b.csv").write_bytes(b"\x89PNG\x00\x00\x01")
    with pytest.raises(FrReadError, match="binary"):
        read(tmp_path / "b.csv")


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.floats(-40, 130, allow_nan=False), min_size=10, max_size=200),
    layout=st.sampled_from(sorted(LAYOUTS)),
)
def test_round_trip_property(values, layout, tmp_path_factory) -> None:
    f = np.geomspace(20, 20000, len(values))
    rows = list(zip(f.tolist(), values, strict=True))
    path = tmp_path_factory.mktemp("rt") / "c.txt"
    path.write_text(LAYOUTS[layout](rows), encoding="utf-8")
    try:
        curve = read(path)
    except FrReadError as exc:
        # The only refusal allowed for dB-range data is the linear-pressure guard on all-small positives.
        assert "linear pressure" in str(exc)
        return
    assert np.allclose(curve.spl_db, values, atol=0.006)


@settings(max_examples=80, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_text_never_crashes(text) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "x.csv"
        p.write_text(text, encoding="utf-8")
        try:
            curve = read(p)
        except FrReadError as exc:
            assert str(p) in str(exc)
        else:
            assert len(curve) >= 10


def test_positive_db_curve_with_a_dip_is_not_taken_for_pressure(tmp_path) -> None:
    f = np.geomspace(20, 20000, 200)
    y = 0.02 + 2 * np.abs(np.log2(f / 1000))  # 0 dB-ish at 1 kHz, positive everywhere
    path = tmp_path / "dip.csv"
    path.write_text("frequency,raw\n" + "\n".join(f"{a:.3f},{b:.3f}" for a, b in zip(f, y, strict=True)))
    assert np.allclose(read(path).spl_db, y, atol=0.001)
