"""The FastAPI application: pages, JSON API, local docs, static files, safety and errors."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from headspec import __version__
from headspec.web import _format, errors
from headspec.web._head import HeadAsGet
from headspec.web._safety import MAX_BODY_BYTES, SafetyMiddleware
from headspec.web._services import FeatureUnavailable

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"

NAV = [("decode", "Decode", "/"), ("catalog", "Catalog", "/catalog"), ("compare", "Compare", "/compare"),
       ("amp", "Amp", "/amp"), ("recommend", "Recommend", "/recommend")]


def _make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
    env = templates.env
    env.autoescape = True  # every value is escaped; data is never marked safe
    env.filters.update(_format.FILTERS)
    env.globals["version"] = __version__
    env.globals["nav_items"] = NAV
    env.globals["max_body_kb"] = MAX_BODY_BYTES // 1000
    return templates


def resolve_db_path(db_path: str | Path | None) -> Path | None:
    """The catalog file to serve: the argument, else `HEADSPEC_DB`, else the catalog's default."""
    if db_path is not None:
        return Path(db_path)
    env = os.environ.get("HEADSPEC_DB")
    return Path(env) if env else None


def open_catalog_at(path: Path | None) -> Any:
    """The catalog at `path`, opened read-only; a clear error when it is missing."""
    try:
        from headspec.catalog import Catalog
    except ImportError as exc:  # the catalog area has not landed in this build
        raise FeatureUnavailable("the catalog is not available in this build", field="catalog",
                                 hint="install headspec with its catalog module") from exc
    if path is not None and not Path(path).exists():
        raise FeatureUnavailable(f"no catalog database at {path}", input=str(path), field="db",
                           hint="start with `headspec serve --build-if-empty` to build it")
    return Catalog(path, read_only=True)


def open_catalog(request: Request) -> Iterator[Any]:
    """FastAPI dependency: the catalog opened read-only for this request, closed afterwards.

    One connection per request keeps SQLite's thread rules simple (FastAPI runs sync routes
    in a thread pool) and costs well under a millisecond for a read-only open.
    """
    catalog = open_catalog_at(request.app.state.db_path)
    try:
        yield catalog
    finally:
        close = getattr(catalog, "close", None)
        if callable(close):
            close()


def create_app(db_path: str | Path | None = None) -> FastAPI:
    """Build the web app serving the catalog at `db_path` (read-only)."""
    app = FastAPI(
        title="headspec",
        version=__version__,
        description=("Decode headphone spec sheets, explain them, check amp needs, score measurements "
                     "and search a catalog. Errors are JSON {error, message, field, input, hint, status}."),
        docs_url=None,  # the default Swagger UI loads from a CDN; /docs is served locally instead
        redoc_url=None,
    )
    app.state.db_path = resolve_db_path(db_path)
    app.state.templates = _make_templates()
    app.add_middleware(SafetyMiddleware, max_body=MAX_BODY_BYTES)
    app.add_middleware(HeadAsGet)  # outermost: a HEAD is a GET to everything inside
    errors.install(app)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")

    from headspec.web import api, docs, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(docs.router)
    return app
