"""`headspec verdict`, `recommend`, `similar` on the real catalog: output, JSON, and clean errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from headspec.catalog import Catalog
from headspec.cli import app

runner = CliRunner()


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_verdict_json_for_a_catalog_model(catalog: Catalog) -> None:
    code, out, _ = run("verdict", "Apple EarPods", "--use", "commute", "--json", "--db", str(catalog.path))
    assert code == 0
    v = json.loads(out)
    assert v["agreement"] == "disagree" and len(v["measurements"]) == 3
    assert all(c["evidence"] for c in v["claims"])


def test_verdict_from_a_spec_file_on_stdin(catalog: Catalog) -> None:
    text = "AKG K712\nType: Open-back, over-ear\nImpedance: 62 Ohms\nSensitivity: 105 dB SPL/V\n"
    code, out, _ = run("verdict", "--spec", "-", "--source", "typical phone", "--db", str(catalog.path),
                       stdin=text)
    assert code == 0
    assert "fine on paper, but needs an amp; sound unmeasured" in out and "1.78 Vrms" in out
    assert "What would settle it" in out


def test_recommend_and_similar_print_tables(catalog: Catalog) -> None:
    code, out, _ = run("recommend", "--form", "in-ear", "--preference", "more-bass", "--top", "3",
                       "--db", str(catalog.path))
    assert code == 0 and "meet every hard need" in out and "+5 dB" in out
    code, out, _ = run("similar", "Apple EarPods", "--top", "3", "--json", "--db", str(catalog.path))
    items = json.loads(out)["items"]
    assert code == 0 and items[0]["same_model"] and items[1]["same_model"]


def test_nothing_fits_prints_what_to_relax(catalog: Catalog) -> None:
    code, out, _ = run("recommend", "--wired", "--form", "over-ear", "--budget", "30 USD", "--source",
                       "typical phone", "--db", str(catalog.path))
    assert code == 0 and "Relaxing one need would bring" in out and "without 'wired only'" in out


@pytest.mark.parametrize(("args", "message"), [
    (("verdict",), "give a catalog MODEL or --spec FILE"),
    (("verdict", "zzqx nothing"), "no model named"),
    (("verdict", "Apple EarPods", "--use", "jogging"), "unknown use 'jogging'"),
    (("verdict", "Apple EarPods", "--source", "a potato"), ""),
    (("recommend", "--budget", "cheap"), "cannot read budget 'cheap'"),
    (("recommend", "--form", "headband"), "unknown form factor 'headband'"),
    (("recommend", "--preference", "loud"), "preference"),
    (("similar", "Apple EarPods", "--cheaper"), "no price"),
    (("similar", "Apple EarPods", "--top", "0"), "top must be at least 1"),
])
def test_bad_input_is_one_line_and_exit_2(catalog: Catalog, args: tuple[str, ...], message: str) -> None:
    code, out, err = run(*args, "--db", str(catalog.path))
    assert code == 2, (out, err)
    assert "error:" in err and message in err and "Traceback" not in err + out


def test_missing_catalog_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("similar", "Apple EarPods", "--db", str(tmp_path / "none.sqlite3"))
    assert code == 2 and "no catalog at" in err and "headspec ingest" in err


def test_untrusted_names_are_escaped(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from rich.console import Console

    from headspec.cli import _verdict
    from headspec.verdict import Evidence, assemble

    buf = io.StringIO()
    monkeypatch.setattr(_verdict, "stdout", Console(file=buf, width=200, color_system=None))
    _verdict.render_verdict(assemble(Evidence(subject="[bold red]Evil[/] Phones")))
    assert "[bold red]Evil[/] Phones: not enough evidence" in buf.getvalue()
