"""Shared test fixtures: the real public data beside the repo (`../shared/data`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

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
