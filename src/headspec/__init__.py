"""headspec: understand headphones from their spec sheets and their measurements.

The public API is imported lazily so that `headspec --help` and one-file CLI
commands start fast; every name in `__all__` resolves on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "AmpResult": "headspec.amp",
    "Catalog": "headspec.catalog",
    "FrequencyResponse": "headspec.fr.curve",
    "HeadspecError": "headspec.errors",
    "PreferenceScore": "headspec.fr.preference",
    "Report": "headspec.explain",
    "Source": "headspec.sources",
    "Spec": "headspec.spec",
    "amp_check": "headspec.amp",
    "explain": "headspec.explain",
    "parse_spec": "headspec.parse",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'headspec' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
