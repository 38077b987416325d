"""The catalog commands end to end: JSON output, tables, and errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "headspec", *args], capture_output=True, text=True, timeout=120
    )


def test_search_show_compare_json(built) -> None:
    db = str(built.path)
    out = json.loads(run("search", "hd600", "--db", db, "--json").stdout)
    assert out["total"] >= 1 and "facets" in out and out["items"][0]["name"].lower().endswith("hd600")
    shown = json.loads(run("show", "sennheiser hd600", "--db", db, "--json").stdout)
    assert any(s["field"] == "impedance_ohm" and s["listing_id"] for s in shown["specs"])
    compared = json.loads(
        run("compare", "sennheiser hd600", "sennheiser hd560s", "--db", db, "--json").stdout
    )
    assert len(compared["models"]) == 2 and any(r["differs"] for r in compared["rows"])


def test_search_table_escapes_and_lists_facets(built) -> None:
    result = run("search", "--form", "over-ear", "--back", "open", "--db", str(built.path), "--limit", "3")
    assert result.returncode == 0 and "models" in result.stdout and "back:" in result.stdout


def test_ingest_json_summary_then_idempotent(tmp_path: Path, shared_data: Path) -> None:
    db = str(tmp_path / "c.db")
    csv_path = str(shared_data / "specs" / "sound_library_over_ear_official.csv")
    first = json.loads(run("ingest", "specs", csv_path, "--db", db, "--json").stdout)
    assert first["read"] == 356 and first["added"] > 300
    second = run("ingest", "specs", csv_path, "--db", db)
    assert second.returncode == 0 and "nothing added" in second.stdout


def test_errors_are_one_line_with_exit_2(tmp_path: Path, built) -> None:
    for args in (
        ("show", "zzqx no such model", "--db", str(built.path)),
        ("search", "--form", "sideways", "--db", str(built.path)),
        ("ingest", "listings", str(tmp_path / "missing.jsonl"), "--db", str(tmp_path / "c.db")),
        ("search", "--wireless", "--wired", "--db", str(built.path)),
    ):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr and "error" in result.stderr.lower()


def test_search_on_a_missing_catalog_says_ingest_first(tmp_path: Path) -> None:
    result = run("search", "sony", "--db", str(tmp_path / "none.sqlite3"))
    assert result.returncode == 2 and "ingest" in result.stderr
    assert not (tmp_path / "none.sqlite3").exists()
