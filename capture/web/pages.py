"""Helpers shared by the page routes: rendering with the CSRF token, and reading a checked form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData

from capture.web.state import MAX_UPLOAD_FILES, WebState, get_state


def csrf_token(request: Request) -> str:
    return get_state(request).auth.csrf_token(request.state.session_id)


def render(request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse:
    state = get_state(request)
    values = {
        "csrf_token": csrf_token(request),
        "auth_required": state.auth.required,
        "logged_in": request.state.logged_in,
        "path": request.url.path,
        **(context or {}),
    }
    return state.templates.TemplateResponse(request, template, values, status_code=status)


async def read_form(request: Request) -> FormData:
    """The posted form, refused (403) unless it carries this session's CSRF token."""
    form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=400)
    token = form.get("csrf_token")
    if not isinstance(token, str) or not get_state(request).auth.check_csrf(request.state.session_id, token):
        raise HTTPException(403, "The form has expired or did not come from this app; reload the page and try again.")
    return form


Found = TypeVar("Found")


async def posted_to(request: Request, load: Callable[[WebState, Any], Found], key: Any) -> tuple[
        WebState, dict[str, str], Found]:
    """A form posted to a thing's page (checked against CSRF first) and the thing, loaded by `load`
    (a contact, a plan); a 404 page when there is none."""
    from starlette.concurrency import run_in_threadpool

    from capture.errors import CardcapError

    form = text_fields(await read_form(request))
    state = get_state(request)
    try:
        return state, form, await run_in_threadpool(load, state, key)
    except CardcapError as error:
        raise HTTPException(404, str(error)) from None


def text_fields(form: FormData) -> dict[str, str]:
    return {key: value for key, value in form.items() if isinstance(value, str)}


def local_path(text: str, fallback: str) -> str:
    """Where to go back to after a form: a path on this server only (never another site)."""
    return text if text.startswith("/") and not text.startswith("//") and "\\" not in text else fallback
