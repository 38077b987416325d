"""The digit-blind hour and weight scans of texts that are not plain find what the patterns find."""

from __future__ import annotations

import pytest

from headspec.parse import commerce
from headspec.parse._context import Context
from headspec.parse._core import make_context
from headspec.parse._digits import number_found, number_matches

TEXTS = [
    "Наушники, время работы 30 ч, вес 250 г",
    "Play time ٣٠ hours, weight ٢٥٠ g, Ω 32",  # Arabic-Indic digits: the pattern itself runs
    "Akku: 2５ Stunden • 18,5 h with case • 0.9oz/26g",  # a fullwidth digit
    "Baſs 40 hours ſtandby, 12h play, 300 grams ✅",  # a letter that folds specially
    "İyi 8 saat 7h + 28 h, weight 1.250 kg 🎧",
]


def _context(text: str) -> Context:
    return make_context(text)  # as parse_spec builds it


@pytest.mark.parametrize("text", TEXTS)
def test_blind_scans_match_the_patterns(text: str) -> None:
    ctx = _context(text)
    assert not ctx.plain
    for scan in (commerce._HOURS_SCAN, commerce._WEIGHT_SCAN):
        subject = ctx.low if scan.low else ctx.norm
        want = [(m.span(), m.group()) for m in scan.pattern.finditer(subject)]
        assert [(m.span(), m.group()) for m in number_matches(ctx, scan)] == want
    gate = commerce._HOURS_GATE_SCAN
    assert number_found(ctx, gate) == (gate.pattern.search(ctx.low) is not None)


def test_short_clause_before_from_the_long_one() -> None:
    import random

    from headspec.parse._util import clause_before, clause_before_within

    rng = random.Random(7)
    pieces = ["a", "b", "ab", "X", "Ya", " ", "\n", ".", "!", "?", "/", "-", " - ", "/ ", ";", "(", "•",
              "\x1c", "é", "0", "12"]
    for i in range(40000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60)))
        if i % 2:  # the text just around the start of the 40-character window
            middle = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 7)))
            text = "x" * rng.randrange(0, 60) + middle + rng.choice(("x", "Ya")) * rng.randrange(17, 21)
        pos = rng.randrange(len(text) + 1) if i % 4 == 0 else len(text)
        before_60 = clause_before(text, pos, 60)
        assert clause_before_within(text, pos, 40, before_60, 60) == clause_before(text, pos, 40), (text, pos)


PRICES = ["Цена 1 990 РУБ.", "Price: 25 EUR", "cost 30\u00a0€ total", "9 ınr", "5 uſd", "12\x1cdollars",
          "Preis 4,50 Euro", "٣ usd 7 р.", "ab 19 İNR"]


@pytest.mark.parametrize("text", TEXTS + PRICES)
def test_price_post_gate_passes_where_the_keyword_gate_would_find(text: str) -> None:
    ctx = _context(text)
    if ctx.mentions(*commerce._PRICE_POST_KEYS) and commerce._PRICE_POST.search(ctx.norm):
        assert commerce._post_possible(ctx)
