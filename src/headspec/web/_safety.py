"""ASGI middleware: security headers on every response, and a cap on request bodies.

The cap is checked twice: a `Content-Length` over the limit is refused before reading, and a
body that grows past the limit while streaming (chunked uploads, lying headers) is refused too.
Either way the answer is 413 with the usual JSON error body (or the HTML page for browsers).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

MAX_BODY_BYTES = 1_000_000

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")

SECURITY_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def _too_large_body(path: str, accept: str, limit: int) -> tuple[bytes, bytes]:
    message = f"the request body is larger than {limit // 1000} kB"
    hint = "paste a shorter text or upload a smaller file (1 MB at most)"
    if path.startswith("/api/") or ("application/json" in accept and "text/html" not in accept):
        body = {"error": "InputTooLargeError", "message": message, "field": "body", "input": None,
                "hint": hint, "status": 413}
        return json.dumps(body).encode(), b"application/json"
    html = ("<!doctype html><html lang=en><head><meta charset=utf-8><title>Input too large</title>"
            "<link rel=stylesheet href=/static/style.css></head><body><main class=container>"
            f"<h1>Input too large</h1><p>{message}.</p><p class=hint>{hint}.</p>"
            "<p><a href=/>Back to headspec</a></p></main></body></html>")
    return html.encode(), b"text/html; charset=utf-8"


class SafetyMiddleware:
    """Adds security headers and enforces `max_body` on request bodies."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", [])
                           if h[0].lower() not in {name for name, _ in SECURITY_HEADERS}]
                headers.extend(SECURITY_HEADERS)
                message["headers"] = headers
            await send(message)

        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        declared = headers.get(b"content-length")
        too_large = False
        if declared is not None:
            try:
                too_large = int(declared) > self.max_body
            except ValueError:
                too_large = False
        body_messages: list[Message] = []
        if not too_large and scope.get("method") in {"POST", "PUT", "PATCH"}:
            # Buffer the body (at most max_body bytes) so that its real size is known.
            size = 0
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    body_messages.append(message)
                    break
                size += len(message.get("body", b""))
                body_messages.append(message)
                if size > self.max_body:
                    too_large = True
                    break
                if not message.get("more_body", False):
                    break
        if too_large:
            accept = headers.get(b"accept", b"").decode("latin-1")
            body, ctype = _too_large_body(scope.get("path", ""), accept, self.max_body)
            await send_with_headers({"type": "http.response.start", "status": 413,
                                     "headers": [(b"content-type", ctype),
                                                 (b"content-length", str(len(body)).encode()),
                                                 (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return

        queue = list(body_messages)

        async def replay() -> Message:
            if queue:
                return queue.pop(0)
            return await receive()

        await self.app(scope, replay if body_messages else receive, send_with_headers)
