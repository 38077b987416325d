"""Weight, battery life, price with currency, and condition."""

from __future__ import annotations

import re
from typing import NamedTuple

from headspec.parse._context import LABELLED, PROSE, Context
from headspec.parse._digits import (
    NUM_FIRM,
    digit_scan,
    number_found,
    number_matches,
    zeroed_low_any,
    zeroed_text,
)
from headspec.parse._twins import folded, lower_twin, rx, twin
from headspec.parse._util import clause_after, clause_before, clause_before_within, in_foreign, scan
from headspec.parse.numbers import NUM, RANGE_SEP, to_float

OZ_G = 28.3495
LB_G = 453.592

_WEIGHT = re.compile(
    rf"(?P<v>{NUM_FIRM})\s*(?P<u>grams?|gr\b|g\b|гр?\b|kg|кг|oz|ounces?|lbs?|pounds?)(?![a-zа-я])",
    re.IGNORECASE,
)
_WEIGHT_WORD = re.compile(r"weigh|weight|weigth|lightweight|light|вес|вeс|масс|gewicht|poids|peso|only|just|"
                          r"ultra[\s-]?light", re.IGNORECASE)
_WEIGHT_KEYS = ("weigh", "weigth", "light", "вес", "вeс", "масс", "gewicht", "poids", "peso", "only", "just")
_WEIGHT_NOT = re.compile(r"withstand|load|bear|hold|support|capacity|pressure|force|case|box|package|"
                         r"packaging|shipping|charging\s+case|кейс|упаковк|футляр", re.IGNORECASE)
_LABEL_UNIT = re.compile(r"\(\s*(g|grams?|oz|kg|lbs?|h|hrs|hours|ч|mm)\s*\)", re.IGNORECASE)
_BARE_NUMBER = re.compile(rf"\s*({NUM})\s*$")
_METRIC = {"g", "gram", "grams", "gr", "г", "гр", "kg", "кг"}
_WEIGHT_METRIC_NEXT = re.compile(rf"\s*[/(]\s*{NUM}\s*(?:grams?|g\b|gr\b|kg)", re.IGNORECASE)
_G_FACTOR = {"g": 1.0, "gram": 1.0, "grams": 1.0, "gr": 1.0, "г": 1.0, "гр": 1.0, "kg": 1000.0, "кг": 1000.0,
             "oz": OZ_G, "ounce": OZ_G, "ounces": OZ_G,
             "lb": LB_G, "lbs": LB_G, "pound": LB_G, "pounds": LB_G}

# every space run taken possessively too: what follows each one starts with no space (an "h", a
# range separator, a digit, "+", "*", a unit), or is optional and then followed by one of those,
# so giving spaces back could only reach the next of those at the same place, already tried
_RANGE_SEP_FIRM = RANGE_SEP.replace(r"\s*", r"\s*+")
_HOURS = re.compile(
    rf"(?P<lo>{NUM_FIRM})(?:\s*+(?:h|hrs?|hours?)?\s*+(?:{_RANGE_SEP_FIRM})(?P<v>{NUM_FIRM}))?\s*+[+*]?\s*+"
    rf"(?P<u>hours?|hrs?\b|hr\b|h\b|ч(?:ас(?:ов|а)?)?\b|std\.?|stunden|heures|ore\b)",
    re.IGNORECASE,
)
# every figure _HOURS finds ends in a digit and is followed by its unit (on the lower-cased text)
_HOURS_GATE = re.compile(r"\d\s*[+*]?\s*[hчso]")
_PLAY_WORD = re.compile(r"play|battery|listening|music|working|usage|use\b|runtime|run\s+time|endurance|"
                        r"backup|"
                        r"батаре|аккумулятор|работ|воспроизвед|автономн|akku|wiedergabe|autonomie|autonomia|"
                        r"last|up\s+to|nonstop|non-stop|continuous", re.IGNORECASE)
# hours that are not play time: charging, standby ("hard": always), talk ("soft": unless music is named too)
_HARD_NOT_PLAY = re.compile(r"stand-?by|stand\s+by|charg(?!ing\s+(?:case|box))|ожидани|заряд|"
                            r"lade(?!case|etui|box)|recharge|quick|fast|minutes?|mins?|days|daily|per\s+day|a\s+day",
                            re.IGNORECASE)
_SOFT_NOT_PLAY = re.compile(r"talk|call|разговор|sprech", re.IGNORECASE)
_PER_CHARGE = re.compile(r"\b(?:on|from|per|with|after)\s+(?:a\s+|one\s+|single\s+|each\s+)?"
                         r"(?:single\s+|full\s+)?charge\b|\b(?:single|one|each)\s+charge\b|"
                         r"(?<!\bfor\s)(?<!\bto\s)(?<!\bbe\s)\bfully\s+charged\b|"
                         r"без\s+подзарядки|на\s+одном\s+заряде|от\s+одного\s+заряда|ohne\s+(?:nach)?laden|"
                         r"pro\s+(?:akku)?ladung|par\s+charge",
                         re.IGNORECASE)
# where the words about one hour figure end (no match: at the end). Each word's \b is written after
# its first letter ("a(?<!\wa)nd" is "\band"), so every alternative starts with a character the
# regex engine can skip to, instead of trying all of them at every position
_NEXT_FIGURE = re.compile(r"\d(?![\d.,]*\s*mah)|a(?<!\wa)nd\b|p(?<!\wp)lus\b|\+|w(?<!\ww)hile\b",
                          re.IGNORECASE)
_CASE_WORD = re.compile(r"\bcase\b|charging\s+(?:case|box)|\btotal\b|combined|in\s+total|with\s+the\s+case|"
                        r"кейс|футляр|ladecase|etui|custodia|"
                        r"(?:extend|boost|increase)(?:s|ed)?\s+(?:it\s+|that\s+|this\s+)?(?:up\s+)?to",
                        re.IGNORECASE)

# "Total with case: 32H", "with the charging case: 30 hours" (a case word and a total or "with" right before)
_CASE_TOTAL_BEFORE = re.compile(r"(?:\btotal\b|\bwith\b)[^\d]{0,20}\b(?:case|box)\b\W{0,3}$|"
                                r"\b(?:case|box)\b[^\d]{0,10}\btotal\b\W{0,3}$", re.IGNORECASE)

_AMOUNT = r"\d{1,3}(?:[ ,.]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d{1,2})?(?!\d)"
_PRICE_PRE = re.compile(
    rf"(?P<pre>US\$|\$|€|£|¥|₹|₽|\bEUR|\bUSD|\bGBP|\bRUB|\bINR|(?-i:\bRs)\.?)\s*(?P<a>{_AMOUNT})",
    re.IGNORECASE)
_PRICE_PRE_ANCHORS = ("us$", "$", "€", "£", "¥", "₹", "₽", "eur", "usd", "gbp", "rub", "inr", "rs")
# "rs" serves only the case-sensitive "Rs" alternative: a text without "Rs" skips its many
# hits in lower-cased words ("RS-232", "Rs" is the rupee's), where no alternative can match
_PRICE_PRE_ANCHORS_NO_RS = _PRICE_PRE_ANCHORS[:-1]
_PRICE_POST = re.compile(
    rf"(?P<b>{_AMOUNT})\s*(?P<post>руб(?:\.|лей|ля)?|р\.|₽|€|EUR|USD|RUB|GBP|INR|euros?|dollars?)(?![a-zа-я])",
    re.IGNORECASE,
)
# every _PRICE_POST match ends its amount in a digit, then spaces, then a currency word ("euro" and
# "dollar" start with "eur" and "dollar"; on a plain text an ASCII one): where the lower-cased text
# with every digit "0" holds none of these, _PRICE_POST finds nothing (see `_post_possible`)
_PRICE_POST_NEAR = re.compile(r"0\s*(?:eur|usd|rub|gbp|inr|dollar)", re.ASCII)
_PRICE_POST_NEAR_ANY = re.compile(r"0\s*(?:руб|р\.|₽|€|eur|usd|rub|gbp|inr|dollar)")
_CURRENCY = {"$": None, "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
             "€": "EUR", "eur": "EUR",
             "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "¥": "JPY", "₹": "INR", "inr": "INR",
             "rs": "INR", "rs.": "INR", "₽": "RUB", "rub": "RUB", "руб": "RUB", "руб.": "RUB",
             "рублей": "RUB",
             "рубля": "RUB", "р.": "RUB"}
_DOLLAR_COUNTRY = {"US": "USD", "USA": "USD", "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD",
                   "MX": "MXN", "TW": "TWD", "AR": "ARS", "CL": "CLP", "CO": "COP"}

_CONDITION = [
    ("refurbished", re.compile(r"\((?:renewed|refurbished)\)|\b(?:refurbished|refurb|reconditioned|"
                               r"remanufactured)\b|"
                               r"восстановленн\w*|generalüberholt|reconditionné|ricondizionat\w*", re.I)),
    ("used", re.compile(r"\((?:used|pre-?owned)\)|\bpre-?owned\b|\bsecond[\s-]hand\b|\bopen[\s-]box\b|"
                        r"\bused\s*[-:]\s*(?:like\s+new|very\s+good|good|acceptable)|condition\s*:\s*used\b|"
                        r"\(?б/у\)?|\bбывш\w+\s+в\s+употреблении|gebraucht|d'occasion|usato", re.I)),
    ("new", re.compile(r"\bbrand[\s-]new\b|\bnew\s+in\s+box\b|\bfactory\s+sealed\b|\bnew\s+sealed\b|"
                       r"\bnew\s+condition\b|\bcondition\s*:\s*new\b|\bnagelneu\b|\bneuf\b", re.I)),
]


_CONDITION_KEYS = ("renewed", "refurb", "recondition", "remanufact", "восстановлен", "generalüber",
                   "ricondiz",
                   "owned", "second", "open box", "open-box", "б/у", "бывш", "gebraucht", "occasion", "usato",
                   "used", "new", "sealed", "neuf")
_CONDITION_ANCHORS = {
    "refurbished": ("(", "refurb", "recondition", "remanufact", "восстановлен", "generalüber", "ricondiz"),
    "used": ("(", "pre", "second", "open", "used", "condition", "б/у", "бывш", "gebraucht", "d'occasion",
             "usato"),
    "new": ("brand", "new", "factory", "condition", "nagelneu", "neuf"),
}
_PRICE_POST_KEYS = ("руб", "р.", "₽", "€", "eur", "usd", "rub", "gbp", "inr", "dollar")
_PRICE_KEYS = ("$", "€", "£", "¥", "₹", "₽", "eur", "usd", "gbp", "rub", "inr", "rs.", "rs ", "руб", "р.",
               "dollar")


# patterns used inside the extractors, compiled once (re.* calls look each up in re's cache)
_WEIGHT_AFTER = re.compile(r"\s*(?:weight|lightweight|light|in\s+weight)", re.I)
_NOT_WEIGHT_G = re.compile(r"\s*(?:memory|storage|mp3|lte|network)", re.I)
_NOT_PLAY_LABEL = re.compile(r"capacity|type|mah", re.I)
_NOT_PRICE_BEFORE = re.compile(
    r"\b(?:save|off|coupon|discount|worth|under|below|less\s+than|from|скидк)\w*\s*$", re.I)
_GROUPED_AMOUNT = re.compile(r"(\d{1,3}(?:([,.])\d{3})+)(?:([.,])(\d{1,2}))?")
_SEPS = re.compile(r"[.,]")


_WEIGHT_SCAN = digit_scan(_WEIGHT)
_HOURS_SCAN = digit_scan(_HOURS)
_HOURS_GATE_SCAN = digit_scan(_HOURS_GATE, low=True)


def weight(ctx: Context) -> None:
    """Weight in grams (oz, lb and kg converted); a case or package weight is skipped."""
    norm = ctx.norm
    for f in ctx.labelled("weight"):
        if _WEIGHT_NOT.search(f.label):
            continue
        m = _WEIGHT.search(norm, f.start, f.end)
        if m:
            _add_weight(ctx, m, LABELLED)
            continue
        unit = _LABEL_UNIT.search(f.label)  # "Weight (g): 250"
        bare = _BARE_NUMBER.match(norm, f.start, f.end)
        if unit and bare and folded(unit.group(1)) in _G_FACTOR:
            grams = to_float(bare.group(1), thousands=False) * _G_FACTOR[folded(unit.group(1))]
            if 0.5 <= grams <= 3000:
                ctx.add("weight_g", round(grams, 1), bare.start(1), bare.end(1), LABELLED)
    # a prose weight needs a weight word near it (_WEIGHT_WORD or "weight"/"light" after it); on a
    # plain text the digit-blind scan costs less than the keyword gate (up to 11 substring searches)
    # and seldom finds a figure, so it goes first: the gate decides all the same
    if ctx.plain:
        found = number_matches(ctx, _WEIGHT_SCAN)
        found = found if found and ctx.may_mention(*_WEIGHT_KEYS) else []
    else:
        found = number_matches(ctx, _WEIGHT_SCAN) if ctx.may_mention(*_WEIGHT_KEYS) else []
    for m in found:
        if in_foreign(ctx, m.start()):
            continue
        before = clause_before(norm, m.start(), 60)
        after = clause_after(norm, m.end(), 30)
        line_start = norm.rfind("\n", 0, m.start()) + 1
        near = norm[max(line_start, m.start() - 40):m.start()]
        if not _WEIGHT_WORD.search(near) and not _WEIGHT_AFTER.match(after):
            continue
        if _WEIGHT_NOT.search(before[-35:]) or _WEIGHT_NOT.match(after.strip()):
            continue
        unit = folded(m["u"])
        if unit not in _METRIC and _WEIGHT_METRIC_NEXT.match(norm, m.end()):
            continue  # "0.9oz/26g": the metric figure is the exact one
        if unit in ("g", "gr") and _NOT_WEIGHT_G.match(after):
            continue
        _add_weight(ctx, m, PROSE)


def _add_weight(ctx: Context, m: re.Match[str], rank: int) -> None:
    unit = folded(m["u"])
    factor = _G_FACTOR.get(unit, _G_FACTOR.get(unit.rstrip("s"), 1.0))
    grams = to_float(m["v"], thousands=factor == 1.0) * factor
    if 0.5 <= grams <= 3000:
        ctx.add("weight_g", round(grams, 1), m.start(), m.end(), rank)


def battery(ctx: Context) -> None:
    """Play time on one charge (upper bound of a range) and the total with the case."""
    norm = ctx.norm
    for f in ctx.labelled("battery"):
        if _NOT_PLAY_LABEL.search(f.label):
            continue
        found = False
        for m in _HOURS.finditer(norm, f.start, f.end):
            _add_hours(ctx, m, LABELLED, norm)
            found = True
        unit = _LABEL_UNIT.search(f.label)  # "Battery life (h): 30"
        bare = _BARE_NUMBER.match(norm, f.start, f.end)
        if not found and unit and bare and folded(unit.group(1)) in ("h", "hrs", "hours", "ч"):
            hours = to_float(bare.group(1), thousands=False)
            ctx.add("battery_h", hours, bare.start(1), bare.end(1), LABELLED)
    gated = number_found(ctx, _HOURS_GATE_SCAN) or ctx.may_mention()
    words = None
    for m in number_matches(ctx, _HOURS_SCAN) if gated else ():
        if in_foreign(ctx, m.start(), frozenset()):
            continue
        words = words or _Words.of(ctx)
        before = clause_before(norm, m.start(), 60)
        after_40 = clause_after(norm, m.end(), 40)
        after = after_40[:30]
        before_w = words.text(m.start() - len(before), m.start())
        after_w = words.text(m.end(), m.end() + len(after))
        per_charge = words.per_charge_in(before_w[-30:]) or words.per_charge_in(after_w)
        if not per_charge:
            play_after = words.play.search(after_w)  # asked once for both tests below
            if _not_play(before_w[-30:], after_w, words, play_after):
                continue
            if not (play_after or words.play.search(before_w) or words.case_in(after_w) or
                    words.case_total_in(before_w) or _bare_item(ctx, m, before, after)):
                continue
        _add_hours(ctx, m, LABELLED if per_charge else PROSE, norm, words, after_40, before)


class _Words(NamedTuple):
    """The context-word patterns of battery figures, each as fast as this text allows, and the
    text to run them on: lower-case twins over the lower-cased text unless a letter in it folds
    specially (`Context.may_mention`), ASCII twins too when the text is plain."""

    source: str
    lower: bool  # lower-case twins: a match holds its pattern's literals as written
    per_charge: re.Pattern[str]
    play: re.Pattern[str]
    case: re.Pattern[str]
    case_total: re.Pattern[str]
    hard: re.Pattern[str]
    soft: re.Pattern[str]
    music: re.Pattern[str]
    next_figure: re.Pattern[str]

    @classmethod
    def of(cls, ctx: Context) -> _Words:
        lower = not ctx.may_mention()
        key = (lower, ctx.plain)
        patterns = _WORD_SETS.get(key)
        if patterns is None:
            chosen = []
            for p in (_PER_CHARGE, _PLAY_WORD, _CASE_WORD, _CASE_TOTAL_BEFORE, _HARD_NOT_PLAY, _SOFT_NOT_PLAY,
                      _MUSIC, _NEXT_FIGURE):
                fast = (lower_twin(p) or p) if lower else p
                chosen.append(twin(fast) if ctx.plain else fast)
            patterns = _WORD_SETS[key] = tuple(chosen)
        return cls(ctx.low if lower else ctx.norm, lower, *patterns)

    def text(self, start: int, end: int) -> str:
        return self.source[start:end]

    # A search of a short window with these costs ~1.5 us (most alternatives start with \b, so the
    # regex engine tries each at every character); a few substring tests that every match needs
    # settle most windows first, which is exact on the lower-cased text.

    def per_charge_in(self, text: str) -> bool:
        """True when `text` says "on one charge" (`_PER_CHARGE`)."""
        if self.lower and "charge" not in text and "lad" not in text and "заряд" not in text:
            return False  # every alternative holds one of these
        return self.per_charge.search(text) is not None

    def case_in(self, text: str) -> bool:
        """True when `text` names the charging case or a total (`_CASE_WORD`)."""
        if self.lower and not ("case" in text or "box" in text or "total" in text or "combined" in text or
                               "extend" in text or "boost" in text or "increase" in text or
                               "etui" in text or "custodia" in text or "кейс" in text or "футляр" in text):
            return False  # every alternative holds one of these (written out: ~4x faster than any())
        return self.case.search(text) is not None

    def hard_in(self, text: str) -> re.Match[str] | None:
        """The first charging/standby word in `text` (`_HARD_NOT_PLAY`), if any."""
        if self.lower and not ("charg" in text or "stand" in text or "day" in text or "dai" in text or
                               "min" in text or "fast" in text or "quick" in text or "lade" in text or
                               "заряд" in text or "ожидан" in text):
            return None  # every alternative holds one of these
        return self.hard.search(text)

    def soft_in(self, text: str) -> bool:
        """True when `text` names talk time (`_SOFT_NOT_PLAY`)."""
        if self.lower:  # the lower-case twin is these four words
            return "talk" in text or "call" in text or "разговор" in text or "sprech" in text
        return self.soft.search(text) is not None

    def case_total_in(self, text: str) -> bool:
        """True when `text` ends in "total with case" (`_CASE_TOTAL_BEFORE`)."""
        if self.lower and ("case" not in text and "box" not in text or
                           "total" not in text and "with" not in text):
            return False  # both alternatives hold "case" or "box", and "total" or "with"
        return self.case_total.search(text) is not None


_WORD_SETS: dict[tuple[bool, bool], tuple[re.Pattern[str], ...]] = {}


def _bare_item(ctx: Context, m: re.Match[str], before: str, after: str) -> bool:
    """True for an hour figure alone as a feature-list item of a wireless product ("fold, 29hrs, RD")."""
    if before.strip() or after.strip() or m["v"] is not None:
        return False
    end = m.end()
    if end >= len(ctx.norm) or ctx.norm[end] not in ",;|":
        return False  # the item must end at a list separator, not at a sentence end or a line end
    return to_float(m["lo"], thousands=False) >= 3 and ctx.mentions("wireless", "bluetooth", "bt ", "tws")


def _not_play(before: str, after: str, words: _Words, play_after: re.Match[str] | None) -> bool:
    """True when the words around an hour figure make it charging, standby or talk time.

    `play_after` is `words.play.search(after)`, which the caller needs too.
    """
    hard_before = words.hard_in(before)
    hard_after = words.hard_in(after)
    if hard_after and (play_after is None or hard_after.start() < play_after.start()):
        return True
    if hard_before and (len(before) - hard_before.end() < 20 or not play_after and
                        not words.music.search(before, hard_before.end())):
        return True  # "full charge about 2 hours", "charging can last for 18-300 hours"
    soft = words.soft_in(before) or words.soft_in(after)
    return soft and not (play_after or words.music.search(before))


_MUSIC = re.compile(r"music|play|listening|воспроизвед|musik|musique", re.IGNORECASE)


def _add_hours(ctx: Context, m: re.Match[str], rank: int, norm: str, words: _Words | None = None,
               after: str | None = None, before_60: str | None = None) -> None:
    """Propose an hour figure as play time, or as the total with the case when a case word is near.

    `after` is `clause_after(norm, m.end(), 40)` and `before_60` `clause_before(norm, m.start(), 60)`
    when the caller has them already.
    """
    hours = to_float(m["v"] or m["lo"], thousands=False)
    if not 0.5 <= hours <= 2000:
        return
    words = words or _Words.of(ctx)
    pos = m.start()
    before = clause_before(norm, pos, 40) if before_60 is None else \
        clause_before_within(norm, pos, 40, before_60, 60)
    if after is None:
        after = clause_after(norm, m.end(), 40)
    before = words.text(m.start() - len(before), m.start())
    after = words.text(m.end(), m.end() + len(after))
    figure = words.next_figure.search(after)  # "10 h from one charge and total 50 h with case"
    if figure is not None:
        after = after[:figure.start()]
    total = words.case_in(before[-25:]) or words.case_in(after[:35])
    ctx.add("battery_total_h" if total else "battery_h", hours, m.start(), m.end(), rank)


def price(ctx: Context) -> None:
    """Price and ISO currency; a bare "$" is ambiguous unless a country says which dollar."""
    norm = ctx.norm
    found = scan(ctx, _PRICE_PRE, _PRICE_PRE_ANCHORS if "Rs" in norm else _PRICE_PRE_ANCHORS_NO_RS)
    # one search for a currency word after a digit stands for the ten keyword searches: when it
    # fails, _PRICE_POST would add nothing and the next gate decides the same (the keys are among
    # _PRICE_KEYS, so with `found` empty it returns and else it holds)
    if _post_possible(ctx):
        found += list(rx(_PRICE_POST, norm).finditer(norm))
    elif not found or not ctx.mentions(*_PRICE_KEYS):  # asked after the cheap scan, same result
        return
    for m in sorted(found, key=lambda x: x.start()):
        groups = m.groupdict()
        symbol = (groups.get("pre") or groups["post"]).lower()
        amount_text = groups.get("a") or groups["b"]
        before = clause_before(norm, m.start(), 25)
        if _NOT_PRICE_BEFORE.search(before):
            continue
        amount = _amount(amount_text)
        currency = _CURRENCY.get(symbol, _CURRENCY.get(symbol.rstrip("."), None))
        if symbol == "$":
            country = (ctx.country or "").upper()
            currency = _DOLLAR_COUNTRY.get(country)
        rank = LABELLED if m.start() < ctx.title_end or _labelled(ctx, m.start()) else PROSE
        ctx.add("price_amount", amount, m.start(), m.end(), rank, {"price_currency": currency,
                                                                  "symbol": symbol})


def _post_possible(ctx: Context) -> bool:
    """False only when _PRICE_POST cannot match: no digit is followed by spaces and a currency word.

    Asked of the lower-cased text with every digit "0", which is exact where Unicode `\\d` finds
    only ASCII digits and no letter folds specially (see `_digits`); else by the keyword searches.
    """
    if ctx.plain:
        return _PRICE_POST_NEAR.search(zeroed_text(ctx, low=True)) is not None
    zeroed = None if ctx.may_mention() else zeroed_low_any(ctx)
    if zeroed is None:
        return ctx.mentions(*_PRICE_POST_KEYS)
    return _PRICE_POST_NEAR_ANY.search(zeroed) is not None


def _labelled(ctx: Context, pos: int) -> bool:
    return any(f.family == "price" and f.start <= pos < f.end for f in ctx.fields)


def _amount(text: str) -> float:
    text = text.replace(" ", "")
    m = _GROUPED_AMOUNT.fullmatch(text)
    if m and (m.group(3) is None or m.group(3) != m.group(2)):
        whole = _SEPS.sub("", m.group(1))
        return float(f"{whole}.{m.group(4)}") if m.group(4) else float(whole)
    return to_float(text, thousands=False)


# every anchor of the scans below, and all their alternatives in one pattern: one scan of it at
# the union's hits finds something whenever one of the three scans would (each alternative starts
# with an anchor of its own scan, all in the union), so the three run only then (a few listings)
_ANY_CONDITION = tuple(dict.fromkeys(a for group in _CONDITION_ANCHORS.values() for a in group))
_ANY_CONDITION_PATTERN = re.compile("|".join(f"(?:{p.pattern})" for _, p in _CONDITION), re.IGNORECASE)


def condition(ctx: Context) -> None:
    """New, used or refurbished, only when the text says so."""
    # the anchored scans are cheap; the keyword gate (many substring searches) is only asked
    # when one of them found something, which gives the same result as asking it first
    if not scan(ctx, _ANY_CONDITION_PATTERN, _ANY_CONDITION):
        return
    found = [(name, m) for name, pattern in _CONDITION for m in scan(ctx, pattern, _CONDITION_ANCHORS[name])]
    if not found or not ctx.mentions(*_CONDITION_KEYS):
        return
    for name, m in found:
        ctx.add("condition", name, m.start(), m.end(), LABELLED if m.start() < ctx.title_end else PROSE)
