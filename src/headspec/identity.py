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
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

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


# ---------------------------------------------------------------------------------------------
# vocabularies

_COLOURS_EN = (
    "black", "white", "red", "blue", "green", "yellow", "pink", "purple", "violet", "orange", "brown",
    "grey", "gray", "silver", "gold", "beige", "navy", "teal", "turquoise", "ivory", "cream", "graphite",
    "charcoal", "midnight", "champagne", "bronze", "copper", "rose", "coral", "mint", "olive", "lavender",
    "lilac", "sand", "stone", "titanium", "onyx", "pearl", "platinum", "cyan", "magenta", "indigo",
    "burgundy", "maroon", "khaki", "camo", "camouflage", "aqua", "sky", "lime", "peach", "blush", "slate",
    "smoke", "matte", "glossy", "metallic", "transparent", "clear", "starlight", "espresso", "tan", "jet",
    "carbon", "obsidian", "porcelain", "sandstone", "cobalt", "emerald", "ruby", "sapphire", "amber",
    "bk", "blk", "wht", "slv", "pnk", "grn", "gry", "nvy", "multicolor", "multicolour", "multi",
)
_COLOURS_RU_STEMS = (
    "черн", "бел", "красн", "син", "голуб", "зелен", "зелён", "желт", "жёлт", "розов", "фиолетов",
    "оранжев", "коричнев", "сер", "серебрист", "золот", "бежев", "бирюзов", "ментолов", "оливков",
    "бронзов", "графит", "лавандов", "бордов", "мятн", "песочн", "темно", "тёмно", "светло", "матов",
    "глянцев", "прозрачн", "слонов", "камуфляж", "хаки", "пурпурн", "лилов", "персиков", "кремов",
)
_RU_COLOUR_RE = re.compile(
    r"^(?:" + "|".join(_COLOURS_RU_STEMS) + r")[а-яё]*(?:-[а-яё]+)?$")

# words that describe a headphone but do not name a model; dropped from the key
_DESCRIPTORS = frozenset("""
wireless bluetooth bt wired corded cordless headphones headphone headset headsets earphones earphone
earbuds earbud earpiece earset earsets in-ear inear in over-ear overear over on-ear onear on the
around-ear open-ear open-back closed-back closed back semi-open semi open noise cancelling canceling
cancellation cancelation isolating isolation reduction reducing hybrid adaptive active passive stereo
mono hifi hi-fi hi-res hires high resolution fidelity audio sound bass deep extra powerful premium
professional pro-grade studio-quality monitor monitors monitoring dj gaming gamer game games sports sport
running workout gym kids kid children childrens toddler toddlers teens boys girls adults men women
foldable folding collapsible lightweight portable comfortable comfort fit clear call calls calling mic mics
microphone microphones with without w built-in builtin integrated detachable remote volume control
controls touch playtime playback battery hours hour hrs life charging charge fast quick rapid
waterproof water sweatproof sweat resistant dust proof ipx ip rating surround spatial dolby virtual
usb type-c usb-c typec lightning jack aux plug cable cord long tangle-free nylon braided
true truly tws neckband neck band earhook earhooks ear hook hooks clip clip-on sleep sleeping over-the-ear
and & + or of a an to for by new newest latest launch launched edition version model series upgraded
upgrade generation gen improved original genuine official authentic brand all-new
led rgb light lights lighting display power digital smart app multipoint multi-point dual pairing
pair connection connectivity low latency mode modes eq memory foam soft cushion cushions padded
ear pads earpads cups earcups cup case charging-case ultra-thin thin design
official retail package packaging box boxed noise-cancelling noise-canceling anc-enabled enc cvc
tv pc laptop computer phone phones cellphone smartphone tablet ipad iphone android ios mac xbox ps4 ps5
switch nintendo travel office home school work business class online zoom skype teams
headband head band over-head behind-the-neck vertical bud style stereo-headphones stereo-headset
earphones-with speaker speakers drivers driver dynamic neodymium balanced armature planar
hands-free handsfree hands inline in-line hd sensitive
гарнитура гарнитуры наушники наушник беспроводные беспроводная беспроводной проводные проводная
проводной накладные полноразмерные внутриканальные вкладыши вкладыш мониторные игровые игровая
спортивные детские с микрофоном микрофон шумоподавлением шумоподавление активным активное
мм usb type-c bluetooth jack разъем разъём черный
mfi certified certification bone conduction mask masks eye audiophile telephone corded basic
""".split())
# words that alone do not name a model
_WEAK_WORDS = frozenset("pro max plus lite mini ultra anc nc enc x s new se air neo evo".split())
# words that tell models apart even when everything else matches
_DISTINGUISHERS = frozenset("""
pro max plus lite mini ultra se neo air evo anc nc x s e fe slim go active
mk2 mk3 xl xs xr z v2 v3 le 2s 3s 4s 5s
""".split())
_CONDITION_RE = re.compile(
    r"\(?\b(?P<renewed>renewed(?:\s+premium)?|certified\s+renewed)\b\)?"
    r"|\(?\b(?P<refurb>refurbished|refurb|reconditioned|remanufactured)\b\)?"
    r"|\(?\b(?P<used>pre-owned|preowned|used|second[- ]hand)\b\)?"
    r"|\(?\b(?P<openbox>open[- ]box)\b\)?"
    r"|\(?(?P<ru_used>б/у|б\.у\.|бу\b)\)?"
    r"|\(?(?P<ru_refurb>восстановленн\w*|восст\.|уценк\w*|витринн\w*)\)?",
    re.IGNORECASE,
)
_PACK_RE = re.compile(
    r"\b(?:pack\s+of\s+(?P<n1>\d{1,3})"
    r"|(?P<n2>\d{1,3})\s*-?\s*(?:packs?|pcs|pieces|pairs?|count|ct|units?|шт\.?|штук\w*|пар\w*)\b"
    r"|(?P<word>dual|twin|double|triple|two|three|four|five)[- ]?pack\b"
    r"|bulk\s+(?P<n3>\d{1,3})\s+pack)",
    re.IGNORECASE,
)
_WORD_NUM = {"dual": 2, "twin": 2, "double": 2, "two": 2, "triple": 3, "three": 3, "four": 4, "five": 5}
_GEN_RE = re.compile(
    r"\(?\b(?:(?P<n1>\d{1,2})(?:st|nd|rd|th)\s+gen(?:eration|\.)?"
    r"|gen(?:eration)?\s*\.?\s*(?P<n2>\d{1,2})"
    r"|(?P<n3>\d{1,2})(?:st|nd|rd|th)-gen)\b\)?",
    re.IGNORECASE,
)
_REGION_RE = re.compile(
    r"\(?\b(?P<r>(?:international|global|us|usa|eu|uk|european|asian|asia|indian|india|japan|japanese|"
    r"chinese|china|cn|hk|korean?)\s+(?:version|edition|model|variant|import)"
    r"|import(?:ed)?\s+from\s+\w+|japan\s+import|intl\.?\s+version|ростест|евротест|eac|рст)\b\)?",
    re.IGNORECASE,
)
_BUNDLE_RE = re.compile(
    r"(?:\bwith\s+(?P<b1>applecare\+?[^,;|)]*|[^,;|()]*?\bbundle\b[^,;|)]*|free\s+[^,;|)]+)"
    r"|\+\s*(?P<b2>free\s+[^,;|)]+)"
    r"|\b(?P<b3>bundle|combo|gift\s+set|комплект\s+\w+))",
    re.IGNORECASE,
)
_COMPAT_RE = re.compile(
    r"\b(?:for|compatible\s+with|compatible\s+for|replacement\s+for|designed\s+for|fits|works\s+with|"
    r"made\s+for|для|совместим\w*\s+с)\s+(?:the\s+|new\s+|apple\s+|samsung\s+|sony\s+|bose\s+|"
    r"beats\s+|galaxy\s+)*(?P<target>airpods?|earpods|iphone|ipad|galaxy\s+buds|buds\d?|pixel\s+buds|"
    r"beats|powerbeats|bose|sony|wh-?1000xm\d|wf-?1000xm\d|jabra|sennheiser|quietcomfort|qc\s?\d+|"
    r"freebuds|airpods|аирподс|эирподс)",
    re.IGNORECASE,
)
_KNOCKOFF_RE = re.compile(
    r"\b(?:mfi[- ]certified|apple\s+mfi|1:1|replica|clone|copy\s+of|(?:airpods?|beats)[- ]style|lookalike|"
    r"look-alike|i\d{1,2}s?\s+tws|tws\s+i\d{1,2}|pro\s*max\s*tws|копия|реплика|люкс\s+копия)\b",
    re.IGNORECASE,
)
_FAMOUS = frozenset({"Apple", "Sony", "Bose", "Beats", "Samsung", "Sennheiser", "JBL", "Huawei", "Xiaomi"})

# clause breaks that end the head of a title
# clause breaks; written case by case instead of IGNORECASE, which is several times slower here
_BREAK_WORDS = ("with", "for", "featuring", "including", "includes", "compatible", "для")
_BREAK_RE = re.compile(
    r"[,;|:()\[\]【】{}、]|\s[-–—~]+(?:\s|(?=\w))|[–—]|\b[Ww]/|\bс\s|\b[Ww]orks?\s+[Ww]ith\b|\b(?:"
    + "|".join(f"{w}|{w.capitalize()}|{w.upper()}" for w in _BREAK_WORDS) + r")\b"
)
_OHM_RE = re.compile(r"(?<![\w.])(\d{2,3})\s*(?:ohms?|ω|ом)(?![\w])", re.IGNORECASE)
_SPEC_RE = re.compile(
    r"(?<![\w.])(?:v?\d+(?:[.,]\d+)?\s*(?:mm|мм|hours?|hrs|час\w*|mah|db|дб|hz|khz|гц|кгц|ghz|ms|ohms?|ω|ом|"
    r"bit|gb|%)(?![\w])"
    r"|(?<![-/])v?\d+(?:[.,]\d+)?(?:cm|m|ft|h|hr|ч|g|г|oz|w|mw|x)(?![\w])"
    r"|(?:bt|bluetooth)\s*v?\d(?:\.\d)?(?![\w])|v\d\.\d(?![\w])|\d+\.\d+(?:\s*ch)?(?![\w])|ipx\d|ip\d\d"
    r"|\d+\s*-?in-?1|\d{2,4}\s*(?:launch|model|edition)"
    r"|\d+(?:dd|ba|est|pzt)(?:\s*\+\s*\d+(?:dd|ba|est|pzt))*(?![\w])"
    r"|\d+\s*-?\s*mics?(?![\w])|\b(?:hands|tangle|wire|cable|cord|sweat|latency)[\s-]+free\b)",
    re.IGNORECASE,
)
_MAX_TITLE = 600  # a title longer than this is a description; its start names the model
_DIR_PREFIX_RE = re.compile(r"^\s*([^/]{1,30})/(?=\1\b)", re.IGNORECASE)
_SAMPLE_SUFFIX_RE = re.compile(r"_\d{1,3}\s*$|_[lr]\s*$", re.IGNORECASE)
_MADE_IN_RE = re.compile(r"\bmade\s+in\s+\w+", re.IGNORECASE)
_COLLAB_RE = re.compile(r"\s+x\s+(?=[A-Z])[\w-]+")  # "7Hz x Crinacle Zero": a collaboration credit
_NAME_SUFFIX_RE = re.compile(r"(?<=[A-Za-z0-9]):(?=[A-Z0-9]+\b)")  # "Zero:RED", "Zero:2": one model name
_BREAK_SPLIT_RE = re.compile("(" + _BREAK_RE.pattern + ")")
_SOFT_BREAK_RE = re.compile(r"[,;:()\[\]【】{}、|]+|[-–—~]+")
_TOKEN_RE = re.compile(r"[0-9A-Za-zÀ-ɏА-Яа-яЁё]+(?:['’.\-/&][0-9A-Za-zÀ-ɏА-Яа-яЁё]+)*\+*|\+|&")
_HAS_DIGIT = re.compile(r"\d")
_SUBWORD_RE = re.compile(r"[-./]")
_COLOUR_SPLIT_RE = re.compile(r"[\s/\-&,]+|\band\b")
_PUNCT_RE = re.compile(r"[-.'&/]")
_EARBUDS_RE = re.compile(r"\bear\s+buds\b", re.IGNORECASE)
_DEVICE_TARGET_RE = re.compile(r"iphone|ipad")
_JUNK_CODE_RE = re.compile(
    r"^(?:ps\d\w*|xbox\w*|usb\w*|typec|ipx?\d+|bt\d{1,2}|\d+(?:mm|h|hrs?|hz|khz|mah|db|ms|g|x|d|k)|h\d|w1|"
    r"qn\d\w*|k12|a2dp|5g|4g|3d|2d|\d{4}launch|mp[34]|sd|tf|nc\d|\d+in1|(?:19|20)\d\d)$")
_HAS_ALPHA = re.compile(r"[a-zа-яё]")
_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8"}
_CODE_COLOUR_SUFFIX = re.compile(
    r"(?<=[0-9a-z])(?:blk|black|bk|wht|white|wt|red|rd|blu|blue|pnk|pink|slv|silver|grn|green|gry|grey|"
    r"gray|gld|gold|nvy|navy|prp|purple|brn|beige)$")
_DASH_COLOUR_RE = re.compile(r"-(?:bk|blk|bl|blu|wh|wht|wt|cl|clr|rd|red|gr|grn|gy|gry|pk|pnk|sv|slv|gd)$")
_SLASH_SUFFIX = re.compile(r"/[0-9a-z]{1,6}$")
_DASH_LETTER_SUFFIX = re.compile(r"(?<=\d[a-z]{3})-[kwsabrp]$|(?<=\d)-[kwsabrp]$")
_LEAD_NOISE = re.compile(r"^(?:\s*(?:\d+\s*-?\s*packs?|new|brand\s+new|genuine|original|official|"
                         r"гарнитура|наушники|беспроводные|проводные|the)\b[\s,:-]*)+", re.IGNORECASE)
_HOMOGLYPHS = str.maketrans("аеорсухкмнвтАЕОРСУХКМНВТ", "aeopcyxkmhbtAEOPCYXKMHBT")
_CYR = re.compile(r"[а-яё]", re.IGNORECASE)
_LETTERS_RE = re.compile(r"[A-Za-z0-9А-Яа-яЁё]+")
_LAT = re.compile(r"[a-z]", re.IGNORECASE)

# brand spellings missing from the shared table (misspellings seen in listings) and sub-brands
_EXTRA_BRANDS = {
    "sennheisser": "Sennheiser", "sennhiser": "Sennheiser", "senhaiser": "Sennheiser",
    "sennheizer": "Sennheiser", "senheizer": "Sennheiser", "audio-technica": "Audio-Technica",
    "audiotechnika": "Audio-Technica", "skulcandy": "Skullcandy", "bose's": "Bose", "sonny": "Sony",
    "samsumg": "Samsung", "samsun": "Samsung", "jbl's": "JBL", "plantronic": "Plantronics",
    "beyerdinamic": "Beyerdynamic", "beoplay": "Bang & Olufsen", "xiomi": "Xiaomi", "xaomi": "Xiaomi",
    "huawey": "Huawei", "hauwei": "Huawei", "phillips": "Philips", "panasonik": "Panasonic",
    "logitec": "Logitech", "steelseries": "SteelSeries", "astro": "Astro", "haylou": "Haylou", "zmi": "ZMI",
    "ugreen": "UGREEN", "amazon basics": "Amazon Basics", "amazonbasics": "Amazon Basics",
    "noise": "Noise", "goboult": "Boult", "zebronics": "Zebronics", "sirius": "Sirius",
    "escort": "Escort", "toshiba": "Toshiba", "nokia": "Nokia", "google": "Google",
    "microsoft": "Microsoft", "pioneer": "Pioneer", "klipsch": "Klipsch", "jaybird": "Jaybird",
    "urbanears": "Urbanears", "marley": "House of Marley", "tagry": "TAGRY", "doqaus": "DOQAUS",
    "kvidio": "KVIDIO", "uliptz": "Uliptz", "lorelei": "Lorelei", "ailihen": "AILIHEN",
    "shokz": "Shokz", "jeecoo": "Jeecoo", "fifine": "FIFINE", "eksa": "EKSA", "picun": "Picun",
    "tuneflux": "TuneFlux", "runolim": "RUNOLIM", "zihnic": "ZIHNIC", "tuinyo": "TUINYO",
    "gabba": "Gabba Goods", "gabba goods": "Gabba Goods", "h2o audio": "H2O Audio",
    "prosonic": "Prosonic", "hammer": "HAMMER", "truke": "truke",
    "claw": "CLAW", "icall": "icall", "musicozy": "MUSICOZY", "perytong": "Perytong",
    "monodeal": "MONODEAL", "khptop": "Khptop", "winonly": "WINONLY", "asmrband": "ASMRBAND",
    "fulext": "Fulext", "bigpassport": "BigPassport", "ludos": "LUDOS",
    "cowin": "COWIN", "mpow": "Mpow", "bluedio": "Bluedio", "soundpeats": "SoundPEATS", "tozo": "TOZO",
    "at&t": "AT&T", "sennheiser's": "Sennheiser", "сонии": "Sony", "самсунг": "Samsung",
    "блюдио": "Bluedio", "сяоми": "Xiaomi", "хуавэй": "Huawei",
    "jawbone": "Jawbone", "aliph": "Jawbone", "monster": "Monster",
}
# model lines that name their maker when a title leaves the brand out
_LINE_BRAND = {
    "airpods": "Apple", "earpods": "Apple", "momentum": "Sennheiser", "quietcomfort": "Bose",
    "freebuds": "Huawei", "linkbuds": "Sony", "powerbeats": "Beats", "beoplay": "Bang & Olufsen",
    "jbuds": "JLab", "galaxy": "Samsung", "soundcore": "Soundcore", "airdots": "Xiaomi",
    "wh1000xm3": "Sony", "wh1000xm4": "Sony", "wh1000xm5": "Sony", "wh1000xm6": "Sony",
    "wf1000xm3": "Sony", "wf1000xm4": "Sony", "wf1000xm5": "Sony", "rockerz": "boAt", "airdopes": "boAt",
}
# model words Russian listings write in Cyrillic ("Эирподс Про" is "AirPods Pro")
_CYR_MODEL_WORDS = {
    "про": "pro", "макс": "max", "мини": "mini", "лайт": "lite", "плюс": "plus", "ультра": "ultra",
    "нео": "neo", "эйр": "air", "эир": "air", "аир": "air", "бадс": "buds", "бадз": "buds",
    "галакси": "galaxy", "эирподс": "airpods", "эйрподс": "airpods", "аирподс": "airpods",
    "эйрподз": "airpods", "фрибадс": "freebuds", "момнтум": "momentum", "моментум": "momentum",
    "куайткомфорт": "quietcomfort", "соло": "solo", "студио": "studio", "тюн": "tune", "лайв": "live",
    "элит": "elite", "вайб": "vibe", "флип": "flip", "рокерз": "rockerz", "либерти": "liberty",
}
# model-line abbreviations sellers use: Bose "QC45" is "QuietComfort 45"
_LINE_ABBREV = {"qc": ("Bose", "quietcomfort")}
_ABBREV_CODE_RE = re.compile(r"^(qc)(\d+\w*)$")
# brands that name the same maker for merging purposes
_BRAND_FAMILY = {"Soundcore": "Anker", "Haylou": "Xiaomi", "ZMI": "Xiaomi", "Redmi": "Xiaomi",
                 "Beoplay": "Bang & Olufsen", "AT&T": "Jawbone"}
# words that may be brands but, past the first position, are ordinary words
_WEAK_BRANDS = frozenset({"beats", "boat", "creative", "drop", "final", "nothing", "soul", "status", "poly",
                          "mi", "rog", "zeb", "austrian", "bowers", "ath", "noise", "hammer", "claw",
                          "escort", "monster", "astro", "sirius", "google", "microsoft"})


def _canonical(name: str) -> str | None:
    extra = _EXTRA_BRANDS.get(name)
    if extra is not None:
        return extra
    return _shared_canonical(name)


def _shared_canonical(name: str) -> str | None:
    try:
        from headspec.brands import canonical_brand
    except ImportError:  # pragma: no cover - the shared table is part of the package
        return None
    return canonical_brand(name)


@lru_cache(maxsize=8192)
def _brand_of(phrase: str) -> str | None:
    return _canonical(phrase)


def _family(brand: str | None) -> str | None:
    if brand is None:
        return None
    return _BRAND_FAMILY.get(brand, brand)


# ---------------------------------------------------------------------------------------------
# normalisation


def _fold(text: str) -> str:
    """NFKC (full-width, math-bold letters), unify dashes/quotes, fix Cyrillic look-alikes in Latin words."""
    text = unicodedata.normalize("NFKC", text)
    if _CYR.search(text) and _LAT.search(text):
        text = _LETTERS_RE.sub(_fix_homoglyphs, text)
    return text.replace("‐", "-").replace("‑", "-").replace("’", "'").replace("\u200b", "")


def _has_any(text: str, cues: tuple[str, ...]) -> bool:
    return any(c in text for c in cues)


_CONDITION_CUES = ("renew", "refurb", "recondition", "remanufact", "used", "owned", "second", "open",
                   "б/у", "б.у", "бу", "восст", "уцен", "витрин")
_PACK_CUES = ("pack", "pcs", "piece", "pair", "count", "ct", "unit", "шт", "пар")
_REGION_CUES = ("version", "edition", "model", "variant", "import", "intl", "ростест", "евротест", "eac",
                "рст")
_BUNDLE_CUES = ("with", "+", "bundle", "combo", "gift", "комплект")
_KNOCKOFF_CUES = ("mfi", "1:1", "replica", "clone", "copy", "style", "look", "tws", "копия", "реплика")
_COMPAT_CUES = ("for", "compatible", "fits", "works", "made", "для", "совмест")


def _fix_homoglyphs(m: re.Match[str]) -> str:
    word = m.group(0)
    if _LAT.search(word) and _CYR.search(word):
        return word.translate(_HOMOGLYPHS)
    return word


def _norm_code(raw: str) -> str:
    """'MDR-EX55/PNK' -> 'mdrex55'; 'TAH4205BK/00' -> 'tah4205'; 'RB-M700BGE-K' -> 'rbm700bge'."""
    code = raw.lower()
    code = _SLASH_SUFFIX.sub("", code) if _HAS_DIGIT.search(code.split("/")[0]) else code
    code = _DASH_LETTER_SUFFIX.sub("", code)
    if "-" in code and _HAS_DIGIT.search(code.rsplit("-", 1)[0]):
        code = _DASH_COLOUR_RE.sub("", code)  # "SE215-CL" is the clear SE215
    code = code.replace("-", "").replace(".", "").replace("/", "").replace("'", "")
    stripped = _CODE_COLOUR_SUFFIX.sub("", code)
    if stripped != code and _HAS_DIGIT.search(stripped) and len(stripped) >= 4:
        code = stripped
    if "-" in raw and len(code) >= 7 and code[-1] in "bw" and code[-2].isdigit() and code[0].isalpha():
        code = code[:-1]  # Panasonic one-letter colour suffix: KX-TS3282B, KX-TS3282W
    return code


def _is_colour(word: str) -> bool:
    if word in _COLOURS_SET:
        return True
    return not word.isascii() and _RU_COLOUR_RE.match(word) is not None


_COLOURS_SET = frozenset(_COLOURS_EN)
# words that make a colour only in front of one: "Space Grey", "Army Green", "Lunar Blue"
_COLOUR_MODIFIERS = frozenset("""space jet army navy sky baby dark light deep pale hot lunar arctic
ocean forest misty calm mid ice electric royal steel gun psyche summer preppy mod""".split())


def _is_code(token: str) -> bool:
    """A model code: letters and digits mixed ("wh1000xm4", "q30", "510bt") or 3+ digits ("920")."""
    if not _HAS_DIGIT.search(token):
        return False
    if _HAS_ALPHA.search(token):
        return len(token) >= 2
    return len(token) >= 3


class _Parsed:
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
    pieces = _BREAK_SPLIT_RE.split(text)
    out: list[tuple[str, bool]] = []
    joinable = True
    for k, piece in enumerate(pieces):
        if k % 2:
            joinable = _SOFT_BREAK_RE.fullmatch(piece.strip()) is not None or not piece.strip()
            continue
        if piece and piece.strip():
            out.append((piece, joinable))
    return out


@lru_cache(maxsize=1)
def _brand_first_words() -> frozenset[str] | None:
    """First words of every brand name and alias: a cheap gate before the phrase lookups."""
    try:
        from importlib import resources

        text = resources.files("headspec.data").joinpath("brands.csv").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):  # pragma: no cover - package data is always there
        return None
    words = {name.split()[0] for name in _EXTRA_BRANDS}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("canonical,"):
            continue
        fields = line.split(",")
        for name in [fields[0], *(fields[1].split("|") if len(fields) > 1 else [])]:
            if name.strip():
                words.add(name.strip().split()[0].lower())
    return frozenset(words)


def _find_brand_at(raw: list[str], i: int, first: bool) -> tuple[str, int] | None:
    n = len(raw)
    gate = _brand_first_words()
    if gate is not None and raw[i].lower() not in gate:
        return None
    for width in (3, 2, 1):
        if i + width <= n:
            phrase = " ".join(raw[i:i + width]).lower()
            b = _brand_of(phrase)
            if b is not None:
                if width == 1 and phrase in _WEAK_BRANDS and not (first and i == 0):
                    continue
                return b, width
    return None


def _scan(segment: str, out: _Parsed, *, first: bool) -> int:
    """Add the model tokens of one clause to `out`; return how many model tokens it added.

    Once the model has begun and a descriptor has been skipped, later words are description
    ("JBL Tune 770NC Wireless Over Ear ANC Headphones"): only tokens with digits, and
    qualifiers right after such a token ("Earphones 2 Pro"), still count.
    """
    added = 0
    raw = _TOKEN_RE.findall(segment)
    i = 0
    n = len(raw)
    while i < n:
        tok = raw[i]
        low = tok.lower()
        hit = _find_brand_at(raw, i, first)
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
        if _is_colour(low) or (low in _COLOUR_MODIFIERS and i + 1 < n and _is_colour(raw[i + 1].lower())):
            if out.colour is None:
                out.colour = low
            i += 1
            continue
        prefix_of_code = (i + 1 < n and raw[i + 1][:1].isdigit() and tok.isalpha() and tok.isupper()
                          and len(tok) <= 4)
        if not prefix_of_code and (low in _DESCRIPTORS or (
                ("-" in low or "." in low or "/" in low) and not _HAS_DIGIT.search(low)
                and all(p in _DESCRIPTORS or _is_colour(p) for p in _SUBWORD_RE.split(low) if p))):
            out.gap = out.gap or bool(out.tokens) and (out.brand is not None or len(out.tokens) >= 2)
            out.last_desc = low
            i += 1
            continue
        has_digit = _HAS_DIGIT.search(low) is not None or low in _ROMAN
        if out.gap and not has_digit and not (
                out.last_pos == i - 1 and (low in _WEAK_WORDS or low in _DISTINGUISHERS)):
            i += 1
            continue
        if has_digit and low not in _ROMAN:
            token = _norm_code(low)
            if not token or _JUNK_CODE_RE.match(token):
                i += 1
                continue
            if not out.tokens and token.isdigit() and len(token) <= 2 and out.last_desc:
                token = out.last_desc + token  # "Nothing Ear (1)" vs "Nothing Headphone (1)"
            m_abbrev = _ABBREV_CODE_RE.match(token)
            if m_abbrev is not None and _LINE_ABBREV.get(m_abbrev.group(1), ("",))[0] == out.brand:
                out.tokens.append(_LINE_ABBREV[m_abbrev.group(1)][1])  # Bose "QC45" = "QuietComfort 45"
                token = m_abbrev.group(2)
            prev = out.words[-1] if out.words else ""
            if (out.last_pos == i - 1 and prev.isalpha() and prev.isupper() and 2 <= len(prev) <= 4
                    and prev.lower() not in _DISTINGUISHERS and out.tokens):
                # a short capitalised prefix written apart: "MDR EX55", "HD 600", "RS 140"
                token = out.tokens.pop() + token
                out.words[-1] = f"{prev} {tok}"
            else:
                out.words.append(tok)
            out.tokens.append(token)
            if _is_code(token):
                out.codes.append(token)
        else:
            if low == "plus" and out.tokens and out.tokens[-1] == "plus":
                i += 1  # "Buds+ Plus"
                continue
            roman = _ROMAN.get(low)
            low = _CYR_MODEL_WORDS.get(low, low)
            abbrev = _LINE_ABBREV.get(low)
            if abbrev is not None and out.brand == abbrev[0]:
                low = abbrev[1]
            out.tokens.append(roman if roman is not None and i > 0 else _PUNCT_RE.sub("", low))
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
        words = [w for w in _COLOUR_SPLIT_RE.split(seg.lower()) if w]
        if words and len(words) <= 4 and _is_colour(words[-1]) and all(
                _is_colour(w) or w in _COLOUR_MODIFIERS for w in words):
            found = " ".join(seg.lower().split())
    return found


def _strip_brand_prefix(p: _Parsed) -> None:
    """'ATH-M20x' by Audio-Technica is model 'm20x': the brand's abbreviation glued to the code."""
    for k, token in enumerate(p.tokens):
        for cut in (2, 3, 4):
            head, rest = token[:cut], token[cut:]
            if (len(rest) >= 2 and _HAS_DIGIT.search(rest) and head.isalpha()
                    and _brand_of(head) == p.brand):
                p.tokens[k] = rest
                p.codes = [rest if c == token else c for c in p.codes]
                break


def _part_numbers(segments: list[str]) -> list[str]:
    """Codes written alone in a short clause: " - MDRJ10", "(T0004)", ", HBS-FN7,"."""
    parts: list[str] = []
    for seg in segments:
        toks = _TOKEN_RE.findall(seg)
        if not toks or len(toks) > 2:
            continue
        if len(toks) == 2 and toks[0].isalpha() and toks[0].isupper() and len(toks[0]) <= 4:
            toks = [toks[0] + toks[1]]  # "MDR EX55/BLK"
        for tok in toks:
            low = tok.lower()
            if not _HAS_DIGIT.search(low):
                continue
            code = _norm_code(low)
            if len(code) >= 4 and _is_code(code) and not _JUNK_CODE_RE.match(code):
                parts.append(code)
    return parts


@lru_cache(maxsize=8192)  # ~2.6 kB a title: keeps a million-listing ingest small
def identify(title: str, brand: str | None = None) -> Identity:
    """Brand, model key and variant attributes of one listing title.

    >>> identify("Sony WH-1000XM4 Wireless Headphones, Silver (Renewed)").model_key
    'wh1000xm4'
    """
    text = _fold((title or "")[:_MAX_TITLE])
    if "/" in text or "_" in text:
        # measurement file names: "Truthear/Truthear ZeroRED_10" is "Truthear ZeroRED", sample 10
        text = _SAMPLE_SUFFIX_RE.sub("", _DIR_PREFIX_RE.sub("", text))
    low = text.lower()
    # variant attributes come out first, anywhere in the title; cheap substring gates keep the
    # per-title cost low (the catalog runs this on a million listings)
    condition = "new"
    m = _CONDITION_RE.search(text) if _has_any(low, _CONDITION_CUES) else None
    if m is not None:
        kind = m.lastgroup
        condition = {"renewed": "renewed", "refurb": "refurbished", "used": "used", "openbox": "open-box",
                     "ru_used": "used", "ru_refurb": "refurbished"}[kind or "used"]
        text = _CONDITION_RE.sub(" , ", text)
    pack = 1
    m = _PACK_RE.search(text) if _has_any(low, _PACK_CUES) else None
    if m is not None:
        if m.group("word"):
            pack = _WORD_NUM[m.group("word").lower()]
        else:
            pack = int(m.group("n1") or m.group("n2") or m.group("n3") or 1)
        pack = max(pack, 1)
        text = _PACK_RE.sub(" , ", text)
    generation = None
    m = _GEN_RE.search(text) if "gen" in low else None
    if m is not None:
        # "(2nd Generation)", "2nd Gen", "Gen 2" all become the number, as in "AirPods Pro 2"
        generation = str(int(m.group("n1") or m.group("n2") or m.group("n3")))
        text = _GEN_RE.sub(" ", text)
    impedance = None
    m = _OHM_RE.search(text) if ("ohm" in low or "ω" in low or "ом" in low) else None
    if m is not None:
        impedance = m.group(1) + "ohm"  # "DT 770 PRO 80 Ohm" and "... 250 Ohm" are separate models
    region = None
    m = _REGION_RE.search(text) if _has_any(low, _REGION_CUES) else None
    if m is not None:
        region = " ".join(m.group("r").lower().split())
        text = _REGION_RE.sub(" , ", text)
    bundle = None
    m = _BUNDLE_RE.search(text) if _has_any(low, _BUNDLE_CUES) else None
    if m is not None:
        bundle = " ".join((m.group("b1") or m.group("b2") or m.group("b3") or "").split()) or None
    stripped = text  # the title without its condition, pack, generation and region words
    knockoff = _has_any(low, _KNOCKOFF_CUES) and _KNOCKOFF_RE.search(text) is not None
    host = _COMPAT_RE.search(text) if _has_any(low, _COMPAT_CUES) else None

    lead = _LEAD_NOISE.match(text)
    lead_len = lead.end() if lead else 0
    p = _Parsed()
    if brand:
        p.brand = _canonical(" ".join(brand.split()).lower()) or brand.strip()
    # a brand that opens the title is taken before spec figures are cut ("7Hz Zero")
    opening = _TOKEN_RE.findall(text[lead_len:lead_len + 40])
    hit = _find_brand_at(opening, 0, True) if opening else None
    if hit is not None and _SPEC_RE.match(text, lead_len):
        if p.brand is None:
            p.brand = hit[0]
        m = re.match(r"\s*" + r"\W+".join(re.escape(t) for t in opening[:hit[1]]), text[lead_len:])
        if m is not None:
            lead_len += m.end()
    body = _COLLAB_RE.sub(" ", _NAME_SUFFIX_RE.sub("", text[lead_len:]))
    if "made" in low:
        body = _MADE_IN_RE.sub(" ", body)
    body = _EARBUDS_RE.sub("earbuds", _SPEC_RE.sub(" ", body))
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
        p.brand = _LINE_BRAND.get(p.tokens[0])  # "MOMENTUM True Wireless 3", "AirPods Pro"
    if p.brand is not None:
        _strip_brand_prefix(p)
    parts = [c for c in _part_numbers([sg for sg, _ in segs[used:]]) if c not in p.codes]
    if not p.tokens and parts:
        # the model is only given by a code at the end: "Jabra Bluetooth Headset - BT2070"
        p.codes.append(parts[0])
        p.tokens.append(parts[0])
        p.words.append(parts[0])
        parts = parts[1:]
    if generation is not None and (not p.tokens or p.tokens[-1] != generation):
        p.tokens.append(generation)
        p.words.append(generation)
    if impedance is not None and p.tokens:
        p.tokens.append(impedance)
        p.words.append(impedance)

    compatible = False
    if host is not None:
        target = host.group("target").lower()
        if _DEVICE_TARGET_RE.fullmatch(target) is None:
            compatible = True  # "ear tips for AirPods Pro", "case for Sony WH-1000XM5"
        elif p.brand is None or (p.brand == "Apple" and not p.tokens):
            compatible = True  # "Earbuds for iPhone" by nobody in particular
        if compatible and p.brand is not None:
            at = text.lower().find(p.brand.lower())
            if at < 0 or at >= host.start():
                p.brand = None  # the brand named is the host's, not the maker's
    if p.brand in _FAMOUS and not p.tokens and host is not None:
        knockoff = True  # "2 Pack Apple Earbuds for iPhone": a famous name, no model, a host device

    model_key = "".join(p.tokens)
    if (p.brand is None and not p.codes and not parts) or all(t in _WEAK_WORDS for t in p.tokens):
        # a generic title (no maker and no model code, or only words like "Pro", "ANC"): only a title
        # with the same words, variant words aside, is the same product
        generic = _generic_form(stripped, generation)
        key = f"~{generic}" if generic else ""
    else:
        key = f"{(_family(p.brand) or '').lower()}|{model_key}"
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


def _distinguishers(tokens: tuple[str, ...] | list[str]) -> frozenset[str]:
    out = set()
    for t in tokens:
        if t in _DISTINGUISHERS or t.startswith("gen") and t[3:].isdigit() or t.isdigit() and len(t) <= 2:
            out.add(t)
    return frozenset(out)


def _generic_form(stripped: str, generation: str | None) -> str:
    """The words of a title with its variant words (condition, pack, region, colour) taken out."""
    low = stripped.lower()
    found = list(_TOKEN_RE.finditer(low))
    words = []
    for k, m in enumerate(found):
        w = m.group(0)
        if _is_colour(w) or w in _GENERIC_SKIP:
            continue
        if (w in _COLOUR_MODIFIERS and k + 1 < len(found) and _is_colour(found[k + 1].group(0))
                and not low[m.end():found[k + 1].start()].strip()):
            continue  # "Space Grey"
        words.append(_ROMAN.get(w, w))
    if generation is not None:
        words.append(generation)
    return " ".join(words)


_GENERIC_SKIP = frozenset({"&", "+", "and", "with", "the", "-", "in", "for", "bulk", "set", "multi"})


def _generic_same(ga: str, gb: str) -> bool:
    """Generic titles: the same words, allowing one to be cut short (feeds truncate titles) or to
    differ by a word or two in a long title (sellers reorder their SEO words)."""
    if not ga or not gb:
        return False
    if ga == gb:
        return True
    wa, wb = ga.split(), gb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 6 and long_[:len(short) - 1] == short[:-1]:
        return True  # truncated: the last word of the shorter may be cut mid-word
    sa, sb = set(wa), set(wb)
    return min(len(sa), len(sb)) >= 8 and len(sa & sb) / len(sa | sb) >= 0.85


def same_model(a_title: str, b_title: str) -> tuple[bool, float]:
    """Whether two listing titles name the same headphone model, with a score in 0..1."""
    a = identify(a_title)
    b = identify(b_title)
    return _same(a, b)


def _similarity(a: Identity, b: Identity) -> float:
    ta = set(_TOKEN_RE.findall(a.model.lower())) | set(a.codes)
    tb = set(_TOKEN_RE.findall(b.model.lower())) | set(b.codes)
    if not ta and not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def _extra_catalogue_number(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """'Freebuds 3' vs 'Freebuds 3 CM-SHK00': the longer adds only a catalogue number to a named model."""
    gs = [t for t in short if t.startswith("gen") and t[3:].isdigit()]
    gl = [t for t in long if t.startswith("gen") and t[3:].isdigit()]
    if gs != gl:
        return False
    s = [t for t in short if t not in gs]
    lg = [t for t in long if t not in gl]
    if not s or len(lg) <= len(s) or lg[:len(s)] != s:
        return False
    if len(s) < 2 and not _HAS_DIGIT.search(s[0]):
        return False
    if all(t in _WEAK_WORDS for t in s):
        return False
    return all(len(t) >= 4 and _HAS_DIGIT.search(t) and _HAS_ALPHA.search(t) for t in lg[len(s):])


def _colour_letter_twins(x: str, y: str) -> bool:
    """'wh1000xm4b' and 'wh1000xm4': a Sony-style one-letter colour suffix (B black, W white)."""
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return (len(long_) == len(short) + 1 and len(short) >= 5 and long_.startswith(short)
            and long_[-1] in "bw" and short[-1].isdigit())


def _extra_soft_words(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """'QuietComfort 3' vs 'QuietComfort 3 Acoustic': a numbered model plus a word or two of
    description; never when an extra word tells models apart (Pro, Plus, Lite, Gen 2 ...)."""
    if not short or len(long) <= len(short) or len(long) - len(short) > 3 or long[:len(short)] != short:
        return False
    if not any(_HAS_DIGIT.search(t) for t in short) or all(t in _WEAK_WORDS for t in short):
        return False
    return not any(_HAS_DIGIT.search(t) or t in _DISTINGUISHERS or t in _WEAK_WORDS or t in _ROMAN
                   for t in long[len(short):])


def _same(a: Identity, b: Identity) -> tuple[bool, float]:
    sim = _similarity(a, b)
    if a.compatible != b.compatible or a.knockoff_suspect != b.knockoff_suspect:
        return False, round(0.3 * sim, 3)
    fa, fb = _family(a.brand), _family(b.brand)
    if fa is not None and fb is not None and fa != fb:
        return False, round(0.2 * sim, 3)
    if not a.key or not b.key:
        return False, round(0.3 * sim, 3)
    if a.key == b.key:
        return True, round(0.9 + 0.1 * sim, 3)
    if "~" in a.key or "~" in b.key:
        if "~" in a.key and "~" in b.key and _generic_same(a.key[a.key.index("~") + 1:],
                                                           b.key[b.key.index("~") + 1:]):
            return True, round(0.75 + 0.15 * sim, 3)
        return False, round(0.4 * sim, 3)
    ia = [t for t in a.tokens if t.endswith("ohm") and t[:-3].isdigit()]
    ib = [t for t in b.tokens if t.endswith("ohm") and t[:-3].isdigit()]
    if ia and ib and ia != ib:
        return False, round(0.4 * sim, 3)  # impedance versions of one line are separate models
    if sorted(a.tokens) == sorted(b.tokens):
        return True, round(0.8 + 0.15 * sim, 3)  # "Galaxy Buds 2 Pro" / "Galaxy Buds Pro 2"
    if a.model_key == b.model_key:
        return True, round(0.9 + 0.1 * sim, 3)
    qa, qb = _distinguishers(a.tokens), _distinguishers(b.tokens)
    if a.codes and b.codes:
        a_all = set(a.codes) | set(a.part_numbers)
        b_all = set(b.codes) | set(b.part_numbers)
        if (a.codes[0] == b.codes[0] or a.codes[0] in b_all or b.codes[0] in a_all
                or _colour_letter_twins(a.codes[0], b.codes[0])):
            na = {t for t in a.tokens if not _HAS_DIGIT.search(t)} - _DISTINGUISHERS - _WEAK_WORDS
            nb = {t for t in b.tokens if not _HAS_DIGIT.search(t)} - _DISTINGUISHERS - _WEAK_WORDS
            if na and nb and not na & nb:
                return False, round(0.45 * sim, 3)  # "Tune 770NC" vs "Live 770NC": other series
            if qa == qb:
                return True, round(0.8 + 0.15 * sim, 3)
            return False, round(0.45 * sim + 0.1, 3)
        return False, round(0.3 * sim, 3)
    if _extra_catalogue_number(a.tokens, b.tokens) or _extra_catalogue_number(b.tokens, a.tokens):
        return True, round(0.75 + 0.15 * sim, 3)
    if _extra_soft_words(a.tokens, b.tokens) or _extra_soft_words(b.tokens, a.tokens):
        return True, round(0.7 + 0.15 * sim, 3)
    if (set(a.codes) | set(a.part_numbers)) & (set(b.codes) | set(b.part_numbers)):
        if qa == qb:
            return True, round(0.75 + 0.15 * sim, 3)
        return False, round(0.45 * sim + 0.1, 3)
    return False, round(0.45 * sim, 3)
