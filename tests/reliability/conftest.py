"""Fixtures for the reliability tests: synthetic feeds made by bench/catalog_scale.py's generator and a
baseline catalog holding part of the real shared listings."""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
import sqlite3
import warnings
from pathlib import Path
from types import ModuleType

import pytest

with warnings.catch_warnings():
    # starlette warns at import that its TestClient will move to `httpx2`; the httpx client works.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient  # noqa: F401  (re-exported for the tests here)

REPO_ROOT = Path(__file__).resolve().parents[2]
CRASH_FEED_SIZE = 4_000
BASELINE_LINES = 800

# the tables the catalog keeps, and the ingests columns that do not depend on the clock
CONTENT_TABLES = ("models", "variants", "listings", "spec_values", "model_prices", "measurements")
INGEST_COLUMNS = ("kind, path, file_hash, n_read, n_added, n_merged, n_rejected, n_unchanged, "
                  "rejected_reasons")


def load_bench(name: str) -> ModuleType:
    """Import `bench/<name>.py` (the bench folder is scripts, not a package)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO_ROOT / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def snapshot(db: Path) -> dict[str, object]:
    """Row counts and a content checksum per table (ingest timestamps left out)."""
    con = sqlite3.connect(db)
    try:
        out: dict[str, object] = {}
        for table in CONTENT_TABLES:
            h = hashlib.blake2b(digest_size=16)
            rows = con.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall()
            for row in rows:
                h.update(repr(row).encode("utf-8", "surrogatepass"))
            out[table] = (len(rows), h.hexdigest())
        ingests = con.execute(f"SELECT {INGEST_COLUMNS} FROM ingests ORDER BY id").fetchall()
        out["ingests"] = ingests
        fts = "SELECT count(*) FROM models_fts WHERE models_fts MATCH 'sony'"
        out["fts"] = con.execute(fts).fetchone()[0]
        return out
    finally:
        con.close()


def integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


@pytest.fixture(scope="session")
def crash_feeds(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`baseline`: the first 800 real listings; `big`: 4,000 synthetic listings (catalog_scale's generator);
    `baseline_db`: a catalog holding the baseline feed, closed and checkpointed."""
    from headspec.catalog import Catalog

    root = tmp_path_factory.mktemp("crash")
    baseline = root / "baseline.jsonl"
    with (shared_data / "specs" / "listings.jsonl").open("rb") as src, baseline.open("wb") as out:
        for i, line in enumerate(src):
            if i >= BASELINE_LINES:
                break
            out.write(line)
    big = root / "big.jsonl"
    load_bench("catalog_scale").generate(big, CRASH_FEED_SIZE)
    db = root / "baseline.sqlite3"
    with Catalog(db) as cat:
        cat.ingest_listings(baseline)
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return {"baseline": baseline, "big": big, "baseline_db": db}


def copy_db(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst
