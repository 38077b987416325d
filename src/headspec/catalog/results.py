"""Result objects the catalog returns (pydantic, JSON-safe, read by the CLI, web and verdict code).

Every object here is a plain pydantic model: `model_dump()` gives the JSON the CLI prints with
`--json` and the web API returns. Prices are in the listing's own currency (ISO 4217 code) and never
converted: the catalog has no exchange rates, so a price filter always names its currency.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Label = Literal["headphone", "accessory", "not-headphone"]


class IngestSummary(BaseModel):
    """What one ingest did.

    `read` records were read; `added` of them started a new model; `merged` joined an existing model
    (as a variant or a further measurement); `rejected` were kept out of the model catalog, counted by
    reason in `rejected_reasons` (accessories, non-headphones, unreadable records); `unchanged` were
    already in the catalog (same content hash), so ingesting a file twice adds nothing.
    `already_ingested` is true when the whole file (same content hash) was loaded before.
    """

    kind: Literal["listings", "fr", "specs"]
    path: str
    read: int = 0
    added: int = 0
    merged: int = 0
    rejected: int = 0
    unchanged: int = 0
    rejected_reasons: dict[str, int] = Field(default_factory=dict)
    errors: list[str] = Field(default_factory=list, description="first few unreadable records, by line")
    already_ingested: bool = False
    seconds: float = 0.0

    def reject(self, reason: str) -> None:
        """Count one rejected record under `reason`."""
        self.rejected += 1
        self.rejected_reasons[reason] = self.rejected_reasons.get(reason, 0) + 1


class SearchItem(BaseModel):
    """One model in a search result, with the facet values it was filtered on."""

    id: int
    name: str
    brand: str | None = None
    form: str | None = None
    back: str | None = None
    wireless: bool | None = None
    anc: bool | None = None
    driver_type: str | None = None
    impedance_ohm: float | None = None
    sensitivity_db_per_mw: float | None = None
    price_min: float | None = Field(None, description="lowest listing price in `currency`")
    currency: str | None = None
    score: float | None = Field(None, description="best predicted-preference score of its measurements")
    n_listings: int = 0
    n_measurements: int = 0


class SearchResult(BaseModel):
    """A page of models (`items`), the total number matching, and facet counts.

    `facets[name][value]` counts the models that would match if that one filter were set to
    `value` while every other filter stays as given (so counts guide the next click).
    """

    items: list[SearchItem]
    total: int
    limit: int
    offset: int
    facets: dict[str, dict[str, int]] = Field(default_factory=dict)
    query: dict[str, Any] = Field(default_factory=dict, description="the filters as applied")


class SpecValue(BaseModel):
    """One merged spec value and where it came from.

    `listing_id` is the listing (or spec-table row, stored as a listing) the value was read from;
    `support` is the weighted number of records that agree; `conflicts` lists the other values seen
    for the same field, each with its own first listing id and support.
    """

    field: str
    value: Any
    listing_id: int | None = None
    origin: str = "listing"
    support: float = 1.0
    conflicts: list[dict[str, Any]] = Field(default_factory=list)


class VariantInfo(BaseModel):
    """A variant of a model (colour, bundle, condition, pack size, region) and its prices per currency."""

    id: int
    colour: str | None = None
    bundle: str | None = None
    condition: str | None = None
    pack: int | None = None
    region: str | None = None
    n_listings: int = 0
    prices: list[dict[str, Any]] = Field(
        default_factory=list, description="[{currency, min, max, n}] over its listings"
    )
    titles: list[str] = Field(default_factory=list, description="a few listing titles, verbatim")


class MeasurementInfo(BaseModel):
    """A frequency-response measurement linked to a model (the curve itself via `Catalog.curve`)."""

    id: int
    name: str
    source: str | None = None
    rig: str | None = None
    form: str | None = None
    path: str | None = None
    n_points: int = 0
    score: float | None = None
    score_model: str | None = None
    score_components: dict[str, Any] = Field(default_factory=dict)


class ModelDetail(BaseModel):
    """Everything the catalog knows about one model."""

    id: int
    model_key: str
    name: str
    brand: str | None = None
    flags: list[str] = Field(default_factory=list)
    specs: list[SpecValue] = Field(default_factory=list)
    variants: list[VariantInfo] = Field(default_factory=list)
    measurements: list[MeasurementInfo] = Field(default_factory=list)
    plausibility: list[dict[str, Any]] = Field(
        default_factory=list, description="warnings raised on its listings, with listing id"
    )
    n_listings: int = 0

    def spec(self, field: str) -> Any:
        """The merged value of `field`, or None."""
        for value in self.specs:
            if value.field == field:
                return value.value
        return None


class ComparisonRow(BaseModel):
    """One field across the compared models; `differs` when the known values are not all equal."""

    field: str
    values: list[Any]
    differs: bool


class Comparison(BaseModel):
    """Models side by side: `rows[i].values[j]` is field i of `models[j]`."""

    models: list[ModelDetail]
    rows: list[ComparisonRow]
