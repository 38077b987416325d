"""The fast paths of driver.py (word-head gates, lower-case twins) give what the plain regexes give."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from headspec.parse import _core, driver
from headspec.parse._context import Context
from headspec.parse._core import make_context
from headspec.parse._twins import folded
from headspec.parse._util import any_anchor, clause_after, clause_before, in_foreign, scan

_CY = re.compile(r"[а-яё]")


def _context(text: str) -> Context:
    return make_context(text)  # as parse_spec builds it


def _reference(ctx: Context) -> None:
    """driver.driver's prose part written with the plain patterns over `norm` (no gate, no twin)."""
    norm = ctx.norm
    for m in driver._MM.finditer(norm):
        if in_foreign(ctx, m.start()):
            continue
        before = clause_before(norm, m.start(), 50)
        after = clause_after(norm, m.end(), 40)
        near_after = after[:25]
        if driver._NOT_DRIVER.search(before[-20:]) or driver._NOT_DRIVER.match(near_after.strip()):
            continue
        if driver._DIMENSIONS.match(after):
            continue
        if driver._DRIVER_WORD.search(near_after) or driver._DRIVER_WORD.search(before[-30:]):
            driver._add_mm(ctx, m, 0, driver.PROSE)
    for m in driver._NOTATION.finditer(norm):
        parts = driver._NOTATION_PART.findall(m["all"])
        kinds = {driver._PART_TYPE[folded(p[1])] for p in parts}
        if len(parts) == 1 and folded(parts[0][1]) in ("planar", "dynamic"):
            continue
        if any(p[0] == "0" for p in parts):
            continue
        kind = kinds.pop() if len(kinds) == 1 else "hybrid"
        ctx.add("driver_type", "hybrid" if kind == "piezo" else kind, m.start(), m.end(), driver.LABELLED)
        ctx.add("driver_count", sum(int(p[0]) for p in parts), m.start(), m.end(), driver.LABELLED)
    anchors = tuple(a for group in driver._TYPE_ANCHORS.values() for a in group)
    for kind, pattern in driver._TYPES if any_anchor(ctx, anchors) else ():
        for m in scan(ctx, pattern, driver._TYPE_ANCHORS[kind]):
            start = m.start()
            if in_foreign(ctx, start) or driver._OTHER_PRODUCT.search(clause_before(norm, start, 50)) \
                    or driver._NOT_BEFORE.search(norm, max(0, start - 12), start):
                continue
            ctx.add("driver_type", kind, m.start(), m.end(), driver.PROSE)
    for m in scan(ctx, driver._COUNT_WORDS, driver._COUNT_ANCHORS) if ctx.mentions("driver") else ():
        ctx.add("driver_count", driver._COUNT_VALUE[folded(m["w"])], m.start(), m.end(), driver.PROSE)


def _fast(ctx: Context) -> None:
    """driver.driver without its labelled fields (the reference has none: no labels in the texts)."""
    mms = driver._mm_matches(ctx)
    if mms:
        driver._mm_in_prose(ctx, mms)
    driver._types(ctx)


PIECES = [
    "40mm dynamic driver", "3.5mm jack", "6.0*5.0mm", "10 mm drivers", "1DD+4BA", "1 DD + 2 BA",
    "2EST+4BA+1DD", "4 BAs", "2 Planar", "1 dynamic", "bass", "BAS", "dual dynamic drivers", "twin-driver",
    "three drivers",
    "bone conduction", "than bone conduction", "not a planar", "unlike planar magnetic", "balanced armature",
    "BA drivers", "hybrid driver", "moving-coil", "electrostatic", "orthodynamic", "conduzione ossea",
    "knochenleitung", "40 мм динамик", "динамический драйвер", "гибридный излучатель", "костной проводимости",
    "drıver", "ſpeaker", "dual drıvers", "1 Dſ", "ESTſ", "\u0130", "\u212a", "dynamıc driver", "10mm unıt",
    "\u0661DD", "\u0662 BA", "\u0663 Planar", "\u0664\u00a0dynamic", "é1DD", "1ᴅᴅ", "\x1c", "\x1f2 BA",
    "cable", "mic", "Kabel", "штекер", "unit", "UNITS", "DD", "x", "_", "-", "+", ".", ",", ";", "\n", " ",
    " ", "regular", "vs.", "other", "conventional", "screwdriver", "Driver:", "speaker", "transducer", "50mm",
    "Ø40mm", "40 millimeter", "±1mm", "13.4mm", "2×", "0DD", "12BA", "conduction osseuse",
    "Conduction Oſſeuse",
    "conduzione  ossea", "conduction", "osseuse", "\u0665dynamic", "5  Dynamic", "7\tplanars", "mm", "3",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(PIECES) for _ in range(rng.randint(1, 14))]
        seps = [rng.choice(["", " ", " ", ", ", "-", "+"]) for _ in words]
        text = "".join(w + s for w, s in zip(words, seps, strict=True))
        if rng.random() < 0.2:
            text = text.upper()
        out.append(text)
    return out


@pytest.mark.parametrize("seed", range(4))
def test_driver_fast_paths_match_plain_patterns(seed: int) -> None:
    for text in _texts(1500, seed):
        if not text.strip():
            continue
        try:
            _core._check_input(text)
        except Exception:
            continue
        fast, ref = _context(text), _context(text)
        assert _outcome(_fast, fast) == _outcome(_reference, ref), text


def _outcome(run: Callable[[Context], None], ctx: Context) -> object:
    """What `run` found ("2 Dynamıc" once raised KeyError in both; see test_properties)."""
    run(ctx)
    return ctx.found
