"""Grid, interpolation, normalization, smoothing and target curves."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from headspec.errors import NotFoundError
from headspec.fr import get_target, read
from headspec.fr.grid import autoeq_grid, interpolate, normalize, smooth, value_at
from headspec.fr.targets import low_shelf_db, names


def test_grid_is_autoeqs() -> None:
    g = autoeq_grid()
    assert g.size == 695 and g[0] == 20.0 and f"{g[-1]:.2f}" == "19955.54"
    assert np.allclose(g[1:] / g[:-1], 1.01)
    assert not g.flags.writeable


def test_grid_matches_the_shared_csv_frequencies(fr_root) -> None:
    curve = read(fr_root / "oratory1990/over-ear/Sennheiser HD 650.csv")
    assert [f"{f:.2f}" for f in autoeq_grid()] == [f"{f:.2f}" for f in curve.frequency_hz]


def test_interpolation_is_linear_in_log_frequency_and_extrapolates() -> None:
    f = np.array([100.0, 1000.0, 10000.0])
    y = np.array([0.0, 10.0, 0.0])
    out = interpolate(f, y, np.array([100.0, np.sqrt(100 * 1000), 1000.0, 10.0, 100000.0]))
    assert out == pytest.approx([0.0, 5.0, 10.0, -10.0, -10.0])


@settings(max_examples=50, deadline=None)
@given(arrays(float, 30, elements=st.floats(-50, 50)), st.floats(-20, 20))
def test_normalize_sets_zero_at_1khz_and_ignores_offsets(y, offset) -> None:
    f = np.geomspace(20, 20000, 30)
    a = normalize(f, y, 1000.0)
    b = normalize(f, y + offset, 1000.0)
    assert value_at(f, a, 1000.0) == pytest.approx(0.0, abs=1e-9)
    assert np.allclose(a, b, atol=1e-9)
    band = normalize(f, y, (300.0, 3000.0))
    assert band[(f >= 300) & (f <= 3000)].mean() == pytest.approx(0.0, abs=1e-9)


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 48), st.floats(-5, 5), st.floats(-30, 30))
def test_smoothing_keeps_lines_in_log_frequency(fraction, slope, offset) -> None:
    g = autoeq_grid()
    y = offset + slope * np.log2(g / 1000)
    assert np.allclose(smooth(g, y, fraction), y, atol=1e-9)


def test_smoothing_narrows_peaks_less_at_finer_fractions() -> None:
    g = autoeq_grid()
    peak = np.where(np.abs(g - 3000) < 40, 10.0, 0.0)
    assert smooth(g, peak, 48).max() > smooth(g, peak, 3).max()
    with pytest.raises(ValueError, match="1/1 to 1/48"):
        smooth(g, peak, 96)


def test_package_targets_match_autoeqs(fr_root) -> None:
    for key, shared in [
        ("harman-over-ear-2018", "Harman over-ear 2018.csv"),
        ("harman-in-ear-2019-without-bass", "Harman in-ear 2019 without bass.csv"),
    ]:
        t = get_target(key)
        ref = read(fr_root / "targets" / shared)
        assert np.array_equal(t.curve.spl_db, ref.spl_db)
        assert "AutoEq" in t.origin and "commit" in t.origin


def test_in_ear_target_adds_the_bass_shelf() -> None:
    plain = get_target("harman-in-ear-2019-without-bass").on_grid()
    full = get_target("Harman in-ear 2019").on_grid()
    shelf = full - plain
    g = autoeq_grid()
    assert shelf[0] == pytest.approx(9.5, abs=0.1)  # full gain well below 105 Hz
    assert shelf[g > 2000].max() < 0.1  # nothing left in the treble
    assert shelf[np.argmin(np.abs(g - 105))] == pytest.approx(4.75, abs=0.6)  # about half the gain at fc


def test_low_shelf_is_zero_without_gain_and_symmetric_in_sign() -> None:
    g = autoeq_grid()
    assert np.all(low_shelf_db(g, 0.0) == 0)
    assert np.allclose(low_shelf_db(g, 6.0), -low_shelf_db(g, -6.0), atol=1e-9)


def test_target_by_path_and_unknown_name(fr_root) -> None:
    t = get_target(fr_root / "targets" / "Harman over-ear 2018.csv")
    assert np.allclose(t.on_grid(), get_target("harman-over-ear-2018").on_grid())
    with pytest.raises(NotFoundError, match="unknown target") as info:
        get_target("harman 2099")
    assert "harman-in-ear-2019" in info.value.hint
    assert names() == sorted(names()) and "harman-over-ear-2018" in names()
