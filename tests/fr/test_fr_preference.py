"""Preference scores agree with AutoEq 4.1.2 on every shared curve (expected_scores.csv)."""

from __future__ import annotations

import numpy as np
import pytest

from headspec.fr import score, score_many
from headspec.fr.preference import CAVEAT, INEAR_FREQUENCIES_HZ, MODELS, OVEREAR_FREQUENCIES_HZ

TOLERANCE = 0.05
N_SHARED = 303


@pytest.fixture(scope="session")
def batch_scores(shared_curves):
    return score_many(shared_curves)


def test_every_shared_curve_is_scored(expected_rows, batch_scores) -> None:
    assert len(expected_rows) == N_SHARED == len(batch_scores)


@pytest.mark.parametrize("i", range(N_SHARED))
def test_score_matches_autoeq(i, expected_rows, batch_scores) -> None:
    row, s = expected_rows[i], batch_scores[i]
    assert s.form == row["form"]
    assert abs(s.score - float(row["autoeq_preference_score"])) <= TOLERANCE, row["name"]
    assert abs(s.std_db - float(row["std_db"])) <= 0.001
    assert abs(s.slope - float(row["slope"])) <= 0.001
    expected_model = "harman-over-ear-2018" if row["model"] == "over-ear" else "harman-in-ear-2019"
    assert s.model == expected_model
    if row["mean_abs_error_db"]:
        assert s.mean_abs_error_db is not None
        assert abs(s.mean_abs_error_db - float(row["mean_abs_error_db"])) <= 0.001
    else:
        assert s.mean_abs_error_db is None


def test_max_deviation_over_all_rows(expected_rows, batch_scores) -> None:
    dev = np.array(
        [
            s.score - float(r["autoeq_preference_score"])
            for s, r in zip(batch_scores, expected_rows, strict=True)
        ]
    )
    # expected_scores.csv is rounded to 4 decimals; we reproduce AutoEq's arithmetic, not approximate it.
    assert np.abs(dev).max() < 1e-3


def test_single_and_batch_agree(shared_curves, batch_scores) -> None:
    for curve, s in zip(shared_curves[:20], batch_scores[:20], strict=True):
        assert score(curve).score == pytest.approx(s.score, abs=1e-9)


def test_hd650_matches_readme_check(fr_root) -> None:
    from headspec.fr import read

    s = score(read(fr_root / "oratory1990/over-ear/Sennheiser HD 650.csv"))
    assert round(s.score, 1) == 83.7 and round(s.std_db, 2) == 2.10 and round(s.slope, 2) == -0.27
    assert s.model == "harman-over-ear-2018" and s.target == "Harman over-ear 2018"
    assert s.caveat == CAVEAT and "Harman-style rigs" in s.caveat


def test_patent_form_uses_its_own_coefficients(shared_curves, batch_scores) -> None:
    i = next(k for k, c in enumerate(shared_curves) if c.form == "in-ear")
    default, patent = batch_scores[i], score(shared_curves[i], model="harman-in-ear-patent")
    assert (patent.std_db, patent.slope, patent.mean_abs_error_db) == pytest.approx(
        (default.std_db, default.slope, default.mean_abs_error_db)
    )
    expected = 68.685 - 3.238 * patent.std_db - 4.473 * abs(patent.slope) - 2.658 * patent.mean_abs_error_db
    assert patent.score == pytest.approx(expected)
    assert "68.685" in patent.model_name and "100.0795" in default.model_name


def test_earbuds_use_the_in_ear_model(shared_curves, batch_scores) -> None:
    buds = [s for c, s in zip(shared_curves, batch_scores, strict=True) if c.form == "earbud"]
    assert buds and all(s.model == "harman-in-ear-2019" for s in buds)
    assert all("in-ear 2019" in s.target for s in buds)


def test_over_ear_band_is_a_parameter(fr_root) -> None:
    from headspec.fr import read

    curve = read(fr_root / "oratory1990/over-ear/Sennheiser HD 650.csv")
    wide = score(curve, band_hz=(20.0, 10000.0))
    assert wide.band_hz == (20.0, 10000.0)
    # HD 650 rolls off below 50 Hz, so widening the band raises SD and lowers the score.
    assert wide.std_db > score(curve).std_db and wide.score < score(curve).score


def test_perfect_match_gets_the_model_intercept() -> None:
    from headspec.fr import get_target
    from headspec.fr.curve import FrequencyResponse
    from headspec.fr.grid import autoeq_grid

    t = get_target("harman-in-ear-2019")
    s = score(FrequencyResponse(autoeq_grid(), t.on_grid() + 7.0, name="target", form="in-ear"))
    assert s.score == pytest.approx(MODELS["harman-in-ear-2019"].intercept, abs=1e-9)
    assert s.std_db == pytest.approx(0, abs=1e-9)


def test_harman_frequencies_are_r40_series() -> None:
    assert INEAR_FREQUENCIES_HZ.size == OVEREAR_FREQUENCIES_HZ.size == 121
    assert INEAR_FREQUENCIES_HZ[0] == 20.0 and INEAR_FREQUENCIES_HZ[-1] == 20000.0
    steps = np.diff(np.log2(INEAR_FREQUENCIES_HZ))
    assert np.all(np.abs(steps - 1 / 12) < 0.02)  # R40 ~ 1/12 octave apart (40 per decade)
    assert np.array_equal(INEAR_FREQUENCIES_HZ[16:], OVEREAR_FREQUENCIES_HZ[16:])


def test_unknown_form_is_a_clear_error(shared_curves) -> None:
    from headspec.errors import HeadspecError

    with pytest.raises(HeadspecError, match="no preference model"):
        score(shared_curves[0], form="headband")
