"""The form extractor's gates never change a result: it equals the plain scans it stands for."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headspec.parse import features
from headspec.parse._context import LABELLED, PROSE, Context
from headspec.parse._twins import rx
from headspec.parse._util import _head, clause_before, scan, scan_first
from headspec.parse.features import _FORM_ANCHORS, _FORM_REST, _FORMS, _HOOK, _NOT_THIS_FORM, _OPEN_EAR, _TWS
from tests.parse.test_feature_gates import _found


def _form_reference(ctx: Context) -> None:
    """`features.form` with one plain scan per form and a clause window for every match."""
    norm = ctx.norm
    open_ear = rx(_OPEN_EAR, norm).search(norm, 0, ctx.title_end) is not None
    found_by_name = [(name, scan(ctx, pattern, _FORM_ANCHORS[name])) for name, pattern in _FORMS
                     if not open_ear or name == "bone-conduction"]
    in_ear_said = any(found for name, found in found_by_name if name == "in-ear")
    for in_title in (True, False):
        for name, found in found_by_name:
            if name == "earbud" and in_ear_said:
                continue
            for m in found:
                if (m.start() < ctx.title_end) is not in_title:
                    continue
                if rx(_NOT_THIS_FORM, norm).search(clause_before(norm, m.start(), 30)):
                    continue
                if name == "over-ear" and _HOOK.search(norm[m.start() - 12:m.start()]):
                    continue
                ctx.add("form_factor", name, m.start(), m.end(), LABELLED if in_title else PROSE)
        if in_title and ctx.found.get("form_factor"):
            break
    m = scan_first(ctx, _TWS, ("true", "tws", "полностью", "echt"))
    if m:
        ctx.add("true_wireless", True, m.start(), m.end(), PROSE)


def _assert_same(text: str) -> None:
    assert _found(features.form, text) == _found(_form_reference, text), text


def test_other_form_anchors_have_a_word_head_or_are_cyrillic():
    for rest in _FORM_REST.values():
        for anchor in rest:
            assert _head(anchor) is not None if anchor.isascii() else all("а" <= c <= "я" for c in anchor)


def test_form_equals_its_reference_on_every_listing(shared_data):
    for line in (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines():
        _assert_same(json.loads(line)["raw_text"])


_TOKENS = ["Earbuds", "ear buds", "ear-bud", "in-ear", "In Ear", "inear", "in-the-ear", "IEM", "ear tips",
           "eartip", "ear canal", "silicone tips", "over-ear", "Over Ear", "around the ear", "circumaural",
           "on-ear", "supra-aural", "bone conduction", "open-ear", "open ear", "hook", "true wireless", "TWS",
           "for", "like", "than", "vs", "vſ", "not", "nOt", "unlike", "replacing", "wearing", "wearıng",
           "instead of", "ınstead of", "without", "other", "traditional", "conventional", "regular", "LIKE",
           "\u212a", "headphones", "вкладыши", "накладные", "the", "your", "a", " ", " ", "-", "\n", ".",
           ",", "/", "|", "ı", "ſ", "İ", "\x1c", "é", "\u00a0"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=40))
def test_form_equals_its_reference_on_token_soups(parts):
    _assert_same("".join(parts))


@pytest.mark.parametrize("text", [
    "Headphones\nfor in-ear use, unlike over-ear ones; earbuds",
    "Earbuds\nReplacement ear tips for ıEMs, vſ over-ear",
    "Headset\nbetter than on-ear, lıke over-ear headphones, ear hook over-ear",
    "Наушники\nвкладыши, не накладные, in ear",
    "bud earbud_earbud éearbud 3ear bud, ear--bud ear  bud\nEar-Buds; Open-Ear buds, multiple tips",
    "Open Ear Earbuds\nin-ear, ear canal",
    *(f"Headphones\nSpeaker. {word} on-ear cushions. Earbuds" for word in (
        "for", "like", "unlike", "than", "vs", "replacing", "not", "wearing", "instead of", "without",
        "other", "traditional", "conventional", "regular", "LIKE", "Not", "vſ", "lıke", "\u212aind of")),
])
def test_hand_picked_form_texts_equal_their_reference(text):
    _assert_same(text)
