"""Property tests: the number/unit/range grammar, the conversions, and robustness on any text."""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from headspec.errors import HeadspecError
from headspec.parse import parse_spec
from headspec.parse.numbers import _TABLE, normalize, round_db, shift_reference, to_float
from headspec.spec import db_per_mw_from_db_per_v, db_per_v_from_db_per_mw


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@given(st.integers(min_value=1000, max_value=99_999_999), st.sampled_from([",", ".", " "]))
def test_thousands_separators_read_as_one_number(n: int, sep: str) -> None:
    assert to_float(_group(n, sep)) == n


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=99))
def test_decimal_comma_equals_decimal_point(whole: int, frac: int) -> None:
    text = f"{whole},{frac:02d}" if frac >= 10 else f"{whole},{frac}"
    assert to_float(text, thousands=False) == pytest.approx(float(text.replace(",", ".")))
    assert to_float(text) == pytest.approx(float(text.replace(",", ".")))  # 2 decimals never look grouped


@given(st.text(max_size=300))
def test_normalize_keeps_length_so_offsets_survive(text: str) -> None:
    assert len(normalize(text)) == len(text)


_MAPPED_CHARS = "".join(chr(code) for code in sorted(_TABLE))


_CHAINS = "".join(ch + _TABLE[ord(ch)] for ch in _MAPPED_CHARS if _TABLE.get(ord(_TABLE[ord(ch)]), "x") not in
                  ("x", _TABLE[ord(ch)]))  # "𝚽Φ": a character and its replacement, itself mapped


@given(st.text(alphabet=st.sampled_from(_MAPPED_CHARS + "aZ09 -\nЖжΩ") | st.sampled_from(_CHAINS),
               max_size=60) | st.text())
@example(_CHAINS)  # every chain at once: in whatever order a set yields them, some pair goes wrong
def test_normalize_replaces_exactly_like_the_table(text: str) -> None:
    # the fast path replaces only the mapped characters present; it must equal one pass of the table,
    # including chains such as math-italic phi -> phi -> o-slash that a second pass would change again
    assert normalize(text) == text.translate(_TABLE)


@given(st.floats(min_value=60, max_value=140), st.floats(min_value=4, max_value=1000))
def test_mw_v_conversion_round_trips(db: float, ohm: float) -> None:
    there = db_per_v_from_db_per_mw(db, ohm)
    assert db_per_mw_from_db_per_v(there, ohm) == pytest.approx(db)
    assert there - db == pytest.approx(10 * math.log10(1000 / ohm))


@given(st.floats(min_value=0.001, max_value=10), st.floats(min_value=60, max_value=140))
def test_reference_shift_rules(volts: float, db: float) -> None:
    assert shift_reference(db, basis="V", ref_value=volts) == pytest.approx(db - 20 * math.log10(volts))
    assert shift_reference(db, basis="mW", ref_value=volts * 100) == pytest.approx(
        db - 10 * math.log10(volts * 100))
    assert shift_reference(102.0, basis="V", ref_value=0.1) == pytest.approx(122.0)


_HZ_FORMS = st.sampled_from(["hz", "khz"])
_SEPS = st.sampled_from(["-", "–", "—", "~", " to ", " - ", "～", " bis ", " до ", " ? ", "－"])


@given(st.integers(min_value=1, max_value=99), st.integers(min_value=1000, max_value=99_000), _SEPS,
       _HZ_FORMS,
       st.booleans(), st.sampled_from(["Frequency response: ", "Frequenzgang: ", "Частотный диапазон: ", ""]))
def test_frequency_ranges_in_any_notation(low: int, high: int, sep: str, unit: str, grouped: bool,
                                          label: str) -> None:
    if unit == "khz":
        high_text = f"{high / 1000:g}".replace(".", ",") + " kHz"
        expected_high = round(high / 1000, 6) * 1000
    else:
        high_text = (_group(high, ",") if grouped else str(high)) + "Hz"
        expected_high = high
    spec = parse_spec(f"{label}{low}Hz{sep}{high_text}")
    assert spec.freq_low_hz == low
    assert spec.freq_high_hz == pytest.approx(expected_high)


@given(st.floats(min_value=80, max_value=125).map(lambda x: round(x, 1)),
       st.integers(min_value=8, max_value=600), st.sampled_from(["dB/mW", "dB SPL/mW", "dB/1mW", "dB @ 1mW"]))
def test_sensitivity_conversion_from_text(db: float, ohm: int, unit: str) -> None:
    spec = parse_spec(f"Impedance: {ohm} Ω\nSensitivity: {db} {unit}")
    assert spec.sensitivity_basis == "mW"
    assert spec.sensitivity_db_per_mw == round_db(db)
    assert spec.sensitivity_db_per_v == pytest.approx(round(db + 10 * math.log10(1000 / ohm), 1), abs=0.051)


@given(st.floats(min_value=80, max_value=125).map(lambda x: round(x, 1)))
def test_bare_db_is_never_converted(db: float) -> None:
    spec = parse_spec(f"Impedance: 32 ohm\nSensitivity: {db} dB")
    assert spec.sensitivity_basis == "unknown"
    assert spec.sensitivity_db_per_mw is None and spec.sensitivity_db_per_v is None
    assert any(w.code == "sensitivity-basis-unknown" for w in spec.warnings)


@given(st.floats(min_value=0.05, max_value=30).map(lambda x: round(x, 2)), st.sampled_from(["oz", "ounces"]))
def test_ounces_become_grams(oz: float, unit: str) -> None:
    spec = parse_spec(f"Weight: {oz} {unit}")
    assume(oz * 28.3495 >= 0.5)
    assert spec.weight_g == pytest.approx(oz * 28.3495, rel=0.005, abs=0.06)


_FRAGMENTS = st.sampled_from([
    "Impedance: ", "32Ω±15%", "Sensitivity", ": ", "105dB", "/mW", "/Vrms", "Hz", "kHz", "-", "~", " to ",
    "20", "0", "0,1", "20.000", "mm", "φ", "1DD+4BA", "0DD", "Bluetooth 5.3", "$", "€", "руб", "(Renewed)",
    "\n", " | ", ", ", "oz", "lbs", "hours", "with case", "ANC", "ENC", "open-back", "Over-Ear", "Гарнитура ",
    "Sony ", "for Bose ", "THD <0%", "Weight: ", "０", "Ω", "。", "до", "от", "kHz", "db", "%", "Drivr unit:",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_FRAGMENTS, min_size=1, max_size=25).map("".join))
def test_any_spec_like_text_parses_with_exact_evidence(text: str) -> None:
    assume(text.strip())
    spec = parse_spec(text)
    for name, ev in spec.evidence.items():
        assert text[ev.start:ev.end] == ev.text, name
        assert getattr(spec, name) is not None


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=400))
def test_arbitrary_text_never_crashes(text: str) -> None:
    try:
        spec = parse_spec(text)
    except HeadspecError:
        return  # empty/binary-looking input is refused with a clear error
    for ev in spec.evidence.values():
        assert text[ev.start:ev.end] == ev.text


# letters re.IGNORECASE reads as Latin ones ("ſ" as s, "ı" and "İ" as i, the Kelvin sign as k)
_FOLD_SWAPS = {"s": "ſ", "i": "ı", "I": "İ", "k": "\u212a"}


_FOLD_FRAGMENTS = st.one_of(_FRAGMENTS, st.sampled_from([
    " at 1 Vrms", "2 Dynamic + 1 BA", "six drivers", " ounces", "Weight (lbs): ", "Battery (hrs): ", " kg",
]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_FOLD_FRAGMENTS, min_size=1, max_size=12).map("".join), st.randoms(use_true_random=False))
def test_spec_text_with_specially_folding_letters_never_crashes(text: str, rnd) -> None:
    """A vocabulary looked up with such a match's lower case once raised KeyError ("dynamıc")."""
    swapped = "".join(_FOLD_SWAPS[ch] if ch in _FOLD_SWAPS and rnd.random() < 0.4 else ch for ch in text)
    assume(swapped.strip())
    parse_spec(swapped)


@pytest.mark.parametrize(("text", "field", "value"), [
    ("Earbuds 2 Dynamıc + 1 BA, 40mm", "driver_count", 3),
    ("IEM 2 DYNAMİC + 1 BA", "driver_type", "hybrid"),
    ("Senſitivity: 98 dB at 1 Vrmſ", "sensitivity_ref", "1 Vrms"),
    ("Weight: 5 ounceſ", "weight_g", 141.7),
    ("Weight (lbſ): 2", "weight_g", 907.2),
])
def test_words_matched_through_special_folds_mean_what_they_spell(text: str, field: str, value) -> None:
    assert getattr(parse_spec(text), field) == value
