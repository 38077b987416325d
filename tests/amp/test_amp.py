"""Amp check: hand-computed cases from DOMAIN.md §2, real spec tables, and the physics as properties."""

from __future__ import annotations

import csv
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from headspec.amp import (
    amp_check,
    parse_sensitivity,
    read_impedance_curve,
    required_drive,
    verdict_for,
)
from headspec.errors import AmpInputError, FrReadError
from headspec.sources import Source, get_source
from headspec.spec import Spec

HD600 = Spec(brand="Sennheiser", model="HD 600", impedance_ohm=300, sensitivity_db=97, sensitivity_basis="mW")
BA_CURVE = [(20, 8.0), (200, 9.0), (1000, 16.0), (3000, 40.0), (8000, 20.0), (20000, 8.0)]


def test_hd600_hand_computed() -> None:
    # S_V = 97 + 10·log10(1000/300) = 102.23 dB/V; 110 dB needs 10^((110−102.23)/20) = 2.45 Vrms,
    # 2.45²/300 = 20 mW, 2.45/300 = 8.2 mA
    r = amp_check(HD600, "1 Vrms, 0.3 ohm")
    assert r.sensitivity_db_per_v == pytest.approx(102.2288, abs=1e-3)
    assert r.required_vrms == pytest.approx(2.4466, abs=1e-3)
    assert r.required_mw == pytest.approx(19.95, abs=0.01)
    assert r.required_ma == pytest.approx(8.155, abs=0.01)


def test_hd600_on_a_1_vrms_phone_needs_an_amp() -> None:
    r = amp_check(HD600, "1 Vrms, 0.3 ohm")
    # 1 V·300/300.3 = 0.999 V → 102.23 + 20·log10(0.999) = 102.22 dB, 7.78 dB short
    assert r.max_spl_db == pytest.approx(102.220, abs=1e-3)
    assert r.headroom_db == pytest.approx(-7.780, abs=1e-3)
    assert r.verdict == "needs-amp"
    assert r.limiting == "voltage"
    assert r.damping_factor == pytest.approx(1000.0)
    assert r.one_eighth_rule_ok is True


def test_hd600_on_a_desktop_amp_is_enough() -> None:
    r = amp_check(HD600, get_source("Schiit Magni 2"))
    # 260 mW into 300 Ω = 8.83 V → 102.23 + 18.92 = 121.1 dB
    assert r.max_spl_db == pytest.approx(121.15, abs=0.02)
    assert r.verdict == "enough"


def test_planar_50_ohm_on_a_phone_needs_an_amp_although_the_tier_says_fine() -> None:
    planar = Spec(impedance_ohm=50, sensitivity_db=83.5, sensitivity_basis="mW", driver_type="planar")
    r = amp_check(planar, "1 Vrms, 1 ohm")
    # S_V = 83.5 + 13.01 = 96.51 dB/V; 1 V·50/51 → 96.34 dB; needs 4.73 Vrms, 447 mW (4.726² / 50)
    assert r.sensitivity_db_per_v == pytest.approx(96.51, abs=0.01)
    assert r.max_spl_db == pytest.approx(96.34, abs=0.01)
    assert r.required_vrms == pytest.approx(4.73, abs=0.01)
    assert r.required_mw == pytest.approx(446.7, abs=0.1)
    assert r.verdict == "needs-amp"
    assert any("impedance tiers" in n and "ignore sensitivity" in n for n in r.notes)


def test_iem_on_10_ohm_source_is_loud_enough_but_coloured() -> None:
    iem = Spec(impedance_ohm=16, sensitivity_db=110, sensitivity_basis="mW", driver_type="balanced_armature")
    r = amp_check(iem, "1 Vrms, 10 ohm")
    # S_V = 110 + 17.96 = 127.96 dB/V; 1 V·16/26 = 0.615 V → 123.74 dB
    assert r.max_spl_db == pytest.approx(123.74, abs=0.01)
    assert r.verdict == "enough"
    assert r.level_loss_db == pytest.approx(20 * math.log10(16 / 26))
    assert r.damping_factor == pytest.approx(1.6)
    assert r.one_eighth_rule_ok is False and r.max_output_impedance_ohm == pytest.approx(2.0)
    assert any("1/8" in n and "not the same as accurate" in n for n in r.notes)


def test_ba_impedance_swing_colours_on_10_ohm_not_on_1_ohm() -> None:
    iem = Spec(impedance_ohm=16, sensitivity_db=110, sensitivity_basis="mW")
    on10 = amp_check(iem, "1 Vrms, 10 ohm", impedance_curve=BA_CURVE).response_deviation
    on1 = amp_check(iem, "1 Vrms, 1 ohm", impedance_curve=BA_CURVE).response_deviation
    assert on10 is not None and on1 is not None
    # 8→40 Ω: 20·log10(40/50) − 20·log10(8/18) = 5.11 dB on 10 Ω;
    #         20·log10(40/41) − 20·log10(8/9) = 0.81 dB on 1 Ω
    assert on10.range_db == pytest.approx(5.105, abs=0.01)
    assert on1.range_db == pytest.approx(0.809, abs=0.01)
    # referenced to the curve at 1 kHz: zero there
    i = on10.frequency_hz.index(1000.0)
    assert on10.deviation_db[i] == pytest.approx(0.0, abs=1e-12)
    assert on10.z_min_ohm == 8.0 and on10.z_max_ohm == 40.0


def test_current_limited_source_into_low_impedance() -> None:
    # QP2R: 40 mW into 25 Ω (40 mA), 1.87 V unloaded. Into a 16 Ω, 100 dB/mW headphone: 0.64 V, not 1.85 V.
    hp = Spec(impedance_ohm=16, sensitivity_db=100, sensitivity_basis="mW")
    r = amp_check(hp, get_source("QP2R"))
    s_v = 100 + 10 * math.log10(1000 / 16)
    assert r.limiting == "current"
    assert r.available_vrms == pytest.approx(0.64)
    assert r.available_ma == pytest.approx(40.0)
    assert r.max_spl_db == pytest.approx(s_v + 20 * math.log10(0.64))
    assert any("current-limited" in n for n in r.notes)


def test_unknown_basis_gives_both_readings_and_says_which_changes_the_verdict() -> None:
    hp = Spec(impedance_ohm=32, sensitivity_db=100, sensitivity_basis="unknown")
    r = amp_check(hp, "1 Vrms, 1 ohm")
    assert {x.basis for x in r.readings} == {"mW", "V"}
    as_mw = next(x for x in r.readings if x.basis == "mW")
    as_v = next(x for x in r.readings if x.basis == "V")
    assert as_mw.sensitivity_db_per_v == pytest.approx(114.95, abs=0.01)
    assert as_mw.verdict == "enough" and as_v.verdict == "needs-amp"
    assert r.verdict == "needs-amp"  # the cautious reading
    assert any("decides the verdict" in n for n in r.notes)


def test_unknown_basis_that_does_not_matter_says_so() -> None:
    hp = Spec(impedance_ohm=300, sensitivity_db=96, sensitivity_basis="unknown")
    r = amp_check(hp, get_source("Schiit Magni 2"))
    assert all(x.verdict == "enough" for x in r.readings)
    assert any("both readings" in n for n in r.notes)


def test_wireless_drives_itself() -> None:
    r = amp_check(Spec(wireless=True, impedance_ohm=32, sensitivity_db=100), "typical phone")
    assert r.verdict == "drives-itself"
    assert r.max_spl_db is None
    assert "drives itself: built-in amplifier" in r.notes[0]


def test_presets_and_sustainable_level() -> None:
    r = amp_check(HD600, get_source("typical desktop amp"))
    assert [p.target_spl_db for p in r.presets] == [105.0, 110.0, 115.0]
    assert [p.headroom_db for p in r.presets] == pytest.approx([r.max_spl_db - t for t in (105, 110, 115)])
    assert r.sustainable_spl_db == pytest.approx(r.max_spl_db - 20)


def test_target_changes_the_verdict() -> None:
    # 1 V into HD600 reaches 102.2 dB: 'marginal' for 105 dB peaks, 'needs-amp' for 110
    assert amp_check(HD600, "1 Vrms, 0.3 ohm", target_spl_db=105).verdict == "marginal"
    assert amp_check(HD600, "1 Vrms, 0.3 ohm", target_spl_db=100).verdict == "enough"


@pytest.mark.parametrize(("headroom", "verdict"), [
    (0.0, "enough"), (3.0, "enough"), (-0.01, "marginal"), (-6.0, "marginal"), (-6.01, "needs-amp")])
def test_verdict_boundaries(headroom: float, verdict: str) -> None:
    assert verdict_for(headroom) == verdict


@pytest.mark.parametrize(("text", "value", "basis"), [
    ("97 dB/mW", 97.0, "mW"),
    ("102 dB/V", 102.0, "V"),
    ("105 dB SPL/V", 105.0, "V"),
    ("110dB/Vrms(@1kHz)", 110.0, "V"),
    ("98 dB SPL/mW", 98.0, "mW"),
    ("100 dB", 100.0, "unknown"),
    ("103±3dB", 103.0, "unknown"),
    ("100dB S.P.L.at 1KHZ", 100.0, "unknown"),
    ("96,5 dB @ 1 mW", 96.5, "mW"),
])
def test_parse_sensitivity(text: str, value: float, basis: str) -> None:
    assert parse_sensitivity(text) == (value, basis)


@pytest.mark.parametrize(("text", "needle"), [
    ("abc dB", "not a number"), ("", "not a number"), ("12 dB/mW", "outside"), ("97 dB/furlong", "basis")])
def test_bad_sensitivity_is_named(text: str, needle: str) -> None:
    with pytest.raises(AmpInputError) as info:
        parse_sensitivity(text)
    assert needle in str(info.value) and info.value.field == "sensitivity" and info.value.hint


def test_missing_or_bad_headphone_figures_are_named() -> None:
    with pytest.raises(AmpInputError, match="sensitivity is missing"):
        amp_check(Spec(impedance_ohm=32), "typical phone")
    with pytest.raises(AmpInputError, match="impedance is missing"):
        amp_check(Spec(sensitivity_db=100, sensitivity_basis="mW"), "typical phone")
    with pytest.raises(AmpInputError, match="positive number of ohms"):
        amp_check(Spec.model_construct(impedance_ohm=-5.0, sensitivity_db_per_v=100.0), "typical phone")
    with pytest.raises(AmpInputError, match="target SPL"):
        amp_check(HD600, "typical phone", target_spl_db=500)


def test_impedance_curve_from_csv(tmp_path) -> None:
    path = tmp_path / "ba.csv"
    path.write_text("frequency,impedance\n" + "".join(f"{f},{z}\n" for f, z in BA_CURVE), encoding="utf-8")
    curve = read_impedance_curve(path)
    assert curve.frequency_hz[0] == 20 and max(curve.ohms) == 40
    bad = tmp_path / "bad.csv"
    bad.write_text("frequency,impedance\n20,8\n1000,abc\n", encoding="utf-8")
    with pytest.raises(FrReadError) as info:
        read_impedance_curve(bad)
    assert info.value.line == 3 and "bad.csv" in str(info.value)
    neg = tmp_path / "neg.csv"
    neg.write_text("20,8\n1000,-3\n", encoding="utf-8")
    with pytest.raises(FrReadError, match="positive number of ohms"):
        read_impedance_curve(neg)


def test_complex_impedance_uses_phase(tmp_path) -> None:
    # a reactive load: |Z + Zout| is not |Z| + Zout, so the deviation is smaller than the resistive estimate
    path = tmp_path / "phase.csv"
    path.write_text("20,8,0\n1000,16,0\n3000,40,60\n20000,8,0\n", encoding="utf-8")
    hp = Spec(impedance_ohm=16, sensitivity_db=110, sensitivity_basis="mW")
    with_phase = amp_check(hp, "1 Vrms, 10 ohm", impedance_curve=path).response_deviation
    assert with_phase is not None
    z = 40 * complex(math.cos(math.radians(60)), math.sin(math.radians(60)))
    expected_peak = 20 * math.log10(abs(z) / abs(z + 10)) - 20 * math.log10(16 / 26)
    assert max(with_phase.deviation_db) == pytest.approx(expected_peak)


# ---------------------------------------------------------------- real spec tables

def _rows(shared_data, name: str) -> list[dict[str, str]]:
    with open(shared_data / "specs" / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_asr_measured_94_db_voltages_round_trip(shared_data) -> None:
    """ASR's mVrms for 94 dB gives S_V; the amp check must ask for exactly that voltage at 94 dB."""
    checked = 0
    for row in _rows(shared_data, "sound_library_over_ear_asr_94db_mvrms.csv"):
        if row["ignore"] == "yes" or not row["94db voltage"] or not row["impedance"]:
            continue
        mv, z = float(row["94db voltage"]), float(row["impedance"])
        s_v = 94 - 20 * math.log10(mv / 1000)
        r = amp_check(Spec(impedance_ohm=z, sensitivity_db_per_v=s_v, sensitivity_basis="V"),
                      Source(name="ideal", vrms=10.0, output_impedance_ohm=0.0), target_spl_db=94)
        assert r.required_vrms == pytest.approx(mv / 1000, rel=1e-9), row["model"]
        checked += 1
    assert checked >= 50


def test_official_table_desktop_amp_never_quieter_than_phone(shared_data) -> None:
    phone, desk = get_source("typical phone"), get_source("typical desktop amp")
    checked = 0
    for row in _rows(shared_data, "sound_library_over_ear_official.csv"):
        if not row["impedance"] or not (row["db/mw"] or row["db/vrms"]):
            continue
        z = float(row["impedance"])
        spec = (Spec(impedance_ohm=z, sensitivity_db=float(row["db/mw"]), sensitivity_basis="mW")
                if row["db/mw"] else
                Spec(impedance_ohm=z, sensitivity_db=float(row["db/vrms"]), sensitivity_basis="V"))
        a, b = amp_check(spec, phone), amp_check(spec, desk)
        assert b.max_spl_db > a.max_spl_db, row["model"]
        if row["db/mw"]:
            assert a.sensitivity_db_per_v == pytest.approx(float(row["db/mw"]) + 10 * math.log10(1000 / z))
        checked += 1
    assert checked >= 200


def test_akg_k712_from_official_table(shared_data) -> None:
    row = next(r for r in _rows(shared_data, "sound_library_over_ear_official.csv") if r["model"] == "k712")
    spec = Spec(impedance_ohm=float(row["impedance"]), sensitivity_db=float(row["db/vrms"]),
                sensitivity_basis="V")
    r = amp_check(spec, "typical phone")
    assert r.required_vrms == pytest.approx(10 ** (5 / 20))  # 105 dB/V → 1.78 Vrms for 110 dB
    assert r.verdict == "needs-amp"


# ---------------------------------------------------------------- properties

sens = st.floats(80, 130)
imp = st.floats(8, 600)


@given(sens, imp, st.floats(70, 125))
def test_required_voltage_reaches_target_exactly(s_mw: float, z: float, target: float) -> None:
    spec = Spec(impedance_ohm=z, sensitivity_db=s_mw, sensitivity_basis="mW")
    v, mw, ma = required_drive(spec_sv(s_mw, z), z, target)
    r = amp_check(spec, Source(name="exact", vrms=v, output_impedance_ohm=0.0), target_spl_db=target)
    assert r.headroom_db == pytest.approx(0.0, abs=1e-9)
    assert mw == pytest.approx(1000 * v * v / z) and ma == pytest.approx(1000 * v / z)
    # P in mW and S in dB/mW give the same SPL as V and S in dB/V
    assert s_mw + 10 * math.log10(mw) == pytest.approx(target)


def spec_sv(s_mw: float, z: float) -> float:
    return s_mw + 10 * math.log10(1000 / z)


@given(sens, imp, st.floats(0.05, 10), st.floats(1.01, 4))
def test_more_voltage_is_louder(s_mw: float, z: float, v: float, k: float) -> None:
    spec = Spec(impedance_ohm=z, sensitivity_db=s_mw, sensitivity_basis="mW")
    a = amp_check(spec, Source(name="a", vrms=v, output_impedance_ohm=1.0))
    b = amp_check(spec, Source(name="b", vrms=v * k, output_impedance_ohm=1.0))
    assert b.max_spl_db - a.max_spl_db == pytest.approx(20 * math.log10(k))


@given(imp, st.floats(0, 100), st.floats(0, 100))
def test_more_output_impedance_loses_more_level(z: float, zout_a: float, extra: float) -> None:
    spec = Spec(impedance_ohm=z, sensitivity_db=100, sensitivity_basis="mW")
    a = amp_check(spec, Source(name="a", vrms=1.0, output_impedance_ohm=zout_a))
    b = amp_check(spec, Source(name="b", vrms=1.0, output_impedance_ohm=zout_a + extra))
    assert b.level_loss_db <= a.level_loss_db + 1e-12
    assert a.level_loss_db <= 0


@given(st.floats(2, 50), st.floats(2.0, 8), st.floats(0, 30))
def test_deviation_range_grows_with_output_impedance_and_vanishes_at_zero(zmin: float, ratio: float,
                                                                           zout: float) -> None:
    curve = [(20, zmin), (1000, zmin * 2), (3000, zmin * ratio), (20000, zmin)]
    spec = Spec(impedance_ohm=zmin * 2, sensitivity_db=110, sensitivity_basis="mW")
    dev = amp_check(spec, Source(name="s", vrms=1.0, output_impedance_ohm=zout), impedance_curve=curve)
    expected = 20 * math.log10(zmin * ratio / (zmin * ratio + zout)) - 20 * math.log10(zmin / (zmin + zout))
    assert dev.response_deviation.range_db == pytest.approx(expected, abs=1e-9)
    assert (zout <= zmin / 8) == dev.one_eighth_rule_ok


@given(st.floats(60, 150), st.sampled_from([("dB/mW", "mW"), ("dB SPL/mW", "mW"), ("dB/V", "V"),
                                             ("dB SPL/Vrms", "V"), ("dB", "unknown")]))
def test_sensitivity_text_round_trip(value: float, unit: tuple[str, str]) -> None:
    value = round(value, 1)
    assert parse_sensitivity(f"{value:.1f} {unit[0]}") == (pytest.approx(value), unit[1])
