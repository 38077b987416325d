"""Form factor, true-wireless, back, ANC, wireless, Bluetooth version and codecs."""

from __future__ import annotations

import re

from headspec.parse._context import ALL, ASCII, LABELLED, PROSE, TABLE, Context, want_heads
from headspec.parse._twins import lower_twin, rx, twin
from headspec.parse._util import _head, any_anchor, clause_before, matches_from, scan, scan_first

_FORM_ANCHORS = {
    "bone-conduction": ("bone", "костн", "knochen"),
    "over-ear": ("over-", "over ", "overear", "around", "circum", "полноразмерн", "ohrumschl"),
    "on-ear": ("on-ear", "on ear", "supra", "накладн", "ohraufl", "sovraur"),
    "in-ear": ("in-ear", "in ear", "inear", "in-the", "in-ohr", "iem", "внутрикан", "вставн", "intra",
               "im-ohr",
               "ear tip", "eartip", "ear canal", "silicone"),
    "earbud": ("earbud", "ear bud", "ear-bud", "вкладыш"),
}
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("bone-conduction", re.compile(r"bone[\s-]+conduction|костн\w*\s+проводим|knochenleitung", re.I)),
    ("over-ear", re.compile(r"\bover[\s-]*(?:the[\s-]*)?ear\b|around[\s-]the[\s-]ear|circum-?aural|"
                            r"полноразмерн\w*|ohrumschließend|circum-auriculaire|circumaurale|"
                            r"\bover-ears?\b", re.I)),
    ("on-ear", re.compile(r"\bon[\s-]ear\b|supra-?aural|накладн\w*|ohraufliegend|supra-auriculaire|"
                          r"sovraurale", re.I)),
    ("in-ear", re.compile(r"\bin[\s-]?ear\b(?![\s-]*(?:detection|sensor))|\bin-the-ear\b|\bIEMs?\b|"
                          r"in[\s-]ear[\s-]monitors?|внутриканальн\w*|вставн\w*|intra-auriculaire|"
                          r"in-ohr|im-ohr|\bear\s?tips\b|\bsilicone\s+tips\b|ear\s+canal", re.I)),
    ("earbud", re.compile(r"\bear[\s-]?buds?\b|вкладыш\w*", re.I)),
]
# one of these is in every _NOT_THIS_FORM match (lower case; the clause it searches lies in the 30
# characters before the form's match)
_NOT_THIS_WORDS = re.compile(r"for|like|than|vs|replace|not|wearing|instead|without|other|traditional|"
                             r"conventional|regular")
_OPEN_EAR = re.compile(r"\bopen[\s-]ear\b", re.I)
_NOT_THIS_FORM = re.compile(r"\b(?:for|like|than|unlike|vs|replace\w*|not|wearing|instead\s+of|without|"
                            r"other|traditional|conventional|regular)\s+(?:\w+\s+){0,2}$", re.I)
_TWS = re.compile(r"\btrue[\s-]+wireless\b|\bTWS(?:\b|(?=\d))|полностью\s+беспроводн|"
                  r"true\s+wireless\s+stereo|echt\s+kabellos|true-wireless", re.I)
_BACKS: list[tuple[str, re.Pattern[str]]] = [
    ("semi-open", re.compile(r"semi[\s-]*open|half[\s-]open|полуоткрыт\w*|halboffen|semi-ouvert|"
                             r"semi-apert", re.I)),
    ("open", re.compile(r"(?<!semi-)(?<!semi )\bopen[\s-]*(?:back(?:ed)?|air|design(?=\s+headphone))\b|"
                        r"открыт(?:ые|ый|ая)\b|открыт\w*\s+типа|открытого\s+типа|открытые\s+наушники|\boffene[rn]?\b|"
                        r"\bouvert\b|\baperte?\b|\bdos\s+ouvert", re.I)),
    ("closed", re.compile(r"\bclosed[\s-]*back(?:ed)?\b|\bclosed\s+(?:design|type)\b|закрыт\w*\s+типа|"
                          r"\bgeschlossen(?:e[rn]?)?\b|закрыт(?:ые|ый|ая)\b|\bfermé\b|\bchius[oi]\b|"
                          r"\bdos\s+fermé", re.I)),
]
_BACK_ANCHORS = {
    "semi-open": ("semi", "half", "полуоткрыт", "halboffen"),
    "open": ("open", "открыт", "offen", "ouvert", "apert", "dos"),
    "closed": ("closed", "закрыт", "geschlossen", "fermé", "chius", "dos"),
}
_ANC_ANCHORS = ("active", "hybrid", "anc", "активн", "aktive", "réduction", "cancellazione", "noise",
                "шумоподавлени", "geräusch")
_ANC_NEG_ANCHORS = ("no", "without", "non", "enc", "cvc", "noise", "passive", "без")
_ANC_YES = re.compile(
    r"\bactive\s+noise[\s-]+(?:cancel+(?:ing|ation|ling)?|reduction|control)|\b(?:hybrid\s+)?ANC\b|"
    r"активн\w*\s+шумоподавлени\w*|aktive\s+geräuschunterdrückung|réduction\s+active\s+du\s+bruit|"
    r"cancellazione\s+attiva\s+del\s+rumore|\bnoise[\s-]+cancel+(?:ing|ling|ation|ed)?\b|"
    r"noise[\s-]+canceling|шумоподавлени\w*|geräuschunterdrückung",
    re.I,
)
_ANC_NOT_ACTIVE_CONTEXT = re.compile(r"\bmic|microphone|\bENC\b|\bCVC\b|call|микрофон|voice|passive|"
                                     r"\benvironment(?:al)?\s+noise|"  # ENC spelled out
                                     r"\bworks\s+with|\bfor\s+calls", re.I)
_ANC_NEG = re.compile(r"\b(?:no|without|non)[\s-]+(?:active\s+)?(?:noise[\s-]+cancel\w*|ANC)\b|"
                      r"\bENC\b|\bCVC\s?\d*|noise[\s-]+isolat\w*|passive\s+noise|без\s+шумоподавлени", re.I)
_PRODUCT_AFTER = re.compile(r"\s*(?:wireless\s+|bluetooth\s+|over[\s-]ear\s+)*"
                            r"(?:head(?:phone|set)s?|ear(?:bud|phone)s?)",
                            re.I)
_ACTIVE_BEFORE = re.compile(r"\bactive\b[^,.|\n]{0,20}$", re.I)
# words that only fit active cancelling ("True Adaptive Noise Cancelling", "adjust ... level of noise
# cancellation"): they let a prose mention count, but a mic/ENC/CVC context still makes it call-mic processing
_ANC_HINT_BEFORE = re.compile(r"\b(?:adaptive|adjust\w*|levels?\s+of|personali[sz]e\w*|customi[sz]\w*)\b"
                              r"[^,.|\n]{0,20}$", re.I)
_CALL_NR = re.compile(r"\bENC\b|\bCVC\s?\d*", re.I)

_EXPLICIT_ANC = ("active", "anc", "hybrid", "активн", "aktive", "réduction", "cancellazione")
_NEGATED = re.compile(r"\b(?:no|not|non|without)[\s-]*$", re.I)
_WIRELESS_YES = re.compile(r"\bwireless\b|\bbluetooth\b|\bBT\s?\d|\bcordless\b|\bTWS\b|беспроводн\w*|"
                           r"kabellos|sans\s+fil|senza\s+fili|2\.4\s?GHz", re.I)
_NO_RADIO = re.compile(r"bluetooth|wireless", re.I)
_WIRED_ONLY = re.compile(r"\bwired\b|\bcorded\b|\bcords?\b|cable\s+length|\bplug(?:\s+type)?\s*:|проводн\w*|"
                         r"kabelgebunden|filaire|cablat", re.I)
_BT_VERSION = re.compile(
    r"(?:bluetooth|\bBT)\s*(?:version|ver\.?|v(?=\s*\d)|chip|technology)?\s*[:=]?\s*v?\s*"
    r"(?P<v>[1-6](?:\.\d)?)(?!\d|\.\d|\s*(?:mm|hours?|h\b|g\b|GHz|kHz|Hz|%|m\b|ft))",
    re.I,
)
_BT_BEFORE = re.compile(r"\bv(?P<v>[1-6]\.\d)\s+bluetooth", re.I)  # "V5.4 Bluetooth Headphones"
_BT_BEFORE_ANCHORS = ("v1.", "v2.", "v3.", "v4.", "v5.", "v6.")
# a bare version just before the word: "5.0 Bluetooth's low latency" (searched back from each "bluetooth")
_BARE_V_BEFORE = re.compile(r"(?<![\d.,v])(?<!v\s)([4-6]\.\d)\s+$", re.I)
# a title's bare version after the product noun: "Wireless Earbud Bluetooth Headphones 5.3"
_BT_AFTER_NOUN = re.compile(r"bluetooth\s+(?:[a-z-]+\s+){0,2}?(?:head(?:phone|set)s?|ear(?:bud|phone)s?)\s+"
                            r"v?(?P<v>[4-6]\.\d)(?![\d.]|\s*(?:mm|hours?|hrs?|h\b|g\b|%|[a-z]*hz))", re.I)
_BT_VALUE = re.compile(r"^\s*v?\s*(?P<v>[1-6](?:\.\d)?)(?:\s*v\b)?", re.I)

_AX = r"apt-?x(?:\s*TM|™|®)?\s*"
_CODECS: list[tuple[str, re.Pattern[str]]] = [
    ("aptX Lossless", re.compile(_AX + r"(?:adaptive\s*)?lossless", re.I)),
    ("aptX Adaptive", re.compile(_AX + r"adaptive", re.I)),
    ("aptX Low Latency", re.compile(_AX + r"-?(?:LL|low[\s-]latency)\b", re.I)),
    ("aptX HD", re.compile(_AX + r"HD\b", re.I)),
    ("aptX", re.compile(_AX + r"(?!\s*(?:HD\b|adaptive|lossless|-?LL\b|low[\s-]latency))", re.I)),
    ("LDAC", re.compile(r"\bLDAC\b", re.I)),
    ("LHDC", re.compile(r"\bLHDC\b", re.I)),
    ("LC3", re.compile(r"\bLC3(?:plus)?\b|\bLE\s+audio\b", re.I)),
    ("AAC", re.compile(r"\bAAC\b")),
    ("SBC", re.compile(r"\bSBC\b")),
]
_CODEC_ANCHORS = {"aptX Lossless": ("apt",), "aptX Adaptive": ("apt",), "aptX Low Latency": ("apt",),
                  "aptX HD": ("apt",), "aptX": ("apt",), "LDAC": ("ldac",), "LHDC": ("lhdc",),
                  "LC3": ("lc3", "le"), "AAC": ("aac",), "SBC": ("sbc",)}
_CODEC_COMPARISON = re.compile(r"\b(?:than|compared|vs\.?|versus|times|x\s+(?:more|the)|"
                               r"traditional|ordinary|regular|conventional)\b", re.I)


# patterns used inside the extractors, compiled once (re.* calls look each up in re's cache)
_HOOK = re.compile(r"hook|clip", re.I)
_OPEN_FIT = re.compile(r"open[\s-]*(?:ear|fit)", re.I)
_BT_COMPARED = re.compile(r"\b(?:than|vs|compared|older|previous)\b", re.I)
_CODEC_LIMITED = re.compile(r"\s*(?:only|is\s+limited)", re.I)
# audio file formats: an AAC listed among them is a file a built-in player reads, not a Bluetooth codec
_FILE_FORMATS = re.compile(r"\b(?:MP3|FLAC|WMA|WAV|APE|M4A|OGG|ALAC|AIFF|DSD)\b", re.I)
_BT_ONLY_CODEC = re.compile(r"\bSBC\b|apt-?x|\bLDAC\b|\bLHDC\b|\bcodecs?\b", re.I)


# Form anchors that share a first word ("ear", "in") are searched for together, each group by one
# pass of a regex led by that word over the lower-cased text (a str.find per anchor costs more): it
# finds exactly the word starts `Context.anchor_hits` finds for them ("[^\W_]" is what str.isalnum()
# accepts; only the leading word is consumed, and it cannot overlap itself)
_EAR_BUD = ("earbud", "ear bud", "ear-bud")
_EAR_TIP = ("ear tip", "eartip", "ear canal")
_IN_EAR = ("in-ear", "in ear", "inear", "in-the", "in-ohr")
_EAR_WORDS = re.compile(r"ear(?<![^\W_]ear)(?=(bud| bud|-bud)|tip| tip| canal)")  # group 1: an _EAR_BUD one
_IN_WORDS = re.compile(r"in(?<![^\W_]in)(?=-ear| ear|ear|-the|-ohr)")
# each form's other anchors: its scan with them alone finds the same when the grouped ones are absent
_FORM_REST = {name: tuple(a for a in anchors if a not in _EAR_BUD + _EAR_TIP + _IN_EAR)
              for name, anchors in _FORM_ANCHORS.items()}


_FORM_HEADS = want_heads(b"ear", b"in", b"ine")  # the heads of _EAR_WORDS and _IN_WORDS
# the word heads of each form's other ASCII anchors: every one has a head and the rest are Cyrillic
# (tests/parse/test_form_gates.py pins both), so a text without Cyrillic can hold no other anchor
_FORM_REST_HEADS = {name: frozenset(_head(a) for a in rest if a.isascii())
                    for name, rest in _FORM_REST.items()}
_FORM_REST_VERSION = want_heads(*(h for heads in _FORM_REST_HEADS.values() for h in heads))


def _form_scans(ctx: Context, open_ear: bool) -> list[tuple[str, list[re.Match[str]]]]:
    """`scan(ctx, pattern, _FORM_ANCHORS[name])` for each form (only bone conduction for open-ear buds).

    The earbud scan's anchors are all grouped but a Cyrillic one, so a text without Cyrillic
    letters takes the group's word starts as they are. A scan whose grouped anchors are absent
    runs with its other anchors only; one that has some runs with all.
    """
    low, heads = ctx.low, ctx.heads_for(_FORM_HEADS)
    buds: list[int] = []
    tip = in_ear = False
    if heads is None or b"ear" in heads:
        # _EAR_WORDS' matches, read from the places of "bud" (it cannot overlap itself, so each
        # gives at most one "ear" word start, in order); "tip" or "canal" only says whether a grouped
        # in-ear anchor may start a word: the scan with all anchors finds what it would with fewer
        i = low.find("bud")
        while i >= 0:
            p = i - 3 if low.startswith("ear", i - 3) else i - 4
            if p >= 0 and low.startswith("ear", p) and (p == i - 3 or low[i - 1] in " -") and \
                    (p == 0 or not low[p - 1].isalnum()):
                buds.append(p)
            i = low.find("bud", i + 3)
        tip = "tip" in low or " canal" in low
    if heads is None or b"in" in heads or b"ine" in heads:  # the heads of _IN_EAR
        in_ear = _IN_WORDS.search(low) is not None
    norm = ctx.norm
    # without Cyrillic letters every anchor a text can hold has a word head (_FORM_REST_HEADS), so a
    # scan whose heads are all absent finds nothing, as scan() would decide after its plan lookup
    known = ctx.heads_for(_FORM_REST_VERSION) if ctx.mode != ALL else None
    out = []
    for name, pattern in _FORMS:
        if open_ear and name != "bone-conduction":
            continue  # open-ear (air conduction) buds have no form factor in the vocabulary
        if name == "earbud" and ctx.mode != ALL:
            found = matches_from(rx(pattern, norm), norm, buds) if buds else []
        elif name == "earbud" and buds or name == "in-ear" and (in_ear or tip):
            found = scan(ctx, pattern, _FORM_ANCHORS[name])
        elif known is not None and known.isdisjoint(_FORM_REST_HEADS[name]):
            found = []
        else:
            found = scan(ctx, pattern, _FORM_REST[name])
        out.append((name, found))
    return out


def form(ctx: Context) -> None:
    """Form factor and true-wireless."""
    norm = ctx.norm
    # no letter of "open" folds or comes from one that does: a match holds it in `low`
    open_ear = rx(_OPEN_EAR, norm).search(norm, 0, ctx.title_end) \
        if ctx.low.find("open", 0, ctx.title_end) >= 0 else None
    in_ear_said = False
    found_by_name = []
    for name, found in _form_scans(ctx, open_ear is not None):
        if name == "in-ear":
            in_ear_said = bool(found)
        found_by_name.append((name, found))
    not_this = rx(_NOT_THIS_FORM, norm)
    low, folds = ctx.low, ctx.may_mention()  # a literal gate on `low` is exact without a FOLDS letter
    # a form named in the title outranks every one in the body and only the best is kept (form
    # factors raise no conflict warning): once the title names one, body mentions need no reading
    for in_title in (True, False):
        for name, found in found_by_name:
            if name == "earbud" and in_ear_said:
                continue
            for m in found:
                if (m.start() < ctx.title_end) is not in_title:
                    continue
                start = m.start()
                if (folds or _NOT_THIS_WORDS.search(low, max(0, start - 30), start) is not None) and \
                        not_this.search(clause_before(norm, start, 30)):
                    continue
                if name == "over-ear" and _HOOK.search(norm[m.start() - 12:m.start()]):
                    continue
                ctx.add("form_factor", name, m.start(), m.end(), LABELLED if in_title else PROSE)
        if in_title and ctx.found.get("form_factor"):
            break
    m = scan_first(ctx, _TWS, ("true", "tws", "полностью", "echt"))
    if m:
        ctx.add("true_wireless", True, m.start(), m.end(), PROSE)


# every anchor of the scans below, for one any_anchor() check before them
_ANY_BACK = tuple(dict.fromkeys(a for group in _BACK_ANCHORS.values() for a in group))


def back(ctx: Context) -> None:
    """Open, closed or semi-open back."""
    norm = ctx.norm
    if ctx.csv is not None:
        cell = ctx.csv.cells.get("back")
        if cell and cell[0].strip().lower() in ("open", "closed", "semi-open", "semi open", "semi"):
            value = cell[0].strip().lower()
            ctx.add("back", "semi-open" if value.startswith("semi") else value, cell[1], cell[2], TABLE)
        return
    for name, pattern in _BACKS if any_anchor(ctx, _ANY_BACK) else ():
        for m in scan(ctx, pattern, _BACK_ANCHORS[name]):
            if name == "open" and _OPEN_FIT.match(norm[m.start():m.end() + 4]):
                continue
            ctx.add("back", name, m.start(), m.end(), PROSE)


# The word heads every ANC or call-mic match starts a word with: each _ANC_YES and _ANC_NEG
# alternative holds a word "noise", "anc", "enc" or "cvc" (led by \b, \s or "-"), or is
# "cancellazione ... rumore" (a word "rumore"; scans try only anchor word starts), or is one of the
# non-ASCII ones: German ones hold a word "geräusch...", the French one starts at "réduction", the
# rest are Cyrillic. In a text without a FOLDS letter such a match is in `low` as it is.
_ANC_HEADS = want_heads(b"noi", b"anc", b"enc", b"cvc", b"can", b"no", b"iso", b"rum", b"ger")
_ANC_CORE = frozenset((b"noi", b"anc", b"enc", b"cvc"))
_ANC_SURE = frozenset((b"anc", b"enc", b"cvc"))  # a word starting so holds a keyword of anc's gate
# Anchors whose matches need another word, by the heads that word starts with. _ANC_YES: at "active"
# only "active noise ..." matches, at "hybrid" "hybrid ANC", at "noise" "noise cancel...", at
# "cancellazione" "cancellazione attiva del rumore" (no letter of "rumore" folds). _ANC_NEG:
# "no"/"without"/"non" lead "... noise cancel..." or "... ANC"; "no" only as a whole word ("no" then \s
# or "-"; in a longer "no..." word only the "noise"/"non" alternatives match, and their anchors find
# that spot), "noise" only as "noise isolat...", "passive" as "passive noise". Each such word follows
# \s or "-", so it starts a word; "noise" and "isolat" hold letters that fold ("i", "s"): FOLDS texts
# count them as present. Keys: (noise, anc, cancel, rumore), (no/without/non, whole "no", isolat, noise).
_BOOLS = (False, True)
_ANC_YES_BY_HEADS = {(noi, anc, can, rum): tuple(
    a for a in _ANC_ANCHORS if (a != "active" or noi) and (a != "hybrid" or anc) and (a != "noise" or can) and
    (a != "cancellazione" or rum))
    for noi in _BOOLS for anc in _BOOLS for can in _BOOLS for rum in _BOOLS}
_ANC_NEG_BY_HEADS = {(words, no, iso, noi): tuple(
    a for a in _ANC_NEG_ANCHORS if (a not in ("no", "without", "non") or words) and (a != "no" or no) and
    (a != "noise" or iso) and (a != "passive" or noi))
    for words in _BOOLS for no in _BOOLS for iso in _BOOLS for noi in _BOOLS}
# _ANC_NOT_ACTIVE_CONTEXT written for the lower-cased text (lower_twin): every alternative led by a
# letter (\b as a lookbehind after it), so the engine skips to the letters that can start one;
# "for calls" is dropped: only whether it matches is asked, and "call" matches wherever it does
_NOT_ACTIVE_LOW = lower_twin(re.compile(
    r"m(?<!\wm)ic|microphone|e(?<!\we)nc\b|c(?<!\wc)vc\b|call|микрофон|voice|passive|"
    r"e(?<!\we)nvironment(?:al)?\s+noise|w(?<!\ww)orks\s+with", re.I))
_ANC_HINT_WORDS = ("adaptive", "adjust", "level", "personali", "customi")  # one starts each _ANC_HINT_BEFORE


def anc(ctx: Context) -> None:
    """Active noise cancelling: true for ANC, false when only call-mic or passive reduction is named."""
    norm, low = ctx.norm, ctx.low
    heads = ctx.heads_for(_ANC_HEADS)
    if _no_anc_match(ctx, heads):
        return
    if (heads is None or heads.isdisjoint(_ANC_SURE)) and \
            not ctx.mentions("noise", "anc", "enc", "шумопод", "geräusch", "bruit", "rumore", "cvc"):
        return
    # literal gates on `low` below are exact when the text has no FOLDS letter (may_mention())
    folds = ctx.may_mention()
    if folds or _NOT_ACTIVE_LOW is None:
        not_active, subject = rx(_ANC_NOT_ACTIVE_CONTEXT, norm), norm
    else:
        not_active, subject = twin(_NOT_ACTIVE_LOW) if ctx.plain else _NOT_ACTIVE_LOW, low
    negative = None
    call_only = None  # asked for the first prose mention that needs it
    if heads is None:
        yes_anchors, neg_anchors = _ANC_ANCHORS, _ANC_NEG_ANCHORS
    else:
        noi, anc, can = folds or b"noi" in heads, b"anc" in heads, b"can" in heads
        yes_anchors = _ANC_YES_BY_HEADS[noi, anc, can, b"rum" in heads]
        neg_anchors = _ANC_NEG_BY_HEADS[anc or can and noi, b"no" in heads, folds or b"iso" in heads, noi]
    for m in scan(ctx, _ANC_YES, yes_anchors):
        start = m.start()
        lo = max(0, start - 30)
        word = m.group(0).lower()
        explicit = word.startswith(_EXPLICIT_ANC) or (folds or "active" in low[lo:start]) and \
            _ACTIVE_BEFORE.search(norm, lo, start) is not None
        if not explicit and call_only is None:
            call_only = scan_first(ctx, _CALL_NR, ("enc", "cvc")) is not None
        if not explicit and (call_only or not_active.search(subject[lo:m.end() + 25])):
            negative = negative or m
            continue
        if not explicit and start >= ctx.title_end and not _PRODUCT_AFTER.match(norm, m.end()) and \
                not _hint_before(norm, low, start, folds):
            continue  # "a noise cancellation function" in prose says too little
        if explicit and _negated(norm, low, start, folds):
            negative = negative or m
            continue
        ctx.add("anc", True, start, m.end(), PROSE)
    if not ctx.has("anc"):
        neg = scan_first(ctx, _ANC_NEG, neg_anchors) or negative
        if neg is not None:
            ctx.add("anc", False, neg.start(), neg.end(), PROSE)


def _no_anc_match(ctx: Context, heads: set[bytes] | None) -> bool:
    """True when no _ANC_YES or _ANC_NEG match can start in the text (see _ANC_HEADS)."""
    if heads is None or ctx.mode == ALL or not heads.isdisjoint(_ANC_CORE) or \
            b"can" in heads and b"rum" in heads:
        return False
    if ctx.mode == ASCII:
        return True  # no non-ASCII alternative can match, and no letter folds
    return not ctx.may_mention() and b"ger" not in heads and "réduction" not in ctx.low  # no Cyrillic


def _hint_before(norm: str, low: str, start: int, folds: bool) -> bool:
    """`_ANC_HINT_BEFORE` ends just before `start` (in the 30 characters before it)."""
    lo = max(0, start - 30)
    if not folds:
        window = low[lo:start]
        if not any(w in window for w in _ANC_HINT_WORDS):
            return False  # every alternative starts with one of them
    return _ANC_HINT_BEFORE.search(norm, lo, start) is not None


def _negated(norm: str, low: str, start: int, folds: bool) -> bool:
    """`_NEGATED` ends just before `start`: a "no"/"not"/"non"/"without" in the 9 characters before."""
    lo = max(0, start - 9)
    if not folds and "no" not in low[lo:start] and "without" not in low[lo:start]:
        return False  # every alternative holds one of the two
    return _NEGATED.search(norm[lo:start]) is not None


# "bt" starts a _BT_VERSION or _WIRELESS_YES match only followed by \s, ":", "=", a digit or "v"/"c"/"t"
# (version, ver, v, chip, technology), so only where the word heads hold "bt" whole or one of these
_BT_WORD = frozenset([b"bt", b"btv", b"btc", b"btt", *(b"bt%d" % d for d in range(10))])
_WIRELESS_ANCHORS = ("wireless", "bluetooth", "bt", "cordless", "tws", "беспроводн", "kabellos", "sans",
                     "senza", "2.4")
_WIRELESS_NO_BT = tuple(a for a in _WIRELESS_ANCHORS if a != "bt")
# all but "wireless" and "bluetooth", each with the word head it needs (None: "bt", see _BT_WORD,
# and the Cyrillic one, which needs a Cyrillic text)
_WIRELESS_REST, _WIRELESS_REST_NO_BT = _WIRELESS_ANCHORS[2:], _WIRELESS_NO_BT[2:]
_WIRELESS_REST_HEADS = tuple((a, _head(a) if a.isascii() and a != "bt" else None) for a in _WIRELESS_REST)
_BT_HEADS = want_heads(*_BT_WORD, b"blu", b"wir", *(h for _, h in _WIRELESS_REST_HEADS if h is not None))
_COMPARED_WORDS = re.compile(r"than|vs|compared|older|previous")  # one is in each _BT_COMPARED match


def wireless(ctx: Context) -> None:
    """Wireless or wired, Bluetooth version and codecs."""
    norm, low = ctx.norm, ctx.low
    for f in ctx.labelled("bluetooth"):
        m = _BT_VALUE.match(norm, f.start, f.end)
        if m:
            ctx.add("bluetooth_version", _version(m["v"]), m.start("v"), m.end("v"), LABELLED)
    heads = ctx.heads_for(_BT_HEADS)
    bt = heads is None or not heads.isdisjoint(_BT_WORD)
    folds = ctx.may_mention()  # literal gates on `low` are exact without a FOLDS letter
    # the word starts of "bluetooth" (memoized) serve every scan led by it: what scan() would find.
    # _BT_BEFORE ends with a "bluetooth" after white space, so it needs one too
    hits = ctx.anchor_hits("bluetooth") if heads is None or b"blu" in heads else ()
    if bt:
        found = scan(ctx, _BT_VERSION, ("bluetooth", "bt"))
    else:
        found = matches_from(twin(_BT_VERSION) if ctx.plain else _BT_VERSION, norm, hits) if hits else []
    if hits:
        title = ctx.title_end  # (a scan limited to the title tries only the words that end in it)
        found += scan(ctx, _BT_BEFORE, _BT_BEFORE_ANCHORS)
        found += matches_from(twin(_BT_AFTER_NOUN) if ctx.plain else _BT_AFTER_NOUN, norm,
                              [i for i in hits if i + 9 <= title], title)
    for m in found:
        if _compared(norm, low, m.start(), folds):
            continue
        ctx.add("bluetooth_version", _version(m["v"]), m.start(), m.end(), PROSE)
    for i in hits:
        # a match ends with "<digit>.<digit>" and white space at i
        if "." not in norm[max(0, i - 6):i]:
            continue
        m = rx(_BARE_V_BEFORE, norm).search(norm, max(0, i - 6), i)
        if m is not None and not _compared(norm, low, m.start(), folds):
            ctx.add("bluetooth_version", m[1], m.start(1), i + 9, PROSE)
    m = _first_wireless(ctx, heads, bt, hits)
    negated = m is not None and _negated(norm, low, m.start(), folds)
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
    codecs(ctx)


def _compared(norm: str, low: str, pos: int, folds: bool) -> bool:
    """`_BT_COMPARED` in the clause before `pos` (at most 40 characters, the text from there on)."""
    if not folds and _COMPARED_WORDS.search(low, max(0, pos - 40), pos) is None:
        return False  # the clause lies in those 40 characters
    return rx(_BT_COMPARED, norm).search(clause_before(norm, pos, 40)) is not None


def _first_wireless(ctx: Context, heads: set[bytes] | None, bt: bool,
                    hits: list[int] | tuple[()]) -> re.Match[str] | None:
    """`scan_first(ctx, _WIRELESS_YES, anchors)`: a match at the first anchor, found by bounded finds.

    The first word start of "wireless" or "bluetooth" (`hits`) bounds the search for the others,
    each searched only when its word head is present; when a match starts at the first word start
    of any anchor, it is the first match. Otherwise (or without either word) the full scan decides.
    """
    anchors = _WIRELESS_ANCHORS if bt else _WIRELESS_NO_BT
    low = ctx.low
    first = hits[0] if hits else -1
    if heads is None or b"wir" in heads:
        i = _word_start(low, "wireless", len(low) if first < 0 else first + 7)
        if i >= 0:
            first = i
    if first < 0:  # neither word starts a word of the text: the others decide
        return scan_first(ctx, _WIRELESS_YES, _WIRELESS_REST if bt else _WIRELESS_REST_NO_BT)
    for anchor, head in _WIRELESS_REST_HEADS:  # each found only where it starts before `first`
        if head is None and not (bt if anchor == "bt" else ctx.cyrillic) or \
                head is not None and heads is not None and head not in heads:
            continue
        i = _word_start(low, anchor, first - 1 + len(anchor))
        if i >= 0:
            first = i
    m = rx(_WIRELESS_YES, ctx.norm).match(ctx.norm, first)
    if m is not None and m.end() > m.start():
        return m
    return scan_first(ctx, _WIRELESS_YES, anchors)


def _word_start(low: str, anchor: str, end: int) -> int:
    """The first place in `low[:end]` where `anchor` starts a word, or -1."""
    i = low.find(anchor, 0, end)
    while i > 0 and low[i - 1].isalnum():
        i = low.find(anchor, i + 1, end)
    return i


def _list_around(norm: str, start: int, end: int) -> str:
    """The sentence around a list item: commas do not end it ("support MP3, FLAC, AAC and WAV formats")."""
    lo = max(0, start - 60)
    for sep in (".", "\n", "|", ";"):
        i = norm.rfind(sep, lo, start)
        if i >= 0:
            lo = i + 1
    hi = min(len(norm), end + 40)
    for sep in (".", "\n", "|", ";"):
        i = norm.find(sep, end, hi)
        if i >= 0:
            hi = i
    return norm[lo:start] + " " + norm[end:hi]


def _version(v: str) -> str:
    return v


# every anchor of the scans below but "le", for one any_anchor() check before them; "le" (of
# "LE Audio", followed by a space) must also be a whole word, which the word heads can tell
_ANY_CODEC = tuple(dict.fromkeys(a for group in _CODEC_ANCHORS.values() for a in group if a != "le"))
_CODEC_WORDS = frozenset(map(str.encode, (a[:3] for a in _ANY_CODEC)))  # the heads of _ANY_CODEC
_LE_VERSION = want_heads(b"le", *_CODEC_WORDS)  # so the word heads tell whether "le" is a whole word
# "LE audio" starts only at a whole word "le" (then \s), which `le_audio` in codecs() asks for
_LC3_ONLY = ("lc3",)
_APTX = frozenset(name for name, anchors in _CODEC_ANCHORS.items() if anchors == ("apt",))
# one of these is in every _CODEC_COMPARISON match (lower case, led by a letter: the engine skips ahead)
_COMPARISON_WORDS = re.compile(r"than|compared|vs|versus|times|x\s+(?:more|the)|traditional|ordinary|"
                               r"regular|conventional")


def codecs(ctx: Context) -> None:
    """Bluetooth codecs the product supports (not ones it is compared with)."""
    norm = ctx.norm
    # the anchored scans are cheap; the keyword gate is asked only when they found something
    heads = ctx.heads_for(_LE_VERSION)
    le_audio = (heads is None or b"le" in heads) and any_anchor(ctx, ("le",))
    # an anchor of _ANY_CODEC starts a word only where its head does
    if not le_audio and (heads is not None and heads.isdisjoint(_CODEC_WORDS) or
                         not any_anchor(ctx, _ANY_CODEC)):
        return
    apt = any_anchor(ctx, ("apt",))  # the five aptX scans share it
    found = [(name, scan(ctx, pattern, _CODEC_ANCHORS[name] if le_audio or name != "LC3" else _LC3_ONLY)
              if apt or name not in _APTX else [])
             for name, pattern in _CODECS]
    if not any(matches for _, matches in found):
        return
    # a match of any but LC3 holds its keyword (no letter of them folds); "LE audio" need not ("LE  audio")
    if not any(matches for name, matches in found if name != "LC3") and \
            not ctx.mentions("sbc", "aac", "apt", "ldac", "lhdc", "lc3", "le audio"):
        return
    taken: list[tuple[int, int]] = []
    for name, matches in found:
        for m in matches:
            if name == "aptX" and any(a <= m.start() < b for a, b in taken):
                continue
            after = norm[m.end():m.end() + 40]
            if _comparison(ctx, m.start()) or rx(_CODEC_LIMITED, norm).match(after):
                continue
            if name == "AAC":
                around = _list_around(norm, m.start(), m.end())
                if _FILE_FORMATS.search(around) and not _BT_ONLY_CODEC.search(around):
                    continue
            taken.append((m.start(), m.end()))
            ctx.add("bluetooth_codecs", name, m.start(), m.end(), PROSE)


def _comparison(ctx: Context, pos: int) -> bool:
    """`_CODEC_COMPARISON` in the clause before `pos` (at most 60 characters, the text from there on)."""
    if not ctx.may_mention() and _COMPARISON_WORDS.search(ctx.low, max(0, pos - 60), pos) is None:
        return False  # no FOLDS letter: a match is in `low` as it is, and the clause lies in that window
    return rx(_CODEC_COMPARISON, ctx.norm).search(clause_before(ctx.norm, pos, 60)) is not None


__all__ = ["anc", "back", "codecs", "form", "wireless"]
