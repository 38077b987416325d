"""One error boundary for the web app.

A `HeadspecError` becomes JSON (`{error, message, field, input, hint, status}`) with its own
`status` under `/api/`, and an HTML error page elsewhere. Request validation errors become
422 JSON naming the offending field. Anything unexpected is logged and answered with a
generic 500 that never shows a stack trace.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from headspec.errors import HeadspecError

log = logging.getLogger("headspec.web")

_HTTP_TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 413: "Input too large",
                422: "Invalid input", 500: "Something went wrong", 503: "Not available"}


def wants_json(request: Request) -> bool:
    """API routes and clients asking for JSON get JSON; browsers get a page."""
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_payload(status: int, message: str, *, field: str | None = None, hint: str | None = None,
                  error: str = "HTTPError", input: Any = None) -> dict[str, Any]:
    """The JSON body every error response uses."""
    return {"error": error, "message": message, "field": field, "input": input, "hint": hint,
            "status": status}


def render_error(request: Request, payload: dict[str, Any]) -> Response:
    """JSON for the API, the HTML error page for everything else."""
    status = int(payload["status"])
    if wants_json(request):
        return JSONResponse(payload, status_code=status)
    templates = getattr(request.app.state, "templates", None)
    if templates is None:  # pragma: no cover - the app always sets templates
        return HTMLResponse(f"{status}", status_code=status)
    context = {"title": _HTTP_TITLES.get(status, "Error"), "err": payload, "nav": None}
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def _field_of(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header", "form", "cookie")]
    return ".".join(parts) or str(loc[-1] if loc else "")


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""

    @app.exception_handler(HeadspecError)
    async def _headspec_error(request: Request, exc: HeadspecError) -> Response:
        payload = exc.to_dict()
        payload["status"] = exc.status
        return render_error(request, payload)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        first = errors[0] if errors else {}
        field = _field_of(first.get("loc", ()))
        message = f"{field}: {first.get('msg', 'invalid value')}" if field else first.get("msg", "invalid")
        payload = error_payload(422, message, field=field or None, error="ValidationError",
                                hint="see /docs for the expected input")
        payload["details"] = [{"field": _field_of(e.get("loc", ())), "message": e.get("msg", "")}
                              for e in errors[:10]]
        return render_error(request, payload)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else _HTTP_TITLES.get(exc.status_code, "Error")
        if exc.status_code == 404 and message == "Not Found":
            message = f"there is no page at {request.url.path}"
        payload = error_payload(exc.status_code, message)
        response = render_error(request, payload)
        if exc.headers:
            response.headers.update(exc.headers)
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        payload = error_payload(500, "something went wrong on our side; the error was logged",
                                error="InternalError")
        return render_error(request, payload)
