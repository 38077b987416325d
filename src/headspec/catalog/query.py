"""Reading the catalog: faceted search, one model's detail, side-by-side comparison.

All SQL is parameterized; user text only ever reaches the database as a bound parameter (the FTS
query is built from `\\w+` words, each quoted).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from headspec.catalog.results import (
    Comparison,
    ComparisonRow,
    MeasurementInfo,
    ModelDetail,
    SearchItem,
    SearchResult,
    SpecValue,
    VariantInfo,
)
from headspec.catalog.store import Store
from headspec.errors import CatalogError, NotFoundError
from headspec.spec import BACKS, DRIVER_TYPES, FORM_FACTORS

SORTS = ("relevance", "name", "price", "score")
MAX_LIMIT = 500
DRIVABLE_VERDICTS = ("enough", "drives-itself")

# facet name -> SQL expression over `m` (models)
FACET_SQL = {
    "form": "m.form",
    "back": "m.back",
    "wireless": "m.wireless",
    "anc": "m.anc",
    "driver": "m.driver_type",
    "measured": "(m.n_measurements > 0)",
}
_DRIVER_ALIASES = {
    "planar magnetic": "planar",
    "orthodynamic": "planar",
    "ba": "balanced_armature",
    "balanced armature": "balanced_armature",
    "balanced-armature": "balanced_armature",
    "estat": "electrostatic",
    "bone conduction": "bone_conduction",
    "bone": "bone_conduction",
    "dd": "dynamic",
}
_FORM_ALIASES = {
    "over ear": "over-ear",
    "overear": "over-ear",
    "on ear": "on-ear",
    "in ear": "in-ear",
    "iem": "in-ear",
    "earbuds": "earbud",
    "bone conduction": "bone-conduction",
}
_BACK_ALIASES = {"semi open": "semi-open", "semiopen": "semi-open"}


def _choice(value: str | None, allowed: tuple[str, ...], aliases: dict[str, str], field: str) -> str | None:
    if value is None or value == "":
        return None
    v = str(value).strip().lower().replace("_", " ") if field != "driver" else str(value).strip().lower()
    v = aliases.get(v, v)
    v = v.replace(" ", "-") if field != "driver" else v.replace("-", "_").replace(" ", "_")
    if v not in allowed:
        raise CatalogError(
            f"unknown {field} {value!r}", input=value, field=field, hint=f"one of: {', '.join(allowed)}"
        )
    return v


def _positive(value: float | None, field: str) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CatalogError(
            f"{field} must be a number, got {value!r}", input=value, field=field, hint="e.g. 300"
        ) from None
    if not number > 0 or number != number or number == float("inf"):
        raise CatalogError(
            f"{field} must be a positive number, got {value!r}", input=value, field=field, hint="e.g. 300"
        )
    return number


def search(
    store: Store,
    text: str | None = None,
    *,
    form: str | None = None,
    back: str | None = None,
    wireless: bool | None = None,
    anc: bool | None = None,
    driver: str | None = None,
    impedance_max: float | None = None,
    sensitivity_min: float | None = None,
    price_max: float | None = None,
    currency: str = "USD",
    drivable_by: str | None = None,
    measured: bool | None = None,
    sort: str | None = None,
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
) -> SearchResult:
    """Models matching free text and filters, one page of them, and facet counts.

    `sensitivity_min` is in dB SPL/mW (models known only in dB/V are converted with their impedance);
    `price_max` compares the model's lowest listing price in `currency` (no conversion);
    `drivable_by` names a source (see `headspec.sources`) and keeps models whose amp check at 110 dB
    says "enough" (wired, known impedance and sensitivity) or "drives-itself" (wireless).
    `sort` is relevance (default with text), name (default without), price (lowest first, unpriced
    last) or score (best measured first).
    """
    form = _choice(form, FORM_FACTORS, _FORM_ALIASES, "form")
    back = _choice(back, BACKS, _BACK_ALIASES, "back")
    driver = _choice(driver, DRIVER_TYPES, _DRIVER_ALIASES, "driver")
    impedance_max = _positive(impedance_max, "impedance_max")
    sensitivity_min = _positive(sensitivity_min, "sensitivity_min")
    price_max = _positive(price_max, "price_max")
    cur = (currency or "USD").strip().upper()
    if len(cur) != 3 or not cur.isalpha():
        raise CatalogError(
            f"currency must be a 3-letter ISO code, got {currency!r}",
            input=currency,
            field="currency",
            hint="e.g. USD, EUR, INR, RUB",
        )
    text = (text or "").strip() or None
    sort = (sort or ("relevance" if text else "name")).lower()
    if sort not in SORTS:
        raise CatalogError(
            f"unknown sort {sort!r}", input=sort, field="sort", hint=f"one of: {', '.join(SORTS)}"
        )
    if sort == "relevance" and not text:
        sort = "name"
    if not (1 <= int(limit) <= MAX_LIMIT):
        raise CatalogError(f"limit must be 1..{MAX_LIMIT}, got {limit}", input=limit, field="limit")
    if int(offset) < 0:
        raise CatalogError(f"offset must be 0 or more, got {offset}", input=offset, field="offset")

    # (facet it belongs to or None, SQL, params)
    conds: list[tuple[str | None, str, list[Any]]] = []
    text_sql: tuple[str, list[Any]] | None = None
    if text:
        text_sql = store.text_match(text)
        conds.append((None, f"m.id IN (SELECT id FROM ({text_sql[0]}))", list(text_sql[1])))
    for facet, value in (("form", form), ("back", back), ("driver", driver)):
        if value is not None:
            conds.append((facet, f"{FACET_SQL[facet]} = ?", [value]))
    for facet, flag in (("wireless", wireless), ("anc", anc)):
        if flag is not None:
            conds.append((facet, f"{FACET_SQL[facet]} = ?", [int(bool(flag))]))
    if measured is not None:
        conds.append(("measured", "m.n_measurements > 0" if measured else "m.n_measurements = 0", []))
    if impedance_max is not None:
        conds.append((None, "m.impedance_ohm <= ?", [impedance_max]))
    if sensitivity_min is not None:
        conds.append((None, "m.sensitivity_db_per_mw >= ?", [sensitivity_min]))
    if price_max is not None:
        conds.append((None, "p.price_min <= ?", [price_max]))
    if drivable_by:
        conds.append((None, *_drivable_condition(store, drivable_by)))

    # the price table is joined only when a filter or the sort needs it
    priced = price_max is not None or sort == "price"
    base = "FROM models m" + (
        " JOIN model_prices p ON p.model_id = m.id AND p.currency = ?"
        if price_max is not None
        else " LEFT JOIN model_prices p ON p.model_id = m.id AND p.currency = ?"
        if priced
        else ""
    )

    def where(skip: str | None = None) -> tuple[str, list[Any]]:
        parts = [c for c in conds if skip is None or c[0] != skip]
        params: list[Any] = [cur] if priced else []
        for _facet, _sql, p in parts:
            params.extend(p)
        clause = " AND ".join(f"({sql})" for _f, sql, _p in parts)
        return (f" WHERE {clause}" if clause else ""), params

    clause, params = where()
    total = int(store.query(f"SELECT count(*) {base}{clause}", params)[0][0])
    order = {
        "name": "m.name COLLATE NOCASE, m.id",
        "price": "p.price_min IS NULL, p.price_min, m.name COLLATE NOCASE, m.id",
        "score": "m.score IS NULL, m.score DESC, m.name COLLATE NOCASE, m.id",
    }.get(sort)
    select = (
        "SELECT m.id, m.name, m.brand, m.form, m.back, m.wireless, m.anc, m.driver_type, m.impedance_ohm, "
        "m.sensitivity_db_per_mw, m.score, m.n_listings, m.n_measurements"
    )
    if order is None:  # relevance: keep the FTS rank order
        assert text_sql is not None
        sql = (
            f"WITH ranked AS ({text_sql[0]}) "
            f"{select} {base} JOIN ranked ON ranked.id = m.id{clause} ORDER BY ranked.rank, m.id "
            f"LIMIT ? OFFSET ?"
        )
        rows = store.query(sql, [*text_sql[1], *params, int(limit), int(offset)])
    else:
        rows = store.query(
            f"{select} {base}{clause} ORDER BY {order} LIMIT ? OFFSET ?", [*params, int(limit), int(offset)]
        )
    prices: dict[int, float] = {}
    if rows:
        marks = ",".join("?" * len(rows))
        prices = {
            r[0]: r[1]
            for r in store.query(
                f"SELECT model_id, price_min FROM model_prices WHERE currency = ? AND model_id IN ({marks})",
                [cur, *(r[0] for r in rows)],
            )
        }
    items = [
        SearchItem(
            id=r[0],
            name=r[1],
            brand=r[2],
            form=r[3],
            back=r[4],
            wireless=_b(r[5]),
            anc=_b(r[6]),
            driver_type=r[7],
            impedance_ohm=r[8],
            sensitivity_db_per_mw=r[9],
            price_min=prices.get(r[0]),
            currency=cur if r[0] in prices else None,
            score=r[10],
            n_listings=r[11],
            n_measurements=r[12],
        )
        for r in rows
    ]
    counts: dict[str, dict[str, int]] = {}
    if facets:
        counts = _facet_counts(store, base, where, {c[0] for c in conds if c[0]})
    applied = {
        k: v
        for k, v in {
            "text": text,
            "form": form,
            "back": back,
            "wireless": wireless,
            "anc": anc,
            "driver": driver,
            "impedance_max": impedance_max,
            "sensitivity_min": sensitivity_min,
            "price_max": price_max,
            "currency": cur,
            "drivable_by": drivable_by,
            "measured": measured,
            "sort": sort,
        }.items()
        if v is not None
    }
    return SearchResult(
        items=items, total=total, limit=int(limit), offset=int(offset), facets=counts, query=applied
    )


def _facet_counts(store: Store, base: str, where: Any, filtered: set[str]) -> dict[str, dict[str, int]]:
    """Counts per facet value. Facets without a filter of their own share one grouped scan (a small
    cube of value combinations summed here); each filtered facet gets its own query without its filter."""
    counts: dict[str, dict[str, int]] = {facet: {} for facet in FACET_SQL}
    free = [f for f in FACET_SQL if f not in filtered]
    if free:
        clause, params = where()
        exprs = ", ".join(FACET_SQL[f] for f in free)
        for row in store.query(f"SELECT {exprs}, count(*) {base}{clause} GROUP BY {exprs}", params):
            n = int(row[-1])
            for i, facet in enumerate(free):
                if row[i] is not None:
                    label = _facet_label(facet, row[i])
                    counts[facet][label] = counts[facet].get(label, 0) + n
    for facet in filtered:
        clause, params = where(skip=facet)
        found = store.query(f"SELECT {FACET_SQL[facet]} AS v, count(*) {base}{clause} GROUP BY v", params)
        counts[facet] = {_facet_label(facet, v): int(n) for v, n in found if v is not None}
    return counts


def _b(value: Any) -> bool | None:
    return None if value is None else bool(value)


def _facet_label(facet: str, value: Any) -> str:
    if facet in ("wireless", "anc", "measured"):
        return "yes" if value else "no"
    return str(value)


def _drivable_condition(store: Store, source_name: str) -> tuple[str, list[Any]]:
    """SQL keeping models the source drives: wireless ones, and wired (Z, S) pairs the amp check passes."""
    from headspec.sources import get_source, parse_source

    try:
        source = get_source(source_name)
    except NotFoundError:
        source = parse_source(source_name)
    pairs = store.query(
        "SELECT DISTINCT impedance_ohm, sensitivity_db_per_v FROM models "
        "WHERE impedance_ohm IS NOT NULL AND sensitivity_db_per_v IS NOT NULL "
        "AND coalesce(wireless, 0) = 0"
    )
    ok = [(z, s) for z, s in pairs if _drives(source.model_dump_json(), z, s)]
    sql = "m.wireless = 1"
    params: list[Any] = []
    if ok:
        values = ", ".join("(?, ?)" for _ in ok)
        sql += f" OR (m.impedance_ohm, m.sensitivity_db_per_v) IN (VALUES {values})"
        for z, s in ok:
            params.extend((z, s))
    return sql, params


@lru_cache(maxsize=65536)
def _drives(source_json: str, impedance_ohm: float, sensitivity_db_per_v: float) -> bool:
    from headspec.amp import amp_check
    from headspec.sources import Source
    from headspec.spec import Spec

    source = Source.model_validate_json(source_json)
    spec = Spec(
        impedance_ohm=impedance_ohm,
        sensitivity_db_per_v=sensitivity_db_per_v,
        sensitivity_basis="V",
        wireless=False,
    )
    try:
        return amp_check(spec, source).verdict in DRIVABLE_VERDICTS
    except ValueError:
        return False


# -- one model -------------------------------------------------------------------------------------
def find_model_id(store: Store, id_or_name: int | str) -> int:
    """A model id from an id, a model key, or a name (exact, then best full-text match)."""
    if isinstance(id_or_name, int) or (
        isinstance(id_or_name, str) and id_or_name.strip().isascii() and id_or_name.strip().isdigit()
    ):
        model_id = int(id_or_name)
        # ids past SQLite's 64-bit range cannot exist (and would raise OverflowError when bound)
        if -(2**63) <= model_id < 2**63 and store.query("SELECT 1 FROM models WHERE id = ?", (model_id,)):
            return model_id
        raise NotFoundError(
            f"no model with id {model_id}",
            input=id_or_name,
            field="model",
            hint="search first: headspec search TEXT",
        )
    name = str(id_or_name).strip()
    if not name:
        raise NotFoundError(
            "empty model name", input=id_or_name, field="model", hint="give a model name or id"
        )
    rows = store.query(
        "SELECT id FROM models WHERE model_key = ? OR name = ? COLLATE NOCASE "
        "OR (coalesce(brand, '') || ' ' || name) = ? COLLATE NOCASE ORDER BY n_listings DESC LIMIT 1",
        (name, name, name),
    )
    if rows:
        return int(rows[0][0])
    try:
        from headspec.catalog._links import identify

        key = identify(name, None).key
    except ImportError:
        key = None
    if key:
        rows = store.query("SELECT id FROM models WHERE model_key = ?", (key,))
        if rows:
            return int(rows[0][0])
    sql, params = store.text_match(name)
    rows = store.query(
        f"SELECT m.id, m.name FROM ({sql}) f JOIN models m ON m.id = f.id ORDER BY f.rank LIMIT 5", params
    )
    if len(rows) == 1:
        return int(rows[0][0])
    hint = (
        ("did you mean " + ", ".join(repr(r[1]) for r in rows) + "?")
        if rows
        else "search first: headspec search TEXT"
    )
    raise NotFoundError(f"no model named {name!r}", input=name, field="model", hint=hint)


def model_detail(store: Store, id_or_name: int | str, *, max_variants: int = 100) -> ModelDetail:
    """Specs with provenance and conflicts, variants with prices, measurements with scores."""
    model_id = find_model_id(store, id_or_name)
    m = store.query(
        "SELECT id, model_key, name, brand, flags, n_listings FROM models WHERE id = ?", (model_id,)
    )[0]
    specs: dict[str, SpecValue] = {}
    for field, value, weight, listing_id, origin in store.query(
        "SELECT field, value, weight, listing_id, origin FROM spec_values WHERE model_id = ? "
        "ORDER BY field, weight DESC, listing_id",
        (model_id,),
    ):
        parsed = json.loads(value)
        if field not in specs:
            specs[field] = SpecValue(
                field=field, value=parsed, listing_id=listing_id, origin=origin, support=weight
            )
        else:
            specs[field].conflicts.append(
                {"value": parsed, "listing_id": listing_id, "origin": origin, "support": weight}
            )
    variants: dict[int, VariantInfo] = {}
    for r in store.query(
        "SELECT v.id, v.colour, v.bundle, v.condition, v.pack, v.region, count(l.id) AS n "
        "FROM variants v JOIN listings l ON l.model_id = v.model_id AND l.variant_id = v.id "
        "WHERE v.model_id = ? "
        "GROUP BY v.id ORDER BY n DESC, v.id LIMIT ?",
        (model_id, max_variants),
    ):
        variants[r[0]] = VariantInfo(
            id=r[0], colour=r[1], bundle=r[2], condition=r[3], pack=r[4], region=r[5], n_listings=r[6]
        )
    if variants:
        marks = ",".join("?" * len(variants))
        for vid, cur, lo, hi, n in store.query(
            f"SELECT variant_id, currency, min(price), max(price), count(*) FROM listings "
            f"WHERE model_id = ? AND variant_id IN ({marks}) AND price IS NOT NULL "
            f"GROUP BY variant_id, currency",
            [model_id, *variants],
        ):
            variants[vid].prices.append({"currency": cur, "min": lo, "max": hi, "n": n})
        for vid, title in store.query(
            f"SELECT variant_id, title FROM (SELECT variant_id, title, row_number() OVER "
            f"(PARTITION BY variant_id ORDER BY id) AS r FROM listings "
            f"WHERE model_id = ? AND variant_id IN ({marks})) WHERE r <= 3",
            [model_id, *variants],
        ):
            variants[vid].titles.append(title)
    measurements = [
        MeasurementInfo(
            id=r[0],
            name=r[1],
            source=r[2],
            rig=r[3],
            form=r[4],
            path=r[5],
            n_points=r[6],
            score=r[7],
            score_model=r[8],
            score_components=json.loads(r[9] or "{}"),
        )
        for r in store.query(
            "SELECT id, name, source, rig, form, path, n_points, score, score_model, "
            "score_components FROM measurements WHERE model_id = ? "
            "ORDER BY score IS NULL, score DESC, id",
            (model_id,),
        )
    ]
    plaus = []
    for lid, warnings in store.query(
        "SELECT id, plausibility FROM listings WHERE model_id = ? "
        "AND plausibility != '[]' ORDER BY id LIMIT 50",
        (model_id,),
    ):
        for w in json.loads(warnings):
            plaus.append({"listing_id": lid, **w})
    plaus.extend(_price_outliers(store, model_id))
    return ModelDetail(
        id=m[0],
        model_key=m[1],
        name=m[2],
        brand=m[3],
        flags=json.loads(m[4] or "[]"),
        specs=list(specs.values()),
        variants=list(variants.values()),
        measurements=measurements,
        plausibility=plaus,
        n_listings=m[5],
    )


PRICE_OUTLIER_RATIO = 0.3


def _price_outliers(store: Store, model_id: int, limit: int = 20) -> list[dict[str, Any]]:
    """Listings priced under 30 % of the model's median in the same currency (at least 4 prices):
    a knock-off, a part sold under the model's name, or a typo."""
    import statistics

    by_currency: dict[str, list[tuple[float, int]]] = {}
    for lid, price, cur in store.query(
        "SELECT id, price, currency FROM listings WHERE model_id = ? AND price IS NOT NULL "
        "AND currency IS NOT NULL LIMIT 20000",
        (model_id,),
    ):
        by_currency.setdefault(cur, []).append((price, lid))
    out: list[dict[str, Any]] = []
    for cur, prices in sorted(by_currency.items()):
        if len(prices) < 4:
            continue
        median = statistics.median(p for p, _ in prices)
        for price, lid in sorted(prices):
            if price >= PRICE_OUTLIER_RATIO * median or len(out) >= limit:
                break
            out.append(
                {
                    "listing_id": lid,
                    "code": "implausible",
                    "field": "price",
                    "message": f"{price:g} {cur} is under {PRICE_OUTLIER_RATIO:.0%} of this model's "
                    f"median listing price ({median:g} {cur})",
                }
            )
    return out


# -- comparison ------------------------------------------------------------------------------------
COMPARE_FIELDS = (
    "brand",
    "form_factor",
    "back",
    "driver_type",
    "driver_mm",
    "impedance_ohm",
    "sensitivity_db_per_mw",
    "sensitivity_db_per_v",
    "freq_low_hz",
    "freq_high_hz",
    "wireless",
    "anc",
    "bluetooth_version",
    "bluetooth_codecs",
    "battery_h",
    "weight_g",
    "lowest price",
    "best score",
    "measurements",
    "variants",
)


def compare(store: Store, ids: list[int | str]) -> Comparison:
    """Two to eight models side by side; rows whose known values differ are marked `differs`."""
    if not 2 <= len(ids) <= 8:
        raise CatalogError(
            f"compare needs 2 to 8 models, got {len(ids)}",
            input=ids,
            field="ids",
            hint="e.g. headspec compare 'HD 600' 'HD 650'",
        )
    details = [model_detail(store, i) for i in ids]
    rows = []
    for field in COMPARE_FIELDS:
        values = [_compare_value(d, field) for d in details]
        known = {json.dumps(v, sort_keys=True) for v in values if v is not None}
        rows.append(ComparisonRow(field=field, values=values, differs=len(known) > 1))
    return Comparison(models=details, rows=rows)


def _compare_value(d: ModelDetail, field: str) -> Any:
    if field == "brand":
        return d.brand
    if field == "lowest price":
        prices = sorted(f"{p['min']:.2f} {p['currency']}" for v in d.variants for p in v.prices)
        lows: dict[str, float] = {}
        for v in d.variants:
            for p in v.prices:
                lows[p["currency"]] = min(lows.get(p["currency"], p["min"]), p["min"])
        return ", ".join(f"{lo:.2f} {c}" for c, lo in sorted(lows.items())) if prices else None
    if field == "best score":
        scores = [m.score for m in d.measurements if m.score is not None]
        return max(scores) if scores else None
    if field == "measurements":
        return len(d.measurements)
    if field == "variants":
        return len(d.variants)
    return d.spec(field)
