"""Vectorized parsing of clean numeric tables (AutoEq CSV, REW text): the fast read path.

``parse_decimals`` turns a whole byte buffer of plain decimals (``-12.34``, ``20``,
``.5``; no exponents, no ``nan``) into float64 with a handful of numpy passes
instead of one Python or C ``strtod`` call per number. Each number's digits are
packed into a 64-bit integer with the SWAR trick (8 digits per word, combined
by a few multiply-shifts), giving the exact integer mantissa ``m`` (at most 15 digits,
so below 2**53) and the count ``k`` of digits after the point; ``m / 10.0**k`` is
then correctly rounded, because both operands are exact and IEEE division rounds
once (Clinger's fast path). The values are therefore bit-identical to ``float()``.

Anything unusual (an exponent, ``nan``, a stray character, a sign inside a
number, more than 15 digits) makes it return None, and the caller falls back to
the careful line-by-line parser, which names the line that is wrong.
"""

from __future__ import annotations

import numpy as np

from headspec.fr.grid import FloatArray

_P10 = 10.0 ** np.arange(23)
# _KEEP[n]: mask keeping the top n bytes of a little-endian 64-bit word (the last n digits loaded).
_KEEP = np.array([0] + [((1 << (8 * n)) - 1) << (8 * (8 - n)) for n in range(1, 9)], dtype=np.uint64)
_PAIRS = np.uint64(0x000000FF000000FF)
_MUL_HI = np.uint64(100 + (1000000 << 32))
_MUL_LO = np.uint64(1 + (10000 << 32))
_SH8, _SH16, _SH32 = np.uint64(8), np.uint64(16), np.uint64(32)
_TEN = np.uint64(10)
MAX_DIGITS = 15  # every integer below 10**15 is exact in float64


def _swar8(v: np.ndarray) -> np.ndarray:
    """Eight digit bytes (0-9, most significant in the lowest byte) per word -> their integer value.

    The multiply-shift form of simdjson/fast_float: pairs of digits first, then two
    multiplications whose overflow past 64 bits is harmless, to combine them into 8 digits.
    """
    v = v * _TEN + (v >> _SH8)
    return ((v & _PAIRS) * _MUL_HI + ((v >> _SH16) & _PAIRS) * _MUL_LO) >> _SH32


def parse_decimals(buf: bytes, *, checked: bool = False) -> tuple[FloatArray, np.ndarray, np.ndarray] | None:
    """Every number in ``buf``, its byte offset, and whether it opens a line.

    ``buf`` may hold only digits, ``.``, ``-``, ``+``, separators (``,`` ``;`` space, tab)
    and line ends (``checked=True``: the caller has made sure of that); numbers are runs
    of non-separators. A number opens a line when it starts ``buf`` or follows ``\\n``
    directly (a line that begins with a separator is the caller's to refuse). Returns
    None for anything this fast path does not handle exactly like ``float()``.
    """
    if not checked and buf.translate(None, b"0123456789.-+,; \t\r\n"):
        return None
    a = np.frombuffer(buf, dtype=np.uint8)
    d = a - np.uint8(48)
    isdig = d < 10
    if b"+" in buf:
        tok = a - np.uint8(43)  # '+' 0, ',' 1, '-' 2, '.' 3, digits 5..14; ';' and the blanks fall outside
        tok = (tok < 15) & (tok != 1)
    else:
        tok = (a > 44) & (a != 59)  # '-' '.' and digits; not ',' ';' or the blanks
    edge = np.zeros(a.size + 1, dtype=bool)
    if a.size:
        edge[0], edge[-1] = tok[0], tok[-1]
        np.not_equal(tok[1:], tok[:-1], out=edge[1:-1])
    bounds = np.flatnonzero(edge)
    if bounds.size == 0:
        return np.empty(0), np.empty(0, dtype=np.int64), np.empty(0, dtype=bool)
    starts, ends = bounds[0::2], bounds[1::2]
    ndigits = np.zeros(a.size + 1, dtype=np.int32)  # ndigits[i]: digits in buf[:i]
    np.cumsum(isdig, out=ndigits[1:])
    digits_to_end = ndigits[ends].astype(np.int64)
    ndig = digits_to_end - ndigits[starts]
    first = a[starts]
    signed = (first == 45) | (first == 43)
    others = (ends - starts) - ndig - signed  # points, or signs that are not in front
    if ndig.min() < 1 or ndig.max() > MAX_DIGITS or others.max() > 1:
        return None  # no digits, too many digits, or two non-digits after the sign
    dots = np.flatnonzero(a == 46)
    if dots.size == starts.size:  # the usual table: every number has a point
        if not others.all():
            return None  # then some number has two points, or a sign inside
        frac = digits_to_end - ndigits[dots]
    else:
        with_dot = np.flatnonzero(others)
        if with_dot.size != dots.size:
            return None  # a sign inside a number (it took a point's place in `others`)
        frac = np.zeros(starts.size, dtype=np.int64)
        frac[with_dot] = digits_to_end[with_dot] - ndigits[dots]
    # All digits in one stream, 16 zero bytes in front so 8-byte loads never start before it.
    stream = np.zeros(int(digits_to_end[-1]) + 16, dtype=np.uint8)
    np.compress(isdig, d, out=stream[16:])
    words = np.ndarray((stream.size - 7,), dtype="<u8", buffer=stream, strides=(1,))
    last = digits_to_end + 8  # load the 8 bytes ending at each number's last digit
    mant = _swar8(words[last] & _KEEP[np.minimum(ndig, 8)]).astype(np.float64)
    long = np.flatnonzero(ndig > 8)
    if long.size:
        high = _swar8(words[last[long] - 8] & _KEEP[ndig[long] - 8]).astype(np.float64)
        mant[long] += high * 1e8
    values = mant / _P10[frac]
    values = np.where(first == 45, -values, values)  # '-0.00' stays -0.0, as float() has it
    opens_line = a[starts - 1] == 10
    opens_line[0] = starts[0] == 0 or bool(opens_line[0])
    return values, starts, opens_line
