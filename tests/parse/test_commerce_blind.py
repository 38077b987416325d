"""The digit-blind hour and weight scans of texts that are not plain find what the patterns find."""

from __future__ import annotations

import pytest

from headspec.parse import commerce
from headspec.parse._context import Context
from headspec.parse.numbers import normalize

TEXTS = [
    "Наушники, время работы 30 ч, вес 250 г",
    "Play time ٣٠ hours, weight ٢٥٠ g, Ω 32",  # Arabic-Indic digits: the pattern itself runs
    "Akku: 2５ Stunden • 18,5 h with case • 0.9oz/26g",  # a fullwidth digit
    "Baſs 40 hours ſtandby, 12h play, 300 grams ✅",  # a letter that folds specially
    "İyi 8 saat 7h + 28 h, weight 1.250 kg 🎧",
]


def _context(text: str) -> Context:
    norm = normalize(text)
    low = "".join(ch[0] for ch in (c.lower() for c in norm))
    return Context(text=text, norm=norm, fields=[], csv=None, title_end=len(norm), low=low,
                   cyrillic=True)


@pytest.mark.parametrize("text", TEXTS)
def test_blind_scans_match_the_patterns(text: str) -> None:
    ctx = _context(text)
    assert not ctx.plain
    for scan in (commerce._HOURS_SCAN, commerce._WEIGHT_SCAN):
        subject = ctx.low if scan.low else ctx.norm
        want = [(m.span(), m.group()) for m in scan.pattern.finditer(subject)]
        assert [(m.span(), m.group()) for m in commerce._number_matches(ctx, scan)] == want
    gate = commerce._HOURS_GATE_SCAN
    assert commerce._number_found(ctx, gate) == (gate.pattern.search(ctx.low) is not None)
