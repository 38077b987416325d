"""The state one parse builds up: the text, its labelled fields, and candidate values.

Extractors propose `Candidate`s; a labelled value ("Impedance: 32 Ω") outranks
one found in prose, and an earlier one outranks a later one of the same rank.
Two different values at the top rank make a conflict warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from headspec.parse._twins import FOLDS
from headspec.parse._twins import plain as twins_exact
from headspec.parse.layout import CsvRow, Field

# ASCII letters and digits stay, every other byte (and "?" for non-ASCII) becomes a space
_ASCII_WORD_BYTES = bytes(b if chr(b).isalnum() and b < 128 else 32 for b in range(256))
#: texts at least this long get a word-head set (`Context.heads`) to skip absent anchors (all do:
#: the set costs less than one search per anchor even for a title)
HEADS_MIN_CHARS = 0
ALL, NO_CYRILLIC, ASCII = 0, 1, 2  # Context.mode
_FOLDS = re.compile(f"[{FOLDS}]")

# The word heads any scan asks about (`want_heads`): a text's heads are looked for among these only.
# Slicing and hashing every word of a listing cost ~70 objects a text; one regex over the ASCII
# projection that stops only at wanted heads makes a handful. Scans register their heads when their
# plan is made, which bumps the version; a Context built under an older version is refreshed
# (see `Context.heads_for`), so a head wanted later is never missed.
_wanted: set[bytes] = set()
_version = 0
_heads_rx: re.Pattern[bytes] | None = None


def want_heads(*heads: bytes) -> int:
    """Make `Context.heads` report these heads from now on; returns the version that does."""
    global _version, _heads_rx
    new = set(heads) - _wanted
    if new:
        _wanted.update(new)
        _heads_rx = None
        _version += 1
    return _version


def _trie(words: list[bytes], depth: int = 0) -> bytes:
    """A regex alternation for `words` sharing prefixes (re tries alternatives one by one).

    A three-byte head starts a word; a shorter one is a whole word (a space follows it).
    """
    groups: dict[bytes, list[bytes]] = {}
    for w in words:
        groups.setdefault(w[:1], []).append(w[1:])
    out = []
    for first, rests in sorted(groups.items()):
        parts = [_trie([r for r in rests if r], depth + 1)] if any(rests) else []
        if b"" in rests:
            parts.append(b"" if depth + 1 == 3 else b"(?= )")
        body = re.escape(first) + (parts[0] if len(parts) == 1 else b"(?:" + b"|".join(parts) + b")")
        out.append(body)
    return out[0] if len(out) == 1 else b"(?:" + b"|".join(out) + b")"


def word_heads(low: str) -> set[bytes]:
    """The wanted heads among the words of `low`: their first three ASCII letters/digits, or the
    whole word when shorter, read from an ASCII projection (other characters become spaces)."""
    global _heads_rx
    pattern = _heads_rx
    if pattern is None:
        if not _wanted:
            return set()
        pattern = _heads_rx = re.compile(b" (" + _trie(sorted(_wanted)) + b")")
    return set(pattern.findall(b" " + low.encode("ascii", "replace").translate(_ASCII_WORD_BYTES) + b" "))


# ranks: higher wins
PROSE = 1
LABELLED = 2
TABLE = 3


@dataclass(slots=True)
class Candidate:
    """One proposed value for one spec field, with the span it came from."""

    value: Any
    start: int
    end: int
    rank: int
    extra: dict[str, Any] | None = None  # companion fields decided together (sensitivity basis/ref)


@dataclass(slots=True)
class Context:
    """Input text (original and normalized), layout and the candidates found so far."""

    text: str
    norm: str
    fields: list[Field]
    csv: CsvRow | None
    title_end: int
    country: str | None = None
    low: str = ""  # norm.lower(), same length: cheap keyword gates before running a regex
    found: dict[str, list[Candidate]] = field(default_factory=dict)
    notes: list[tuple[str, str | None, str]] = field(default_factory=list)  # (code, field, message)

    # what the text can hold (ASCII, NO_CYRILLIC or ALL): anchors it cannot hold are never searched
    mode: int = 0
    plain: bool = False  # the ASCII twins of the patterns are exact on the text (see `_twins`)
    # heads of the words of a text of at least HEADS_MIN_CHARS (None for a shorter one): an anchor
    # whose head is not among them is absent, so scans search only for the others. Only wanted
    # heads are reported: read them with heads_for(want_heads(<the heads you test>)), never directly
    heads: set[bytes] | None = None
    heads_version: int = 0  # the `want_heads` version `heads` answers for
    _anchor_hits: dict[str, list[int] | tuple[()]] = field(default_factory=dict)
    cyrillic: bool = True  # False lets scans skip Cyrillic anchors
    _folds: bool | None = None  # the text holds a letter in FOLDS (see `may_mention`)
    # norm and low with every digit written "0" (of a text that is not plain: its ASCII digits, and
    # low is "" when it holds another decimal digit), made on first use (see `_digits`)
    zeroed_norm: str | None = None
    zeroed_low: str | None = None

    def __post_init__(self) -> None:
        low = self.low
        self.mode = ASCII if low.isascii() else ALL if self.cyrillic else NO_CYRILLIC
        self.plain = twins_exact(self.norm)
        if len(low) >= HEADS_MIN_CHARS:
            self.heads_version = _version
            self.heads = word_heads(low)

    def heads_for(self, version: int) -> set[bytes] | None:
        """`heads`, brought up to `version` of the wanted heads (a scan first used in this parse)."""
        if version > self.heads_version and self.heads is not None:
            self.heads_version = _version
            self.heads = word_heads(self.low)
        return self.heads

    def anchor_hits(self, anchor: str) -> list[int] | tuple[()]:
        """Every position of `anchor` in the lower-cased text (memoized: several scans share anchors)."""
        hits = self._anchor_hits.get(anchor)
        if hits is None:
            hits = []
            low = self.low
            word_start = anchor[0].isalnum()  # a word anchor only counts where a word starts
            i = low.find(anchor)
            while i >= 0:
                if not word_start or i == 0 or not low[i - 1].isalnum():
                    hits.append(i)
                i = low.find(anchor, i + 1)
            self._anchor_hits[anchor] = hits
        return hits

    def mentions(self, *keys: str) -> bool:
        """True when any keyword occurs in the lower-cased text (a gate before costly regexes)."""
        low = self.low
        for k in keys:
            if k in low:
                return True
        return False

    def may_mention(self, *keys: str) -> bool:
        """False only when no case-insensitive regex can find any keyword in the text.

        Like `mentions`, but also true for a text holding a letter that re.IGNORECASE matches to
        a keyword's letter without lower-casing to it, so a gate on it never changes a result.
        """
        if self._folds is None:
            self._folds = not self.low.isascii() and _FOLDS.search(self.low) is not None
        return self._folds or self.mentions(*keys)

    def add(self, name: str, value: Any, start: int, end: int, rank: int,
            extra: dict[str, Any] | None = None) -> None:
        """Propose `value` for field `name`, taken from `text[start:end]`."""
        self.found.setdefault(name, []).append(Candidate(value, start, end, rank, extra))

    def has(self, name: str, min_rank: int = PROSE) -> bool:
        """True when some candidate for `name` has at least `min_rank`."""
        return any(c.rank >= min_rank for c in self.found.get(name, ()))

    def labelled(self, *families: str) -> list[Field]:
        """The labelled fields of the given families, in reading order."""
        if not self.fields:
            return []
        return [f for f in self.fields if f.family in families]

    def warn(self, code: str, field_name: str | None, message: str) -> None:
        """Record a warning for the Spec."""
        self.notes.append((code, field_name, message))
