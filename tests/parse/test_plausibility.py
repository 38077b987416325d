"""Implausible-value warnings (DOMAIN.md §4) on specs built by hand and parsed from text."""

from __future__ import annotations

import pytest

from headspec.parse import parse_spec
from headspec.plausibility import check
from headspec.spec import Spec


@pytest.mark.parametrize(("spec", "field"), [
    (Spec(sensitivity_db=135, sensitivity_basis="mW", sensitivity_db_per_mw=135), "sensitivity_db"),
    (Spec(sensitivity_db=70, sensitivity_basis="mW", sensitivity_db_per_mw=70), "sensitivity_db"),
    (Spec(freq_low_hz=5, freq_high_hz=150_000), "freq_high_hz"),
    (Spec(thd_percent=0.0), "thd_percent"),
    (Spec(true_wireless=True, wireless=True, battery_h=50, bluetooth_version="6.0"), "bluetooth_version"),
    (Spec(form_factor="in-ear", driver_mm=40), "driver_mm"),
    (Spec(impedance_ohm=5000), "impedance_ohm"),
])
def test_implausible_values_warn(spec: Spec, field: str) -> None:
    assert any(w.code == "implausible" and w.field == field for w in check(spec))


def test_plausible_headphone_has_no_warnings() -> None:
    hd600 = Spec(impedance_ohm=300, sensitivity_db=97, sensitivity_basis="mW", sensitivity_db_per_mw=97,
                 sensitivity_db_per_v=102.2, freq_low_hz=12, freq_high_hz=40500, thd_percent=0.05,
                 form_factor="over-ear", back="open", weight_g=260)
    assert check(hd600) == []


def test_parser_attaches_plausibility_warnings() -> None:
    spec = parse_spec("Sensitivity: 135 dB/mW\nFrequency response: 5Hz-150kHz\nTHD: 0%")
    fields = {w.field for w in spec.warnings if w.code == "implausible"}
    assert {"sensitivity_db", "freq_high_hz", "thd_percent"} <= fields
