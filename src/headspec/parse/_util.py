"""Small helpers shared by the field extractors: clauses, foreign spans, number spans."""

from __future__ import annotations

import re

from headspec.parse._context import Context

# where a clause starts: punctuation that separates bullet items or sentences
# (a sentence glued to the last one, "is closed.Up to 8 hours", starts a clause too)
_CLAUSE_START = re.compile(r"[\n|;,()\[\]•◼▪✔✓√●◆➤★]|[.!?](?:(?=\s)|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z]))|"
                           r"\s-\s|/\s")

# labelled families whose numbers are not the headphone's (a microphone's sensitivity, an amp's power)
FOREIGN = frozenset({"mic", "talk", "standby", "charging", "battery_capacity", "power", "snr"})


def clause_before(text: str, pos: int, limit: int = 80) -> str:
    """The text from the start of the clause holding `pos` up to `pos` (at most `limit` chars)."""
    lo = max(0, pos - limit)
    window = text[lo:pos]
    last = None
    for m in _CLAUSE_START.finditer(window):
        last = m.end()
    return window[last:] if last is not None else window


def clause_after(text: str, pos: int, limit: int = 60) -> str:
    """The text from `pos` to the end of its clause (at most `limit` chars)."""
    window = text[pos:pos + limit]
    m = _CLAUSE_START.search(window)
    return window[:m.start()] if m else window


def in_foreign(ctx: Context, pos: int, allowed: frozenset[str] = frozenset()) -> bool:
    """True when `pos` lies in the value of a labelled field of a foreign family."""
    if not ctx.fields:
        return False
    for f in ctx.fields:
        if f.start <= pos < f.end and f.family in FOREIGN and f.family not in allowed:
            return True
    return False


def field_at(ctx: Context, pos: int) -> str | None:
    """The family of the labelled field whose value holds `pos`, if any."""
    for f in ctx.fields:
        if f.start <= pos < f.end:
            return f.family
    return None


_LATIN: dict[tuple[str, ...], tuple[str, ...]] = {}


def _latin_only(anchors: tuple[str, ...]) -> tuple[str, ...]:
    """The anchors without Cyrillic letters (a text with none cannot contain them)."""
    out = _LATIN.get(anchors)
    if out is None:
        out = _LATIN[anchors] = tuple(a for a in anchors if not _CYRILLIC.search(a))
    return out


_CYRILLIC = re.compile(r"[а-яё]")


def scan(ctx: Context, pattern: re.Pattern[str], anchors: tuple[str, ...],
         text: str | None = None, limit: int | None = None) -> list[re.Match[str]]:
    """Non-overlapping matches of `pattern` that start where one of `anchors` occurs.

    A regex whose alternatives start with different words cannot use the regex
    engine's literal-prefix scan, so scanning a long text with it is slow;
    `str.find` on the lower-cased text locates the few places worth trying.
    Every alternative of `pattern` must start with one of the (lower-case) anchors.
    """
    low = ctx.low
    end = len(low) if limit is None else limit
    hits: set[int] = set()
    if limit is not None and limit < len(low) // 2:
        for anchor in anchors:  # a short window (a title): plain finds are cheapest
            word_start = anchor[0].isalnum()
            i = low.find(anchor, 0, end)
            while i >= 0:
                if not word_start or i == 0 or not low[i - 1].isalnum():
                    hits.add(i)
                i = low.find(anchor, i + 1, end)
    else:
        memo = ctx._anchor_hits
        if not ctx.cyrillic:
            anchors = _latin_only(anchors)
        for anchor in anchors:
            found = memo.get(anchor)
            if found is None:
                i = low.find(anchor)
                if i < 0:
                    memo[anchor] = ()
                    continue
                found = ctx.anchor_hits(anchor)
            if found:
                hits.update(found)
    if not hits:
        return []
    target = ctx.norm if text is None else text
    out: list[re.Match[str]] = []
    last_end = -1
    for i in sorted(hits):
        if i < last_end or i >= end:
            continue
        m = pattern.match(target, i, end)
        if m is not None and m.end() > m.start():
            out.append(m)
            last_end = m.end()
    return out


def scan_first(ctx: Context, pattern: re.Pattern[str], anchors: tuple[str, ...]) -> re.Match[str] | None:
    """The first match of `pattern` starting at an anchor, or None (see `scan`)."""
    hits: set[int] = set()
    memo = ctx._anchor_hits
    low = ctx.low
    for anchor in anchors if ctx.cyrillic else _latin_only(anchors):
        found = memo.get(anchor)
        if found is None:
            if anchor not in low:
                memo[anchor] = ()
                continue
            found = ctx.anchor_hits(anchor)
        hits.update(found)
    norm = ctx.norm
    for i in sorted(hits):
        m = pattern.match(norm, i)
        if m is not None and m.end() > m.start():
            return m
    return None
