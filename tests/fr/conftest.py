"""Fixtures for the frequency-response tests: the shared FR set read once per session."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def fr_root(shared_data: Path) -> Path:
    return shared_data / "fr"


@pytest.fixture(scope="session")
def expected_rows(fr_root: Path) -> list[dict[str, str]]:
    with open(fr_root / "expected_scores.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def manifest_rows(fr_root: Path) -> list[dict[str, str]]:
    with open(fr_root / "manifest.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="session")
def shared_curves(fr_root: Path, expected_rows: list[dict[str, str]]):
    from headspec.fr import read

    return [read(fr_root / r["source"] / r["form"] / f"{r['name']}.csv") for r in expected_rows]
