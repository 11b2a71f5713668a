"""Logging in from a phone on the LAN (only asked when the server is not bound to 127.0.0.1)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse

from capture.web.pages import read_form, render
from capture.web.security import SESSION_COOKIE
from capture.web.state import get_state

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
    if state.throttle.blocked():
        return render(request, "login.html", {"error": "Too many wrong passwords; wait ten minutes."}, 429)
    password = form.get("password")
    if not isinstance(password, str) or not state.auth.check_password(password):
        state.throttle.failed()
        return render(request, "login.html", {"error": "That password is not right."}, 401)
    # A fresh session id on login, so a session id known before login is worth nothing after it.
    cookie = state.auth.new_session()
    session_id = state.auth.session_id(cookie)
    assert session_id is not None
    with state.lock:
        state.sessions.add(session_id)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="lax", path="/")
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
