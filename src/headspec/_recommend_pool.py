"""The catalog as the recommender and `similar` see it: models as candidates, curves on one grid.

Everything is read through the catalog's public bulk methods (`Catalog.models_overview`,
`model_prices`, `measured_curves`), never its tables. Reading and interpolating every stored
curve and building the candidates is the slow part of a recommendation, so the whole pool
(deduplicated curves, their stack on the AutoEq grid, candidates, prices, names) is cached per
catalog file and `Catalog.revision()`: a catalog instance, and the web app that opens one per
request, pays for it once per ingest.
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


@dataclass
class Pool:
    """The catalog as recommend and similar use it, built once per catalog revision (treat as read-only).

    `rows`/`stack`: deduplicated measurements and their curves on the AutoEq grid (row i of `stack`
    is `rows[i]`); `candidates`: every model but knock-offs and compatibles, `excluded` of those left
    out; `prices`: model id -> currency -> lowest price; `names`: model id -> (name, brand);
    `scored`: listener class -> recommend's scores of `candidates` (filled in by `recommend`).
    """

    rows: list[MeasurementRow]
    stack: np.ndarray
    candidates: list[Candidate]
    excluded: int
    prices: dict[int, dict[str, float]]
    names: dict[int, tuple[str, str | None]]
    scored: dict[str, list[Any]] = field(default_factory=dict)


_POOL_CACHE: dict[tuple[str, tuple[Any, ...]], Pool] = {}


def candidate_pool(catalog: Any) -> Pool:
    """The catalog's candidate pool, cached per catalog file and `catalog.revision()`.

    Any new ingest changes the revision, so a stale pool is never served; at most four pools
    (catalog files) are kept.
    """
    key = (str(getattr(catalog, "path", id(catalog))), tuple(catalog.revision()))
    hit = _POOL_CACHE.get(key)
    if hit is None:
        hit = _build_pool(catalog)
        if len(_POOL_CACHE) >= 4:
            _POOL_CACHE.pop(next(iter(_POOL_CACHE)))
        _POOL_CACHE[key] = hit
    return hit


def measured_curves(catalog: Any) -> tuple[list[MeasurementRow], np.ndarray]:
    """The catalog's measurements (deduplicated) and their curves on the AutoEq grid, stacked (cached)."""
    p = candidate_pool(catalog)
    return p.rows, p.stack


def model_prices(catalog: Any) -> dict[int, dict[str, float]]:
    """model id -> currency -> lowest listed price (cached)."""
    return candidate_pool(catalog).prices


def load_candidates(catalog: Any) -> tuple[list[Candidate], int]:
    """Every catalog model as a `Candidate` (knock-offs and compatibles left out, counted).

    The candidates are shared by every call until the catalog changes: do not mutate them.
    """
    p = candidate_pool(catalog)
    return list(p.candidates), p.excluded


def _build_pool(catalog: Any) -> Pool:
    curves = catalog.measured_curves()
    keep = _dedupe(curves)
    rows = [MeasurementRow(curves.measurement_ids[i], curves.model_ids[i], curves.names[i],
                           curves.sources[i], curves.forms[i], curves.curves[i]) for i in keep]
    stack = curves.on_grid[keep] if keep else np.empty((0, 0))
    prices = {mid: {p.currency: p.min for p in ps} for mid, ps in catalog.model_prices().items()}
    by_model: dict[int, list[Any]] = {}
    for r in rows:
        by_model.setdefault(r.model_id, []).append(r.curve)
    cands = []
    excluded = 0
    models = catalog.models_overview()
    for m in models:
        if any(x in f for f in m.flags for x in _EXCLUDED_FLAGS):
            excluded += 1
            continue
        values = {"form_factor": m.form, "back": m.back, "driver_type": m.driver_type,
                  "impedance_ohm": m.impedance_ohm, "sensitivity_db_per_mw": m.sensitivity_db_per_mw,
                  "sensitivity_db_per_v": m.sensitivity_db_per_v, "wireless": m.wireless, "anc": m.anc}
        try:
            spec = Spec.model_validate(values)
        except ValueError:
            spec = Spec()
        name, brand = m.name, m.brand
        label = name if not brand or name.lower().startswith(brand.lower()) else f"{brand} {name}"
        cands.append(Candidate(name=label, spec=spec, model_id=m.id, brand=brand,
                               prices=prices.get(m.id, {}), curves=by_model.get(m.id, [])))
    return Pool(rows=rows, stack=stack, candidates=cands, excluded=excluded, prices=prices,
                names={m.id: (m.name, m.brand) for m in models})


def _dedupe(curves: Any) -> list[int]:
    """Row positions of a `CurveSet` without a measurement that repeats an earlier one of the same
    model and reviewer (same curve)."""
    from headspec.fr.similarity import distances

    kept: list[int] = []
    by_model: dict[tuple[int, str], list[int]] = {}
    for i, (model_id, source) in enumerate(zip(curves.model_ids, curves.sources, strict=True)):
        key = (model_id, (source or "").casefold())
        earlier = by_model.setdefault(key, [])
        if earlier:
            d = distances(curves.on_grid[i], curves.on_grid[earlier])
            if float(d.min()) < 0.05:
                continue
        earlier.append(i)
        kept.append(i)
    return kept
