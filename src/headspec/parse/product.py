"""Brand, model and whether the product is a headphone at all."""

from __future__ import annotations

import re

from headspec.brands import canonical_brand, find_brand
from headspec.parse._context import LABELLED, PROSE, TABLE, Context

_HEAD_NOUN = re.compile(
    r"head-?phones?|head-?sets?|ear-?phones?|ear-?buds?|\bear\s+buds?\b|\bIEMs?\b|in-ear\s+monitors?|"
    r"earpieces?|\bbuds\b|наушник\w*|гарнитур\w*|kopfhörer|ohrhörer|casques?\b|écouteurs?|cuffi[ae]|"
    r"auricolar[ei]|neckband",
    re.IGNORECASE,
)
_OTHER_NOUN = re.compile(
    r"\bspeakers?\b|sound\s?bar|dvd\s+player|\bplayer\b|(?:corded|cordless)?\s*(?:tele)?phone\b(?!s?\s+jack)|"
    r"\btelephone|amplifiers?|\bamps?\b|\bDAC\b|dongle|adapt[eo]rs?|\bcables?\b|\bcords?\b|ear\s?pads?|"
    r"cushions?|\bcases?\b|\bcovers?\b|\bstands?\b|hangers?|holders?|chargers?|charging\s+dock|"
    r"sleep\s+masks?|eye\s+masks?|beanies?|\bhats?\b|intercoms?|helmet|microphones?|\bmics?\b|"
    r"replacement\s+(?:parts?|tips?)|ear\s?tips|keyboard|mouse|webcam|"
    r"колонк\w*|усилител\w*|кабел\w*|чехол|амбушюр\w*|переходник\w*",
    re.IGNORECASE,
)
_SUBJECT_END = re.compile(r"\s(?:for|with|w/|compatible|works|fits|für|pour|per|для|с)\s|\||,|\s-\s|\(|\[",
                          re.IGNORECASE)
_GENERIC = re.compile(
    r"^(?:wireless|wired|bluetooth|true|noise|active|hybrid|gaming|sports?|stereo|headphones?|headsets?|"
    r"earbuds?|earphones?|over|on|in|ear|in-ear|over-ear|on-ear|kids|children|the|new|upgraded|premium|"
    r"professional|studio|hi-?fi|hifi|hi-res|open|closed|foldable|portable|lightweight|mini|deep|bass|"
    r"anc|enc|tws|usb|usb-c|type-c|with|and|for|by|bt|sleep|waterproof|running|cancelling|canceling|"
    r"bone|conduction|dj|pc|audio|sound|music|mic|microphone|ipx\d|black|white|blue|red|green|pink|grey|"
    r"gray|silver|gold|purple|beige|matte|limited|edition|version|gen)$",
    re.IGNORECASE,
)
_MODEL_CODE = re.compile(r"^[A-Z0-9][A-Za-z0-9]*(?:[-_/.][A-Za-z0-9]+)+$|^[A-Z]{1,5}\d[\w-]*$")
_RU_TITLE = re.compile(r"^\s*(?:гарнитура|наушники|беспроводные наушники|проводные наушники)\s+", re.I)


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
    for f in ctx.labelled("brand"):
        value = text[f.start:f.end].strip()
        if value:
            ctx.add("brand", canonical_brand(value) or value, f.start, f.end, LABELLED)
    for f in ctx.labelled("model"):
        value = text[f.start:f.end].strip()
        if value and len(value) <= 60 and not re.fullmatch(r"language\s*_\s*tag", value, re.I):
            ctx.add("model", value, f.start, f.end, LABELLED)
    found = find_brand(text)
    title = text[:ctx.title_end]
    if found is not None:
        name, start, end = found
        ctx.add("brand", name, start, end, PROSE)
        if start < ctx.title_end:
            _model_after(ctx, end)
        return
    first = re.match(r"\s*(?:гарнитура\s+|наушники\s+)?([A-Z][A-Z0-9&+!.-]{2,})(?=\s)", title)
    if first and not _GENERIC.match(first.group(1)) and not _MODEL_CODE.match(first.group(1)) \
            and not re.search(r"\d", first.group(1)):
        ctx.add("brand", first.group(1), first.start(1), first.end(1), PROSE)
        _model_after(ctx, first.end(1))
        return
    code = re.fullmatch(r"\s*([A-Z0-9][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+)\s*", title)
    if code:
        ctx.add("model", code.group(1), code.start(1), code.end(1), PROSE)


def _model_after(ctx: Context, pos: int) -> None:
    """The model named right after the brand in the title."""
    text = ctx.text
    title = text[:ctx.title_end]
    rest_start = pos
    ru = _RU_TITLE.match(title)
    if ru is not None:
        stop = title.find(",", pos)
        stop = len(title) if stop < 0 else stop
        model = title[pos:stop].strip()
        if model:
            start = text.index(model, pos)
            ctx.add("model", model, start, start + len(model), PROSE)
        return
    # Abt-style "Name - MODELCODE" at the end of the title
    tail = re.search(r"\s-\s([A-Z0-9][A-Z0-9/-]{3,})\s*$", title)
    if tail and re.search(r"\d", tail.group(1)):
        ctx.add("model", tail.group(1), tail.start(1), tail.end(1), PROSE)
        return
    m = _SUBJECT_END.search(title, pos)
    end = m.start() if m else len(title)
    tokens = list(re.finditer(r"\S+", title[rest_start:end]))
    picked: list[re.Match[str]] = []
    for tok in tokens:
        word = tok.group(0).strip(",;:")
        if canonical_brand(word) is not None and not picked:
            continue  # "Soundcore Anker Life Q20": skip a second brand word
        if _GENERIC.match(word) or re.fullmatch(r"\d+(?:\.\d+)?(?:h|hrs?|mm|hz|khz|db)", word, re.I):
            break
        picked.append(tok)
        if len(picked) >= 4:
            break
    if not picked or not any(re.search(r"\d", p.group(0)) or p.group(0)[:1].isupper() for p in picked):
        return
    start = rest_start + picked[0].start()
    end_pos = rest_start + picked[-1].end()
    model = text[start:end_pos].rstrip(",;:.")
    if model and len(model) <= 40:
        ctx.add("model", model, start, start + len(model), PROSE)


def is_headphone(ctx: Context) -> None:
    """True when the title's main noun is a headphone, false for other products, else unknown."""
    norm = ctx.norm
    title = norm[:ctx.title_end]
    m = _SUBJECT_END.search(title)
    subject_end = m.start() if m and m.start() > 0 else len(title)
    if ctx.csv is not None:
        return
    last_head = None
    last_other = None
    for hm in _HEAD_NOUN.finditer(title, 0, subject_end):
        last_head = hm
    for om in _OTHER_NOUN.finditer(title, 0, subject_end):
        last_other = om
    if last_head is None and last_other is None:
        # an OEM sheet: the second line often names the product ("Bluetooth eye mask")
        window = norm[ctx.title_end:ctx.title_end + 80].split("\n")[1:2] if ctx.title_end < len(norm) else []
        line = window[0] if window else ""
        offset = norm.find(line, ctx.title_end) if line else -1
        hm = _HEAD_NOUN.search(line)
        om = _OTHER_NOUN.search(line)
        if om and (not hm or om.start() > hm.start()):
            ctx.add("is_headphone", False, offset + om.start(), offset + om.end(), PROSE)
        elif hm:
            ctx.add("is_headphone", True, offset + hm.start(), offset + hm.end(), PROSE)
        return
    if last_other is not None and (last_head is None or last_other.start() > last_head.start()):
        ctx.add("is_headphone", False, last_other.start(), last_other.end(), LABELLED)
    elif last_head is not None:
        ctx.add("is_headphone", True, last_head.start(), last_head.end(), LABELLED)
