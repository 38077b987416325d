"""The SQLite store: versioned schema, WAL, read-only opening, clear errors for wrong files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from headspec.catalog import Catalog, default_path
from headspec.catalog.schema import SCHEMA_VERSION, _split, migrate
from headspec.errors import CatalogError, NotFoundError


def test_new_catalog_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    with Catalog(tmp_path / "c.db") as cat:
        conn = cat.store.conn
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {
            "listings",
            "models",
            "variants",
            "spec_values",
            "measurements",
            "ingests",
            "models_fts",
        } <= tables


def test_migrate_is_idempotent(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "c.db", isolation_level=None)
    assert migrate(conn) == SCHEMA_VERSION
    assert migrate(conn) == SCHEMA_VERSION
    conn.close()


def test_newer_schema_is_refused_with_a_hint(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "c.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    with pytest.raises(CatalogError, match="newer") as err:
        Catalog(tmp_path / "c.db")
    assert err.value.hint


def test_a_file_that_is_not_sqlite_is_a_catalog_error(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("this is not a database, just text " * 100)
    with pytest.raises(CatalogError, match="not a headspec catalog"):
        Catalog(bad)


def test_read_only_needs_an_existing_file_and_cannot_write(tmp_path: Path, shared_data: Path) -> None:
    with pytest.raises(NotFoundError):
        Catalog(tmp_path / "missing.db", read_only=True)
    Catalog(tmp_path / "c.db").close()
    with Catalog(tmp_path / "c.db", read_only=True) as cat:
        with pytest.raises(CatalogError, match="read-only"):
            cat.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            cat.store.execute(
                "INSERT INTO ingests (kind, path, file_hash, started_at, finished_at, n_read, "
                "n_added, n_merged, n_rejected, n_unchanged, rejected_reasons) "
                "VALUES ('x', 'x', 'x', 'x', 'x', 0, 0, 0, 0, 0, '{}')"
            )


def test_default_path_follows_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HEADSPEC_DB", str(tmp_path / "env.db"))
    assert default_path() == tmp_path / "env.db"
    monkeypatch.delenv("HEADSPEC_DB")
    assert default_path().name == "catalog.sqlite3" and "headspec" in str(default_path())


def test_split_keeps_trigger_bodies_whole() -> None:
    statements = _split(
        "CREATE TABLE a (x);\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n"
    )
    assert len(statements) == 2 and statements[1].endswith("END;")
