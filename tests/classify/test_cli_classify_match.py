"""`headspec classify/match --jsonl`: one JSON object per good line; bad lines are named."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "headspec", *args], capture_output=True, text=True,
                          timeout=120)


def test_classify_labels_each_record_and_names_bad_lines(tmp_path: Path) -> None:
    feed = tmp_path / "titles.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": "a", "title": "Replacement Ear Pads for Sony WH-1000XM4 Headphones"}),
        "{not json",
        json.dumps({"id": 7, "title": "Гарнитура Sony WH-CH710N, 3.5 мм/Bluetooth, черный"}),
        json.dumps({"id": "c", "title": "", "raw_text": "Toshiba 10.2' Portable DVD Player\nheadphone jack"}),
        json.dumps({"id": "d"}),
        json.dumps(["a list"]),
        "",
    ]) + "\n", encoding="utf-8")
    result = run("classify", "--jsonl", str(feed))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], o["label"]) for o in out] == [
        ("a", "accessory"), (7, "headphone"), ("c", "not-headphone")]
    assert all(o["reason"] for o in out)
    assert "line 2" in result.stderr and "line 5" in result.stderr and "line 6" in result.stderr
    assert "Traceback" not in result.stderr


def test_match_writes_same_model_and_score(tmp_path: Path) -> None:
    feed = tmp_path / "pairs.jsonl"
    feed.write_text("\n".join([
        json.dumps({"id": 1, "a_title": "Sony WH-1000XM4, Black",
                    "b_title": "Sony WH1000XM4 (Renewed) Silver"}),
        json.dumps({"id": 2, "a_title": "Noise Airwave Max 3", "b_title": "Noise Airwave Max 4"}),
        json.dumps({"id": 3, "a_title": 5, "b_title": "x"}),
    ]) + "\n", encoding="utf-8")
    result = run("match", "--jsonl", str(feed))
    assert result.returncode == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(o["id"], o["same_model"]) for o in out] == [(1, True), (2, False)]
    assert all(0.0 <= o["score"] <= 1.0 for o in out)
    assert "line 3" in result.stderr and "a_title" in result.stderr


def test_clean_file_exits_zero_and_missing_file_is_a_message(tmp_path: Path) -> None:
    feed = tmp_path / "ok.jsonl"
    feed.write_text(json.dumps({"id": 1, "title": "JBL Tune 510BT"}) + "\n", encoding="utf-8")
    assert run("classify", "--jsonl", str(feed)).returncode == 0
    missing = run("match", "--jsonl", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "nope.jsonl" in missing.stderr and "Traceback" not in missing.stderr
