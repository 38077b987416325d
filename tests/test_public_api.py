"""The public API is explicit, sorted, and each name resolves."""

from __future__ import annotations

import importlib

import pytest

import headspec


def test_all_is_sorted_and_complete() -> None:
    assert headspec.__all__ == sorted(headspec.__all__)
    assert "Spec" in headspec.__all__ and "__version__" in headspec.__all__


@pytest.mark.parametrize("name", [n for n in headspec.__all__ if n != "__version__"])
def test_each_public_name_resolves(name: str) -> None:
    module = importlib.import_module(headspec._EXPORTS[name])
    assert getattr(headspec, name) is getattr(module, name)


def test_unknown_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = headspec.no_such_thing  # type: ignore[attr-defined]
