"""Small helpers shared by the field extractors: clauses, foreign spans, number spans."""

from __future__ import annotations

import re

from headspec.parse._context import Context
from headspec.parse._twins import rx

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
    for m in rx(_CLAUSE_START, window).finditer(window):
        last = m.end()
    return window[last:] if last is not None else window


def clause_after(text: str, pos: int, limit: int = 60) -> str:
    """The text from `pos` to the end of its clause (at most `limit` chars)."""
    window = text[pos:pos + limit]
    m = rx(_CLAUSE_START, window).search(window)
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


# an anchor with its gate: the first three characters of its leading word when they are ASCII
# letters/digits (None when it has no such head, e.g. "$", "bt", "2.4")
_Plan = tuple[tuple[str, bytes | None], ...]
_PLANS: dict[tuple[tuple[str, ...], int], _Plan] = {}
_ALL, _NO_CYRILLIC, _ASCII = 0, 1, 2  # what the text can contain, see `_plan`


def _head(anchor: str) -> bytes | None:
    run = ""
    for ch in anchor:
        if not ch.isalnum():
            break
        run += ch
    head = run[:3]
    return head.encode() if len(head) == 3 and head.isascii() else None


def _plan(ctx: Context, anchors: tuple[str, ...]) -> _Plan:
    """The anchors that can occur in this text, each with its word-head gate (memoized per tuple).

    An ASCII text cannot hold a non-ASCII anchor and a text with no Cyrillic letter cannot
    hold a Cyrillic one, so those are dropped before any search.
    """
    mode = _ASCII if ctx.low.isascii() else _ALL if ctx.cyrillic else _NO_CYRILLIC
    plan = _PLANS.get((anchors, mode))
    if plan is None:
        kept = [a for a in anchors if (mode != _ASCII or a.isascii()) and
                (mode != _NO_CYRILLIC or not _CYRILLIC.search(a))]
        plan = _PLANS[(anchors, mode)] = tuple((a, _head(a) if a[0].isalnum() else None) for a in kept)
    return plan


def _hits(ctx: Context, plan: _Plan, hits: set[int]) -> None:
    """Add to `hits` every word-start position of every anchor in `plan` (memoized per anchor).

    A word anchor only counts where a word starts, so that word begins with the anchor's
    head: when no word of the text has that head (`Context.word_heads`), the anchor is absent
    and its full-text search is skipped.
    """
    memo = ctx._anchor_hits
    heads = ctx.word_heads()
    low = ctx.low
    for anchor, head in plan:
        found = memo.get(anchor)
        if found is None:
            if (heads is not None and head is not None and head not in heads) or anchor not in low:
                memo[anchor] = ()
                continue
            found = ctx.anchor_hits(anchor)
        if found:
            hits.update(found)


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
        _hits(ctx, _plan(ctx, anchors), hits)
    if not hits:
        return []
    target = ctx.norm if text is None else text
    pattern = rx(pattern, target)
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
    _hits(ctx, _plan(ctx, anchors), hits)
    norm = ctx.norm
    pattern = rx(pattern, norm)
    for i in sorted(hits):
        m = pattern.match(norm, i)
        if m is not None and m.end() > m.start():
            return m
    return None
