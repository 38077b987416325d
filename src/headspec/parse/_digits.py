"""Number-led whole-text scans made fast: possessive numbers and digit-blind twins.

Commerce and electrical scan whole listings for figures ("32 Ω", "30 hours", "250 g");
the patterns and the exactness arguments for both speed-ups are here, in one place.
"""

from __future__ import annotations

import re
import re._parser as _sre_parse  # re's own parser: the exact way to list a pattern's characters
from typing import Any, NamedTuple

from headspec.parse._context import Context
from headspec.parse._twins import lower_twin, twin
from headspec.parse.numbers import NUM

__all__ = ["NUM_FIRM", "DigitScan", "digit_scan", "number_found", "number_matches", "zeroed_low_any",
           "zeroed_text"]

# NUM with its digits and decimal parts taken possessively (never given back). It finds what NUM
# finds wherever what follows the number in the pattern cannot start with a digit, nor with "." or
# "," before a digit (giving digits back could only leave one of those next), or cannot fail (the
# rest of the pattern is optional); saves the regex engine retrying every shorter number first.
_NUM_TAIL = r"\d*(?:[.,]\d+)*"
assert NUM.endswith(_NUM_TAIL)
NUM_FIRM = NUM[:-len(_NUM_TAIL)] + r"\d*+(?:[.,]\d+)*+"


# Digit-blind scans. A pattern led by `\d` makes the regex engine test every character of the
# text against a character class (~5 ns a character: ~5 us for a long listing, per pattern), while
# one led by a literal character skips ahead about ten times faster. So on a plain text (ASCII, see
# `_twins`) a number-led pattern runs with "0" for `\d` over the text with every digit written
# "0": the two find the same spans at the same places, since no part of such a pattern tells one
# digit from another (`digit_scan` checks that), and each match is then taken at its start with
# the pattern itself, for its digits.
_DIGITS_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")


class DigitScan(NamedTuple):
    """A number-led pattern, the digit-blind twin that finds where its matches start, and their texts."""

    pattern: re.Pattern[str]
    low: bool  # `pattern` runs on ctx.low (else on ctx.norm)
    blind: re.Pattern[str]
    blind_low: bool  # `blind` runs on the digit-marked ctx.low (else on the marked ctx.norm)
    # `blind` without re.ASCII, for a text that is not plain (None when `blind` runs on ctx.norm);
    # `folds`: it was made case-sensitive from a case-insensitive locator (see `_unicode_zeroed`)
    blind_any: re.Pattern[str] | None = None
    folds: bool = False


def _digit_blind(node: Any) -> bool:
    """True when no item of a parsed pattern names a particular digit (nor not-a-digit, nor a group)."""
    if isinstance(node, tuple) and len(node) == 2:
        op, value = str(node[0]), node[1]
        if op in ("LITERAL", "NOT_LITERAL"):
            return not 0x30 <= value <= 0x39
        if op == "RANGE":
            return value[1] < 0x30 or value[0] > 0x39
        if op == "CATEGORY":
            return str(value) != "CATEGORY_NOT_DIGIT"
        if op in ("GROUPREF", "GROUPREF_EXISTS"):
            return False
    if isinstance(node, (tuple, list, _sre_parse.SubPattern)):
        return all(_digit_blind(child) for child in node)
    return True


def digit_scan(pattern: re.Pattern[str], *, low: bool = False,
               locator: re.Pattern[str] | None = None) -> DigitScan:
    """The digit-blind scan for `pattern` (which runs on ctx.low when `low`, else on ctx.norm).

    `locator` (default: `pattern`) is what the blind twin is made of: it must match exactly where
    `pattern` does, ending no later (a mandatory head of `pattern` followed only by optional parts).
    A case-insensitive locator with an exact lower-case twin runs as that twin on the lower-cased
    text (faster still). The blind twin is compiled with re.ASCII, so the locator must have an exact
    ASCII twin (`_twins.twin`).
    """
    locator = pattern if locator is None else locator
    source = locator.pattern
    if "\\\\" in source or not _digit_blind(_sre_parse.parse(source, locator.flags)) or \
            locator.flags & re.UNICODE and twin(locator) is locator:
        raise ValueError(f"no digit-blind twin for {source!r}")
    flags = (locator.flags & ~re.UNICODE) | re.ASCII
    blind_low = low
    if not low and lower_twin(locator) is not None:
        blind_low, flags = True, flags & ~re.IGNORECASE
    blind_source = source.replace("\\d", "0")
    blind_any = re.compile(blind_source, flags & ~re.ASCII) if blind_low else None
    return DigitScan(pattern, low, re.compile(blind_source, flags), blind_low, blind_any,
                     bool(locator.flags & re.IGNORECASE))


def zeroed_text(ctx: Context, low: bool) -> str:
    """ctx.low (or ctx.norm) of a plain text, every digit written "0" (kept on the context for reuse)."""
    if low:
        if ctx.zeroed_low is None:
            ctx.zeroed_low = ctx.low.encode("ascii").translate(_DIGITS_AS_ZERO).decode("ascii")
        return ctx.zeroed_low
    if ctx.zeroed_norm is None:
        ctx.zeroed_norm = ctx.norm.encode("ascii").translate(_DIGITS_AS_ZERO).decode("ascii")
    return ctx.zeroed_norm


# Digit-blind scans of a text that is not plain (about one listing in five: Cyrillic, "Ω", emoji).
# `DigitScan.blind_any` (run on the lower-cased text) finds on ctx.low with every ASCII digit
# written "0" what the pattern finds, provided Unicode `\d` matches only ASCII digits there: the
# text holds no other decimal digit (a character is one exactly when its lower-cased first
# character is one: checked over all of Unicode), and, for a twin made case-sensitive, no letter
# folds specially (`Context.may_mention`).
_ASCII_BYTES = bytes(range(128))
_DIGIT = re.compile(r"\d")


def _unicode_zeroed(ctx: Context, scan: DigitScan) -> str | None:
    """ctx.low of a text that is not plain, every ASCII digit "0", when `scan.blind_any` is exact on it."""
    if scan.blind_any is None or scan.folds and ctx.may_mention():
        return None
    return zeroed_low_any(ctx)


def zeroed_low_any(ctx: Context) -> str | None:
    """ctx.low of a text that is not plain with every ASCII digit "0"; None when it holds another digit."""
    if ctx.zeroed_low is None:
        # in UTF-8 an ASCII byte is always that ASCII character, so byte edits are exact
        raw = ctx.low.encode("utf-8", "surrogatepass")
        others = raw.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")
        ctx.zeroed_low = "" if _DIGIT.search(others) else \
            raw.translate(_DIGITS_AS_ZERO).decode("utf-8", "surrogatepass")
    return ctx.zeroed_low or None  # "": the text holds another decimal digit


def number_matches(ctx: Context, scan: DigitScan) -> list[re.Match[str]]:
    """Every match of `scan.pattern`, as finditer finds them (found digit-blind where that is exact)."""
    subject = ctx.low if scan.low else ctx.norm
    if ctx.plain:
        real, blind, marked = twin(scan.pattern), scan.blind, zeroed_text(ctx, scan.blind_low)
    else:
        zeroed = _unicode_zeroed(ctx, scan)
        if zeroed is None:
            return list(scan.pattern.finditer(subject))
        real, blind, marked = scan.pattern, scan.blind_any, zeroed
    out = []
    last_end = -1
    for b in blind.finditer(marked):
        if b.start() >= last_end:  # a located start inside the last match is no match of finditer's
            m = real.match(subject, b.start())
            assert m is not None  # the blind twin matched here, so the pattern does
            out.append(m)
            last_end = m.end()
    return out


def number_found(ctx: Context, scan: DigitScan) -> bool:
    """True when `scan.pattern` matches somewhere."""
    if ctx.plain:
        return scan.blind.search(zeroed_text(ctx, scan.blind_low)) is not None
    zeroed = _unicode_zeroed(ctx, scan)
    if zeroed is None:
        return scan.pattern.search(ctx.low if scan.low else ctx.norm) is not None
    return scan.blind_any.search(zeroed) is not None
