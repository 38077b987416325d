"""(input_text, expected) tables for general traps found by a held-out check of unseen real texts.

Each row is a made-up text in the shape of a real one (not the held-out record itself), so
the rule is tested, not the record.
"""

from __future__ import annotations

from typing import Any

import pytest

from headspec.parse import parse_spec


def _check(text: str, expected: dict[str, Any]) -> None:
    spec = parse_spec(text)
    for name, want in expected.items():
        got = getattr(spec, name)
        if isinstance(want, float) and got is not None:
            assert got == pytest.approx(want, rel=0.005, abs=0.051), (name, got, want, text)
        else:
            assert got == want, (name, got, want, text)
        if want is not None and name in spec.evidence:
            ev = spec.evidence[name]
            assert text[ev.start:ev.end] == ev.text


@pytest.mark.parametrize(("text", "expected"), [
    # a row missing its trailing column is matched from the left
    ("brand,model,94db voltage,impedance,note,ignore\nhifiman,he400se,500,25,needs power",
     {"brand": "HIFIMAN", "model": "he400se", "impedance_ohm": 25.0, "sensitivity_basis": "V",
      "sensitivity_db_per_v": 100.0}),
    ("brand,model,impedance,db/mw,ignore\nsennheiser,hd 600,300,97",
     {"model": "hd 600", "impedance_ohm": 300.0, "sensitivity_db_per_mw": 97.0}),
    # a complete row still reads as before
    ("brand,model,impedance,db/mw\nsennheiser,hd 650,300,103",
     {"model": "hd 650", "impedance_ohm": 300.0, "sensitivity_db_per_mw": 103.0}),
    # a title with commas over a line of prose is not a CSV row
    ("Wireless Headphones, Black, Foldable\nGreat sound, Impedance: 32 ohm",
     {"impedance_ohm": 32.0, "model": None}),
])
def test_csv_rows(text: str, expected: dict[str, Any]) -> None:
    _check(text, expected)


def test_short_csv_row_warns() -> None:
    spec = parse_spec("brand,model,impedance,db/mw,note\nakg,k371,32,114")
    assert spec.impedance_ohm == 32.0
    assert any(w.code == "csv-short-row" and "note" in w.message for w in spec.warnings)
    full = parse_spec("brand,model,impedance,db/mw\nakg,k371,32,114")
    assert not any(w.code == "csv-short-row" for w in full.warnings)
