"""`headspec amp` and `headspec sources` at the command line: output, JSON, and errors without tracebacks."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from headspec.cli import app

runner = CliRunner()


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args))


def test_amp_json_has_the_contract_fields() -> None:
    result = run("amp", "--impedance", "300", "--sensitivity", "97 dB/mW", "--source", "1 Vrms, 0.3 ohm",
                 "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    for key in ("max_spl_db", "required_vrms", "required_mw", "required_ma", "headroom_db", "limiting",
                "verdict", "damping_factor", "level_loss_db", "notes"):
        assert key in data
    assert data["verdict"] == "needs-amp"
    assert data["required_vrms"] == pytest.approx(2.4466, abs=1e-3)
    assert data["limiting"] == "voltage"


def test_amp_human_output() -> None:
    result = run("amp", "--impedance", "16", "--sensitivity", "110 dB/mW", "--source", "1 Vrms, 10 ohm")
    assert result.exit_code == 0
    assert "enough" in result.stdout and "1/8" in result.stdout


def test_amp_target_spl_and_named_source() -> None:
    result = run("amp", "--impedance", "300", "--sensitivity", "97 dB/mW", "--source", "Magni 2",
                 "--target-spl", "115", "--json")
    data = json.loads(result.stdout)
    assert data["target_spl_db"] == 115 and data["verdict"] == "enough"
    assert data["source"] == "Schiit Magni 2"


def test_all_sources_sorted_by_headroom() -> None:
    result = run("amp", "--impedance", "50", "--sensitivity", "83.5 dB/mW", "--all-sources", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert len(rows) >= 30
    heads = [r["headroom_db"] for r in rows]
    assert heads == sorted(heads, reverse=True)
    by_name = {r["source"]: r["verdict"] for r in rows}
    assert by_name["typical phone"] == "needs-amp"


def test_all_sources_table_renders() -> None:
    result = run("amp", "--impedance", "32", "--sensitivity", "100 dB/mW", "--all-sources")
    assert result.exit_code == 0 and "headroom" in result.stdout


def test_impedance_curve_option(tmp_path) -> None:
    curve = tmp_path / "ba.csv"
    curve.write_text("frequency,ohms\n20,8\n1000,16\n3000,40\n20000,8\n", encoding="utf-8")
    result = run("amp", "--impedance", "16", "--sensitivity", "110 dB/mW", "--source", "1 Vrms, 10 ohm",
                 "--impedance-curve", str(curve), "--json")
    data = json.loads(result.stdout)
    assert data["response_deviation"]["range_db"] == pytest.approx(5.105, abs=0.01)


def test_sources_lists_devices() -> None:
    result = run("sources", "--json")
    assert result.exit_code == 0
    names = [s["name"] for s in json.loads(result.stdout)]
    assert "typical phone" in names and any("A2049" in n for n in names)
    table = run("sources")
    assert table.exit_code == 0 and "Magni" in table.stdout


@pytest.mark.parametrize(("args", "needle"), [
    (["--impedance", "-5", "--sensitivity", "97 dB/mW", "--source", "typical phone"], "impedance must be"),
    (["--impedance", "abc", "--sensitivity", "97 dB/mW", "--source", "typical phone"], "not a number"),
    (["--impedance", "32", "--sensitivity", "abc dB", "--source", "typical phone"], "'abc dB'"),
    (["--impedance", "32", "--sensitivity", "97 dB/mW", "--source", "1 ohm"], "no output figure"),
    (["--impedance", "32", "--sensitivity", "97 dB/mW", "--source", "Mojjo"], "unknown source"),
    (["--impedance", "32", "--sensitivity", "97 dB/mW"], "no source given"),
    (["--sensitivity", "97 dB/mW", "--source", "typical phone"], "impedance is missing"),
    (["--impedance", "32", "--source", "typical phone"], "sensitivity is missing"),
    (["--impedance", "32", "--sensitivity", "97 dB/mW", "--source", "x", "--target-spl", "loud"],
     "target SPL"),
    (["--impedance", "32", "--sensitivity", "97 dB/mW", "--source", "typical phone", "--impedance-curve",
      "/no/such/file.csv"], "cannot read impedance curve"),
])
def test_bad_input_exits_2_with_a_named_message(args: list[str], needle: str) -> None:
    result = run("amp", *args)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr
    assert "hint" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_loading_the_cli_imports_no_heavy_module() -> None:
    """`headspec --help` and every command's start-up load only Typer/rich: the libraries behind the
    commands (pydantic, numpy, the catalog, the web app, plotting) load inside the commands that use them."""
    import subprocess
    import sys

    heavy = ("pydantic", "numpy", "scipy", "matplotlib", "fastapi", "sqlite3", "headspec.sources",
             "headspec.amp", "headspec.spec", "headspec.catalog", "headspec.fr", "headspec.parse")
    code = ("import sys, headspec.cli\n"
            f"heavy = {heavy!r}\n"
            "print(sorted(m for m in sys.modules if any(m == h or m.startswith(h + '.') for h in heavy)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
