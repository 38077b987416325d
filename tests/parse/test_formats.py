"""(input_text, expected) tables for the formats the issue lists: one row per trap."""

from __future__ import annotations

from typing import Any

import pytest

from headspec.parse import parse_spec

from ._expect import check_fields


@pytest.mark.parametrize(("text", "expected"), [
    ("Impedance: 32Ω±15%", {"impedance_ohm": 32.0, "impedance_tolerance_pct": 15.0}),
    ("Impedance: 32 OHM", {"impedance_ohm": 32.0}),
    ("Impedance:32Ω±15%Ω", {"impedance_ohm": 32.0, "impedance_tolerance_pct": 15.0}),
    ("32Ω±15％ at 1000Hz", {"impedance_ohm": 32.0, "impedance_tolerance_pct": 15.0}),
    ("an impedance of 300 ohms, so plan on an amp", {"impedance_ohm": 300.0}),
    ("Impedanz: 250 Ohm", {"impedance_ohm": 250.0}),
    ("Импеданс: 32 Ом", {"impedance_ohm": 32.0}),
    ("Impédance : 16 Ω", {"impedance_ohm": 16.0}),
    ("Impedenza 24 ohm", {"impedance_ohm": 24.0}),
    ("impedance rises to 55 Ω in 60 hz", {"impedance_ohm": None}),
    ("Output power: 120 mW into 32 Ω", {"impedance_ohm": None}),
    ("Impedance: 35±3Ω", {"impedance_ohm": 35.0, "impedance_tolerance_pct": 8.6}),
    ("rated at 32 ohms", {"impedance_ohm": 32.0}),
    ("Impdance: 32Ω", {"impedance_ohm": 32.0}),
])
def test_impedance(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Sensitivity: 105+/-3dB", {"sensitivity_db": 105.0, "sensitivity_basis": "unknown",
                                "sensitivity_db_per_mw": None, "sensitivity_db_per_v": None}),
    ("Sensitivity: 105dB+/-2dB", {"sensitivity_db": 105.0, "sensitivity_basis": "unknown"}),
    ("103±3dB sensitivity", {"sensitivity_db": 103.0, "sensitivity_basis": "unknown"}),
    ("Sensitivity: 98 dB SPL/mW\nImpedance: 32 Ω",
     {"sensitivity_basis": "mW", "sensitivity_ref": "1 mW", "sensitivity_db_per_mw": 98.0,
      "sensitivity_db_per_v": 112.9}),
    ("Sensitivity: 110dB/Vrms(@1kHz)", {"sensitivity_db": 110.0, "sensitivity_basis": "V",
                                        "sensitivity_ref": "1 Vrms", "sensitivity_db_per_v": 110.0}),
    ("Sensitivity: 102dB at 0.1V\nImpedance: 16 ohm",
     {"sensitivity_basis": "V", "sensitivity_ref": "0.1 V", "sensitivity_db_per_v": 122.0,
      "sensitivity_db_per_mw": 104.0}),
    ("117 dB SPL for 200 mW", {"sensitivity_basis": "mW", "sensitivity_ref": "200 mW",
                               "sensitivity_db_per_mw": 94.0}),
    ("Sensitivity: 0.1V for 90dB", {"sensitivity_db": 90.0, "sensitivity_basis": "V",
                                    "sensitivity_ref": "0.1 V", "sensitivity_db_per_v": 110.0}),
    ("Sensitivity: 96 dB @1kHz/1mW", {"sensitivity_basis": "mW", "sensitivity_db_per_mw": 96.0}),
    ("Sensitivity: 100dB S.P.L.at 1KHZ", {"sensitivity_db": 100.0, "sensitivity_basis": "unknown",
                                          "sensitivity_ref": "1 kHz"}),
    ("HD600: 97 dB SPL/mW, 300 Ω", {"sensitivity_db_per_v": 102.2}),
    ("Empfindlichkeit: 105 dB/mW", {"sensitivity_db": 105.0, "sensitivity_basis": "mW"}),
    ("Чувствительность: 98 дБ", {"sensitivity_db": 98.0, "sensitivity_basis": "unknown"}),
    ("Microphone Sensitivity: -42dB", {"sensitivity_db": None}),
    ("Sensitivity (dB SPL/mW): 105\nImpedance (Ω): 32",
     {"sensitivity_basis": "mW", "sensitivity_db_per_v": 119.9}),
    ("Sensitivity (1 kHz, 1 mW): 98 dB", {"sensitivity_basis": "mW", "sensitivity_db_per_mw": 98.0}),
    ("Sensitivity:95dB(1KHz)/mW", {"sensitivity_basis": "mW", "sensitivity_db_per_mw": 95.0}),
    ("S.P.L: 98±3dB", {"sensitivity_db": 98.0, "sensitivity_basis": "unknown"}),
    ("Up to 42dB of noise reduction, 85dB volume limit", {"sensitivity_db": None}),
])
def test_sensitivity(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Frequency response: 20Hz~20,000Hz", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
    ("Frequency: 20-20kHz", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
    ("Диапазон воспроизводимых частот: от 7 Гц до 40 кГц", {"freq_low_hz": 7.0, "freq_high_hz": 40000.0}),
    ("Диапазон воспроизводимых частот: до 10 кГц", {"freq_low_hz": None, "freq_high_hz": 10000.0}),
    ("Frequency Response Of 18 ? 20,000 Hz", {"freq_low_hz": 18.0, "freq_high_hz": 20000.0}),
    ("Frequenzgang: 5 Hz bis 40,5 kHz", {"freq_low_hz": 5.0, "freq_high_hz": 40500.0}),
    ("Réponse en fréquence : 20 Hz à 20 kHz", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
    ("Risposta in frequenza: 10 - 30.000 Hz", {"freq_low_hz": 10.0, "freq_high_hz": 30000.0}),
    ("Frequency range: 20 - 20000", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
    ("Frequency response: 20 ~ 20k Hz", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
    ("Frequency response: 20Hz-20K", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
    ("Диапазон частот: 20 Гц - 20 к Гц", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
    ("20 Hz to 20 kHz", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
    ("Mic frequency response: 100Hz-10kHz", {"freq_low_hz": None}),
    ("Frequency: 2.402 GHz-2.480GHz", {"freq_low_hz": None, "freq_high_hz": None}),
    ("Frequency response: ２０Ｈｚ－２０ｋＨｚ", {"freq_low_hz": 20.0, "freq_high_hz": 20000.0}),
])
def test_frequency(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("THD: <0.1%", {"thd_percent": 0.1}),
    ("Total harmonic distortion ≤ 0,5 %", {"thd_percent": 0.5}),
    ("КНИ: 0,1%", {"thd_percent": 0.1}),
    ("100% Plug & Play", {"thd_percent": None}),
])
def test_thd(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Driver: φ14mm", {"driver_mm": 14.0}),
    ("Speaker:Ф6mm", {"driver_mm": 6.0}),
    ("Driver unit: Ø 50 mm", {"driver_mm": 50.0}),
    ("Drivr unit: 13mm±0.2mm", {"driver_mm": 13.0}),
    ("40 mm dynamic drivers", {"driver_mm": 40.0, "driver_type": "dynamic"}),
    ("1DD+4BA hybrid IEM", {"driver_type": "hybrid", "driver_count": 5}),
    ("2EST+4BA+1DD tribrid", {"driver_type": "hybrid", "driver_count": 7}),
    ("3.5mm jack, 1.2m cable", {"driver_mm": None}),
    ("Mic dimension:Φ6.0*5.0mm", {"driver_mm": None}),
    ("13.5 MM Driver Unit", {"driver_mm": 13.5}),
    ("planar magnetic headphones with 97 mm drivers", {"driver_type": "planar", "driver_mm": 97.0}),
    ("Treiber: 40 mm, dynamisch", {"driver_mm": 40.0}),
    ("Динамик: 40 мм", {"driver_mm": 40.0}),
    ("Dual dynamic drivers", {"driver_count": 2, "driver_type": "dynamic"}),
])
def test_driver(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Bluetooth version:5.1V", {"bluetooth_version": "5.1", "wireless": True}),
    ("True Wireless Earbuds, Bluetooth 5.3, aptX Adaptive and AAC",
     {"true_wireless": True, "bluetooth_version": "5.3", "bluetooth_codecs": ["AAC", "aptX Adaptive"],
      "form_factor": "earbud"}),
    ("Wired Over-Ear Headphones", {"wireless": False, "form_factor": "over-ear"}),
    ("Active Noise Cancelling Headphones", {"anc": True}),
    ("ENC Noise Canceling Mic for calls", {"anc": False}),
    ("CVC 8.0 Noise-Cancelling Mics for Calls", {"anc": False}),
    ("open-back dynamic headphones", {"back": "open"}),
    ("Open Ear Headphones", {"back": None}),
    ("closed-back studio monitor", {"back": "closed"}),
    ("Bone Conduction Headphones", {"form_factor": "bone-conduction", "driver_type": "bone_conduction"}),
    ("LDAC 990kbps is 3 times more than SBC", {"bluetooth_codecs": ["LDAC"]}),
    ("Support HSP, HFP, A2DP, AVRCP protocols, SBC/AAC", {"bluetooth_codecs": ["SBC", "AAC"]}),
])
def test_features(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Weight: 250g", {"weight_g": 250.0}),
    ("Weigth: 25g", {"weight_g": 25.0}),
    ("THD below 0.1%", {"thd_percent": 0.1, "brand": None}),
    ("Weight (g): 250\nDriver (mm): 40\nBattery life (h): 30", {"weight_g": 250.0, "battery_h": 30.0}),
    ("weighs only 0.42 lbs", {"weight_g": 190.5}),
    ("lightweight headphones (0.99oz)", {"weight_g": 28.1}),
    ("can withstand up to 44 lbs of weight", {"weight_g": None}),
    ("built-in 32G memory", {"weight_g": None}),
    ("6 hours of playtime, 60 hours with the charging case", {"battery_h": 6.0, "battery_total_h": 60.0}),
    ("Working time:5-6 hours(volume at 60%)", {"battery_h": 6.0}),
    ("Up To 5.5 Hours Talk Time/ Up To 200 Hours Standby Time", {"battery_h": None}),
    ("Charging time:up to 3hours\nPlay time: up to 3hours", {"battery_h": 3.0}),
    ("60H Playtime, Hi-Res Audio", {"battery_h": 60.0}),
    ("Price: $27.35", {"price_amount": 27.35, "price_currency": None}),
    ("Цена: 10 990 руб.", {"price_amount": 10990.0, "price_currency": "RUB"}),
    ("₹2,099 only", {"price_amount": 2099.0, "price_currency": "INR"}),
    ("Sony WH-1000XM4 (Renewed)", {"condition": "refurbished"}),
    ("Гарнитура JBL Tune 510BT (Б/У), Bluetooth", {"condition": "used"}),
    ("can be used for running", {"condition": None}),
])
def test_commerce(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


def test_dollar_needs_a_country() -> None:
    spec = parse_spec("Price: $27.35")
    assert any(w.code == "currency-ambiguous" for w in spec.warnings)
    assert parse_spec("Price: $27.35", country="CA").price_currency == "CAD"
    assert parse_spec("Price: $27.35", country="US").price_currency == "USD"


@pytest.mark.parametrize(("text", "brand", "model", "is_headphone"), [
    ("Sony WH-1000XM5 Wireless Industry Leading Headphones with Auto Noise Canceling Optimizer",
     "Sony", "WH-1000XM5", True),
    ("Гарнитура Samsung Galaxy Buds Live, Bluetooth, бронзовый", "Samsung", "Galaxy Buds Live", True),
    ("Toshiba 10.2' Portable DVD Player In Black - SDP101S/ Dual Headphone Outputs", "Toshiba", None, False),
    ("Panasonic KX-TS3282B Corded Phone\n2 x Phone Line(s) - Headset - Black", "Panasonic", None, False),
    ("Replacement Ear Pads for Sony WH-1000XM4", None, None, False),
    ("Sony Vertical-In-The-Ear Stereo Headphones - MDRJ10", "Sony", "MDRJ10", True),
])
def test_product(text: str, brand: str | None, model: str | None, is_headphone: bool | None) -> None:
    spec = parse_spec(text)
    assert (spec.brand, spec.is_headphone) == (brand, is_headphone)
    if model is not None:
        assert spec.model == model


def test_labels_first_then_values() -> None:
    text = "Impedance\nSensitivity\nFrequency response\n32 Ω\n98 dB/mW\n20 Hz - 20 kHz"
    spec = parse_spec(text)
    assert (spec.impedance_ohm, spec.sensitivity_db, spec.freq_high_hz) == (32.0, 98.0, 20000.0)


def test_key_value_table() -> None:
    text = "| Impedance | 300 Ω |\n| Sensitivity | 97 dB SPL/mW |\n| Weight | 260 g |"
    spec = parse_spec(text)
    assert (spec.impedance_ohm, spec.sensitivity_db_per_v, spec.weight_g) == (300.0, 102.2, 260.0)


def test_two_impedances_conflict() -> None:
    spec = parse_spec("Impedance: 32 Ω\nImpedance: 64 Ω")
    assert spec.impedance_ohm == 32.0
    assert any(w.code == "conflict" and w.field == "impedance_ohm" for w in spec.warnings)


def test_review_takes_the_subject_not_the_rival() -> None:
    text = ("Sennheiser HD 600 review\nCompared with the Beyerdynamic DT 990 (250 ohm), the HD 600 has an "
            "impedance of 300 ohms and 97 dB SPL/mW sensitivity.")
    spec = parse_spec(text)
    assert spec.brand == "Sennheiser"


def test_api_refuses_bad_text_with_clear_errors() -> None:
    from headspec.errors import InputTooLargeError, SpecParseError

    with pytest.raises(InputTooLargeError, match="limit is 1,000,000"):
        parse_spec("Impedance: 32 ohm\n" * 600_000)
    with pytest.raises(SpecParseError, match="empty"):
        parse_spec(" \n\t ")
    with pytest.raises(SpecParseError, match="binary"):
        parse_spec("PK\x03\x04\x00\x00" * 50)
    with pytest.raises(SpecParseError, match="UTF-8"):
        parse_spec(b"Imp\xe9dance: 32")  # type: ignore[arg-type]
    assert parse_spec(b"Impedance: 32 ohm").impedance_ohm == 32.0  # type: ignore[arg-type]
