"""`headspec fr ...` end to end, in a subprocess like a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HD650 = "oratory1990/over-ear/Sennheiser HD 650.csv"


def run(*args: str, cwd=None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "headspec", "fr", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def test_score_json_has_the_contract_fields(fr_root, expected_rows) -> None:
    files = [HD650, "Rtings/earbud/Apple EarPods.csv", "Harpo/in-ear/Aoshida E20.csv"]
    r = run("score", *files, "--json", cwd=fr_root)
    assert r.returncode == 0, r.stderr
    objs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [o["file"] for o in objs] == files
    for o in objs:
        assert {"file", "form", "model", "score", "std_db", "slope", "mean_abs_error_db", "target"} <= set(o)
        assert "Harman-style rigs" in o["caveat"]
    by_name = {(r["source"], r["name"]): float(r["autoeq_preference_score"]) for r in expected_rows}
    assert objs[0]["form"] == "over-ear" and objs[0]["model"] == "harman-over-ear-2018"
    assert objs[0]["mean_abs_error_db"] is None
    assert objs[1]["form"] == "earbud" and objs[1]["model"] == "harman-in-ear-2019"
    for o in objs:
        assert abs(o["score"] - by_name[(o["source"], o["name"])]) < 0.05


def test_score_needs_a_form_outside_autoeq_layout(fr_root) -> None:
    raw = str(fr_root / "raw/harpo/Aoshida E20 L.txt")
    r = run("score", raw)
    assert r.returncode == 2 and "Traceback" not in r.stderr and "--form" in r.stderr
    ok = run("score", raw, "--form", "in-ear", "--model", "patent", "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["model"] == "harman-in-ear-patent"


def test_bad_file_is_one_line_with_the_line_number(tmp_path) -> None:
    bad = tmp_path / "over-ear" / "bad.csv"
    bad.parent.mkdir()
    bad.write_text(
        "frequency,raw\n20,1\n10,2\n" + "\n".join(f"{100 * i},1" for i in range(1, 200)), encoding="utf-8"
    )
    r = run("score", str(bad))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "line 3" in r.stderr and "not above" in r.stderr


def test_unknown_form_is_a_usage_error(fr_root) -> None:
    r = run("score", HD650, "--form", "headband", cwd=fr_root)
    assert r.returncode == 2 and "unknown form" in r.stderr and "Traceback" not in r.stderr


def test_describe(fr_root) -> None:
    r = run("describe", HD650, "--json", cwd=fr_root)
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert [b["name"] for b in d["bands"]] == [
        "sub-bass",
        "bass",
        "low mids",
        "mids",
        "presence",
        "treble",
        "air",
    ]
    assert d["signature"] and d["summary"]


def test_plot_and_convert(fr_root, tmp_path) -> None:
    out = tmp_path / "hd650.png"
    r = run("plot", HD650, "-o", str(out), "--target", "harman-over-ear-2018", cwd=fr_root)
    assert r.returncode == 0, r.stderr
    assert out.read_bytes()[:4] == b"\x89PNG"
    csv_out = tmp_path / "fh5.csv"
    raw = fr_root / "raw/harpo"
    r = run(
        "convert",
        str(raw / "Fiio FH5 L.txt"),
        str(raw / "Fiio FH5 R.txt"),
        "-o",
        str(csv_out),
        "--phone-book",
        str(raw / "phone_book.json"),
    )
    assert r.returncode == 0, r.stderr
    assert csv_out.read_text(encoding="utf-8") == (fr_root / "Harpo/in-ear/Fiio FH5.csv").read_text(
        encoding="utf-8"
    )
    assert "channel imbalance" in r.stderr


@pytest.mark.parametrize("cmd", ["score", "describe", "plot", "convert"])
def test_every_command_has_help(cmd) -> None:
    r = run(cmd, "--help")
    assert r.returncode == 0 and "Usage" in r.stdout
