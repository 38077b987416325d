"""Spec-sheet labels in English, German, French, Italian and Russian, with OEM typos.

Each label family maps to a regular expression matched case-insensitively at
the start of a labelled line or cell ("Impedance:", "Impédance", "Сопротивление",
"Drivr unit"). `MIC_CONTEXT` marks labels that describe the microphone, whose
sensitivity and frequency range are not the headphone's.
"""

from __future__ import annotations

import re
from typing import Any

try:  # re's own parser (private): the parsed form of a pattern tells which characters start it
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - without it every segment tries every label family
    _c = _parser = None

__all__ = ["LABELS", "LABEL_RE", "MIC_CONTEXT", "label_family"]

LABELS: dict[str, str] = {
    "impedance": r"(?:nominal\s+|rated\s+)?(?:imp[ea]n?d[ae]n[cz]e?|impe?dance|imdepance|impepance|impedenza|"
                 r"imp[ée]dance|impedanz|impedância|impedancia|(?:electrical\s+)?resistance|widerstand|"
                 r"(?:входное\s+|номинальное\s+)?(?:сопротивление|импеданс))",
    "sensitivity": r"(?:(?:speaker|headphones?|driver)\s+)?(?:sensi?tivi?ty|sensibilit[éeà]|sensibilidad|"
                   r"empfindlichkeit|kennschalldruck(?:pegel)?|schalldruckpegel|spl|s\.p\.l\.?|efficiency|"
                   r"(?:уровень\s+)?чувствительн\w*|звуковое\s+давление|"
                   r"(?:niveau\s+de\s+)?pression\s+acoustique(?:\s+\(spl\))?|livello\s+di\s+pressione\s+sonora|"
                   r"pressione\s+sonora)",
    "frequency": r"(?:(?:speaker|headphones?|driver|audio)\s+)?(?:frequency(?:\s+(?:response|range|band))?|"
                 r"freq(?:uency|\.)?\s*(?:resp(?:onse)?|range)?|response|"
                 r"frequenz(?:gang|bereich)|übertragungsbereich|r[ée]ponse\s+en\s+fr[ée]quence|"
                 r"bande\s+passante|risposta\s+in\s+frequenza|gamma\s+di\s+frequenza|"
                 r"(?:диапазон\s+(?:воспроизводимых\s+)?частот|частотный\s+диапазон|"
                 r"амплитудно-частотная\s+характеристика|ачх|частоты?))",
    "thd": r"(?:thd(?:\+n)?|t\.h\.d\.?|total\s+harmonic\s+distortion|(?:harmonic\s+)?distortion|"
           r"klirrfaktor|verzerrung(?:en)?|distorsion(?:\s+harmonique)?|distorsione(?:\s+armonica)?|"
           r"кни|коэффициент\s+(?:нелинейных\s+искажений|гармоник)|искажения)",
    "driver": r"(?:drive?r?s?(?:\s+(?:unit|size|diameter|type|units))?|drivr(?:\s+unit)?|driver\s+unit|"
              r"(?:loud\s*)?speaker(?:\s+(?:size|unit|diameter|driver))?|speaker\s+dimension|"
              r"transducer(?:\s+type)?|unit(?:\s+size)?|horn(?:\s+(?:size|unit|diameter))?|treiber(?:größe|einheit)?|wandler|"
              r"haut-parleurs?|transducteurs?|altoparlant[ei]|trasduttor[ei]|"
              r"(?:размер\s+|диаметр\s+)?(?:динамик\w*|излучател\w*|драйвер\w*|мембран\w*)|"
              r"тип\s+(?:излучател\w*|динамик\w*|драйвер\w*)|acoustic\s+design|wandlerprinzip|treiberprinzip|"
              r"arbeitsprinzip|diam[eè]tr[oe](?:\s+(?:del\s+|du\s+)?(?:driver|haut-parleur|transducteur))?|"
              r"principe\s+(?:du\s+)?transducteur)",
    "weight": r"(?:(?:net\s+|item\s+|product\s+)?(?:weight|weigth|wieght)|weigh(?:s|t)|gewicht|poids|peso|"
              r"вес|масса)",
    "battery": r"(?:play(?:ing|back)?\s*time|music\s+(?:play\s*)?time|working\s+time|battery(?:\s+life)?|"
               r"listening\s+time|usage\s+time|operating\s+time|akkulaufzeit|wiedergabezeit|"
               r"autonomie|autonomia|время\s+(?:работы|воспроизведения)|"
               r"автономн\w*(?:\s+работ\w*)?)",
    "talk": r"(?:talk(?:ing)?\s*time|call\s+time|время\s+разговора|sprechzeit)",
    "standby": r"(?:stand-?by(?:\s+time)?|standy-?by(?:\s+time)?|время\s+ожидания)",
    "charging": r"(?:charg(?:e|ing)\s+time|время\s+зарядки|ladezeit|temps\s+de\s+charge)",
    "battery_capacity": r"(?:battery\s+(?:capacity|type)|ёмкость\s+аккумулятора|емкость\s+аккумулятора)",
    "bluetooth": r"(?:bluetooth(?:\s+(?:version|chip|standard))?|bt(?:\s+version)?|"
                 r"версия\s+bluetooth|wireless\s+(?:version|standard))",
    "codecs": r"(?:(?:supported\s+|audio\s+)?codecs?|кодеки|(?:bluetooth\s+)?protocols?|профили)",
    "form": r"(?:form\s+factor|type|style|wearing\s+(?:style|type)|bauform|tragestil|конструкция|"
            r"тип\s+(?:наушников|крепления|конструкции))",
    "back": r"(?:back|acoustic\s+(?:design|type)|акустическое\s+оформление|bauweise)",
    "anc": r"(?:anc|active\s+noise\s+cancel\w*|noise\s+cancel\w*|шумоподавление)",
    "price": r"(?:price|цена|preis|prix|prezzo)",
    "condition": r"(?:condition|состояние|zustand|état)",
    "model": r"(?:model(?:\s+(?:name|number|no\.?))?|модель|modell|modèle|modello)",
    "brand": r"(?:brand|manufacturer|бренд|производитель|marke|hersteller|marque|marca)",
    "mic": r"(?:mic(?:rophone)?(?:\s+\w+)?|микрофон\w*|mikrofon\w*|microfono|microphone)",
    "power": r"(?:(?:max(?:imum)?\.?\s+|rated\s+|nominal\s+)?(?:input\s+)?power"
             r"(?:\s+(?:rating|handling|input))?|"
             r"мощность|belastbarkeit|puissance|potenza)",
    "snr": r"(?:s/?n(?:\s+ratio)?|snr|signal[\s-]+to[\s-]+noise(?:\s+ratio)?)",
}

MIC_CONTEXT = re.compile(r"\b(?:mic|microphone|mikrofon)\w*|микрофон", re.IGNORECASE)

_ORDER = ["mic", "talk", "standby", "charging", "battery_capacity", "power", "snr", "impedance",
          "sensitivity", "thd", "frequency", "driver", "weight", "battery", "bluetooth", "codecs",
          "anc", "price", "condition", "model", "brand", "back", "form"]

_LEAD = "-*•·◼▪►➤✓✔[("  # with white space, what may come before a label (bullets, brackets)
_HEAD = rf"^[\s{re.escape(_LEAD)}]*(?:"
_TAIL = r")[\s\]\)]*(?:\([^)\n]{0,30}\))?\s*(?::+|=|\t|\s{2,}|\s-\s|$|(?<=\s)(?=[<>~±]?\d))"


def _label_pattern(families: list[str]) -> str:
    return _HEAD + "|".join(f"(?P<{name}>{LABELS[name]})" for name in families) + _TAIL


# one label at the start of a segment, then ":" / "：" / "=" / tab / 2+ spaces / "-" before the value
LABEL_RE = re.compile(_label_pattern(_ORDER), re.IGNORECASE)


def _first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of a parsed regex can start with (None: any), and whether it can be empty."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            got, empty = {chr(av)}, False
        elif op is _c.IN:
            got, empty = set(), False
            for kind, arg in av:
                if kind is _c.LITERAL:
                    got.add(chr(arg))
                elif kind is _c.RANGE and arg[1] - arg[0] < 256:
                    got.update(map(chr, range(arg[0], arg[1] + 1)))
                else:  # a category (\s, \w), a negation or a wide range: any character
                    return None, False
        elif op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group without inline flags
            got, empty = _first_chars(av[3])
        elif op is _c.BRANCH:
            got, empty = set(), False
            for alternative in av[1]:
                one, one_empty = _first_chars(alternative)
                if one is None:
                    return None, False
                got |= one
                empty = empty or one_empty
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            got, empty = _first_chars(av[2])
            empty = empty or av[0] == 0
        elif op is _c.AT:  # an anchor (^, \b) takes no character
            got, empty = set(), True
        else:  # anything else (a lookaround, ".") is not worth reading: any character
            return None, False
        if got is None:
            return None, False
        chars |= got
        if not empty:
            return chars, False
    return chars, True


def _families_by_first_char() -> dict[str, tuple[str, ...]] | None:
    """The label families that can start with each character, in `_ORDER`; None when unsure.

    A label starts right after the leading white space and bullets, since no label starts with
    one of those; so only the families that can start with that character need trying, and the
    others, which cannot match, leave the result of the alternation unchanged.
    """
    if _parser is None:
        return None
    try:
        firsts = {name: _first_chars(_parser.parse(LABELS[name]).data) for name in _ORDER}
    except (AttributeError, TypeError, ValueError):  # pragma: no cover - re's parse tree changed shape
        return None
    by_char: dict[str, list[str]] = {}
    for name in _ORDER:
        first, empty = firsts[name]
        if first is None or empty or any(ch.isspace() or ch in _LEAD for ch in first):
            return None
        for ch in first:
            by_char.setdefault(ch, []).append(name)
    return {ch: tuple(names) for ch, names in by_char.items()}


_BY_FIRST = _families_by_first_char()
# `LABEL_RE` without IGNORECASE for lower-cased text (a case-sensitive alternation is about twice
# as fast), by the families it holds; compiled on first use (all 40 take ~40 ms)
_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}
_BY_CHAR: dict[str, re.Pattern[str]] = {}  # first letter of a label -> the pattern of its families


def _label_start(low: str) -> str:
    """The character a label in `low` must start with: the first after white space and bullets, or ""."""
    at = 0
    while at < len(low) and (low[at].isspace() or low[at] in _LEAD):
        at += 1
    return low[at:at + 1]


def _pattern_for(first: str) -> re.Pattern[str] | None:
    """The lower-case label regex with only the families that can start with `first` (None: none can)."""
    families = tuple(_ORDER) if _BY_FIRST is None else _BY_FIRST.get(first)
    if families is None:
        return None  # "" too: `_families_by_first_char` found no family that can be empty
    pattern = _PATTERNS.get(families)
    if pattern is None:
        pattern = _PATTERNS[families] = re.compile(_label_pattern(list(families)))
    if _BY_FIRST is not None:
        _BY_CHAR[first] = pattern
    return pattern


def label_family(segment: str) -> tuple[str, int] | None:
    """The label family a segment starts with and where its value begins, or None."""
    low = segment.lower()
    if len(low) == len(segment):
        first = low[:1]
        if not first or first.isspace() or first in _LEAD:
            first = _label_start(low)
        pattern = _BY_CHAR.get(first) or _pattern_for(first)
        m = None if pattern is None else pattern.match(low)
    else:
        m = LABEL_RE.match(segment)
    if m is None or m.lastgroup is None:
        return None
    return m.lastgroup, m.end()
