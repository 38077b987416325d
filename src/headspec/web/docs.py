"""A local API reference at /docs, rendered from the OpenAPI document (no CDN, no scripts).

FastAPI's default /docs loads Swagger UI from a CDN, which breaks offline and under our CSP;
this page shows the same document as server-rendered HTML. `/openapi.json` is unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)


def _schema_text(schema: dict[str, Any] | None, components: dict[str, Any]) -> str:
    if not schema:
        return ""
    ref = schema.get("$ref")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        schema = {"title": name, **components.get(name, {})}
    return json.dumps(schema, indent=2, ensure_ascii=False)[:4000]


def _type_of(schema: dict[str, Any]) -> str:
    return schema.get("type") or " | ".join(a.get("type", "?") for a in schema.get("anyOf", []))


@router.get("/docs", response_class=HTMLResponse)
def docs_page(request: Request) -> Response:
    doc = request.app.openapi()
    components = doc.get("components", {}).get("schemas", {})
    endpoints = []
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {})
            body_type, body_schema = next(iter(body.items()), (None, {}))
            responses = op.get("responses", {})
            ok = responses.get("200", {}).get("content", {}).get("application/json", {}).get("schema")
            endpoints.append({
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""),
                "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                                "description": p.get("description", ""),
                                "type": _type_of(p.get("schema", {}))}
                               for p in op.get("parameters", [])],
                "body_type": body_type, "body": _schema_text(body_schema.get("schema"), components),
                "response": _schema_text(ok, components),
            })
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "docs.html", {"nav": None, "title": "API", "doc": doc,
                                                             "endpoints": endpoints})
