"""A catalog built once per session from the real shared data (listings, spec table, measurements)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from headspec.catalog import Catalog


@pytest.fixture(scope="session")
def catalog(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Catalog]:
    path = tmp_path_factory.mktemp("recommend-catalog") / "catalog.sqlite3"
    cat = Catalog(path)
    cat.ingest_listings(shared_data / "specs" / "listings.jsonl")
    cat.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
    cat.ingest_fr(shared_data / "fr")
    yield cat
    cat.close()
