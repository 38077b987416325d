"""ASCII twins of the parser's regexes: the same pattern compiled with `re.ASCII`.

Most listings are plain ASCII once normalized. On an ASCII subject a pattern
compiled with `re.ASCII` matches exactly what its Unicode original matches
(`\\d`, `\\w`, `\\b` and case folding agree on ASCII characters), but the regex
engine skips its Unicode character-database lookups, which makes the parser's
full-text scans markedly faster. The two can differ on an ASCII subject in only
two ways: Unicode `\\s` also matches the information separators U+001C..U+001F
(a subject holding one gets the original), and a case-insensitive pattern
holding a non-ASCII character that folds to an ASCII letter ("İ", "ı", "ſ", the
Kelvin sign) matches that letter (such a pattern is its own twin).
"""

from __future__ import annotations

import re
import re._parser as _sre_parse  # re's own parser: the only exact way to list a pattern's characters
from typing import Any

__all__ = ["plain", "rx", "twin"]

# non-ASCII characters that re.IGNORECASE matches to an ASCII letter (checked over all of Unicode)
_FOLDS_TO_ASCII = frozenset(map(ord, "\u0130\u0131\u017f\u212a"))  # İ ı ſ and the Kelvin sign
# keyed by id(): hashing a compiled pattern hashes its whole program on every call; the entry keeps
# the pattern alive, so its id is never reused while it is a key
_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str]]] = {}


def _mentions_fold(node: Any) -> bool:
    """True when a parsed pattern holds a literal or a class range covering a folding character."""
    if isinstance(node, tuple) and len(node) == 2 and isinstance(node[1], int):
        op, value = node
        return str(op) in ("LITERAL", "NOT_LITERAL") and value in _FOLDS_TO_ASCII
    if isinstance(node, tuple) and len(node) == 2 and str(node[0]) == "RANGE":
        low, high = node[1]
        return any(low <= cp <= high for cp in _FOLDS_TO_ASCII)
    if isinstance(node, (tuple, list, _sre_parse.SubPattern)):
        return any(_mentions_fold(child) for child in node)
    return False


def twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The `re.ASCII` twin of `pattern` (memoized); `pattern` itself when no exact twin exists."""
    entry = _TWINS.get(id(pattern))
    if entry is None:
        flags = pattern.flags
        if not flags & re.UNICODE or (flags & re.IGNORECASE and
                                      _mentions_fold(_sre_parse.parse(pattern.pattern, flags))):
            found = pattern
        else:
            found = re.compile(pattern.pattern, (flags & ~re.UNICODE) | re.ASCII)
        entry = _TWINS[id(pattern)] = (pattern, found)
    return entry[1]


_SEPARATORS = re.compile("[\x1c-\x1f]")  # ASCII, yet whitespace to Unicode \\s only
# the last subject and whether twins fit it: the extractors pass the same text many times
_last: tuple[str, bool] = ("", True)


def plain(subject: str) -> bool:
    """True when the ASCII twins are exact on `subject` and on every slice of it."""
    return subject.isascii() and _SEPARATORS.search(subject) is None


def rx(pattern: re.Pattern[str], subject: str) -> re.Pattern[str]:
    """The pattern to run over `subject` (or any slice of it): its ASCII twin when that is exact."""
    global _last
    last = _last
    if last[0] is not subject:
        last = _last = (subject, plain(subject))  # one swap:
        # safe when threads parse side by side (a thread may recompute, never read a torn pair)
    if not last[1]:
        return pattern
    entry = _TWINS.get(id(pattern))
    return entry[1] if entry is not None else twin(pattern)
