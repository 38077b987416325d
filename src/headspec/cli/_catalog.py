"""`headspec ingest listings|fr|specs`, `search`, `show`, `compare`: the catalog from the command line.

Every command takes `--db PATH` (default `$HEADSPEC_DB`, else the user data directory) and `--json`.
Untrusted text (titles, names) is escaped before rich renders it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from headspec.cli._app import app, print_json, stderr, stdout

ingest_app = typer.Typer(
    name="ingest", help="Load listings, spec tables or measurements into the catalog.", no_args_is_help=True
)
app.add_typer(ingest_app, name="ingest")

DB_HELP = "Catalog file (default: $HEADSPEC_DB, else catalog.sqlite3 in the user data directory)."


def _open(db: Path | None, *, read_only: bool = False) -> Any:
    from headspec.catalog import Catalog

    return Catalog(db, read_only=read_only)


def _esc(value: object) -> str:
    from rich.markup import escape

    return escape("" if value is None else str(value))


def _run_ingest(
    db: Path | None,
    as_json: bool,
    label: str,
    action: Callable[[Any, Callable[[int, int], None] | None], Any],
) -> None:
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    with _open(db) as catalog:
        if as_json:
            summary = action(catalog, None)
        else:
            with Progress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                TaskProgressColumn(),
                TimeRemainingColumn(),
                console=stderr,
                transient=True,
            ) as progress:
                task = progress.add_task(label, total=None)
                summary = action(
                    catalog, lambda done, total: progress.update(task, completed=done, total=total)
                )
    if as_json:
        print_json(summary.model_dump())
        return
    _print_summary(summary, catalog.path)


def _print_summary(summary: Any, path: Path) -> None:
    from rich.table import Table

    if summary.already_ingested:
        stdout.print(f"{_esc(summary.path)} was ingested before: nothing added ({summary.read} records).")
        return
    table = Table(title=f"ingest {summary.kind}: {_esc(summary.path)}", show_header=False)
    for name in ("read", "added", "merged", "rejected", "unchanged"):
        table.add_row(name, str(getattr(summary, name)))
    for reason, n in sorted(summary.rejected_reasons.items(), key=lambda kv: -kv[1]):
        table.add_row(f"  rejected: {_esc(reason)}", str(n))
    table.add_row("seconds", f"{summary.seconds:.1f}")
    stdout.print(table)
    for error in summary.errors[:10]:
        stderr.print(f"[yellow]skipped[/] {_esc(error)}")
    stdout.print(f"[dim]catalog: {_esc(path)}[/]")


@ingest_app.command("listings")
def ingest_listings_cmd(
    file: Path = typer.Argument(..., help="A .jsonl or .csv feed: records with title or raw_text."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Classify listings, merge them into models and variants, keep raw text verbatim."""
    _run_ingest(db, as_json, "listings", lambda c, p: c.ingest_listings(file, progress=p))


@ingest_app.command("specs")
def ingest_specs_cmd(
    file: Path = typer.Argument(..., help="A spec table CSV with brand and model columns."),
    form: str | None = typer.Option(None, "--form", help="Form of every row (default: from the file name)."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Load a structured spec table; its values outweigh values parsed from listing text."""
    _run_ingest(db, as_json, "spec rows", lambda c, p: c.ingest_specs(file, form=form, progress=p))


@ingest_app.command("fr")
def ingest_fr_cmd(
    folder: Path = typer.Argument(
        ..., help="AutoEq layout <source>/<form>/<Name>.csv, or raw channel files beside a phone_book.json."
    ),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Load measurements, score them, and link each to its model by normalized name."""
    _run_ingest(db, as_json, "measurements", lambda c, p: c.ingest_fr(folder, progress=p))


def _tri(yes: bool, no: bool, name: str) -> bool | None:
    from headspec.cli._app import fail

    if yes and no:
        raise fail(f"--{name} and --no-{name} contradict each other", hint="give one of them")
    return True if yes else False if no else None


@app.command("search")
def search_cmd(
    text: str | None = typer.Argument(None, help="Free text: brand, model, words of a title."),
    form: str | None = typer.Option(
        None, "--form", help="over-ear | on-ear | in-ear | earbud | bone-conduction"
    ),
    back: str | None = typer.Option(None, "--back", help="open | closed | semi-open"),
    wireless: bool = typer.Option(False, "--wireless", help="Only wireless models."),
    wired: bool = typer.Option(False, "--wired", help="Only wired models."),
    anc: bool = typer.Option(False, "--anc", help="Only models with active noise cancelling."),
    driver: str | None = typer.Option(None, "--driver", help="dynamic | planar | balanced_armature | ..."),
    impedance_max: float | None = typer.Option(None, "--impedance-max", help="Ohms."),
    sensitivity_min: float | None = typer.Option(None, "--sensitivity-min", help="dB SPL/mW."),
    price_max: float | None = typer.Option(None, "--price-max", help="Lowest listing price, in --currency."),
    currency: str = typer.Option("USD", "--currency", help="Currency of --price-max and shown prices."),
    drivable_by: str | None = typer.Option(
        None, "--drivable-by", help="A source (phone, dongle, amp) that must reach 110 dB."
    ),
    measured: bool = typer.Option(False, "--measured", help="Only models with a measurement."),
    sort: str | None = typer.Option(None, "--sort", help="relevance | name | price | score"),
    limit: int = typer.Option(20, "--limit", help="Models per page (1-500)."),
    offset: int = typer.Option(0, "--offset", help="Skip this many models."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Search models with free text and filters; shows facet counts for each filter."""
    from rich.table import Table

    with _open(db, read_only=True) as catalog:
        result = catalog.search(
            text,
            form=form,
            back=back,
            wireless=_tri(wireless, wired, "wireless"),
            anc=True if anc else None,
            driver=driver,
            impedance_max=impedance_max,
            sensitivity_min=sensitivity_min,
            price_max=price_max,
            currency=currency,
            drivable_by=drivable_by,
            measured=True if measured else None,
            sort=sort,
            limit=limit,
            offset=offset,
        )
    if as_json:
        print_json(result.model_dump())
        return
    table = Table(
        title=f"{result.total} models (showing {result.offset + 1 if result.items else 0}"
        f"-{result.offset + len(result.items)})"
    )
    for column in ("id", "model", "form", "back", "driver", "Ω", "dB/mW", "price", "score"):
        table.add_column(
            column, justify="right" if column in ("id", "Ω", "dB/mW", "price", "score") else "left"
        )
    for item in result.items:
        table.add_row(
            str(item.id),
            _esc(item.name),
            _esc(item.form or ""),
            _esc(item.back or ""),
            _esc(item.driver_type or ""),
            _num(item.impedance_ohm),
            _num(item.sensitivity_db_per_mw),
            f"{item.price_min:.2f} {item.currency}" if item.price_min is not None else "",
            _num(item.score),
        )
    stdout.print(table)
    for facet, counts in result.facets.items():
        if counts:
            shown = ", ".join(f"{_esc(k)} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1]))
            stdout.print(f"[bold]{facet}[/]: {shown}")


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@app.command("show")
def show_cmd(
    model: str = typer.Argument(..., help="Model id or name."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the model as JSON."),
) -> None:
    """One model: specs with the listing each came from, variants with prices, measurements with scores."""
    from rich.table import Table

    with _open(db, read_only=True) as catalog:
        detail = catalog.model(model)
    if as_json:
        print_json(detail.model_dump())
        return
    flags = f" [yellow]({_esc(', '.join(detail.flags))})[/]" if detail.flags else ""
    stdout.print(
        f"[bold]{_esc(detail.name)}[/]{flags}  [dim]id {detail.id}, key {_esc(detail.model_key)}, "
        f"{detail.n_listings} listings[/]"
    )
    specs = Table(title="specs")
    for column in ("field", "value", "from", "conflicts"):
        specs.add_column(column)
    for s in detail.specs:
        where = f"listing {s.listing_id}" if s.listing_id is not None else s.origin
        conflicts = "; ".join(f"{c['value']} (listing {c['listing_id']})" for c in s.conflicts[:3])
        specs.add_row(s.field, _esc(s.value), _esc(f"{where} ({s.origin})"), _esc(conflicts))
    stdout.print(specs)
    if detail.variants:
        variants = Table(title="variants")
        for column in ("colour", "bundle", "condition", "pack", "region", "listings", "prices"):
            variants.add_column(column)
        for v in detail.variants:
            prices = ", ".join(
                f"{p['min']:g}-{p['max']:g} {p['currency']}"
                if p["min"] != p["max"]
                else f"{p['min']:g} {p['currency']}"
                for p in v.prices
            )
            variants.add_row(
                _esc(v.colour or ""),
                _esc(v.bundle or ""),
                _esc(v.condition or ""),
                str(v.pack or ""),
                _esc(v.region or ""),
                str(v.n_listings),
                _esc(prices),
            )
        stdout.print(variants)
    if detail.measurements:
        ms = Table(title="measurements")
        for column in ("id", "name", "source / rig", "form", "score", "model"):
            ms.add_column(column)
        for m in detail.measurements:
            ms.add_row(
                str(m.id),
                _esc(m.name),
                _esc(m.rig or m.source or ""),
                _esc(m.form or ""),
                _num(m.score),
                _esc(m.score_model or ""),
            )
        stdout.print(ms)
        stdout.print(
            "[dim]Predicted preference holds for Harman-style rigs and targets; it ignores distortion, "
            "ringing and fit, and differences above about 90 mean little.[/]"
        )
    for w in detail.plausibility[:10]:
        stdout.print(f"[yellow]implausible[/] listing {w['listing_id']}: {_esc(w.get('message'))}")


@app.command("compare")
def compare_cmd(
    models: list[str] = typer.Argument(..., help="2 to 8 model ids or names."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="Print the comparison as JSON."),
) -> None:
    """Models side by side; rows where they differ are highlighted."""
    from rich.table import Table

    with _open(db, read_only=True) as catalog:
        result = catalog.compare(list(models))
    if as_json:
        print_json(result.model_dump())
        return
    table = Table(title="comparison (differences in yellow)")
    table.add_column("")
    for m in result.models:
        table.add_column(_esc(m.name))
    for row in result.rows:
        cells = ["" if v is None else _esc(v) for v in row.values]
        if row.differs:
            cells = [f"[yellow]{c}[/]" for c in cells]
        table.add_row(("[bold]" + row.field + "[/]") if row.differs else row.field, *cells)
    stdout.print(table)


# ---- classify / match commands (owned by the classify helper): keep below this line ----


def _jsonl_records(file: Path, kind: str) -> Any:
    """Yield (line number, record or error message) for each non-blank line of a JSON Lines file."""
    import json

    from headspec.cli._app import fail

    try:
        handle = file.open(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise fail(f"cannot read {file}: {exc.strerror or exc}",
                   hint=f"give a JSON Lines file of {kind} records") from None
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, f"not JSON ({exc.msg} at column {exc.colno})"
                continue
            if not isinstance(record, dict):
                yield number, f"expected a JSON object, got {type(record).__name__}"
                continue
            yield number, record


def _text_field(record: dict[str, Any], name: str, *, required: bool) -> str | None:
    value = record.get(name)
    if value is None:
        if required:
            raise ValueError(f"missing {name!r}")
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name!r} must be a string, got {type(value).__name__}")
    return value


def _run_jsonl(file: Path, kind: str, handle_record: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    import json
    import sys

    from rich.markup import escape

    bad = 0
    out = sys.stdout
    for number, record in _jsonl_records(file, kind):
        if isinstance(record, str):
            problem = record
        else:
            try:
                out.write(json.dumps(handle_record(record), ensure_ascii=False) + "\n")
                continue
            except ValueError as exc:
                problem = str(exc)
        bad += 1
        stderr.print(f"[bold red]error:[/] {escape(str(file))}, line {number}: {escape(problem)}")
    out.flush()
    if bad:
        stderr.print(f"[dim]hint: {bad} line(s) skipped; each line must be a JSON object with {kind}[/]")
        raise typer.Exit(1)


@app.command("classify")
def classify_cmd(
    jsonl: Path = typer.Option(..., "--jsonl", help="JSON Lines: {id, title, raw_text?} per line."),
) -> None:
    """Label each listing headphone, accessory or not-headphone; one JSON object per line on stdout."""
    from headspec.classify import classify

    def one(record: dict[str, Any]) -> dict[str, Any]:
        title = _text_field(record, "title", required=False)
        raw = _text_field(record, "raw_text", required=False)
        if not (title or raw):
            raise ValueError("needs a non-empty 'title' or 'raw_text'")
        result = classify(title or "", raw)
        return {"id": record.get("id"), "label": result.label, "reason": result.reason}

    _run_jsonl(jsonl, "'title' (and optional 'raw_text', 'id')", one)


@app.command("match")
def match_cmd(
    jsonl: Path = typer.Option(..., "--jsonl", help="JSON Lines: {id, a_title, b_title} per line."),
) -> None:
    """Decide for each pair of titles whether they name the same model; one JSON object per line."""
    from headspec.identity import same_model

    def one(record: dict[str, Any]) -> dict[str, Any]:
        a = _text_field(record, "a_title", required=True)
        b = _text_field(record, "b_title", required=True)
        if not (a or "").strip() or not (b or "").strip():
            raise ValueError("'a_title' and 'b_title' must be non-empty")
        same, score = same_model(a or "", b or "")
        return {"id": record.get("id"), "same_model": same, "score": score}

    _run_jsonl(jsonl, "'a_title' and 'b_title' (and optional 'id')", one)
