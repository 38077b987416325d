"""The fast paths of product.py and brands.py give what the plain regexes and scans give."""

from __future__ import annotations

import random
import re

import pytest

from headspec.brands import (
    _CLAUSE_BREAK,
    _RIVAL_BEFORE,
    _RIVAL_STARTS,
    _TOKEN,
    _blanked,
    _table,
    find_brand,
    find_brand_in_title,
    find_brand_under_title,
    lower,
)
from headspec.parse import product
from headspec.parse._context import Context
from headspec.parse._util import scan

TITLES = [
    "Sony WH-1000XM4 Wireless Noise Canceling Headphones with Mic for Phone-Call, Black",
    "in-ear monitors (IEM) for stage | Free-Buds AirPods case",
    "Headphone Amplifier, DAC/amp for Sennheiser HD600 - compatible with iPhone",
    "Гарнитура Soul ST-XS2, Bluetooth, черный",
    "Kopfhörer Over-Ear mit Mikrofon für PC",
    "ſpeaker and KELVIN Kable ı İN-EAR earbuds",
    "\u212aELVIN \u0130EMs he\u0130dphones, \u212aable case, \u0130N-EAR monitors",  # lower case is ASCII
    "Ear pads cushions replacement for Bose QC35 / QC25 headset",
    "walkie talkie earpiece w/ mic, 2-pin, for Kenwood UV-5R",
    "Ear  Buds ear_pads HEAD-SET mics\x1c telephone jack, cordless  phones; charging\tdock sound bar",
    "replacement  tips IEMs air pods EarPods buds2 casques cuffia ear-tips dvd player amps_ DAC- hats",
    "",
    "   ",
]


def _variants(seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = list(TITLES)
    for title in TITLES:
        words = title.split()
        for _ in range(20):
            rnd.shuffle(words)
            text = " ".join(words[:rnd.randrange(1, len(words) + 1)]) if words else ""
            out.append("".join(c.upper() if rnd.random() < 0.2 else c for c in text))
    return out


def _context(text: str) -> Context:
    low = lower(text)
    nl = text.find("\n")
    return Context(text=text, norm=text, fields=[], csv=None, title_end=len(text) if nl < 0 else nl, low=low)


@pytest.mark.parametrize("text", _variants())
def test_title_nouns_are_what_scan_finds(text: str) -> None:
    for body in ("", "\nmore text: headphones"):
        ctx = _context(text + body)
        heads, others = product._title_nouns(ctx)
        assert [m.span() for m in heads] == \
            [m.span() for m in scan(ctx, product._HEAD_NOUN, product._HEAD_ANCHORS, limit=ctx.title_end)]
        assert [m.span() for m in others] == \
            [m.span() for m in scan(ctx, product._OTHER_NOUN, product._OTHER_ANCHORS, limit=ctx.title_end)]


ANCHORS_INSIDE = ["That year we heard the earth: EARPHONES", "clear headset-free air pods",
                  "Example: cordless amplifier-stand, a showcase of hats", "xheadphones\x1c ear\x1fbuds"]


NOUNS = [  # one or more of every ASCII alternative of the two noun patterns
    "headphone", "head-phones", "headset", "head-sets", "earphone", "ear-phones", "earbud", "ear-buds",
    "ear buds", "ear \t bud", "iem", "IEMs", "in-ear monitor", "in-ear  monitors", "earpiece",
    "earpieces", "buds", "casque", "casques", "cuffia", "cuffie", "auricolare", "auricolari", "neckband",
    "pods", "airpods", "EarPods", "freepods", "freebuds", "buds2", "speaker", "speakers", "sound bar",
    "soundbar", "dvd  player", "player", "phone", "phones", "telephone", "corded phone",
    "cordless  telephones", "phone jack", "amplifier", "amps", "amp", "DAC", "dongle", "adapter",
    "adaptor", "adapters", "cable", "cables", "cord", "cords", "ear pads", "earpad", "ear\tpad",
    "cushion", "case", "cases", "cover", "covers", "stand", "stands", "hanger", "holder", "charger",
    "chargers", "charging  dock", "sleep mask", "sleep  masks", "eye mask", "beanie", "hat", "hats",
    "intercom", "helmet", "microphone", "mic", "mics", "replacement parts", "replacement  tip",
    "ear tips", "eartips", "keyboard", "mouse", "webcam", "detector", "radar", "camera",
]


@pytest.mark.parametrize("noun", NOUNS)
def test_title_nouns_find_every_noun(noun: str) -> None:
    for frame in ("{}", "x {} y", "a-{}_b, c", "({})", "{}s", "{}\x1c", "x{}", "{}-{}"):
        ctx = _context(frame.format(noun, noun))
        heads, others = product._title_nouns(ctx)
        assert [m.span() for m in heads] == \
            [m.span() for m in scan(ctx, product._HEAD_NOUN, product._HEAD_ANCHORS, limit=ctx.title_end)]
        assert [m.span() for m in others] == \
            [m.span() for m in scan(ctx, product._OTHER_NOUN, product._OTHER_ANCHORS, limit=ctx.title_end)]


@pytest.mark.parametrize("text", [*_variants(), *ANCHORS_INSIDE])
def test_noun_search_from_the_first_anchor(text: str) -> None:
    pairs = ((product._HEAD_NOUN, product._HEAD_LOW, product._HEAD_STARTS),
             (product._OTHER_NOUN, product._OTHER_LOW, product._OTHER_STARTS))
    for pattern, twin, starts in pairs:
        plain = pattern.search(text)
        fast = product._search(pattern, twin, starts, text)
        assert (plain and plain.span()) == (fast and fast.span())


def test_generic_words_as_the_regex() -> None:
    words = {w.strip(",;:") for t in _variants() for w in t.split()}
    for word in product._GENERIC_PLAIN:
        words |= {word, word.upper(), word.title(), word + "s", word[:-1], word + "\n", "x" + word}
    words |= {"ipx7", "IPX45", "12-pack", "7x1", "hi-fi", "HIFI", "ſports", "KİDS"}
    for word in words:
        assert product._is_generic(word) == (product._GENERIC.match(word) is not None), word


OLD_SUBJECT_END = re.compile(r"\s(?:for|with|w/|compatible|works|fits|für|pour|per|для|с)\s|\||,|\s-\s|\(|\[",
                             re.IGNORECASE)
OLD_CLAUSE_BREAK = re.compile(r"[,;|()\[\]\n:]|\s-\s|\.\s")
OLD_CLAUSE = re.compile(r"\s(?=(?:with|w/|for|compatible|works|fits|für|pour|per|для|с)\s)"
                        r"|\||,|\s-\s|\(|\[|/\s", re.IGNORECASE)


def test_clause_patterns_match_as_their_plain_spelling() -> None:
    rnd = random.Random(3)
    alphabet = [*" \t\n\x1c-|,([/)].:;]wWfFcCpPдДсСitho", "for", "with", "w/", "works", " - ", "FÜR", "ДЛЯ",
                "WITH"]
    noise = ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(1, 20))) for _ in range(3000)]
    texts = _variants() + noise
    for text in texts:
        breaks = [m.span() for m in OLD_CLAUSE_BREAK.finditer(text)]
        assert breaks == [m.span() for m in _CLAUSE_BREAK.finditer(text)], text
        for old, new, twin in ((OLD_SUBJECT_END, product._SUBJECT_END, product._SUBJECT_END_LOW),
                               (OLD_CLAUSE, product._CLAUSE, product._CLAUSE_LOW)):
            spans = [m.span() for m in old.finditer(text)]
            assert spans == [m.span() for m in new.finditer(text)], text
            if text.isascii():
                assert spans == [m.span() for m in twin.finditer(text.lower())], text


@pytest.mark.parametrize("text", [*_variants(), "sonyé Sony røde, Røde boseß", "Сони сонy, Bose", "t-t t1 t"])
def test_blanked_words_hold_every_brand_key_word(text: str) -> None:
    keys = _table().first.keys()
    low = lower(text)
    for lo, hi in ((0, len(low)), (1, max(1, len(low) - 2))):
        blanked = _blanked(low, lo, hi)
        if blanked is None:
            continue
        assert len(blanked) == hi - lo
        assert keys & set(blanked.split()) >= keys & set(_TOKEN.findall(low, lo, hi))
        if low[lo:hi].isascii():
            assert blanked.split() == _TOKEN.findall(low, lo, hi)


@pytest.mark.parametrize("text", [*_variants(), "Kopfhörer für Sony", "pads compatible w Sony", "vs. Bose"])
def test_rival_gate_as_the_regex(text: str) -> None:
    for start in range(len(text) + 1):
        before = text[max(0, start - 60):start]
        for m in _CLAUSE_BREAK.finditer(before):
            before = before[m.end():]  # not the same clause cut; any text will do here
        plain = _RIVAL_BEFORE.search(before) is not None
        at = _RIVAL_STARTS.search(before.lower()) if before.isascii() else None
        gated = at is not None and _RIVAL_BEFORE.search(before, at.start()) is not None
        assert gated == plain or not before.isascii(), before


@pytest.mark.parametrize("title", _variants())
def test_brand_in_title_and_under_it_as_find_brand(title: str) -> None:
    title = title.replace("\n", " ")
    for body in ("", "\nSony WH-1000XM4 by Sony, for Apple", "\n" + "x" * 590 + " Bose QC35 Bose"):
        text = title + body
        low = lower(text)
        end = len(title)
        found = find_brand_in_title(text, low, end)
        assert found == find_brand(title)
        if found is None and body:
            found = find_brand_under_title(text, low, end)
        assert found == find_brand(text)



BODIES = [
    "\nLink Dream BH60 trucker headset. link dream  LD-9 case",
    "\nfor Sony WH1000 and sony XB-900N; Sony MDR7506 studio",
    "\ncompatible with Apple A12, works with APPLE B2/ apple C3-X and Apple PS5 then Apple Q9",
    "\nJBL JBL5 JBL-T500 jbl\tT510BT, JBL",
    "\nno brand here at all",
    "\nſony S1, SONY S2 \u212aJBL, Ｓony S3 sony S4 – Sony S5",  # folds, a full-width letter normalized
    "\nİ Sony\u00a0AB12 Лink Dream ZX9 Link Dream\u2003ZX10",
    "\nＳony S3, sony\u00a0S4 for Sony\u2003S5 ｓony S6",  # normalized, no folds: the fast road
]


def _old_model_in_body(ctx: Context, brand: str) -> list[tuple[str, int, int]]:
    """What _model_in_body found with one regex over the body (before its fast road)."""
    pattern = re.compile("(?i:" + re.escape(brand) + ")" + product._BODY_CODE)
    for m in pattern.finditer(ctx.text, ctx.title_end):
        if not product._HOST_BEFORE.search(product.clause_before(ctx.norm, m.start(), 40)):
            return [(m.group(1), m.start(1), m.end(1))]
    return []


@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("brand", ["Sony", "Apple", "JBL", "Link Dream", "link", "Лink"])
def test_model_in_body_as_the_regex(body: str, brand: str) -> None:
    from headspec.parse.numbers import normalize

    text = f"{brand} Wireless Headphones{body}"
    norm = normalize(text)
    ctx = Context(text=text, norm=norm, fields=[], csv=None, title_end=norm.find("\n"), low=lower(norm))
    product._model_in_body(ctx, brand, 0)
    assert [(c.value, c.start, c.end) for c in ctx.found.get("model", [])] == _old_model_in_body(ctx, brand)


def test_split_is_the_runs_of_non_spaces() -> None:
    spaces = "".join(c for c in map(chr, range(0x110000)) if re.match(r"\s", c))
    assert spaces == "".join(c for c in map(chr, range(0x110000)) if c.isspace())
    text = "a" + "b".join(spaces) + ",;:X1-2,"
    assert text.split() == re.findall(r"\S+", text)


@pytest.mark.parametrize("rest", ["Pro WH30, ,MX5;: ", ";:AB12", "x IPX7 BT5 QCC3 AB-12c", "A1\x1cB2",
                                  "ab12 AB12abcd AB1"])
def test_later_code_token_as_the_loop(rest: str) -> None:
    tokens = list(re.finditer(r"\S+", rest))
    code = next((t for t in tokens if product._LATER_CODE.fullmatch(t.group(0).strip(",;:"))), None)
    found = product._LATER_TOKEN.search(rest)
    assert (code and (code.start(), code.group(0).strip(",;:"))) == \
        (found and (found.start(), found.group(1)))


@pytest.mark.parametrize("word", ["link", "link dream", "a-a", "b&o", "aa", "x.y"])
def test_times_said_as_the_regex(word: str) -> None:
    rnd = random.Random(11)
    parts = ["link", " dream", "_", "-", "a", "a-a", "é", "1", " ", "\n", "b&o", "x.y", "xy", "ß"]
    for _ in range(500):
        low = "".join(rnd.choice(parts) for _ in range(rnd.randrange(0, 16)))
        for start in {0, len(low) // 2, len(low)}:
            plain = len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)", low[start:]))
            assert product._times_said(low, word, start) == plain, (low, start)
