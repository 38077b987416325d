"""The parser's speed-ups must never change a result: ASCII twins and word-head gates."""

from __future__ import annotations

import json
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import headspec.parse  # noqa: F401  (loads every extractor module)
from headspec.parse import _context
from headspec.parse._context import Context
from headspec.parse._twins import lower_twin, rx, twin
from headspec.parse._util import _CLAUSE_START, _head, scan
from headspec.parse.numbers import normalize


def _parser_patterns() -> list[re.Pattern[str]]:
    """Every compiled regex the parser's modules hold (module level, lists and dicts of them)."""
    found: dict[int, re.Pattern[str]] = {}
    for name, module in list(sys.modules.items()):
        if not name.startswith("headspec.parse") and name != "headspec.brands":
            continue
        for value in vars(module).values():
            items = value.values() if isinstance(value, dict) else value if isinstance(value, list) \
                else [value]
            for item in items:
                for p in item if isinstance(item, tuple) else (item,):
                    if isinstance(p, re.Pattern):
                        found[id(p)] = p
    return list(found.values())


PATTERNS = _parser_patterns()


def _listing_texts(shared_data) -> list[str]:
    lines = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    return [normalize(json.loads(line)["raw_text"]) for line in lines]


def _all_matches(p: re.Pattern[str], text: str) -> list[tuple[int, int, tuple]]:
    return [(m.start(), m.end(), m.groups()) for m in p.finditer(text)]


def test_the_parser_has_many_patterns_and_most_get_a_twin():
    assert len(PATTERNS) > 100
    twinned = [p for p in PATTERNS if twin(p) is not p]
    assert len(twinned) > 0.8 * len(PATTERNS)
    assert all(t.flags & re.ASCII for t in map(twin, twinned))


def test_a_pattern_with_a_character_folding_to_ascii_keeps_no_twin():
    for source in ("ſoft", "[ı]", "[\u0100-\u0200]x", "\u212a"):
        p = re.compile(source, re.IGNORECASE)
        assert twin(p) is p
    assert twin(re.compile("ſoft")) is not re.compile("ſoft")  # case-sensitive: no folding, twin is exact
    assert re.compile("ſ", re.I).match("s") and not twin(re.compile("[a-z]", re.I)).match("ſ")


def test_rx_uses_the_twin_only_for_an_ascii_subject():
    p = re.compile(r"\w+", re.IGNORECASE)
    assert rx(p, "plain") is twin(p)
    assert rx(p, "naïve") is p


def test_an_information_separator_keeps_the_original_because_unicode_calls_it_space():
    p = re.compile(r"a\sb")
    assert twin(p).search("a\x1fb") is None and p.search("a\x1fb") is not None
    long_text = "x" * 300 + "a\x1fb"
    for subject in ("a\x1fb", long_text, long_text):  # the long one twice: the remembered answer too
        assert rx(p, subject) is p and rx(p, subject).search(subject)


def test_every_twin_finds_what_its_original_finds_on_every_ascii_listing(shared_data):
    texts = [t for t in _listing_texts(shared_data) if t.isascii()]
    assert len(texts) > 1000
    for p in PATTERNS:
        if twin(p) is p:
            continue
        for text in texts[::3]:
            for subject in (text, text.lower()):
                fast = _all_matches(rx(p, subject), subject)
                assert fast == _all_matches(p, subject), (p.pattern, subject[:80])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=120))
def test_every_twin_agrees_on_arbitrary_ascii(text):
    for p in PATTERNS:
        assert _all_matches(rx(p, text), text) == _all_matches(p, text), p.pattern


def _ctx(text: str) -> Context:
    norm = normalize(text)
    low = norm.lower()
    return Context(text=text, norm=norm, fields=[], csv=None, title_end=len(norm), low=low,
                   cyrillic=re.search("[а-яё]", low) is not None)


_WORDS = re.compile(r"(?i)\b(?:bluetooth|wireless|over-ear|battery|hours?|noise|ear\s?buds?)\b")
_ANCHORS = ("bluetooth", "wireless", "over-", "battery", "hour", "noise", "ear", "earbud", "zzz", "bt", "€",
            "on-ear", "v5.", "2.4", "über")


@pytest.mark.parametrize("step", [1, 7])
def test_word_heads_never_hide_an_anchor(shared_data, monkeypatch, step):
    """A scan finds the same matches whether or not absent anchors are skipped by word heads."""
    texts = _listing_texts(shared_data)[::step]
    with_heads = [[m.span() for m in scan(_ctx(t), _WORDS, _ANCHORS)] for t in texts]
    monkeypatch.setattr(_context, "HEADS_MIN_CHARS", 10**9)
    without = [[m.span() for m in scan(_ctx(t), _WORDS, _ANCHORS)] for t in texts]
    assert with_heads == without
    assert sum(map(len, with_heads)) > 1000


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Bluetooth", "ear", "buds", "über", "5.3", "-", " ", "\n", "Ω", "hours",
                                 "X", "noise", "€", "over-ear", "_", "é", "on", "V5.", "2.4", "v", "2"]),
                max_size=200))
def test_word_heads_agree_with_plain_search_on_any_mix(parts):
    """Whenever an anchor with a head starts a word of the text, the text's heads hold that head."""
    text = "".join(parts) * 3
    if not text.strip():
        return
    version = _context.want_heads(*filter(None, map(_head, _ANCHORS)))
    ctx = _ctx(text)
    heads = ctx.heads_for(version)
    if heads is None:
        return
    for anchor in _ANCHORS:
        head = _head(anchor)
        if head is not None and ctx.anchor_hits(anchor):
            assert head in heads, (anchor, text[:60])


def _all_word_heads(low: str) -> set[bytes]:
    """Every word head of `low` by slicing each word of its ASCII projection: what `word_heads` cuts down."""
    words = low.encode("ascii", "replace").translate(_context._ASCII_WORD_BYTES).split()
    return {word[:3] for word in words}


_HEAD_PARTS = st.sampled_from(["Bluetooth", "blu", "bl", "b", "ear", "ea", "le", "LE", "v5", "v1", "2", "2.4",
                                "lc3", "ßle", "éle", "İle", "ıle", " ", "-", "\n", "\t", "_", "Ω", "9", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_HEAD_PARTS, max_size=80))
def test_wanted_heads_are_every_head_cut_to_the_wanted(parts):
    """The one-regex word heads equal slicing every word, kept to the heads some scan wants."""
    low = normalize("".join(parts)).lower()
    assert _context.word_heads(low) == _all_word_heads(low) & _context._wanted


def test_wanted_heads_on_every_listing(shared_data):
    """The same on every real listing, with the parser's own wanted heads (a few dozen)."""
    headspec.parse.parse_spec(_listing_texts(shared_data)[0])  # some scans register their heads
    assert len(_context._wanted) > 20
    for text in _listing_texts(shared_data):
        low = normalize(text).lower()
        assert _context.word_heads(low) == _all_word_heads(low) & _context._wanted


def test_a_head_wanted_after_the_context_was_built_is_reported():
    """A scan first used in the middle of a parse still finds its anchors: the heads catch up."""
    ctx = _ctx("Qzv3000 wireless earbuds qz")
    assert b"qzv" not in ctx.heads and b"qz" not in ctx.heads
    version = _context.want_heads(b"qzv", b"qz")
    assert ctx.heads_for(version) >= {b"qzv", b"qz"}
    assert ctx.heads_for(version - 1) >= {b"qzv", b"qz"}  # an older version answers from the same set


# the clause-start pattern as first written; `_util._CLAUSE_START` is a faster form of it
_PLAIN_CLAUSE_START = re.compile(r"[\n|;,()\[\]•◼▪✔✓√●◆➤★]|[.!?](?:(?=\s)|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))|"
                                 r"\s-\s|/\s")


def _spans(p: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in p.finditer(text)]


def test_the_clause_start_pattern_matches_its_plain_form_in_every_listing_window(shared_data):
    texts = _listing_texts(shared_data)
    windows = [t[i:i + 80] for t in texts[::4] for i in range(0, len(t), 37)]
    assert len(windows) > 5000
    for w in windows:
        assert _spans(_CLAUSE_START, w) == _spans(_PLAIN_CLAUSE_START, w), w


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["a", "B", "x", ".", "!", "?", " ", "\n", "-", "/", ",", "(", "•", "\t", "Up",
                                 "ab.", "Cd"]), max_size=40))
def test_the_clause_start_pattern_matches_its_plain_form_on_any_mix(parts):
    w = "".join(parts)
    assert _spans(_CLAUSE_START, w) == _spans(_PLAIN_CLAUSE_START, w)


def test_lower_twins_find_on_the_lower_cased_text_what_the_originals_find_on_the_text(shared_data):
    """Same spans on every listing (without specially folding letters) for every pattern with a lower twin."""
    texts = [t for t in _listing_texts(shared_data)[::2] if not _context._FOLDS.search(t.lower())]
    twinned = [p for p in PATTERNS if lower_twin(p) is not None]
    assert len(twinned) > 50
    for p in twinned:
        low_p = lower_twin(p)
        for text in texts:
            low = text.lower()
            if len(low) != len(text):
                continue
            assert _spans(low_p, low) == _spans(p, text), (p.pattern, text[:80])


def test_lower_twins_refuse_upper_case_letters_back_references_and_special_folds():
    assert lower_twin(re.compile(r"\bENC\b", re.I)) is None
    assert lower_twin(re.compile(r"[A-Z]x", re.I)) is None
    assert lower_twin(re.compile(r"(a)\1", re.I)) is None
    assert lower_twin(re.compile(r"(?-i:rs)x", re.I)) is None
    assert lower_twin(re.compile("ſx", re.I)) is None
    assert lower_twin(re.compile("μ", re.I)) is None  # Greek: folds beyond upper/lower
    assert lower_twin(re.compile(r"\bplay\S+\s*\d", re.I)) is not None
    assert lower_twin(re.compile("play", 0)) is None  # already case-sensitive


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aAbBeEsSkKiI дДвВ.-5 \nHhOoUuRrPpLlYyNnCcTtMm"), max_size=80))
def test_lower_twins_agree_on_mixed_case_text(text):
    low = text.lower()
    for p in PATTERNS:
        low_p = lower_twin(p)
        if low_p is not None:
            assert _spans(low_p, low) == _spans(p, text), p.pattern


def test_a_union_with_no_anchor_leaves_every_scan_of_it_empty(shared_data):
    from headspec.parse import commerce, driver, features
    from headspec.parse._util import any_anchor

    groups = [(features._ANY_BACK, features._BACKS, features._BACK_ANCHORS),
              (features._ANY_CODEC, features._CODECS, features._CODEC_ANCHORS),
              (driver._ANY_TYPE, driver._TYPES, driver._TYPE_ANCHORS),
              (commerce._ANY_CONDITION, commerce._CONDITION, commerce._CONDITION_ANCHORS)]
    skipped = 0
    for text in _listing_texts(shared_data)[::3]:
        for union, patterns, anchors in groups:
            ctx = _ctx(text)
            le_audio = union is features._ANY_CODEC and b"le" in ctx.heads and any_anchor(ctx, ("le",))
            if not any_anchor(ctx, union) and not le_audio:
                skipped += 1
                assert all(scan(ctx, p, anchors[name]) == [] for name, p in patterns)
    assert skipped > 500


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["1", "2", "0", "DD", "ba", "Est", "+", " ", "planar", "Dynamic", "x", "BC",
                                 "s", "_", "pzt", "\n", "ſ"]), max_size=30))
def test_driver_notations_found_from_the_gate_equal_a_full_scan(parts):
    from headspec.parse import driver

    text = "".join(parts)
    ctx = _ctx(text)
    assert _spans_of(driver._notations(ctx)) == _spans_of(driver._NOTATION.finditer(ctx.norm))


def test_driver_notations_found_from_the_gate_equal_a_full_scan_on_listings(shared_data):
    from headspec.parse import driver

    found = 0
    for text in _listing_texts(shared_data):
        ctx = _ctx(text)
        fast = _spans_of(driver._notations(ctx))
        assert fast == _spans_of(driver._NOTATION.finditer(ctx.norm)), text[:80]
        found += len(fast)
    assert found >= 3  # few listings write "1DD+4BA"; the hypothesis test covers the rest


def _spans_of(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]
