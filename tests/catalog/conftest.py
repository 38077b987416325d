"""One catalog built from ALL the shared real data, once per session (listings, spec table, curves)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from headspec.catalog import Catalog, IngestSummary


@dataclass
class Built:
    path: Path
    catalog: Catalog
    listings: IngestSummary
    specs: IngestSummary
    fr: IngestSummary


@pytest.fixture(scope="session")
def built(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = tmp_path_factory.mktemp("catalog") / "catalog.sqlite3"
    catalog = Catalog(path)
    listings = catalog.ingest_listings(shared_data / "specs" / "listings.jsonl")
    specs = catalog.ingest_specs(shared_data / "specs" / "sound_library_over_ear_official.csv")
    fr = catalog.ingest_fr(shared_data / "fr")
    yield Built(path, catalog, listings, specs, fr)
    catalog.close()


@pytest.fixture(scope="session")
def catalog(built: Built) -> Catalog:
    return built.catalog
