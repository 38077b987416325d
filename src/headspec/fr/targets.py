"""Target curves: the Harman targets shipped as package data, or any target CSV by path."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from headspec.errors import NotFoundError
from headspec.fr.curve import FrequencyResponse
from headspec.fr.grid import FloatArray, autoeq_grid, interpolate, normalize

FS_HZ = 44100.0
BASS_SHELF_FC_HZ = 105.0
BASS_SHELF_Q = 0.7


@dataclass(frozen=True)
class Target:
    """A target curve plus the low shelf added on top of it (AutoEq's ``bass_boost``)."""

    key: str
    name: str
    curve: FrequencyResponse
    bass_shelf_db: float = 0.0
    origin: str = ""

    @property
    def label(self) -> str:
        if self.bass_shelf_db:
            return f"{self.name} (without-bass curve {self.bass_shelf_db:+g} dB low shelf at 105 Hz, Q 0.7)"
        return self.name

    def on_grid(self, frequency_hz: FloatArray | None = None) -> FloatArray:
        """Target on AutoEq's grid (or ``frequency_hz``), 0 dB at 1 kHz, shelf included."""
        return _on_grid(self, frequency_hz)


def low_shelf_db(
    frequency_hz: FloatArray,
    gain_db: float,
    fc_hz: float = BASS_SHELF_FC_HZ,
    q: float = BASS_SHELF_Q,
    fs_hz: float = FS_HZ,
) -> FloatArray:
    """Magnitude (dB) of an RBJ-cookbook low-shelf biquad at sample rate ``fs_hz``."""
    f = np.asarray(frequency_hz, dtype=float)
    if gain_db == 0:
        return np.zeros_like(f)
    a = 10.0 ** (gain_db / 40.0)
    w0 = 2.0 * np.pi * fc_hz / fs_hz
    cw, alpha = np.cos(w0), np.sin(w0) / (2.0 * q)
    k = 2.0 * np.sqrt(a) * alpha
    b = np.array(
        [a * ((a + 1) - (a - 1) * cw + k), 2 * a * ((a - 1) - (a + 1) * cw), a * ((a + 1) - (a - 1) * cw - k)]
    )
    den = np.array([(a + 1) + (a - 1) * cw + k, -2 * ((a - 1) + (a + 1) * cw), (a + 1) + (a - 1) * cw - k])
    z = np.exp(-1j * 2.0 * np.pi * f / fs_hz)
    h = (b[0] + b[1] * z + b[2] * z**2) / (den[0] + den[1] * z + den[2] * z**2)
    return 20.0 * np.log10(np.abs(h))


_BUILTIN = {
    "harman-over-ear-2018": ("Harman over-ear 2018", "harman_over_ear_2018.csv", 0.0),
    "harman-in-ear-2019": ("Harman in-ear 2019", "harman_in_ear_2019_without_bass.csv", 9.5),
    "harman-in-ear-2019-without-bass": (
        "Harman in-ear 2019 without bass",
        "harman_in_ear_2019_without_bass.csv",
        0.0,
    ),
}
DEFAULT_FOR_FORM = {
    "over-ear": "harman-over-ear-2018",
    "on-ear": "harman-over-ear-2018",
    "in-ear": "harman-in-ear-2019",
    "earbud": "harman-in-ear-2019",
}


def _key(name: str) -> str:
    return "-".join(name.lower().replace(".csv", "").replace("_", " ").replace("-", " ").split())


def names() -> list[str]:
    """Keys of the built-in targets."""
    return sorted(_BUILTIN)


@lru_cache(maxsize=8)
def _builtin(key: str) -> Target:
    from headspec.fr.readers import read

    title, filename, shelf = _BUILTIN[key]
    res = resources.files("headspec") / "data" / "targets" / filename
    with resources.as_file(res) as path:
        curve = read(path, name=filename.removesuffix(".csv").replace("_", " "))
        origin = "\n".join(
            line[2:] for line in Path(path).read_text(encoding="utf-8").splitlines() if line.startswith("# ")
        )
    return Target(key=key, name=title, curve=curve, bass_shelf_db=shelf, origin=origin)


def get_target(name_or_path: str | Path, *, bass_shelf_db: float | None = None) -> Target:
    """A built-in target by name (``'harman-in-ear-2019'``, ``'Harman over-ear 2018'``) or a CSV by path.

    ``bass_shelf_db`` overrides the low shelf (105 Hz, Q 0.7) added on top.
    """
    key = _key(str(name_or_path))
    if key in _BUILTIN:
        t = _builtin(key)
    else:
        p = Path(name_or_path)
        if not p.is_file():
            raise NotFoundError(
                f"unknown target {str(name_or_path)!r}",
                input=str(name_or_path),
                field="target",
                hint=f"use one of {', '.join(names())} or a path to a target CSV",
            )
        from headspec.fr.readers import read

        curve = read(p)
        t = Target(key=str(p), name=p.stem, curve=curve, origin=f"loaded from {p}")
    if bass_shelf_db is not None and bass_shelf_db != t.bass_shelf_db:
        t = Target(
            key=t.key,
            name=t.name if not bass_shelf_db else f"{t.name} {bass_shelf_db:+g} dB bass",
            curve=t.curve,
            bass_shelf_db=bass_shelf_db,
            origin=t.origin,
        )
    return t


def for_form(form: str) -> Target:
    """The Harman target a form is scored against (earbuds use the in-ear one)."""
    return get_target(DEFAULT_FOR_FORM.get(form, "harman-over-ear-2018"))


@lru_cache(maxsize=32)
def _on_grid_cached(target: Target, grid_bytes: bytes | None) -> FloatArray:
    grid = autoeq_grid()
    curve = target.curve
    # AutoEq: target.interpolate(); target.center(); + low shelf evaluated on the curve's frequencies.
    y = normalize(grid, interpolate(curve.frequency_hz, curve.spl_db, grid), 1000.0)
    y = y + low_shelf_db(grid, target.bass_shelf_db)
    if grid_bytes is not None:
        y = interpolate(grid, y, np.frombuffer(grid_bytes))
    y.setflags(write=False)
    return y


def _on_grid(target: Target, frequency_hz: FloatArray | None) -> FloatArray:
    key = None if frequency_hz is None else np.ascontiguousarray(frequency_hz, dtype=float).tobytes()
    return _on_grid_cached(target, key)
