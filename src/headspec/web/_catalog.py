"""The web side of the catalog: query parameters, facet links, and chart data for models."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any, Literal

from fastapi import Query
from pydantic import BaseModel, Field

from headspec.errors import HeadspecError

PAGE_SIZE = 20
FACET_LABELS = {"form": "Form factor", "back": "Back", "wireless": "Wireless", "anc": "Noise cancelling",
                "driver": "Driver type", "measured": "Measured"}
FACET_ORDER = ("form", "back", "driver", "wireless", "anc", "measured")
BOOL_FACETS = ("wireless", "anc", "measured")


class SearchParams(BaseModel):
    """Catalog filters as the page and the API take them (names as in `Catalog.search`)."""

    q: str | None = Field(None, max_length=200)
    form: str | None = None
    back: str | None = None
    driver: str | None = None
    wireless: bool | None = None
    anc: bool | None = None
    measured: bool | None = None
    impedance_max: float | None = None
    sensitivity_min: float | None = None
    price_max: float | None = None
    currency: str = "USD"
    drivable_by: str | None = Field(None, description="a source name or figures: keep models it drives")
    sort: Literal["relevance", "name", "price", "score"] | None = None
    page: int = Field(1, ge=1, le=10_000)
    limit: int = Field(PAGE_SIZE, ge=1, le=100)

    def filters(self) -> dict[str, Any]:
        """The filters that are set, by name."""
        skip = {"sort", "page", "limit", "currency", "q"}
        return {k: v for k, v in self.model_dump().items() if k not in skip and v not in (None, "")}


def search_params(
    q: str | None = Query(None, max_length=200, description="free text: brand, model, words of a title"),
    form: str | None = Query(None, max_length=40, description="over-ear, on-ear, in-ear, earbud, ..."),
    back: str | None = Query(None, max_length=40, description="open, closed, semi-open"),
    driver: str | None = Query(None, max_length=40, description="dynamic, planar, balanced_armature, ..."),
    wireless: bool | None = Query(None), anc: bool | None = Query(None),
    measured: bool | None = Query(None, description="has a frequency-response measurement"),
    impedance_max: float | None = Query(None, gt=0, description="ohms, at most"),
    sensitivity_min: float | None = Query(None, gt=0, description="dB SPL/mW, at least"),
    price_max: float | None = Query(None, gt=0, description="lowest listing price in `currency`, at most"),
    currency: str = Query("USD", min_length=3, max_length=3),
    drivable_by: str | None = Query(None, max_length=200, description="a source: keep models it drives"),
    sort: Literal["relevance", "name", "price", "score"] | None = Query(None),
    page: int = Query(1, ge=1, le=10_000), limit: int = Query(PAGE_SIZE, ge=1, le=100),
) -> SearchParams:
    """FastAPI dependency reading the catalog filters from the query string."""
    return SearchParams(q=(q or "").strip() or None, form=form or None, back=back or None,
                        driver=driver or None,
                        wireless=wireless, anc=anc, measured=measured, impedance_max=impedance_max,
                        sensitivity_min=sensitivity_min, price_max=price_max, currency=currency.upper(),
                        drivable_by=(drivable_by or "").strip() or None, sort=sort, page=page, limit=limit)


def search(catalog: Any, params: SearchParams) -> Any:
    """Run the search; `page`/`limit` become `offset`/`limit`."""
    return catalog.search(params.q, **params.filters(), currency=params.currency, sort=params.sort,
                          limit=params.limit, offset=(params.page - 1) * params.limit)


# range facets: (title, filter name, unit, thresholds); a model counts under every threshold it meets
RANGE_FACETS = (("Impedance", "impedance_max", "≤ {} Ω", (16, 32, 64, 150, 300)),
                ("Sensitivity", "sensitivity_min", "≥ {} dB/mW", (90, 95, 100, 105)),
                ("Price", "price_max", "≤ {} {cur}", (25, 50, 100, 200, 500)))


class RangeOption(BaseModel):
    label: str
    value: float
    count: int
    on: bool


def range_facets(catalog: Any, params: SearchParams) -> list[tuple[str, str, list[RangeOption]]]:
    """Counts for threshold filters (impedance ≤, sensitivity ≥, price ≤) given the other filters."""
    out = []
    for title, name, fmt, thresholds in RANGE_FACETS:
        others = {k: v for k, v in params.filters().items() if k != name}
        options = []
        for t in thresholds:
            result = catalog.search(params.q, **others, **{name: float(t)}, currency=params.currency,
                                    limit=1, facets=False)
            options.append(RangeOption(label=fmt.format(t, cur=params.currency), value=float(t),
                                       count=result.total, on=getattr(params, name) == float(t)))
        out.append((title, name, options))
    return out


def model(catalog: Any, id_or_name: str) -> Any:
    """One model by id or name (NotFoundError with suggestions otherwise)."""
    key: int | str = int(id_or_name) if id_or_name.isascii() and id_or_name.isdigit() else id_or_name
    return catalog.model(key)


def compare(catalog: Any, ids: list[str]) -> Any:
    """Two to four models side by side."""
    ids = [i for i in ids if i.strip()]
    if not 2 <= len(ids) <= 4:
        raise HeadspecError(f"compare takes 2 to 4 models, got {len(ids)}", input=len(ids), field="ids",
                            hint="pick two, three or four models")
    return catalog.compare([int(i) if i.isascii() and i.isdigit() else i for i in ids])


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
            curve = curve if len(curve) <= 1000 else curve.interpolated()
            forms.add(m.form or curve.form)
            curves.append({"id": m.id, "model": detail.name, "name": m.name, "source": m.source,
                           "rig": m.rig, "form": m.form or curve.form, "score": m.score,
                           "frequency_hz": [round(float(v), 2) for v in curve.frequency_hz],
                           "spl_db": [round(float(v), 2) for v in curve.spl_db]})
    targets = []
    for key in fr.targets.names():
        t = fr.get_target(key)
        targets.append({"key": key, "name": t.name,
                        "frequency_hz": [round(float(v), 2) for v in t.curve.frequency_hz],
                        "spl_db": [round(float(v), 2) for v in t.on_grid(t.curve.frequency_hz)]})
    in_ear = any(f in {"in-ear", "earbud"} for f in forms)
    default = "harman-in-ear-2019" if in_ear and "over-ear" not in forms else "harman-over-ear-2018"
    return {"curves": curves, "targets": targets, "default_target": default}


def tonality_by_measurement(chart: dict[str, Any]) -> dict[int, Any]:
    """Tonality in words for each curve of `chart_data`, by measurement id."""
    from headspec import fr

    out: dict[int, Any] = {}
    for c in chart.get("curves", []):
        try:
            curve = fr.FrequencyResponse(c["frequency_hz"], c["spl_db"], name=c["name"], source=c["source"],
                                         form=c["form"])
            out[c["id"]] = fr.describe(curve)
        except (ValueError, AttributeError):
            continue
    return out


def public(detail: Any) -> dict[str, Any]:
    """A model's JSON without server file paths (measurement `path` is where the server keeps a file)."""
    data = detail.model_dump(mode="json")
    for m in data.get("measurements", []):
        m.pop("path", None)
    return data


def similar_block(catalog: Any, detail: Any, top: int = 5) -> Any:
    """Models whose measured response is closest to this one's, or None (unmeasured, or no module)."""
    if not getattr(detail, "measurements", None):
        return None
    try:
        from headspec.recommend import similar
    except ImportError:
        return None
    try:
        return similar(detail.id, catalog, top=top)
    except HeadspecError:
        return None
