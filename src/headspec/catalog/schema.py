"""Versioned schema for the SQLite catalog.

`MIGRATIONS[i]` takes a database from `PRAGMA user_version = i` to `i + 1`; `migrate` applies the
missing ones in one transaction, so a database is always at a whole version. Never edit a released
migration: append a new one.
"""

from __future__ import annotations

import sqlite3

from headspec.errors import CatalogError

_V1 = """
CREATE TABLE ingests (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                 -- listings | fr | specs
    path TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    n_read INTEGER NOT NULL, n_added INTEGER NOT NULL, n_merged INTEGER NOT NULL,
    n_rejected INTEGER NOT NULL, n_unchanged INTEGER NOT NULL,
    rejected_reasons TEXT NOT NULL      -- JSON {reason: count}
);
CREATE UNIQUE INDEX ingests_kind_hash ON ingests(kind, file_hash);

CREATE TABLE models (
    id INTEGER PRIMARY KEY,
    model_key TEXT NOT NULL UNIQUE,     -- headspec.identity model key
    brand TEXT,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',     -- the first title seen (for same-model checks)
    codes TEXT NOT NULL DEFAULT '',     -- model codes and part numbers, space-separated
    search_text TEXT NOT NULL DEFAULT '',
    flags TEXT NOT NULL DEFAULT '[]',   -- JSON list, e.g. ["compatible"]
    form TEXT, back TEXT, wireless INTEGER, anc INTEGER, driver_type TEXT,
    impedance_ohm REAL, sensitivity_db_per_mw REAL, sensitivity_db_per_v REAL,
    n_listings INTEGER NOT NULL DEFAULT 0,
    n_measurements INTEGER NOT NULL DEFAULT 0,
    score REAL
);
CREATE INDEX models_form ON models(form);
CREATE INDEX models_back ON models(back);
CREATE INDEX models_wireless ON models(wireless);
CREATE INDEX models_anc ON models(anc);
CREATE INDEX models_driver ON models(driver_type);
CREATE INDEX models_impedance ON models(impedance_ohm);
CREATE INDEX models_sensitivity ON models(sensitivity_db_per_mw);
CREATE INDEX models_score ON models(score);
CREATE INDEX models_name ON models(name COLLATE NOCASE);
CREATE INDEX models_measured ON models(n_measurements);
-- covers every facet and numeric filter, so counts scan this index, not the wide rows
CREATE INDEX models_facets ON models(form, back, wireless, anc, driver_type, n_measurements, impedance_ohm,
    sensitivity_db_per_mw, sensitivity_db_per_v, score);

CREATE TABLE model_prices (
    model_id INTEGER NOT NULL REFERENCES models(id),
    currency TEXT NOT NULL,
    price_min REAL NOT NULL,
    price_max REAL NOT NULL,
    PRIMARY KEY (model_id, currency)
) WITHOUT ROWID;
CREATE INDEX model_prices_currency ON model_prices(currency, price_min);

CREATE TABLE variants (
    id INTEGER PRIMARY KEY,
    model_id INTEGER NOT NULL REFERENCES models(id),
    variant_key TEXT NOT NULL,
    colour TEXT, bundle TEXT, condition TEXT, pack INTEGER, region TEXT,
    UNIQUE (model_id, variant_key)
);

CREATE TABLE listings (
    id INTEGER PRIMARY KEY,
    content_hash BLOB NOT NULL UNIQUE,  -- idempotency: the same record is stored once
    ingest_id INTEGER NOT NULL REFERENCES ingests(id),
    source TEXT,
    external_id TEXT,
    url TEXT,
    title TEXT NOT NULL,
    raw_text TEXT NOT NULL,             -- verbatim
    brand TEXT,
    price REAL,
    currency TEXT,
    fields TEXT,                        -- JSON, verbatim structured fields
    label TEXT NOT NULL,                -- headphone | accessory | not-headphone
    label_reason TEXT NOT NULL,
    identity_flags TEXT NOT NULL DEFAULT '[]',
    plausibility TEXT NOT NULL DEFAULT '[]',  -- JSON list of {code, field, message}
    model_id INTEGER REFERENCES models(id),
    variant_id INTEGER REFERENCES variants(id)
);
CREATE INDEX listings_model ON listings(model_id, variant_id);

CREATE TABLE spec_values (
    model_id INTEGER NOT NULL REFERENCES models(id),
    field TEXT NOT NULL,
    value TEXT NOT NULL,                -- JSON
    weight REAL NOT NULL,               -- summed support (spec tables weigh more than parsed text)
    n INTEGER NOT NULL,
    listing_id INTEGER REFERENCES listings(id),  -- first listing the value came from
    origin TEXT NOT NULL,               -- text | fields | spec-table | measurement <id>
    PRIMARY KEY (model_id, field, value)
) WITHOUT ROWID;

CREATE TABLE measurements (
    id INTEGER PRIMARY KEY,
    model_id INTEGER NOT NULL REFERENCES models(id),
    content_hash BLOB NOT NULL UNIQUE,
    ingest_id INTEGER NOT NULL REFERENCES ingests(id),
    name TEXT NOT NULL,
    source TEXT, rig TEXT, form TEXT, path TEXT,
    n_points INTEGER NOT NULL,
    frequency_hz BLOB NOT NULL,         -- float32 little-endian
    spl_db BLOB NOT NULL,               -- float32 little-endian
    score REAL, score_model TEXT,
    score_components TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX measurements_model ON measurements(model_id);

CREATE VIRTUAL TABLE models_fts USING fts5(
    brand, name, search_text, content='models', content_rowid='id',
    tokenize = "unicode61 remove_diacritics 2"
);
CREATE TRIGGER models_fts_insert AFTER INSERT ON models BEGIN
    INSERT INTO models_fts(rowid, brand, name, search_text)
    VALUES (new.id, new.brand, new.name, new.search_text);
END;
CREATE TRIGGER models_fts_delete AFTER DELETE ON models BEGIN
    INSERT INTO models_fts(models_fts, rowid, brand, name, search_text)
    VALUES ('delete', old.id, old.brand, old.name, old.search_text);
END;
CREATE TRIGGER models_fts_update AFTER UPDATE OF brand, name, search_text ON models BEGIN
    INSERT INTO models_fts(models_fts, rowid, brand, name, search_text)
    VALUES ('delete', old.id, old.brand, old.name, old.search_text);
    INSERT INTO models_fts(rowid, brand, name, search_text)
    VALUES (new.id, new.brand, new.name, new.search_text);
END;
"""

MIGRATIONS: tuple[str, ...] = (_V1,)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    """The database's `PRAGMA user_version`."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, path: object = None) -> int:
    """Bring `conn` up to `SCHEMA_VERSION` in one transaction; returns the version reached.

    Raises CatalogError for a database written by a newer headspec (a higher version than this
    code knows), rather than guessing at its layout.
    """
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise CatalogError(
            f"catalog schema version {current} is newer than this headspec knows ({SCHEMA_VERSION})",
            input=path,
            hint="upgrade headspec",
        )
    if current == SCHEMA_VERSION:
        return current
    conn.execute("BEGIN IMMEDIATE")
    try:
        for version in range(current, SCHEMA_VERSION):
            for statement in _split(MIGRATIONS[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


def _split(script: str) -> list[str]:
    """Split a migration into statements (triggers hold `;` inside BEGIN ... END)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        code = line.split("--", 1)[0]
        if not code.strip() and not buffer:
            continue
        buffer += code
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
