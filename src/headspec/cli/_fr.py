"""`headspec fr ...`: score, describe, plot and convert frequency-response measurements."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from headspec.cli._app import app, fail, stderr, stdout
from headspec.errors import HeadspecError

fr_app = typer.Typer(
    name="fr",
    help="Frequency-response measurements: score against Harman, describe, plot, convert.",
    no_args_is_help=True,
)
app.add_typer(fr_app, name="fr")

FORM_CHOICES = ("over-ear", "on-ear", "in-ear", "earbud")
MODEL_ALIASES = {
    "in-ear": "harman-in-ear-2019",
    "patent": "harman-in-ear-patent",
    "over-ear": "harman-over-ear-2018",
}


def _check_form(form: str | None) -> str | None:
    if form is not None and form not in FORM_CHOICES:
        raise fail(f"unknown form {form!r}", hint=f"use one of {', '.join(FORM_CHOICES)}")
    return form


def _emit(obj: dict[str, object]) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@fr_app.command("score")
def score_cmd(
    files: list[Path] = typer.Argument(..., help="Curve files (AutoEq CSV, REW/squig.link text, 2-column)."),
    form: str | None = typer.Option(
        None,
        "--form",
        help="over-ear | on-ear | in-ear | earbud "
        "(default: from an AutoEq-layout path <source>/<form>/<Name>.csv).",
    ),
    model: str | None = typer.Option(
        None,
        "--model",
        help="Preference model: harman-over-ear-2018, "
        "harman-in-ear-2019 (default for in-ear/earbud) or harman-in-ear-patent.",
    ),
    target: str | None = typer.Option(
        None, "--target", help="Target name or CSV path (default: Harman for the form)."
    ),
    band: str | None = typer.Option(
        None, "--band", help="SD/slope band in Hz, e.g. 20-10000 (over-ear default 50-10000)."
    ),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per file, one per line."),
) -> None:
    """Predicted preference (Harman/Olive) of each curve, with SD, slope and mean absolute error."""
    from headspec.fr.preference import score_many
    from headspec.fr.readers import read

    _check_form(form)
    model_key = MODEL_ALIASES.get(model, model) if model else None
    band_hz = _parse_band(band)
    failed = 0
    curves, shown = [], []
    for path in files:
        try:
            curve = read(path, form=form)
            if curve.form is None:
                raise HeadspecError(
                    f"{path}: cannot tell the form from the path",
                    input=str(path),
                    field="form",
                    hint="pass --form over-ear|in-ear|earbud, or use <source>/<form>/<Name>.csv",
                )
            curves.append(curve)
            shown.append(path)
        except HeadspecError as exc:
            failed += 1
            _report_error(path, exc, as_json)
    scores = []
    if curves:
        try:
            scores = score_many(curves, model=model_key, target=target, band_hz=band_hz)
        except HeadspecError as exc:
            raise fail(exc.message, exc.hint) from None
    for path, curve, s in zip(shown, curves, scores, strict=True):
        row = {
            "file": str(path),
            "name": curve.name,
            "source": curve.source,
            "form": s.form,
            "model": s.model,
            "model_name": s.model_name,
            "score": round(s.score, 4),
            "std_db": round(s.std_db, 4),
            "slope": round(s.slope, 4),
            "mean_abs_error_db": None if s.mean_abs_error_db is None else round(s.mean_abs_error_db, 4),
            "target": s.target,
            "band_hz": list(s.band_hz),
            "caveat": s.caveat,
        }
        if curve.channel_imbalance_db is not None:
            row["channel_imbalance_db"] = round(curve.channel_imbalance_db, 2)
        if as_json:
            _emit(row)
        else:
            from rich.markup import escape

            me = "" if s.mean_abs_error_db is None else f", mean |error| {s.mean_abs_error_db:.2f} dB"
            stdout.print(
                f"[bold]{escape(curve.label)}[/] ({s.form}): [bold]{s.score:.1f}[/]  "
                f"SD {s.std_db:.2f} dB, slope {s.slope:+.2f}{me}"
            )
            lo, hi = s.band_hz
            band = f"{lo:g}–{hi:g} Hz"
            stdout.print(f"  [dim]{escape(s.model_name)}; target {escape(s.target)}; band {band}[/]")
    if scores and not as_json:
        stdout.print(f"[dim]{scores[0].caveat}[/]")
    if failed:
        raise typer.Exit(2)


def _parse_band(band: str | None) -> tuple[float, float] | None:
    if band is None:
        return None
    try:
        lo, hi = (float(x) for x in band.replace("–", "-").split("-"))
    except ValueError:
        raise fail(f"band {band!r} is not LOW-HIGH in Hz", hint="e.g. --band 20-10000") from None
    if not 0 < lo < hi:
        raise fail(f"band {band!r} must have 0 < LOW < HIGH", hint="e.g. --band 20-10000")
    return lo, hi


def _report_error(path: Path, exc: HeadspecError, as_json: bool) -> None:
    from rich.markup import escape

    if as_json:
        _emit({"file": str(path), **exc.to_dict()})
    hint = f" (hint: {exc.hint})" if exc.hint else ""
    stderr.print(f"[bold red]error:[/] {escape(exc.message)}{escape(hint)}")


@fr_app.command("describe")
def describe_cmd(
    file: Path = typer.Argument(..., help="Curve file."),
    form: str | None = typer.Option(None, "--form", help="over-ear | on-ear | in-ear | earbud."),
    target: str | None = typer.Option(None, "--target", help="Target name or CSV path."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """Tonality in words: band offsets from the target and a one-line signature."""
    from headspec.fr.readers import read
    from headspec.fr.tonality import describe

    _check_form(form)
    curve = read(file, form=form)
    t = describe(curve, target)
    if as_json:
        _emit({"file": str(file), **t.to_dict()})
        return
    from rich.markup import escape

    stdout.print(f"[bold]{escape(curve.label)}[/]: {escape(t.signature)}")
    stdout.print(f"  {escape(t.summary)}")
    stdout.print("  " + ", ".join(f"{b.name} {b.offset_db:+.1f} dB" for b in t.bands))
    stdout.print(f"  [dim]vs {escape(t.target)}; offsets relative to the 300 Hz–3 kHz level, 1/6-octave[/]")


@fr_app.command("plot")
def plot_cmd(
    files: list[Path] = typer.Argument(..., help="Curve files to draw on one figure."),
    output: Path = typer.Option(..., "-o", "--output", help="Output .png or .svg."),
    target: str | None = typer.Option(None, "--target", help="Target name or CSV path."),
    form: str | None = typer.Option(None, "--form", help="over-ear | on-ear | in-ear | earbud."),
    smoothing: int = typer.Option(12, "--smoothing", help="1/N-octave smoothing, N = 3..48 (0 = none)."),
    title: str | None = typer.Option(None, "--title", help="Figure title."),
) -> None:
    """Plot curves against a target (log axis, error panel below) to PNG or SVG."""
    from headspec.fr.plot import plot
    from headspec.fr.readers import read

    _check_form(form)
    if smoothing and not 3 <= smoothing <= 48:
        raise fail(f"smoothing 1/{smoothing} octave is out of range", hint="use 3 to 48, or 0 for none")
    curves = [read(f, form=form) for f in files]
    plot(curves, target=target, path=output, smoothing=smoothing or None, title=title)
    stderr.print(f"wrote {output}")


@fr_app.command("convert")
def convert_cmd(
    files: list[Path] = typer.Argument(
        ..., help="Channel files of one headphone (e.g. 'X L.txt' 'X R.txt')."
    ),
    output: Path = typer.Option(..., "-o", "--output", help="Output AutoEq CSV."),
    phone_book: Path | None = typer.Option(
        None, "--phone-book", help="squig.link phone_book.json for the name."
    ),
) -> None:
    """Average channel files into one AutoEq-format curve (grid 20·1.01^k, 0 dB at 1 kHz)."""
    from headspec.fr.readers import read_channels, read_phone_book

    book = read_phone_book(phone_book) if phone_book else None
    curve = read_channels(files, phone_book=book)
    output.write_text(curve.to_csv(), encoding="utf-8")
    imb = (
        ""
        if curve.channel_imbalance_db is None
        else f", channel imbalance {curve.channel_imbalance_db:.2f} dB"
    )
    stderr.print(f"wrote {output}: {curve.name}, {len(curve.channels)} channel(s){imb}")
