"""Brand names: canonical spellings, aliases, and finding the brand a text is about.

The table lives in `data/brands.csv` (header explains the format). `find_brand`
picks the product the text is *about*: a brand named in a compatibility list
("for iPhone, Samsung"), a comparison ("quieter than Bose") or a replacement
part ("pads for Sennheiser") is a rival or a host device, not the subject.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = [
    "BODY_CHARS", "brand_names", "canonical_brand", "find_brand", "find_brand_in_title",
    "find_brand_under_title", "lower",
]

# words right before a brand that make it a host device or a rival, not the subject
_RIVAL_BEFORE = re.compile(
    r"(?:\b(?:for|compa\w*|fits?|vs\.?|versus|like|than|compared|replacement|replaces|"
    r"alternative|unlike|rivals?|beats?|instead of|wie|als|comme|pour|per|come|für|fuer)\b"
    r"|\b(?:для|совместим\w*|вместо|как|чем)(?![\w]))",
    re.IGNORECASE,
)
# product nouns that may precede a strict brand at the start of a title ("Гарнитура Soul ...")
_TITLE_LEAD = re.compile(
    r"^[\s\W]*(?:(?:гарнитура|наушники|наушник|беспроводные|проводные|new|brand new|genuine|original|"
    r"kopfhörer|casque|écouteurs|cuffie|auricolari)\s+)*$",
    re.IGNORECASE,
)
# a strict (common-word) brand must be followed by a model-like token: "Nothing Ear", not "Nothing beats"
_STRICT_AFTER = re.compile(r"\s+[A-Z0-9А-Я]")
BODY_CHARS = 600  # how far under the title `find_brand` reads
# = [,;|()\[\]\n:]|\s-\s|\.\s, written to start with one character class (the regex engine skips in C to
# the next character of it); the lookbehinds pick the branch the plain spelling takes there (the first
# one for a line break, which is also a \s)
_CLAUSE_BREAK = re.compile(r"[,;|()\[\]\n:\s.](?:(?<=[,;|()\[\]\n:])|(?<=\s)-\s|(?<=\.)\s)")


_TOKEN = re.compile(r"[^\W_]+")
_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class _Alias:
    tokens: tuple[str, ...]  # lower-cased word tokens
    text: str  # the alias as written in the table
    canonical: str
    strict: bool
    key: str  # _key(text), compared with the key of the span a mention covers


@dataclass(frozen=True)
class _Table:
    canonical: dict[str, str]  # lower-cased name or alias -> canonical
    first: dict[str, list[_Alias]]  # first token -> aliases starting with it, longest first


def _key(text: str) -> str:
    return _SEPARATORS.sub(" ", text.lower()).strip()


@lru_cache(maxsize=1)
def _table() -> _Table:
    canonical: dict[str, str] = {}
    first: dict[str, list[_Alias]] = {}
    strict_keys: list[tuple[str, str]] = []
    text = resources.files("headspec.data").joinpath("brands.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        name = row["canonical"].strip()
        aliases = [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()]
        strict = row["strict"].strip() == "1"
        for alias in [name, *aliases]:
            tokens = tuple(t.lower() for t in _TOKEN.findall(alias))
            if not tokens:
                continue
            if "σ" in alias.lower() or "ς" in alias.lower():
                # `lower` of a whole text and of its title differ only in "σ"/"ς" (the final-sigma rule),
                # so callers may share one `lower(text)` for both only while no alias has a sigma
                raise ValueError(f"brands.csv: no alias may hold a Greek sigma: {alias!r}")
            first.setdefault(tokens[0], []).append(_Alias(tokens, alias, name, strict, _key(alias)))
            if strict:
                strict_keys.append((alias, name))
            else:
                canonical.setdefault(_key(alias), name)
    for alias, name in strict_keys:
        canonical.setdefault(_key(alias), name)
    for entries in first.values():
        entries.sort(key=lambda a: (len(a.tokens), not a.strict), reverse=True)
    return _Table(canonical, first)


# the non-ASCII letters of the brand keys (Cyrillic, "ø"): a text without them holds no such key
_KEY_LETTER = re.compile(
    "[" + "".join(sorted({c for key in _table().first for c in key if ord(c) > 127})) + "]")


def brand_names() -> list[str]:
    """All canonical brand names, sorted."""
    return sorted(set(_table().canonical.values()), key=str.lower)


def canonical_brand(name: str) -> str | None:
    """The canonical spelling of a brand name or alias, or None if unknown.

    >>> canonical_brand("beyer")
    'Beyerdynamic'
    """
    low = name.lower()
    key = low if low.isalnum() else _key(name)  # one word: no separator to squeeze, no space to strip
    if not key:
        return None
    return _table().canonical.get(key)


# in ASCII text every match of _RIVAL_BEFORE starts with one of these (lower case; some start several words)
_RIVAL_STARTS = re.compile(r"for|compa|fit|vs|versus|like|than|replace|alternative|unlike|rival|beat|"
                           r"instead of|wie|als|com|pour|per|fuer")


def _is_rival(text: str, start: int) -> bool:
    """True when the clause before `start` makes the brand a host device or a rival."""
    if start == 0:
        return False  # no clause before it
    if text[start - 1] == "/":
        return True  # "Android phone/LG/Lenovo/tablets": a list of host devices
    before = text[max(0, start - 60):start]
    cut = None
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    clause = before[cut:] if cut is not None else before
    if clause.isascii():  # IGNORECASE is plain lower-casing: no match starts before a _RIVAL_STARTS
        at = _RIVAL_STARTS.search(clause.lower())
        return at is not None and _RIVAL_BEFORE.search(clause, at.start()) is not None
    return _RIVAL_BEFORE.search(clause) is not None


def lower(text: str) -> str:
    """`text` lower-cased with one character per character, so offsets into it are offsets into `text`."""
    low = text.lower()
    if len(low) != len(text):  # "İ" lower-cases to two characters
        low = "".join(c.lower()[0] for c in text)
    return low


_NOT_ALNUM = bytes(c for c in range(128) if not chr(c).isalnum())
_BLANK_OUT = bytes.maketrans(_NOT_ALNUM, b" " * len(_NOT_ALNUM))


def _blanked(low: str, lo: int, hi: int) -> str | None:
    """`low[lo:hi]` with every character but ASCII alphanumerics blanked out, or None if it may hold
    one of the non-ASCII letters the brand keys hold (Cyrillic, "ø").

    Where an ASCII key is a whole word of `low` (a maximal run of alphanumerics, what
    `_TOKEN` finds), it stands between blanks here: its neighbours are not alphanumeric, so
    they are blanked too. Pieces of longer non-ASCII words ("sony" of "sonyé") may also stand
    between blanks; `_candidates` checks every place's real neighbours.
    """
    part = low[lo:hi]
    if part.isascii():
        return part.encode("ascii").translate(_BLANK_OUT).decode("ascii")
    if _KEY_LETTER.search(part) is None:  # one "?" (then a blank) for each other character
        return part.encode("ascii", "replace").translate(_BLANK_OUT).decode("ascii")
    return None


def _candidates(text: str, low: str, lo: int, hi: int) -> list[tuple[str, int, int]]:
    """Brand mentions among the words of `text[:hi]` that start at or after `lo`, in reading order.

    `low` is `lower(text)` (or of a longer text that starts with `text[:hi]`), computed once per text
    by the caller; `lo` is 0 or sits on a non-word character, so no word is cut at it. Every check
    stops at `hi` as if the text ended there. A key's places are found as " key " in the blanked
    text (one C search per place, not one per letter: keys like "t", "1" or "one" are everywhere).
    """
    first = _table().first
    blanked = _blanked(low, lo, hi)
    places: list[tuple[str, int]] = []
    if blanked is not None:
        padded = f" {blanked} "
        for word in first.keys() & blanked.split():  # a dict lookup per word, in C
            needle = f" {word} "
            i = padded.find(needle)
            while i >= 0:
                places.append((word, lo + i))  # padded[i] is the blank before the word
                i = padded.find(needle, i + len(word) + 1)
    else:
        for word in first.keys() & _TOKEN.findall(low, lo, hi):
            i = low.find(word, lo, hi)
            while i >= 0:
                places.append((word, i))
                i = low.find(word, i + 1, hi)
    found: list[tuple[str, int, int]] = []
    for word, i in places:
        j = i + len(word)
        if (i == 0 or not low[i - 1].isalnum()) and (j >= hi or not low[j].isalnum()):
            match = _alias_at(text, low, i, j, hi, first[word])
            if match is not None:
                found.append(match)
    found.sort(key=lambda c: c[1])
    return found


def _alias_at(text: str, low: str, start: int, word_end: int, hi: int,
              entries: list[_Alias]) -> tuple[str, int, int] | None:
    """The longest alias in `entries` that starts at `start`, checked token by token.

    `low[start:word_end]` is the whole word all of `entries` start with, so a one-word alias
    needs no tokenizing; the words of longer aliases are read once, up to `hi`, once the word
    after it is their second.
    """
    tokens: list[re.Match[str]] | None = None
    words: tuple[str, ...] = ()
    second: str | None = None  # the word after `word_end` (the second of `words`), read alone first
    for alias in entries:
        n = len(alias.tokens)
        if n == 1:
            end = word_end
            span = text[start:end]
            if span.lower() != alias.key:  # one word holds no separator: its key is just its lower case
                continue
        else:
            if second is None:
                nxt = _TOKEN.search(low, word_end, hi)
                second = "" if nxt is None else nxt.group(0)
            if second != alias.tokens[1]:
                continue  # "audio quality", "1 x": most long aliases fail at their second word
            if tokens is None:
                tokens = [m for _, m in zip(range(_MAX_WORDS), _TOKEN.finditer(low, start, hi), strict=False)]
                words = tuple(m.group(0) for m in tokens)
            if words[:n] != alias.tokens:
                continue
            end = tokens[n - 1].end()
            span = text[start:end]
            if _key(span) != alias.key and not _CONNECTED.fullmatch(span):
                continue
        if start > 0 and text[start - 1] in "&+":
            continue
        if alias.strict:
            line_start = text.rfind("\n", 0, start) + 1
            if span != alias.text or not _TITLE_LEAD.match(text[line_start:start]) \
                    or not _STRICT_AFTER.match(text, end, hi):
                continue
        return alias.canonical, start, end
    return None


_MAX_WORDS = 6  # an alias of more words is never matched
_CONNECTED = re.compile(r"[^\W_]+(?:\s*[&+\-]?\s*[^\W_]+)*")


def find_brand(text: str, low: str | None = None) -> tuple[str, int, int] | None:
    """The brand the text is about, as (canonical, start, end) of the mention chosen, or None.

    The first line (a title) wins; rivals and host devices are skipped; among the
    rest the brand named most often wins, ties going to the earliest mention.
    `low` is `lower(text)` when the caller has it already.
    """
    if not text:
        return None
    if low is None:
        low = lower(text)
    first_nl = text.find("\n")
    title_end = len(text) if first_nl < 0 else first_nl
    found = find_brand_in_title(text, low, title_end)
    if found is not None or title_end == len(text):
        return found
    return find_brand_under_title(text, low, title_end)


def find_brand_in_title(text: str, low: str, end: int) -> tuple[str, int, int] | None:
    """The first brand named in `text[:end]` (a title, no line break) that is not a rival or host.

    The same as `find_brand(text[:end])`, reusing `low` (`lower(text)`) instead of slicing and lower-casing.
    """
    for cand in _candidates(text, low, 0, end):
        if not _is_rival(text, cand[1]):
            return cand
    return None


def find_brand_under_title(text: str, low: str, title_end: int) -> tuple[str, int, int] | None:
    """The brand the opening lines under the title (which ends at `text[title_end]`, a line break) name most.

    What `find_brand(text)` answers when its title names no brand; `low` is `lower(text)`, or of
    a text that starts with `text[:title_end + BODY_CHARS]`.
    """
    # opening lines name the subject; later ones list hosts, rivals
    hi = min(len(text), title_end + BODY_CHARS)
    cands = [c for c in _candidates(text, low, title_end, hi) if not _is_rival(text, c[1])]
    if not cands:
        return None
    counts: dict[str, int] = {}
    for name, _, _ in cands:
        counts[name] = counts.get(name, 0) + 1
    best = max(counts.values())
    return next(c for c in cands if counts[c[0]] == best)
