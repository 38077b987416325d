"""Distance between curves: how different two headphones sound, in dB RMS."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from headspec.fr.curve import FrequencyResponse
from headspec.fr.grid import FloatArray, autoeq_grid, interpolate

BAND_HZ = (20.0, 10000.0)


def on_grid(frs: Sequence[FrequencyResponse]) -> FloatArray:
    """Stack curves on the AutoEq grid (rows), grouping equal frequency axes into one interpolation."""
    grid = autoeq_grid()
    out = np.empty((len(frs), grid.size))
    groups: dict[bytes, list[int]] = {}
    for i, fr in enumerate(frs):
        groups.setdefault(fr.frequency_hz.tobytes(), []).append(i)
    for idx in groups.values():
        out[idx] = interpolate(frs[idx[0]].frequency_hz, np.vstack([frs[i].spl_db for i in idx]), grid)
    return out


def distances(
    reference: FloatArray, others: FloatArray, band_hz: tuple[float, float] = BAND_HZ
) -> FloatArray:
    """RMS difference (dB) between one grid curve and each row of ``others``, level offset removed.

    The mean difference over the band is subtracted first, so curves that differ only
    in loudness are at distance 0; this is the standard deviation (ddof=0) of the
    difference over ``band_hz`` (default 20 Hz–10 kHz).
    """
    grid = autoeq_grid()
    band = (grid >= band_hz[0]) & (grid <= band_hz[1])
    diff = np.atleast_2d(others)[:, band] - np.asarray(reference)[band]
    diff -= diff.mean(axis=1, keepdims=True)
    return np.sqrt(np.mean(diff**2, axis=1))


def distance(
    a: FrequencyResponse,
    b: FrequencyResponse | Sequence[FrequencyResponse],
    band_hz: tuple[float, float] = BAND_HZ,
) -> float | FloatArray:
    """Distance in dB RMS between ``a`` and ``b`` (a float), or ``a`` and each of many (an array)."""
    many = not isinstance(b, FrequencyResponse)
    others = list(b) if many else [b]  # type: ignore[arg-type]
    d = distances(on_grid([a])[0], on_grid(others), band_hz)
    return d if many else float(d[0])
