"""Jinja filters and labels: how numbers and spec fields read on a page."""

from __future__ import annotations

import math
import re
from typing import Any

# spec field -> (label, unit shown after the number)
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "brand": ("Brand", ""), "model": ("Model", ""), "is_headphone": ("Is a headphone", ""),
    "impedance_ohm": ("Impedance", "Ω"), "impedance_tolerance_pct": ("Impedance tolerance", "%"),
    "sensitivity_db": ("Sensitivity (as stated)", "dB"), "sensitivity_basis": ("Sensitivity basis", ""),
    "sensitivity_ref": ("Sensitivity reference", ""), "sensitivity_db_per_mw": ("Sensitivity", "dB/mW"),
    "sensitivity_db_per_v": ("Sensitivity", "dB/V"), "freq_low_hz": ("Frequency response from", "Hz"),
    "freq_high_hz": ("Frequency response to", "Hz"), "thd_percent": ("THD", "%"),
    "driver_mm": ("Driver size", "mm"), "driver_type": ("Driver type", ""), "driver_count": ("Drivers", ""),
    "form_factor": ("Form factor", ""), "form": ("Form factor", ""), "true_wireless": ("True wireless", ""),
    "back": ("Back", ""), "anc": ("Noise cancelling (ANC)", ""), "wireless": ("Wireless", ""),
    "bluetooth_version": ("Bluetooth", ""), "bluetooth_codecs": ("Codecs", ""), "weight_g": ("Weight", "g"),
    "battery_h": ("Battery (per charge)", "h"), "battery_total_h": ("Battery (with case)", "h"),
    "price_amount": ("Price", ""), "price_currency": ("Currency", ""), "condition": ("Condition", ""),
    "price_min": ("Lowest price", ""), "score": ("Preference score", ""),
    "impedance_max": ("Impedance at most", "Ω"), "sensitivity_min": ("Sensitivity at least", "dB/mW"),
    "price_max": ("Price at most", ""), "drivable_by": ("Drivable by", ""), "driver": ("Driver type", ""),
}


def num(value: Any, digits: int = 1) -> str:
    """A number without noise: 300 -> '300', 97.25 -> '97.3', None -> '—'."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}".replace(",", " ") if abs(value) >= 10000 else str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "—"
        if value.is_integer() and abs(value) < 1e6:
            return str(int(value))
        text = f"{value:.{digits}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def value(field: str, val: Any) -> str:
    """A spec value with its unit, readable: 'impedance_ohm', 300 -> '300 Ω'."""
    if val is None:
        return "—"
    if isinstance(val, bool):
        return "yes" if val else "no"
    if isinstance(val, list | tuple):
        return ", ".join(str(v) for v in val) if val else "—"
    unit = FIELD_LABELS.get(field, ("", ""))[1]
    if field in {"freq_low_hz", "freq_high_hz"} and isinstance(val, int | float) and val >= 1000:
        return f"{num(val / 1000, 2)} kHz"
    if isinstance(val, str):
        return val.replace("_", " ")
    text = num(val)
    return f"{text} {unit}".strip() if unit not in {"%"} else f"{text}{unit}"


def label(field: str) -> str:
    """Human label of a spec field."""
    return FIELD_LABELS.get(field, (field.replace("_", " ").capitalize(), ""))[0]


def signed(val: Any, digits: int = 1) -> str:
    """+3.2 / −1.5 with a real minus sign."""
    if val is None:
        return "—"
    text = num(abs(float(val)), digits)
    return ("+" if float(val) >= 0 else "−") + text


def price(amount: Any, currency: str | None) -> str:
    """'129.99 USD' (never converted between currencies)."""
    if amount is None:
        return "—"
    return f"{float(amount):,.2f} {currency or ''}".strip()


def web_hint(hint: str | None) -> str | None:
    """A library hint fit for a web page: hints that name CLI commands or flags are dropped."""
    if not hint or "headspec " in hint or re.search(r"(^|\s)--[a-z]", hint):
        return None
    return hint


FILTERS = {"web_hint": web_hint, "num": num, "value": value, "label": label, "signed": signed, "price": price}
