"""The catalog's bulk reads (models_overview, model_prices, measured_curves, comparable_prices,
revision) on the catalog built from all the shared data, checked against its other public reads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from headspec.catalog import Catalog, ComparablePrice, CurveSet, ModelSummary, Price
from headspec.fr.grid import autoeq_grid, interpolate


@pytest.fixture(scope="module")
def curves(catalog: Catalog) -> CurveSet:
    return catalog.measured_curves()


def test_models_overview_lists_every_model_once_with_its_merged_specs(catalog: Catalog) -> None:
    models = catalog.models_overview()
    assert all(isinstance(m, ModelSummary) for m in models)
    assert len(models) == catalog.stats()["models"]
    assert [m.id for m in models] == sorted({m.id for m in models})
    by_id = {m.id: m for m in models}
    page = catalog.search("sennheiser", limit=50, facets=False).items
    assert page
    for item in page:
        m = by_id[item.id]
        assert (m.name, m.brand, m.form, m.back, m.wireless, m.anc, m.driver_type) == (
            item.name, item.brand, item.form, item.back, item.wireless, item.anc, item.driver_type)
        assert (m.impedance_ohm, m.sensitivity_db_per_mw, m.n_measurements) == (
            item.impedance_ohm, item.sensitivity_db_per_mw, item.n_measurements)
        assert m.score == item.score
    hd650 = catalog.model("Sennheiser HD 650")
    assert by_id[hd650.id].flags == tuple(hd650.flags)
    assert {"knockoff", "compatible"} <= {f for m in models for f in m.flags}


def test_model_prices_match_search_prices_and_a_subset_matches_the_whole(catalog: Catalog) -> None:
    every = catalog.model_prices()
    assert every and all(isinstance(p, Price) and p.min <= p.max for ps in every.values() for p in ps)
    for ps in every.values():
        assert [p.currency for p in ps] == sorted({p.currency for p in ps})
    usd = catalog.search(currency="USD", sort="price", limit=40, facets=False).items
    priced = [i for i in usd if i.price_min is not None]
    assert priced
    for item in priced:
        assert {p.currency: p.min for p in every[item.id]}["USD"] == pytest.approx(item.price_min)
    ids = list(every)[:7] + [10**9]  # an unknown id is simply absent
    assert catalog.model_prices(ids) == {i: every[i] for i in ids if i in every}
    assert catalog.model_prices([]) == {}
    all_ids = [m.id for m in catalog.models_overview()]  # more ids than one IN (...) chunk
    assert len(all_ids) > 500 and catalog.model_prices(all_ids) == every


def test_measured_curves_are_the_stored_curves_in_id_order(catalog: Catalog, curves: CurveSet) -> None:
    n = len(curves)
    assert n == catalog.stats()["measurements"] > 0
    assert list(curves.measurement_ids) == sorted(curves.measurement_ids)
    assert curves.on_grid.shape == (n, autoeq_grid().size)
    assert np.array_equal(curves.grid, autoeq_grid())
    fields = (curves.model_ids, curves.names, curves.sources, curves.forms, curves.paths, curves.scores,
              curves.curves)
    assert all(len(f) == n for f in fields)
    for i in range(0, n, max(1, n // 25)):
        stored = catalog.curve(curves.measurement_ids[i])
        c = curves.curves[i]
        assert np.array_equal(c.frequency_hz, stored.frequency_hz) and np.array_equal(c.spl_db, stored.spl_db)
        assert (c.name, c.source, c.form) == (curves.names[i], curves.sources[i], curves.forms[i])
        assert np.allclose(curves.on_grid[i], interpolate(c.frequency_hz, c.spl_db, autoeq_grid()))
    hd650 = catalog.model("Sennheiser HD 650")
    mine = {m.id for m in hd650.measurements}
    assert mine and mine == {mid for mid, model in zip(curves.measurement_ids, curves.model_ids, strict=True)
                             if model == hd650.id}
    best: dict[int, float] = {}
    for model, score in zip(curves.model_ids, curves.scores, strict=True):
        if score is not None:
            best[model] = max(score, best.get(model, score))
    assert best  # a model's score is its best measurement's
    assert all(m.score == best[m.id] for m in catalog.models_overview() if m.id in best)


def test_measured_curves_of_one_form_are_that_subset(catalog: Catalog, curves: CurveSet) -> None:
    in_ear = catalog.measured_curves("in-ear")
    rows = [i for i, f in enumerate(curves.forms) if f == "in-ear"]
    assert 0 < len(in_ear) == len(rows) < len(curves)
    assert in_ear.measurement_ids == tuple(curves.measurement_ids[i] for i in rows)
    assert np.array_equal(in_ear.on_grid, curves.on_grid[rows])
    picked = curves.select(rows)
    assert picked.measurement_ids == in_ear.measurement_ids and picked.model_ids == in_ear.model_ids
    assert np.array_equal(picked.on_grid, in_ear.on_grid)
    assert len(curves.select([])) == 0 and curves.select([]).on_grid.shape == (0, curves.grid.size)
    assert len(catalog.measured_curves("no-such-form")) == 0


def test_comparable_prices_hold_exactly_the_asked_form_wireless_and_currency(catalog: Catalog) -> None:
    models = {m.id: m for m in catalog.models_overview()}
    prices = catalog.model_prices()
    hd650 = catalog.model("Sennheiser HD 650")
    for wireless in (None, False, True):
        got = catalog.comparable_prices(form="over-ear", currency="USD", wireless=wireless, exclude=hd650.id)
        assert got and all(isinstance(c, ComparablePrice) for c in got)
        expected = sorted(mid for mid, m in models.items()
                          if m.form == "over-ear" and mid != hd650.id
                          and (wireless is None or m.wireless is wireless)
                          and any(p.currency == "USD" for p in prices.get(mid, [])))
        assert [c.model_id for c in got] == expected
        for c in got:
            assert c.price == next(p.min for p in prices[c.model_id] if p.currency == "USD")
            assert c.score == models[c.model_id].score
    with_it = catalog.comparable_prices(form="over-ear", currency="USD")
    if any(p.currency == "USD" for p in prices.get(hd650.id, [])):
        assert hd650.id in {c.model_id for c in with_it}
    assert catalog.comparable_prices(form="over-ear", currency="XXX") == []


def test_revision_changes_with_every_ingest(shared_data: Path, tmp_path: Path) -> None:
    with Catalog(tmp_path / "c.sqlite3") as cat:
        empty = cat.revision()
        assert empty == cat.revision()
        assert len(cat.measured_curves()) == 0 and cat.models_overview() == [] and cat.model_prices() == {}
        cat.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
        after = cat.revision()
        assert after != empty and after == cat.revision()
        assert len(cat.models_overview()) > 0
