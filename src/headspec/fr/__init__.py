"""Frequency-response measurements: read, normalize, score against Harman, describe, plot.

>>> from headspec import fr
>>> curve = fr.read("Harpo/in-ear/7Hz Legato.csv")      # doctest: +SKIP
>>> fr.score(curve).score                                # doctest: +SKIP

Heavy parts load lazily: importing this package does not import matplotlib.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "FrequencyResponse": "headspec.fr.curve",
    "PreferenceScore": "headspec.fr.preference",
    "Target": "headspec.fr.targets",
    "Tonality": "headspec.fr.tonality",
    "describe": "headspec.fr.tonality",
    "distance": "headspec.fr.similarity",
    "get_target": "headspec.fr.targets",
    "plot": "headspec.fr.plot",
    "read": "headspec.fr.readers",
    "read_channels": "headspec.fr.readers",
    "read_many": "headspec.fr.readers",
    "read_phone_book": "headspec.fr.readers",
    "score": "headspec.fr.preference",
    "score_many": "headspec.fr.preference",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    if name in ("targets", "grid", "curve", "readers", "preference", "tonality", "similarity"):
        return import_module(f"headspec.fr.{name}")
    raise AttributeError(f"module 'headspec.fr' has no attribute {name!r}")


def __dir__() -> list[str]:
    return __all__
