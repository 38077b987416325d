"""The `Spec` record: what a spec sheet or listing says about one headphone.

Field names, units and vocabularies are a public contract (other tools read the
JSON), so they live here, apart from the parser that fills them. Every field is
optional: null means the text did not say it.
"""

from __future__ import annotations

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SensitivityBasis = Literal["mW", "V", "unknown"]
DriverType = Literal["dynamic", "planar", "balanced_armature", "electrostatic", "hybrid", "bone_conduction"]
FormFactor = Literal["over-ear", "on-ear", "in-ear", "earbud", "bone-conduction"]
Back = Literal["open", "closed", "semi-open"]
Condition = Literal["new", "used", "refurbished"]
Codec = Literal["SBC", "AAC", "aptX", "aptX HD", "aptX Adaptive", "aptX Low Latency", "aptX Lossless",
                "LDAC", "LC3", "LHDC"]

CODECS: tuple[str, ...] = ("SBC", "AAC", "aptX", "aptX HD", "aptX Adaptive", "aptX Low Latency",
                           "aptX Lossless", "LDAC", "LC3", "LHDC")
DRIVER_TYPES: tuple[str, ...] = ("dynamic", "planar", "balanced_armature", "electrostatic", "hybrid",
                                 "bone_conduction")
FORM_FACTORS: tuple[str, ...] = ("over-ear", "on-ear", "in-ear", "earbud", "bone-conduction")
BACKS: tuple[str, ...] = ("open", "closed", "semi-open")


class Evidence(BaseModel):
    """The exact substring a value came from, with its character offsets in the input."""

    model_config = ConfigDict(frozen=True)

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class SpecWarning(BaseModel):
    """Something a reader must know: ambiguity, a conflict, or an implausible value."""

    model_config = ConfigDict(frozen=True)

    code: str  # e.g. "sensitivity-basis-unknown", "conflict", "implausible", "currency-ambiguous"
    field: str | None = None
    message: str


class Spec(BaseModel):
    """Typed, unit-normalized specs of one headphone (or of a listing that is not one)."""

    brand: str | None = None
    model: str | None = None
    is_headphone: bool | None = None

    impedance_ohm: float | None = Field(default=None, gt=0)
    impedance_tolerance_pct: float | None = Field(default=None, ge=0)

    sensitivity_db: float | None = None
    sensitivity_basis: SensitivityBasis | None = None
    sensitivity_ref: str | None = None
    sensitivity_db_per_mw: float | None = None
    sensitivity_db_per_v: float | None = None

    freq_low_hz: float | None = Field(default=None, ge=0)
    freq_high_hz: float | None = Field(default=None, gt=0)
    thd_percent: float | None = Field(default=None, ge=0)

    driver_mm: float | None = Field(default=None, gt=0)
    driver_type: DriverType | None = None
    driver_count: int | None = Field(default=None, ge=1)

    form_factor: FormFactor | None = None
    true_wireless: bool | None = None
    back: Back | None = None
    anc: bool | None = None

    wireless: bool | None = None
    bluetooth_version: str | None = None
    bluetooth_codecs: list[Codec] | None = None

    weight_g: float | None = Field(default=None, gt=0)
    battery_h: float | None = Field(default=None, gt=0)
    battery_total_h: float | None = Field(default=None, gt=0)

    price_amount: float | None = Field(default=None, ge=0)
    price_currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    condition: Condition | None = None

    evidence: dict[str, Evidence] = Field(default_factory=dict)
    warnings: list[SpecWarning] = Field(default_factory=list)

    def filled_fields(self) -> list[str]:
        """Names of the spec fields (not evidence/warnings) that hold a value."""
        skip = {"evidence", "warnings"}
        return [name for name in type(self).model_fields if name not in skip
                and getattr(self, name) is not None]


def db_per_v_from_db_per_mw(db_per_mw: float, impedance_ohm: float) -> float:
    """S_V = S_mW + 10·log10(1000 / Z): 1 V into Z ohms is 1000/Z mW."""
    return db_per_mw + 10.0 * math.log10(1000.0 / impedance_ohm)


def db_per_mw_from_db_per_v(db_per_v: float, impedance_ohm: float) -> float:
    """S_mW = S_V − 10·log10(1000 / Z), the inverse of `db_per_v_from_db_per_mw`."""
    return db_per_v - 10.0 * math.log10(1000.0 / impedance_ohm)
