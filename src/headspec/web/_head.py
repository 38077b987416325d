"""HEAD requests answered like GET, without the body (RFC 9110 §9.3.2).

FastAPI routes declare GET only, so HEAD got 405; uptime monitors, link checkers and
`curl -I` send HEAD. The app runs the GET and this middleware drops the body, keeping the
status and headers (Content-Length included, as the standard allows).
"""

from __future__ import annotations

from headspec.web._safety import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    """ASGI middleware: a HEAD request runs as GET and its response body is dropped."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # swallow every chunk; the last one closes the response
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
