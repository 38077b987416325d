"""Shared test fixtures: the real public data beside the repo (`../shared/data`)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = (REPO_ROOT / ".." / "shared" / "data").resolve()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Path of `../shared/data`; the suite needs it (CI clones with shared/ beside the repo)."""
    if not SHARED_DATA.is_dir():
        pytest.fail(f"shared data not found at {SHARED_DATA}: clone the repo beside ../shared")
    return SHARED_DATA
