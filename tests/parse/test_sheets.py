"""Whole spec sheets in several languages and layouts, each with the fields a reader takes from it."""

from __future__ import annotations

from typing import Any

import pytest

from headspec.parse import parse_spec

SHEETS: list[tuple[str, dict[str, Any]]] = [
    ("Beyerdynamic DT 770 PRO\nTechnische Daten\nBauform: geschlossen, ohrumschließend\n"
     "Wandlerprinzip: dynamisch\nFrequenzgang: 5 - 35.000 Hz\nNennimpedanz: 80 Ω\n"
     "Kennschalldruckpegel: 96 dB SPL (1 mW; 500 Hz)\nKlirrfaktor: < 0,2 %\nGewicht ohne Kabel: 270 g\n"
     "Preis: 149,00 €",
     {"brand": "Beyerdynamic", "model": "DT 770 PRO", "back": "closed", "form_factor": "over-ear",
      "driver_type": "dynamic", "freq_low_hz": 5.0, "freq_high_hz": 35000.0, "impedance_ohm": 80.0,
      "sensitivity_basis": "mW", "sensitivity_db_per_v": 107.0, "thd_percent": 0.2, "weight_g": 270.0,
      "price_amount": 149.0, "price_currency": "EUR"}),
    ("Casque Sennheiser HD 660S2\nType : ouvert, circum-auriculaire\n"
     "Réponse en fréquence : 8 Hz - 41,5 kHz (-10 dB)\nImpédance nominale : 300 Ω\n"
     "Niveau de pression acoustique (SPL) : 104 dB à 1 kHz, 1 Vrms\n"
     "Distorsion harmonique totale (THD) : < 0,04 % (1 kHz, 100 dB)\nPoids : 260 g (sans câble)",
     {"brand": "Sennheiser", "model": "HD 660S2", "is_headphone": True, "back": "open",
      "form_factor": "over-ear", "freq_high_hz": 41500.0, "impedance_ohm": 300.0, "sensitivity_basis": "V",
      "sensitivity_db_per_v": 104.0, "sensitivity_db_per_mw": 98.8, "thd_percent": 0.04, "weight_g": 260.0}),
    ("Cuffie Audio-Technica ATH-M50x\nTipo: dinamico, chiuso\nDiametro driver: 45 mm\n"
     "Risposta in frequenza: 15 - 28.000 Hz\nSensibilità: 99 dB\nImpedenza: 38 ohm\nPeso: 285 g",
     {"brand": "Audio-Technica", "model": "ATH-M50x", "back": "closed", "driver_mm": 45.0,
      "freq_high_hz": 28000.0, "sensitivity_basis": "unknown", "sensitivity_db_per_v": None,
      "impedance_ohm": 38.0, "weight_g": 285.0}),
    ("Наушники Sony MDR-7506\nТип: полноразмерные, закрытые\nДиаметр мембраны: 40 мм\n"
     "Частотный диапазон: 10 Гц – 20 кГц\nСопротивление: 63 Ом\nЧувствительность: 106 дБ/мВт\nВес: 230 г\n"
     "Цена: 8 990 ₽",
     {"brand": "Sony", "model": "MDR-7506", "is_headphone": True, "form_factor": "over-ear", "back": "closed",
      "driver_mm": 40.0, "freq_low_hz": 10.0, "freq_high_hz": 20000.0, "impedance_ohm": 63.0,
      "sensitivity_db_per_mw": 106.0, "sensitivity_db_per_v": 118.0, "weight_g": 230.0,
      "price_amount": 8990.0, "price_currency": "RUB"}),
    ("Moondrop Blessing 3 in-ear monitor\nDriver: 2DD+4BA hybrid\nImpedance: 14.8Ω±15% @1kHz\n"
     "Sensitivity: 117dB/Vrms @1kHz\nFrequency response: 9Hz-40kHz (IEC61094, free field)",
     {"brand": "Moondrop", "model": "Blessing 3", "driver_type": "hybrid", "driver_count": 6,
      "form_factor": "in-ear", "impedance_ohm": 14.8, "impedance_tolerance_pct": 15.0,
      "sensitivity_db_per_v": 117.0, "sensitivity_db_per_mw": 98.7, "freq_low_hz": 9.0}),
    ("HIFIMAN Sundara review: compared with the Sennheiser HD 600 (300 ohms, 97 dB SPL/mW), the Sundara is "
     "a planar magnetic open-back with an impedance of 37 ohms and a sensitivity of 94 dB/mW. It weighs "
     "372 g.",
     {"brand": "HIFIMAN", "model": "Sundara", "impedance_ohm": 37.0, "sensitivity_db": 94.0,
      "driver_type": "planar", "back": "open", "weight_g": 372.0}),
    ("Specifications\nDriver size\nImpedance\nSensitivity\nFrequency response\nWeight\n"
     "50 mm\n32 Ω\n110 dB/mW\n15 Hz - 28 kHz\n290 g",
     {"driver_mm": 50.0, "impedance_ohm": 32.0, "sensitivity_db_per_mw": 110.0, "freq_high_hz": 28000.0,
      "weight_g": 290.0}),
    ("Model,Impedance (ohm),Sensitivity (dB/mW),Driver\nK371,32,114,50mm dynamic",
     {"model": "K371", "impedance_ohm": 32.0, "sensitivity_basis": "mW", "sensitivity_db_per_v": 128.9,
      "driver_mm": 50.0, "driver_type": "dynamic"}),
    ("Sony WH-1000XM5\nBattery life: up to 30 hours (NC on), 40 hours (NC off)\nBluetooth version: 5.2\n"
     "Codecs: SBC, AAC, LDAC\nWeight: approx. 250 g\nActive noise cancelling: yes",
     {"brand": "Sony", "model": "WH-1000XM5", "battery_h": 30.0, "bluetooth_version": "5.2",
      "bluetooth_codecs": ["SBC", "AAC", "LDAC"], "weight_g": 250.0, "anc": True, "wireless": True}),
    ("Apple AirPods Pro (2nd generation) with MagSafe Case (USB-C)\nUp to 6 hours of listening time with "
     "Active Noise Cancellation enabled, up to 30 hours total listening time with the case",
     {"brand": "Apple", "is_headphone": True, "anc": True, "battery_h": 6.0, "battery_total_h": 30.0}),
    ("Impedance: 32Ω | Sensitivity: 98dB±3dB | Frequency: 20Hz-20KHz | Speaker: Φ40mm | Cable length: 1.2m",
     {"is_headphone": None, "impedance_ohm": 32.0, "sensitivity_basis": "unknown", "driver_mm": 40.0,
      "wireless": False}),
    ("KZ ZSN Pro X 1BA+1DD Hybrid In Ear Earphones, Impedance 24Ω, Sensitivity 112dB/mW, 7-40000Hz",
     {"brand": "KZ", "model": "ZSN Pro X", "driver_type": "hybrid", "driver_count": 2,
      "form_factor": "in-ear",
      "impedance_ohm": 24.0, "sensitivity_db_per_v": 128.2, "freq_low_hz": 7.0, "freq_high_hz": 40000.0}),
]


@pytest.mark.parametrize(("text", "expected"), SHEETS, ids=[t.splitlines()[0][:30] for t, _ in SHEETS])
def test_sheet(text: str, expected: dict[str, Any]) -> None:
    spec = parse_spec(text)
    for name, want in expected.items():
        got = getattr(spec, name)
        if isinstance(want, float):
            assert got == pytest.approx(want, rel=0.005, abs=0.051), name
        else:
            assert got == want, name
