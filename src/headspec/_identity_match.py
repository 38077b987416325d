"""Whether two identified titles name the same model, when their merge keys differ.

The rules (flags agree, brands do not conflict, then the same tokens in another order,
the same leading code with no conflicting series or qualifier word, an added catalogue
number or description word, a part number that is the other's code) are described in
`headspec.identity`; `same_identity` applies them with a score in 0..1.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from headspec._identity_words import (
    DISTINGUISHERS,
    HAS_ALPHA,
    HAS_DIGIT,
    ROMAN,
    TOKEN_RE,
    WEAK_WORDS,
    brand_family,
)

if TYPE_CHECKING:
    from headspec.identity import Identity


def _distinguishers(tokens: tuple[str, ...] | list[str]) -> frozenset[str]:
    out = set()
    for t in tokens:
        if t in DISTINGUISHERS or t.startswith("gen") and t[3:].isdigit() or t.isdigit() and len(t) <= 2:
            out.add(t)
    return frozenset(out)



def _generic_same(ga: str, gb: str) -> bool:
    """Generic titles: the same words, allowing one to be cut short (feeds truncate titles) or to
    differ by a word or two in a long title (sellers reorder their SEO words)."""
    if not ga or not gb:
        return False
    if ga == gb:
        return True
    wa, wb = ga.split(), gb.split()
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) >= 6 and long_[:len(short) - 1] == short[:-1]:
        return True  # truncated: the last word of the shorter may be cut mid-word
    sa, sb = set(wa), set(wb)
    return min(len(sa), len(sb)) >= 8 and len(sa & sb) / len(sa | sb) >= 0.85



def _similarity(a: Identity, b: Identity) -> float:
    ta = set(TOKEN_RE.findall(a.model.lower())) | set(a.codes)
    tb = set(TOKEN_RE.findall(b.model.lower())) | set(b.codes)
    if not ta and not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


def _extra_catalogue_number(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """'Freebuds 3' vs 'Freebuds 3 CM-SHK00': the longer adds only a catalogue number to a named model."""
    gs = [t for t in short if t.startswith("gen") and t[3:].isdigit()]
    gl = [t for t in long if t.startswith("gen") and t[3:].isdigit()]
    if gs != gl:
        return False
    s = [t for t in short if t not in gs]
    lg = [t for t in long if t not in gl]
    if not s or len(lg) <= len(s) or lg[:len(s)] != s:
        return False
    if len(s) < 2 and not HAS_DIGIT.search(s[0]):
        return False
    if all(t in WEAK_WORDS for t in s):
        return False
    return all(len(t) >= 4 and HAS_DIGIT.search(t) and HAS_ALPHA.search(t) for t in lg[len(s):])


def _colour_letter_twins(x: str, y: str) -> bool:
    """'wh1000xm4b' and 'wh1000xm4': a Sony-style one-letter colour suffix (B black, W white)."""
    short, long_ = (x, y) if len(x) < len(y) else (y, x)
    return (len(long_) == len(short) + 1 and len(short) >= 5 and long_.startswith(short)
            and long_[-1] in "bw" and short[-1].isdigit())


def _extra_soft_words(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """'QuietComfort 3' vs 'QuietComfort 3 Acoustic': a numbered model plus a word or two of
    description; never when an extra word tells models apart (Pro, Plus, Lite, Gen 2 ...)."""
    if not short or len(long) <= len(short) or len(long) - len(short) > 3 or long[:len(short)] != short:
        return False
    if not any(HAS_DIGIT.search(t) for t in short) or all(t in WEAK_WORDS for t in short):
        return False
    return not any(HAS_DIGIT.search(t) or t in DISTINGUISHERS or t in WEAK_WORDS or t in ROMAN
                   for t in long[len(short):])


def same_identity(a: Identity, b: Identity) -> tuple[bool, float]:
    """Whether `a` and `b` are the same model, and how sure (0..1); see `headspec.identity`."""
    sim = _similarity(a, b)
    if a.compatible != b.compatible or a.knockoff_suspect != b.knockoff_suspect:
        return False, round(0.3 * sim, 3)
    fa, fb = brand_family(a.brand), brand_family(b.brand)
    if fa is not None and fb is not None and fa != fb:
        return False, round(0.2 * sim, 3)
    if not a.key or not b.key:
        return False, round(0.3 * sim, 3)
    if a.key == b.key:
        return True, round(0.9 + 0.1 * sim, 3)
    if "~" in a.key or "~" in b.key:
        if "~" in a.key and "~" in b.key and _generic_same(a.key[a.key.index("~") + 1:],
                                                           b.key[b.key.index("~") + 1:]):
            return True, round(0.75 + 0.15 * sim, 3)
        return False, round(0.4 * sim, 3)
    ia = [t for t in a.tokens if t.endswith("ohm") and t[:-3].isdigit()]
    ib = [t for t in b.tokens if t.endswith("ohm") and t[:-3].isdigit()]
    if ia and ib and ia != ib:
        return False, round(0.4 * sim, 3)  # impedance versions of one line are separate models
    if sorted(a.tokens) == sorted(b.tokens):
        return True, round(0.8 + 0.15 * sim, 3)  # "Galaxy Buds 2 Pro" / "Galaxy Buds Pro 2"
    if a.model_key == b.model_key:
        return True, round(0.9 + 0.1 * sim, 3)
    qa, qb = _distinguishers(a.tokens), _distinguishers(b.tokens)
    if a.codes and b.codes:
        a_all = set(a.codes) | set(a.part_numbers)
        b_all = set(b.codes) | set(b.part_numbers)
        if (a.codes[0] == b.codes[0] or a.codes[0] in b_all or b.codes[0] in a_all
                or _colour_letter_twins(a.codes[0], b.codes[0])):
            na = {t for t in a.tokens if not HAS_DIGIT.search(t)} - DISTINGUISHERS - WEAK_WORDS
            nb = {t for t in b.tokens if not HAS_DIGIT.search(t)} - DISTINGUISHERS - WEAK_WORDS
            if na and nb and not na & nb:
                return False, round(0.45 * sim, 3)  # "Tune 770NC" vs "Live 770NC": other series
            if qa == qb:
                return True, round(0.8 + 0.15 * sim, 3)
            return False, round(0.45 * sim + 0.1, 3)
        return False, round(0.3 * sim, 3)
    if _extra_catalogue_number(a.tokens, b.tokens) or _extra_catalogue_number(b.tokens, a.tokens):
        return True, round(0.75 + 0.15 * sim, 3)
    if _extra_soft_words(a.tokens, b.tokens) or _extra_soft_words(b.tokens, a.tokens):
        return True, round(0.7 + 0.15 * sim, 3)
    if (set(a.codes) | set(a.part_numbers)) & (set(b.codes) | set(b.part_numbers)):
        if qa == qb:
            return True, round(0.75 + 0.15 * sim, 3)
        return False, round(0.45 * sim + 0.1, 3)
    return False, round(0.45 * sim, 3)
