"""`headspec parse`: table, JSON, JSONL batches, and bad input as clear errors (never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "headspec", "parse", *args], input=stdin,
                          capture_output=True, timeout=120)


def test_table_shows_value_and_evidence(tmp_path: Path) -> None:
    path = tmp_path / "spec.txt"
    path.write_text("Sennheiser HD 600\nImpedance: 300 Ω\nSensitivity: 97 dB SPL/mW [bold red]x[/]\n",
                    encoding="utf-8")
    result = run(str(path))
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "impedance_ohm" in out and "'300 Ω'" in out
    assert "sensitivity_db_per_v" in out and "102.2" in out
    assert "Sennheiser" in out


def test_markup_in_the_input_is_shown_literally(tmp_path: Path) -> None:
    path = tmp_path / "spec.txt"
    path.write_text("Model: [bold red]X1[/]\nImpedance: 32 ohm", encoding="utf-8")
    result = run(str(path))
    assert "[bold red]X1[/]" in result.stdout.decode()


def test_stdin_json_carries_evidence() -> None:
    result = run("-", "--json", stdin=b"Frequency response: 20Hz~20,000Hz")
    assert result.returncode == 0, result.stderr.decode()
    doc = json.loads(result.stdout)
    assert (doc["freq_low_hz"], doc["freq_high_hz"]) == (20.0, 20000.0)
    assert doc["evidence"]["freq_high_hz"] == {"text": "20Hz~20,000Hz", "start": 20, "end": 33}


def test_bad_inputs_are_clear_errors(tmp_path: Path) -> None:
    bad_utf8 = tmp_path / "latin1.txt"
    bad_utf8.write_bytes("Impédance: 32 Ω".encode("latin-1", errors="replace"))
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"Impedance: 32 ohm\n" * 600_000)  # ~10.8 MB
    cases = [
        (run("-", stdin=b"   \n"), "empty"),
        (run(str(bad_utf8)), "not valid UTF-8"),
        (run(str(binary)), "binary"),
        (run(str(huge)), "more than"),
        (run(str(tmp_path / "missing.txt")), "no such file"),
        (run(), "no input"),
    ]
    for result, words in cases:
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert words in err and "Traceback" not in err


def test_jsonl_batch_keeps_going_past_bad_records(tmp_path: Path, shared_data: Path) -> None:
    real = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()[:30]
    lines = [*real[:10], "this is not json", json.dumps({"id": "NO-TEXT", "title": "x"}),
             json.dumps({"id": "EMPTY", "raw_text": ""}), *real[10:30]]
    path = tmp_path / "in.jsonl"
    path.write_bytes(("\n".join(lines) + "\n").encode() + b'{"id": "BAD-UTF8", "raw_text": "\xff"}\n')
    result = run("--jsonl", str(path))
    err = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in err
    assert "line 11: not JSON" in err and "record NO-TEXT (line 12)" in err
    assert "record EMPTY (line 13)" in err
    assert "line 34: not valid UTF-8" in err
    rows = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == [json.loads(x)["id"] for x in real]
    assert all("evidence" in r and "warnings" in r for r in rows)


def test_progress_bar_on_a_terminal_keeps_json_on_stdout(tmp_path: Path, shared_data: Path) -> None:
    import shutil

    import pytest

    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' is needed to give the CLI a terminal")
    lines = (shared_data / "specs" / "listings.jsonl").read_text(encoding="utf-8").splitlines()[:200]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    log = tmp_path / "tty.log"
    cmd = f"{sys.executable} -m headspec parse --jsonl {src} > {out}"
    subprocess.run(["script", "-qec", cmd, str(log)], capture_output=True, timeout=120, check=True)
    rows = out.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 200 and all(json.loads(r)["id"] for r in rows)
    assert "parsing" in log.read_text(encoding="utf-8", errors="replace")  # the bar went to the terminal
