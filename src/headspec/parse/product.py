"""Brand, model and whether the product is a headphone at all."""

from __future__ import annotations

import re
from itertools import chain
from operator import itemgetter

from headspec.brands import (
    BODY_CHARS,
    canonical_brand,
    find_brand,
    find_brand_in_title,
    find_brand_under_title,
    lower,
)
from headspec.parse._context import LABELLED, PROSE, TABLE, Context
from headspec.parse._twins import lower_twin
from headspec.parse._util import clause_before, matches_from, word_starts

_HEAD_NOUN = re.compile(
    r"head-?phones?|head-?sets?|ear-?phones?|ear-?buds?|\bear\s+buds?\b|\biems?\b|in-ear\s+monitors?|"
    r"earpieces?|\bbuds\b|наушник\w*|гарнитур\w*|kopfhörer|ohrhörer|casques?\b|écouteurs?|cuffi[ae]|"
    r"auricolar[ei]|neckband|\b(?:air|ear|free)?pods\b|freebuds|\bbuds\d?\b",
    re.IGNORECASE,
)
_OTHER_NOUN = re.compile(
    r"\bspeakers?\b|sound\s?bar|dvd\s+player|\bplayer\b|\b(?:corded\s+|cordless\s+)?(?:tele)?phones?\b(?!\s+jack)|"
    r"amplifiers?|\bamps?\b|\bdac\b|dongle|adapt[eo]rs?|\bcables?\b|\bcords?\b|ear\s?pads?|"
    r"cushions?|\bcases?\b|\bcovers?\b|\bstands?\b|hangers?|holders?|chargers?|charging\s+dock|"
    r"sleep\s+masks?|eye\s+masks?|beanies?|\bhats?\b|intercoms?|helmet|microphones?|\bmics?\b|"
    r"replacement\s+(?:parts?|tips?)|ear\s?tips|keyboard|mouse|webcam|detector|radar|camera|"
    r"колонк\w*|усилител\w*|кабел\w*|чехол|амбушюр\w*|переходник\w*",
    re.IGNORECASE,
)  # (both written in lower case: the same patterns under IGNORECASE, and they have lower-case twins)
_HEAD_ANCHORS = ("head", "ear", "iem", "in-ear", "buds", "наушник", "гарнитур", "kopfhörer", "ohrhörer",
                 "air", "pods", "free", "casque", "écouteur", "cuffi", "auricolar", "neckband")
_OTHER_ANCHORS = ("speaker", "sound", "dvd", "player", "corded", "cordless", "tele", "phone", "amplifier",
                  "amp", "dac", "dongle", "adapt", "cable", "cord", "ear", "cushion", "case", "cover",
                  "stand",
                  "hanger", "holder", "charg", "sleep", "eye", "beanie", "hat", "intercom", "helmet",
                  "microphone", "mic", "replacement", "keyboard", "mouse", "webcam", "detector", "radar",
                  "camera", "колонк", "усилител", "кабел", "чехол", "амбушюр", "переходник")


_RUN = re.compile(r"[^\W_]+")  # a maximal run of characters that are str.isalnum
_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())
_BLANK_OUT = bytes.maketrans(_NOT_ALNUM, b" " * len(_NOT_ALNUM))


def _by_key(anchors: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """`anchors` by the first three characters of the word each starts ("in" for "in-ear").

    Where an anchor starts a word, that word begins with the anchor's key, so a title none
    of whose words begins with a key holds none of the anchors.
    """
    out: dict[str, tuple[str, ...]] = {}
    for a in anchors:
        run = _RUN.match(a)
        # the word an anchor starts begins with the anchor's letters up to its first sign ("in" of "in-ear")
        # or, when it has none, with at least its first three
        if run is None or len(run.group()) == len(a) < 3:
            raise ValueError(f"{a!r}: an anchor must start a word and be 3+ characters long")
        key = run.group()[:3]
        out[key] = (*out.get(key, ()), a)
    return out


_HEAD_BY_KEY = _by_key(_HEAD_ANCHORS)
_OTHER_BY_KEY = _by_key(_OTHER_ANCHORS)
_FIRST3 = itemgetter(slice(3))



def _starts(anchors: tuple[str, ...]) -> re.Pattern[str]:
    """The first place in a lower-cased ASCII text where one of `anchors` occurs (plain literals: fast)."""
    return re.compile("|".join(re.escape(a) for a in anchors if a.isascii()))


_HEAD_STARTS = _starts(_HEAD_ANCHORS)
_OTHER_STARTS = _starts(_OTHER_ANCHORS)


def _places(*spellings: str) -> re.Pattern[str]:
    """Word starts of an ASCII title where a noun may start, found in " " + the title blanked out + " ".

    Blanked out (every character but an ASCII letter or digit made a blank, see `_title_nouns`),
    a noun alternative that matches at a word start i reads from i + 1 of the padded text as its
    spelling here: a sign or a space a blank ("head-?phones?": "head ?phone"), a word end (\b after
    a letter: a non-word character or the end) a blank. Each place is a word start, and every word
    start where a noun matches is one, so `matches_from` given these places finds what it finds
    given the places of the anchors (scan's word starts where a noun may start).
    The spellings, each led by a letter, are grouped by that letter ("c(?:asques? |uffi[ae])"):
    the regex engine then tries one group for the letter after a blank, not every spelling.
    """
    groups: dict[str, list[str]] = {}
    for spelling in spellings:
        if not spelling[:1].isalpha():
            raise ValueError(f"{spelling!r}: a noun spelling starts with a letter")
        groups.setdefault(spelling[0], []).append(spelling[1:])
    return re.compile(" (?=" + "|".join(f"{c}(?:{'|'.join(rest)})" for c, rest in groups.items()) + ")")


_HEAD_PLACES = _places(  # _HEAD_NOUN's ASCII alternatives
    "head ?phone", "head ?set", "ear ?phone", "ear ?bud", "ear +bud", "iems? ", "in ear +monitor",
    "earpiece", "buds ", "casques? ", "cuffi[ae]", "auricolar[ei]", "neckband", "pods ", "airpods ",
    "earpods ", "freepods ", "freebuds", r"buds\d? ")
_OTHER_PLACES = _places(  # _OTHER_NOUN's ASCII alternatives
    "speakers? ", "sound ?bar", "dvd +player", "player ", "phones? ", "telephones? ",
    "corded +(?:tele)?phones? ", "cordless +(?:tele)?phones? ", "amplifier", "amps? ", "dac ", "dongle",
    "adapt[eo]r", "cables? ", "cords? ", "ear ?pad", "cushion", "cases? ", "covers? ", "stands? ", "hanger",
    "holder", "charger", "charging +dock", "sleep +mask", "eye +mask", "beanie", "hats? ", "intercom",
    "helmet", "microphone", "mics? ", "replacement +(?:part|tip)", "ear ?tips", "keyboard", "mouse",
    "webcam", "detector", "radar", "camera")


def _twin_of(pattern: re.Pattern[str]) -> re.Pattern[str]:
    twin = lower_twin(pattern)
    if twin is None:
        raise ValueError(f"{pattern.pattern[:40]!r}: write the pattern in lower case")
    return twin


_HEAD_LOW = _twin_of(_HEAD_NOUN)
_OTHER_LOW = _twin_of(_OTHER_NOUN)


def _search(pattern: re.Pattern[str], twin: re.Pattern[str], starts: re.Pattern[str],
            text: str) -> re.Match[str] | None:
    """The span of `pattern.search(text)`, trying the pattern only where one of its anchors occurs.

    A case-insensitive alternation tried at every character costs ~0.1 us a character. Every
    alternative of the noun patterns starts with one of their anchors (what `scan` relies on
    too), and in an ASCII text IGNORECASE is plain lower-casing: the leftmost anchor at which
    `twin` (`pattern`'s lower-case twin) matches the lower-cased text is where the search finds its match.
    """
    if not text.isascii():
        return pattern.search(text)
    low = text.lower()
    at = starts.search(low)
    while at is not None:
        m = twin.match(low, at.start())
        if m is not None:
            return m
        at = starts.search(low, at.start() + 1)
    return None


_NOTATION_WORD = re.compile(r"\d(?:DD|BA|EST)\b", re.IGNORECASE)  # "1BA+1DD" is the driver set, not the model
_MIC = re.compile(r"mics?|microphones?", re.IGNORECASE)
# (both written to start with one character class: the regex engine then skips in C to the next
# character of it instead of trying every branch at every character; the lookbehinds pick the branch
# the plain spelling takes there; no two of its branches match at one place, so the matches are the same)
_SUBJECT_END = re.compile(r"[|,(\[\s](?:(?<!\s)|(?<=\s)(?:"
                          r"(?:for|with|w/|compatible|works|fits|für|pour|per|для|с)\s|-\s))",
                          re.IGNORECASE)  # = \s(?:for|...)\s|\||,|\s-\s|\(|\[
# clause breaks; "with"/"for" start a new clause (kept in it) that names extras or host devices
_CLAUSE = re.compile(r"[|,(\[/\s](?:(?<=[|,(\[])|(?<=/)\s|(?<=\s)(?:-\s|"
                     r"(?=(?:with|w/|for|compatible|works|fits|für|pour|per|для|с)\s)))",
                     re.IGNORECASE)  # = \s(?=(?:with|...)\s)|\||,|\s-\s|\(|\[|/\s
# (in an ASCII title IGNORECASE is plain lower-casing: these read the lower-cased title)
_SUBJECT_END_LOW = _twin_of(_SUBJECT_END)
_CLAUSE_LOW = _twin_of(_CLAUSE)
_HOST_CLAUSE = re.compile(r"\s*(?:for|compatible|works|fits|для|with|w/|incl\w*|plus|\+|с)\b", re.IGNORECASE)
_WITH_CLAUSE = re.compile(r"\s*(?:with|w/|incl\w*|plus|\+|с)\b", re.IGNORECASE)
_GENERIC_WORDS = (
    r"wireless|wired|bluetooth|true|truly|noise|active|hybrid|gaming|sports?|stereo|headphones?|headsets?|"
    r"earbuds?|earphones?|over|on|in|ear|in-ear|over-ear|on-ear|open-ear|kids|children|the|new|upgraded|premium|"
    r"professional|studio|hi-?fi|hifi|hi-res|open|closed|foldable|portable|lightweight|mini|deep|bass|"
    r"anc|enc|tws|usb|usb-c|type-c|with|and|for|by|bt|sleep|sleeping|trucker|waterproof|running|cancelling|canceling|"
    r"bone|conduction|dj|pc|audio|sound|music|mic|microphone|ipx\d|black|white|blue|red|green|pink|grey|"
    r"gray|silver|gold|purple|beige|matte|limited|edition|version|gen|best|digital|cordless|corded|phone|"
    r"telephone|earset|earpiece|clip-on|clip|neckband|headband|kid|boys|girls|women|men|baby|toddler|"
    r"school|classroom|bulk|pack|\d+-pack|travel|office|home|cute|cat|led|rgb|light|ultra|thin|soft|"
    r"comfortable|compatible|replacement|magnetic|sweatproof|ipx\d+|hi-fi|surround|7\.1|noise-cancelling|"
    r"over-the-ear|in-the-ear|behind-the-neck|vertical-in-the-ear|hands-free|walkie|talkie|motorcycle|"
    r"helmet|swimming|gym|workout|bass|extra|super|dual|pairing|mode|active|passive"
)
_GENERIC = re.compile(rf"^(?:{_GENERIC_WORDS})$", re.IGNORECASE)


def _spellings(alternative: str) -> list[str] | None:
    r"""The lower-case words an alternative of _GENERIC_WORDS matches ("sports?", "hi-?fi", "7\.1"), or None.

    None for a real pattern ("ipx\d+"); at most one optional character is expanded.
    """
    if "." in alternative.replace(r"\.", ""):
        return None  # a bare "." matches any character
    plain = alternative.replace(r"\.", ".")
    m = re.fullmatch(r"([a-z0-9.-]*)([a-z0-9-])\?([a-z0-9.-]*)", plain)
    if m is not None:
        return [m[1] + m[3], m[1] + m[2] + m[3]]
    return [plain] if re.fullmatch(r"[a-z0-9.-]+", plain) else None


_GENERIC_PLAIN = frozenset(w for a in _GENERIC_WORDS.split("|") for w in _spellings(a) or ())
_GENERIC_PATTERNS = re.compile(
    "^(?:" + "|".join(a for a in _GENERIC_WORDS.split("|") if _spellings(a) is None) + ")$", re.IGNORECASE)


def _is_generic(word: str) -> bool:
    """`_GENERIC.match(word)`: a set lookup for the plain words (IGNORECASE is plain lower-casing in ASCII).

    The big alternation costs ~1.4 us for a word that is not generic, and model words are not.
    """
    if word.isascii() and not word.endswith("\n"):  # "$" also matches before a final line break
        return word.lower() in _GENERIC_PLAIN or _GENERIC_PATTERNS.match(word) is not None
    return _GENERIC.match(word) is not None


_SUFFIX = re.compile(r"^(?:pro|plus|max|lite|mini|nc|anc|se|ii|iii|iv|gen|air|ultra|neo|x|s|bt|tws|elite|"
                     r"\+|2|3|4|5)$", re.IGNORECASE)
_FIRST_CODE = re.compile(r"\s*([A-Z]{1,3}\d{1,4}[A-Za-z]{0,3})(?=\s)")
_MODEL_CODE = re.compile(r"^[A-Z0-9][A-Za-z0-9]*(?:[-_/.][A-Za-z0-9]+)+$|^[A-Z]{1,5}\d[\w-]*$")
_RU_TITLE = re.compile(r"^\s*(?:гарнитура|наушники|беспроводные наушники|проводные наушники)\s+", re.I)


# patterns used inside the extractors, compiled once (re.* calls look each up in re's cache)
_LANGUAGE_TAG = re.compile(r"language\s*_\s*tag", re.I)
_LEAD_WORD = re.compile(r"\s*(?:гарнитура\s+|наушники\s+)?([^\W\d_][\w&+!.-]*)(?=[\s,])")
_WHOLE_CODE = re.compile(r"\s*([A-Z0-9][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+)\s*")
_FIGURE_WORD = re.compile(r"\d+(?:\.\d+)?(?:h|hrs?|mm|hz|khz|db|['\"″]|-?inch(?:es)?)", re.I)
_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_TAIL_CODE = re.compile(r"\s-\s([A-Z0-9][A-Z0-9-]{3,}|[A-Z]{2,5}\s[A-Z]{1,4}\d[A-Z0-9-]*)(?:/[A-Z]+)?\s*$")
# a hyphenated maker code ending the title after a comma: "Sony ZX Series Headphones, White MDR-ZX110"
_END_CODE = re.compile(r"[\s,]([A-Z]{2,5}-[A-Z0-9]*\d[A-Z0-9]*)\s*$")
_PAREN_CODE = re.compile(r" \((?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{2,}\)")
# a count and the noun it counts, written after a model code: "M1S-AIR 2 Way", "KX-TSC14W 2-Line"
_COUNT_NOUNS = (r"(?:ways?|lines?|packs?|pcs|pieces?|ports?|channels?|speeds?|modes?|riders?|persons?|"
                r"users?|sets?|hours?|hrs?|ohms?|Ω|mm|db|hz|khz|mah)")
_COUNTED = re.compile(r"\d+-" + _COUNT_NOUNS, re.I)
_COUNT_NOUN = re.compile(_COUNT_NOUNS + r"$", re.I)
_MODEL_SUFFIX = re.compile(r"^(?:pro|plus|max|lite|mini|se|ii|iii|iv|ultra|neo|elite)$", re.I)
_GENERATION = re.compile(r"[1-9]|II|III|IV")
# a maker code standing among a title's generic words (not IPX7, not a figure like 5.3 or 40mm)
_LATER_CODE = re.compile(r"(?!IPX?\d|BT\d|PS\d|V\d|MP\d|RJ\d|CSR|QCC|BES|JL\d)"
                         r"[A-Z]{1,4}-?\d{1,4}[A-Za-z]{0,3}")
# the first token (a run of non-spaces) that is such a code once stripped of ",;:" (a code holds none)
_LATER_TOKEN = re.compile(r"(?<!\S)[,;:]*(" + _LATER_CODE.pattern + r")[,;:]*(?!\S)")
_ROMAN = re.compile(r"^(?:II|III|IV)$")
_PRODUCT_NOUN = re.compile(r"^(?:headphones?|headsets?|earbuds?|earphones?|buds)$", re.I)


def brand_and_model(ctx: Context) -> None:
    """Brand (canonical when known) and model of the product the text is about."""
    text = ctx.text
    if ctx.csv is not None:
        cell = ctx.csv.cells.get("brand")
        if cell and cell[0].strip():
            name = canonical_brand(cell[0]) or cell[0].strip()
            ctx.add("brand", name, cell[1], cell[2], TABLE)
        cell = ctx.csv.cells.get("model")
        if cell and cell[0].strip():
            ctx.add("model", cell[0].strip(), cell[1], cell[2], TABLE)
        return
    for f in ctx.fields:  # brands and models go to separate lists: one pass keeps each in reading order
        if f.family == "brand":
            value = text[f.start:f.end].strip()
            if value:
                ctx.add("brand", canonical_brand(value) or value, f.start, f.end, LABELLED)
        elif f.family == "model":
            value = text[f.start:f.end].strip()
            if value and len(value) <= 60 and not _LANGUAGE_TAG.fullmatch(value):
                ctx.add("model", value, f.start, f.end, LABELLED)
    title = text[:ctx.title_end]
    # the title ends where the normalized text's first line does; `text` breaks its own line there too
    # unless normalizing mapped a character to a line break (then take the slow, plain road)
    plain_title = "\n" not in title
    if plain_title:
        found = find_brand_in_title(text, _lower_to(ctx, ctx.title_end), ctx.title_end)
    else:
        found = find_brand(title)
    if found is not None:
        name, start, end = found
        ctx.add("brand", name, start, end, PROSE)
        before = len(ctx.found.get("model", ()))
        _model_after(ctx, end)
        _model_in_body(ctx, text[start:end], before)
        return
    lead = _LEAD_WORD.match(title)
    if lead:
        word = lead.group(1).rstrip(".")
        word_low = word.lower()
        has_body = ctx.title_end < len(text)
        # pure tests, cheapest first; `named` only matters when neither of the others holds
        allcaps = len(word) >= 3 and word.isupper() and word.isalpha() and (
            has_body or _names_headphone(title))
        repeated = len(word) >= 4 and has_body and _said_again(ctx.low, word_low, ctx.title_end)
        named = not (allcaps or repeated) and 4 <= len(word) <= 15 and word.isalpha() and \
            word_low not in _NOT_A_BRAND and _LISTING_LEAD.match(title, lead.end(1)) is not None and \
            _names_headphone(title)
        if (allcaps or repeated or named) and word_low not in _NOT_A_BRAND and not _is_generic(word) \
                and not _MODEL_CODE.match(word):
            end = lead.start(1) + len(word)
            if repeated:
                end = _brand_words(ctx, title, lead.start(1), end)
            ctx.add("brand", text[lead.start(1):end], lead.start(1), end, PROSE)
            before = len(ctx.found.get("model", ()))
            _model_after(ctx, end, need_digit=not (allcaps or repeated))
            if repeated:
                _model_in_body(ctx, text[lead.start(1):end], before)
            return
    if ctx.title_end == len(text):
        found = None
    elif plain_title and text[ctx.title_end] == "\n":  # find_brand(text) reads the same title: none there
        found = find_brand_under_title(text, _lower_to(ctx, ctx.title_end + BODY_CHARS), ctx.title_end)
    else:
        found = find_brand(text)
    if found is not None:  # a brand named only in the text under the title
        ctx.add("brand", found[0], found[1], found[2], PROSE)
    tail = _TAIL_CODE.search(title) if "-" in title else None  # " - " starts every match
    if tail and _DIGIT.search(tail.group(1)):  # "Ex Series Earbuds Black - MDR EX55/BLK"
        ctx.add("model", tail.group(1), tail.start(1), tail.end(1), PROSE)
        return
    first = _FIRST_CODE.match(title)
    if first:
        ctx.add("model", first.group(1), first.start(1), first.end(1), PROSE)
        return
    code = _WHOLE_CODE.fullmatch(title)
    if code:
        ctx.add("model", code.group(1), code.start(1), code.end(1), PROSE)


def _lower_to(ctx: Context, end: int) -> str:
    """`brands.lower` of `ctx.text` good up to `end`: `ctx.low` where normalizing changed none of it.

    Lower-casing a long non-ASCII text costs microseconds; the text and its normalized form
    mostly differ (if at all) in a few characters far from the opening lines brands are read in.
    """
    text, norm = ctx.text, ctx.norm
    if text is norm or text[:end] == norm[:end]:
        return ctx.low
    return lower(text[:end])


def _names_headphone(title: str) -> bool:
    """`_HEAD_NOUN.search(title) is not None` (see `_search`)."""
    return _search(_HEAD_NOUN, _HEAD_LOW, _HEAD_STARTS, title) is not None


# a listing title starts with its brand: "Voerou Sleep Headphones", "vinamass Kids Bluetooth Headphones";
# these words start titles and sheets without being brands
_LISTING_LEAD = re.compile(r"\s+[\w(]")
_NOT_A_BRAND = frozenset("""
about after all also amazing android artistic audio best bluetooth bone bulk classic comfortable compatible
cordless cute deep description details earphones earbuds ergonomic extra features foldable for from gaming
genuine headband headphones headset high highlights hybrid iphone ipad kids lightweight long magnetic mini
model noise note open original over overview package portable premium pro product professional rechargeable
replacement retractable review runner running single sleep sleeping smart specification specifications specs
sport sports stereo studio super technical the these this trucker true ultra ultralight universal upgraded
invisible waterproof when wifi usb thd anc enc tws led rgb hifi dsp
wired wireless with your kopfhörer casque cuffie auricolari écouteurs
technische
produkt beschreibung наушники гарнитура характеристики описание great good nice cheap awesome excellent
perfect quality light heavy black white blue pink green gold silver grey gray purple beige children toddler
baby boys girls women men adult adults teens teen school classroom office travel home workout swimming
motorcycle helmet kid dog bear unicorn dinosaur glow neon retro vintage wooden metal leather silicone soft
hard
small large big little tiny slim thin flat cool fun funny fashion stylish luxury custom digital analog active
passive dual double triple twin clear crystal powerful wireless noise cancelling canceling immersive
""".split())


_NEXT_WORD = re.compile(r" ([A-Z][a-z]{2,})\b")


def _brand_words(ctx: Context, title: str, start: int, end: int) -> int:
    """End of a guessed brand, taking the next title word when the body always says the two together.

    "Link Dream Trucker Headset" whose text says "Link Dream trucker ...", "Link Dream BH60 ..."
    has the two-word brand "Link Dream"; a brand said alone even once stays one word.
    """
    nxt = _NEXT_WORD.match(title, end)
    if nxt is None or _is_generic(nxt.group(1)) or nxt.group(1).lower() in _NOT_A_BRAND:
        return end
    low = ctx.low
    one = low[start:end]
    pair = low[start:nxt.end(1)]
    body = ctx.title_end
    said_pair = _times_said(low, pair, body)
    return nxt.end(1) if said_pair >= 2 and said_pair == _times_said(low, one, body) else end


def _times_said(low: str, word: str, start: int) -> int:
    r"""How often `word` stands alone in `low[start:]`: `len(re.findall(rf"(?<!\w){re.escape(word)}(?!\w)",
    low[start:]))`, by `str.find` (the regex tries every character; a word is said a few times)."""
    count = 0
    i = low.find(word, start)
    while i >= 0:
        j = i + len(word)
        if (i == start or not _is_word_char(low[i - 1])) and (j == len(low) or not _is_word_char(low[j])):
            count += 1
            i = low.find(word, j)  # findall goes on after the end of a match
        else:
            i = low.find(word, i + 1)
    return count


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what \w matches


_HOST_BEFORE = re.compile(r"\b(?:for|compatible|works|fits|supports?|like|than|vs|your|для|совместим\w*)\b",
                          re.IGNORECASE)
_BODY_CODE = r"\s+(?!PS\d)([A-Z]{1,5}-?\d{1,5}[A-Za-z0-9-]*)\b(?![/-])"  # not a host "PS5/PS4"
_BODY_TAIL = re.compile(_BODY_CODE)
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")  # İ ı ſ K: IGNORECASE matches them to i, i, s, k


def _model_in_body(ctx: Context, brand: str, before: int) -> None:
    """A model code the body names right after the brand ("Link Dream BH60") when the title gave none."""
    models = ctx.found.get("model", [])[before:]
    if any(_DIGIT.search(str(c.value)) for c in models):
        return
    text, low = ctx.text, ctx.low
    key = brand.lower()
    at = low.find(key, ctx.title_end)
    if at < 0:
        return
    if brand.isascii() and (text.isascii() or _FOLDS_TO_ASCII.search(text) is None):
        # IGNORECASE matches an ASCII letter only to its two cases here, and normalizing maps no
        # ASCII character: the brand part of the regex below matches exactly where `text` holds
        # `brand` in any case, a place where `low` holds `key`; finditer's matches are the places
        # found here, left to right, each at or after the end of the one before
        n = len(key)
        while at >= 0:
            m = _BODY_TAIL.match(text, at + n) if text[at:at + n].lower() == key else None
            if m is None:
                at = low.find(key, at + 1)
            elif _HOST_BEFORE.search(clause_before(ctx.norm, at, 40)):
                at = low.find(key, m.end())  # "compatible with Samsung S23": a host named after the brand
            else:
                break
        else:
            return
    else:
        pattern = re.compile("(?i:" + re.escape(brand) + ")" + _BODY_CODE)
        for m in pattern.finditer(text, ctx.title_end):
            if not _HOST_BEFORE.search(clause_before(ctx.norm, m.start(), 40)):
                break  # not "compatible with Samsung S23": a host device named after the brand
        else:
            return
    if models:
        del ctx.found["model"][before:]
    ctx.add("model", m.group(1), m.start(1), m.end(1), PROSE)


def _in_with_clause(title: str, pos: int) -> bool:
    start = 0
    for m in _CLAUSE.finditer(title, 0, pos):
        start = m.end()
    return _WITH_CLAUSE.match(title, start) is not None


def _in_host_clause(title: str, pos: int) -> bool:
    """True when `pos` sits in a clause naming host devices ("... for Kenwood UV-5R")."""
    start = 0
    for m in _CLAUSE.finditer(title, 0, pos):
        start = m.end()
    return _HOST_CLAUSE.match(title, start) is not None


def _said_again(low: str, word: str, start: int) -> bool:
    """True when `word` occurs again as a whole word in `low` after `start`."""
    i = low.find(word, start)
    while i >= 0:
        j = i + len(word)
        if (i == 0 or not low[i - 1].isalnum()) and (j >= len(low) or not low[j].isalnum()):
            return True
        i = low.find(word, i + 1)
    return False


def _model_after(ctx: Context, pos: int, need_digit: bool = False) -> None:
    """The model named right after the brand in the title."""
    text = ctx.text
    title = text[:ctx.title_end]
    rest_start = pos
    ru = _RU_TITLE.match(title)
    if ru is not None:
        stop = min((i for i in (title.find(",", pos), title.find(" (", pos)) if i >= 0), default=len(title))
        code = _PAREN_CODE.match(title, stop)
        if code is not None:
            stop = code.end()  # "LiveBuds (ECS3001T)": the maker's code belongs to the model name
        model = title[pos:stop].strip()
        if model:
            start = text.index(model, pos)
            ctx.add("model", model, start, start + len(model), PROSE)
        return
    if title.isascii():
        m = _SUBJECT_END_LOW.search(ctx.low, pos, ctx.title_end)
    else:
        m = _SUBJECT_END.search(title, pos)
    end = m.start() if m else len(title)
    rest = title[rest_start:end]
    tokens = rest.split()  # the runs of \S: str.split and \s both split at the str.isspace characters
    n = len(tokens)
    first = last = -1  # the picked tokens are tokens[first:last + 1]
    has_digit = False
    skip_to = 0
    for k, tok in enumerate(tokens):
        word = tok.strip(",;:")
        picked = first >= 0
        if not picked and (canonical_brand(word) is not None or word.lower() in
                           ("by", "professional", "the", "new", "genuine", "original", "audio")):
            continue  # "Soundcore Anker Life Q20", "SENNHEISER Professional HD 300 PRO"
        if not picked and word.lower() == "made" and k + 2 < n and tokens[k + 1].lower() == "in":
            skip_to = k + 3  # "GOBOULT Made in India Q Over Ear": where it is made, not the model
        if k < skip_to:
            continue
        if has_digit and (_MODEL_SUFFIX.match(word) or len(word) == 1 and word.isupper() and word.isalpha()
                          and _DIGITS.fullmatch(tokens[last])):  # "Rockerz 255 Z Plus"
            last = k  # "Life P2 Mini", "G3 Pro"
            if last - first >= 3:
                break
            continue
        if has_digit and (_COUNTED.fullmatch(word) or _DIGITS.fullmatch(word) and k + 1 < n
                          and _COUNT_NOUN.match(tokens[k + 1].strip(",;:"))):
            break  # "KX-TSC14W 2-Line Telephone": a count, not part of the code
        if picked and not has_digit and _PRODUCT_NOUN.match(word) and k + 1 < n and \
                _ROMAN.match(tokens[k + 1]):
            last = k + 1  # "QuietComfort Earbuds II": the generation names the model
            break
        if picked and not has_digit and _SUFFIX.match(word) and k + 1 < n and \
                _GENERATION.fullmatch(tokens[k + 1].strip(",;:")) and \
                not (k + 2 < n and _COUNT_NOUN.match(tokens[k + 2].strip(",;:"))):
            last = k + 1  # "Crusher ANC 2 Over-Ear": a model word and its generation
            break
        if _is_generic(word) or _FIGURE_WORD.fullmatch(word) or \
                _NOTATION_WORD.match(word):
            break
        if _DIGITS.fullmatch(word) and not picked:
            break  # "Headphones 50 Hours": a figure, not a model
        if has_digit and not (_DIGIT.search(word) or _SUFFIX.match(word)):
            break
        if not (_DIGIT.search(word) or word[:1].isupper() or word[:1] in ".i"):
            break
        if not picked:
            first = k
        last = k
        has_digit = has_digit or bool(_DIGIT.search(word))
        if last - first >= 3:
            break
    # both tail patterns need a "-"; a model with a digit already wins over any tail
    tail = (_TAIL_CODE.search(title) or _END_CODE.search(title)) if not has_digit and "-" in title else None
    if tail and _DIGIT.search(tail.group(1)) and not _in_host_clause(title, tail.start(1)):
        ctx.add("model", tail.group(1), tail.start(1), tail.end(1), PROSE)
        return
    if first < 0:
        code = _LATER_TOKEN.search(rest)
        if code is not None:  # "MAONO Wireless WH30 Monitor Headphones": a code after generic words
            word = code.group(1)
            start = rest_start + code.start()
            ctx.add("model", word, start, start + len(word), PROSE)
        return
    if need_digit and not has_digit:
        return  # after a guessed brand only a model code is trusted ("QearFun Dinosaur Headphones")
    # where the picked tokens start and end: each token is the first place of its text after the one before
    at = start = 0
    for k in range(last + 1):
        at = rest.find(tokens[k], at)
        if k == first:
            start = at
        at += len(tokens[k])
    start += rest_start
    model = text[start:rest_start + at].rstrip(",;:.")
    if model and len(model) <= 40:
        ctx.add("model", model, start, start + len(model), PROSE)


def _title_nouns(ctx: Context) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The head and other nouns of the title: `scan(ctx, _HEAD_NOUN, _HEAD_ANCHORS, limit=ctx.title_end)`
    and the same for _OTHER_NOUN.

    scan runs ~65 `str.find`s for the two anchor lists (a Python loop each). An ASCII title's
    noun places are found by one C pass per list over its blanked words (`_places`); another
    title's keys (the heads of its words, taken in C) leave the few anchors that can occur.
    (A title whose lower case is ASCII may hold "K" or "İ": IGNORECASE matches them to the "k"
    and "i" the lower case holds, so the lower-case twins still find what the patterns find.)
    """
    end = ctx.title_end
    low = ctx.low
    part = low[:end]
    if part.isascii():
        padded = f" {part.encode('ascii').translate(_BLANK_OUT).decode('ascii')} "
        heads = [m.start() for m in _HEAD_PLACES.finditer(padded)]
        others = [m.start() for m in _OTHER_PLACES.finditer(padded)]
        # in ASCII IGNORECASE is plain lower-casing: the lower-case twins read the lower-cased title
        return (matches_from(_HEAD_LOW, low, heads, end) if heads else [],
                matches_from(_OTHER_LOW, low, others, end) if others else [])
    keys = set(map(_FIRST3, _RUN.findall(low, 0, end)))
    return _nouns(ctx, _HEAD_NOUN, _HEAD_BY_KEY, keys), _nouns(ctx, _OTHER_NOUN, _OTHER_BY_KEY, keys)


def _nouns(ctx: Context, pattern: re.Pattern[str], by_key: dict[str, tuple[str, ...]],
           keys: set[str]) -> list[re.Match[str]]:
    """scan's matches of `pattern` in the title, trying only the anchors whose key a word begins with."""
    end = ctx.title_end
    hits = word_starts(ctx.low, (a for key in keys & by_key.keys() for a in by_key[key]), end)
    return matches_from(pattern, ctx.norm, hits, end) if hits else []


def is_headphone(ctx: Context) -> None:
    """True when the title's main noun is a headphone, false for other products, else unknown.

    The title is read clause by clause; the first clause naming a product decides,
    and in it the last noun wins ("Headphone Amplifier" is an amplifier). Clauses
    that start with "for"/"compatible" name host devices and are skipped.
    """
    if ctx.csv is not None or ctx.fields and ctx.fields[0].start < ctx.title_end:
        return  # a table or a sheet that starts with a labelled line has no title to read
    norm = ctx.norm
    title = norm[:ctx.title_end]
    heads, others = _title_nouns(ctx)
    if heads:  # "Noise Cancelling Mic ... Headset": the microphone is not the product
        others = [o for o in others if not _MIC.fullmatch(o.group(0))]
    pos = h_at = o_at = 0  # this clause's nouns are heads[h_at:h_end] and others[o_at:o_end]
    n_heads, n_others = len(heads), len(others)
    # no noun at all: no clause decides (skip reading them), and no "with" clause holds a head noun
    clauses = _CLAUSE_LOW.finditer(ctx.low, 0, ctx.title_end) if title.isascii() else _CLAUSE.finditer(title)
    for m in chain(clauses, (None,)) if heads or others else ():
        end = m.start() if m is not None else len(title)
        # a noun starts at a letter, never inside a clause break: the nouns before `end` not in
        # an earlier clause are in this one (both lists are in reading order)
        h_end, o_end = h_at, o_at
        while h_end < n_heads and heads[h_end].start() < end:
            h_end += 1
        while o_end < n_others and others[o_end].start() < end:
            o_end += 1
        if h_end > h_at or o_end > o_at:
            clause = title[pos:end]
            if clause.strip() and not _HOST_CLAUSE.match(clause):
                last_head = heads[h_end - 1] if h_end > h_at else None
                last_other = others[o_end - 1] if o_end > o_at else None
                if last_other is not None and (last_head is None or last_other.start() > last_head.start()):
                    ctx.add("is_headphone", False, last_other.start(), last_other.end(), LABELLED)
                elif last_head is not None:
                    ctx.add("is_headphone", True, last_head.start(), last_head.end(), LABELLED)
                return
        if m is None:
            break
        pos, h_at, o_at = m.end(), h_end, o_end
    # only "with ..." clauses name a product: "..., Mic with Boom Arm and USB-A Stereo Headset"
    with_heads = [h for h in heads if _in_with_clause(title, h.start())]
    if with_heads:
        ctx.add("is_headphone", True, with_heads[-1].start(), with_heads[-1].end(), PROSE)
        return
    # an OEM sheet: a second line without a label often names the product ("Bluetooth eye mask")
    offset = ctx.title_end + 1
    line_end = norm.find("\n", offset)
    line = norm[offset:] if line_end < 0 else norm[offset:line_end]
    if ":" in line or not line.strip():
        return
    hm = _search(_HEAD_NOUN, _HEAD_LOW, _HEAD_STARTS, line)
    om = _search(_OTHER_NOUN, _OTHER_LOW, _OTHER_STARTS, line)
    if om and (not hm or om.start() > hm.start()):
        ctx.add("is_headphone", False, offset + om.start(), offset + om.end(), PROSE)
    elif hm:
        ctx.add("is_headphone", True, offset + hm.start(), offset + hm.end(), PROSE)
