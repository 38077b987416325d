"""The Spec model: its contract, validation and the dB/mW <-> dB/V conversions."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from headspec.spec import Spec, db_per_mw_from_db_per_v, db_per_v_from_db_per_mw


def test_hd600_conversion_matches_domain_notes() -> None:
    # DOMAIN.md §2: HD600, 97 dB/mW at 300 ohm -> 102.2 dB/V
    assert round(db_per_v_from_db_per_mw(97.0, 300.0), 1) == 102.2
    # +14.9 dB at 32 ohm, +5.2 dB at 300 ohm
    assert round(db_per_v_from_db_per_mw(0.0, 32.0), 1) == 14.9
    assert round(db_per_v_from_db_per_mw(0.0, 300.0), 1) == 5.2


@given(st.floats(60, 140), st.floats(1, 100_000))
def test_conversion_round_trips(db: float, z: float) -> None:
    assert math.isclose(db_per_mw_from_db_per_v(db_per_v_from_db_per_mw(db, z), z), db, abs_tol=1e-9)


def test_empty_spec_is_all_null_and_serialises() -> None:
    spec = Spec()
    assert spec.filled_fields() == []
    data = spec.model_dump()
    assert data["impedance_ohm"] is None and data["evidence"] == {} and data["warnings"] == []


@pytest.mark.parametrize("field,value", [("impedance_ohm", -32), ("form_factor", "headband"),
                                         ("price_currency", "usd"), ("bluetooth_codecs", ["MP3"])])
def test_invalid_values_are_refused(field: str, value: object) -> None:
    with pytest.raises(ValidationError, match=field):
        Spec(**{field: value})
