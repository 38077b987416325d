"""`headspec parse`: decode a spec text (file or stdin) or a JSONL batch of records."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from headspec.cli._app import app, fail, print_json, stderr, stdout
from headspec.errors import HeadspecError, InputTooLargeError, SpecParseError

if TYPE_CHECKING:
    from headspec.spec import Spec

# bytes read from one file before giving up (parse_spec refuses over 1,000,000 characters anyway)
_MAX_FILE_BYTES = 4_000_000


def _read_text(source: str) -> str:
    """Text of FILE or stdin ('-'), decoded as UTF-8, with errors naming the input."""
    name = "stdin" if source == "-" else source
    if source == "-":
        data = sys.stdin.buffer.read(_MAX_FILE_BYTES + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise SpecParseError(f"{name}: no such file", input=source,
                                 hint="give a text file or '-' for stdin")
        with path.open("rb") as fh:
            data = fh.read(_MAX_FILE_BYTES + 1)
    if len(data) > _MAX_FILE_BYTES:
        raise InputTooLargeError(f"{name}: more than {_MAX_FILE_BYTES:,} bytes", input=name,
                                 hint="pass one product's spec sheet or listing")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecParseError(f"{name}: not valid UTF-8 at byte {exc.start}", input=name,
                             hint="convert the file to UTF-8 (e.g. iconv -t UTF-8)") from None


def _show(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _print_table(spec: Spec) -> None:
    from rich.table import Table
    from rich.text import Text

    table = Table(title="parsed spec", show_lines=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    table.add_column("evidence", style="dim")
    for name in spec.filled_fields():
        ev = spec.evidence.get(name)
        shown = f"{ev.text!r} @{ev.start}-{ev.end}" if ev else ""
        table.add_row(Text(name), Text(_show(getattr(spec, name))), Text(shown))
    if not spec.filled_fields():
        table.add_row(Text("(nothing found)"), Text(""), Text(""))
    stdout.print(table)
    for w in spec.warnings:
        stdout.print(Text(f"warning [{w.code}] {w.field or ''}: {w.message}", style="yellow"))


def _run_jsonl(path: Path, country: str | None) -> int:
    import gc

    from headspec.parse import parse_spec

    # everything loaded so far (modules, compiled regexes, pydantic schemas) lives for the whole
    # run: freezing it spares every garbage collection during the batch from walking it (~4 %)
    gc.freeze()

    if not path.is_file():
        raise SpecParseError(f"{path}: no such file", input=str(path), hint="give a .jsonl file of records")
    failed = 0
    total = path.stat().st_size
    out = sys.stdout  # taken before the progress bar starts: JSON lines must reach stdout, not the bar
    progress = None
    if sys.stderr.isatty():
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        progress = Progress(TextColumn("parsing"), BarColumn(), TextColumn("{task.completed:,.0f} B"),
                            TimeRemainingColumn(), console=stderr, transient=True, redirect_stdout=False,
                            redirect_stderr=False)
        progress.start()
    task = progress.add_task("parse", total=total) if progress else None
    try:
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                if progress is not None and task is not None:
                    progress.advance(task, len(raw))
                if not raw.strip():
                    continue
                where = f"line {number}"
                try:
                    try:
                        record = json.loads(raw.decode("utf-8"))
                    except UnicodeDecodeError as exc:
                        raise SpecParseError(f"{where}: not valid UTF-8 at byte {exc.start}") from None
                    except json.JSONDecodeError as exc:
                        raise SpecParseError(f"{where}: not JSON ({exc.msg})") from None
                    if not isinstance(record, dict):
                        raise SpecParseError(f"{where}: a record must be a JSON object")
                    rid = record.get("id")
                    if rid is not None:
                        where = f"record {rid} ({where})"
                    text = record.get("raw_text")
                    if not isinstance(text, str):
                        raise SpecParseError(f"{where}: no 'raw_text' string field")
                    try:
                        spec = parse_spec(text, country=country or record.get("country"))
                    except HeadspecError as exc:
                        raise SpecParseError(f"{where}: {exc}") from None
                except HeadspecError as exc:
                    failed += 1
                    stderr.print(f"[red]error:[/] {_escape(str(exc))}")
                    continue
                row = {"id": rid, **spec.model_dump(mode="json")}
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
    finally:
        if progress is not None:
            progress.stop()
        out.flush()
    if failed:
        stderr.print(f"{failed} record(s) failed; the others were parsed")
    return failed


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@app.command("parse")
def parse_command(
    file: str | None = typer.Argument(None, help="Spec text file, or '-' to read stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print the Spec as JSON."),
    jsonl: Path | None = typer.Option(None, "--jsonl", help="Parse every record (with 'raw_text') of a JSONL "
                                      "file; write one Spec JSON per line, carrying the record's id."),
    country: str | None = typer.Option(None, "--country", help="ISO country code that decides what '$' is."),
) -> None:
    """Decode a headphone spec sheet or listing into typed, unit-normalized specs with evidence."""
    if jsonl is not None:
        if file is not None:
            raise fail("give either FILE or --jsonl, not both")
        failed = _run_jsonl(jsonl, country)
        if failed:
            raise typer.Exit(1)
        return
    if file is None:
        raise fail("no input: give a FILE, '-' for stdin, or --jsonl IN.jsonl",
                   hint="headspec parse spec.txt  |  echo 'Impedance: 32 ohm' | headspec parse -")
    from headspec.parse import parse_spec

    text = _read_text(file)
    try:
        spec = parse_spec(text, country=country)
    except HeadspecError as exc:
        name = "stdin" if file == "-" else file
        raise type(exc)(f"{name}: {exc.message}", input=exc.input, field=exc.field, hint=exc.hint) from None
    if as_json:
        print_json(spec.model_dump(mode="json"))
    else:
        _print_table(spec)
