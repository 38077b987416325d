"""`headspec serve`: refuses an empty catalog without --build-if-empty, builds it from the shared data
with it, and hands a read-only app to uvicorn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest


def test_serve_refuses_an_empty_catalog_with_a_hint(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "headspec", "serve", "--db", str(tmp_path / "none.db")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "is empty" in result.stderr and "--build-if-empty" in result.stderr
    assert "Traceback" not in result.stderr


def test_find_shared_data_and_catalog_is_empty(shared_data: Path, catalog_db: Path, tmp_path: Path) -> None:
    from headspec.cli._serve import catalog_is_empty, find_shared_data

    assert find_shared_data() == shared_data
    assert catalog_is_empty(tmp_path / "missing.db")
    assert not catalog_is_empty(catalog_db)


def test_build_if_empty_builds_then_serves(shared_data: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from headspec.cli import app

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: served.update(app=application, **kw))
    db = tmp_path / "built.sqlite3"
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--build-if-empty", "--port", "8123",
                                      "--data", str(shared_data)])
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8123/" in result.output
    assert served["port"] == 8123 and served["host"] == "127.0.0.1"
    client = TestClient(served["app"])
    assert client.get("/api/search").json()["total"] > 1000
