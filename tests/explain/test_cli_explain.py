"""`headspec explain FILE|-` and `headspec amp --spec FILE`, with the guide's own K712 worked example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headspec.cli import app
from headspec.explain import explain
from headspec.parse import parse_spec

runner = CliRunner()


@pytest.fixture(scope="module")
def k712_text(shared_data: Path) -> str:
    """The worked example exactly as the seed guide prints it, with the model name it belongs to."""
    guide_path = shared_data.parent / "seed" / "guide-understanding-headphone-specs.txt"
    guide = guide_path.read_text(encoding="utf-8")
    lines = guide.splitlines()
    start = next(i for i, line in enumerate(lines) if "Driver Size: Not given" in line)
    block = lines[start:start + 6]
    assert block[-1].strip().startswith("• THD")
    return "AKG K712\n" + "\n".join(block) + "\n"


def test_k712_from_the_guide_text(k712_text: str) -> None:
    spec = parse_spec(k712_text)
    report = explain(spec)
    assert spec.impedance_ohm == 62 and spec.sensitivity_basis == "V" and spec.sensitivity_db == 105
    assert spec.back == "open" and spec.form_factor == "over-ear"
    back = report.by_field("back")
    assert back is not None and "isolates almost nothing" in back.verdict
    assert "good isolation" in (back.guide_note or "")
    assert report.drive is not None and report.drive.required_vrms == pytest.approx(1.778, abs=1e-3)
    assert "Open-back over-ear for quiet rooms" in report.summary
    assert "more than a phone gives" in report.summary
    freq = report.by_field("freq_range")
    assert freq is not None and freq.value == "10 Hz – 39.8 kHz" and "17.4" in (freq.guide_note or "")


def test_explain_cli_json(tmp_path: Path, k712_text: str) -> None:
    path = tmp_path / "k712.txt"
    path.write_text(k712_text, encoding="utf-8")
    result = runner.invoke(app, ["explain", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["headphone"] == "AKG K712"
    assert {f["field"] for f in data["findings"]} >= {"back", "impedance_ohm", "sensitivity_db", "freq_range",
                                                       "drive", "form_factor"}
    assert data["drive"]["required_vrms"] == pytest.approx(1.778, abs=1e-3)


def test_explain_cli_rich_from_stdin(k712_text: str) -> None:
    result = runner.invoke(app, ["explain", "-"], input=k712_text)
    assert result.exit_code == 0, result.output
    assert "Guide correction" in result.stdout and "isolates almost nothing" in result.stdout


def test_explain_escapes_markup_in_untrusted_text() -> None:
    result = runner.invoke(app, ["explain", "-"], input="[bold red]Evil[/] Phones X1\nImpedance: 32 ohm\n")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(("args", "stdin", "needle"), [
    (["explain", "/no/such/spec.txt"], None, "no such file"),
    (["explain", "-"], "   \n", "empty"),
    (["explain", "-"], "abc\x00def", "binary"),
])
def test_explain_bad_input_exits_2(args: list[str], stdin: str | None, needle: str) -> None:
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr and "Traceback" not in result.output


def test_amp_with_spec_file_and_named_source(tmp_path: Path, k712_text: str) -> None:
    path = tmp_path / "k712.txt"
    path.write_text(k712_text, encoding="utf-8")
    result = runner.invoke(app, ["amp", "--spec", str(path), "--source", "MacBook Pro 2021", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # 62 Ω < 150 Ω gets 1.25 V: 105 + 20·log10(1.25) = 106.9 dB, 3.1 dB short → marginal
    assert data["max_spl_db"] == pytest.approx(105 + 20 * 0.09691, abs=0.01)
    assert data["verdict"] == "marginal"


def test_amp_spec_file_missing_sensitivity_is_named(tmp_path: Path) -> None:
    path = tmp_path / "nosens.txt"
    path.write_text("Acme H1\nImpedance: 32 ohm\n", encoding="utf-8")
    result = runner.invoke(app, ["amp", "--spec", str(path), "--source", "typical phone"])
    assert result.exit_code == 2
    assert "sensitivity is missing" in result.stderr
