"""The assertion the (text, expected fields) tables of the parser tests share."""

from __future__ import annotations

from typing import Any

import pytest

from headspec.parse import parse_spec


def check_fields(text: str, expected: dict[str, Any]) -> None:
    """Each expected field equals the parsed one (floats within 0.5 %), and its evidence is the text's own."""
    spec = parse_spec(text)
    for name, want in expected.items():
        got = getattr(spec, name)
        if isinstance(want, float) and got is not None:
            assert got == pytest.approx(want, rel=0.005, abs=0.051), (name, got, want, text)
        else:
            assert got == want, (name, got, want, text)
        if want is not None and name in spec.evidence:
            ev = spec.evidence[name]
            assert text[ev.start:ev.end] == ev.text
