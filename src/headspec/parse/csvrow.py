"""CSV rows under a header line: columns mapped to spec fields by their header names.

Sensitivity columns carry their basis in the header ("db/mw" -> per mW, "db/vrms"
-> per volt); a "94db voltage" column (mVrms needed for 94 dB SPL, as Audio
Science Review measures) gives dB SPL/V = 94 − 20·log10(mV/1000).
"""

from __future__ import annotations

import math
import re

from headspec.parse._context import TABLE, Context
from headspec.parse.numbers import to_float

_NUMBER = re.compile(r"\s*(\d+(?:[.,]\d+)?)")
_MW_HEADERS = ("db/mw", "db spl/mw", "sensitivity (db/mw)", "sensitivity_db_mw", "db/1mw")
_V_HEADERS = ("db/vrms", "db/v", "db spl/v", "sensitivity (db/v)", "sensitivity_db_v", "db/1v")
_IMPEDANCE_HEADERS = ("impedance", "impedance (ohm)", "impedance_ohm", "ohm", "ohms", "z")


def _number(cell: tuple[str, int, int] | None) -> tuple[float, int, int] | None:
    if cell is None:
        return None
    m = _NUMBER.match(cell[0])
    if m is None:
        return None
    return to_float(m.group(1), thousands=False), cell[1] + m.start(1), cell[1] + m.end(1)


def sound_library(ctx: Context) -> None:
    """Fields from a CSV row: impedance, sensitivity by column basis, and the ASR 94 dB voltage."""
    if ctx.csv is None:
        return
    cells = ctx.csv.cells
    for header in _IMPEDANCE_HEADERS:
        got = _number(cells.get(header))
        if got and got[0] > 0:
            ctx.add("impedance_ohm", got[0], got[1], got[2], TABLE, {"impedance_tolerance_pct": None})
            break
    mw = next((g for h in _MW_HEADERS if (g := _number(cells.get(h)))), None)
    v = next((g for h in _V_HEADERS if (g := _number(cells.get(h)))), None)
    if mw is not None:
        ctx.add("sensitivity_db", mw[0], mw[1], mw[2], TABLE,
                {"sensitivity_basis": "mW", "sensitivity_ref": "1 mW", "ref_value": 1.0,
                 "given_per_v": v[0] if v else None})
    elif v is not None:
        ctx.add("sensitivity_db", v[0], v[1], v[2], TABLE,
                {"sensitivity_basis": "V", "sensitivity_ref": "1 Vrms", "ref_value": 1.0})
    mv = _number(cells.get("94db voltage"))
    if mv is not None and mv[0] > 0 and mw is None and v is None:
        db_v = 94.0 - 20.0 * math.log10(mv[0] / 1000.0)
        ctx.add("sensitivity_db", round(db_v, 1), mv[1], mv[2], TABLE,
                {"sensitivity_basis": "V", "sensitivity_ref": f"94 dB SPL at {mv[0]:g} mVrms",
                 "ref_value": 1.0})
