"""'What sounds like X': distances over the real catalog, the model's other rigs first."""

from __future__ import annotations

import pytest

from headspec import fr
from headspec.catalog import Catalog
from headspec.errors import NotFoundError
from headspec.recommend import RecommendInputError, difference_words, similar


def test_earpods_other_rigs_rank_first(catalog: Catalog) -> None:
    r = similar("Apple EarPods", catalog, top=5)
    assert r.family == "in-ear and earbud" and r.compared > 200
    first_two = r.items[:2]
    assert all(i.same_model for i in first_two)
    assert {r.source, *(i.source for i in first_two)} == {"Rtings", "Innerfidelity", "Headphone.com Legacy"}
    assert not any(i.same_model for i in r.items[2:])
    assert "other rig" in first_two[0].differences
    assert any("different rigs" in n for n in r.notes)


def test_every_multi_rig_model_lists_its_own_measurements_first(catalog: Catalog) -> None:
    rows = catalog.store.query("SELECT model_id FROM measurements GROUP BY model_id "
                               "HAVING count(DISTINCT lower(source)) >= 2")
    assert len(rows) >= 10
    for (model_id,) in rows:
        r = similar(model_id, catalog, top=3)
        assert r.items[0].same_model, (r.name, r.items[0].name)
        others = [i.distance_db for i in r.items if not i.same_model]
        assert others == sorted(others)


def test_distances_match_fr_distance_pairwise(catalog: Catalog) -> None:
    r = similar("Moondrop Aria 2", catalog, top=5)
    ref = catalog.curve(r.measurement_id)
    for item in r.items:
        pairwise = fr.distance(ref, catalog.curve(item.measurement_id))
        assert item.distance_db == pytest.approx(pairwise, abs=0.006)
        assert item.differences == difference_words(
            item.band_deltas_db, item.source if item.source.casefold() != r.source.casefold() else None)


def test_band_deltas_point_the_right_way(catalog: Catalog) -> None:
    r = similar("Apple EarPods", catalog, top=8)
    ref = fr.describe(catalog.curve(r.measurement_id))
    for item in r.items:
        other = fr.describe(catalog.curve(item.measurement_id))
        for band in ("bass", "treble"):
            expected = other.offset(band) - ref.offset(band)
            assert item.band_deltas_db[band] == pytest.approx(expected, abs=0.3), (item.name, band)


def test_cheaper_keeps_only_cheaper_priced_models(catalog: Catalog) -> None:
    rows = catalog.store.query(
        "SELECT m.id FROM models m JOIN model_prices p ON p.model_id = m.id AND p.currency = 'USD' "
        "WHERE m.n_measurements > 0 ORDER BY p.price_min DESC")
    assert rows
    r = similar(rows[0][0], catalog, cheaper=True, top=5)
    assert r.price is not None and r.currency == "USD" and r.items
    for item in r.items:
        assert not item.same_model and item.currency == "USD" and item.price < r.price


def test_cheaper_without_a_price_is_an_error_with_a_hint(catalog: Catalog) -> None:
    with pytest.raises(RecommendInputError) as exc:
        similar("Apple EarPods", catalog, cheaper=True)
    assert "no price" in exc.value.message and exc.value.hint


def test_unmeasured_model_is_not_found(catalog: Catalog) -> None:
    model_id = catalog.store.query("SELECT id FROM models WHERE n_measurements = 0 LIMIT 1")[0][0]
    with pytest.raises(NotFoundError, match="no measurement"):
        similar(model_id, catalog)


def test_difference_words() -> None:
    assert difference_words({"bass": 3.14, "treble": -1.9}) == "+3.1 dB bass"
    assert difference_words({"bass": 0.4}) == "within 2 dB in every band"
    assert difference_words({"air": -2.0}, "Rtings") == "-2.0 dB air; other rig (Rtings)"
