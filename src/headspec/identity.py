"""Listing identity: which headphone model a marketplace title names, and its variant.

`identify(title)` reads a listing title (English or Russian, or a measurement
file name) and returns an `Identity`: the canonical brand, a *key* used to merge
listings into models, and the variant attributes stripped out of that key
(colour, bundle, condition, pack size, region), plus two flags — `compatible`
(the title names another maker's product as the host: "ear tips for AirPods Pro",
"earbuds for iPhone" by nobody in particular) and `knockoff_suspect` (a famous
name borrowed by a no-name seller: "Apple Earbuds for iPhone [MFi Certified]").

How the key is built
--------------------
* Variant words come out first, anywhere in the title: condition ("(Renewed)",
  "(Б/У)", "(восстановленный)"), pack ("2 Pack", "Pack of 5", "Bulk 10 Pack"),
  region ("International Version", "Ростест"), bundle ("with AppleCare+").
  Generations become the number ("AirPods Pro (2nd Generation)" = "AirPods Pro 2")
  and so do roman numerals ("Jawbone II" = "Jawbone 2", "Mk ii" = "Mk 2"); an
  impedance figure stays in the key ("DT 770 PRO 80 Ohm" is not the 250 Ohm one).
* The *head* of the title is where the model is named: the text before the first
  clause break (comma, " - ", "|", ":", "(", " with ", " for " ...). While the head
  names nothing but the brand, the next clauses joined by punctuation are read too
  ("Xiaomi Redmi, Buds 3 Pro, Bluetooth" — the Russian retailer's layout).
* Inside the head, descriptor words (wireless, headphones, noise cancelling,
  over-ear, гарнитура, беспроводные ...), spec figures (40mm, 60H, 5.3, 7.1, 2DD+4BA),
  colours (English and Russian, "Space Grey") and the brand itself are dropped.
  Once a descriptor has been skipped after the model began, later plain words are
  description ("JBL Tune 770NC Wireless Over Ear ANC Headphones"), but numbers and a
  qualifier right after them still count ("Earphones 2 Pro").
* What is left, lower-cased and glued, is the model key. Gluing makes "MDR-EX55",
  "MDREX55" and "MDR EX55" one key; colour codes on part numbers ("MDR EX55/PNK",
  "TAH4205BK/00", "MDRED12LPRED", "KX-TS3282W", "SE215-CL") and the brand's own
  abbreviation ("ATH-M20x" by Audio-Technica) are cut off; Cyrillic model words
  are read as their Latin names ("Эирподс Про"); a model line names its maker when
  the brand is missing ("MOMENTUM True Wireless 3").
* `key` is "<brand family>|<model key>" (Soundcore and Anker are one family). A
  title with no maker and no model code, or only words like "Pro"/"ANC", gets
  "~<its words>" instead: it merges only with the same wording. A compatible or
  knock-off title's key is prefixed "compat:" or "knockoff:", so it never shares a
  key with the genuine model. Equal keys are always the same model.

`same_model(a, b)` also matches listings whose keys differ: flags must agree and
brands must not conflict; then the keys hold the same tokens in another order
("Galaxy Buds 2 Pro" / "Galaxy Buds Pro 2"), or the leading model codes agree with
no conflicting series word ("Tune 770NC" vs "Live 770NC") or qualifier (pro, max,
plus, lite, mini, ultra, se, anc ...), or one title only adds a catalogue number
("Freebuds 3 CM-SHK00") or a word of description to a numbered model, or a part
number in one title is the other's model code ("Jabra Bluetooth Headset - BT2070").
Different codes mean different models — "XM4" vs "XM5", "Max 3" vs "Max 4".

The word lists, brand tables and per-word readers live in `_identity_words`; the
`same_model` rules in `_identity_match`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from headspec._identity_match import same_identity
from headspec._identity_words import (
    ABBREV_CODE_RE,
    BREAK_SPLIT_RE,
    BUNDLE_CUES,
    BUNDLE_RE,
    COLLAB_RE,
    COLOUR_MODIFIERS,
    COLOUR_SPLIT_RE,
    COMPAT_CUES,
    COMPAT_RE,
    CONDITION_CUES,
    CONDITION_RE,
    CYR_MODEL_WORDS,
    DESCRIPTORS,
    DEVICE_TARGET_RE,
    DIR_PREFIX_RE,
    DISTINGUISHERS,
    EARBUDS_RE,
    FAMOUS,
    GEN_RE,
    HAS_DIGIT,
    JUNK_CODE_RE,
    KNOCKOFF_CUES,
    KNOCKOFF_RE,
    LEAD_NOISE,
    LINE_ABBREV,
    LINE_BRAND,
    MADE_IN_RE,
    MAX_TITLE,
    NAME_SUFFIX_RE,
    OHM_RE,
    PACK_CUES,
    PACK_RE,
    PUNCT_RE,
    REGION_CUES,
    REGION_RE,
    ROMAN,
    SAMPLE_SUFFIX_RE,
    SOFT_BREAK_RE,
    SPEC_RE,
    SUBWORD_RE,
    TOKEN_RE,
    WEAK_WORDS,
    WORD_NUM,
    brand_family,
    brand_of,
    find_brand_at,
    fold,
    has_any,
    is_code,
    is_colour,
    lookup_brand,
    norm_code,
)

__all__ = ["Identity", "identify", "model_key", "same_model"]


class Identity(BaseModel):
    """Who made a listed product, which model it is, and which variant of it."""

    model_config = ConfigDict(frozen=True)

    title: str
    brand: str | None
    model: str  # the model words as written (brand and variant words removed)
    key: str  # merge key: "<brand>|<model key>", or "" when the model is not identifiable
    model_key: str  # the glued model tokens ("wh1000xm4", "galaxybuds2pro")
    tokens: tuple[str, ...]  # the model tokens before gluing
    codes: tuple[str, ...]  # model codes from the head, normalised ("mdrex55")
    part_numbers: tuple[str, ...]  # retailer part numbers from a trailing clause
    colour: str | None = None
    bundle: str | None = None
    condition: str = "new"  # new | used | renewed | refurbished | open-box
    pack: int = 1
    region: str | None = None
    compatible: bool = False
    knockoff_suspect: bool = False


class _Parsed:
    """What the walk over one title has found so far."""

    __slots__ = ("brand", "tokens", "words", "codes", "colour", "last_pos", "gap", "last_desc")

    def __init__(self) -> None:
        self.brand: str | None = None
        self.tokens: list[str] = []  # key tokens, lower-case
        self.words: list[str] = []  # model words as written
        self.codes: list[str] = []
        self.colour: str | None = None
        self.last_pos = -2  # position of the last model token, to glue "MDR EX55" only when adjacent
        self.gap = False  # descriptors were skipped after the model began: later words are description
        self.last_desc = ""  # the descriptor just skipped ("Ear" in "Nothing Ear (1)")


def _segments(text: str) -> list[tuple[str, bool]]:
    """Clauses of a title, each with whether the break before it may continue a model name."""
    pieces = BREAK_SPLIT_RE.split(text)
    out: list[tuple[str, bool]] = []
    joinable = True
    for k, piece in enumerate(pieces):
        if k % 2:
            joinable = SOFT_BREAK_RE.fullmatch(piece.strip()) is not None or not piece.strip()
            continue
        if piece and piece.strip():
            out.append((piece, joinable))
    return out



def _scan(segment: str, out: _Parsed, *, first: bool) -> int:
    """Add the model tokens of one clause to `out`; return how many model tokens it added.

    Once the model has begun and a descriptor has been skipped, later words are description
    ("JBL Tune 770NC Wireless Over Ear ANC Headphones"): only tokens with digits, and
    qualifiers right after such a token ("Earphones 2 Pro"), still count.
    """
    added = 0
    raw = TOKEN_RE.findall(segment)
    i = 0
    n = len(raw)
    while i < n:
        tok = raw[i]
        low = tok.lower()
        hit = find_brand_at(raw, i, first)
        if hit is not None:
            if out.brand is None:
                out.brand = hit[0]
            out.last_desc = ""
            i += hit[1]
            continue
        if tok == "+":
            if out.tokens and out.last_pos == i - 1:
                out.tokens.append("plus")
                out.words.append("+")
                out.last_pos = i
                added += 1
            i += 1
            continue
        plus = False
        if low.endswith("+") and len(low) > 1:
            low = low.rstrip("+")
            plus = True
        if is_colour(low) or (low in COLOUR_MODIFIERS and i + 1 < n and is_colour(raw[i + 1].lower())):
            if out.colour is None:
                out.colour = low
            i += 1
            continue
        prefix_of_code = (i + 1 < n and raw[i + 1][:1].isdigit() and tok.isalpha() and tok.isupper()
                          and len(tok) <= 4)
        if not prefix_of_code and (low in DESCRIPTORS or (
                ("-" in low or "." in low or "/" in low) and not HAS_DIGIT.search(low)
                and all(p in DESCRIPTORS or is_colour(p) for p in SUBWORD_RE.split(low) if p))):
            out.gap = out.gap or bool(out.tokens) and (out.brand is not None or len(out.tokens) >= 2)
            out.last_desc = low
            i += 1
            continue
        has_digit = HAS_DIGIT.search(low) is not None or low in ROMAN
        if out.gap and not has_digit and not (
                out.last_pos == i - 1 and (low in WEAK_WORDS or low in DISTINGUISHERS)):
            i += 1
            continue
        if has_digit and low not in ROMAN:
            token = norm_code(low)
            if not token or JUNK_CODE_RE.match(token):
                i += 1
                continue
            if not out.tokens and token.isdigit() and len(token) <= 2 and out.last_desc:
                token = out.last_desc + token  # "Nothing Ear (1)" vs "Nothing Headphone (1)"
            m_abbrev = ABBREV_CODE_RE.match(token)
            if m_abbrev is not None and LINE_ABBREV.get(m_abbrev.group(1), ("",))[0] == out.brand:
                out.tokens.append(LINE_ABBREV[m_abbrev.group(1)][1])  # Bose "QC45" = "QuietComfort 45"
                token = m_abbrev.group(2)
            prev = out.words[-1] if out.words else ""
            if (out.last_pos == i - 1 and prev.isalpha() and prev.isupper() and 2 <= len(prev) <= 4
                    and prev.lower() not in DISTINGUISHERS and out.tokens):
                # a short capitalised prefix written apart: "MDR EX55", "HD 600", "RS 140"
                token = out.tokens.pop() + token
                out.words[-1] = f"{prev} {tok}"
            else:
                out.words.append(tok)
            out.tokens.append(token)
            if is_code(token):
                out.codes.append(token)
        else:
            if low == "plus" and out.tokens and out.tokens[-1] == "plus":
                i += 1  # "Buds+ Plus"
                continue
            roman = ROMAN.get(low)
            low = CYR_MODEL_WORDS.get(low, low)
            abbrev = LINE_ABBREV.get(low)
            if abbrev is not None and out.brand == abbrev[0]:
                low = abbrev[1]
            out.tokens.append(roman if roman is not None and i > 0 else PUNCT_RE.sub("", low))
            out.words.append(tok)
        if plus:
            out.tokens.append("plus")
        out.last_pos = i
        added += 1
        i += 1
    return added


def _colour_clause(segments: list[str]) -> str | None:
    """A clause made only of colour words (", белый", "(Rose Gold)", "- Matte Black"), last one wins."""
    found = None
    for seg in segments:
        if seg.count(" ") > 6:
            continue
        words = [w for w in COLOUR_SPLIT_RE.split(seg.lower()) if w]
        if words and len(words) <= 4 and is_colour(words[-1]) and all(
                is_colour(w) or w in COLOUR_MODIFIERS for w in words):
            found = " ".join(seg.lower().split())
    return found


def _strip_brand_prefix(p: _Parsed) -> None:
    """'ATH-M20x' by Audio-Technica is model 'm20x': the brand's abbreviation glued to the code."""
    for k, token in enumerate(p.tokens):
        for cut in (2, 3, 4):
            head, rest = token[:cut], token[cut:]
            if (len(rest) >= 2 and HAS_DIGIT.search(rest) and head.isalpha()
                    and brand_of(head) == p.brand):
                p.tokens[k] = rest
                p.codes = [rest if c == token else c for c in p.codes]
                break


def _part_numbers(segments: list[str]) -> list[str]:
    """Codes written alone in a short clause: " - MDRJ10", "(T0004)", ", HBS-FN7,"."""
    parts: list[str] = []
    for seg in segments:
        toks = TOKEN_RE.findall(seg)
        if not toks or len(toks) > 2:
            continue
        if len(toks) == 2 and toks[0].isalpha() and toks[0].isupper() and len(toks[0]) <= 4:
            toks = [toks[0] + toks[1]]  # "MDR EX55/BLK"
        for tok in toks:
            low = tok.lower()
            if not HAS_DIGIT.search(low):
                continue
            code = norm_code(low)
            if len(code) >= 4 and is_code(code) and not JUNK_CODE_RE.match(code):
                parts.append(code)
    return parts


@lru_cache(maxsize=8192)  # ~2.6 kB a title: keeps a million-listing ingest small
def identify(title: str, brand: str | None = None) -> Identity:
    """Brand, model key and variant attributes of one listing title.

    >>> identify("Sony WH-1000XM4 Wireless Headphones, Silver (Renewed)").model_key
    'wh1000xm4'
    """
    text = fold((title or "")[:MAX_TITLE])
    if "/" in text or "_" in text:
        # measurement file names: "Truthear/Truthear ZeroRED_10" is "Truthear ZeroRED", sample 10
        text = SAMPLE_SUFFIX_RE.sub("", DIR_PREFIX_RE.sub("", text))
    low = text.lower()
    # variant attributes come out first, anywhere in the title; cheap substring gates keep the
    # per-title cost low (the catalog runs this on a million listings)
    condition = "new"
    m = CONDITION_RE.search(text) if has_any(low, CONDITION_CUES) else None
    if m is not None:
        kind = m.lastgroup
        condition = {"renewed": "renewed", "refurb": "refurbished", "used": "used", "openbox": "open-box",
                     "ru_used": "used", "ru_refurb": "refurbished"}[kind or "used"]
        text = CONDITION_RE.sub(" , ", text)
    pack = 1
    m = PACK_RE.search(text) if has_any(low, PACK_CUES) else None
    if m is not None:
        if m.group("word"):
            pack = WORD_NUM[m.group("word").lower()]
        else:
            pack = int(m.group("n1") or m.group("n2") or m.group("n3") or 1)
        pack = max(pack, 1)
        text = PACK_RE.sub(" , ", text)
    generation = None
    m = GEN_RE.search(text) if "gen" in low else None
    if m is not None:
        # "(2nd Generation)", "2nd Gen", "Gen 2" all become the number, as in "AirPods Pro 2"
        generation = str(int(m.group("n1") or m.group("n2") or m.group("n3")))
        text = GEN_RE.sub(" ", text)
    impedance = None
    m = OHM_RE.search(text) if ("ohm" in low or "ω" in low or "ом" in low) else None
    if m is not None:
        impedance = m.group(1) + "ohm"  # "DT 770 PRO 80 Ohm" and "... 250 Ohm" are separate models
    region = None
    m = REGION_RE.search(text) if has_any(low, REGION_CUES) else None
    if m is not None:
        region = " ".join(m.group("r").lower().split())
        text = REGION_RE.sub(" , ", text)
    bundle = None
    m = BUNDLE_RE.search(text) if has_any(low, BUNDLE_CUES) else None
    if m is not None:
        bundle = " ".join((m.group("b1") or m.group("b2") or m.group("b3") or "").split()) or None
    stripped = text  # the title without its condition, pack, generation and region words
    knockoff = has_any(low, KNOCKOFF_CUES) and KNOCKOFF_RE.search(text) is not None
    host = COMPAT_RE.search(text) if has_any(low, COMPAT_CUES) else None

    lead = LEAD_NOISE.match(text)
    lead_len = lead.end() if lead else 0
    p = _Parsed()
    if brand:
        p.brand = lookup_brand(" ".join(brand.split()).lower()) or brand.strip()
    # a brand that opens the title is taken before spec figures are cut ("7Hz Zero")
    opening = TOKEN_RE.findall(text[lead_len:lead_len + 40])
    hit = find_brand_at(opening, 0, True) if opening else None
    if hit is not None and SPEC_RE.match(text, lead_len):
        if p.brand is None:
            p.brand = hit[0]
        m = re.match(r"\s*" + r"\W+".join(re.escape(t) for t in opening[:hit[1]]), text[lead_len:])
        if m is not None:
            lead_len += m.end()
    body = COLLAB_RE.sub(" ", NAME_SUFFIX_RE.sub("", text[lead_len:]))
    if "made" in low:
        body = MADE_IN_RE.sub(" ", body)
    body = EARBUDS_RE.sub("earbuds", SPEC_RE.sub(" ", body))
    segs = _segments(body)

    # head: the first clause; while it names no model yet, the next short clauses ("Xiaomi Redmi, Buds 3")
    used = 0
    for idx, (seg, joinable) in enumerate(segs[:4]):
        if idx > 0 and (p.tokens or not joinable or (len(seg.split()) > 4 and p.brand is None)):
            break
        added = _scan(seg, p, first=(idx == 0))
        used = idx + 1
        if idx > 0 and added == 0:
            break
    if p.colour is None:
        p.colour = _colour_clause([sg for sg, _ in segs[used:]])
    if p.brand is None and p.tokens:
        p.brand = LINE_BRAND.get(p.tokens[0])  # "MOMENTUM True Wireless 3", "AirPods Pro"
    if p.brand is not None:
        _strip_brand_prefix(p)
    parts = [c for c in _part_numbers([sg for sg, _ in segs[used:]]) if c not in p.codes]
    if not p.tokens and parts:
        # the model is only given by a code at the end: "Jabra Bluetooth Headset - BT2070"
        p.codes.append(parts[0])
        p.tokens.append(parts[0])
        p.words.append(parts[0])
        parts = parts[1:]
    if not p.tokens and not parts and p.brand is None:
        lone = TOKEN_RE.fullmatch(stripped.strip().lower())
        if lone is not None and HAS_DIGIT.search(lone.group(0)):
            # a title that is one spec-like token ("22m", a model key glued from "2 2 M") is its model,
            # so a model key read again is itself
            p.tokens.append(lone.group(0))
            p.words.append(lone.group(0))
    if generation is not None and (not p.tokens or p.tokens[-1] != generation):
        p.tokens.append(generation)
        p.words.append(generation)
    if impedance is not None and p.tokens:
        p.tokens.append(impedance)
        p.words.append(impedance)

    compatible = False
    if host is not None:
        target = host.group("target").lower()
        if DEVICE_TARGET_RE.fullmatch(target) is None:
            compatible = True  # "ear tips for AirPods Pro", "case for Sony WH-1000XM5"
        elif p.brand is None or (p.brand == "Apple" and not p.tokens):
            compatible = True  # "Earbuds for iPhone" by nobody in particular
        if compatible and p.brand is not None:
            at = text.lower().find(p.brand.lower())
            if at < 0 or at >= host.start():
                p.brand = None  # the brand named is the host's, not the maker's
    if p.brand in FAMOUS and not p.tokens and host is not None:
        knockoff = True  # "2 Pack Apple Earbuds for iPhone": a famous name, no model, a host device

    model_key = "".join(p.tokens)
    if (p.brand is None and not p.codes and not parts) or all(t in WEAK_WORDS for t in p.tokens):
        # a generic title (no maker and no model code, or only words like "Pro", "ANC"): only a title
        # with the same words, variant words aside, is the same product
        generic = _generic_form(stripped, generation)
        key = f"~{generic}" if generic else ""
    else:
        key = f"{(brand_family(p.brand) or '').lower()}|{model_key}"
    if compatible or knockoff:
        key = f"{'compat' if compatible else 'knockoff'}:{key}" if key else ""
    return Identity(
        title=title, brand=p.brand, model=" ".join(p.words), key=key, model_key=model_key,
        tokens=tuple(p.tokens), codes=tuple(dict.fromkeys(p.codes)), part_numbers=tuple(dict.fromkeys(parts)),
        colour=p.colour, bundle=bundle, condition=condition, pack=pack, region=region, compatible=compatible,
        knockoff_suspect=knockoff,
    )


def model_key(title: str) -> str:
    """The glued model tokens of a title: identical for every colour, pack and condition variant."""
    return identify(title).model_key



def _generic_form(stripped: str, generation: str | None) -> str:
    """The words of a title with its variant words (condition, pack, region, colour) taken out."""
    low = stripped.lower()
    found = list(TOKEN_RE.finditer(low))
    words = []
    for k, m in enumerate(found):
        w = m.group(0)
        if is_colour(w) or w in _GENERIC_SKIP:
            continue
        if (w in COLOUR_MODIFIERS and k + 1 < len(found) and is_colour(found[k + 1].group(0))
                and not low[m.end():found[k + 1].start()].strip()):
            continue  # "Space Grey"
        words.append(ROMAN.get(w, w))
    if generation is not None:
        words.append(generation)
    return " ".join(words)


_GENERIC_SKIP = frozenset({"&", "+", "and", "with", "the", "-", "in", "for", "bulk", "set", "multi"})


def same_model(a_title: str, b_title: str) -> tuple[bool, float]:
    """Whether two listing titles name the same headphone model, with a score in 0..1."""
    a = identify(a_title)
    b = identify(b_title)
    return same_identity(a, b)
