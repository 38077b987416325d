"""(input_text, expected) tables for general traps found by a held-out check of unseen real texts.

Each row is a made-up text in the shape of a real one (not the held-out record itself), so
the rule is tested, not the record.
"""

from __future__ import annotations

from typing import Any

import pytest

from headspec.parse import parse_spec

from ._expect import check_fields


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
    check_fields(text, expected)


def test_short_csv_row_warns() -> None:
    spec = parse_spec("brand,model,impedance,db/mw,note\nakg,k371,32,114")
    assert spec.impedance_ohm == 32.0
    assert any(w.code == "csv-short-row" and "note" in w.message for w in spec.warnings)
    full = parse_spec("brand,model,impedance,db/mw\nakg,k371,32,114")
    assert not any(w.code == "csv-short-row" for w in full.warnings)


@pytest.mark.parametrize(("text", "expected"), [
    # charging time written as "N hours for fully charged" is not play time
    ("Wireless Headset\nIt lasts up to 20 hours talking time, only need 2 hours for fully charged.",
     {"battery_h": None}),
    ("Wireless Headset\nPlays 30 hours after fully charged.", {"battery_h": 30.0}),
    # a glued sentence ("closed.Up to") does not carry the case word into the next figure,
    # "boost that to N hours ... with the 500mah charging case" is the total
    ("Bluetooth Earbuds\nSee the charge even when the case is closed.Up to 7 hours playtime on a single "
     "charge and boost that to 35 hours playtime with the 400mah charging case.",
     {"battery_h": 7.0, "battery_total_h": 35.0}),
    # a title's total beats nothing: the body's per-charge figure and the total both kept
    ("Wireless Earbud Bluetooth Headphones\nDisplay and 40hrs Playtime: see the charge. Up to 6 hours "
     "playtime on a single charge and extends it to 40 hours playtime with the charging case.",
     {"battery_h": 6.0, "battery_total_h": 40.0}),
    # a bare figure standing alone in a wireless product's feature list
    ("Acme H100 On-Ear Wireless Headphones\nBT compact fold, 32mm driver, bass boost, 25hrs, BK.",
     {"battery_h": 25.0}),
    ("Acme H100 On-Ear Headphones\nCompact fold, 32mm driver, 25hrs, BK.", {"battery_h": None}),
    # true-wireless buds whose title alone quotes one long figure: that is the case total
    ("Acme Buds True Wireless Earbuds, Bluetooth 5.3, 36H Playtime, Fast Charging",
     {"battery_h": None, "battery_total_h": 36.0}),
    ("Acme Buds True Wireless Earbuds, Bluetooth 5.3, 8H Playtime",
     {"battery_h": 8.0, "battery_total_h": None}),
    ("Acme Over-Ear Wireless Headphones, 40H Playtime", {"battery_h": 40.0, "battery_total_h": None}),
    # a total labelled by a case word before it
    ("TWS Earbuds\nPlay time: 6 hours\nTotal with case: 32H", {"battery_h": 6.0, "battery_total_h": 32.0}),
    ("Earbuds\nPlaytime: 8 hours\nWith the charging case: 30 hours",
     {"battery_h": 8.0, "battery_total_h": 30.0}),
    ("Earbuds\nPlaytime: 8 hours\nCharging case: 2 hours to full",
     {"battery_h": 8.0, "battery_total_h": None}),
    # open-ear buds (no form factor) with a charging case: the long figure is the total
    ("Acme Open Ear Headphones\n60H of battery life and LED display | A single charge can play for 8H, "
     "and the charging box can charge them 6 more times.", {"battery_h": 8.0, "battery_total_h": 60.0}),
    ("Acme Headphones\nUp to 60 hours of battery life. A quick 10-minute charge gives 4 hours.",
     {"battery_h": 60.0, "battery_total_h": None}),
])
def test_battery(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme Earbuds\nJBL-like earbuds with True Adaptive Noise Cancelling and Smart Ambient.", {"anc": True}),
    ("Acme Earbuds\nEasily adjust your preferred level of noise cancellation with the touch controls.",
     {"anc": True}),
    ("Acme Buds\nCustomTune technology personalizes the noise cancellation to fit your ears.", {"anc": True}),
    # call-mic processing stays not-ANC
    ("Trucker Headset\nAdaptive environmental noise-canceling chipset technology removes 96% of background "
     "noise for your callers.", {"anc": False}),
    ("Office Headset\nENC noise cancelling mic for clear calls.", {"anc": False}),
    ("Office Headset\nCVC 8.0 noise cancelling technology for clear calls.", {"anc": False}),
    ("Office Headset\nA noise cancelling mic picks up your voice.", {"anc": False}),
])
def test_anc(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # a built-in player's file formats are not Bluetooth codecs
    ("Swimming Headphones\n32GB storage, supports MP3, FLAC, WMA, AAC, WAV and APE formats.",
     {"bluetooth_codecs": None}),
    ("Wireless Earbuds\nCodecs: SBC, AAC. Plays MP3 and FLAC from the app.",
     {"bluetooth_codecs": ["SBC", "AAC"]}),
    ("Wireless Earbuds\nSupports SBC, AAC and LDAC; the app plays FLAC and MP3.",
     {"bluetooth_codecs": ["SBC", "AAC", "LDAC"]}),
    ("Wireless Earbuds\ncompatible with the SBC/AAC decoding format", {"bluetooth_codecs": ["SBC", "AAC"]}),
])
def test_codecs(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Acme Wireless Earbud Bluetooth Headphones 5.3", {"bluetooth_version": "5.3"}),
    ("Bluetooth Headset V5.1", {"bluetooth_version": "5.1"}),
    ("Acme True Wireless Bluetooth Earphones 5.2 HiFi Stereo", {"bluetooth_version": "5.2"}),
    ("Acme Bluetooth Headphones 5.3mm drivers", {"bluetooth_version": None}),
    ("Acme Bluetooth Earbuds 4.5 hours playtime", {"bluetooth_version": None}),
])
def test_bluetooth_version(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "brand", "model"), [
    # a count and its noun after a model code are a description, not part of the code
    ("Panasonic KX-TG785SK 2-Line Cordless Phone", "Panasonic", "KX-TG785SK"),
    ("FODSPORTS M1S-PRO 2 Way Motorcycle Intercom Headset", "FODSPORTS", "M1S-PRO"),
    # a model word after the code continues the model
    ("Soundcore by Anker Life A3 Mini True Wireless Earbuds, Bluetooth 5.3", "Soundcore", "Life A3 Mini"),
    ("Sony WF-1000XM4 Pro Earbuds", "Sony", "WF-1000XM4 Pro"),
    ("boAt Rockerz 333 Z Plus, Bluetooth Neckband", "boAt", "Rockerz 333 Z Plus"),
    # a generation numeral after the product noun names the model
    ("Bose QuietComfort Headphones II", "Bose", "QuietComfort Headphones II"),
    ("Skullcandy Crusher ANC 2 Over-Ear Wireless Headphones", "Skullcandy", "Crusher ANC 2"),
    ("Skullcandy Crusher ANC 2 Pack Headphones", "Skullcandy", "Crusher"),
    # a retailer title's maker code in brackets belongs to the model
    ("Гарнитура Huawei Freebuds 5 (T0013), Bluetooth, белый", "Huawei", "Freebuds 5 (T0013)"),
    ("Гарнитура Huawei Freebuds 5, Bluetooth, белый", "Huawei", "Freebuds 5"),
    # unchanged: a model number followed by a plain word, a generic noun without a numeral
    ("Jabra Elite 4 Active Earbuds", "Jabra", "Elite 4"),
    ("Bose QuietComfort Earbuds, Black", "Bose", "QuietComfort"),
])
def test_model_boundaries(text: str, brand: str | None, model: str | None) -> None:
    spec = parse_spec(text)
    assert (spec.brand, spec.model) == (brand, model)


@pytest.mark.parametrize(("text", "brand", "model"), [
    # "Name - MODEL/COLOUR" with no known brand: the code after the dash is the model
    ("Bass Series Earbuds White - XBA C10/WHI", None, "XBA C10"),
    ("Sport Earbuds Red - HAFX10R", None, "HAFX10R"),
    # a guessed brand the body always writes with the next word is a two-word brand,
    # and the model code the body names after it beats a title word without digits
    ("Rovan Peak Trucker Bluetooth Headset 20H Talktime\nRovan Peak trucker headset with a boom mic. "
     "The Rovan Peak K30 uses a Qualcomm chip.", "Rovan Peak", "K30"),
    ("Qaekie Active Noise Cancelling Headphones\nOur Qaekie Q20 headphones block noise.", "Qaekie", "Q20"),
    # said alone once: one word; a console after the brand is a host, not a model
    ("Vexmo Gaming Headset\nVexmo PS5/PS4 headset with mic. Vexmo gaming gear.", "Vexmo", None),
])
def test_guessed_brand_and_body_model(text: str, brand: str | None, model: str | None) -> None:
    spec = parse_spec(text)
    assert (spec.brand, spec.model) == (brand, model)


@pytest.mark.parametrize(("text", "expected"), [
    ("Гарнитура Edifier TWS330 NB, Bluetooth, белый", {"true_wireless": True, "model": "TWS330 NB"}),
    ("Acme TWS Earbuds", {"true_wireless": True}),
    ("Acme Twist 3 Headphones", {"true_wireless": None}),
])
def test_tws_code(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "brand", "model"), [
    # a hyphenated maker code ending the title beats a series name without digits
    ("Sony EX Series Wired Earbuds, Black MDR-EX15AP", "Sony", "MDR-EX15AP"),
    # ... but not when it names the host device the product is for
    ("BAOFENG 2 Pin Earpiece Headset for Kenwood UV-82", "BAOFENG", None),
    # the body's brand + code is found whatever the brand's case
    ("zorvik Open Ear Headphones Wireless\nComfort with Zorvik LX2 headphones all day.", "zorvik", "LX2"),
])
def test_title_end_and_body_codes(text: str, brand: str | None, model: str | None) -> None:
    spec = parse_spec(text)
    assert (spec.brand, spec.model) == (brand, model)


@pytest.mark.parametrize(("text", "expected"), [
    ("Neckband Headphones\nThe 5.0 Bluetooth's low latency keeps sound in sync.",
     {"bluetooth_version": "5.0"}),
    ("Trucker Headset\nADVANCED QUALCOMM 5.1 BLUETOOTH TECHNOLOGY", {"bluetooth_version": "5.1"}),
    ("Wireless Headset\nA 2.5 Bluetooth-like range of 10 m", {"bluetooth_version": None}),
    ("Acme Earbuds\nDriver 12.5 bluetooth range", {"bluetooth_version": None}),
    # where a product is made is not its model
    ("GOBOULT Made in India Z40 Earbuds", {"brand": "Boult", "model": "Z40"}),
    # a known brand's title without a model code: the code the body names after the brand
    ("EarFun Kids Headphones Wired\nEarFun K2 kids headphones are made for children.",
     {"brand": "EarFun", "model": "K2"}),
    ("EarFun Air Pro 3 Earbuds\nUnlike the EarFun K2, these are wireless.", {"model": "Air Pro 3"}),
])
def test_more_titles(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    # check-mark bullets separate items like "•" does: the next item's standby time is not this one's
    ("Earbuds\n✔ Bluetooth version: V5.0 EDR ✔ Music and call: 4-6 hours available ✔ Standby time: 100 hours",
     {"battery_h": 6.0, "bluetooth_version": "5.0"}),
    ("Headphones\n√ Impedance: 32 Ω √ Sensitivity: 105 dB/mW", {"impedance_ohm": 32.0,
                                                             "sensitivity_db_per_mw": 105.0}),
])
def test_check_mark_bullets(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "brand", "model"), [
    # a screen size in inches is a figure, not the model; the code after the dash is
    ("Toshiba 9' Portable DVD Player In Black - SDP94S\nToshiba 9' Portable DVD Player / LCD Display",
     "Toshiba", "SDP94S"),
    ('Sony 10.1" Portable Blu-ray Player - BDPSX1', "Sony", "BDPSX1"),
    ("Portable 9' DVD Player In Black - SDP94S", None, "SDP94S"),
])
def test_inch_figures_are_not_models(text: str, brand: str | None, model: str | None) -> None:
    spec = parse_spec(text)
    assert (spec.brand, spec.model) == (brand, model)


@pytest.mark.parametrize(("text", "expected"), [
    # a sentence glued to a comparison ("...than normal headphones.Equipped") ends it
    ("Zorvik Bone Conduction Headphones\nNo hurt compared with normal headphones.Equipped with the advanced "
     "Bluetooth 5.3 chip, they connect fast.", {"bluetooth_version": "5.3", "wireless": True}),
    ("Zorvik Headphones\nCompared with the Bluetooth 5.0 of older models, ours are lighter.",
     {"bluetooth_version": None}),
    # "Audio" after the brand belongs to the brand's name, not the model
    ("Cleer Audio ARC 3 Open-Ear True Wireless Headphones", {"brand": "Cleer", "model": "ARC 3"}),
    ("Douk Audio U3 Headphone Amp", {"model": "U3"}),
])
def test_sentences_and_brand_words(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Open Ear Headset\nAdvanced air conduction technology. (Note: It's NOT Bone Conduction Headset.)",
     {"driver_type": None}),
    ("Open Ear Headset\nComfortable and stable (Not Bone Conduction).", {"driver_type": None}),
    ("Sport Headphones\nTrue bone conduction technology sends sound through the cheekbones.",
     {"driver_type": "bone_conduction"}),
    # product-type words after a guessed brand are not a model
    ("ELEVOC Trucker Bluetooth Headset with Microphone", {"brand": "ELEVOC", "model": None}),
    ("ASMRBAND Sleeping Headphones\nASMRBAND Sleeping Headphones, 10+ Hours Play Time",
     {"brand": "ASMRBAND", "model": None}),
])
def test_negated_types_and_type_words(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Гарнитура True Wireless Acme Buds 4, Bluetooth 5.3, до 28 ч с кейсом, 5 ч без подзарядки",
     {"battery_h": 5.0, "battery_total_h": 28.0}),
    ("Наушники\nДо 6 ч на одном заряде, до 24 ч с кейсом", {"battery_h": 6.0, "battery_total_h": 24.0}),
    ("Kopfhörer\nBis zu 8 Stunden pro Ladung, 32 Stunden mit Ladecase",
     {"battery_h": 8.0, "battery_total_h": 32.0}),
    ("Kopfhörer\nLadezeit: 2 Stunden", {"battery_h": None}),
    # an impedance variant after the model is a figure, not part of the model
    ("Kopfhörer Beyerdynamic DT 990 PRO 250 Ohm\nOffener Studiokopfhörer",
     {"model": "DT 990 PRO", "impedance_ohm": 250.0}),
])
def test_other_languages_and_variants(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "model"), [
    # a host device named after the brand in the body is not the model
    ("Samsung Galaxy Buds Live Wireless Earbuds\nWorks great, compatible with Samsung S21 and more.",
     "Galaxy Buds Live"),
    ("Samsung Galaxy Buds Live Wireless Earbuds\nPair it with your Samsung S21 phone.", "Galaxy Buds Live"),
    ("Zorvik Open Ear Headphones\nStay aware with Zorvik P8 open ear headphones.", "P8"),
])
def test_body_code_not_a_host(text: str, model: str) -> None:
    assert parse_spec(text).model == model


@pytest.mark.parametrize(("text", "expected"), [
    # a negated radio with no other radio word: wired
    ("Acme USB-C Earphones\nNot Bluetooth, plug into your Type-C port.", {"wireless": False}),
    ("Acme Earbuds\nNo wireless lag: Bluetooth 5.3 chip", {"wireless": True}),
])
def test_negated_radio(text: str, expected: dict[str, Any]) -> None:
    check_fields(text, expected)


@pytest.mark.parametrize(("text", "brand", "model"), [
    # a maker code after the title's generic words is the model
    ("Sony Noise Cancelling Headphones WHCH710N: Wireless Bluetooth Over the Ear Headset",
     "Sony", "WHCH710N"),
    ("Gravastar Wireless Earbuds Sirius P5", "Gravastar", "P5"),
    # ... but not a chip, a file format, a connector or a rating
    ("SAMVEK Bone Conduction Headphones Bluetooth 5.3 with Qualcomm CSR8635 Chip", "SAMVEK", None),
    ("Arama Phone Headset RJ9", "Arama", None),
    ("Dsrva Swimming Headphones IP68 Waterproof with MP3 Player", "Dsrva", None),
])
def test_code_after_generic_words(text: str, brand: str, model: str | None) -> None:
    spec = parse_spec(text)
    assert (spec.brand, spec.model) == (brand, model)
