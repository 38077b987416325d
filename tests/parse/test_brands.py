"""Brand table and subject-brand detection."""

from __future__ import annotations

import pytest

from headspec.brands import brand_names, canonical_brand, find_brand


@pytest.mark.parametrize(("name", "expected"), [
    ("beyer", "Beyerdynamic"), ("ATH", "Audio-Technica"), ("Сони", "Sony"), ("B&W", "Bowers & Wilkins"),
    ("dca", "Dan Clark Audio"), ("  sennheiser  ", "Sennheiser"), ("Sennheiser Consumer Audio", "Sennheiser"),
    ("Зенхайзер", "Sennheiser"), ("boat", "boAt"), ("no such brand", None), ("", None),
])
def test_canonical_brand(name: str, expected: str | None) -> None:
    assert canonical_brand(name) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Sony WH-1000XM5 vs Bose QC45", "Sony"),
    ("Wireless Earbuds for iPhone Samsung, TOZO T6 Bluetooth 5.3", "TOZO"),
    ("Гарнитура Soul ST-XS2, Bluetooth, черный", "Soul"),
    ("Ear pads for Sennheiser HD600", None),
    ("Nothing beats this pair", None),
    ("Nothing Ear (2) True Wireless", "Nothing"),
    ("ATH-M50x studio monitor headphones", "Audio-Technica"),
    ("Quieter than Bose, the Sony WH-1000XM4", "Sony"),
    ("Гарнитура Bang & Olufsen Earset, Bluetooth, белый", "Bang & Olufsen"),
])
def test_find_brand_picks_the_subject(text: str, expected: str | None) -> None:
    found = find_brand(text)
    assert (found[0] if found else None) == expected
    if found:
        name, start, end = found
        assert canonical_brand(text[start:end]) == name


def test_brand_names_are_unique_and_sorted() -> None:
    names = brand_names()
    assert names == sorted(set(names), key=str.lower)
    assert {"Sony", "Sennheiser", "HIFIMAN"} <= set(names)
