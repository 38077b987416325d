"""Tonality words, curve distance, and plots."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from headspec.fr import FrequencyResponse, describe, distance, get_target, plot, read
from headspec.fr.grid import autoeq_grid
from headspec.fr.targets import low_shelf_db


def _curve(y: np.ndarray, form: str = "in-ear", **kw) -> FrequencyResponse:
    return FrequencyResponse(autoeq_grid(), y, name=kw.pop("name", "synthetic"), form=form, **kw)


@pytest.fixture(scope="module")
def in_ear_target() -> np.ndarray:
    return get_target("harman-in-ear-2019").on_grid()


def test_target_itself_is_neutral(in_ear_target) -> None:
    t = describe(_curve(in_ear_target + 3.0))
    assert t.signature == "neutral to target"
    assert all(abs(b.offset_db) < 0.2 for b in t.bands)


def test_extra_bass_reads_as_warm(in_ear_target) -> None:
    t = describe(_curve(in_ear_target + low_shelf_db(autoeq_grid(), 5.0)))
    assert t.offset("sub-bass") > 3.5 and t.signature in ("warm", "bass-heavy")
    assert "over target" in t.summary


def test_bass_and_treble_boost_reads_as_v_shaped(in_ear_target) -> None:
    g = autoeq_grid()
    boost = low_shelf_db(g, 6.0) + np.where(g > 2000, 4.0, 0.0)
    assert describe(_curve(in_ear_target + boost)).signature == "V-shaped"


def test_treble_boost_reads_as_bright(in_ear_target) -> None:
    g = autoeq_grid()
    t = describe(_curve(in_ear_target + np.where(g > 2500, 5.0, 0.0)))
    assert t.signature == "bright" and t.offset("treble") == pytest.approx(5.0, abs=0.6)


def test_real_hd650_lacks_sub_bass(fr_root) -> None:
    t = describe(read(fr_root / "oratory1990/over-ear/Sennheiser HD 650.csv"))
    assert t.offset("sub-bass") < -4 and "sub-bass" in t.summary
    assert t.target == "Harman over-ear 2018"


def test_channel_imbalance_is_reported(fr_root) -> None:
    from headspec.fr import read_channels

    raw = fr_root / "raw/harpo"
    t = describe(read_channels([raw / "Fiio FH5 L.txt", raw / "Fiio FH5 R.txt"], form="in-ear"))
    assert t.channel_imbalance_db is not None and "channel imbalance" in t.summary


def test_distance_properties(shared_curves) -> None:
    a, b = shared_curves[0], shared_curves[1]
    assert distance(a, a) == pytest.approx(0.0, abs=1e-12)
    assert distance(a, b) == pytest.approx(distance(b, a))
    louder = a.with_values(a.frequency_hz, a.spl_db + 6.0)
    assert distance(a, louder) == pytest.approx(0.0, abs=1e-9)


def test_distance_one_vs_many_equals_pairwise(shared_curves) -> None:
    ref = shared_curves[5]
    many = distance(ref, shared_curves)
    assert many.shape == (len(shared_curves),)
    assert many[5] == pytest.approx(0.0, abs=1e-12)
    for i in (0, 50, 200, 302):
        assert many[i] == pytest.approx(distance(ref, shared_curves[i]))


def test_earpods_are_closer_to_each_other_than_to_an_hd650(fr_root) -> None:
    pods = [read(fr_root / s / "earbud/Apple EarPods.csv") for s in ("Rtings", "Innerfidelity")]
    hd650 = read(fr_root / "oratory1990/over-ear/Sennheiser HD 650.csv")
    assert distance(pods[0], pods[1]) < distance(pods[0], hd650)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot_writes_files(fr_root, tmp_path, suffix) -> None:
    curves = [read(fr_root / s / "earbud/Apple EarPods.csv") for s in ("Rtings", "Innerfidelity")]
    out = tmp_path / f"earpods{suffix}"
    fig = plot(curves, path=out)
    data = out.read_bytes()
    assert len(data) > 10_000
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert b"<svg" in data[:2000] and b"Rtings" in data
    top, bottom = fig.axes[:2]
    assert top.get_xscale() == "log" and [t.get_text() for t in bottom.get_xticklabels()][:3] == [
        "20",
        "50",
        "100",
    ]
    assert "Apple EarPods" in fig._suptitle.get_text() and "Harman in-ear 2019" in fig._suptitle.get_text()


def test_plot_rejects_unknown_extension(shared_curves, tmp_path) -> None:
    from headspec.errors import HeadspecError

    with pytest.raises(HeadspecError, match="use .png or .svg"):
        plot(shared_curves[0], path=tmp_path / "x.jpg")


def test_scoring_does_not_import_matplotlib(fr_root) -> None:
    code = (
        "import sys; from headspec import fr; c = fr.read(sys.argv[1]); fr.score(c); fr.describe(c); "
        "fr.distance(c, c); assert 'matplotlib' not in sys.modules and 'scipy' not in sys.modules"
    )
    r = subprocess.run(
        [sys.executable, "-c", code, str(fr_root / "oratory1990/over-ear/Sennheiser HD 650.csv")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
