"""Tonality in words: band deviations from the target and a one-line signature."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from headspec.errors import HeadspecError
from headspec.fr.curve import FrequencyResponse
from headspec.fr.grid import autoeq_grid, interpolate, normalize, smooth
from headspec.fr.targets import Target, for_form, get_target

BANDS_HZ = (
    ("sub-bass", 20.0, 60.0),
    ("bass", 60.0, 250.0),
    ("low mids", 250.0, 500.0),
    ("mids", 500.0, 2000.0),
    ("presence", 2000.0, 5000.0),
    ("treble", 5000.0, 10000.0),
    ("air", 10000.0, 20000.0),
)
REFERENCE_BAND_HZ = (300.0, 3000.0)
NOTICEABLE_DB = 2.0
STRONG_DB = 5.0


@dataclass(frozen=True)
class Band:
    name: str
    low_hz: float
    high_hz: float
    offset_db: float


@dataclass(frozen=True)
class Tonality:
    """How a curve departs from its target, band by band (dB, + = louder than target)."""

    name: str
    target: str
    bands: tuple[Band, ...]
    signature: str
    summary: str
    channel_imbalance_db: float | None = None

    def offset(self, band: str) -> float:
        """dB vs target in one band, by its name ("bass", "treble", ...)."""
        for b in self.bands:
            if b.name == band:
                return b.offset_db
        raise HeadspecError(f"no tonality band {band!r}", input=band, field="band",
                            hint=f"one of: {', '.join(b.name for b in self.bands)}")

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def band_offsets(frequency_hz: np.ndarray, error_db: np.ndarray) -> np.ndarray:
    """Mean error per band (last axis), after removing the mean over 300 Hz–3 kHz."""
    err = normalize(frequency_hz, error_db, REFERENCE_BAND_HZ)
    cols = [err[..., (frequency_hz >= lo) & (frequency_hz < hi)].mean(axis=-1) for _, lo, hi in BANDS_HZ]
    return np.stack(cols, axis=-1)


def _signature(o: dict[str, float]) -> str:
    low = max(o["sub-bass"], o["bass"])
    bass = (o["sub-bass"] + o["bass"]) / 2
    high = (o["presence"] + o["treble"]) / 2
    mids = (o["low mids"] + o["mids"]) / 2
    core = [o[k] for k in ("sub-bass", "bass", "low mids", "mids", "presence", "treble")]
    if max(abs(v) for v in core) < NOTICEABLE_DB:
        return "neutral to target"
    if max(abs(v) for v in core[1:]) < NOTICEABLE_DB and o["sub-bass"] < 0:
        return "neutral, rolled-off sub-bass"
    if bass >= NOTICEABLE_DB and high >= NOTICEABLE_DB:
        return "V-shaped"
    if low >= STRONG_DB and high > -NOTICEABLE_DB:
        return "bass-heavy"
    if bass >= NOTICEABLE_DB and high <= -NOTICEABLE_DB:
        return "warm and dark"
    if bass >= NOTICEABLE_DB:
        return "warm"
    if high >= NOTICEABLE_DB and bass <= -NOTICEABLE_DB:
        return "bright and bass-light"
    if high >= NOTICEABLE_DB:
        return "bright"
    if mids >= NOTICEABLE_DB and bass < NOTICEABLE_DB and high < NOTICEABLE_DB:
        return "mid-forward"
    if high <= -NOTICEABLE_DB and bass <= -NOTICEABLE_DB:
        return "mid-forward"
    if high <= -NOTICEABLE_DB:
        return "dark"
    if bass <= -NOTICEABLE_DB:
        return "bass-light"
    name, value = max(o.items(), key=lambda kv: abs(kv[1]))
    return f"near neutral, {name} {value:+.0f} dB"


_WORDS = {
    "presence": ("forward presence", "recessed presence"),
    "treble": ("bright treble", "subdued treble"),
    "air": ("bright air", "rolled-off air"),
    "mids": ("forward mids", "recessed mids"),
    "low mids": ("thick low mids", "lean low mids"),
}


def _phrase(name: str, offset: float) -> str | None:
    if abs(offset) < NOTICEABLE_DB:
        return None
    if name in _WORDS:
        return _WORDS[name][0 if offset > 0 else 1] + f" ({offset:+.1f} dB)"
    return f"{name} {offset:+.1f} dB {'over' if offset > 0 else 'under'} target"


def describe(fr: FrequencyResponse, target: str | Target | None = None, *, smoothing: int = 6) -> Tonality:
    """Describe a curve against its Harman target (or ``target``) in words.

    The curve is put on the AutoEq grid, 0 dB at 1 kHz, smoothed to 1/``smoothing``
    octave; band offsets are mean errors relative to the 300 Hz–3 kHz level.
    """
    if isinstance(target, Target):
        t = target
    elif target:
        t = get_target(target)
    else:
        t = for_form(fr.form or "over-ear")
    grid = autoeq_grid()
    y = normalize(grid, interpolate(fr.frequency_hz, fr.spl_db, grid), 1000.0)
    err = smooth(grid, y - t.on_grid(), smoothing)
    offsets = band_offsets(grid, err)
    bands = tuple(
        Band(name, lo, hi, round(float(v), 1)) for (name, lo, hi), v in zip(BANDS_HZ, offsets, strict=True)
    )
    o = {b.name: b.offset_db for b in bands}
    phrases = [p for p in (_phrase(b.name, b.offset_db) for b in bands) if p]
    summary = ", ".join(phrases) if phrases else "within 2 dB of the target in every band"
    if fr.channel_imbalance_db is not None:
        summary += f"; channel imbalance {fr.channel_imbalance_db:.1f} dB RMS (100 Hz–10 kHz)"
    return Tonality(
        name=fr.name,
        target=t.label,
        bands=bands,
        signature=_signature(o),
        summary=summary,
        channel_imbalance_db=fr.channel_imbalance_db,
    )
