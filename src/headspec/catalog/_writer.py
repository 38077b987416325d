"""Batched writes of one ingest: ids assigned in Python, rows sent with executemany, and a final
refresh of the models an ingest touched (merged facets, prices, search text, measurement counts).

Runs inside the ingest's single transaction, so whatever happens here is all-or-nothing.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Any

from headspec.catalog._links import Ident, json_value, same_model
from headspec.catalog.store import Store

FACET_FIELDS = (
    "form_factor",
    "back",
    "wireless",
    "true_wireless",
    "anc",
    "driver_type",
    "impedance_ohm",
    "sensitivity_db_per_mw",
    "sensitivity_db_per_v",
)
MAX_TOKENS = 48
_TOKEN = re.compile(r"\w[\w+.-]*\w|\w", re.UNICODE)

WEIGHTS = {"text": 1.0, "fields": 3.0, "spec-table": 5.0, "measurement": 2.0}


class Writer:
    """State of one ingest inside its transaction."""

    def __init__(self, store: Store, ingest_id: int) -> None:
        self.store = store
        self.ingest_id = ingest_id
        self.next_listing = self._next_id("listings")
        self.next_model = self._next_id("models")
        self.next_variant = self._next_id("variants")
        self.next_measurement = self._next_id("measurements")
        self.model_ids: dict[str, int] = {}
        self.model_titles: dict[int, str] = {}
        self.code_index: dict[tuple[str, str], list[int]] = {}
        for key, model_id, codes, title in store.query("SELECT model_key, id, codes, title FROM models"):
            self._remember(model_id, key, codes.split(), title)
        self.variant_ids: dict[tuple[int, str], int] = {
            (r[0], r[1]): r[2] for r in store.query("SELECT model_id, variant_key, id FROM variants")
        }
        self.touched: set[int] = set()
        self.listing_counts: Counter[int] = Counter()
        self.tokens: dict[int, list[str]] = {}
        self.tokens_changed: set[int] = set()
        self._models: list[tuple[Any, ...]] = []
        self._variants: list[tuple[Any, ...]] = []
        self._listings: list[tuple[Any, ...]] = []
        self._values: dict[tuple[int, str, str], list[Any]] = {}
        self._measurements: list[tuple[Any, ...]] = []

    def _next_id(self, table: str) -> int:
        return int(self.store.query(f"SELECT coalesce(max(id), 0) + 1 FROM {table}")[0][0])

    # -- models and variants -------------------------------------------------------------------
    def _remember(self, model_id: int, key: str, codes: list[str] | tuple[str, ...], title: str) -> None:
        self.model_ids[key] = model_id
        self.model_titles[model_id] = title
        group = key.rpartition("|")[0]
        for code in codes:
            ids = self.code_index.setdefault((group, code), [])
            if model_id not in ids:
                ids.append(model_id)

    def _match_by_code(self, ident: Ident) -> int | None:
        """An existing model sharing a model code that identity judges the same model."""
        tried: set[int] = set()
        for code in ident.codes:
            for model_id in self.code_index.get((ident.group, code), ()):
                if model_id in tried:
                    continue
                tried.add(model_id)
                if same_model(ident.title, self.model_titles[model_id]):
                    return model_id
        return None

    def model_for(self, ident: Ident) -> tuple[int, bool]:
        """The model id for an identity (created if new) and whether it was created.

        Exact model keys merge; otherwise a model sharing a model code or part number with the
        title merges when `headspec.identity.same_model` agrees ("KX-TCA92" and "... - KXTCA92").
        """
        assert ident.key is not None
        model_id = self.model_ids.get(ident.key)
        if model_id is None and ident.codes:
            model_id = self._match_by_code(ident)
            if model_id is not None:
                self.model_ids[ident.key] = model_id
        if model_id is not None:
            self.touched.add(model_id)
            return model_id, False
        model_id = self.next_model
        self.next_model += 1
        self._remember(model_id, ident.key, ident.codes, ident.title)
        self._models.append(
            (
                model_id,
                ident.key,
                ident.brand,
                ident.name,
                ident.title,
                " ".join(ident.codes),
                json.dumps(list(ident.flags)),
            )
        )
        self.tokens[model_id] = []
        self.touched.add(model_id)
        return model_id, True

    def variant_for(self, model_id: int, ident: Ident) -> int:
        key = ident.variant_key
        variant_id = self.variant_ids.get((model_id, key))
        if variant_id is None:
            variant_id = self.next_variant
            self.next_variant += 1
            self.variant_ids[(model_id, key)] = variant_id
            self._variants.append(
                (
                    variant_id,
                    model_id,
                    key,
                    ident.colour,
                    ident.bundle,
                    ident.condition,
                    ident.pack,
                    ident.region,
                )
            )
        return variant_id

    def add_tokens(self, model_id: int, text: str) -> None:
        """Words of a title that make the model findable by free text (capped per model)."""
        tokens = self.tokens.get(model_id)
        if tokens is None:
            row = self.store.query("SELECT search_text FROM models WHERE id = ?", (model_id,))
            tokens = row[0][0].split() if row and row[0][0] else []
            self.tokens[model_id] = tokens
        if len(tokens) >= MAX_TOKENS:
            return
        for token in _TOKEN.findall(text.lower()):
            if len(tokens) >= MAX_TOKENS:
                break
            if token not in tokens:
                tokens.append(token)
                self.tokens_changed.add(model_id)

    # -- rows ------------------------------------------------------------------------------------
    def add_listing(self, row: tuple[Any, ...]) -> None:
        """Queue one listings row (id first, as allocated with `new_listing_id`)."""
        self._listings.append(row)
        model_id = row[-2]
        if model_id is not None:
            self.listing_counts[model_id] += 1
        if len(self._listings) >= 2000:
            self.flush()

    def new_listing_id(self) -> int:
        listing_id = self.next_listing
        self.next_listing += 1
        return listing_id

    def new_measurement_id(self) -> int:
        measurement_id = self.next_measurement
        self.next_measurement += 1
        return measurement_id

    def add_values(self, model_id: int, values: dict[str, Any], listing_id: int | None, origin: str) -> None:
        """Queue spec values for a model, with the listing (or measurement) they came from."""
        weight = WEIGHTS.get(origin.split()[0], 1.0)
        for field, value in values.items():
            if value is None or (isinstance(value, float) and not math.isfinite(value)):
                continue
            key = (model_id, field, json_value(value))
            entry = self._values.get(key)
            if entry is None:
                self._values[key] = [weight, 1, listing_id, origin]
            else:
                entry[0] += weight
                entry[1] += 1

    def add_measurement(self, row: tuple[Any, ...]) -> None:
        self._measurements.append(row)

    def flush(self) -> None:
        """Send queued rows to the store."""
        s = self.store
        if self._models:
            s.executemany(
                "INSERT INTO models (id, model_key, brand, name, title, codes, flags) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                self._models,
            )
            self._models.clear()
        if self._variants:
            s.executemany(
                "INSERT INTO variants (id, model_id, variant_key, colour, bundle, condition, pack, "
                "region) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                self._variants,
            )
            self._variants.clear()
        if self._listings:
            s.executemany(
                "INSERT INTO listings (id, content_hash, ingest_id, source, external_id, url, title, "
                "raw_text, brand, price, currency, fields, label, label_reason, identity_flags, "
                "plausibility, model_id, variant_id) VALUES "
                "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._listings,
            )
            self._listings.clear()
        if self._values:
            s.executemany(
                "INSERT INTO spec_values (model_id, field, value, weight, n, listing_id, origin) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model_id, field, value) DO UPDATE SET "
                "weight = weight + excluded.weight, n = n + excluded.n",
                ((m, f, v, e[0], e[1], e[2], e[3]) for (m, f, v), e in self._values.items()),
            )
            self._values.clear()
        if self._measurements:
            s.executemany(
                "INSERT INTO measurements (id, model_id, content_hash, ingest_id, name, source, rig, "
                "form, path, n_points, frequency_hz, spl_db, score, score_model, score_components) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                self._measurements,
            )
            self._measurements.clear()

    # -- the end ---------------------------------------------------------------------------------
    def finish(self) -> None:
        """Flush, then recompute what the touched models show in search."""
        self.flush()
        if not self.touched:
            return
        s = self.store
        s.execute("CREATE TEMP TABLE IF NOT EXISTS touched (id INTEGER PRIMARY KEY)")
        s.execute("DELETE FROM temp.touched")
        s.executemany("INSERT INTO temp.touched (id) VALUES (?)", ((i,) for i in sorted(self.touched)))
        s.executemany(
            "UPDATE models SET n_listings = n_listings + ? WHERE id = ?",
            ((n, m) for m, n in self.listing_counts.items()),
        )
        s.executemany(
            "UPDATE models SET search_text = ? WHERE id = ?",
            ((" ".join(self.tokens[m]), m) for m in sorted(self.tokens_changed)),
        )
        self._refresh_facets()
        s.execute("DELETE FROM model_prices WHERE model_id IN (SELECT id FROM temp.touched)")
        s.execute(
            "INSERT INTO model_prices (model_id, currency, price_min, price_max) "
            "SELECT model_id, currency, min(price), max(price) FROM listings "
            "WHERE model_id IN (SELECT id FROM temp.touched) AND price IS NOT NULL "
            "AND currency IS NOT NULL GROUP BY model_id, currency"
        )
        s.execute(
            "UPDATE models SET n_measurements = (SELECT count(*) FROM measurements m "
            "WHERE m.model_id = models.id), score = (SELECT max(score) FROM measurements m "
            "WHERE m.model_id = models.id) WHERE id IN (SELECT id FROM temp.touched)"
        )
        s.execute("DELETE FROM temp.touched")

    def _refresh_facets(self) -> None:
        best: dict[int, dict[str, Any]] = {}
        marks = ",".join("?" * len(FACET_FIELDS))
        rows = self.store.query(
            "SELECT v.model_id, v.field, v.value FROM spec_values v JOIN temp.touched t ON t.id = v.model_id "
            f"WHERE v.field IN ({marks}) ORDER BY v.model_id, v.field, v.weight DESC, v.listing_id",
            FACET_FIELDS,
        )
        for model_id, field, value in rows:
            fields = best.setdefault(model_id, {})
            if field not in fields:
                fields[field] = json.loads(value)
        updates = []
        for model_id in sorted(self.touched):
            f = best.get(model_id, {})
            impedance = f.get("impedance_ohm")
            s_mw, s_v = f.get("sensitivity_db_per_mw"), f.get("sensitivity_db_per_v")
            if s_mw is None and s_v is not None and impedance:
                s_mw = round(s_v - 10 * math.log10(1000 / impedance), 2)
            if s_v is None and s_mw is not None and impedance:
                s_v = round(s_mw + 10 * math.log10(1000 / impedance), 2)
            wireless = f.get("wireless")
            if f.get("true_wireless") is True:
                wireless = True
            updates.append(
                (
                    f.get("form_factor"),
                    f.get("back"),
                    _bool(wireless),
                    _bool(f.get("anc")),
                    f.get("driver_type"),
                    impedance,
                    s_mw,
                    s_v,
                    model_id,
                )
            )
        self.store.executemany(
            "UPDATE models SET form = ?, back = ?, wireless = ?, anc = ?, driver_type = ?, "
            "impedance_ohm = ?, sensitivity_db_per_mw = ?, sensitivity_db_per_v = ? WHERE id = ?",
            updates,
        )


def _bool(value: Any) -> int | None:
    return None if value is None else int(bool(value))
