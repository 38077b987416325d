"""Spec values from structured fields (spec-table columns, feed `fields`), with their meaning.

Column names are matched case-insensitively. Only columns whose unit is certain are read:
`db/mw` (dB SPL/mW), `db/vrms` (dB SPL/V), `impedance` (ohm), `94db voltage` (mVrms needed for
94 dB SPL, as Audio Science Review measures: S_V = 94 − 20·log10(mV/1000)), `driver`, `back`, `form`.
"""

from __future__ import annotations

import math
import re
from typing import Any

from headspec.spec import db_per_mw_from_db_per_v, db_per_v_from_db_per_mw

_FLOAT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*$")

_DRIVERS = {
    "dynamic": "dynamic",
    "planar": "planar",
    "planar magnetic": "planar",
    "orthodynamic": "planar",
    "electrostatic": "electrostatic",
    "estat": "electrostatic",
    "balanced armature": "balanced_armature",
    "ba": "balanced_armature",
    "hybrid": "hybrid",
    "bone conduction": "bone_conduction",
}
_BACKS = {
    "open": "open",
    "closed": "closed",
    "semi-open": "semi-open",
    "semi open": "semi-open",
    "semi": "semi-open",
}
_FORMS = {
    "over-ear": "over-ear",
    "over ear": "over-ear",
    "on-ear": "on-ear",
    "on ear": "on-ear",
    "in-ear": "in-ear",
    "in ear": "in-ear",
    "iem": "in-ear",
    "earbud": "earbud",
}


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        match = _FLOAT.match(value)
        if match:
            return float(match.group(1))
    return None


def values_from_fields(fields: dict[str, Any] | None, *, form: str | None = None) -> dict[str, Any]:
    """Spec values (Spec field names) read from structured columns; unknown columns are ignored."""
    if not fields:
        return {}
    f = {str(k).strip().lower(): v for k, v in fields.items()}
    out: dict[str, Any] = {}
    impedance = _number(f.get("impedance") or f.get("impedance_ohm"))
    if impedance is not None and 1 <= impedance <= 100_000:
        out["impedance_ohm"] = impedance
    mw = _number(f.get("db/mw") or f.get("sensitivity_db_per_mw"))
    if mw is not None and 50 <= mw <= 150:
        out["sensitivity_db_per_mw"] = mw
    v = _number(f.get("db/vrms") or f.get("db/v") or f.get("sensitivity_db_per_v"))
    if v is not None and 50 <= v <= 160:
        out["sensitivity_db_per_v"] = v
    mv = _number(f.get("94db voltage"))
    if mv is not None and mv > 0 and "sensitivity_db_per_v" not in out:
        out["sensitivity_db_per_v"] = round(94.0 - 20.0 * math.log10(mv / 1000.0), 2)
    if impedance is not None and "impedance_ohm" in out:
        # Converted values are rounded to 0.1 dB, the Spec contract's rule.
        if "sensitivity_db_per_v" in out and "sensitivity_db_per_mw" not in out:
            s_v = out["sensitivity_db_per_v"]
            out["sensitivity_db_per_mw"] = round(db_per_mw_from_db_per_v(s_v, impedance), 1)
        elif "sensitivity_db_per_mw" in out and "sensitivity_db_per_v" not in out:
            s_mw = out["sensitivity_db_per_mw"]
            out["sensitivity_db_per_v"] = round(db_per_v_from_db_per_mw(s_mw, impedance), 1)
    driver = str(f.get("driver") or f.get("driver_type") or "").strip().lower()
    if driver in _DRIVERS:
        out["driver_type"] = _DRIVERS[driver]
    back = str(f.get("back") or "").strip().lower()
    if back in _BACKS:
        out["back"] = _BACKS[back]
    shape = str(f.get("form") or f.get("form_factor") or form or "").strip().lower()
    if shape in _FORMS:
        out["form_factor"] = _FORMS[shape]
    return out
