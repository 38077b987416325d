"""Numbers, units and ranges as spec sheets write them.

`normalize` maps look-alike characters (full-width digits and signs, every dash,
Ω/Ω, φ/Φ/Ø/⌀, no-break spaces) to one ASCII-ish form *without changing the
length*, so offsets found in the normalized text are offsets in the input.
`to_float` reads decimal commas ("40,5") and thousands separators ("20,000",
"20.000", "20 000"); `RANGE_SEP` is every way a range is written ("-", "~",
"to", "до", "bis", "à", and "?" where a dash was lost to encoding).
"""

from __future__ import annotations

import math
import re
import unicodedata

__all__ = ["NUM", "RANGE_SEP", "normalize", "to_float", "round_db", "shift_reference"]


# patterns used inside the extractors, compiled once (re.* calls look each up in re's cache)
_SEPS = re.compile(r"[.,]")


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII
        table[code] = chr(code - 0xFEE0)
    for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\u2043\u30fc":
        table[ord(ch)] = "-"
    for ch in "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
        table[ord(ch)] = " "
    for ch in "\u301c\u223c":  # wave dash, tilde operator
        table[ord(ch)] = "~"
    table[0x2126] = "\u03a9"  # ohm sign -> Greek capital omega
    for ch in "\u03a6\u03c6\u03d5\u00d8\u00f8\u2300":  # Φ φ ϕ Ø ø ⌀
        table[ord(ch)] = "\u00f8"
    table[0x3010] = "["
    table[0x3011] = "]"
    table[0x3001] = ","  # ideographic comma
    table[0x3002] = "."
    table[0x2019] = "'"
    table[0x00b5] = "\u03bc"  # micro sign -> mu
    for code in range(0x1D400, 0x1D800):  # mathematical bold/italic letters and digits used as "styling"
        plain = unicodedata.normalize("NFKC", chr(code))
        if len(plain) == 1 and plain != chr(code):
            table[code] = plain
    table[0x2264] = "<"  # ≤ (the bound is what matters)
    table[0x2265] = ">"
    return table


_TABLE = _build_table()


def _mapped_class() -> re.Pattern[str]:
    """A character class of runs covering every mapped character (it may cover a few unmapped ones)."""
    runs: list[list[int]] = []
    for code in sorted(_TABLE):
        if runs and code - runs[-1][1] <= 32:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs) + "]")


_MAPPED = _mapped_class()  # finds the few characters of a text that the table maps
# characters whose replacement is itself mapped to something else ("𝚽" -> "Φ" -> "ø"): `translate`
# maps once, so a text with one of these is translated, not replaced character by character
_CHAINED = frozenset(chr(code) for code, to in _TABLE.items()
                     if len(to) == 1 and _TABLE.get(ord(to), to) != to)


def normalize(text: str) -> str:
    """Map look-alike characters to one form; the result has the same length as `text`."""
    if text.isascii():
        return text  # every character the table maps is outside ASCII
    # `str.translate` looks every character of a non-ASCII text up in the table (slow for Cyrillic
    # or CJK text); replacing only the few mapped characters present gives the same string
    found = set(_MAPPED.findall(text))
    if not found.isdisjoint(_CHAINED):
        return text.translate(_TABLE)
    for ch in found:
        to = _TABLE.get(ord(ch))
        if to is not None:
            text = text.replace(ch, to)
    return text


# A number as written: digits with optional grouping/decimal separators ("20,000", "40,5", "1.250").
# The boundary checks sit after the first digit so the regex engine can still skip to digits fast.
NUM = r"\d(?:(?<![\d.,]\d)|(?<=[^\d\s.,],\d))\d*(?:[.,]\d+)*"
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*")

# range separators between two numbers (the unit of the first number may sit before it)
RANGE_SEP = (
    r"\s*(?:-{1,2}|~|\.\.\.?|…|to|through|bis|à|a|до|÷|\?)\s*"
)


def to_float(token: str, *, thousands: bool = True) -> float:
    """Read a number with a decimal comma or thousands separators.

    "20,000" and "20.000" are twenty thousand when `thousands` is true (frequencies,
    impedances, capacities); "40,5" is 40.5 either way; "0,100" is 0.1.

    >>> to_float("20,000"), to_float("40,5"), to_float("1.250", thousands=False)
    (20000.0, 40.5, 1.25)
    """
    token = token.strip().replace(" ", "")
    if thousands and _GROUPED.fullmatch(token):
        return float(_SEPS.sub("", token))
    if token.count(",") + token.count(".") > 1:
        # "1,234.5" / "1.234,5": the last separator is the decimal one
        last = max(token.rfind(","), token.rfind("."))
        whole = _SEPS.sub("", token[:last])
        return float(f"{whole}.{token[last + 1:]}")
    return float(token.replace(",", "."))


def round_db(value: float) -> float:
    """Round a dB figure to 0.1 dB (the precision of every converted sensitivity)."""
    return round(value + 0.0, 1)


def shift_reference(db: float, *, basis: str, ref_value: float) -> float:
    """Shift a sensitivity measured at `ref_value` (mW or V) to 1 mW or 1 V.

    At P mW, SPL(1 mW) = SPL(P) − 10·log10(P); at V volts, SPL(1 V) = SPL(V) − 20·log10(V)
    (0.1 V: +20 dB).
    """
    if ref_value <= 0 or not math.isfinite(ref_value):
        raise ValueError(f"reference {ref_value!r} must be a positive number")
    if basis == "mW":
        return db - 10.0 * math.log10(ref_value)
    if basis == "V":
        return db - 20.0 * math.log10(ref_value)
    raise ValueError(f"basis {basis!r} has no reference to shift")
