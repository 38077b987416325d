"""Spec-sheet labels in English, German, French, Italian and Russian, with OEM typos.

Each label family maps to a regular expression matched case-insensitively at
the start of a labelled line or cell ("Impedance:", "Impédance", "Сопротивление",
"Drivr unit"). `MIC_CONTEXT` marks labels that describe the microphone, whose
sensitivity and frequency range are not the headphone's.
"""

from __future__ import annotations

import re

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

# one label at the start of a segment, then ":" / "：" / "=" / tab / 2+ spaces / "-" before the value
LABEL_RE = re.compile(
    r"^[\s\-*•·◼▪►➤✓✔\[\(]*(?:"
    + "|".join(f"(?P<{name}>{LABELS[name]})" for name in _ORDER)
    + r")[\s\]\)]*(?:\([^)\n]{0,30}\))?\s*(?::+|=|\t|\s{2,}|\s-\s|$|(?<=\s)(?=[<>~±]?\d))",
    re.IGNORECASE,
)

# the same, run on lower-cased text: a case-sensitive alternation is about twice as fast
_LABEL_LOWER = re.compile(LABEL_RE.pattern)


def label_family(segment: str) -> tuple[str, int] | None:
    """The label family a segment starts with and where its value begins, or None."""
    low = segment.lower()
    m = _LABEL_LOWER.match(low) if len(low) == len(segment) else LABEL_RE.match(segment)
    if m is None or m.lastgroup is None:
        return None
    return m.lastgroup, m.end()
