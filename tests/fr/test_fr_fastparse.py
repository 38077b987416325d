"""The vectorized read path must give exactly what the careful line-by-line parser gives, or step aside."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headspec.errors import FrReadError
from headspec.fr import read, read_many
from headspec.fr._fastparse import parse_decimals
from headspec.fr.readers import _clean_body, _decode, _parse_clean_many, _parse_slow, _read_bytes


def _bits(a: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(a, dtype=np.float64).view(np.int64)


def _shared_paths(fr_root: Path, expected_rows: list[dict[str, str]]) -> list[Path]:
    return [fr_root / r["source"] / r["form"] / f"{r['name']}.csv" for r in expected_rows]


def test_fast_and_careful_paths_agree_bit_for_bit_on_every_shared_curve(fr_root, expected_rows) -> None:
    paths = _shared_paths(fr_root, expected_rows)
    assert len(paths) == 303
    datas = [_read_bytes(p) for p in paths]
    cleans = [_clean_body(d) for d in datas]
    fast = _parse_clean_many([c for c in cleans if c is not None])
    # Every shared AutoEq CSV is clean, so the fast path really is what is being compared.
    assert len(fast) == 303 and all(t is not None for t in fast)
    batch = read_many(paths)
    for p, d, (f, y), curve in zip(paths, datas, fast, batch, strict=True):
        slow = _parse_slow(_decode(d), p)
        assert np.array_equal(_bits(f), _bits(slow.frequency_hz)), p
        assert np.array_equal(_bits(y), _bits(slow.spl_db)), p
        assert np.array_equal(_bits(curve.frequency_hz), _bits(slow.frequency_hz)), p
        assert np.array_equal(_bits(curve.spl_db), _bits(slow.spl_db)), p


def test_read_many_matches_read_including_metadata(fr_root, expected_rows) -> None:
    paths = _shared_paths(fr_root, expected_rows)[::10]
    for a, b in zip(read_many(paths), [read(p) for p in paths], strict=True):
        meta = ("name", "source", "form", "path", "channels")
        assert [getattr(a, m) for m in meta] == [getattr(b, m) for m in meta]
        assert np.array_equal(a.spl_db, b.spl_db) and np.array_equal(a.frequency_hz, b.frequency_hz)
        assert not a.spl_db.flags.writeable and not a.frequency_hz.flags.writeable


def test_raw_rew_channel_files_take_the_fast_path_and_agree(fr_root) -> None:
    raws = sorted((fr_root / "raw" / "harpo").glob("*.txt"))
    assert raws
    taken = 0
    for p in raws:
        data = _read_bytes(p)
        clean = _clean_body(data)
        slow = _parse_slow(_decode(data), p)
        if clean is None:
            continue
        (ft,) = _parse_clean_many([clean])
        if ft is None:
            continue
        taken += 1
        assert np.array_equal(_bits(ft[0]), _bits(slow.frequency_hz)), p
        assert np.array_equal(_bits(ft[1]), _bits(slow.spl_db)), p
    assert taken == len(raws)


def _ragged(tmp: Path) -> Path:
    rows = [f"{20 * 1.1**i:.2f},{i % 7 - 3:.2f}" for i in range(80)]
    rows[40] += ",1.00"  # one row with an extra number: line 42 with the header
    p = tmp / "ragged.csv"
    p.write_text("frequency,raw\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return p


def test_bad_file_in_a_batch_still_names_its_line(fr_root, expected_rows, tmp_path) -> None:
    good = _shared_paths(fr_root, expected_rows)[:3]
    bad = tmp_path / "decreasing.csv"
    rows = [f"{20 * 1.1**i:.2f},{i % 5:.2f}" for i in range(80)]
    rows[30] = "5.00,1.00"  # frequency falls back on line 32 (line 1 is the header)
    bad.write_text("frequency,raw\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(FrReadError) as info:
        read_many([good[0], bad, good[1], _ragged(tmp_path), good[2]])
    err = info.value
    assert err.line == 32 and str(bad) in str(err) and "not above" in str(err)
    # A ragged row is not an error for the careful parser (it reads the first two columns),
    # but the fast path must not misalign the columns: same numbers either way.
    ragged = _ragged(tmp_path)
    assert _parse_clean_many([_clean_body(ragged.read_bytes())]) == [None]
    assert np.array_equal(read_many([ragged])[0].spl_db, _parse_slow(ragged.read_text(), ragged).spl_db)


@pytest.mark.parametrize(
    ("body", "problem", "line"),
    [
        ("20,1\n" + "".join(f"{100 * 2**i},nan\n" for i in range(10)), "NaN", 2),
        ("".join(f"{20 * 2**i},{i}\n" for i in range(10)) + "40000,1e400\n", "NaN or infinite", 11),
        ("".join(f"{20 * 2**i},{0.02 * 1.5**i}\n" for i in range(11)), "linear pressure", 1),
        ("".join(f"{20 * 2**i},{300 if i == 6 else 1}\n" for i in range(11)), "not a plausible SPL", 7),
        ("".join(f"{20 * 2**i},1\n" for i in range(11)) + "1e6,\n", "expected at least 2 columns", 12),
    ],
)
def test_files_the_fast_path_refuses_fail_with_the_careful_message(body, problem, line, tmp_path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text(body, encoding="utf-8")
    for reader in (lambda: read(p), lambda: read_many([p])):
        with pytest.raises(FrReadError) as info:
            reader()
        assert problem in str(info.value) and str(p) in str(info.value)
        assert info.value.line == line


_decimal = st.builds(
    lambda sign, whole, frac, plus: (sign or ("+" if plus else "")) + whole + frac,
    st.sampled_from(["", "-"]),
    st.from_regex(r"[0-9]{0,9}", fullmatch=True),
    st.from_regex(r"(\.[0-9]{0,6})?", fullmatch=True),
    st.booleans(),
).filter(lambda s: any(ch.isdigit() for ch in s))


@settings(max_examples=200, deadline=None)
@given(
    numbers=st.lists(_decimal, min_size=1, max_size=40),
    seps=st.sampled_from([",", " ", "\t", "\n", ", ", "\r\n"]),
)
def test_parse_decimals_is_bit_identical_to_float(numbers, seps) -> None:
    parsed = parse_decimals(seps.join(numbers).encode())
    assert parsed is not None
    expected = np.array([float(x) for x in numbers])
    assert np.array_equal(_bits(parsed[0]), _bits(expected))


@pytest.mark.parametrize(
    "text", ["1e3", "nan", "1.2.3", "4-5", "4.5-", "-4-5", "+-4", "-", ".", "1234567890123456", "1_000"]
)
@pytest.mark.parametrize("frame", ["20,1\n{},2\n", "20.0,1.0\n{},2.0\n", "{}"])
def test_parse_decimals_refuses_what_it_cannot_read_exactly(text, frame) -> None:
    assert parse_decimals(frame.format(text).encode()) is None


_LAYOUT = st.sampled_from(
    [
        ("frequency,raw\n", ",", "\n"),
        ("* Freq(Hz)\tSPL(dB)\tPhase(degrees)\n", "\t", "\r\n"),
        ("", " ", "\n"),
        ("Freq;SPL\n", ";", "\n"),
    ]
)


@settings(max_examples=80, deadline=None)
@given(
    values=st.lists(st.floats(-60, 130, allow_nan=False), min_size=10, max_size=120),
    layout=_LAYOUT,
    digits=st.integers(0, 6),
    extra=st.booleans(),
)
def test_fast_path_reads_what_the_careful_parser_reads(values, layout, digits, extra, tmp_path_factory):
    header, sep, eol = layout
    f = np.geomspace(20, 20000, len(values))
    phase = ["-12.5"] if extra else []
    cols = [[f"{a:.3f}", f"{b:.{digits}f}", *phase] for a, b in zip(f, values, strict=True)]
    text = header + eol.join(sep.join(c) for c in cols) + eol
    p = tmp_path_factory.mktemp("fp") / "c.txt"
    p.write_bytes(text.encode())
    try:
        slow = _parse_slow(text, p)
    except FrReadError as exc:
        with pytest.raises(FrReadError) as info:
            read_many([p])
        assert str(info.value) == str(exc)
        return
    got = read_many([p])[0]
    assert np.array_equal(_bits(got.frequency_hz), _bits(slow.frequency_hz))
    assert np.array_equal(_bits(got.spl_db), _bits(slow.spl_db))


def _rows_text(sep: str = ",", n: int = 30) -> list[str]:
    return [f"{20 * 1.3**i:.2f}{sep}{(i % 9) - 4:.2f}" for i in range(n)]


TRICKY = {
    "leading-comma-row": "frequency,raw\n" + "\n".join(_rows_text()[:10] + [",5.0,1.0"] + _rows_text()[10:]),
    "trailing-commas": "frequency,raw\n" + "\n".join(r + "," for r in _rows_text()),
    "blank-lines": "frequency,raw\n\n" + "\n\n".join(_rows_text()) + "\n\n",
    "bom": "\ufefffrequency,raw\n" + "\n".join(_rows_text()),
    "bare-cr-inside": "frequency,raw\n" + "\n".join(_rows_text()[:5] + ["1000.00\r5.00"] + _rows_text()[5:]),
    "cr-cr-lf": "* Freq(Hz)\tSPL(dB)\r\r\n" + "\r\r\n".join(_rows_text("\t")),
    "comment-row-inside": "frequency,raw\n" + "\n".join(_rows_text()[:10] + ["# note"] + _rows_text()[10:]),
    "space-in-cell": "frequency,raw\n" + "\n".join(_rows_text()[:10] + ["500 0,1.0"] + _rows_text()[10:]),
    "mixed-separators": "frequency,raw\n" + "\n".join(_rows_text()[:10] + ["600\t1.0"] + _rows_text()[10:]),
    "spl-first": "SPL,Frequency\n" + "\n".join(",".join(reversed(r.split(","))) for r in _rows_text()),
    "no-level-header": "Frequency,Phase,Coherence\n" + "\n".join(r + ",1" for r in _rows_text()),
    "numeric-after-form-feed": "frequency,raw\x0c20.00,1.00\n" + "\n".join(_rows_text()[1:]),
}


def _assert_both_paths_read_as_careful(p) -> None:
    """read() and read_many() give the careful parser's numbers bit for bit, or its error and line."""
    try:
        slow = _parse_slow(_decode(p.read_bytes()), p)
    except FrReadError as exc:
        for reader in (read, lambda q: read_many([q])[0]):
            with pytest.raises(FrReadError) as info:
                reader(p)
            assert (str(info.value), info.value.line) == (str(exc), exc.line)
        return
    for reader in (read, lambda q: read_many([q])[0]):
        got = reader(p)
        assert np.array_equal(_bits(got.frequency_hz), _bits(slow.frequency_hz))
        assert np.array_equal(_bits(got.spl_db), _bits(slow.spl_db))


@pytest.mark.parametrize("case", sorted(TRICKY))
def test_tricky_files_read_as_the_careful_parser_reads_them(case, tmp_path) -> None:
    p = tmp_path / f"{case}.csv"
    p.write_bytes(TRICKY[case].encode())
    _assert_both_paths_read_as_careful(p)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("X.csv", (None, None)),
        ("over-ear/X.csv", (None, "over-ear")),
        ("/over-ear/X.csv", (None, "over-ear")),
        ("/data/over-ear/X.csv", (None, "over-ear")),
        ("data/over-ear/X.csv", (None, "over-ear")),
        ("/a/data/over-ear/X.csv", ("a", "over-ear")),
        ("../shared/data/fr/Harpo/in-ear/7Hz Legato.csv", ("Harpo", "in-ear")),
        ("/in-ear", (None, None)),
        ("earbud/data/in-ear/x.csv", ("earbud", "in-ear")),
        ("somewhere/X.csv", (None, None)),
    ],
)
def test_infer_layout_reads_path_parts(path, expected) -> None:
    from headspec.fr.readers import infer_layout

    assert infer_layout(path) == infer_layout(Path(path)) == expected


def test_read_many_reports_the_first_bad_file_in_order(fr_root, expected_rows, tmp_path, monkeypatch) -> None:
    import headspec.fr.readers as readers

    monkeypatch.setattr(readers, "_GROUP_FILES", 2)  # errors must keep their order across groups too
    good = _shared_paths(fr_root, expected_rows)[:4]
    bad = tmp_path / "few.csv"
    bad.write_text("frequency,raw\n" + "".join(f"{100 * 2**i},{i}\n" for i in range(7)), encoding="utf-8")
    missing = tmp_path / "missing.csv"
    assert len(read_many(good)) == 4
    with pytest.raises(FrReadError, match="only 7 data points") as info:
        read_many([good[0], good[1], good[2], bad, missing])
    assert info.value.line == 8
    with pytest.raises(FrReadError, match="no such file"):
        read_many([good[0], missing, bad])
    with pytest.raises(FrReadError, match="only 7 data points"):
        read_many([bad, missing])


_ROW = st.builds(
    lambda f, y, sep, tail: f"{f}{sep}{y}{tail}",
    st.sampled_from(["20", "100.5", "1000", "-5", "+7.25", "12.", ".5", "20000.00", "1e3", "5-"]),
    st.sampled_from(["1.0", "-3.25", "80", "0", "-0.00", "+2", "nan", "?", "250"]),
    st.sampled_from([",", "\t", " ", ";", ", ", ",,", "\t\t"]),
    st.sampled_from(["", ",1", "\t-12.5", ",", " ", "\r", "\r\r"]),
)


@settings(max_examples=150, deadline=None)
@given(
    header=st.sampled_from(["", "frequency,raw\n", "* Freq(Hz)\tSPL(dB)\n", "Frequency,Phase\n", "x\n"]),
    rows=st.lists(_ROW, min_size=0, max_size=30),
    base=st.integers(10, 40),
    eol=st.sampled_from(["\n", "\r\n", "\n\n"]),
)
def test_fast_and_careful_paths_agree_on_messy_tables(header, rows, base, eol, tmp_path_factory) -> None:
    # A valid spine of increasing frequencies with messy rows mixed in: whatever the careful
    # parser says (numbers or an error with its line), read and read_many must say the same.
    spine = [f"{20 * 1.25**i:.2f},{(i % 7) - 3}.5" for i in range(base)]
    mixed = spine[: base // 2] + rows + spine[base // 2 :]
    text = header + eol.join(mixed) + eol
    p = tmp_path_factory.mktemp("messy") / "m.csv"
    p.write_bytes(text.encode())
    _assert_both_paths_read_as_careful(p)


def test_swar_packs_every_digit_pattern_exactly() -> None:
    from headspec.fr._fastparse import _swar8

    rng = np.random.default_rng(4)
    digits = rng.integers(0, 10, size=(20000, 8), dtype=np.uint8)
    digits[:10] = np.arange(10, dtype=np.uint8)[:, None]  # all-zero ... all-nine words
    expected = (digits.astype(np.int64) * 10 ** np.arange(7, -1, -1)).sum(axis=1)
    assert np.array_equal(_swar8(digits.view("<u8").ravel()).astype(np.int64), expected)


def test_reading_odd_paths_names_the_problem(tmp_path, monkeypatch) -> None:
    import headspec.fr.readers as readers

    with pytest.raises(FrReadError, match="is a directory"):
        read_many([tmp_path])
    with pytest.raises(FrReadError, match="no such file"):
        read(tmp_path / "nope" / "x.csv")
    big = tmp_path / "big.csv"
    big.write_bytes(b"frequency,raw\n" + b"20.00,1.00\n" * 200)
    monkeypatch.setattr(readers, "MAX_BYTES", 1000)
    with pytest.raises(FrReadError, match="over the 0 MB limit"):
        read(big)
