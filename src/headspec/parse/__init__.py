"""The spec-sheet decoder: any headphone spec text becomes a typed, unit-normalized `Spec`.

>>> from headspec.parse import parse_spec
>>> spec = parse_spec("Impedance: 300 Ω\\nSensitivity: 97 dB SPL/mW")
>>> spec.sensitivity_db_per_v
102.2
"""

from __future__ import annotations

from headspec.parse._core import MAX_TEXT_CHARS, parse_spec

__all__ = ["MAX_TEXT_CHARS", "parse_spec"]
