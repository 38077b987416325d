"""The web side of the catalog: query parameters, facet links, and chart data for models."""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from typing import Any, Literal

from fastapi import Query
from pydantic import BaseModel, Field

from headspec.errors import CatalogError, HeadspecError

PAGE_SIZE = 25
SORTS = ("relevance", "name", "price", "score", "impedance", "sensitivity")
FACET_LABELS = {"form": "Form factor", "back": "Back", "wireless": "Wireless", "anc": "Noise cancelling",
                "driver_type": "Driver type", "impedance": "Impedance", "sensitivity": "Sensitivity",
                "price": "Price", "measured": "Measured", "drivable": "Drivable by my source",
                "brand": "Brand", "currency": "Currency"}


class SearchParams(BaseModel):
    """Catalog filters as the page and the API take them."""

    q: str | None = Field(None, max_length=200)
    form: str | None = None
    back: str | None = None
    wireless: bool | None = None
    anc: bool | None = None
    driver_type: str | None = None
    brand: str | None = None
    impedance: str | None = Field(None, description="a facet bucket such as '<=32' or '33-100'")
    sensitivity: str | None = None
    price: str | None = None
    currency: str | None = None
    measured: bool | None = None
    drivable: str | None = Field(None, description="a source name: keep models it can drive")
    sort: str = "relevance"
    order: Literal["asc", "desc"] = "asc"
    page: int = Field(1, ge=1, le=10_000)
    limit: int = Field(PAGE_SIZE, ge=1, le=100)

    def filters(self) -> dict[str, Any]:
        """The filters that are set, by name."""
        skip = {"sort", "order", "page", "limit"}
        return {k: v for k, v in self.model_dump().items() if k not in skip and v not in (None, "")}


def search_params(
    q: str | None = Query(None, max_length=200, description="free text: brand, model, words of a title"),
    form: str | None = Query(None, max_length=40), back: str | None = Query(None, max_length=40),
    wireless: bool | None = Query(None), anc: bool | None = Query(None),
    driver_type: str | None = Query(None, max_length=40), brand: str | None = Query(None, max_length=80),
    impedance: str | None = Query(None, max_length=40), sensitivity: str | None = Query(None, max_length=40),
    price: str | None = Query(None, max_length=40), currency: str | None = Query(None, max_length=3),
    measured: bool | None = Query(None), drivable: str | None = Query(None, max_length=200),
    sort: str = Query("relevance", max_length=20), order: Literal["asc", "desc"] = Query("asc"),
    page: int = Query(1, ge=1, le=10_000), limit: int = Query(PAGE_SIZE, ge=1, le=100),
) -> SearchParams:
    """FastAPI dependency reading the catalog filters from the query string."""
    if sort not in SORTS:
        raise CatalogError(f"cannot sort by {sort!r}", input=sort, field="sort",
                           hint=f"one of {', '.join(SORTS)}")
    return SearchParams(q=q or None, form=form or None, back=back or None, wireless=wireless, anc=anc,
                        driver_type=driver_type or None, brand=brand or None, impedance=impedance or None,
                        sensitivity=sensitivity or None, price=price or None, currency=currency or None,
                        measured=measured, drivable=drivable or None, sort=sort, order=order, page=page,
                        limit=limit)


def _call(fn: Callable[..., Any], **kwargs: Any) -> Any:
    """Call `fn` with the keyword arguments it accepts (the catalog grows filters over time)."""
    params = inspect.signature(fn).parameters
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
        return fn(**kwargs)
    return fn(**{k: v for k, v in kwargs.items() if k in params})


def search(catalog: Any, params: SearchParams) -> Any:
    """Run the search; `page`/`limit` become `offset`/`limit`."""
    kwargs = params.filters()
    kwargs.update(sort=None if params.sort == "relevance" else params.sort, order=params.order,
                  limit=params.limit, offset=(params.page - 1) * params.limit)
    return _call(catalog.search, **kwargs)


def model(catalog: Any, id_or_name: str) -> Any:
    """One model by id or name (NotFoundError with suggestions otherwise)."""
    key: int | str = int(id_or_name) if id_or_name.isdigit() else id_or_name
    return catalog.model(key)


def compare(catalog: Any, ids: list[str]) -> Any:
    """Two to four models side by side."""
    ids = [i for i in ids if i.strip()]
    if not 2 <= len(ids) <= 4:
        raise HeadspecError(f"compare takes 2 to 4 models, got {len(ids)}", input=len(ids), field="ids",
                            hint="pick two, three or four models")
    return catalog.compare([int(i) if i.isdigit() else i for i in ids])


@contextlib.contextmanager
def lazy(db_path: Any) -> Iterator[Callable[[], Any]]:
    """A getter that opens the catalog at `db_path` (read-only) only if called; closes it on exit."""
    opened: list[Any] = []

    def get() -> Any:
        if not opened:
            from headspec.web.app import open_catalog_at

            opened.append(open_catalog_at(db_path))
        return opened[0]

    try:
        yield get
    finally:
        for cat in opened:
            close = getattr(cat, "close", None)
            if callable(close):
                close()


def chart_data(catalog: Any, details: list[Any]) -> dict[str, Any]:
    """Curves of the models' measurements plus the Harman targets, for the chart script."""
    from headspec import fr

    curves = []
    forms = set()
    for detail in details:
        for m in getattr(detail, "measurements", []):
            curve = catalog.curve(m.id)
            forms.add(m.form or curve.form)
            curves.append({"id": m.id, "model": detail.name, "name": m.name, "source": m.source,
                           "rig": m.rig, "form": m.form or curve.form, "score": m.score,
                           "frequency_hz": [round(float(v), 2) for v in curve.frequency_hz],
                           "spl_db": [round(float(v), 2) for v in curve.spl_db]})
    targets = []
    for key in fr.targets.names():
        t = fr.get_target(key)
        targets.append({"key": key, "name": t.label,
                        "frequency_hz": [round(float(v), 2) for v in t.curve.frequency_hz],
                        "spl_db": [round(float(v), 2) for v in t.on_grid(t.curve.frequency_hz)]})
    in_ear = any(f in {"in-ear", "earbud"} for f in forms)
    default = "harman-in-ear-2019" if in_ear and "over-ear" not in forms else "harman-over-ear-2018"
    return {"curves": curves, "targets": targets, "default_target": default}
