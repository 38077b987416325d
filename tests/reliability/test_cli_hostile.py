"""The CLI under hostile arguments and files: a one-line error and exit status 2, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headspec.cli import app
from headspec.cli._app import run_app


def cli(args: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    monkeypatch.setattr(sys, "argv", ["headspec", *args])
    try:
        code = run_app(app)
    except SystemExit as exc:  # Typer's standalone mode exits itself
        code = exc.code if isinstance(exc.code, int) else 1
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    binary = tmp_path / "bad.txt"
    binary.write_bytes(b"\xff\xfe\x00\x01 not text")
    csv = tmp_path / "bad.csv"
    csv.write_bytes(b'title,price\n"Koss Porta Pro",1\nx\ry,2\n')
    jsonl = tmp_path / "bad.jsonl"
    jsonl.write_bytes(b'{"title": "Koss Porta Pro", "price": ' + b"9" * 5000 + b"}\n[" + b"[" * 5000 + b"\n")
    return {"binary": binary, "csv": csv, "jsonl": jsonl, "dir": tmp_path}


HOSTILE = [
    ["show", "99999999999999999999999"], ["show", "²"], ["show", "<script>alert(1)</script>"],
    ["show", "' OR 1=1 --"], ["compare", "1", "99999999999999999999999"], ["similar", "-1"],
    ["search", "--impedance-max", "inf"], ["search", "--impedance-max", "nan"],
    ["search", "--price-max", "-1"],
    ["search", '"sony"*'], ["search", "NEAR("], ["amp", "--impedance", "nan", "--sensitivity", "100 dB/mW",
                                                   "--source", "typical phone"],
    ["amp", "--impedance", "32", "--sensitivity", "1e999 dB/mW", "--source", "nan Vrms"],
    ["amp", "--impedance", "-32", "--sensitivity", "100 dB/mW", "--source", "2 Vrms", "--target-spl", "inf"],
    ["recommend", "--budget", "nan"], ["verdict", "99999999999999999999999"],
]


@pytest.mark.parametrize("args", HOSTILE, ids=lambda a: " ".join(a)[:40])
def test_hostile_arguments_fail_cleanly(args: list[str], hostile_db: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HEADSPEC_DB", str(hostile_db))
    code, text = cli(args, monkeypatch, capsys)
    assert code in (0, 2), (code, text[-500:])
    assert "Traceback" not in text
    if code == 2:
        assert "error" in text.lower() or "usage" in text.lower(), text[-300:]


@pytest.mark.parametrize("make", [
    lambda f: ["parse", str(f["binary"])], lambda f: ["explain", str(f["binary"])],
    lambda f: ["fr", "score", str(f["binary"])], lambda f: ["fr", "score", str(f["dir"])],
    lambda f: ["ingest", "listings", str(f["csv"])], lambda f: ["ingest", "listings", str(f["binary"])],
    lambda f: ["ingest", "fr", str(f["binary"])], lambda f: ["parse", str(f["dir"] / "missing.txt")],
], ids=["parse-binary", "explain-binary", "fr-binary", "fr-dir", "ingest-bad-csv", "ingest-txt",
        "ingest-fr-file", "parse-missing"])
def test_hostile_files_fail_with_the_file_named(make: object, files: dict[str, Path], tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HEADSPEC_DB", str(tmp_path / "cli.sqlite3"))
    args = make(files)  # type: ignore[operator]
    code, text = cli(args, monkeypatch, capsys)
    assert code == 2, (code, text[-500:])
    assert "Traceback" not in text
    assert Path(args[-1]).name in text.replace("\n", ""), text


def test_a_hostile_jsonl_feed_ingests_with_rejections(files: dict[str, Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HEADSPEC_DB", str(tmp_path / "cli.sqlite3"))
    code, text = cli(["ingest", "listings", str(files["jsonl"])], monkeypatch, capsys)
    assert code == 0 and "Traceback" not in text


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(min_size=1, max_size=60).filter(lambda s: not s.startswith("-") and "\x00" not in s))
def test_any_model_name_is_found_or_not_found(text: str, hostile_db: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("HEADSPEC_DB", str(hostile_db))
    for command in ("show", "search"):
        code, out = cli([command, text], monkeypatch, capsys)
        assert code in (0, 2) and "Traceback" not in out, (command, text, out[-400:])
