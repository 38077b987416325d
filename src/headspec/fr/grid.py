"""The AutoEq frequency grid, log-frequency interpolation, normalization and smoothing.

All functions take curves as the last axis of an array, so one call handles a
single curve (shape ``(n,)``) or many curves stacked as rows (shape ``(m, n)``).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from headspec.errors import HeadspecError

F_MIN_HZ = 20.0
F_MAX_HZ = 20000.0
STEP = 1.01

FloatArray = NDArray[np.float64]


@lru_cache(maxsize=8)
def _grid(f_min: float, f_max: float, step: float) -> FloatArray:
    # AutoEq builds its grid by repeated multiplication (f *= step while f <= f_max); a cumulative
    # product rounds the same way at every step, so the grid is bit-identical.
    n = int(np.floor(np.log(f_max / f_min) / np.log(step))) + 2
    f = np.cumprod(np.r_[f_min, np.full(n, step)])
    f = f[f <= f_max]
    f.setflags(write=False)
    return f


def autoeq_grid(f_min: float = F_MIN_HZ, f_max: float = F_MAX_HZ, step: float = STEP) -> FloatArray:
    """AutoEq's log grid ``f_min * step**k`` up to ``f_max`` (695 points, 20 Hz–19,955.54 Hz by default)."""
    return _grid(float(f_min), float(f_max), float(step))


class LogInterpolator:
    """Linear interpolation in log10(frequency), with linear extrapolation past either end.

    This is what AutoEq's first-order spline does. Built once for a pair of frequency
    arrays, it is applied to any number of curves with two gathers and a multiply-add.
    """

    def __init__(self, f_from: ArrayLike, f_to: ArrayLike) -> None:
        x = np.log10(np.asarray(f_from, dtype=float))
        xt = np.log10(np.asarray(f_to, dtype=float))
        if x.size < 2:
            raise HeadspecError("need at least two frequencies to interpolate", input=int(x.size),
                                field="frequency_hz", hint="give a curve with two or more points")
        i = np.clip(np.searchsorted(x, xt, side="right") - 1, 0, x.size - 2)
        t = (xt - x[i]) / (x[i + 1] - x[i])
        self.lo = i
        self.hi = i + 1
        self.w_hi = t
        self.w_lo = 1.0 - t

    def __call__(self, y: ArrayLike) -> FloatArray:
        y = np.asarray(y, dtype=float)
        return y[..., self.lo] * self.w_lo + y[..., self.hi] * self.w_hi


@lru_cache(maxsize=64)
def _cached_interpolator(f_from: bytes, f_to: bytes) -> LogInterpolator:
    return LogInterpolator(np.frombuffer(f_from), np.frombuffer(f_to))


def interpolate(f_from: ArrayLike, y: ArrayLike, f_to: ArrayLike | None = None) -> FloatArray:
    """Interpolate curve(s) ``y`` given at ``f_from`` onto ``f_to`` (default: the AutoEq grid)."""
    src = np.ascontiguousarray(f_from, dtype=float)
    dst = autoeq_grid() if f_to is None else np.ascontiguousarray(f_to, dtype=float)
    return _cached_interpolator(src.tobytes(), dst.tobytes())(y)


def value_at(frequency_hz: FloatArray, y: ArrayLike, f0: float) -> FloatArray:
    """Value(s) of curve(s) at one frequency, interpolated linearly in log frequency."""
    out = interpolate(frequency_hz, y, np.array([float(f0)]))
    return out[..., 0]


def normalize(frequency_hz: FloatArray, y: ArrayLike, at: float | tuple[float, float] = 1000.0) -> FloatArray:
    """Shift curve(s) so 0 dB falls at one frequency, or so the mean over a band is 0 dB.

    ``at=1000.0`` aligns at 1 kHz (AutoEq's ``center()``); ``at=(300.0, 3000.0)`` removes
    the mean over the grid points in that band.
    """
    y = np.asarray(y, dtype=float)
    if isinstance(at, tuple):
        lo, hi = at
        band = (frequency_hz >= lo) & (frequency_hz <= hi)
        if not band.any():
            raise HeadspecError(f"no frequencies between {lo:g} and {hi:g} Hz to normalize on", input=at,
                                field="frequency_hz", hint="the curve must cover the reference band")
        ref = y[..., band].mean(axis=-1)
    else:
        ref = value_at(frequency_hz, y, at)
    return y - np.asarray(ref)[..., None]


def smooth(frequency_hz: FloatArray, y: ArrayLike, fraction: int = 12) -> FloatArray:
    """Fractional-octave smoothing: mean over a window 1/``fraction`` octave wide around each point.

    ``fraction`` is 3 to 48 (1/3 to 1/48 octave). The window is centred in log
    frequency and shrinks symmetrically at the ends; works on the last axis.
    """
    if not 1 <= fraction <= 48:
        raise HeadspecError(f"smoothing must be 1/1 to 1/48 octave, got 1/{fraction}", input=fraction,
                            field="smoothing", hint="e.g. 12 for 1/12 octave, 3 for 1/3")
    y = np.asarray(y, dtype=float)
    logf = np.log2(np.asarray(frequency_hz, dtype=float))
    half = 0.5 / fraction
    lo = np.searchsorted(logf, logf - half, side="left")
    hi = np.searchsorted(logf, logf + half, side="right")
    # Shrink the window symmetrically near the ends so it stays centred.
    idx = np.arange(logf.size)
    reach = np.minimum(idx - lo, hi - 1 - idx)
    lo, hi = idx - reach, idx + reach + 1
    csum = np.concatenate([np.zeros(y.shape[:-1] + (1,)), np.cumsum(y, axis=-1)], axis=-1)
    return (csum[..., hi] - csum[..., lo]) / (hi - lo)
