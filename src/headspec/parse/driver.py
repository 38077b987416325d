"""Driver size (mm), type and count, including notations like "1DD+4BA" and "2EST+4BA+1DD"."""

from __future__ import annotations

import re

from headspec.parse._context import ASCII, LABELLED, PROSE, TABLE, Context, want_heads
from headspec.parse._twins import folded, lower_twin, rx
from headspec.parse._util import any_anchor, clause_after, clause_before, in_foreign, matches_from, scan
from headspec.parse.numbers import NUM, to_float

_MM = re.compile(
    rf"(?P<v>{NUM})\s*(?:(?:±|\+/-)\s*{NUM}\s*(?:mm)?\s*)?(?:mm|мм|millimet(?:er|re)s?)(?![a-zа-я])",
    re.IGNORECASE,
)
_DRIVER_WORD = re.compile(
    r"driv(?:e)?rs?|\bunits?\b|speakers?|transducers?|diaphragm|dynamic|planar|\bDD\b|neodymium|graphene|"
    r"treiber|wandler|haut-parleur|transducteur|altoparlant|trasduttor|динамик|излучател|драйвер|мембран",
    re.IGNORECASE,
)
_NOT_DRIVER = re.compile(
    r"jack|plug|cable|cord|aux|connector|adapter|adaptor|splitter|mic|microphone|port|socket|thick|"
    r"штекер|разъ[её]м|кабел|микрофон|stecker|klinke|prise|presa",
    re.IGNORECASE,
)
_NOTATION = re.compile(
    r"(?<![\w+])(?P<all>(?:\d\s*(?:DD|BA|EST|PD|PZT|BC|Planar|Dynamic)s?)(?:(?:\s*\+\s*|\s+)\d\s*(?:DD|BA|EST|PD|PZT|BC|"
    r"Planar|Dynamic)s?)*)(?![\w])",
    re.IGNORECASE,
)
# where every _NOTATION match starts, on the lower-cased text (no IGNORECASE there: see `_notations`)
_NOTATION_GATE_LOW = re.compile(r"\d\s*(?:dd|ba|est|pd|pzt|bc|planar|dynamic)")
_NOTATION_PART = re.compile(r"(\d)\s*(DD|BA|EST|PD|PZT|BC|Planar|Dynamic)", re.IGNORECASE)
_PART_TYPE = {"dd": "dynamic", "dynamic": "dynamic", "ba": "balanced_armature", "est": "electrostatic",
              "pd": "planar", "planar": "planar", "pzt": "piezo", "bc": "bone_conduction"}

_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("hybrid", re.compile(r"\bhybrid\s+(?:driver|dual[- ]driver|design|technology|configuration|iem|"
                          r"in-ear)|гибридн\w*\s+(?:излучател|драйвер|конструкц)", re.I)),
    ("bone_conduction", re.compile(r"bone[\s-]+conduction|костн\w*\s+проводим\w*|knochenleitung|"
                                   r"conduction\s+osseuse|conduzione\s+ossea", re.I)),
    ("electrostatic", re.compile(r"electrostatic|электростатическ|elektrostat|électrostatique|"
                                 r"elettrostatic", re.I)),
    ("planar", re.compile(r"planar(?:[\s-]+magnetic)?|ortho-?dynamic|isodynamic|magnetostatic|"
                          r"изодинамическ|ортодинамическ|planarmagnet|magnétostatique", re.I)),
    ("balanced_armature", re.compile(r"balanced[\s-]+armature|\bBA\s+drivers?|арматурн", re.I)),
    ("dynamic", re.compile(r"dynamic\s+(?:driver|unit|speaker|transducer)s?|moving[\s-]coil|"
                           r"(?<=mm\s)dynamic|(?<=mm)dynamic|динамическ\w*\s+(?:излучател|драйвер)|"
                           r"dynamische[rn]?\s+(?:treiber|wandler)|dinamic[oi]\b|dynamique", re.I)),
]
# "different from bone conduction headphones", "than planar headphones": another product's type
_OTHER_PRODUCT = re.compile(r"\b(?:different|unlike|than|compared|vs\.?|versus|instead|other|traditional|"
                            r"conventional|ordinary|regular)\b", re.I)
_OTHER_PRODUCT_LOW = lower_twin(_OTHER_PRODUCT)  # for the lower-cased text (see `_mm_in_prose`)
assert _OTHER_PRODUCT_LOW is not None
_NOT_BEFORE = re.compile(r"\b(?:not|isn'?t|no)\s+(?:an?\s+)?$", re.I)  # "It's NOT Bone Conduction Headset"
_TYPE_VALUE = {  # a labelled or table value that is only the type name
    "dynamic": "dynamic", "dd": "dynamic", "planar": "planar", "planar magnetic": "planar",
    "planar-magnetic": "planar", "orthodynamic": "planar", "isodynamic": "planar",
    "electrostatic": "electrostatic", "est": "electrostatic", "balanced armature": "balanced_armature",
    "ba": "balanced_armature", "hybrid": "hybrid", "bone conduction": "bone_conduction",
    "динамический": "dynamic", "динамические": "dynamic", "изодинамический": "planar",
    "dynamisch": "dynamic", "dynamique": "dynamic", "dinamico": "dynamic", "magnetostatisch": "planar",
    "planar and dynamic": "hybrid", "dynamic and planar": "hybrid", "hybrid (dd+ba)": "hybrid",
    "арматурный": "balanced_armature", "гибридный": "hybrid", "электростатический": "electrostatic",
}
_COUNT_WORDS = re.compile(
    r"\b(?P<w>dual|double|twin|triple|tri|quad|two|three|four|five|six|seven|eight)[\s-]+"
    r"(?:(?:dynamic|balanced[\s-]armature|BA|planar|hybrid)[\s-]+)?drivers?\b",
    re.IGNORECASE,
)
_COUNT_ANCHORS = ("dual", "double", "twin", "tri", "quad", "two", "three", "four", "five", "six", "seven",
                  "eight")
_COUNT_VALUE = {"dual": 2, "double": 2, "twin": 2, "two": 2, "triple": 3, "tri": 3, "three": 3,
                "quad": 4, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


# patterns used inside the extractors, compiled once (re.* calls look each up in re's cache)
_MM_LABEL = re.compile(r"\(\s*mm\s*\)", re.I)
_BARE_MM = re.compile(rf"\s*({NUM})\s*")
_DIMENSIONS = re.compile(r"\s*(?:[x×*]|\d)")


def driver(ctx: Context) -> None:
    """Driver diameter, type and count."""
    norm = ctx.norm
    for f in ctx.labelled("driver"):
        value = norm[f.start:f.end]
        m = _MM.search(value)
        if m and not _NOT_DRIVER.search(f.label):
            _add_mm(ctx, m, f.start, LABELLED)
        elif m is None and _MM_LABEL.search(f.label) and not _NOT_DRIVER.search(f.label):
            bare = _BARE_MM.fullmatch(value)  # "Driver (mm): 40"
            if bare:
                mm = to_float(bare.group(1), thousands=False)
                if 3.0 <= mm <= 120.0:
                    ctx.add("driver_mm", mm, f.start + bare.start(1), f.start + bare.end(1), LABELLED)
        key = value.strip().lower().rstrip(".")
        if key in _TYPE_VALUE:
            ctx.add("driver_type", _TYPE_VALUE[key], f.start, f.end, LABELLED)
    mms = _mm_matches(ctx)
    if mms:
        _mm_in_prose(ctx, mms)
    _types(ctx)


# lower-case twins of `_NOT_DRIVER` and `_DRIVER_WORD` (`_twins.lower_twin`), run over the same windows of
# the lower-cased text when it has no specially folding letter: exact, and on a 20-30 character window
# several times faster than trying every case-insensitive alternative at every character
_NOT_DRIVER_LOW = lower_twin(_NOT_DRIVER)
# `\bunits?\b` and `\bDD\b` written as "u(?<!\wu)nits?\b" and "d(?<!\wd)d\b" (the same: "u" and "d" are word
# characters): every alternative then starts with a literal, which lets the regex engine skip to them
_DRIVER_WORD_LOW = lower_twin(re.compile(
    _DRIVER_WORD.pattern.replace(r"\bunits?\b", r"u(?<!\wu)nits?\b").replace(r"\bDD\b", r"d(?<!\wd)d\b"),
    _DRIVER_WORD.flags))
assert _NOT_DRIVER_LOW is not None and _DRIVER_WORD_LOW is not None
# what every _DRIVER_WORD_LOW match holds, with no condition on the characters around it: a window
# holding none holds no match, nor does any part of it
_DRIVER_WORD_LOOSE = re.compile("driv|unit|speaker|transducer|diaphragm|dynamic|planar|dd|neodymium|graphene|"
                                "treiber|wandler|haut-parleur|transducteur|altoparlant|trasduttor|динамик|"
                                "излучател|драйвер|мембран")


def _mm_in_prose(ctx: Context, mms: list[re.Match[str]]) -> None:
    """The diameters in prose: an _MM match with a driver word near it and no connector word."""
    norm = ctx.norm
    loose = None
    if ctx.may_mention():  # a specially folding letter: the original patterns over `norm`
        text, not_driver, driver_word = norm, rx(_NOT_DRIVER, norm), rx(_DRIVER_WORD, norm)
    else:
        text, not_driver, driver_word = ctx.low, rx(_NOT_DRIVER_LOW, norm), rx(_DRIVER_WORD_LOW, norm)
        loose = rx(_DRIVER_WORD_LOOSE, norm)
    for m in mms:
        start, end = m.start(), m.end()
        if loose is not None and loose.search(text, max(0, start - 30), start) is None and \
                loose.search(text, end, end + 25) is None:
            continue  # no driver word can be in the windows below (each lies in one of these)
        if in_foreign(ctx, start):
            continue
        before = len(clause_before(norm, start, 50))  # the windows as offsets, cut from `text`
        after = clause_after(norm, end, 40)
        near_after = text[end:end + min(25, len(after))]
        # no \b or lookaround in _NOT_DRIVER: searching text[a:b] is searching the slice
        if not_driver.search(text, start - min(20, before), start) or not_driver.match(near_after.strip()):
            continue
        if _DIMENSIONS.match(after):  # "6.0*5.0mm" dimensions
            continue
        if driver_word.search(near_after) or driver_word.search(text[start - min(30, before):start]):
            _add_mm(ctx, m, 0, PROSE)


# what an _MM match holds between its start and its last unit, on the lower-cased text, besides
# digits (`\d`, str.isdecimal) and white space (`\s`, str.isspace): number separators, "±", "+/-", "mm"
_MM_RUN = frozenset(".,±+/-m")
_MM_UNITS = ("mm", "мм", "millimet")


def _mm_matches(ctx: Context) -> list[re.Match[str]]:
    """`_MM.finditer(norm)`, tried only at the digits of the run of `_MM_RUN` characters before a unit.

    Every _MM match starts with a digit and holds only `_MM_RUN` characters up to its last unit, so
    its start is a digit in the run that ends where a unit starts (a whole-text pass of the
    digit-led regex tries every digit of the text). Case-insensitive units are found in the
    lower-cased text, so a text with a specially folding letter ("ı" ~ "i") gets the plain finditer.
    Each walk stops at the unit before it (already walked), so a text of many units stays linear.
    """
    norm = ctx.norm
    mm = rx(_MM, norm)
    if ctx.may_mention():
        return list(mm.finditer(norm))
    low = ctx.low
    starts: set[int] = set()
    for unit in _MM_UNITS:
        floor = 0
        i = low.find(unit)
        while i >= 0:
            j = i
            while j > floor:
                ch = low[j - 1]
                if ch.isdecimal():
                    starts.add(j - 1)
                elif ch not in _MM_RUN and not ch.isspace():
                    break
                j -= 1
            floor = i
            i = low.find(unit, i + 1)
    return matches_from(mm, norm, sorted(starts)) if starts else []


def _add_mm(ctx: Context, m: re.Match[str], offset: int, rank: int) -> None:
    mm = to_float(m["v"], thousands=False)
    if 3.0 <= mm <= 120.0:
        ctx.add("driver_mm", mm, offset + m.start(), offset + m.end(), rank)


_TYPE_ANCHORS = {
    "hybrid": ("hybrid", "гибридн"),
    "bone_conduction": ("bone", "костн", "knochen", "conduction", "conduzione"),
    "electrostatic": ("electrostat", "электростат", "elektrostat", "électrostat", "elettrostat"),
    "planar": ("planar", "ortho", "isodyn", "magnetostat", "изодин", "ортодин", "magnétostat"),
    "balanced_armature": ("balanced", "ba driver", "арматур"),
    "dynamic": ("dynami", "moving", "динамическ", "dinamic"),
}


# every anchor of the scans below but "conduction" and "conduzione", for one any_anchor() check before
# them; those two are found by one pass of a regex led by their shared start (two str.finds cost more),
# which finds exactly the word starts `Context.anchor_hits` finds ("[^\W_]" is what str.isalnum() accepts)
_CONDU = ("conduction", "conduzione")
_CONDU_WORDS = re.compile(r"condu(?<![^\W_]condu)(?=ction|zione)")
_ANY_TYPE = tuple(dict.fromkeys(a for group in _TYPE_ANCHORS.values() for a in group if a not in _CONDU))
_BONE_REST = tuple(a for a in _TYPE_ANCHORS["bone_conduction"] if a not in _CONDU)


# word heads (`Context.heads`) a notation can start: a first part glued to its digit ("1dd", "4ba")
_GLUED_HEADS = frozenset(f"{digit}{kind[:2]}".encode() for digit in "0123456789" for kind in _PART_TYPE)
_DIGIT_WORDS = frozenset(str(digit).encode() for digit in range(10))
# or a one-digit word, then the type as the next word: the heads of "dd(s)", "pd(s)", "bc(s)", "ba", "est(s)",
# "pzt(s)"; "planar(s)", "dynamic(s)" and "bas" share theirs with common words ("play", "bass"): checked apart
_SPACED_HEADS = frozenset({b"dd", b"dds", b"pd", b"pds", b"bc", b"bcs", b"ba", b"est", b"pzt"})
_BAS_WORD = re.compile(r"bas\b")
_NOTATION_HEADS = want_heads(*_GLUED_HEADS, *_DIGIT_WORDS, *_SPACED_HEADS, b"pla", b"dyn", b"bas")
_CONDU_HEADS = want_heads(b"con", b"oss", b"dri")  # "dri": see the count phrases in `_types`


def _may_hold_notation(ctx: Context) -> bool:
    """False only when the text holds no `_NOTATION` match (set tests instead of the gate's regex pass).

    Exact on a text with no specially folding letter (`Context.may_mention`), so that the type
    letters of a match are ASCII letters of the lower-cased text. A match's first type word
    ("DD", "BAs", "Planar"), ended by no letter or digit, is a word of the text's ASCII projection
    (`Context.heads`: every other character a space) unless it is glued to an ASCII digit no
    letter or digit precedes ("1DD"), which makes a word whose head is in `_GLUED_HEADS`.
    Spaced ("1 DD") on an ASCII text, the digit is also a one-digit word (a non-ASCII digit
    is no word of the projection, so on other texts only the type word is looked for).
    """
    heads = ctx.heads_for(_NOTATION_HEADS)
    if heads is None or not heads.isdisjoint(_GLUED_HEADS):
        return True
    if ctx.mode != ASCII:
        if ctx.may_mention():
            return True
    elif heads.isdisjoint(_DIGIT_WORDS):
        return False
    low = ctx.low
    return not heads.isdisjoint(_SPACED_HEADS) or b"pla" in heads and _after_digit(low, "planar") or \
        b"dyn" in heads and _after_digit(low, "dynamic") or \
        b"bas" in heads and _BAS_WORD.search(low) is not None


def _after_digit(low: str, word: str) -> bool:
    """True when `word` follows a digit and white space (a digit, then none or more) in `low`.

    "dynamic" and "planar" are common words; as a notation's first type they follow its digit.
    The white space runs walked back over end at different occurrences, so this stays linear.
    """
    i = low.find(word)
    while i >= 0:
        j = i
        while j and low[j - 1].isspace():  # str.isspace and str.isdecimal are re's \s and \d
            j -= 1
        if j and low[j - 1].isdecimal():
            return True
        i = low.find(word, i + len(word))
    return False


def _notations(ctx: Context) -> list[re.Match[str]]:
    """`_NOTATION.finditer(norm)`, tried only where its lower-case start (`_NOTATION_GATE_LOW`) is.

    Every notation match starts where the gate matches on the lower-cased text, and a gate
    match holds one digit only, so no start hides inside another (see `matches_from`). A
    text with a specially folding letter ("ſ" ~ "s") gets the plain finditer.
    """
    if not _may_hold_notation(ctx):
        return []
    norm = ctx.norm
    notation = rx(_NOTATION, norm)
    if ctx.may_mention():
        return list(notation.finditer(norm))
    starts = (gate.start() for gate in rx(_NOTATION_GATE_LOW, norm).finditer(ctx.low))
    return matches_from(notation, norm, starts)


def _types(ctx: Context) -> None:
    norm = ctx.norm
    for m in _notations(ctx):
        parts = _NOTATION_PART.findall(m["all"])
        kinds = {_PART_TYPE[folded(p[1])] for p in parts}
        if len(parts) == 1 and folded(parts[0][1]) in ("planar", "dynamic"):
            continue  # "2 dynamic" is handled as a count phrase, not a notation
        if any(p[0] == "0" for p in parts):
            continue
        count = sum(int(p[0]) for p in parts)
        kind = kinds.pop() if len(kinds) == 1 else "hybrid"
        if kind == "piezo":
            kind = "hybrid"
        ctx.add("driver_type", kind, m.start(), m.end(), LABELLED)
        ctx.add("driver_count", count, m.start(), m.end(), LABELLED)
    heads = ctx.heads_for(_CONDU_HEADS)
    low = ctx.low
    if heads is not None and b"oss" not in heads and not ctx.may_mention():
        # a match at "condu..." is "conduction osseuse" or "conduzione ossea": "oss..." starts a word
        condu = False
    else:  # "condu" in low: a fast str search before the regex pass (which must find it)
        condu = (heads is None or b"con" in heads) and "condu" in low and _CONDU_WORDS.search(low) is not None
    if ctx.may_mention():  # a specially folding letter: the original pattern over `norm`
        text, other = norm, rx(_OTHER_PRODUCT, norm)
    else:
        text, other = low, rx(_OTHER_PRODUCT_LOW, norm)
    for kind, pattern in _TYPES if condu or any_anchor(ctx, _ANY_TYPE) else ():
        # a scan without the "condu..." anchors finds the same when no match can start at them
        anchors = _BONE_REST if kind == "bone_conduction" and not condu else _TYPE_ANCHORS[kind]
        for m in scan(ctx, pattern, anchors):
            start = m.start()
            if in_foreign(ctx, start) or \
                    other.search(text[start - len(clause_before(norm, start, 50)):start]) or \
                    rx(_NOT_BEFORE, norm).search(norm, max(0, start - 12), start):
                continue
            ctx.add("driver_type", kind, start, m.end(), PROSE)
    if heads is None or ctx.may_mention() or b"dri" in heads:
        count = ctx.mentions("driver")
    else:  # a count phrase's "driver" follows white space or "-", so it starts a word
        count = False
    for m in scan(ctx, _COUNT_WORDS, _COUNT_ANCHORS) if count else ():
        ctx.add("driver_count", _COUNT_VALUE[folded(m["w"])], m.start(), m.end(), PROSE)
    if ctx.csv is not None:
        cell = ctx.csv.cells.get("driver")
        if cell and cell[0].strip().lower() in _TYPE_VALUE:
            ctx.add("driver_type", _TYPE_VALUE[cell[0].strip().lower()], cell[1], cell[2], TABLE)
