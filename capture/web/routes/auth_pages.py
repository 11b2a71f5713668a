"""Logging in from a phone on the LAN (only asked when the server is not bound to 127.0.0.1)."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from capture.web.app import client_address
from capture.web.pages import read_form, render
from capture.web.security import DEVICE_COOKIE, DEVICE_COOKIE_SECONDS, SESSION_COOKIE, set_cookie
from capture.web.state import get_state
from capture.web.throttle import Verdict, check_password

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_page(request: Request) -> Response:
    if not get_state(request).auth.required or request.state.logged_in:
        return RedirectResponse("/", status_code=303)
    return render(request, "login.html")


@router.post("/login")
async def login(request: Request) -> Response:
    state = get_state(request)
    form = await read_form(request)
    password = form.get("password")
    device = state.auth.device_id(request.cookies.get(DEVICE_COOKIE))
    outcome = check_password(state.throttle, state.auth.check_password, password if isinstance(password, str) else "",
                             client_address(request), device)
    if isinstance(outcome, Verdict):
        page = render(request, "login.html", {"error": outcome.message}, 429)
        page.headers["Retry-After"] = str(max(1, math.ceil(outcome.wait)))
        return page
    if not outcome:
        return render(request, "login.html", {"error": "That password is not right."}, 401)
    # A fresh session id on login, so a session id known before login is worth nothing after it.
    cookie = state.auth.new_session()
    session_id = state.auth.session_id(cookie)
    assert session_id is not None
    with state.lock:
        state.sessions.add(session_id)
    response = RedirectResponse("/", status_code=303)
    set_cookie(response, request, SESSION_COOKIE, cookie)
    if device is None:  # this browser is known from now on (see capture.web.throttle)
        set_cookie(response, request, DEVICE_COOKIE, state.auth.new_device(), DEVICE_COOKIE_SECONDS)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    state = get_state(request)
    await read_form(request)
    with state.lock:
        state.sessions.discard(request.state.session_id)
    response = RedirectResponse("/login" if state.auth.required else "/", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
