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

__all__ = ["FOLDS", "folded", "lower_twin", "plain", "rx", "twin"]

# letters that re.IGNORECASE matches to a Latin or Cyrillic letter without lower-casing to it
# ("ſ" ~ "s", "ı" ~ "i", "ᲀ" ~ "в"; the Latin/Cyrillic entries of re._casefix)
FOLDS = "ıſẛᲀᲁᲂᲃᲄᲅᲆᲇᲈ"
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


# the last subject and whether twins fit it: the extractors pass the same text many times
_last: tuple[str, bool] = ("", True)


def plain(subject: str) -> bool:
    """True when the ASCII twins are exact on `subject` and on every slice of it."""
    return subject.isascii() and "\x1c" not in subject and "\x1d" not in subject and "\x1e" not in subject \
        and "\x1f" not in subject  # four memchr scans beat one regex pass


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


# Latin and Cyrillic letters that IGNORECASE relates to more than their own upper/lower case
# (re._casefix); a text holding one is refused by `Context.may_mention`, a pattern holding one here
_EXTRA_FOLDS = frozenset(map(ord, FOLDS)) | _FOLDS_TO_ASCII
_LOWER_TWINS: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def _lower_only(node: Any) -> bool:
    """True when every cased character a parsed pattern names is a lower-case Latin or Cyrillic letter."""
    if isinstance(node, tuple) and len(node) == 2:
        op, value = str(node[0]), node[1]
        if op in ("LITERAL", "NOT_LITERAL"):
            return _lower_letter(value)
        if op == "RANGE":
            return all(_lower_letter(cp) for cp in range(value[0], value[1] + 1))
        if op in ("GROUPREF", "GROUPREF_EXISTS"):
            return False  # a back-reference compares case-insensitively
        if op == "SUBPATTERN" and (value[1] | value[2]) & re.IGNORECASE:
            return False  # "(?-i:...)" inside
    if isinstance(node, (tuple, list, _sre_parse.SubPattern)):
        return all(_lower_only(child) for child in node)
    return True


def _lower_letter(cp: int) -> bool:
    ch = chr(cp)
    if ch.lower() == ch.upper():
        return True  # not a cased letter: digits, punctuation, spaces, CJK
    return ch == ch.lower() and cp not in _EXTRA_FOLDS and (cp < 0x370 or 0x400 <= cp < 0x530)


def lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` without IGNORECASE, for the lower-cased text; None when that would not be exact.

    A case-insensitive pattern whose letters are all lower-case Latin/Cyrillic finds on the
    lower-cased text (same length, same offsets) exactly what it finds on the text, unless
    the text holds a letter IGNORECASE folds specially ("ſ" ~ "s"): callers check that with
    `Context.may_mention()`. Without IGNORECASE a literal alternation lets the regex engine
    skip ahead instead of trying every alternative at every character.
    """
    entry = _LOWER_TWINS.get(id(pattern))
    if entry is None:
        found = None
        if pattern.flags & re.IGNORECASE and _lower_only(_sre_parse.parse(pattern.pattern, pattern.flags)):
            found = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
        entry = _LOWER_TWINS[id(pattern)] = (pattern, found)
    return entry[1]


# lower-case letters of a word re.IGNORECASE matched, mapped to the Latin letter they matched as
_FOLDED = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})  # "İ".lower() is "i" + U+0307


def folded(word: str) -> str:
    """`word` lower-cased as a case-insensitive pattern read it: "Dynamıc" -> "dynamic", "Vrmſ" -> "vrms".

    A vocabulary looked up with a word a case-insensitive regex matched must use this, not
    `lower()`: IGNORECASE lets "ı", "ſ" and "İ" stand for "i" and "s", which `lower()` keeps.
    """
    low = word.lower()
    return low if low.isascii() else low.translate(_FOLDED)
