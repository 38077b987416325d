"""headspec: understand headphones from their spec sheets and their measurements.

The public API is imported lazily so that `headspec --help` and one-file CLI
commands start fast; every name in `__all__` resolves on first use.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "AmpResult": "headspec.amp",
    "Catalog": "headspec.catalog",
    "Classification": "headspec.classify",
    "FrequencyResponse": "headspec.fr.curve",
    "HeadspecError": "headspec.errors",
    "Identity": "headspec.identity",
    "NeedsProfile": "headspec.recommend",
    "PreferenceScore": "headspec.fr.preference",
    "Report": "headspec.explain",
    "Source": "headspec.sources",
    "Spec": "headspec.spec",
    "Verdict": "headspec.verdict",
    "amp_check": "headspec.amp",
    "classify": "headspec.classify",
    "explain": "headspec.explain",
    "identify": "headspec.identity",
    "parse_spec": "headspec.parse",
    "recommend": "headspec.recommend",
    "same_model": "headspec.identity",
    "similar": "headspec.recommend",
    "verdict": "headspec.verdict",
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


class _Package(types.ModuleType):
    """Keeps a public function when its own submodule shares its name (`headspec.explain`).

    Importing `headspec.explain` makes the import system set the package attribute `explain`
    to the submodule, hiding the function; this keeps the function there instead.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if (isinstance(value, types.ModuleType) and _EXPORTS.get(name) == value.__name__
                and callable(getattr(value, name, None))):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
