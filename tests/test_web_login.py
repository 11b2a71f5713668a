"""Password guessing is throttled per client and per credential, for the login form and
`Authorization: Bearer` alike, and never locks the owner out: someone else's flood of wrong
passwords holds back only the flooder."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from storecards import sqlite_url

from capture.settings import Settings
from capture.web.app import create_app
from capture.web.security import DEVICE_COOKIE, SESSION_COOKIE, WebAuth
from capture.web.throttle import (
    FIRST_WAIT,
    FORGET_AFTER,
    FREE_FAILURES,
    LONGEST_WAIT,
    SPREAD_FAILURES,
    SPREAD_WINDOW,
    LoginThrottle,
)

PASSWORD = "correct horse battery"
LAN = {"Host": "192.168.1.20:8000"}
OWNER, INTRUDER = "192.168.1.20", "192.168.1.66"


def cheap_hash(password: str) -> str:
    """The stored-hash format with a small scrypt cost, so a test can afford a hundred wrong guesses."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**8, r=8, p=1, dklen=32)
    encode = base64.urlsafe_b64encode
    return f"scrypt${2**8}$8$1${encode(salt).decode()}${encode(digest).decode()}"


Clients = Callable[[str], TestClient]


@pytest.fixture
def clients(tmp_path: Path) -> Iterator[Clients]:
    """`clients(address)`: a browser at that LAN address, all talking to one server that asks a password."""
    app = create_app(Settings(), sqlite_url(tmp_path), WebAuth(cheap_hash(PASSWORD)), workspace_dir=tmp_path / "cards",
                     profile_path=tmp_path / "profile.json")
    made: list[TestClient] = []

    def at(address: str) -> TestClient:
        client = TestClient(app, base_url="http://192.168.1.20:8000", follow_redirects=False, client=(address, 40000))
        made.append(client)
        return client

    yield at
    for client in made:
        client.close()


def login_response(client: TestClient, password: str) -> Response:
    page = client.get("/login", headers=LAN)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    return client.post("/login", headers=LAN, data={"csrf_token": token.group(1), "password": password})


def log_in(client: TestClient, password: str) -> int:
    return login_response(client, password).status_code


def bearer(client: TestClient, password: str) -> int:
    return client.get("/api/contacts", headers={**LAN, "Authorization": f"Bearer {password}"}).status_code


def test_a_flood_from_one_device_holds_back_that_device_only(clients: Clients) -> None:
    intruder = clients(INTRUDER)
    statuses = [log_in(intruder, f"guess-{n}") for n in range(30)]
    assert statuses[:FREE_FAILURES] == [401] * FREE_FAILURES
    assert set(statuses[FREE_FAILURES:]) == {429}
    assert log_in(intruder, PASSWORD) == 429  # while held back, not even the right password is checked
    assert {bearer(intruder, f"guess-{n}") for n in range(10)} == {429}  # the header is the same credential
    # the owner, on their own phone, is not affected
    owner = clients(OWNER)
    assert log_in(owner, PASSWORD) == 303
    assert owner.get("/", headers=LAN).status_code == 200
    assert bearer(clients("192.168.1.21"), PASSWORD) == 200


def test_bearer_guessing_is_throttled_with_a_sentence_and_retry_after(clients: Clients) -> None:
    script = clients(INTRUDER)
    statuses = [bearer(script, f"guess-{n}") for n in range(FREE_FAILURES + 1)]
    assert statuses == [401] * FREE_FAILURES + [429]
    refused = script.get("/api/contacts", headers={**LAN, "Authorization": "Bearer x"})
    assert refused.json()["detail"].startswith("Too many wrong passwords from this device; try again in ")
    assert 1 <= int(refused.headers["retry-after"]) <= FIRST_WAIT
    assert refused.headers["x-frame-options"] == "DENY"
    assert bearer(clients(OWNER), PASSWORD) == 200


def test_guessing_spread_over_many_addresses_lets_only_known_clients_in(clients: Clients) -> None:
    owner_phone = clients(OWNER)
    assert log_in(owner_phone, PASSWORD) == 303  # the phone logged in before: it holds a device cookie
    assert owner_phone.cookies.get(DEVICE_COOKIE)
    owner_phone.cookies.delete(SESSION_COOKIE)  # ...and its session ended since
    script_host = clients("192.168.1.30")
    assert bearer(script_host, PASSWORD) == 200  # a known address
    for host in range(SPREAD_FAILURES // FREE_FAILURES):
        attacker = clients(f"10.0.{host}.9")
        assert [log_in(attacker, f"guess-{n}") for n in range(FREE_FAILURES)] == [401] * FREE_FAILURES
    refused = login_response(clients("192.168.1.99"), PASSWORD)  # an unknown client waits out the window
    assert refused.status_code == 429
    assert "only a device that has logged in before may log in now" in refused.text
    assert log_in(owner_phone, PASSWORD) == 303  # the owner's phone is known
    assert bearer(clients("192.168.1.30"), PASSWORD) == 200  # so is the address that logged in before


def test_a_device_cookie_is_signed_and_lasts(clients: Clients) -> None:
    phone = clients(OWNER)
    log_in(phone, PASSWORD)
    [device_cookie] = [c for c in phone.cookies.jar if c.name == DEVICE_COOKIE]
    assert device_cookie.expires is not None and device_cookie.has_nonstandard_attr("HttpOnly")
    auth = WebAuth(cheap_hash(PASSWORD))
    assert auth.device_id(device_cookie.value) is not None  # a restarted server still knows it
    assert WebAuth(cheap_hash("another password")).device_id(device_cookie.value) is None  # a new password forgets it
    forged = device_cookie.value.rsplit(".", 1)[0] + ".AAAA"
    assert auth.device_id(forged) is None


def test_waits_double_up_to_a_quarter_of_an_hour_and_are_forgotten() -> None:
    now = [1000.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    waits = []
    for _ in range(FREE_FAILURES + 7):
        verdict = throttle.check(INTRUDER)
        now[0] += verdict.wait  # the guesser waits exactly as long as told
        waits.append(round(verdict.wait))
        throttle.failed(INTRUDER)
    assert waits[:FREE_FAILURES] == [0] * FREE_FAILURES
    assert waits[FREE_FAILURES:] == [FIRST_WAIT, 2 * FIRST_WAIT, 4 * FIRST_WAIT, 8 * FIRST_WAIT, 16 * FIRST_WAIT,
                                     LONGEST_WAIT, LONGEST_WAIT]
    now[0] += FORGET_AFTER + 1
    assert throttle.check(INTRUDER).allowed  # an hour later the count starts again
    throttle.succeeded(INTRUDER)
    assert throttle.check(INTRUDER).allowed


def test_the_spread_window_passes() -> None:
    now = [0.0]
    throttle = LoginThrottle(clock=lambda: now[0])
    for host in range(SPREAD_FAILURES):
        throttle.failed(f"10.1.{host}.1")
    assert not throttle.check("10.9.9.9").allowed
    assert throttle.check("10.9.9.9", device="known-phone").allowed
    now[0] += SPREAD_WINDOW + 1
    assert throttle.check("10.9.9.9").allowed
