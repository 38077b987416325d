"""Harman/Olive predicted-preference scores, vectorized over many curves.

The procedure follows AutoEq 4.1.2 so the numbers agree with it: each curve is
interpolated onto the 20·1.01^k grid (linear in log frequency), set to 0 dB at
1 kHz, the target (same grid, 0 dB at 1 kHz, plus its low shelf) is subtracted,
and the error is sampled at the 1/24-octave (R40) frequencies of Harman's
spreadsheet. SD uses ddof=1; the slope is the least-squares slope of the error
against ln f.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np

from headspec.errors import HeadspecError
from headspec.fr.curve import FrequencyResponse
from headspec.fr.grid import FloatArray, autoeq_grid, interpolate, normalize
from headspec.fr.targets import Target, for_form, get_target

CAVEAT = (
    "Predicted preference holds for Harman-style rigs and targets only; it ignores distortion, "
    "ringing and fit, and differences above about 90 mean little."
)

_R40 = np.array(
    [
        100,
        106,
        112,
        118,
        125,
        132,
        140,
        150,
        160,
        170,
        180,
        190,
        200,
        212,
        224,
        236,
        250,
        265,
        280,
        300,
        315,
        335,
        355,
        375,
        400,
        425,
        450,
        475,
        500,
        530,
        560,
        600,
        630,
        670,
        710,
        750,
        800,
        850,
        900,
        950,
    ],
    dtype=float,
)
_R40_ALL = np.concatenate([_R40 / 10, _R40, _R40 * 10, _R40 * 100])
# 1/24-octave (Renard R40) frequencies 20 Hz–20 kHz used by the in-ear spreadsheet.
INEAR_FREQUENCIES_HZ = np.concatenate([_R40_ALL[(_R40_ALL >= 20) & (_R40_ALL < 20000)], [20000.0]])
# The over-ear spreadsheet rounds the frequencies below 50 Hz to whole hertz differently.
_OVEREAR_LOW = np.array([20, 21, 22, 24, 25, 27, 28, 30, 32, 34, 36, 38, 40, 43, 45, 48], dtype=float)
OVEREAR_FREQUENCIES_HZ = np.concatenate([_OVEREAR_LOW, INEAR_FREQUENCIES_HZ[INEAR_FREQUENCIES_HZ >= 50]])


@dataclass(frozen=True)
class Model:
    key: str
    name: str
    forms: tuple[str, ...]
    intercept: float
    k_std: float
    k_slope: float
    k_mean: float = 0.0
    band_hz: tuple[float, float] = (20.0, 10000.0)
    mean_band_hz: tuple[float, float] | None = None
    reference: str = ""


MODELS = {
    m.key: m
    for m in (
        Model(
            "harman-over-ear-2018",
            "Harman over-ear 2018 (PPR = 114.49 - 12.62 SD - 15.52 |slope|)",
            ("over-ear", "on-ear"),
            114.490443008238,
            12.62,
            15.5163857197367,
            band_hz=(50.0, 10000.0),
            reference="Olive, Welti, Khonsaripour, AES 144th Convention 2018",
        ),
        Model(
            "harman-in-ear-2019",
            "Harman in-ear (PPR = 100.0795 - 8.5 SD - 6.796 |slope| - 3.475 ME)",
            ("in-ear", "earbud"),
            100.0795,
            8.5,
            6.796,
            3.475,
            band_hz=(20.0, 10000.0),
            mean_band_hz=(40.0, 10000.0),
            reference="Olive et al., AES 143rd Convention 2017; as used by AutoEq",
        ),
        Model(
            "harman-in-ear-patent",
            "Harman in-ear, patent form (PPR = 68.685 - 3.238 SD - 4.473 |slope| - 2.658 ME)",
            ("in-ear", "earbud"),
            68.685,
            3.238,
            4.473,
            2.658,
            band_hz=(20.0, 10000.0),
            mean_band_hz=(40.0, 10000.0),
            reference="US patent application 2019/0087739",
        ),
    )
}
DEFAULT_MODEL = {
    "over-ear": "harman-over-ear-2018",
    "on-ear": "harman-over-ear-2018",
    "in-ear": "harman-in-ear-2019",
    "earbud": "harman-in-ear-2019",
}


@dataclass(frozen=True)
class PreferenceScore:
    """One curve's predicted preference, its components, and what it was scored against."""

    score: float
    std_db: float
    slope: float
    mean_abs_error_db: float | None
    model: str
    model_name: str
    target: str
    form: str
    band_hz: tuple[float, float]
    name: str = ""
    source: str | None = None
    caveat: str = CAVEAT

    def to_dict(self) -> dict[str, object]:
        d = asdict(self)
        d["band_hz"] = list(self.band_hz)
        return d


def _model_for(form: str, model: str | None) -> Model:
    key = model or DEFAULT_MODEL.get(form)
    if key in ("in-ear-patent", "patent"):
        key = "harman-in-ear-patent"
    if key not in MODELS:
        raise HeadspecError(
            f"no preference model {key!r} for form {form!r}",
            input=model or form,
            field="model",
            hint=f"models: {', '.join(MODELS)}; forms: {', '.join(DEFAULT_MODEL)}",
        )
    return MODELS[key]


@lru_cache(maxsize=16)
def _freqs_for(model_key: str) -> FloatArray:
    return OVEREAR_FREQUENCIES_HZ if model_key == "harman-over-ear-2018" else INEAR_FREQUENCIES_HZ


def score_arrays(
    frequency_hz: FloatArray,
    spl_db: np.ndarray,
    *,
    model: Model,
    target: Target,
    band_hz: tuple[float, float] | None = None,
) -> dict[str, np.ndarray]:
    """Score every row of ``spl_db`` (shape ``(m, n)``, all on ``frequency_hz``) in one pass.

    Returns arrays ``score, std_db, slope, mean_abs_error_db`` of length m (the last is
    NaN for models without a mean-error term).
    """
    y = np.atleast_2d(np.asarray(spl_db, dtype=float))
    grid = autoeq_grid()
    on_grid = normalize(grid, interpolate(frequency_hz, y, grid), 1000.0)
    error = on_grid - target.on_grid()
    fh = _freqs_for(model.key)
    e = interpolate(grid, error, fh)
    lo, hi = band_hz or model.band_hz
    band = (fh >= lo) & (fh <= hi)
    eb = e[:, band]
    std = eb.std(axis=1, ddof=1)
    x = np.log(fh[band])
    xc = x - x.mean()
    slope = (eb - eb.mean(axis=1, keepdims=True)) @ xc / (xc @ xc)
    score = model.intercept - model.k_std * std - model.k_slope * np.abs(slope)
    if model.mean_band_hz is not None:
        at500 = e[:, np.flatnonzero(fh == 500.0)[0]]
        mlo, mhi = model.mean_band_hz
        mband = (fh >= mlo) & (fh <= mhi)
        mean_abs = np.abs(e[:, mband] - at500[:, None]).mean(axis=1)
        score = score - model.k_mean * mean_abs
    else:
        mean_abs = np.full(y.shape[0], np.nan)
    return {"score": score, "std_db": std, "slope": slope, "mean_abs_error_db": mean_abs}


def _resolve_form(fr: FrequencyResponse, form: str | None) -> str:
    form = form or fr.form
    if form is None:
        raise HeadspecError(
            f"form of {fr.name!r} is unknown",
            input=fr.name,
            field="form",
            hint="pass form='over-ear', 'in-ear' or 'earbud'",
        )
    return form


def score_many(
    frs: Sequence[FrequencyResponse],
    form: str | None = None,
    *,
    model: str | None = None,
    target: str | Target | None = None,
    band_hz: tuple[float, float] | None = None,
) -> list[PreferenceScore]:
    """Score many curves; curves sharing a frequency axis, form and model are scored as one 2-D array."""
    groups: dict[tuple[bytes, str, str, str], list[int]] = {}
    resolved = []
    for i, fr in enumerate(frs):
        f = _resolve_form(fr, form)
        m = _model_for(f, model)
        t = target if isinstance(target, Target) else (get_target(target) if target else for_form(f))
        resolved.append((f, m, t))
        groups.setdefault((fr.frequency_hz.tobytes(), f, m.key, t.key), []).append(i)
    out: list[PreferenceScore | None] = [None] * len(frs)
    for idx in groups.values():
        f, m, t = resolved[idx[0]]
        ys = np.vstack([frs[i].spl_db for i in idx])
        r = score_arrays(frs[idx[0]].frequency_hz, ys, model=m, target=t, band_hz=band_hz)
        for j, i in enumerate(idx):
            mean = float(r["mean_abs_error_db"][j])
            out[i] = PreferenceScore(
                score=float(r["score"][j]),
                std_db=float(r["std_db"][j]),
                slope=float(r["slope"][j]),
                mean_abs_error_db=None if np.isnan(mean) else mean,
                model=m.key,
                model_name=m.name,
                target=t.label,
                form=f,
                band_hz=band_hz or m.band_hz,
                name=frs[i].name,
                source=frs[i].source,
            )
    return [s for s in out if s is not None]


def score(
    fr: FrequencyResponse,
    form: str | None = None,
    *,
    model: str | None = None,
    target: str | Target | None = None,
    band_hz: tuple[float, float] | None = None,
) -> PreferenceScore:
    """Predicted preference of one curve.

    ``form`` defaults to the curve's own (from an AutoEq-layout path); earbuds use the
    in-ear model. ``model='harman-in-ear-patent'`` selects the patent's 68.685 form;
    ``band_hz`` changes the band of SD and slope (the over-ear default is 50 Hz–10 kHz).
    """
    return score_many([fr], form, model=model, target=target, band_hz=band_hz)[0]
