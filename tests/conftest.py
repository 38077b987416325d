"""Shared test fixtures: the real public data beside the repo (`../shared/data`)."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from headspec.catalog import Catalog

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO_ROOT / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of `../shared/data`; the suite needs it (CI clones with shared/ beside the repo)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data not found at {SHARED_DATA}: clone the repo beside ../shared")
    return SHARED_DATA


@pytest.fixture(scope="session")
def catalog(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    """A catalog of the real shared data (listings, the official spec table, every FR curve), built once
    per session for the areas that only read it (verdict, recommend); a folder that writes to its
    catalog overrides this fixture with its own (tests/catalog)."""
    from headspec.catalog import Catalog

    path = tmp_path_factory.mktemp("shared-catalog") / "catalog.sqlite3"
    cat = Catalog(path)
    cat.ingest_listings(shared_data / "specs" / "listings.jsonl")
    cat.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
    cat.ingest_fr(shared_data / "fr")
    yield cat
    cat.close()


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def serve_catalog() -> Iterator[Callable[[Path], str]]:
    """Start the web app over a catalog file in a uvicorn thread on a free loopback port; returns its URL.

    Every server started through it stops at the end of the session.
    """
    import uvicorn

    from headspec.web import create_app

    running: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(db_path: Path) -> str:
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(db_path), host="127.0.0.1", port=port,
                                               log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        running.append((server, thread))
        deadline = time.monotonic() + 20
        while not server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return f"http://127.0.0.1:{port}"

    yield start
    for server, thread in running:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's chromium driven by Playwright (never a downloaded browser build)."""
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("/usr/bin/chromium is missing (`make test` installs it: scripts/ensure-chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
