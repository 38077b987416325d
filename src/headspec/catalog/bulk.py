"""Bulk reads for code that works over the whole catalog (recommend, similar, verdict prices).

Recommending, finding similar curves and placing a price among comparable models need every model,
every price or every curve at once. These functions read them through the `Store` interface and hand
back plain frozen records (or numpy arrays), so callers never see table names, columns or the blob
encoding of curves, and a different store (e.g. PostgreSQL) only has to answer the same queries.
`Catalog` exposes them as methods: `models_overview`, `model_prices`, `measured_curves`,
`comparable_prices` and `revision`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from headspec.catalog.store import Store

if TYPE_CHECKING:
    from headspec.fr.curve import FrequencyResponse


@dataclass(frozen=True)
class ModelSummary:
    """One model's merged spec columns, as stored (no listings, variants or evidence).

    `flags` are identity flags such as "knockoff", "compatible", "generic"; `wireless` and `anc`
    are None when no source said; `score` is the model's best measured preference score, if any.
    """

    id: int
    name: str
    brand: str | None
    flags: tuple[str, ...]
    form: str | None
    back: str | None
    wireless: bool | None
    anc: bool | None
    driver_type: str | None
    impedance_ohm: float | None
    sensitivity_db_per_mw: float | None
    sensitivity_db_per_v: float | None
    n_measurements: int
    score: float | None


@dataclass(frozen=True)
class Price:
    """A model's lowest and highest listed price in one currency (ISO 4217 code)."""

    currency: str
    min: float
    max: float


@dataclass(frozen=True)
class ComparablePrice:
    """A comparable model's lowest price in the asked currency, and its measured score (None if none)."""

    model_id: int
    price: float
    score: float | None


@dataclass(frozen=True, eq=False)
class CurveSet:
    """Stored measurements in id order, as parallel tuples plus their curves stacked on the AutoEq grid.

    Row `i` of every field describes one measurement: `measurement_ids[i]` (its id), `model_ids[i]`
    (the model it belongs to), `names`, `sources` (reviewer/rig), `forms`, `paths` (file it came from),
    `scores` (stored preference score or None), `curves[i]` (a `headspec.fr.FrequencyResponse` with
    the stored frequency and SPL arrays) and `on_grid[i]` (that curve interpolated onto `grid`, the
    AutoEq log grid in Hz: shape `(len(self), len(grid))`). Treat the arrays as read-only.
    """

    measurement_ids: tuple[int, ...]
    model_ids: tuple[int, ...]
    names: tuple[str, ...]
    sources: tuple[str | None, ...]
    forms: tuple[str | None, ...]
    paths: tuple[str | None, ...]
    scores: tuple[float | None, ...]
    curves: tuple[FrequencyResponse, ...]
    grid: np.ndarray
    on_grid: np.ndarray

    def __len__(self) -> int:
        return len(self.measurement_ids)

    def select(self, rows: Sequence[int]) -> CurveSet:
        """A new `CurveSet` of the given row positions, in that order."""
        idx = list(rows)
        return CurveSet(
            measurement_ids=tuple(self.measurement_ids[i] for i in idx),
            model_ids=tuple(self.model_ids[i] for i in idx),
            names=tuple(self.names[i] for i in idx),
            sources=tuple(self.sources[i] for i in idx),
            forms=tuple(self.forms[i] for i in idx),
            paths=tuple(self.paths[i] for i in idx),
            scores=tuple(self.scores[i] for i in idx),
            curves=tuple(self.curves[i] for i in idx),
            grid=self.grid,
            on_grid=self.on_grid[idx] if idx else np.empty((0, self.grid.size)),
        )


def _bool(v: Any) -> bool | None:
    return None if v is None else bool(v)


def _flags(text: str | None) -> tuple[str, ...]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return ()
    return tuple(str(f) for f in value) if isinstance(value, list) else ()


def models_overview(store: Store) -> list[ModelSummary]:
    """Every model as a `ModelSummary`, ordered by id."""
    rows = store.query(
        "SELECT id, name, brand, flags, form, back, wireless, anc, driver_type, impedance_ohm, "
        "sensitivity_db_per_mw, sensitivity_db_per_v, n_measurements, score FROM models ORDER BY id"
    )
    return [
        ModelSummary(
            id=r[0], name=r[1], brand=r[2], flags=_flags(r[3]), form=r[4], back=r[5],
            wireless=_bool(r[6]), anc=_bool(r[7]), driver_type=r[8], impedance_ohm=r[9],
            sensitivity_db_per_mw=r[10], sensitivity_db_per_v=r[11], n_measurements=r[12] or 0,
            score=r[13],
        )
        for r in rows
    ]


def model_prices(store: Store, model_ids: Iterable[int] | None = None) -> dict[int, list[Price]]:
    """model id -> its `Price` per currency (currencies in code order); models without a price are absent.

    `model_ids=None` reads every model's prices.
    """
    sql = "SELECT model_id, currency, price_min, price_max FROM model_prices"
    params: list[Any] = []
    if model_ids is not None:
        ids = sorted({int(i) for i in model_ids})
        if not ids:
            return {}
        out: dict[int, list[Price]] = {}
        for start in range(0, len(ids), 500):  # stay under any driver's parameter limit
            chunk = ids[start:start + 500]
            rows = store.query(
                f"{sql} WHERE model_id IN ({','.join('?' * len(chunk))}) ORDER BY model_id, currency", chunk
            )
            for mid, cur, lo, hi in rows:
                out.setdefault(mid, []).append(Price(cur, float(lo), float(hi)))
        return out
    out = {}
    for mid, cur, lo, hi in store.query(f"{sql} ORDER BY model_id, currency", params):
        out.setdefault(mid, []).append(Price(cur, float(lo), float(hi)))
    return out


def comparable_prices(
    store: Store, *, form: str, currency: str, wireless: bool | None = None, exclude: int | None = None
) -> list[ComparablePrice]:
    """Models of `form` with a price in `currency` (and the given wireless-ness, if not None),
    except model `exclude`: each one's lowest price and score, ordered by model id."""
    sql = (
        "SELECT m.id, p.price_min, m.score FROM models m JOIN model_prices p ON p.model_id = m.id "
        "AND p.currency = ? WHERE m.form = ? AND m.id != ?"
    )
    params: list[Any] = [currency, form, -1 if exclude is None else int(exclude)]
    if wireless is not None:
        sql += " AND m.wireless = ?"
        params.append(int(wireless))
    rows = store.query(sql + " ORDER BY m.id", params)
    return [ComparablePrice(r[0], float(r[1]), None if r[2] is None else float(r[2])) for r in rows]


def measured_curves(store: Store, form: str | None = None) -> CurveSet:
    """Every stored measurement (of `form` only, if given) as a `CurveSet`, ordered by measurement id."""
    from headspec.catalog._fr import decode_curve
    from headspec.fr.curve import FrequencyResponse
    from headspec.fr.grid import autoeq_grid
    from headspec.fr.similarity import on_grid

    sql = "SELECT id, model_id, name, source, form, path, score, frequency_hz, spl_db FROM measurements"
    params: list[Any] = []
    if form is not None:
        sql += " WHERE form = ?"
        params.append(form)
    rows = store.query(sql + " ORDER BY id", params)
    curves = []
    for _mid, _model, name, source, form_, path, _score, fb, yb in rows:
        f, y = decode_curve(fb, yb)
        curves.append(FrequencyResponse(f, y, name=name, source=source, form=form_, path=path))
    grid = autoeq_grid()
    return CurveSet(
        measurement_ids=tuple(r[0] for r in rows),
        model_ids=tuple(r[1] for r in rows),
        names=tuple(r[2] for r in rows),
        sources=tuple(r[3] for r in rows),
        forms=tuple(r[4] for r in rows),
        paths=tuple(r[5] for r in rows),
        scores=tuple(None if r[6] is None else float(r[6]) for r in rows),
        curves=tuple(curves),
        grid=grid,
        on_grid=on_grid(curves) if curves else np.empty((0, grid.size)),
    )


def revision(store: Store) -> tuple[int, ...]:
    """A value that changes whenever an ingest commits: ingest and measurement counts and last ids."""
    ingests = store.query("SELECT count(*), coalesce(max(id), 0) FROM ingests")[0]
    meas = store.query("SELECT count(*), coalesce(max(id), 0) FROM measurements")[0]
    return (int(ingests[0]), int(ingests[1]), int(meas[0]), int(meas[1]))
