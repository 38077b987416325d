"""The shared Typer app, console helpers, and the domain-error boundary."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

import typer
from rich.console import Console

from headspec import __version__
from headspec.errors import HeadspecError

app = typer.Typer(
    name="headspec",
    help="Understand headphones from their spec sheets and measurements.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

stdout = Console(highlight=False, soft_wrap=True)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"headspec {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Decode spec sheets, explain them, check amp needs, score measurements, search a catalog."""


def print_json(obj: Any) -> None:
    """Write one JSON document to stdout (no rich markup, safe for pipes)."""
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


def print_result(result: Any, as_json: bool, render: Callable[[Any], None]) -> None:
    """A command's result: one JSON document with --json (for pipes and scripts), else `render(result)`."""
    if as_json:
        print_json(result.model_dump(mode="json"))
    else:
        render(result)


def fail(message: str, hint: str | None = None, code: int = 2) -> typer.Exit:
    """Print a one-line error (escaped, never a traceback) and return the Exit to raise."""
    from rich.markup import escape

    text = f"[bold red]error:[/] {escape(message)}"
    if hint:
        text += f"\n[dim]hint: {escape(hint)}[/]"
    stderr.print(text)
    return typer.Exit(code)


def run_app(application: Callable[..., Any]) -> int:
    """Run the app; domain errors become a one-line message and exit status 2.

    Typer's standalone mode already turns usage errors into messages and exits
    through SystemExit; only our own errors need catching here.
    """
    try:
        application()
    except HeadspecError as exc:
        fail(exc.message, exc.hint)
        return 2
    except KeyboardInterrupt:
        stderr.print("interrupted")
        return 130
    return 0
