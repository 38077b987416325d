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
_CLAUSE_BREAK = re.compile(r"[,;|()\[\]\n:]|\s-\s|\.\s")


@dataclass(frozen=True)
class _Table:
    canonical: dict[str, str]  # lower-cased name or alias -> canonical
    loose: re.Pattern[str]  # case-insensitive, any position
    strict: re.Pattern[str] | None  # case-sensitive, title start only
    strict_names: dict[str, str]


def _pattern(names: list[str], flags: int) -> re.Pattern[str]:
    names = sorted(set(names), key=len, reverse=True)
    body = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![\w&+.-])(?:{body})(?![\w&+]|-(?!\w))", flags)


@lru_cache(maxsize=1)
def _table() -> _Table:
    canonical: dict[str, str] = {}
    loose: list[str] = []
    strict_names: dict[str, str] = {}
    text = resources.files("headspec.data").joinpath("brands.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        name = row["canonical"].strip()
        aliases = [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()]
        strict = row["strict"].strip() == "1"
        for alias in [name, *aliases]:
            if strict:
                strict_names.setdefault(alias, name)
            else:
                canonical.setdefault(alias.lower(), name)
                loose.append(alias)
    for alias, name in strict_names.items():
        canonical.setdefault(alias.lower(), name)
    strict_re = _pattern(list(strict_names), 0) if strict_names else None
    return _Table(canonical, _pattern(loose, re.IGNORECASE), strict_re, strict_names)


def brand_names() -> list[str]:
    """All canonical brand names, sorted."""
    return sorted(set(_table().canonical.values()), key=str.lower)


def canonical_brand(name: str) -> str | None:
    """The canonical spelling of a brand name or alias, or None if unknown.

    >>> canonical_brand("beyer")
    'Beyerdynamic'
    """
    key = " ".join(name.split()).lower()
    if not key:
        return None
    return _table().canonical.get(key)


def _is_rival(text: str, start: int) -> bool:
    """True when the clause before `start` makes the brand a host device or a rival."""
    lo = max(0, start - 60)
    before = text[lo:start]
    cut = None
    for m in _CLAUSE_BREAK.finditer(before):
        cut = m.end()
    clause = before[cut:] if cut is not None else before
    return _RIVAL_BEFORE.search(clause) is not None


def _candidates(text: str) -> list[tuple[str, int, int]]:
    table = _table()
    found = [(table.canonical[m.group(0).lower()], m.start(), m.end()) for m in table.loose.finditer(text)]
    if table.strict is not None:
        for m in table.strict.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if _TITLE_LEAD.match(text[line_start:m.start()]) and _STRICT_AFTER.match(text, m.end()):
                found.append((table.strict_names[m.group(0)], m.start(), m.end()))
    found.sort(key=lambda c: c[1])
    return found


def find_brand(text: str) -> tuple[str, int, int] | None:
    """The brand the text is about, as (canonical, start, end) of the mention chosen, or None.

    The first line (a title) wins; rivals and host devices are skipped; among the
    rest the brand named most often wins, ties going to the earliest mention.
    """
    if not text:
        return None
    cands = [c for c in _candidates(text) if not _is_rival(text, c[1])]
    if not cands:
        return None
    first_nl = text.find("\n")
    title_end = len(text) if first_nl < 0 else first_nl
    in_title = [c for c in cands if c[1] < title_end]
    if in_title:
        return in_title[0]
    counts: dict[str, int] = {}
    for name, _, _ in cands:
        counts[name] = counts.get(name, 0) + 1
    best = max(counts.values())
    return next(c for c in cands if counts[c[0]] == best)
