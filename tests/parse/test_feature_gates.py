"""The ANC and wireless extractors' gates never change a result: they equal the extractors before them.

The reference functions below are `anc`, `wireless` and `codecs` as they were before their
word-head and literal gates (commit b840ab9), run on the same patterns.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headspec.errors import HeadspecError
from headspec.parse import features
from headspec.parse._context import LABELLED, PROSE, Context
from headspec.parse._core import make_context
from headspec.parse._twins import rx
from headspec.parse._util import any_anchor, clause_before, scan, scan_first
from headspec.parse.features import (
    _ACTIVE_BEFORE,
    _ANC_ANCHORS,
    _ANC_HINT_BEFORE,
    _ANC_NEG,
    _ANC_NEG_ANCHORS,
    _ANC_NOT_ACTIVE_CONTEXT,
    _ANC_YES,
    _ANY_CODEC,
    _BARE_V_BEFORE,
    _BT_AFTER_NOUN,
    _BT_BEFORE,
    _BT_BEFORE_ANCHORS,
    _BT_COMPARED,
    _BT_ONLY_CODEC,
    _BT_VALUE,
    _BT_VERSION,
    _CALL_NR,
    _CODEC_ANCHORS,
    _CODEC_COMPARISON,
    _CODEC_LIMITED,
    _CODECS,
    _EXPLICIT_ANC,
    _FILE_FORMATS,
    _LE_VERSION,
    _NEGATED,
    _NO_RADIO,
    _PRODUCT_AFTER,
    _WIRED_ONLY,
    _WIRELESS_YES,
    _list_around,
    _version,
)


def _anc_reference(ctx: Context) -> None:
    """Active noise cancelling: true for ANC, false when only call-mic or passive reduction is named."""
    norm = ctx.norm
    if not ctx.mentions("noise", "anc", "шумопод", "geräusch", "bruit", "rumore", "enc", "cvc"):
        return
    negative = None
    call_only = scan_first(ctx, _CALL_NR, ("enc", "cvc")) is not None
    for m in scan(ctx, _ANC_YES, _ANC_ANCHORS):
        word = m.group(0).lower()
        around = norm[max(0, m.start() - 30):m.end() + 25]
        explicit = word.startswith(_EXPLICIT_ANC) or \
            _ACTIVE_BEFORE.search(norm, max(0, m.start() - 30), m.start()) is not None
        if not explicit and (rx(_ANC_NOT_ACTIVE_CONTEXT, norm).search(around) or call_only):
            negative = negative or m
            continue
        if not explicit and m.start() >= ctx.title_end and not _PRODUCT_AFTER.match(norm, m.end()) and \
                _ANC_HINT_BEFORE.search(norm, max(0, m.start() - 30), m.start()) is None:
            continue  # "a noise cancellation function" in prose says too little
        if explicit and _NEGATED.search(norm[max(0, m.start() - 9):m.start()]):
            negative = negative or m
            continue
        ctx.add("anc", True, m.start(), m.end(), PROSE)
    if not ctx.has("anc"):
        neg = scan_first(ctx, _ANC_NEG, _ANC_NEG_ANCHORS) or negative
        if neg is not None:
            ctx.add("anc", False, neg.start(), neg.end(), PROSE)


def _wireless_reference(ctx: Context) -> None:
    """Wireless or wired, Bluetooth version and codecs."""
    norm = ctx.norm
    for f in ctx.labelled("bluetooth"):
        m = _BT_VALUE.match(norm, f.start, f.end)
        if m:
            ctx.add("bluetooth_version", _version(m["v"]), m.start("v"), m.end("v"), LABELLED)
    for m in [*scan(ctx, _BT_VERSION, ("bluetooth", "bt")), *scan(ctx, _BT_BEFORE, _BT_BEFORE_ANCHORS),
              *scan(ctx, _BT_AFTER_NOUN, ("bluetooth",), limit=ctx.title_end)]:
        before = clause_before(norm, m.start(), 40)
        if rx(_BT_COMPARED, norm).search(before):
            continue
        ctx.add("bluetooth_version", _version(m["v"]), m.start(), m.end(), PROSE)
    for i in ctx.anchor_hits("bluetooth"):
        m = rx(_BARE_V_BEFORE, norm).search(norm, max(0, i - 6), i)
        if m is not None and not rx(_BT_COMPARED, norm).search(clause_before(norm, m.start(), 40)):
            ctx.add("bluetooth_version", m[1], m.start(1), i + 9, PROSE)
    m = scan_first(ctx, _WIRELESS_YES, ("wireless", "bluetooth", "bt", "cordless", "tws", "беспроводн",
                                        "kabellos", "sans", "senza", "2.4"))
    negated = m is not None and _NEGATED.search(norm[max(0, m.start() - 9):m.start()]) is not None
    if m is not None and not negated:
        ctx.add("wireless", True, m.start(), m.end(), PROSE)
    elif negated and m is not None and _NO_RADIO.match(m.group(0)) and \
            not _WIRELESS_YES.search(norm, m.end()):
        ctx.add("wireless", False, m.start(), m.end(), PROSE)  # "Not Bluetooth, plug into your Type-C port"
    elif ctx.csv is None:
        m = scan_first(ctx, _WIRED_ONLY, ("wired", "corded", "cord", "cable", "plug", "проводн",
                                          "kabelgebunden", "filaire", "cablat"))
        if m is not None:
            ctx.add("wireless", False, m.start(), m.end(), PROSE)
    _codecs_reference(ctx)


def _codecs_reference(ctx: Context) -> None:
    """Bluetooth codecs the product supports (not ones it is compared with)."""
    norm = ctx.norm
    # the anchored scans are cheap; the keyword gate is asked only when they found something
    heads = ctx.heads_for(_LE_VERSION)
    le_audio = (heads is None or b"le" in heads) and any_anchor(ctx, ("le",))
    if not le_audio and not any_anchor(ctx, _ANY_CODEC):
        return
    found = [(name, scan(ctx, pattern, _CODEC_ANCHORS[name])) for name, pattern in _CODECS]
    if not any(matches for _, matches in found) or \
            not ctx.mentions("sbc", "aac", "apt", "ldac", "lhdc", "lc3", "le audio"):
        return
    taken: list[tuple[int, int]] = []
    for name, matches in found:
        for m in matches:
            if name == "aptX" and any(a <= m.start() < b for a, b in taken):
                continue
            before = clause_before(norm, m.start(), 60)
            after = norm[m.end():m.end() + 40]
            if rx(_CODEC_COMPARISON, norm).search(before) or rx(_CODEC_LIMITED, norm).match(after):
                continue
            if name == "AAC":
                around = _list_around(norm, m.start(), m.end())
                if _FILE_FORMATS.search(around) and not _BT_ONLY_CODEC.search(around):
                    continue
            taken.append((m.start(), m.end()))
            ctx.add("bluetooth_codecs", name, m.start(), m.end(), PROSE)


def _found(extractor, text: str) -> tuple:
    try:
        ctx = make_context(text)  # as parse_spec builds it
    except HeadspecError:
        return ()  # an empty or binary-looking text is refused before any extractor runs
    extractor(ctx)
    return sorted((name, [(c.value, c.start, c.end, c.rank) for c in cands])
                  for name, cands in ctx.found.items())


def _assert_same(text: str) -> None:
    assert _found(features.anc, text) == _found(_anc_reference, text), text
    assert _found(features.wireless, text) == _found(_wireless_reference, text), text


def test_anc_and_wireless_equal_their_reference_on_every_listing(shared_data):
    lines = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        _assert_same(json.loads(line)["raw_text"])


_TOKENS = ["no", "No ", "not", "non-", "without", "noise", "Noise", "cancel", "cancelling", "isolation",
           "isolating", "ANC", "anc", "hybrid", "Active", "passive", "adaptive", "adjust", "level of",
           "ENC", "CVC8", "mic", "call", "voice", "works with", "environmental noise", "headphones",
           "earbuds", "bt", "BT5.3", "BTv", "Bluetooth", "bluetooth", "wireless", "Wireless", "cordless",
           "TWS", "2.4", "GHz", "v5.3", "V5.0", "5.3", "4.2", "version", "chip", ":", "than", "vs",
           "older", "aptX", "apt-x HD", "adaptive", "lossless", "LDAC", "AAC", "SBC", "LC3", "LE audio",
           "MP3", "only", "wired", "cable", "plug:", "шумоподавление", "без", "беспроводные",
           "cancellazione", "attiva", "del", "rumore", "rumori", "réduction", "bruit",
           "aktive", "Geräuschunterdrückung", "geräusch",
           "actıve", "noıse", "ıſolation", "wıthout", "voıce", "paſſıve", "vſ", "adaptıve", "\u212aabel",
           " ", " ", "  ", "-", "\n", ".", ",", "|", "ı", "ſ", "İ", "\u212a", "\x1c", "é", "\u00a0"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40))
def test_anc_and_wireless_equal_their_reference_on_token_soups(parts):
    _assert_same("".join(parts))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40), st.sampled_from(["ı", "ſ", "İ", "\u212a", "б", "é"]))
def test_anc_and_wireless_equal_their_reference_with_an_odd_letter(parts, odd):
    text = "".join(parts)
    _assert_same(text.replace("i", odd).replace("s", odd) if odd in "ıſ" else odd + text)


_COMPARED = ["Bluetooth", "bluetooth", "BT", " ", " ", "5.3", "v5.0", "version", ":", "vs", "vſ", "than",
             "tımes", "ordınary", "older", "prevıous", "aptX", "AAC", "LDAC", "only", "not", "wıthout", "no",
             "wireless", "headphones", ",", ".", "\n"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_COMPARED), max_size=24))
def test_versions_and_codecs_compared_with_folding_letters_equal_their_reference(parts):
    _assert_same("".join(parts))


@pytest.mark.parametrize("text", [
    "Earbuds wıthout Bluetooth, plug into your Type-C port",
    "Headphones. Compared to the prevıous Bluetooth 5.0 chip, faster",
    "Headphones\nActıve noise cancelling. Adaptıve noise cancelling levels",
    "Earbuds\nwıth voıce calls: noise cancelling up to 30 dB. ENC mic",
    "Speaker\nno noıse cancelling, passıve noise isolation",
    "Kopfhörer\nAktive Geräuschunterdrückung",
    "Kopfhörer\nmit Geräuschunterdrückung",
    "Casque\nréduction active du bruit, Réduction active du bruit",
    "Earbuds\nLE  audio ready",
    "Earbuds\nLE audio, LC3 and SBC",
    "Cuffie\ncancellazione attiva del rumore, cancellazione del rumore",
    "Headset 2.4 GHz wireless, bt 5.3, V5.3 Bluetooth headphones 5.2 and LE audio, aptX vs AAC tımes",
])
def test_hand_picked_texts_with_folding_letters_equal_their_reference(text):
    _assert_same(text)
