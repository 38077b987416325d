"""`FrequencyResponse`: one measured curve, immutable, with where it came from."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, replace

import numpy as np
from numpy.typing import ArrayLike

from headspec.errors import HeadspecError
from headspec.fr.grid import FloatArray, autoeq_grid, interpolate, normalize, smooth

FORMS = ("over-ear", "on-ear", "in-ear", "earbud")


def _frozen(values: ArrayLike) -> FloatArray:
    arr = np.array(values, dtype=float)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class FrequencyResponse:
    """A frequency response: SPL in dB against frequency in Hz, plus its provenance.

    Arrays are read-only; every transform returns a new curve. ``source`` names the
    reviewer or rig (comparisons only make sense on one rig), ``form`` is one of
    ``FORMS`` when known, ``channel_imbalance_db`` is the RMS left/right difference
    over 100 Hz–10 kHz when the curve was averaged from two or more channels.
    """

    frequency_hz: FloatArray
    spl_db: FloatArray
    name: str = ""
    source: str | None = None
    form: str | None = None
    path: str | None = field(default=None, compare=False)
    channels: tuple[str, ...] = ()
    channel_imbalance_db: float | None = None

    def __post_init__(self) -> None:
        f = _frozen(self.frequency_hz)
        y = _frozen(self.spl_db)
        if f.ndim != 1 or f.shape != y.shape:
            raise HeadspecError(f"frequency and SPL must be 1-D of equal length, got {f.shape} and {y.shape}",
                                input=(f.shape, y.shape), field="spl_db",
                                hint="give one SPL value (dB) per frequency (Hz)")
        if f.size < 2 or np.any(np.diff(f) <= 0):
            raise HeadspecError("frequencies must be strictly increasing", input=f.size, field="frequency_hz",
                                hint="give at least two frequencies in Hz, in increasing order")
        if not (np.all(np.isfinite(f)) and np.all(np.isfinite(y))):
            raise HeadspecError("frequency response contains NaN or infinite values", field="spl_db",
                                hint="drop the points without a measured value")
        if self.form is not None and self.form not in FORMS:
            raise HeadspecError(f"form {self.form!r} is not one of {', '.join(FORMS)}", input=self.form,
                                field="form", hint=f"one of: {', '.join(FORMS)}")
        object.__setattr__(self, "frequency_hz", f)
        object.__setattr__(self, "spl_db", y)

    @classmethod
    def _from_checked(cls, frequency_hz: FloatArray, spl_db: FloatArray, **meta: object) -> FrequencyResponse:
        """A curve from arrays a reader has already checked, without copying or re-checking them.

        For the batch reader's hot path: the arrays must be read-only float64, 1-D, of equal
        length, finite, with strictly increasing frequencies. ``form`` is still checked.
        """
        form = meta.get("form")
        if form is not None and form not in FORMS:
            return cls(frequency_hz, spl_db, **meta)  # type: ignore[arg-type]  # raises the usual error
        obj = object.__new__(cls)
        values = {**_DEFAULTS, **meta, "frequency_hz": frequency_hz, "spl_db": spl_db}
        for name, value in values.items():
            object.__setattr__(obj, name, value)
        return obj

    def __len__(self) -> int:
        return int(self.frequency_hz.size)

    def __repr__(self) -> str:
        where = f", source={self.source!r}" if self.source else ""
        return (
            f"FrequencyResponse({self.name!r}{where}, form={self.form!r}, {len(self)} points "
            f"{self.frequency_hz[0]:g}–{self.frequency_hz[-1]:g} Hz)"
        )

    @property
    def label(self) -> str:
        """Name with the source/rig, for legends and reports."""
        return f"{self.name} ({self.source})" if self.source else self.name

    def with_values(self, frequency_hz: ArrayLike, spl_db: ArrayLike) -> FrequencyResponse:
        """Same metadata, new data."""
        return replace(self, frequency_hz=np.asarray(frequency_hz), spl_db=np.asarray(spl_db))

    def interpolated(self, frequency_hz: ArrayLike | None = None) -> FrequencyResponse:
        """On another frequency axis (default: AutoEq's 20·1.01^k grid), linear in log frequency."""
        target = autoeq_grid() if frequency_hz is None else np.asarray(frequency_hz, dtype=float)
        return self.with_values(target, interpolate(self.frequency_hz, self.spl_db, target))

    def normalized(self, at: float | tuple[float, float] = 1000.0) -> FrequencyResponse:
        """0 dB at ``at`` Hz, or mean 0 dB over the band ``(lo, hi)``."""
        return self.with_values(self.frequency_hz, normalize(self.frequency_hz, self.spl_db, at))

    def smoothed(self, fraction: int = 12) -> FrequencyResponse:
        """Fractional-octave smoothed (1/``fraction`` octave)."""
        return self.with_values(self.frequency_hz, smooth(self.frequency_hz, self.spl_db, fraction))

    def to_csv(self) -> str:
        """AutoEq raw CSV text (``frequency,raw``, two decimals)."""
        rows = "\n".join(f"{f:.2f},{v:.2f}" for f, v in zip(self.frequency_hz, self.spl_db, strict=True))
        return "frequency,raw\n" + rows + "\n"


_DEFAULTS = {f.name: f.default for f in fields(FrequencyResponse) if f.default is not MISSING}
