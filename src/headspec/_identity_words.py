"""The words of a listing title: vocabularies, brand tables and how one word or code is read.

`headspec.identity` walks a title token by token; this module answers the per-word
questions it asks (is it a colour, a descriptor, a model code, a brand; what is its
normalised code) and holds the patterns for the variant clauses (condition, pack,
generation, region, bundle) and the compatible/knock-off cues. Spellings seen in real
listings (misspelt brands, Cyrillic model words, colour codes on part numbers) live here.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# ---------------------------------------------------------------------------------------------
# vocabularies

COLOURS_EN = (
    "black", "white", "red", "blue", "green", "yellow", "pink", "purple", "violet", "orange", "brown",
    "grey", "gray", "silver", "gold", "beige", "navy", "teal", "turquoise", "ivory", "cream", "graphite",
    "charcoal", "midnight", "champagne", "bronze", "copper", "rose", "coral", "mint", "olive", "lavender",
    "lilac", "sand", "stone", "titanium", "onyx", "pearl", "platinum", "cyan", "magenta", "indigo",
    "burgundy", "maroon", "khaki", "camo", "camouflage", "aqua", "sky", "lime", "peach", "blush", "slate",
    "smoke", "matte", "glossy", "metallic", "transparent", "clear", "starlight", "espresso", "tan", "jet",
    "carbon", "obsidian", "porcelain", "sandstone", "cobalt", "emerald", "ruby", "sapphire", "amber",
    "bk", "blk", "wht", "slv", "pnk", "grn", "gry", "nvy", "multicolor", "multicolour", "multi",
)
COLOURS_RU_STEMS = (
    "черн", "бел", "красн", "син", "голуб", "зелен", "зелён", "желт", "жёлт", "розов", "фиолетов",
    "оранжев", "коричнев", "сер", "серебрист", "золот", "бежев", "бирюзов", "ментолов", "оливков",
    "бронзов", "графит", "лавандов", "бордов", "мятн", "песочн", "темно", "тёмно", "светло", "матов",
    "глянцев", "прозрачн", "слонов", "камуфляж", "хаки", "пурпурн", "лилов", "персиков", "кремов",
)
RU_COLOUR_RE = re.compile(
    r"^(?:" + "|".join(COLOURS_RU_STEMS) + r")[а-яё]*(?:-[а-яё]+)?$")

# words that describe a headphone but do not name a model; dropped from the key
DESCRIPTORS = frozenset("""
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
WEAK_WORDS = frozenset("pro max plus lite mini ultra anc nc enc x s new se air neo evo".split())
# words that tell models apart even when everything else matches
DISTINGUISHERS = frozenset("""
pro max plus lite mini ultra se neo air evo anc nc x s e fe slim go active
mk2 mk3 xl xs xr z v2 v3 le 2s 3s 4s 5s
""".split())
CONDITION_RE = re.compile(
    r"\(?\b(?P<renewed>renewed(?:\s+premium)?|certified\s+renewed)\b\)?"
    r"|\(?\b(?P<refurb>refurbished|refurb|reconditioned|remanufactured)\b\)?"
    r"|\(?\b(?P<used>pre-owned|preowned|used|second[- ]hand)\b\)?"
    r"|\(?\b(?P<openbox>open[- ]box)\b\)?"
    r"|\(?(?P<ru_used>б/у|б\.у\.|бу\b)\)?"
    r"|\(?(?P<ru_refurb>восстановленн\w*|восст\.|уценк\w*|витринн\w*)\)?",
    re.IGNORECASE,
)
PACK_RE = re.compile(
    r"\b(?:pack\s+of\s+(?P<n1>\d{1,3})"
    r"|(?P<n2>\d{1,3})\s*-?\s*(?:packs?|pcs|pieces|pairs?|count|ct|units?|шт\.?|штук\w*|пар\w*)\b"
    r"|(?P<word>dual|twin|double|triple|two|three|four|five)[- ]?pack\b"
    r"|bulk\s+(?P<n3>\d{1,3})\s+pack)",
    re.IGNORECASE,
)
WORD_NUM = {"dual": 2, "twin": 2, "double": 2, "two": 2, "triple": 3, "three": 3, "four": 4, "five": 5}
GEN_RE = re.compile(
    r"\(?\b(?:(?P<n1>\d{1,2})(?:st|nd|rd|th)\s+gen(?:eration|\.)?"
    r"|gen(?:eration)?\s*\.?\s*(?P<n2>\d{1,2})"
    r"|(?P<n3>\d{1,2})(?:st|nd|rd|th)-gen)\b\)?",
    re.IGNORECASE,
)
REGION_RE = re.compile(
    r"\(?\b(?P<r>(?:international|global|us|usa|eu|uk|european|asian|asia|indian|india|japan|japanese|"
    r"chinese|china|cn|hk|korean?)\s+(?:version|edition|model|variant|import)"
    r"|import(?:ed)?\s+from\s+\w+|japan\s+import|intl\.?\s+version|ростест|евротест|eac|рст)\b\)?",
    re.IGNORECASE,
)
BUNDLE_RE = re.compile(
    r"(?:\bwith\s+(?P<b1>applecare\+?[^,;|)]*|[^,;|()]*?\bbundle\b[^,;|)]*|free\s+[^,;|)]+)"
    r"|\+\s*(?P<b2>free\s+[^,;|)]+)"
    r"|\b(?P<b3>bundle|combo|gift\s+set|комплект\s+\w+))",
    re.IGNORECASE,
)
COMPAT_RE = re.compile(
    r"\b(?:for|compatible\s+with|compatible\s+for|replacement\s+for|designed\s+for|fits|works\s+with|"
    r"made\s+for|для|совместим\w*\s+с)\s+(?:the\s+|new\s+|apple\s+|samsung\s+|sony\s+|bose\s+|"
    r"beats\s+|galaxy\s+)*(?P<target>airpods?|earpods|iphone|ipad|galaxy\s+buds|buds\d?|pixel\s+buds|"
    r"beats|powerbeats|bose|sony|wh-?1000xm\d|wf-?1000xm\d|jabra|sennheiser|quietcomfort|qc\s?\d+|"
    r"freebuds|airpods|аирподс|эирподс)",
    re.IGNORECASE,
)
KNOCKOFF_RE = re.compile(
    r"\b(?:mfi[- ]certified|apple\s+mfi|1:1|replica|clone|copy\s+of|(?:airpods?|beats)[- ]style|lookalike|"
    r"look-alike|i\d{1,2}s?\s+tws|tws\s+i\d{1,2}|pro\s*max\s*tws|копия|реплика|люкс\s+копия)\b",
    re.IGNORECASE,
)
FAMOUS = frozenset({"Apple", "Sony", "Bose", "Beats", "Samsung", "Sennheiser", "JBL", "Huawei", "Xiaomi"})

# clause breaks; written case by case instead of IGNORECASE, which is several times slower here
BREAK_WORDS = ("with", "for", "featuring", "including", "includes", "compatible", "для")
BREAK_RE = re.compile(
    r"[,;|:()\[\]【】{}、]|\s[-–—~]+(?:\s|(?=\w))|[–—]|\b[Ww]/|\bс\s|\b[Ww]orks?\s+[Ww]ith\b|\b(?:"
    + "|".join(f"{w}|{w.capitalize()}|{w.upper()}" for w in BREAK_WORDS) + r")\b"
)
OHM_RE = re.compile(r"(?<![\w.])(\d{2,3})\s*(?:ohms?|ω|ом)(?![\w])", re.IGNORECASE)
SPEC_RE = re.compile(
    r"(?<![\w.])(?:v?\d+(?:[.,]\d+)?\s*(?:mm|мм|hours?|hrs|час\w*|mah|db|дб|hz|khz|гц|кгц|ghz|ms|ohms?|ω|ом|"
    r"bit|gb|%)(?![\w])"
    r"|(?<![-/])v?\d+(?:[.,]\d+)?(?:cm|m|ft|h|hr|ч|g|г|oz|w|mw|x)(?![\w])"
    r"|(?:bt|bluetooth)\s*v?\d(?:\.\d)?(?![\w])|v\d\.\d(?![\w])|\d+\.\d+(?:\s*ch)?(?![\w])|ipx\d|ip\d\d"
    r"|\d+\s*-?in-?1|\d{2,4}\s*(?:launch|model|edition)"
    r"|\d+(?:dd|ba|est|pzt)(?:\s*\+\s*\d+(?:dd|ba|est|pzt))*(?![\w])"
    r"|\d+\s*-?\s*mics?(?![\w])|\b(?:hands|tangle|wire|cable|cord|sweat|latency)[\s-]+free\b)",
    re.IGNORECASE,
)
MAX_TITLE = 600  # a title longer than this is a description; its start names the model
DIR_PREFIX_RE = re.compile(r"^\s*([^/]{1,30})/(?=\1\b)", re.IGNORECASE)
SAMPLE_SUFFIX_RE = re.compile(r"_\d{1,3}\s*$|_[lr]\s*$", re.IGNORECASE)
MADE_IN_RE = re.compile(r"\bmade\s+in\s+\w+", re.IGNORECASE)
COLLAB_RE = re.compile(r"\s+x\s+(?=[A-Z])[\w-]+")  # "7Hz x Crinacle Zero": a collaboration credit
NAME_SUFFIX_RE = re.compile(r"(?<=[A-Za-z0-9]):(?=[A-Z0-9]+\b)")  # "Zero:RED", "Zero:2": one model name
BREAK_SPLIT_RE = re.compile("(" + BREAK_RE.pattern + ")")
SOFT_BREAK_RE = re.compile(r"[,;:()\[\]【】{}、|]+|[-–—~]+")
TOKEN_RE = re.compile(r"[0-9A-Za-zÀ-ɏА-Яа-яЁё]+(?:['’.\-/&][0-9A-Za-zÀ-ɏА-Яа-яЁё]+)*\+*|\+|&")
HAS_DIGIT = re.compile(r"\d")
SUBWORD_RE = re.compile(r"[-./]")
COLOUR_SPLIT_RE = re.compile(r"[\s/\-&,]+|\band\b")
PUNCT_RE = re.compile(r"[-.'&/]")
EARBUDS_RE = re.compile(r"\bear\s+buds\b", re.IGNORECASE)
DEVICE_TARGET_RE = re.compile(r"iphone|ipad")
JUNK_CODE_RE = re.compile(
    r"^(?:ps\d\w*|xbox\w*|usb\w*|typec|ipx?\d+|bt\d{1,2}|\d+(?:mm|h|hrs?|hz|khz|mah|db|ms|g|x|d|k)|h\d|w1|"
    r"qn\d\w*|k12|a2dp|5g|4g|3d|2d|\d{4}launch|mp[34]|sd|tf|nc\d|\d+in1|(?:19|20)\d\d)$")
HAS_ALPHA = re.compile(r"[a-zа-яё]")
ROMAN = {"ii": "2", "iii": "3", "iv": "4", "vi": "6", "vii": "7", "viii": "8"}
CODE_COLOUR_SUFFIX = re.compile(
    r"(?<=[0-9a-z])(?:blk|black|bk|wht|white|wt|red|rd|blu|blue|pnk|pink|slv|silver|grn|green|gry|grey|"
    r"gray|gld|gold|nvy|navy|prp|purple|brn|beige)$")
DASH_COLOUR_RE = re.compile(r"-(?:bk|blk|bl|blu|wh|wht|wt|cl|clr|rd|red|gr|grn|gy|gry|pk|pnk|sv|slv|gd)$")
SLASH_SUFFIX = re.compile(r"/[0-9a-z]{1,6}$")
DASH_LETTER_SUFFIX = re.compile(r"(?<=\d[a-z]{3})-[kwsabrp]$|(?<=\d)-[kwsabrp]$")
LEAD_NOISE = re.compile(r"^(?:\s*(?:\d+\s*-?\s*packs?|new|brand\s+new|genuine|original|official|"
                         r"гарнитура|наушники|беспроводные|проводные|the)\b[\s,:-]*)+", re.IGNORECASE)
HOMOGLYPHS = str.maketrans("аеорсухкмнвтАЕОРСУХКМНВТ", "aeopcyxkmhbtAEOPCYXKMHBT")
CYR = re.compile(r"[а-яё]", re.IGNORECASE)
LETTERS_RE = re.compile(r"[A-Za-z0-9А-Яа-яЁё]+")
LAT = re.compile(r"[a-z]", re.IGNORECASE)

# brand spellings missing from the shared table (misspellings seen in listings) and sub-brands
EXTRA_BRANDS = {
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
LINE_BRAND = {
    "airpods": "Apple", "earpods": "Apple", "momentum": "Sennheiser", "quietcomfort": "Bose",
    "freebuds": "Huawei", "linkbuds": "Sony", "powerbeats": "Beats", "beoplay": "Bang & Olufsen",
    "jbuds": "JLab", "galaxy": "Samsung", "soundcore": "Soundcore", "airdots": "Xiaomi",
    "wh1000xm3": "Sony", "wh1000xm4": "Sony", "wh1000xm5": "Sony", "wh1000xm6": "Sony",
    "wf1000xm3": "Sony", "wf1000xm4": "Sony", "wf1000xm5": "Sony", "rockerz": "boAt", "airdopes": "boAt",
}
# model words Russian listings write in Cyrillic ("Эирподс Про" is "AirPods Pro")
CYR_MODEL_WORDS = {
    "про": "pro", "макс": "max", "мини": "mini", "лайт": "lite", "плюс": "plus", "ультра": "ultra",
    "нео": "neo", "эйр": "air", "эир": "air", "аир": "air", "бадс": "buds", "бадз": "buds",
    "галакси": "galaxy", "эирподс": "airpods", "эйрподс": "airpods", "аирподс": "airpods",
    "эйрподз": "airpods", "фрибадс": "freebuds", "момнтум": "momentum", "моментум": "momentum",
    "куайткомфорт": "quietcomfort", "соло": "solo", "студио": "studio", "тюн": "tune", "лайв": "live",
    "элит": "elite", "вайб": "vibe", "флип": "flip", "рокерз": "rockerz", "либерти": "liberty",
}
# model-line abbreviations sellers use: Bose "QC45" is "QuietComfort 45"
LINE_ABBREV = {"qc": ("Bose", "quietcomfort")}
ABBREV_CODE_RE = re.compile(r"^(qc)(\d+\w*)$")
# brands that name the same maker for merging purposes
BRAND_FAMILY = {"Soundcore": "Anker", "Haylou": "Xiaomi", "ZMI": "Xiaomi", "Redmi": "Xiaomi",
                 "Beoplay": "Bang & Olufsen", "AT&T": "Jawbone"}
# words that may be brands but, past the first position, are ordinary words
WEAK_BRANDS = frozenset({"beats", "boat", "creative", "drop", "final", "nothing", "soul", "status", "poly",
                          "mi", "rog", "zeb", "austrian", "bowers", "ath", "noise", "hammer", "claw",
                          "escort", "monster", "astro", "sirius", "google", "microsoft"})


def lookup_brand(name: str) -> str | None:
    """The canonical brand a lower-cased phrase names (listing misspellings first), or None."""
    extra = EXTRA_BRANDS.get(name)
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
def brand_of(phrase: str) -> str | None:
    """`lookup_brand`, cached: the title walk asks about the same phrases again and again."""
    return lookup_brand(phrase)


def brand_family(brand: str | None) -> str | None:
    """The maker a brand merges under (Soundcore is Anker), or the brand itself."""
    if brand is None:
        return None
    return BRAND_FAMILY.get(brand, brand)


# ---------------------------------------------------------------------------------------------
# normalisation


def fold(text: str) -> str:
    """NFKC (full-width, math-bold letters), unify dashes/quotes, fix Cyrillic look-alikes in Latin words."""
    text = unicodedata.normalize("NFKC", text)
    if CYR.search(text) and LAT.search(text):
        text = LETTERS_RE.sub(_fix_homoglyphs, text)
    return text.replace("‐", "-").replace("‑", "-").replace("’", "'").replace("\u200b", "")


def has_any(text: str, cues: tuple[str, ...]) -> bool:
    """A cheap substring gate: only a title holding one of `cues` is searched with the clause pattern."""
    return any(c in text for c in cues)


CONDITION_CUES = ("renew", "refurb", "recondition", "remanufact", "used", "owned", "second", "open",
                   "б/у", "б.у", "бу", "восст", "уцен", "витрин")
PACK_CUES = ("pack", "pcs", "piece", "pair", "count", "ct", "unit", "шт", "пар")
REGION_CUES = ("version", "edition", "model", "variant", "import", "intl", "ростест", "евротест", "eac",
                "рст")
BUNDLE_CUES = ("with", "+", "bundle", "combo", "gift", "комплект")
KNOCKOFF_CUES = ("mfi", "1:1", "replica", "clone", "copy", "style", "look", "tws", "копия", "реплика")
COMPAT_CUES = ("for", "compatible", "fits", "works", "made", "для", "совмест")


def _fix_homoglyphs(m: re.Match[str]) -> str:
    word = m.group(0)
    if LAT.search(word) and CYR.search(word):
        return word.translate(HOMOGLYPHS)
    return word


def norm_code(raw: str) -> str:
    """'MDR-EX55/PNK' -> 'mdrex55'; 'TAH4205BK/00' -> 'tah4205'; 'RB-M700BGE-K' -> 'rbm700bge'."""
    code = raw.lower()
    code = SLASH_SUFFIX.sub("", code) if HAS_DIGIT.search(code.split("/")[0]) else code
    code = DASH_LETTER_SUFFIX.sub("", code)
    if "-" in code and HAS_DIGIT.search(code.rsplit("-", 1)[0]):
        code = DASH_COLOUR_RE.sub("", code)  # "SE215-CL" is the clear SE215
    code = code.replace("-", "").replace(".", "").replace("/", "").replace("'", "")
    stripped = CODE_COLOUR_SUFFIX.sub("", code)
    if stripped != code and HAS_DIGIT.search(stripped) and len(stripped) >= 3:
        code = stripped
    if "-" in raw and len(code) >= 7 and code[-1] in "bw" and code[-2].isdigit() and code[0].isalpha():
        code = code[:-1]  # Panasonic one-letter colour suffix: KX-TS3282B, KX-TS3282W
    return code


def is_colour(word: str) -> bool:
    """An English colour word or code (\"black\", \"blk\"), or a Russian colour adjective (\"белый\")."""
    if word in COLOURS_SET:
        return True
    return not word.isascii() and RU_COLOUR_RE.match(word) is not None


COLOURS_SET = frozenset(COLOURS_EN)
# words that make a colour only in front of one: "Space Grey", "Army Green", "Lunar Blue"
COLOUR_MODIFIERS = frozenset("""space jet army navy sky baby dark light deep pale hot lunar arctic
ocean forest misty calm mid ice electric royal steel gun psyche summer preppy mod""".split())


def is_code(token: str) -> bool:
    """A model code: letters and digits mixed ("wh1000xm4", "q30", "510bt") or 3+ digits ("920")."""
    if not HAS_DIGIT.search(token):
        return False
    if HAS_ALPHA.search(token):
        return len(token) >= 2
    return len(token) >= 3



@lru_cache(maxsize=1)
def _brand_first_words() -> frozenset[str] | None:
    """First words of every brand name and alias: a cheap gate before the phrase lookups."""
    try:
        from importlib import resources

        text = resources.files("headspec.data").joinpath("brands.csv").read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):  # pragma: no cover - package data is always there
        return None
    words = {name.split()[0] for name in EXTRA_BRANDS}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("canonical,"):
            continue
        fields = line.split(",")
        for name in [fields[0], *(fields[1].split("|") if len(fields) > 1 else [])]:
            if name.strip():
                words.add(name.strip().split()[0].lower())
    return frozenset(words)


def find_brand_at(raw: list[str], i: int, first: bool) -> tuple[str, int] | None:
    """(canonical brand, words it spans) when the 1–3 tokens from `raw[i]` name a brand.

    Words that are brands but also ordinary words (\"Nothing\", \"Status\") count only as the
    title's first word.
    """
    n = len(raw)
    gate = _brand_first_words()
    if gate is not None and raw[i].lower() not in gate:
        return None
    for width in (3, 2, 1):
        if i + width <= n:
            phrase = " ".join(raw[i:i + width]).lower()
            b = brand_of(phrase)
            if b is not None:
                if width == 1 and phrase in WEAK_BRANDS and not (first and i == 0):
                    continue
                return b, width
    return None


