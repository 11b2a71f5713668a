"""The cardcap web app: upload a card photo from a phone, review it, save it, follow up.

`create_app` builds a FastAPI app around one `Settings`, one contact store URL and one access
rule. Pages are server-rendered (Jinja2, autoescaped: a card may print `<script>`) with a little
JavaScript for the upload progress; the same operations are under `/api/` with an OpenAPI document.
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

import platformdirs
from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from capture.cluster import Cluster
from capture.errors import CardcapError, StoreError
from capture.ocr.engine import OcrEngine
from capture.settings import Settings
from capture.web.boundary import ANONYMOUS_BODY_LIMIT, BODY_LIMIT_KEY, Boundary, too_large_message
from capture.web.queue import ReviewQueue
from capture.web.routes.appshell import PUBLIC as APP_SHELL
from capture.web.security import (
    DEVICE_COOKIE,
    SESSION_COOKIE,
    WebAuth,
    bearer_token,
    is_loopback,
    same_site_request,
    set_cookie,
)
from capture.web.state import STATIC_DIR, TEMPLATES_DIR, CardDavSettings, WebState, get_state, local_now
from capture.web.throttle import Verdict, check_password
from capture.web.workspace import Workspace

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
PUBLIC_PATHS = ("/login", "/static/", *APP_SHELL)


class CardcapApp(FastAPI):
    """FastAPI with `Boundary` outside all of it, so its headers and body limits cover every
    response, the guard's and a server error's included."""

    def build_middleware_stack(self) -> ASGIApp:
        return Boundary(super().build_middleware_stack())


def default_workspace_dir() -> Path:
    return Path(platformdirs.user_data_dir("cardcap")) / "web-cards"


def request_limit(settings: Settings) -> int:
    """The largest request body accepted: a handful of full-size photos, and not unbounded."""
    return max(settings.max_bytes, 8 * 1024 * 1024) * 4 + 1024 * 1024


def _host_name(host_header: str) -> str:
    if host_header.startswith("["):
        return host_header[1:].split("]", 1)[0]
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def _refuse(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
        return JSONResponse({"detail": message}, status_code=status, headers=headers)
    return Response(message, status_code=status, media_type="text/plain; charset=utf-8", headers=headers)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def held_back(request: Request, verdict: Verdict) -> Response:
    """429 with the sentence and the seconds to wait."""
    return _refuse(request, 429, verdict.message, {"Retry-After": str(max(1, math.ceil(verdict.wait)))})


def bearer_login(request: Request, state: WebState) -> bool | Response:
    """Whether the request's `Authorization: Bearer` password is right (False without one), under
    the same throttle as the login form; a 429 response while this client must wait."""
    token = bearer_token(request.headers.get("authorization"))
    if token is None or not state.auth.required:
        return False
    if state.auth.remembers_token(token):
        return True
    device = state.auth.device_id(request.cookies.get(DEVICE_COOKIE))
    outcome = check_password(state.throttle, state.auth.check_password, token, client_address(request), device)
    if isinstance(outcome, Verdict):
        return held_back(request, outcome)
    if outcome:
        state.auth.remember_token(token)
    return outcome


async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Every request passes here: host check, session, login, cross-site refusal, body size."""
    state = get_state(request)
    auth = state.auth
    host = request.headers.get("host", "")
    # Without a password the server must only answer to loopback names, so a web page cannot
    # reach it through DNS rebinding (a hostile name that resolves to 127.0.0.1).
    if not auth.required and not is_loopback(_host_name(host)):
        return _refuse(request, 421, "This cardcap server only answers on 127.0.0.1 / localhost.")

    session_id = auth.session_id(request.cookies.get(SESSION_COOKIE))
    new_cookie = None
    if session_id is None:
        new_cookie = auth.new_session()
        session_id = auth.session_id(new_cookie)
    bearer = bearer_login(request, state)
    if isinstance(bearer, Response):
        return bearer
    request.state.session_id = session_id
    request.state.logged_in = not auth.required or bearer or session_id in state.sessions
    request.state.bearer = bearer
    # Bytes the body may have, counted by `Boundary` as it streams in: a login form's worth
    # until the sender is known.
    limit = request_limit(state.settings) if request.state.logged_in else ANONYMOUS_BODY_LIMIT
    request.scope[BODY_LIMIT_KEY] = limit

    path = request.url.path
    cross_site = not same_site_request(request.headers.get("sec-fetch-site"), request.headers.get("origin"), host)
    if request.method in UNSAFE_METHODS and cross_site:
        return _refuse(request, 403, "Cross-site requests are refused.")
    if not request.state.logged_in and not path.startswith(PUBLIC_PATHS):
        if path.startswith("/api/") or path == "/openapi.json":
            return JSONResponse({"detail": "Log in first (session cookie or Authorization: Bearer)."},
                                status_code=401, headers={"WWW-Authenticate": "Bearer"})
        return RedirectResponse("/login", status_code=303)
    if (request.method in UNSAFE_METHODS and path.startswith("/api/") and auth.required and not bearer
            and not auth.check_csrf(session_id or "", request.headers.get("x-csrf-token"))):
        return _refuse(request, 403, "An API call with the session cookie needs the X-CSRF-Token header.")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:  # refused before a byte of it is read
        return _refuse(request, 413, too_large_message(limit), {"Connection": "close"})

    response = await call_next(request)
    if new_cookie:
        set_cookie(response, request, SESSION_COOKIE, new_cookie)
    return response


async def page_errors(request: Request, error: StarletteHTTPException) -> Response:
    """Errors as JSON under /api/, as a readable page elsewhere."""
    if request.url.path.startswith("/api/") or not hasattr(request.state, "session_id"):
        return await http_exception_handler(request, error)
    from capture.web.pages import render

    heading = {404: "Not found", 403: "Refused", 413: "Too large", 503: "Busy"}.get(error.status_code,
                                                                                  "Something went wrong")
    return render(request, "error.html", {"status": error.status_code, "heading": heading,
                                          "message": str(error.detail)}, error.status_code)


async def sentence_errors(request: Request, error: Exception) -> Response:
    """A cardcap error no route turned into an answer: its sentence, not a 500. A store that another
    program keeps busy (or that failed) is 503: try again later."""
    status = 503 if isinstance(error, StoreError) else 422
    headers = {"Retry-After": "60"} if status == 503 else None
    return await page_errors(request, StarletteHTTPException(status, str(error), headers))


def create_app(
    settings: Settings | None = None,
    db_url: str | None = None,
    auth: WebAuth | None = None,
    *,
    now: Callable[[], datetime] | None = None,
    workspace_dir: Path | None = None,
    engine: OcrEngine | None = None,
    carddav: CardDavSettings | None = None,
    profile_path: Path | None = None,
    mail_path: Path | None = None,
    cluster: Cluster | None = None,
    warm: bool = False,
) -> FastAPI:
    """The web app. `auth=None` asks no password (only for 127.0.0.1); `now` is the clock (tests set it)."""
    from capture.web.routes import api, appshell, auth_pages, contacts, plans, profile, review, today, upload

    settings = settings or Settings()
    folder = workspace_dir or default_workspace_dir()
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR))  # autoescapes .html templates
    app = CardcapApp(
        title="cardcap",
        summary="Business card → reviewed contact → interview follow-up.",
        version="1",
        docs_url=None,  # FastAPI's explorer page loads its scripts from a CDN: blank offline
        redoc_url=None,
    )
    workspace = Workspace(folder)
    workspace.prune()  # uploads nobody reviewed within a month
    app.state.cardcap = WebState(
        settings=settings,
        db_url=db_url,
        auth=auth or WebAuth(),
        workspace=workspace,
        templates=templates,
        queue=ReviewQueue(workspace, settings, engine, cluster),
        now=now or local_now,
        carddav=carddav,
        profile_path=profile_path,
        mail_path=mail_path,
    )
    if warm:  # a server: the engines loaded and warmed before the first photo comes
        app.state.cardcap.queue.start(warm=True)
    app.router.on_shutdown.append(app.state.cardcap.queue.close)
    app.middleware("http")(guard)
    app.add_exception_handler(StarletteHTTPException, page_errors)  # type: ignore[arg-type]
    app.add_exception_handler(CardcapError, sentence_errors)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    for module in (appshell, auth_pages, upload, review, contacts, plans, today, profile, api):
        app.include_router(module.router)
    return app

