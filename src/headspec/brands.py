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

__all__ = ["brand_names", "canonical_brand", "find_brand"]

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
_BODY_CHARS = 600
_CLAUSE_BREAK = re.compile(r"[,;|()\[\]\n:]|\s-\s|\.\s")


_TOKEN = re.compile(r"[^\W_]+")
_SEPARATORS = re.compile(r"[\s\-]+")


@dataclass(frozen=True)
class _Alias:
    tokens: tuple[str, ...]  # lower-cased word tokens
    text: str  # the alias as written in the table
    canonical: str
    strict: bool


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
            first.setdefault(tokens[0], []).append(_Alias(tokens, alias, name, strict))
            if strict:
                strict_keys.append((alias, name))
            else:
                canonical.setdefault(_key(alias), name)
    for alias, name in strict_keys:
        canonical.setdefault(_key(alias), name)
    for entries in first.values():
        entries.sort(key=lambda a: (len(a.tokens), not a.strict), reverse=True)
    return _Table(canonical, first)


def brand_names() -> list[str]:
    """All canonical brand names, sorted."""
    return sorted(set(_table().canonical.values()), key=str.lower)


def canonical_brand(name: str) -> str | None:
    """The canonical spelling of a brand name or alias, or None if unknown.

    >>> canonical_brand("beyer")
    'Beyerdynamic'
    """
    key = _key(name)
    if not key:
        return None
    return _table().canonical.get(key)


def _is_rival(text: str, start: int) -> bool:
    """True when the clause before `start` makes the brand a host device or a rival."""
    if start > 0 and text[start - 1] == "/":
        return True  # "Android phone/LG/Lenovo/tablets": a list of host devices
    lo = max(0, start - 60)
    before = text[lo:start]
    cut = None
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    clause = before[cut:] if cut is not None else before
    return _RIVAL_BEFORE.search(clause) is not None


def _candidates(text: str) -> list[tuple[str, int, int]]:
    first = _table().first
    low = text.lower()
    if len(low) != len(text):  # "İ" lower-cases to two characters
        low = "".join(c.lower()[0] for c in text)
    hits = first.keys() & set(_TOKEN.findall(low))
    if not hits:
        return []
    found: list[tuple[str, int, int]] = []
    for word in hits:
        i = low.find(word)
        while i >= 0:
            j = i + len(word)
            if (i == 0 or not low[i - 1].isalnum()) and (j >= len(low) or not low[j].isalnum()):
                match = _alias_at(text, low, i, first[word])
                if match is not None:
                    found.append(match)
            i = low.find(word, i + 1)
    found.sort(key=lambda c: c[1])
    return found


def _alias_at(text: str, low: str, start: int, entries: list[_Alias]) -> tuple[str, int, int] | None:
    """The longest alias in `entries` that starts at `start`, checked token by token."""
    tokens = [m for _, m in zip(range(6), _TOKEN.finditer(low, start), strict=False)]
    words = [m.group(0) for m in tokens]
    for alias in entries:
        n = len(alias.tokens)
        if tuple(words[:n]) != alias.tokens:
            continue
        end = tokens[n - 1].end()
        span = text[start:end]
        if _key(span) != _key(alias.text) and not (n > 1 and _CONNECTED.fullmatch(span)):
            continue
        if start > 0 and text[start - 1] in "&+":
            continue
        if alias.strict:
            line_start = text.rfind("\n", 0, start) + 1
            if span != alias.text or not _TITLE_LEAD.match(text[line_start:start]) \
                    or not _STRICT_AFTER.match(text, end):
                continue
        return alias.canonical, start, end
    return None


_CONNECTED = re.compile(r"[^\W_]+(?:\s*[&+\-]?\s*[^\W_]+)*")


def find_brand(text: str) -> tuple[str, int, int] | None:
    """The brand the text is about, as (canonical, start, end) of the mention chosen, or None.

    The first line (a title) wins; rivals and host devices are skipped; among the
    rest the brand named most often wins, ties going to the earliest mention.
    """
    if not text:
        return None
    first_nl = text.find("\n")
    title_end = len(text) if first_nl < 0 else first_nl
    for cand in _candidates(text[:title_end]):
        if not _is_rival(text, cand[1]):
            return cand
    if title_end == len(text):
        return None
    body = text[:title_end + _BODY_CHARS]  # opening lines name the subject; later ones list hosts, rivals
    cands = [c for c in _candidates(body) if c[1] >= title_end and not _is_rival(text, c[1])]
    if not cands:
        return None
    counts: dict[str, int] = {}
    for name, _, _ in cands:
        counts[name] = counts.get(name, 0) + 1
    best = max(counts.values())
    return next(c for c in cands if counts[c[0]] == best)
