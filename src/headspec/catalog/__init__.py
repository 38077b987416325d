"""The headphone catalog: listings merged into models, with specs, variants and measurements.

>>> from headspec import Catalog
>>> cat = Catalog("/tmp/cat.sqlite3")                                  # doctest: +SKIP
>>> cat.ingest_listings("../shared/data/specs/listings.jsonl")          # doctest: +SKIP
>>> cat.search("sony", form="in-ear", sort="price").items[0].name       # doctest: +SKIP

`Catalog` is the one entry point for the CLI, the web app and verdict code. Results are pydantic
models (`headspec.catalog.results`). Storage sits behind `headspec.catalog.store.Store`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from headspec.catalog.bulk import ComparablePrice, CurveSet, ModelSummary, Price
from headspec.catalog.results import (
    Comparison,
    ComparisonRow,
    IngestSummary,
    MeasurementInfo,
    ModelDetail,
    SearchItem,
    SearchResult,
    SpecValue,
    VariantInfo,
)
from headspec.catalog.store import SqliteStore, Store

ENV_VAR = "HEADSPEC_DB"


def default_path() -> Path:
    """`$HEADSPEC_DB`, else `catalog.sqlite3` in the platform's user data directory."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("headspec", appauthor=False) / "catalog.sqlite3"


class Catalog:
    """A catalog database: ingest feeds, search models, show one, compare several.

    `path` defaults to `default_path()`. `read_only=True` opens the file with `mode=ro` (for the web
    app: it can never write, and the file must exist). Safe to share between threads; use as a
    context manager or call `close()`.
    """

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.read_only = read_only
        self.store: Store = SqliteStore(self.path, read_only=read_only)

    def __enter__(self) -> Catalog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # ingest
    def ingest_listings(self, path: str | Path, *, progress: Any = None) -> IngestSummary:
        """Load a JSONL/CSV listing feed (see `headspec.catalog.ingest.ingest_listings`)."""
        from headspec.catalog.ingest import ingest_listings

        return ingest_listings(self.store, path, progress=progress)

    def ingest_specs(
        self, path: str | Path, *, form: str | None = None, progress: Any = None
    ) -> IngestSummary:
        """Load a structured spec table CSV (see `headspec.catalog.ingest.ingest_specs`)."""
        from headspec.catalog.ingest import ingest_specs

        return ingest_specs(self.store, path, form=form, progress=progress)

    def ingest_fr(self, root: str | Path, *, progress: Any = None) -> IngestSummary:
        """Load frequency-response measurements (see `headspec.catalog.ingest.ingest_fr`)."""
        from headspec.catalog.ingest import ingest_fr

        return ingest_fr(self.store, root, progress=progress)

    # query
    def search(self, text: str | None = None, **filters: Any) -> SearchResult:
        """Faceted model search (see `headspec.catalog.query.search` for every filter)."""
        from headspec.catalog.query import search

        return search(self.store, text, **filters)

    def model(self, id_or_name: int | str) -> ModelDetail:
        """One model by id, model key or name; NotFoundError (with suggestions) if none."""
        from headspec.catalog.query import model_detail

        return model_detail(self.store, id_or_name)

    def compare(self, ids: list[int | str]) -> Comparison:
        """2–8 models side by side, differing rows marked."""
        from headspec.catalog.query import compare

        return compare(self.store, ids)

    def curve(self, measurement_id: int) -> Any:
        """A stored measurement as a `headspec.fr.FrequencyResponse`."""
        from headspec.catalog._fr import decode_curve
        from headspec.errors import NotFoundError
        from headspec.fr import FrequencyResponse

        rows = self.store.query(
            "SELECT name, source, form, path, frequency_hz, spl_db FROM measurements WHERE id = ?",
            (int(measurement_id),),
        )
        if not rows:
            raise NotFoundError(
                f"no measurement with id {measurement_id}",
                input=measurement_id,
                field="measurement",
                hint="see the model's measurements with headspec show",
            )
        name, source, form, path, f_blob, y_blob = rows[0]
        f, y = decode_curve(f_blob, y_blob)
        return FrequencyResponse(f, y, name=name, source=source, form=form, path=path)

    # bulk reads (recommend, similar, verdict): records, never rows; see headspec.catalog.bulk
    def models_overview(self) -> list[ModelSummary]:
        """Every model's merged spec columns as frozen `ModelSummary` records, ordered by id."""
        from headspec.catalog import bulk

        return bulk.models_overview(self.store)

    def model_prices(self, model_ids: Iterable[int] | None = None) -> dict[int, list[Price]]:
        """model id -> one `Price` (lowest/highest listed) per currency; None reads every model.

        Models without any price are left out of the dict.
        """
        from headspec.catalog import bulk

        return bulk.model_prices(self.store, model_ids)

    def measured_curves(self, form: str | None = None) -> CurveSet:
        """Every stored measurement (only `form`'s, if given) as a `CurveSet`: ids, model ids, names,
        sources, forms, scores, the curves and their stack on the AutoEq grid, in measurement-id order.
        """
        from headspec.catalog import bulk

        return bulk.measured_curves(self.store, form)

    def comparable_prices(
        self, *, form: str, currency: str, wireless: bool | None = None, exclude: int | None = None
    ) -> list[ComparablePrice]:
        """Models of `form` priced in `currency` (and of that wireless-ness unless None), except model
        `exclude`: each one's lowest price and measured score, as `ComparablePrice` records."""
        from headspec.catalog import bulk

        return bulk.comparable_prices(
            self.store, form=form, currency=currency, wireless=wireless, exclude=exclude
        )

    def revision(self) -> tuple[int, ...]:
        """A value that changes whenever an ingest commits (key caches of bulk reads on it)."""
        from headspec.catalog import bulk

        return bulk.revision(self.store)

    def stats(self) -> dict[str, int]:
        """Row counts: listings (by label), models, variants, measurements, ingests."""
        q = self.store.query
        out = {
            "models": q("SELECT count(*) FROM models")[0][0],
            "variants": q("SELECT count(*) FROM variants")[0][0],
            "listings": q("SELECT count(*) FROM listings")[0][0],
            "measurements": q("SELECT count(*) FROM measurements")[0][0],
            "ingests": q("SELECT count(*) FROM ingests")[0][0],
        }
        for label, n in q("SELECT label, count(*) FROM listings GROUP BY label"):
            out[f"listings:{label}"] = n
        return out


__all__ = [
    "Catalog",
    "ComparablePrice",
    "Comparison",
    "ComparisonRow",
    "CurveSet",
    "IngestSummary",
    "MeasurementInfo",
    "ModelDetail",
    "ModelSummary",
    "Price",
    "SearchItem",
    "SearchResult",
    "SpecValue",
    "Store",
    "VariantInfo",
    "default_path",
]
