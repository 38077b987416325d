"""`headspec explain FILE|-`: explain a spec sheet to its buyer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from headspec.cli._app import app, fail, print_result, stdout
from headspec.errors import HeadspecError

MAX_SPEC_BYTES = 1_000_000
_STYLE = {"good": "green", "info": "cyan", "caution": "yellow", "warning": "bold red"}


def read_spec_text(file: str) -> str:
    """Spec text from a path or '-' (stdin); refuses binary, empty and oversized input."""
    from headspec.errors import InputTooLargeError, SpecParseError

    if file == "-":
        data = sys.stdin.buffer.read(MAX_SPEC_BYTES + 1)
        where = "standard input"
    else:
        path = Path(file)
        if not path.is_file():
            raise SpecParseError(f"no such file: {file}", input=file, field="file",
                                 hint="give a text file with the spec sheet, or '-' to read standard input")
        with path.open("rb") as fh:
            data = fh.read(MAX_SPEC_BYTES + 1)
        where = file
    if len(data) > MAX_SPEC_BYTES:
        raise InputTooLargeError(f"{where} is over {MAX_SPEC_BYTES // 1000} kB", input=where, field="file",
                                 hint="give one spec sheet, not a catalogue")
    if b"\x00" in data:
        raise SpecParseError(f"{where} is binary, not text", input=where, field="file",
                             hint="save the spec sheet as plain text")
    text = data.decode("utf-8", errors="replace")
    if not text.strip():
        raise SpecParseError(f"{where} is empty", input=where, field="file",
                             hint="paste the spec sheet text into the file")
    return text


@app.command("explain")
def explain_cmd(
    file: str = typer.Argument(..., help="Spec-sheet text file, or '-' for standard input."),
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Explain every spec of a headphone in plain words, and what it needs to be driven."""
    from headspec.explain import explain

    try:
        from headspec.parse import parse_spec
    except ImportError:  # pragma: no cover - the parser ships in the same package
        raise fail("the spec parser is not available in this build") from None
    try:
        spec = parse_spec(read_spec_text(file))
        report = explain(spec)
    except HeadspecError as exc:
        raise fail(exc.message, exc.hint) from None
    print_result(report, as_json, render_report)


def render_report(report: Any) -> None:
    """Rich rendering of a Report: summary, then one row per finding (all text escaped)."""
    from rich.markup import escape
    from rich.table import Table

    title = escape(report.headphone) if report.headphone else "Headphone"
    stdout.print(f"[bold]{title}[/]")
    stdout.print(escape(report.summary))
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("Spec", ratio=2, min_width=11, overflow="fold")
    table.add_column("Value", ratio=3, min_width=10)
    table.add_column("", no_wrap=True, width=7)
    table.add_column("What it means", ratio=9, min_width=24)
    for f in report.findings:
        text = f"[bold]{escape(f.verdict)}[/]\n{escape(f.explanation)}"
        if f.guide_note:
            text += f"\n[magenta]Guide correction:[/] {escape(f.guide_note)}"
        table.add_row(escape(f.label), escape(f.value), f"[{_STYLE[f.severity]}]{f.severity}[/]", text)
    stdout.print(table)
