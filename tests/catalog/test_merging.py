"""Variant merging on real listings: colours and regions of one model merge, different models stay apart."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from headspec.catalog import Catalog

COLOUR_TAIL = re.compile(
    r"[\s,(–-]*\(?(black|white|blue|pink|red|beige|silver|green|grey|gray|brown|orange|"
    r"sea green|sage green|army green|starry night|silver frost)\)?\s*$",
    re.IGNORECASE,
)


def model_of(catalog: Catalog, where: str, *params: object) -> set[int]:
    return {r[0] for r in catalog.store.query(f"SELECT model_id FROM listings WHERE {where}", params)}


def test_abt_buy_gold_matches_merge(catalog: Catalog, shared_data: Path) -> None:
    with (shared_data / "specs" / "abt_buy_headphone_matches.csv").open() as f:
        pairs = list(csv.DictReader(f))
    assert len(pairs) == 8
    for pair in pairs:
        abt = model_of(catalog, "url LIKE ?", f"%Abt.csv#id={pair['idAbt']}")
        buy = model_of(catalog, "url LIKE ?", f"%Buy.csv#id={pair['idBuy']}")
        assert len(abt) == len(buy) == 1 and None not in abt
        assert abt == buy, pair


def test_colour_variants_of_one_amazon_model_merge(catalog: Catalog) -> None:
    rows = catalog.store.query(
        "SELECT title, model_id FROM listings WHERE source = 'amazon-search-titles' "
        "AND label = 'headphone' AND model_id IS NOT NULL"
    )
    groups: dict[str, set[int]] = {}
    for title, model_id in rows:
        stem = COLOUR_TAIL.sub("", " ".join(title.split())).lower()
        if stem != " ".join(title.split()).lower():
            groups.setdefault(stem, set()).add(model_id)
    multi = {stem: ids for stem, ids in groups.items() if len(ids) > 0}
    assert len(multi) >= 20
    split = [stem for stem, ids in multi.items() if len(ids) > 1]
    assert not split, split[:5]


def test_one_model_many_variants_and_currencies(catalog: Catalog) -> None:
    detail = catalog.model("Sony WH-CH720N")
    assert detail.n_listings >= 5
    currencies = {p["currency"] for v in detail.variants for p in v.prices}
    assert {"USD", "INR"} <= currencies
    titles = [t for v in detail.variants for t in v.titles]
    assert all("WH-CH720N" in t for t in titles)


def test_near_identical_titles_of_different_models_stay_apart(catalog: Catalog) -> None:
    pairs = [
        ("Sony WH-CH520", "Sony WH-CH720N"),
        ("JBL Tune 510BT", "JBL Tune 520BT"),
        ("Sony WH-CH520", "Sony WH-CH720N"),
        ("boAt Rockerz 550", "boAt Rockerz 650"),
    ]
    for a, b in pairs:
        ma = model_of(catalog, "title LIKE ?", f"%{a}%")
        mb = model_of(catalog, "title LIKE ?", f"%{b}%")
        assert ma and mb, (a, b)
        assert not (ma & mb), (a, b)


def test_renewed_units_are_a_condition_variant(catalog: Catalog) -> None:
    rows = catalog.store.query(
        "SELECT v.condition FROM listings l JOIN variants v ON v.id = l.variant_id "
        "WHERE l.title LIKE '%(Renewed)%'"
    )
    assert rows and all(r[0] == "renewed" for r in rows)


def test_compatibles_never_merge_into_the_genuine_model(catalog: Catalog) -> None:
    rows = catalog.store.query(
        "SELECT m.model_key, m.flags FROM models m WHERE m.flags LIKE '%compatible%' "
        "OR m.flags LIKE '%knockoff%'"
    )
    for key, _flags in rows:
        assert key.startswith(("compatible", "knockoff"))


def test_generic_listings_are_named_by_their_title_not_a_repeated_brand(catalog: Catalog) -> None:
    # Titles without a maker model code ("AMAFACE Bone Conduction Headphones ...") get identity's
    # generic key; the model must read as its title, never as "AMAFACE AMAFACE".
    rows = catalog.store.query("SELECT brand, name FROM models WHERE flags LIKE '%generic%'")
    assert len(rows) >= 20
    doubled = [name for brand, name in rows if brand and name.lower() == brand.lower()]
    assert not doubled, doubled[:5]
