"""`headspec verdict`, `recommend`, `similar`: is it good, what should I buy, what sounds like it.

Model commands read the catalog (`--db PATH`, default `$HEADSPEC_DB` or the user data directory).
Untrusted text (model names, listing snippets) is escaped before rich renders it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from headspec.cli._app import app, fail, print_result, stdout
from headspec.errors import HeadspecError

DB_HELP = "Catalog file (default: $HEADSPEC_DB, else catalog.sqlite3 in the user data directory)."
_RATING_STYLE = {"strong-buy": "bold green", "buy": "green", "decent": "yellow", "on-paper": "cyan",
                 "needs-amp": "yellow", "weak": "red", "poor-fit": "red", "avoid": "bold red",
                 "not-enough-evidence": "dim"}
_STANCE = {"pro": "[green]+[/]", "con": "[red]−[/]", "neutral": "[dim]·[/]"}


def _esc(value: object) -> str:
    from rich.markup import escape

    return escape("" if value is None else str(value))


def _catalog(db: Path | None) -> Any:
    from headspec.catalog import Catalog, default_path

    path = Path(db).expanduser() if db is not None else default_path()
    if not path.is_file():
        raise fail(f"no catalog at {path}", "build one with `headspec ingest listings|fr|specs ...` "
                                            "or pass --db PATH")
    return Catalog(path, read_only=True)


@app.command("verdict")
def verdict_cmd(
    model: str | None = typer.Argument(None, help="Catalog model name or id."),
    spec_file: str | None = typer.Option(None, "--spec",
                                         help="Judge a spec-sheet text file ('-' = stdin)."),
    source: str | None = typer.Option(None, "--source",
                                      help='Your source: a name or figures ("1 Vrms, 0.3 ohm").'),
    use: str | None = typer.Option(None, "--use",
                                   help="commute, office, home, studio, gym, sleep, gaming, calls."),
    target_spl: float = typer.Option(110.0, "--target-spl",
                                     help="Peak level the amp check aims for (dB SPL)."),
    as_json: bool = typer.Option(False, "--json", help="Print the verdict as JSON."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Is it good? One call with its confidence, every claim with its evidence, and what is missing."""
    from headspec.verdict import verdict

    if (model is None) == (spec_file is None):
        raise fail("give a catalog MODEL or --spec FILE (one of them)",
                   "e.g. headspec verdict 'Moondrop Aria 2' or headspec verdict --spec k712.txt")
    try:
        if spec_file is not None:
            from headspec.cli._explain import read_spec_text
            from headspec.parse import parse_spec

            catalog = None
            if db is not None or _default_exists():
                catalog = _catalog(db)
            try:
                v = verdict(parse_spec(read_spec_text(spec_file)), source, use, catalog=catalog,
                            target_spl_db=target_spl)
            finally:
                if catalog is not None:
                    catalog.close()
        else:
            with _catalog(db) as catalog:
                v = verdict(model, source, use, catalog=catalog, target_spl_db=target_spl)  # type: ignore[arg-type]
    except HeadspecError as exc:
        raise fail(exc.message, exc.hint) from None
    print_result(v, as_json, render_verdict)


def _default_exists() -> bool:
    from headspec.catalog import default_path

    return default_path().is_file()


def render_verdict(v: Any) -> None:
    """The call, summary, each claim with its evidence, what would settle it, caveats (text escaped)."""
    style = _RATING_STYLE.get(v.rating, "bold")
    stdout.print(f"[bold]{_esc(v.subject)}[/]: [{style}]{_esc(v.call)}[/]  "
                 f"[dim](confidence {v.confidence:.2f}, {v.confidence_word})[/]")
    stdout.print(_esc(v.summary))
    for claim in v.claims:
        stdout.print(f" {_STANCE[claim.stance]} {_esc(claim.text)}")
        refs = "; ".join(e.ref for e in claim.evidence)
        stdout.print(f"     [dim]evidence: {_esc(refs)}[/]")
    if v.missing:
        stdout.print("[bold]What would settle it[/]")
        for m in v.missing:
            stdout.print(f" ? {_esc(m.what)}: {_esc(m.would_settle)}")
    for c in v.caveats:
        stdout.print(f"[dim]{_esc(c)}[/]")


def _profile(source: str | None, uses: list[str], wireless: bool | None, forms: list[str],
             budget: str | None, preference: str, isolation: bool, anc: bool) -> Any:
    from pydantic import ValidationError

    from headspec.recommend import NeedsProfile, parse_budget

    amount, currency = parse_budget(budget) if budget else (None, None)
    try:
        return NeedsProfile(source=source, uses=uses, wireless=wireless, forms=forms, budget=amount,
                            currency=currency, preference=preference, isolation=isolation,
                            anc=anc)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "profile"
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        raise fail(f"{where}: {message}", "see headspec recommend --help") from None


@app.command("recommend")
def recommend_cmd(
    source: str | None = typer.Option(None, "--source",
                                      help="Device it must be loud enough on (name or figures)."),
    use: list[str] = typer.Option([], "--use", help="A use (repeatable): commute, office, home, studio, gym, "
                                                   "sleep, gaming, calls."),
    wireless: bool | None = typer.Option(None, "--wireless/--wired", help="Only wireless, or only wired."),
    form: list[str] = typer.Option([], "--form", help="Accepted form factor (repeatable): over-ear, on-ear, "
                                                     "in-ear, earbud, bone-conduction."),
    budget: str | None = typer.Option(None, "--budget", help='Most you will pay, with currency: "300 USD".'),
    preference: str = typer.Option("as-target", "--preference",
                                   help="Harman listener class: as-target, more-bass (+5 dB), "
                                        "less-bass (−2 dB)."),
    isolation: bool = typer.Option(False, "--isolation",
                                   help="Needs passive isolation (closed back or in-ear)."),
    anc: bool = typer.Option(False, "--anc", help="Needs active noise cancelling."),
    top: int = typer.Option(5, "--top", help="How many picks."),
    as_json: bool = typer.Option(False, "--json", help="Print the recommendation as JSON."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Ranked models that meet every hard need; when none does, which need to relax."""
    from headspec.recommend import recommend

    try:
        profile = _profile(source, use, wireless, form, budget, preference, isolation, anc)
        with _catalog(db) as catalog:
            rec = recommend(profile, catalog, top=top)
    except HeadspecError as exc:
        raise fail(exc.message, exc.hint) from None
    print_result(rec, as_json, render_recommendation)


def render_recommendation(rec: Any) -> None:
    """The picks as a table, then what each hard need excluded and what relaxing it would bring."""
    from rich.table import Table

    stdout.print(f"{rec.eligible} of {rec.considered} models meet every hard need.")
    if rec.picks:
        table = Table(show_lines=True)
        for col in ("#", "model", "form", "price", "score", "why", "trade-off"):
            table.add_column(col)
        for p in rec.picks:
            price = f"{p.price:g} {p.currency}" if p.price is not None else "—"
            score = f"{p.preference_score:.0f}" if p.preference_score is not None else "—"
            table.add_row(str(p.rank), _esc(p.name), _esc(p.form or "?"), price, score,
                          _esc("; ".join(p.why)), _esc(p.trade_off))
        stdout.print(table)
    for c in rec.constraints:
        stdout.print(f"[dim]{_esc(c.description)}: excluded {c.excluded} ({c.unknown} for lack of data)[/]")
    if rec.relaxations:
        stdout.print("[bold]Relaxing one need would bring[/]")
        for r in rec.relaxations:
            best = f", best {_esc(r.best)}" if r.best else ""
            stdout.print(f"  without '{_esc(r.description)}': {r.would_fit} model(s){best}")
    for n in rec.notes:
        stdout.print(f"[dim]{_esc(n)}[/]")


@app.command("similar")
def similar_cmd(
    model: str = typer.Argument(..., help="A measured catalog model (name or id)."),
    cheaper: bool = typer.Option(False, "--cheaper", help="Only models priced below it."),
    currency: str | None = typer.Option(None, "--currency", help="Currency for --cheaper (default USD)."),
    top: int = typer.Option(5, "--top", help="How many."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    db: Path | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Models whose measured response is closest, with the distance and how they differ."""
    from headspec.recommend import similar

    try:
        with _catalog(db) as catalog:
            res = similar(model, catalog, cheaper=cheaper, top=top,
                          currency=currency.upper() if currency else None)
    except HeadspecError as exc:
        raise fail(exc.message, exc.hint) from None
    print_result(res, as_json, render_similar)


def render_similar(res: Any) -> None:
    """The closest measurements as a table: distance, how each differs, price (text escaped)."""
    from rich.table import Table

    price = f", {res.price:g} {res.currency}" if res.price is not None else ""
    stdout.print(f"Closest to [bold]{_esc(res.name)}[/] ({_esc(res.source)}, {_esc(res.form)}{price}); "
                 f"{res.compared} {res.family} measurements compared, level removed, 20 Hz–10 kHz.")
    table = Table()
    for col in ("#", "model", "measured by", "distance dB", "how it differs", "price"):
        table.add_column(col)
    for it in res.items:
        name = _esc(it.name) + (" [dim](same model)[/]" if it.same_model else "")
        p = f"{it.price:g} {it.currency}" if it.price is not None else "—"
        table.add_row(str(it.rank), name, _esc(it.source), f"{it.distance_db:.2f}", _esc(it.differences), p)
    stdout.print(table)
    for n in res.notes:
        stdout.print(f"[dim]{_esc(n)}[/]")
