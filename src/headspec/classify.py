"""Listing classification: is a marketplace listing a headphone, an accessory, or something else?

`classify(title, raw_text=None)` returns a `Classification` with `label` in
{"headphone", "accessory", "not-headphone"} and a `reason` a person can check.

How it decides
--------------
The title is read for *product nouns* — the words that say what is being sold —
and the first one that names the product (not a feature, not a host device)
decides:

* headphone nouns: headphones, headset, earphones, earbuds, earpiece, IEM,
  neckband, "bone conduction", AirPods/EarPods/"...Buds"/"...Pods" model names;
  Russian гарнитура, наушники, вкладыши;
* accessory nouns: ear pads, cushions, ear tips, ear hooks, cables, adapters,
  splitters, cases, covers, stands, hangers, holders, batteries, chargers,
  headphone amplifiers; Russian амбушюры, насадки, чехол, кабель, переходник,
  подставка, усилитель; compounds such as "headphone stand", "AirPods Pro case",
  "headphone amp" are accessories even though they contain a headphone noun;
* not-headphone nouns: speakers, phones and telephones, players (DVD, MP3, CD),
  radios, docking stations, radar detectors, car kits, TVs, watches, DAC dongles,
  microphones sold alone, intercoms, helmets, beanies/hats, sleep masks;
  Russian колонка, акустика, телефон, смартфон, плеер, ЦАП.

An accessory noun after "with", "w/", "includes", "+" ("earbuds with charging
case", "headphones w/ detachable cable") is a feature, not the product; a noun
after "for", "compatible with", "fits", "для" ("ear pads for Sony WH-1000XM4
headphones") names the host device, not the product; "headphone jack/output/port"
is a feature of whatever is sold ("portable DVD player with headphone jack").
"Replacement" with an accessory noun anywhere makes an accessory. A title that
names no product noun at all ("Beats Solo4", "Sony WH-1000XM4") is taken as the
headphone itself — the feed is a headphone category — unless `raw_text` names
something else.

Edge cases, decided on purpose
------------------------------
* Helmet speakers and motorcycle intercom headsets: **not-headphone**, wherever
  "helmet", "motorcycle" or "intercom" appears. They are fitted inside a helmet,
  sold and compared with helmet communicators, and have no headphone specs a
  buyer could use.
* Sleep headbands ("Sleep Headphones Bluetooth Headband"): **headphone** — a pair
  of thin drivers in a band is a headphone worn differently. A title that names a
  *sleep/eye mask* anywhere ("Sleep Mask with Bluetooth Headphones", "Sleep
  Headphones ... Sleep Mask") is **not-headphone**, like the Bluetooth beanie hat:
  the garment is the product.
* Hearing-protection earmuffs: passive ones (NRR, "hearing protection", "ear
  defenders") are **not-headphone**; earmuffs with Bluetooth, a radio or an
  audio input play sound and are **headphone**.
* Mono call headsets (Plantronics Voyager, Jabra BT2070, office/call-centre
  headsets, trucker headsets): **headphone** — a one-ear headphone with a mic.
* "For iPhone" / "for AirPods Pro" compatibles: a product that is itself a
  headphone ("Earbuds for iPhone", "Wired Earphones for iPhone [MFi]") is a
  **headphone** (and `headspec.identity` flags it `compatible`, so it never
  merges into the genuine model); ear tips, hooks, cases and chargers for AirPods
  are **accessory**.
* Headphone amplifiers and DAC/amps sold as headphone amplifiers: **accessory**;
  a DAC, a USB dongle, or a headphone adapter that is a DAC dongle, without "amp"
  in its name: **not-headphone**. A plain "USB-C to 3.5 mm adapter" is an
  **accessory**.
* Phones, players and game controllers named by model ("Google Pixel 7a",
  "iPhone 15 Pro", "Galaxy S23") are **not-headphone** unless they follow "for".
* Wireless IEM receivers/transmitters sold alone: **accessory**.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

__all__ = ["LABELS", "Classification", "classify"]

LABELS = ("headphone", "accessory", "not-headphone")


class Classification(BaseModel):
    """What a listing sells, and why we think so."""

    model_config = ConfigDict(frozen=True)

    label: str
    reason: str


_HP = (
    r"head-?phones?|head-?sets?|ear-?phones?|ear-?buds?|ear\s+buds?|ear-?pieces?|earsets?|"
    r"in-?ear\s+monitors?|iems?|neck-?bands?|bone\s+conduction|air-?pods?|earpods|[a-z]*buds\d*|"
    r"[a-z]+pods|гарнитур[аы]|наушник\w*|вкладыш\w*|кап[еа]л\w*"
)
_ACC = (
    r"ear\s*-?pads?|ear\s*-?cushions?|cushions?|ear\s*-?tips?|eartips?|(?:silicone|foam|memory\s+foam)\s+tips?|"
    r"tips|ear\s*-?hooks?|ear\s*-?wings?|ear\s*-?fins?|cables?|cords?|extension|adapters?|adaptors?|"
    r"splitters?|converters?|cases?|covers?|skins?|pouch(?:es)?|bags?|stands?|hangers?|holders?|hooks?|"
    r"mounts?|batteries|battery|chargers?|charging\s+(?:dock|station|cable|case)|sleeves?|straps?|lanyards?|"
    r"headband\s+(?:cover|cushion|pad)s?|replacement\s+parts?|amplifiers?|amps?|transmitters?|receivers?|"
    r"dongle\s+amp|ear\s*-?cups?|earmuff\s+covers?|"
    r"амбушюр\w*|насадк\w*|накладк\w*|чех[оа]л\w*|кейс\w*|кабел\w*|провод\b|переходник\w*|адаптер\w*|"
    r"подставк\w*|держател\w*|аккумулятор\w*|зарядн\w*|усилител\w*"
)
_NOT = (
    r"speakers?|speakerphones?|sound\s*bars?|soundbars?|subwoofers?|(?:corded|cordless|cell|mobile|smart|"
    r"desk|office|basic|2-line|landline)?\s*(?:tele)?phones?|telephones?|smartphones?|handsets?|"
    r"(?:dvd|cd|mp3|mp4|media|music|blu-?ray|cassette)\s+players?|players?|radios?|walkie|two-way|"
    r"docking\s+(?:station|kit)s?|dock|radar|detectors?|car\s+kits?|televisions?|tvs?|smart\s*watch\w*|"
    r"watch(?:es)?|tablets?|laptops?|keyboards?|mouse|mice|webcams?|microphones?|mics?|dacs?|dongles?|"
    r"intercoms?|helmets?|motorcycle|beanies?|hats?|caps?|sleep\s+masks?|eye\s+masks?|masks?|"
    r"power\s*banks?|pixel\s+\d+[a-z]?(?:\s+pro)?(?!\s*buds)|iphone\s+\d+(?:\s+pro)?(?:\s+max)?|"
    r"galaxy\s+(?:s|a|z\s*(?:flip|fold)|note)\s*\d+\w*|projectors?|cameras?|drones?|toys?|extenders?|boosters?|routers?|modems?|"
    r"fitness\s+trackers?|controllers?|consoles?|gamepads?|joysticks?|гарнитура\s+для\s+рации|колонк\w*|акустик\w*|"
    r"телефон\w*|смартфон\w*|плеер\w*|цап\b|магнитол\w*|час(?:ы|ов)\b|радио\w*|микрофон\w*"
)
_PROT = (r"ear\s*-?muffs?|hearing\s+protect\w*|ear\s+defenders?|nrr\b|noise\s+reduction\s+rating|"
         r"ear\s*-?plugs?|беруши|шумозащит\w*")
_FORM = r"(?:on|over|in|open)[- ](?:the[- ])?ear|around[- ]ear|накладн\w*|полноразмерн\w*|внутриканальн\w*"
# features and parts of other products that are not products
_NEUTRAL = (
    r"head-?phones?\s+(?:jack|output|out|port|socket|input|amp(?:lifier)?\s+output|connector|plug)s?|"
    r"head-?set\s+(?:jack|port|connector)s?|monster\s+cable|mic(?:rophone)?\s+(?:jack|input)|"
    r"(?:3\.5|6\.35|2\.5)\s*mm\s+(?:jack|plug|cable|cord|adapter)|cable[- ]free|"
    r"tangle[- ]free\s+(?:cable|cord)|battery\s+(?:life|backup|indicator|level|display)|"
    r"\d+\s*(?:h|hrs?|hours?|mah)?\+?\s*(?:of\s+)?(?:battery|playback|playtime)|"
    r"detachable\s+(?:cable|cord|mic(?:rophone)?)s?|"
    r"magsafe\s+case|"
    r"mic(?:rophone)?\s+mute|(?:boom|noise[- ]cancel+ing|built-?in|dual|enc|hd|inline|in-line|clear)\s+"
    r"mic(?:rophone)?s?|speakers?\s+(?:driver|unit)s?|hd\s+(?:stereo\s+)?speakers?|thin\s+speakers?|"
    r"ultra-thin\s+(?:hd\s+)?(?:stereo\s+)?speakers?|(?:stereo|built-?in)\s+speakers?"
)
# "headphone case", "AirPods Pro case", "headphone amp": accessories though they hold a headphone noun
_COMPOUND = (
    r"(?:head-?phones?|head-?sets?|ear-?phones?|ear-?buds?|air-?pods?(?:\s+(?:pro|max))?(?:\s+\d)?"
    r"(?:\s+(?:\d(?:st|nd|rd|th)\s+gen(?:eration)?))?|gaming\s+headset)\s+"
    r"(?!charging\b|magsafe\b|wireless\s+charging\b)"
    r"(?:protective\s+|hard\s+|silicone\s+|carrying\s+)?"
    r"(?:case|cover|stand|holder|hanger|hook|mount|amp|amplifier|cable|cord|adapter|adaptor|splitter|"
    r"extension|pads?|cushions?|earpads?|tips|eartips|skin|pouch|bag|sleeve|strap|charger|battery|"
    r"replacement|repair|headband\s+cover)s?"
)
_NOUN_PATTERN = (
    rf"(?<![\w-])(?:(?P<neutral>{_NEUTRAL})|(?P<compound>{_COMPOUND})|(?P<prot>{_PROT})|(?P<acc>{_ACC})|"
    rf"(?P<not>{_NOT})|(?P<hp>{_HP})|(?P<form>{_FORM}))(?![\w])"
)
# matched on lower-cased text: three times faster than IGNORECASE; the flagged form is the fallback
# for the rare text whose lower-casing changes its length
_NOUN_RE = re.compile(_NOUN_PATTERN)
_NOUN_RE_ANYCASE = re.compile(_NOUN_PATTERN, re.IGNORECASE)
_BREAK_RE = re.compile(r"[,;|()\[\]【】:]|\s[-–—]\s|[–—]")
_FEATURE_CUE = re.compile(
    r"\b(?:with|w/|includes?|including|included|incl\.?|comes\s+with|plus|and|&|\+|featuring|equipped\s+with|"
    r"в\s+комплекте|с|и)\s*(?:\w+[\s-]+){0,4}$|\bw/\s*(?:\w+[\s-]+){0,4}$|\+\s*(?:\w+[\s-]+){0,3}$",
    re.IGNORECASE,
)
_HOST_CUE = re.compile(
    r"\b(?:for|compatible\s+with|compatible|fits|designed\s+for|made\s+for|works\s+with|replacement\s+for|"
    r"для|совместим\w*\s+с|под)\b",
    re.IGNORECASE,
)
_REPLACEMENT = re.compile(r"\b(?:replacement|replace|spare|запасн\w*|сменн\w*)\b", re.IGNORECASE)
_AUDIO_CUE = re.compile(r"\b(?:bluetooth|radio|am/fm|fm|wireless|aux|audio|music|headphones?|stereo)\b",
                        re.IGNORECASE)
_AMP_CUE = re.compile(r"\b(?:amp|amps|amplifier|amplifiers|усилител\w*)\b", re.IGNORECASE)
_DONGLE_CUE = re.compile(r"\bdongles?\b", re.IGNORECASE)
_SIZE_CUE = re.compile(r"\b(?:size\s+(?:xs|ss|s|ms|m|ml|l)\b|\d\s+pairs?\b|s/m/l)", re.IGNORECASE)
_LEAD_RU = re.compile(r"^\s*(?:гарнитура|наушники|наушник)\b", re.IGNORECASE)
_HELMET = re.compile(
    r"\b(?:helmet|motorcycle|motorbike|intercom|(?:мото)?шлем\w*|мотогарнитур\w*|интерком\w*)\b",
    re.IGNORECASE)
_GARMENT = re.compile(r"(?:sleep\s+|eye\s+)?masks?|beanies?|hats?|caps?|helmets?", re.IGNORECASE)
_MASK = re.compile(r"(?:sleep(?:ing)?\s+|eye\s+)masks?|beanies?(?:\s+hats?)?", re.IGNORECASE)
_MONO = re.compile(
    r"\b(?:mono|single[- ]ear|one[- ]ear|earpiece|trucker|call\s+cent(?:er|re)|office\s+headset|"
    r"hands[- ]free\s+headset)\b", re.IGNORECASE)
_CHARGING_CASE = re.compile(r"charging\s+case", re.IGNORECASE)
_DAC_CUE = re.compile(r"\b(?:dac|dongle)s?\b", re.IGNORECASE)
_HEADSET_AFTER = re.compile(r"\b(?:head-?sets?|head-?phones?|гарнитур\w*|наушник\w*)\b", re.IGNORECASE)
# device words a headphone's own description uses ("phone calls", "dust into the speaker")
_BODY_WEAK = re.compile(r"(?:(?:\w+\s+)?(?:tele)?phones?|smartphones?|radios?|speakers?|mics?|microphones?|"
                        r"tablets?|laptops?|tvs?|watch(?:es)?|players?|dacs?|телефон\w*|смартфон\w*)",
                        re.IGNORECASE)
_MODEL_NOUN = re.compile(r"air-?pods?|earpods|(?!ear)[a-z]*buds\d*|[a-z]+pods", re.IGNORECASE)
_RECEIVER_ONLY = re.compile(r"\b(?:only\s+(?:receiver|transmitter)|(?:receiver|transmitter)\s+only|"
                            r"in-?ear\s+monitor\s+system)\b", re.IGNORECASE)
_MIC = re.compile(r"mics?|microphones?|микрофон\w*", re.IGNORECASE)


def _clause_before(text: str, start: int) -> str:
    lo = max(0, start - 80)
    before = text[lo:start]
    cut = 0
    for m in _BREAK_RE.finditer(before):
        cut = m.end()
    return before[cut:]


def _nouns(text: str) -> list[tuple[str, str, int]]:
    """(kind, noun, start) of the product nouns that name what is sold, in title order."""
    found: list[tuple[str, str, int]] = []
    hosted: list[tuple[str, str, int]] = []
    low = text.lower()
    matches = _NOUN_RE.finditer(low) if len(low) == len(text) else _NOUN_RE_ANYCASE.finditer(text)
    for m in matches:
        kind = m.lastgroup or ""
        if kind == "neutral":
            continue
        clause = _clause_before(text, m.start())
        if _HOST_CUE.search(clause):
            if kind in ("acc", "compound"):
                hosted.append((kind, text[m.start():m.end()], m.start()))
            continue  # "pads for Sony headphones": the host, not the product
        if kind == "acc" and _FEATURE_CUE.search(clause):
            continue  # "earbuds with charging case": a feature
        if kind == "not" and _FEATURE_CUE.search(clause):
            continue  # "headset with mic", "headband with thin speakers"
        found.append((kind, text[m.start():m.end()], m.start()))
    # "Compatible with AirPods Pro Ear Hooks": nothing named outside the host clause but a part
    return found if any(k != "form" for k, _, _ in found) else found + hosted


def _body_nouns(raw_text: str) -> list[tuple[str, str, int]]:
    """Product nouns of a listing body, for a title that names none ("XG-BTH09", "Sirius STILETTO 2").

    Spec labels ("Speaker: 10mm", "Battery capacity: 200mAh") name parts, not the product, so only
    the values are read; accessory words in a body are what comes in the box, so they are ignored.
    """
    lines = []
    for line in unicodedata.normalize("NFKC", raw_text[:600]).splitlines()[:12]:
        label, colon, value = line.partition(":")
        lines.append(value if colon and len(label) <= 40 else line)
    body = "\n".join(lines)
    return [(k, n, 10_000 + at) for k, n, at in _nouns(body)
            if k in ("hp", "prot", "compound") or (k == "not" and not _BODY_WEAK.fullmatch(n))]


@lru_cache(maxsize=8192)  # ~2.6 kB a title: keeps a million-listing ingest small
def classify(title: str, raw_text: str | None = None) -> Classification:
    """Headphone, accessory or not-headphone, with the reason.

    >>> classify("Replacement Ear Pads for Sony WH-1000XM4 Headphones").label
    'accessory'
    """
    text = unicodedata.normalize("NFKC", (title or "")[:600]).strip()
    if not text and raw_text:
        text = unicodedata.normalize("NFKC", raw_text.split("\n", 1)[0]).strip()
    if _HELMET.search(text):
        return Classification(label="not-headphone",
                              reason="helmet speakers / motorcycle intercom, not a headphone")
    if _LEAD_RU.match(text):
        return Classification(label="headphone", reason=f"the retailer's category word leads the title "
                                                        f"({text.split()[0]!r})")
    nouns = _nouns(text)
    if _REPLACEMENT.search(text):
        for kind, noun, _ in nouns:
            if kind in ("acc", "compound"):
                return Classification(label="accessory", reason=f"a replacement part: {noun!r}")
    garment = next((n for n in nouns if n[0] == "not" and _MASK.fullmatch(n[1])), None)
    if garment is not None:
        return Classification(label="not-headphone",
                              reason=f"a {garment[1].strip()!r} with speakers: the garment is the product")
    if not any(k != "form" for k, _, _ in nouns) and raw_text and not _SIZE_CUE.search(text):
        nouns = nouns + _body_nouns(raw_text)
    if _RECEIVER_ONLY.search(text):
        return Classification(label="accessory", reason="a wireless receiver/transmitter sold for headphones")
    forms = [n for n in nouns if n[0] == "form"]
    nouns = [n for n in nouns if n[0] != "form"]
    if not nouns:
        if forms:
            return Classification(label="headphone", reason=f"described as {forms[0][1]!r} and no other "
                                                            "product")
        if _SIZE_CUE.search(text):
            return Classification(label="accessory", reason="sold in sizes or pairs with no headphone noun "
                                                            "(ear tips)")
        return Classification(label="headphone",
                              reason="names a model and no other product; taken as the headphone itself")
    kind, noun, start = nouns[0]
    later_hp = [n for n in nouns[1:] if n[0] == "hp"]
    # a noun used as a modifier of a headphone noun right after it: "Cable Earphones", "TV Headphones"
    if kind in ("acc", "not", "prot") and later_hp and not _GARMENT.fullmatch(noun):
        gap = text[start + len(noun):later_hp[0][2]]
        if len(gap.split()) <= 2 and not _BREAK_RE.search(gap) and not _HOST_CUE.search(gap):
            kind, noun, start = later_hp[0]
    # an accessory word before the headphone noun is a feature ("40Hrs Battery, ..., Headphones")
    if kind == "acc" and later_hp and not _AMP_CUE.fullmatch(noun):
        kind, noun, start = later_hp[0]
    # a model name followed by an accessory noun: "Galaxy Buds2 Pro ... Eartips", "AirPods Pro Case"
    if kind == "hp" and _MODEL_NOUN.fullmatch(noun):
        acc = next((n for n in nouns[1:] if n[0] in ("acc", "compound")
                    and (not _CHARGING_CASE.search(n[1]) or _REPLACEMENT.search(text))), None)
        if acc is not None and not any(n[0] == "hp" and not _MODEL_NOUN.fullmatch(n[1]) and n[2] < acc[2]
                                       for n in nouns[1:]):
            return Classification(label="accessory", reason=f"a {acc[1]!r} for {noun!r}")
    if kind == "not" and _MIC.fullmatch(noun):
        if later_hp or forms:
            return Classification(label="headphone", reason="a headset with a microphone")
        if _HOST_CUE.search(text[start:]) and _HEADSET_AFTER.search(text[start:]):
            return Classification(label="accessory", reason="a microphone made for a headset")
    if kind == "hp":
        if _MONO.search(text):
            return Classification(label="headphone", reason=f"a headset ({noun!r}); mono call headsets count "
                                                            "as headphones")
        return Classification(label="headphone", reason=f"the product noun is {noun!r}")
    if kind == "compound":
        return Classification(label="accessory", reason=f"a headphone accessory: {noun!r}")
    if kind == "prot":
        if _AUDIO_CUE.search(text):
            return Classification(label="headphone",
                                  reason=f"{noun!r} that play audio (Bluetooth/radio/input) are headphones")
        return Classification(label="not-headphone", reason=f"passive hearing protection ({noun!r})")
    if kind == "acc":
        low = noun.lower()
        if re.fullmatch(r"adapt[eo]rs?|converters?", low) and _DAC_CUE.search(text):
            return Classification(label="not-headphone", reason="a DAC dongle / adapter, not a headphone")
        if _AMP_CUE.fullmatch(low) and _DONGLE_CUE.search(text):
            return Classification(label="not-headphone", reason="a DAC/amp dongle, not a headphone")
        return Classification(label="accessory", reason=f"a headphone accessory: {noun!r}")
    # not-headphone nouns
    low = noun.lower()
    if re.fullmatch(r"dacs?", low) and _AMP_CUE.search(text) and not _DONGLE_CUE.search(text):
        return Classification(label="accessory", reason="a DAC/headphone amplifier sold for headphones")
    return Classification(label="not-headphone", reason=f"the product is a {noun.strip()!r}")
