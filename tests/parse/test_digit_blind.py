"""Speed-ups in commerce and electrical must never change a match: digit-blind scans, possessive
quantifiers, substring pre-checks of the battery words."""

from __future__ import annotations

import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import headspec.parse  # noqa: F401  (loads every extractor module)
from headspec.errors import HeadspecError
from headspec.parse import _digits, commerce
from headspec.parse._context import Context
from headspec.parse._core import make_context
from headspec.parse._digits import NUM_FIRM, digit_scan, number_found, number_matches
from headspec.parse.numbers import NUM, normalize


def _blinds() -> list[_digits.DigitScan]:
    """Every digit-blind scan the parser's modules hold."""
    return [value for name, module in list(sys.modules.items()) if name.startswith("headspec.parse")
            for value in vars(module).values() if isinstance(value, _digits.DigitScan)]


BLINDS = _blinds()
_POSSESSIVE = re.compile(r"(?<=[*?])\+")  # the "+" of "*+" and "?+" ("[+*]" has none)


def _ctx(text: str) -> Context | None:
    """The context parse_spec would build ("İ" lower-cased to one character), None for a refused text."""
    try:
        return make_context(text)
    except HeadspecError:
        return None


def _regs(matches) -> list[tuple]:
    return [m.regs for m in matches]


def _check(text: str) -> None:
    ctx = _ctx(text)
    if ctx is None:
        return
    for scan in BLINDS:
        p = scan.pattern
        subject = ctx.low if scan.low else ctx.norm
        expected = list(p.finditer(subject))
        assert _regs(number_matches(ctx, scan)) == _regs(expected), (p.pattern, text[:80])
        assert number_found(ctx, scan) == bool(expected), (p.pattern, text[:80])
        if _POSSESSIVE.search(p.pattern):  # possessive quantifiers find what greedy ones find
            greedy = re.compile(_POSSESSIVE.sub("", p.pattern), p.flags)
            assert _regs(greedy.finditer(subject)) == _regs(expected), (p.pattern, text[:80])


def test_the_parser_has_digit_blind_scans_some_with_possessive_numbers():
    assert len(BLINDS) >= 3
    assert any(NUM_FIRM in scan.pattern.pattern for scan in BLINDS)
    assert NUM_FIRM != NUM and _POSSESSIVE.sub("", NUM_FIRM) == NUM


def test_digit_blind_scans_find_what_their_originals_find_on_every_listing(shared_data):
    lines = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        _check(json.loads(line)["raw_text"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["1", "20", "0", "5.5", "3,5", ",", ".", "-", "~", " ", "\n", "to", "h", "H",
                                 "hrs", "hours", "g", "oz", "kg", "Lb", "x", "a", "+", "*", "ore", "Std.",
                                 "\x1c", "ſ", "ч", "гр", "Ω", "ohm", "±", "%", "dB", "mW", "V", "Hz", "kHz",
                                 "for", "@", "(", ")", "/", "٣", "５", "İ", "ı", "K", "é", "час", "Гц", "дБ",
                                 "мВт", "ом"]), max_size=40))
def test_digit_blind_scans_agree_on_any_mix(parts):
    """Plain and not plain texts alike (a non-ASCII digit, a folding letter, Cyrillic units)."""
    _check("".join(parts))


@pytest.mark.parametrize("source", [r"1\d", r"[0-5]\d", r"\D\d", r"(\d)\1", r"\\d"])
def test_a_pattern_naming_a_digit_gets_no_blind_twin(source):
    with pytest.raises(ValueError):
        digit_scan(re.compile(source))


def _word_checks(text: str) -> None:
    """The battery-word tests with their substring pre-checks say what the bare searches say."""
    ctx = _ctx(text)
    if ctx is None:
        return
    words = commerce._Words.of(ctx)
    for start in range(0, max(1, len(words.source) - 10), 7):
        window = words.source[start:start + 40]
        assert words.per_charge_in(window) == (words.per_charge.search(window) is not None), window
        assert words.case_in(window) == (words.case.search(window) is not None), window
        assert words.case_total_in(window) == (words.case_total.search(window) is not None), window


def test_battery_word_pre_checks_agree_with_the_searches_on_every_listing(shared_data):
    lines = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[::2]:
        _word_checks(json.loads(line)["raw_text"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([
    "on ", "one ", "a ", "full ", "single ", "each ", "charge", "charged", "fully ", "for ", "ohne ", "nach",
    "laden", "pro ", "akku", "ladung", "par ", "без ", "подзарядки", "заряде", "case", "Case", "box", "total",
    "with ", "the ", "in ", "combined", "кейс", "etui", "extends ", "boost", "up ", "to", " ", "ſ", "İ", "K",
    ".", "x", "5"]), max_size=20))
def test_battery_word_pre_checks_agree_on_any_mix(parts):
    _word_checks("".join(parts))


# _NEXT_FIGURE as first written; commerce's form starts each alternative with a character
_PLAIN_NEXT_FIGURE = re.compile(r"\d(?![\d.,]*\s*mah)|\band\b|\bplus\b|\+|\bwhile\b|$", re.IGNORECASE)


def _cut(text: str) -> tuple[str, str]:
    figure = commerce._NEXT_FIGURE.search(text)
    return text[:figure.start()] if figure else text, text[:_PLAIN_NEXT_FIGURE.search(text).start()]


def test_the_next_figure_cut_matches_its_plain_form_on_listing_windows(shared_data):
    lines = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[::3]:
        text = normalize(json.loads(line)["raw_text"])
        for start in range(0, len(text), 11):
            window = text[start:start + 40].split("\n")[0]  # a clause never holds a line break
            new, old = _cut(window)
            assert new == old, window


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["and", "And", "band", "plus", "surplus", "while", "awhile", "+", "5", "5,5",
                                 "mAh", " mah", " ", "x", "_and", "ſ", "K", "ı"]), max_size=15))
def test_the_next_figure_cut_matches_its_plain_form_on_any_mix(parts):
    new, old = _cut("".join(parts))
    assert new == old


def _condition_gate_holds(text: str) -> None:
    from headspec.parse._util import scan

    ctx = _ctx(text)
    if ctx is None:
        return
    union = scan(ctx, commerce._ANY_CONDITION_PATTERN, commerce._ANY_CONDITION)
    each = [scan(ctx, pattern, commerce._CONDITION_ANCHORS[name]) for name, pattern in commerce._CONDITION]
    assert bool(union) == any(each), text[:80]  # the gate needs only "no union match: none of each"


def test_the_condition_union_scan_finds_something_whenever_a_condition_scan_does(shared_data):
    lines = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        text = json.loads(line)["raw_text"]
        _condition_gate_holds(text)
        _condition_gate_holds(text + "\nUsed - like new. (Renewed) Brand new, open box, pre-owned, б/у")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([
    "(", ")", "renewed", "refurbished", "refurb", "used", "pre-owned", "preowned", "second", "hand", "open",
    "box", "brand", "new", "in", "sealed", "factory", "condition", ":", "-", " ", "\n", "like", "good", "б/у",
    "бывш", "в употреблении", "neuf", "usato", "ſ", "İ", "x"]), max_size=20))
def test_the_condition_union_scan_agrees_on_any_mix(parts):
    _condition_gate_holds("".join(parts))
