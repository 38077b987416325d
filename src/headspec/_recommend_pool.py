"""The catalog as the recommender and `similar` see it: models as candidates, curves on one grid.

Reading and interpolating every stored curve is the slow part of a recommendation, so the
deduplicated curves and their stack on the AutoEq grid are cached per catalog file and
ingest state: the web app pays for it once per ingest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from headspec.spec import Spec

if TYPE_CHECKING:
    from headspec.fr.curve import FrequencyResponse


@dataclass
class Candidate:
    """A catalog model as the recommender sees it: merged specs, one price, measured curves."""

    name: str
    spec: Spec
    model_id: int | None = None
    brand: str | None = None
    prices: dict[str, float] = field(default_factory=dict)  # currency -> lowest price
    curves: list[FrequencyResponse] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)


_EXCLUDED_FLAGS = ("knockoff", "knock-off", "compatible")


@dataclass
class MeasurementRow:
    """One stored measurement with its model (read in bulk for vectorized work)."""

    id: int
    model_id: int
    name: str
    source: str | None
    form: str | None
    curve: Any


def _measurement_rows(catalog: Any) -> list[MeasurementRow]:
    from headspec.catalog._fr import decode_curve
    from headspec.fr.curve import FrequencyResponse

    rows = []
    for mid, model_id, name, source, form, path, fb, yb in catalog.store.query(
            "SELECT id, model_id, name, source, form, path, frequency_hz, spl_db FROM measurements "
            "ORDER BY id"):
        f, y = decode_curve(fb, yb)
        rows.append(MeasurementRow(mid, model_id, name, source, form,
                         FrequencyResponse(f, y, name=name, source=source, form=form, path=path)))
    return rows


_ROWS_CACHE: dict[tuple[str, tuple[Any, ...]], tuple[list[MeasurementRow], np.ndarray]] = {}


def measured_curves(catalog: Any) -> tuple[list[MeasurementRow], np.ndarray]:
    """The catalog's measurements (deduplicated) and their curves on the AutoEq grid, stacked.

    Cached per catalog file and ingest history, so repeated calls (the web app) read and
    interpolate the curves once; any new ingest changes the key.
    """
    from headspec.fr.similarity import on_grid

    sig = tuple(catalog.store.query("SELECT count(*), max(id) FROM ingests")[0]) + tuple(
        catalog.store.query("SELECT count(*), max(id) FROM measurements")[0])
    key = (str(getattr(catalog, "path", id(catalog))), sig)
    hit = _ROWS_CACHE.get(key)
    if hit is None:
        rows = _dedupe(_measurement_rows(catalog))
        stack = on_grid([r.curve for r in rows]) if rows else np.empty((0, 0))
        if len(_ROWS_CACHE) >= 4:
            _ROWS_CACHE.pop(next(iter(_ROWS_CACHE)))
        hit = _ROWS_CACHE[key] = (rows, stack)
    return hit


def model_prices(catalog: Any) -> dict[int, dict[str, float]]:
    """model id -> currency -> lowest listed price."""
    out: dict[int, dict[str, float]] = {}
    for model_id, currency, price in catalog.store.query(
            "SELECT model_id, currency, price_min FROM model_prices"):
        out.setdefault(model_id, {})[currency] = float(price)
    return out


def load_candidates(catalog: Any) -> tuple[list[Candidate], int]:
    """Every catalog model as a `Candidate` (knock-offs and compatibles left out, counted)."""
    prices = model_prices(catalog)
    curves: dict[int, list[Any]] = {}
    for r in measured_curves(catalog)[0]:
        curves.setdefault(r.model_id, []).append(r.curve)
    cands = []
    excluded = 0
    rows = catalog.store.query(
            "SELECT id, name, brand, flags, form, back, wireless, anc, driver_type, impedance_ohm, "
            "sensitivity_db_per_mw, sensitivity_db_per_v FROM models ORDER BY id")
    for (model_id, name, brand, flags, form, back, wireless, anc, driver, z, s_mw, s_v) in rows:
        if any(f in (flags or "") for f in _EXCLUDED_FLAGS):
            excluded += 1
            continue
        values = {"form_factor": form, "back": back, "driver_type": driver, "impedance_ohm": z,
                  "sensitivity_db_per_mw": s_mw, "sensitivity_db_per_v": s_v,
                  "wireless": None if wireless is None else bool(wireless),
                  "anc": None if anc is None else bool(anc)}
        try:
            spec = Spec.model_validate(values)
        except ValueError:
            spec = Spec()
        label = name if not brand or name.lower().startswith(brand.lower()) else f"{brand} {name}"
        cands.append(Candidate(name=label, spec=spec, model_id=model_id, brand=brand,
                               prices=prices.get(model_id, {}), curves=curves.get(model_id, [])))
    return cands, excluded


def _dedupe(rows: list[MeasurementRow]) -> list[MeasurementRow]:
    """Drop a measurement that repeats an earlier one of the same model and reviewer (same curve)."""
    from headspec.fr.similarity import distances, on_grid

    kept: list[MeasurementRow] = []
    by_model: dict[tuple[int, str], list[MeasurementRow]] = {}
    for r in rows:
        key = (r.model_id, (r.source or "").casefold())
        earlier = by_model.setdefault(key, [])
        if earlier:
            d = distances(on_grid([r.curve])[0], on_grid([e.curve for e in earlier]))
            if float(d.min()) < 0.05:
                continue
        earlier.append(r)
        kept.append(r)
    return kept


