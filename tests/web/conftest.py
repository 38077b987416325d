"""Web test fixtures: a catalog built once per session from the real shared data (plus one hostile
listing), a TestClient over it, and a live uvicorn server with chromium for the browser tests."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # starlette warns at import that its TestClient will move to `httpx2`; the httpx client works.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"

HOSTILE_TITLE = ('Evilbrand <script>window.__pwned = 1</script> Wired Headphones 32 Ohm '
                 '<img src=x onerror="window.__pwned = 2">')


@pytest.fixture(scope="session")
def catalog_db(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """listings.jsonl + the official sound-library table + every FR curve, and one hostile listing."""
    from headspec.catalog import Catalog

    root = tmp_path_factory.mktemp("webcat")
    hostile = root / "hostile.jsonl"
    hostile.write_text(json.dumps({"id": "HOSTILE1", "source": "test-hostile", "kind": "listing_title",
                                   "lang": "en", "raw_text": HOSTILE_TITLE,
                                   "fields": {"price": "$19.99"}}) + "\n", encoding="utf-8")
    db = root / "catalog.sqlite3"
    with Catalog(db) as cat:
        cat.ingest_listings(shared_data / "specs" / "listings.jsonl")
        cat.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
        cat.ingest_fr(shared_data / "fr")
        cat.ingest_listings(hostile)
    return db


@pytest.fixture(scope="session")
def client(catalog_db: Path) -> TestClient:
    from headspec.web import create_app

    return TestClient(create_app(catalog_db), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def live_server(catalog_db: Path, serve_catalog: Callable[[Path], str]) -> str:
    """The app served by uvicorn in a thread on a free loopback port."""
    return serve_catalog(catalog_db)


@pytest.fixture(scope="session")
def browser(chromium: object) -> object:
    """The session's chromium (root conftest), under the name the page tests use."""
    return chromium


@pytest.fixture()
def page(browser: object, live_server: str) -> Iterator[object]:
    """A laptop-sized page that records console errors and CSP violations."""
    context = browser.new_context(viewport={"width": 1366, "height": 800})  # type: ignore[attr-defined]
    pg = context.new_page()
    pg.console_errors = []  # type: ignore[attr-defined]
    pg.on("console", lambda msg: msg.type == "error" and pg.console_errors.append(msg.text))  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshot() -> object:
    """`screenshot(page, name)`: laptop and phone full-page screenshots into test-artifacts/."""
    return save_screenshots


def save_screenshots(pg: object, name: str) -> None:
    """Save laptop (1366×800) and phone (390×844) full-page screenshots into test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    pg.evaluate("window.scrollTo(0, 0)")  # type: ignore[attr-defined]
    for label, size in (("laptop", {"width": 1366, "height": 800}), ("phone", {"width": 390, "height": 844})):
        pg.set_viewport_size(size)  # type: ignore[attr-defined]
        pg.wait_for_timeout(150)  # type: ignore[attr-defined]
        pg.screenshot(path=str(ARTIFACTS / f"{name}-{label}.png"), full_page=True)  # type: ignore[attr-defined]
    pg.set_viewport_size({"width": 1366, "height": 800})  # type: ignore[attr-defined]
