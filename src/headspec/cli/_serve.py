"""`headspec serve`: the web app over a read-only catalog, built from ../shared/data on first start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from headspec.cli._app import app, fail, stderr, stdout

# feed file/folder inside the shared data directory -> how to ingest it
FEEDS = (("listings", "specs/listings.jsonl"), ("specs", "specs/sound_library_over_ear_official.csv"),
         ("fr", "fr"))


def find_shared_data(start: Path | None = None) -> Path | None:
    """`../shared/data` beside the repo: looked up from the working directory, then from this package."""
    here = Path(__file__).resolve()
    candidates = [Path.cwd(), *Path.cwd().parents, *here.parents]
    if start is not None:
        candidates.insert(0, start)
    for base in candidates:
        for data in (base / "shared" / "data", base / ".." / "shared" / "data"):
            if (data / "specs" / "listings.jsonl").is_file():
                return data.resolve()
    return None


def catalog_is_empty(db: Path) -> bool:
    """True when the file is missing or holds no models."""
    if not db.exists():
        return True
    from headspec.catalog import Catalog

    with Catalog(db, read_only=True) as catalog:
        return catalog.stats().get("models", 0) == 0


def build_catalog(db: Path, data: Path) -> dict[str, Any]:
    """Ingest the shared feeds into `db` with a progress bar per feed; the summaries by feed."""
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

    from headspec.catalog import Catalog

    db.parent.mkdir(parents=True, exist_ok=True)
    summaries: dict[str, Any] = {}
    columns = (TextColumn("[bold]{task.description:<20}"), BarColumn(), TaskProgressColumn(),
               TimeElapsedColumn())
    with Catalog(db) as catalog, Progress(*columns, console=stderr) as progress:
        for kind, rel in FEEDS:
            path = data / rel
            if not path.exists():
                stderr.print(f"[yellow]skipped[/] {kind}: {path} is missing")
                continue
            task = progress.add_task(f"ingest {kind}", total=None)

            def tick(done: int, total: int, task: Any = task) -> None:
                progress.update(task, completed=done, total=total)

            ingest = {"listings": catalog.ingest_listings, "specs": catalog.ingest_specs,
                      "fr": catalog.ingest_fr}[kind]
            summary = ingest(path, progress=tick)
            progress.update(task, completed=1, total=1)
            summaries[kind] = summary
        stats = catalog.stats()
    stderr.print(f"catalog ready: {stats.get('models', 0)} models, {stats.get('listings', 0)} listings, "
                 f"{stats.get('measurements', 0)} measurements in {db}")
    return summaries


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, min=1, max=65535, help="TCP port."),
    db: Path | None = typer.Option(None, "--db", help="Catalog file (default: $HEADSPEC_DB, else the user "
                                   "data directory)."),
    build_if_empty: bool = typer.Option(False, "--build-if-empty",
                                        help="Build the catalog from ../shared/data first if it is empty."),
    data: Path | None = typer.Option(None, "--data", help="Shared data folder for --build-if-empty "
                                     "(default: ../shared/data found from here)."),
) -> None:
    """Serve the web app and JSON API (docs at /docs) over a read-only catalog."""
    from headspec.catalog import default_path

    db_path = (db or default_path()).expanduser()
    if catalog_is_empty(db_path):
        if not build_if_empty:
            raise fail(f"the catalog at {db_path} is empty",
                       "run with --build-if-empty, or load data with `headspec ingest ...`")
        shared = data.resolve() if data else find_shared_data()
        if shared is None or not shared.is_dir():
            raise fail("cannot find the shared data folder to build the catalog from",
                       "clone the repo beside ../shared, or pass --data PATH")
        stderr.print(f"building the catalog from {shared} ...")
        build_catalog(db_path, shared)

    import uvicorn

    from headspec.web import create_app

    application = create_app(db_path)
    stdout.print(f"headspec is serving {db_path.name} at [bold]http://{host}:{port}/[/] "
                 f"(API docs at http://{host}:{port}/docs) — Ctrl+C to stop")
    uvicorn.run(application, host=host, port=port, log_level="warning")
