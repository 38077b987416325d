"""Small helpers shared by the field extractors: clauses, foreign spans, number spans."""

from __future__ import annotations

import re
from collections.abc import Iterable

from headspec.parse._context import ASCII, NO_CYRILLIC, Context, want_heads
from headspec.parse._twins import rx, twin

# where a clause starts: punctuation that separates bullet items or sentences
# (a sentence glued to the last one, "is closed.Up to 8 hours", starts a clause too), " - " and "/ ".
# Written as one leading class, then which kind it was: a pattern led by a class lets the regex
# engine skip the other characters fast (~25 % faster than the plain alternation, same matches)
_BREAK = r"\n|;,()\[\]•◼▪✔✓√●◆➤★"
_CLAUSE_START = re.compile(rf"[{_BREAK}.!?/\s](?:(?<=[{_BREAK}])|"
                           rf"(?<=[.!?])(?:(?=\s)|(?<=[a-z]{{2}}[.!?])(?=[A-Z][a-z]))|(?<=\s)-\s|(?<=/)\s)")

# labelled families whose numbers are not the headphone's (a microphone's sensitivity, an amp's power)
FOREIGN = frozenset({"mic", "talk", "standby", "charging", "battery_capacity", "power", "snr"})


def clause_before(text: str, pos: int, limit: int = 80) -> str:
    """The text from the start of the clause holding `pos` up to `pos` (at most `limit` chars)."""
    # what follows the last clause start: split's last piece (no match is empty, so none is lost)
    return _CLAUSE_START.split(text[max(0, pos - limit):pos])[-1]


def clause_before_within(text: str, pos: int, limit: int, wide: str, wide_limit: int) -> str:
    """`clause_before(text, pos, limit)`, read off `wide = clause_before(text, pos, wide_limit)` when exact.

    Let W and w be the windows of `wide_limit` and `limit` characters ending at `pos`, s where w
    starts. A clause-start match in w at p >= s + 2 succeeds exactly when it does in W (its
    look-behinds read at most the three characters up to p, its look-aheads stop at `pos`, which
    both windows share; at s or s + 1 only when it does in W). After W's last match every position
    fails in W, so: when that match ends at or before s, none is found in w either, which is then
    all of its clause. With no "-" nor "/" in W every match is one character long ("(?<=\\s)-\\s" and
    "(?<=/)\\s" alone are longer), so the split tries every position and w's last match is W's when
    that lies at s + 2 or later (`wide` at most `limit` - 3 long).
    """
    if pos <= limit:
        return wide  # the same window: the text from 0
    if len(wide) >= limit:
        return wide[-limit:]
    lo = max(0, pos - wide_limit)
    if len(wide) <= limit - 3 and text.find("-", lo, pos) < 0 and text.find("/", lo, pos) < 0:
        return wide
    return clause_before(text, pos, limit)


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


class _Plan:
    """A scan's anchors that a text of one mode can hold, grouped by their word head (`_head`)."""

    __slots__ = ("anchors", "kept", "headless", "by_head", "heads", "version")

    def __init__(self, anchors: tuple[str, ...], kept: tuple[str, ...], headless: tuple[str, ...],
                 by_head: dict[bytes, tuple[str, ...]]) -> None:
        self.anchors = anchors  # the scan's tuple, kept alive so its id() stays unique
        self.kept = kept  # those the text can hold
        self.headless = headless
        self.by_head = by_head
        self.heads = frozenset(by_head)
        self.version = want_heads(*by_head)  # from now on a text's heads report these


# per text mode (see `Context.mode`), keyed by id(anchors): hashing the tuple on every scan costs more
_PLANS: tuple[dict[int, _Plan], ...] = ({}, {}, {})
_CYRILLIC = re.compile(r"[а-яё]")


def _head(anchor: str) -> bytes | None:
    """The key `Context.heads` must hold for `anchor` to start a word of the text, if any.

    The first three characters of the anchor's leading word; a shorter leading word that
    the anchor follows with punctuation ("on-ear", "v5.", "2.4") must be a whole word of the
    text, and the heads hold every short word whole. None for an anchor with no such key
    ("bt" may start "bt5", "$" starts no word).
    """
    run = ""
    for ch in anchor:
        if not ch.isalnum():
            break
        run += ch
    if not run or not run[:3].isascii() or len(run) < 3 and run == anchor:
        return None
    return run[:3].encode()


def _plan(mode: int, anchors: tuple[str, ...]) -> _Plan:
    """The anchors a text of `mode` can hold, grouped by head, memoized in `_PLANS` (see `_hits`).

    An ASCII text cannot hold a non-ASCII anchor and a text with no Cyrillic letter cannot
    hold a Cyrillic one, so those are dropped before any search.
    """
    plans = _PLANS[mode]
    if len(plans) > 10_000:  # only constant tuples belong here; a caller building them is bounded
        plans.clear()
    kept = [a for a in anchors if (mode != ASCII or a.isascii()) and
            (mode != NO_CYRILLIC or not _CYRILLIC.search(a))]
    by_head: dict[bytes, list[str]] = {}
    headless = []
    for a in kept:
        head = _head(a)
        if head is None:
            headless.append(a)
        else:
            by_head.setdefault(head, []).append(a)
    plan = plans[id(anchors)] = _Plan(anchors, tuple(kept), tuple(headless),
                                      {h: tuple(v) for h, v in by_head.items()})
    return plan


def _hits(ctx: Context, anchors: tuple[str, ...]) -> list[int]:
    """Every word-start position of any of `anchors`, in order (each anchor's memoized on the context).

    A word anchor only counts where a word starts, so that word begins with the anchor's
    head: only anchors whose head is among the text's word heads (`Context.heads`) are
    searched for at all, the rest being absent.
    """
    plan = _PLANS[ctx.mode].get(id(anchors))
    if plan is None or plan.anchors is not anchors:
        plan = _plan(ctx.mode, anchors)
    heads = ctx.heads if plan.version <= ctx.heads_version else ctx.heads_for(plan.version)
    if heads is None:
        todo: Iterable[str] = plan.kept
    else:
        todo = plan.headless
        if not plan.heads.isdisjoint(heads):  # no new set in the common case of no shared head
            by_head = plan.by_head
            for head in plan.heads & heads:
                todo += by_head[head]
        if not todo:
            return []
    memo = ctx._anchor_hits
    hits: list[int] = []
    for anchor in todo:
        found = memo.get(anchor)
        hits += ctx.anchor_hits(anchor) if found is None else found
    if len(hits) > 1:
        hits = sorted(set(hits))
    return hits


def any_anchor(ctx: Context, anchors: tuple[str, ...]) -> bool:
    """True when one of `anchors` starts a word of the text.

    An extractor running several scans passes the union of their anchors first: when no
    anchor of the union occurs, every one of its scans would find nothing.
    """
    return bool(_hits(ctx, anchors))


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
    if limit is not None and limit < len(low) // 2:
        ordered = word_starts(low, anchors, end)  # a short window (a title): plain finds are cheapest
    else:
        ordered = _hits(ctx, anchors)
    if not ordered:
        return []
    if text is None:
        target = ctx.norm
        if ctx.plain:
            pattern = twin(pattern)
    else:
        target = text
        pattern = rx(pattern, text)
    return matches_from(pattern, target, ordered, end)


def word_starts(low: str, anchors: Iterable[str], end: int) -> list[int]:
    """Every place in `low[:end]` where one of `anchors` occurs, in order; an anchor that starts
    with a letter or digit only where a word starts."""
    hits: set[int] = set()
    for anchor in anchors:
        word_start = anchor[0].isalnum()
        i = low.find(anchor, 0, end)
        while i >= 0:
            if not word_start or i == 0 or not low[i - 1].isalnum():
                hits.add(i)
            i = low.find(anchor, i + 1, end)
    return sorted(hits)


def matches_from(pattern: re.Pattern[str], text: str, starts: Iterable[int],
                 end: int | None = None) -> list[re.Match[str]]:
    """Non-overlapping matches of `pattern` in `text[:end]` tried at `starts` (ascending) only.

    Equal to `pattern.finditer(text, 0, end)` when every match must start at one of `starts`:
    the first success at or after a match's end is the next match, as finditer would find it.
    """
    end = len(text) if end is None else end
    out: list[re.Match[str]] = []
    last_end = -1
    for i in starts:
        if i < last_end or i >= end:
            continue
        m = pattern.match(text, i, end)
        if m is not None and m.end() > m.start():
            out.append(m)
            last_end = m.end()
    return out


def scan_first(ctx: Context, pattern: re.Pattern[str], anchors: tuple[str, ...]) -> re.Match[str] | None:
    """The first match of `pattern` starting at an anchor, or None (see `scan`)."""
    hits = _hits(ctx, anchors)
    if not hits:
        return None
    norm = ctx.norm
    if ctx.plain:
        pattern = twin(pattern)
    for i in hits:
        m = pattern.match(norm, i)
        if m is not None and m.end() > m.start():
            return m
    return None
