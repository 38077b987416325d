"""Listing classification on hand-labelled real titles and on the decided edge cases."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from headspec.classify import LABELS, Classification, classify

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _titles() -> list[dict[str, str]]:
    lines = (GOLDEN / "titles_labelled.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_gold_titles_meet_the_accuracy_goal() -> None:
    """Accuracy >= 0.95 on the hand-labelled titles, and every class is represented."""
    titles = _titles()
    assert len(titles) >= 150
    counts = Counter(t["label"] for t in titles)
    assert set(counts) == set(LABELS) and min(counts.values()) >= 10, counts
    wrong = [(t["id"], t["label"], classify(t["title"]).label, t["title"][:60]) for t in titles
             if classify(t["title"]).label != t["label"]]
    accuracy = 1 - len(wrong) / len(titles)
    print(f"\nclassify on {len(titles)} gold titles: accuracy {accuracy:.3f}; wrong: {wrong}")
    assert accuracy >= 0.95, wrong


@pytest.mark.parametrize(("title", "label"), [
    # accessories, English and Russian
    ("Replacement Ear Pads for Sony WH-1000XM4 Headphones, Protein Leather", "accessory"),
    ("Sony WH-1000XM5 Headphones Replacement Earpads Cushions", "accessory"),
    ("Headphone Stand with USB Charger, Aluminium Desk Hanger", "accessory"),
    ("Hard Case for Bose QuietComfort 45 Headphones", "accessory"),
    ("Case Cover Compatible with AirPods Pro 2nd Generation", "accessory"),
    ("AirPods Pro Case, Silicone Protective Cover", "accessory"),
    ("Replacement Cable for Sennheiser HD600 HD650 Headphones, 3m", "accessory"),
    ("USB C to 3.5mm Headphone Jack Adapter", "accessory"),
    ("FiiO K5Pro ESS Amplifier Headphone Amps Stereo High Resolution Portable Desktop DAC", "accessory"),
    ("Амбушюры для наушников Sony WH-1000XM4, черные", "accessory"),
    ("Чехол для наушников Apple AirPods Pro", "accessory"),
    # things that only mention headphones
    ("Toshiba 10.2' Portable DVD Player In Black - SDP101S", "not-headphone"),
    ("JBL Flip 6 Portable Bluetooth Speaker, Waterproof", "not-headphone"),
    ("Panasonic KX-TG1033S Digital Cordless Phone with Three Handsets", "not-headphone"),
    ("USB-C DAC Dongle, 32bit/384kHz Headphone Adapter", "not-headphone"),
    ("Портативная колонка JBL Charge 5, черный", "not-headphone"),
    ("Google Pixel 7a", "not-headphone"),
    # headphones whose titles are full of accessory words
    ("Apple AirPods with Wireless Charging Case - White (Renewed)", "headphone"),
    ("boAt Rockerz 450, 15 HRS Battery, 40mm Drivers, Padded Ear Cushions, On Ear Bluetooth Headphones",
     "headphone"),
    ("Wired Over Ear Headphones, Studio Monitor & Mixing DJ Headphones with 1/4 to 3.5mm Jack for Guitar AMP",
     "headphone"),
    ("Гарнитура Apple AirPods Pro Magsafe Case, Bluetooth, белый", "headphone"),
    ("Sony WH-1000XM4", "headphone"),
])
def test_decisions(title: str, label: str) -> None:
    result = classify(title)
    assert result.label == label, result.reason
    assert result.reason


@pytest.mark.parametrize(("title", "label"), [
    ("Unigear Bombing Ski Helmet Speakers", "not-headphone"),
    ("Khptop Motorcycle Helmet Bluetooth Headset", "not-headphone"),
    ("Perytong Sleep Headphones Bluetooth Sleep Headband Adjustable Headband Headphones", "headphone"),
    ("Sleep Mask with Bluetooth Headphones", "not-headphone"),
    ("Bluetooth Beanie Hat with Light and Headphones", "not-headphone"),
    ("3M Peltor X4A Over-the-Head Ear Muffs, Noise Protection, NRR 27 dB", "not-headphone"),
    ("3M WorkTunes Connect Hearing Protector with Bluetooth Wireless Technology Earmuffs", "headphone"),
    ("Plantronics Voyager 510 Bluetooth Headset", "headphone"),
    ("Sarevile Trucker Bluetooth Headset", "headphone"),
    ("2 Pack Apple Earbuds for iPhone Headphones Wired Earphones", "headphone"),
    ("ICARERSPACE Ear Hooks Compatible with Apple AirPods 1", "accessory"),
    ("LEKATO MS-1 Wireless in-Ear Monitor System -(Only Receiver)", "accessory"),
])
def test_documented_edge_cases(title: str, label: str) -> None:
    assert classify(title).label == label, classify(title).reason


def test_raw_text_decides_when_the_title_names_no_product() -> None:
    assert classify("Sirius STILETTO 2").label == "headphone"
    assert classify("Sirius STILETTO 2", "Home docking kit for the Stiletto 2 radio").label == "not-headphone"
    assert classify("", "Bluetooth speaker with headphone output").label == "not-headphone"


def test_classification_is_frozen() -> None:
    result = classify("Sony WH-1000XM4")
    assert isinstance(result, Classification)
    with pytest.raises(ValueError):
        result.label = "accessory"  # type: ignore[misc]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gets_a_label_and_a_reason(text: str) -> None:
    result = classify(text)
    assert result.label in LABELS and result.reason


def test_oem_spec_sheets_are_read_by_their_values(shared_data: Path) -> None:
    """OEM catalogue sheets have only a model code for a title; spec labels such as 'Speaker: 10mm'
    or 'Battery capacity: 200mAh' name parts, not the product."""
    seen = Counter()
    with (shared_data / "specs" / "listings.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["source"] != "oem-seigo":
                continue
            title = record["raw_text"].split("\n", 1)[0]
            label = classify(title, record["raw_text"]).label
            expected = "not-headphone" if "eye mask" in record["raw_text"].lower() else "headphone"
            assert label == expected, (title, record["fields"]["category"])
            seen[label] += 1
    assert seen["headphone"] >= 30 and seen["not-headphone"] >= 1
