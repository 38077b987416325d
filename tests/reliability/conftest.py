"""Fixtures for the reliability tests: synthetic feeds made by bench/catalog_scale.py's generator and a
baseline catalog holding part of the real shared listings."""

from __future__ import annotations

import hashlib
import importlib.util
import json
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


# -- hostile listings for the web and browser tests ------------------------------------------------
HOSTILE_LISTINGS = [
    {"id": "H1", "source": "hostile", "price": "$19.99",
     "raw_text": 'Evilbrand <script>window.__pwned = 1</script> Wired Headphones 32 Ohm '
                 '<img src=x onerror="window.__pwned = 2">'},
    {"id": "H2", "source": "hostile", "price": 49.0, "currency": "USD",
     "title": '"><svg onload="window.__pwned=3"> Pwnco X1 Over-Ear Headphones 250 Ohm',
     "brand": '<b onmouseover="window.__pwned=5">Pwnco</b>'},
    {"id": "H3", "source": "hostile", "price": 19, "currency": "USD",
     "title": "Pwnco X2'\"; DROP TABLE models;-- In-Ear Earphones {{7*7}}",
     "raw_text": "Pwnco X2 In-Ear Earphones\nImpedance: 16 Ω</script><script>window.__pwned=4</script>\n"
                 "Sensitivity: 110 dB/mW"},
    {"id": "H4", "source": "javascript:window.__pwned=6", "title": "Pwnco X3 Wireless ANC Headphones \u202e",
     "url": "javascript:window.__pwned=6", "price": "1e308"},
]
HOSTILE_PASTE = ('Pwnco Z9 <script>window.__pwned=7</script> Headphones\nImpedance: 32 Ω '
                 '<img src=x onerror="window.__pwned=8">\nSensitivity: 100 dB/mW')


@pytest.fixture(scope="session")
def hostile_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real listings and curves plus four hostile listings."""
    from headspec.catalog import Catalog

    root = tmp_path_factory.mktemp("hostile")
    feed = root / "hostile.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE_LISTINGS), encoding="utf-8")
    db = root / "catalog.sqlite3"
    with Catalog(db) as cat:
        cat.ingest_listings(shared_data / "specs" / "listings.jsonl")
        cat.ingest_fr(shared_data / "fr")
        assert cat.ingest_listings(feed).added == len(HOSTILE_LISTINGS)
    return db


@pytest.fixture(scope="session")
def web(hostile_db: Path) -> TestClient:
    from headspec.web import create_app

    return TestClient(create_app(hostile_db), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def hostile_ids(web: TestClient) -> list[int]:
    ids = [item["id"] for q in ("Pwnco", "Evilbrand")
           for item in web.get("/api/search", params={"q": q, "limit": 20}).json()["items"]]
    assert len(ids) == len(HOSTILE_LISTINGS), ids
    return ids


@pytest.fixture(scope="session")
def measured_ids(web: TestClient) -> list[int]:
    items = web.get("/api/search", params={"measured": "true", "limit": 2}).json()["items"]
    return [i["id"] for i in items]
