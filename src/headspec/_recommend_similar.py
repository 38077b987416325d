"""`similar`: what sounds like X, measured against the catalog's other curves in one vectorized pass.

The model's own other measurements (other reviewers and rigs) come first: how far apart they
are is the yardstick for every distance below them.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from headspec._recommend_needs import RecommendInputError
from headspec._recommend_pool import candidate_pool, measured_curves, model_prices
from headspec.errors import NotFoundError


class SimilarItem(BaseModel):
    """A measurement close to the reference: its distance and how it differs, band by band."""

    rank: int
    model_id: int
    name: str
    brand: str | None = None
    measurement_id: int
    source: str | None = None
    form: str | None = None
    distance_db: float = Field(description="RMS difference over 20 Hz–10 kHz, level removed (dB)")
    same_model: bool = Field(description="another rig's or reviewer's measurement of the same model")
    band_deltas_db: dict[str, float] = Field(default_factory=dict, description="this minus the reference")
    differences: str
    price: float | None = None
    currency: str | None = None


class SimilarResult(BaseModel):
    """Models that sound closest to a reference measurement."""

    model_id: int
    name: str
    measurement_id: int
    source: str | None = None
    form: str | None = None
    price: float | None = None
    currency: str | None = None
    family: str
    compared: int = Field(description="measurements of the same family compared")
    items: list[SimilarItem]
    notes: list[str] = Field(default_factory=list)


def _family(form: str | None) -> str:
    return "in-ear and earbud" if form in ("in-ear", "earbud") else "over-ear and on-ear"


def difference_words(deltas: dict[str, float], other_rig: str | None = None) -> str:
    """'+3.1 dB bass, −2.4 dB treble' (bands differing by 2 dB or more), plus a rig caveat."""
    parts = [f"{v:+.1f} dB {k}" for k, v in deltas.items() if abs(v) >= 2.0]
    text = ", ".join(parts) if parts else "within 2 dB in every band"
    if other_rig:
        text += f"; other rig ({other_rig})"
    return text


def similar(model: str | int, catalog: Any, cheaper: bool = False, top: int = 5,
            currency: str | None = None) -> SimilarResult:
    """Models whose measured response is closest to `model`'s (same form family), nearest first.

    The model's other measurements (other reviewers, rigs, modes) come first. `cheaper` keeps only
    models whose lowest price is below the reference's, in `currency` (default: USD if the reference
    has a USD price, else its only currency).
    """
    from headspec.fr.grid import autoeq_grid
    from headspec.fr.similarity import distances
    from headspec.fr.tonality import BANDS_HZ, band_offsets

    if top < 1:
        raise RecommendInputError(f"top must be at least 1, got {top}", input=top, field="top", hint="e.g. 5")
    detail = catalog.model(model)
    if not detail.measurements:
        raise NotFoundError(f"{detail.name!r} has no measurement to compare", input=str(model), field="model",
                            hint="pick a model that has a measurement (search with the 'measured' filter)")
    rows, grid_stack = measured_curves(catalog)
    mine = [r for r in rows if r.model_id == detail.id]
    ref = next((r for r in mine if r.id == detail.measurements[0].id), mine[0])
    family = _family(ref.form)
    pool_idx = [i for i, r in enumerate(rows) if _family(r.form) == family and r.id != ref.id]
    pool = [rows[i] for i in pool_idx]
    prices = model_prices(catalog)
    ref_prices = prices.get(detail.id, {})
    only = next(iter(ref_prices)) if len(ref_prices) == 1 else None
    cur = currency or ("USD" if "USD" in ref_prices else only)
    ref_price = ref_prices.get(cur) if cur else None
    if cheaper and ref_price is None:
        in_cur = f" in {cur}" if cur else ""
        raise RecommendInputError(f"{detail.name!r} has no price{in_cur} to be cheaper than",
                                  input=str(model), field="cheaper",
                                  hint="leave out 'cheaper', or pick a model with a listing price")
    names = candidate_pool(catalog).names
    result = SimilarResult(model_id=detail.id, name=detail.name, measurement_id=ref.id, source=ref.source,
                           form=ref.form, price=ref_price, currency=cur if ref_price is not None else None,
                           family=family, compared=len(pool), items=[])
    if not pool:
        result.notes.append(f"no other {family} measurement in the catalog")
        return result
    grid = autoeq_grid()
    ref_row = grid_stack[rows.index(ref)]
    stack = grid_stack[pool_idx]
    dist = distances(ref_row, stack)
    band_names = [b for b, _, _ in BANDS_HZ]
    deltas = band_offsets(grid, stack - ref_row)
    same = sorted((i for i, r in enumerate(pool) if r.model_id == detail.id), key=lambda i: dist[i])
    best: dict[int, int] = {}
    for i in np.argsort(dist, kind="stable"):
        r = pool[int(i)]
        if r.model_id == detail.id or r.model_id in best:
            continue
        price = prices.get(r.model_id, {}).get(cur or "")
        if cheaper and (price is None or ref_price is None or price >= ref_price):
            continue
        best[r.model_id] = int(i)
    order = ([] if cheaper else same) + list(best.values())
    for rank_, i in enumerate(order[:top], 1):
        r = pool[i]
        name, brand = names.get(r.model_id, (r.name, None))
        d = {b: round(float(v), 1) for b, v in zip(band_names, deltas[i], strict=True)}
        other_rig = r.source if (r.source or "").casefold() != (ref.source or "").casefold() else None
        price = prices.get(r.model_id, {}).get(cur or "")
        result.items.append(SimilarItem(
            rank=rank_, model_id=r.model_id, name=name, brand=brand, measurement_id=r.id, source=r.source,
            form=r.form, distance_db=round(float(dist[i]), 2), same_model=r.model_id == detail.id,
            band_deltas_db=d, differences=difference_words(d, other_rig), price=price,
            currency=cur if price is not None else None))
    if any((i.source or "").casefold() != (ref.source or "").casefold() for i in result.items):
        result.notes.append("Curves from different rigs differ partly because of the rig, not the headphone.")
    if same and not cheaper:
        result.notes.append("The model's own other measurements come first: they show how much rigs and "
                            "units differ, a yardstick for the distances below them.")
    return result
