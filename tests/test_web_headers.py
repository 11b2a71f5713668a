"""Every response carries the security headers: pages, static files, the guard's own refusals
(401, 403, 421, 303, 413, 429) and a server error's 500."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from storecards import sqlite_url

from capture.settings import Settings
from capture.web.app import create_app
from capture.web.boundary import SECURITY_HEADERS
from capture.web.security import WebAuth, hash_password

LAN = {"Host": "192.168.1.20:8000"}


def make(tmp_path: Path, auth: WebAuth | None) -> FastAPI:
    return create_app(Settings(), sqlite_url(tmp_path), auth, workspace_dir=tmp_path / "cards",
                      profile_path=tmp_path / "profile.json")


@pytest.fixture
def lan(tmp_path: Path) -> Iterator[TestClient]:
    app = make(tmp_path, WebAuth(hash_password("correct horse battery")))

    @app.get("/api/fail")
    def fail() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, base_url="http://192.168.1.20:8000", follow_redirects=False,
                    raise_server_exceptions=False) as client:
        yield client


def assert_secured(status: int, response: object) -> None:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in SECURITY_HEADERS.items():
        assert headers.get(name) == value, (status, name)


def test_the_guards_own_answers_carry_the_headers(lan: TestClient, tmp_path: Path) -> None:
    assert_secured(303, lan.get("/", headers=LAN))  # to the login page
    assert_secured(401, lan.get("/api/contacts", headers=LAN))
    assert_secured(403, lan.post("/login", headers={**LAN, "Sec-Fetch-Site": "cross-site"}))
    assert_secured(413, lan.post("/login", headers={**LAN, "Content-Length": "100000000"}, content=b"x"))
    owner = {**LAN, "Authorization": "Bearer correct horse battery"}
    assert_secured(500, lan.get("/api/fail", headers=owner))
    assert_secured(200, lan.get("/login", headers=LAN))
    assert_secured(200, lan.get("/static/app.css", headers=LAN))
    assert_secured(404, lan.get("/api/nothing-here", headers=owner))
    for _ in range(5):
        lan.get("/api/contacts", headers={**LAN, "Authorization": "Bearer wrong"})
    assert_secured(429, lan.get("/api/contacts", headers={**LAN, "Authorization": "Bearer wrong"}))
    with TestClient(make(tmp_path / "local", None), base_url="http://127.0.0.1:8000") as local:
        assert_secured(421, local.get("/", headers={"Host": "rebound.example:8000"}))
