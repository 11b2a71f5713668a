"""What every request and response passes through, outside everything else of the app.

- Security headers go on every response: pages, the guard's own refusals (401, 403, 421, 303,
  413, 429), static files and even a server error's 500.
- A request body is counted while it streams in, chunked or not, and stopped at the limit the
  guard set for this request (`BODY_LIMIT_KEY`; small until the guard knows who is asking), so
  an unauthenticated request cannot push more than a login form's worth of bytes, and nothing
  beyond a limit is ever read, let alone spooled to disk by the multipart parser. The 413 is
  answered here, not raised into the app: between here and the route sits middleware that would
  turn an exception from `receive` into a 500.
"""

from __future__ import annotations

import json

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

BODY_LIMIT_KEY = "cardcap.body_limit"  # in the request scope: bytes the request body may have
# A request whose sender is not known yet (a login form is well under 1 KB). It stays below the
# 1 MB Starlette keeps of a multipart file in memory, so nothing of it is written to disk.
ANONYMOUS_BODY_LIMIT = 64 * 1024

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # (no-referrer would make browsers send `Origin: null` on our own forms)
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=()",
}


def too_large_message(limit: int) -> str:
    size = f"{limit / 1e6:.0f} MB" if limit >= 1_000_000 else f"{limit // 1024} KB"
    return f"The request is larger than the {size} this server accepts from you; nothing of it was kept."


class Boundary:
    """ASGI middleware around the whole app (see the module docstring).

    When a body passes its limit, the boundary answers 413 itself, closes the connection and
    tells the app the client went away; whatever the app does about that is not sent."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = refused = False
        received = 0

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 was sent: the app's own answer to the "disconnect" goes nowhere
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        async def counted_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                limit = int(scope.get(BODY_LIMIT_KEY, ANONYMOUS_BODY_LIMIT))
                if received > limit:
                    if not started:
                        await send_with_headers(refusal(scope))
                        await send({"type": "http.response.body", "body": refusal_body(scope, limit)})
                    refused = True
                    return {"type": "http.disconnect"}
            return message

        try:
            await self.app(scope, counted_receive, send_with_headers)
        except Exception:
            if not refused:
                raise  # the app's failure after a refused body is the "disconnect" it was told of


def is_api(scope: Scope) -> bool:
    path = str(scope.get("path", ""))
    return path.startswith("/api/") or path == "/openapi.json"


def refusal(scope: Scope) -> Message:
    kind = b"application/json" if is_api(scope) else b"text/plain; charset=utf-8"
    return {"type": "http.response.start", "status": 413,
            "headers": [(b"content-type", kind), (b"connection", b"close")]}


def refusal_body(scope: Scope, limit: int) -> bytes:
    message = too_large_message(limit)
    return json.dumps({"detail": message}).encode() if is_api(scope) else message.encode()
