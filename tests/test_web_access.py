"""The LAN password: hashed on disk, from the environment, and `cardcap serve` asking for it off-loopback."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from capture.contact import CardResult, Contact, Email, TextField, Warning
from capture.errors import SettingsError
from capture.ocr.result import OcrLine, OcrPage, OcrWord
from capture.web import cli
from capture.web.access import TOKEN_ENV, lan_auth, read_password_hash
from capture.web.edit import apply_form, contact_fields
from capture.web.security import WebAuth, hash_password, is_loopback, same_site_request, verify_password
from capture.web.workspace import CardKey, Workspace


def test_password_hash_round_trip_and_salt() -> None:
    first, second = hash_password("correct horse"), hash_password("correct horse")
    assert first != second and "correct horse" not in first
    assert verify_password("correct horse", first) and not verify_password("correct hors", first)
    assert not verify_password("x", "garbage") and not verify_password("x", "md5$1$2$3$4$5")


def test_first_run_stores_only_a_hash_readable_by_the_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    path = tmp_path / "cfg" / "web-auth.json"
    auth = lan_auth(path, ask=lambda: "a long password", announce=lambda _: None)
    assert auth.required and auth.check_password("a long password")
    text = path.read_text()
    assert "a long password" not in text and json.loads(text)["password_hash"].startswith("scrypt$")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # the next run reads it back without asking
    again = lan_auth(path, ask=lambda: pytest.fail("asked again"), announce=lambda _: None)
    assert again.check_password("a long password")
    with pytest.raises(SettingsError, match="at least 8"):
        lan_auth(path, ask=lambda: "short", announce=lambda _: None, reset=True)


def test_without_a_terminal_a_token_is_generated_and_shown_once(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    shown: list[str] = []
    auth = lan_auth(tmp_path / "auth.json", announce=shown.append)
    token = shown[0].rsplit(": ", 1)[1]
    assert auth.check_password(token)
    assert token not in (tmp_path / "auth.json").read_text()
    assert read_password_hash(tmp_path / "auth.json") == auth.password_hash


def test_environment_token_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(TOKEN_ENV, "token-from-the-environment")
    auth = lan_auth(tmp_path / "auth.json")
    assert auth.check_password("token-from-the-environment")
    assert not (tmp_path / "auth.json").exists()


def test_sessions_and_csrf_tokens_are_signed() -> None:
    auth = WebAuth(hash_password("password1"))
    cookie = auth.new_session()
    session = auth.session_id(cookie)
    assert session and auth.session_id(cookie + "x") is None and auth.session_id(session) is None
    assert auth.session_id(WebAuth().new_session()) is None  # another server's key
    assert auth.check_csrf(session, auth.csrf_token(session))
    assert not auth.check_csrf(session, auth.csrf_token("other")) and not auth.check_csrf(session, None)


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("::1", True), ("[::1]", True), ("localhost", True), ("127.1.2.3", True),
    ("0.0.0.0", False), ("192.168.1.20", False), ("::", False), ("example.org", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_same_site_request() -> None:
    assert same_site_request("same-origin", None, "h:1") and same_site_request("none", "null", "h:1")
    assert not same_site_request("cross-site", "http://h:1", "h:1")
    assert same_site_request(None, None, "h:1") and same_site_request(None, "http://h:1", "h:1")
    assert not same_site_request(None, "http://evil:1", "h:1") and not same_site_request(None, "null", "h:1")


def run_serve(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **options: Any) -> dict[str, Any]:
    """Run serve_command with uvicorn.run replaced, so nothing binds; returns what it would serve."""
    import uvicorn

    served: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(app=app, **kw))
    monkeypatch.setattr(cli, "lan_auth", lambda **kw: lan_auth(tmp_path / "auth.json", **kw))
    cli.serve_command(**{"db": str(tmp_path / "db.sqlite3"), **options})
    return served


def test_serve_asks_a_password_only_off_loopback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_ENV, raising=False)
    local = run_serve(monkeypatch, tmp_path, host="127.0.0.1", port=8123)
    assert local["host"] == "127.0.0.1" and local["port"] == 8123
    assert not local["app"].state.cardcap.auth.required
    lan = run_serve(monkeypatch, tmp_path, host="192.168.1.20", port=8123)
    assert lan["app"].state.cardcap.auth.required
    assert (tmp_path / "auth.json").exists()


def test_review_form_marks_doubtful_fields_and_keeps_untouched_ones() -> None:
    contact = Contact(
        title=TextField("Senior Recruiter", 0.95),
        organization=TextField("Acrne Corp", 0.4),
        emails=(Email("maria@acme", 0.3),),
        warnings=(Warning("emails", "maria@acme: the domain name acme is not valid"),),
    )
    fields = {f.name: f for f in contact_fields(contact)}
    assert fields["organization"].low and not fields["title"].low
    assert fields["email_0"].low and fields["email_1"].value == ""
    form = {f.name: f.value for f in fields.values()} | {"organization": "Acme Corp",
                                                         "email_0": "maria@acme.com"}
    edited, groups = apply_form(contact, form, "US")
    assert groups == {"organization", "emails"}
    assert edited.title == contact.title  # untouched: same confidence and evidence
    assert edited.organization == TextField("Acme Corp", 1.0, edited.organization.evidence)  # type: ignore[union-attr]
    assert edited.emails[0].address == "maria@acme.com"
    assert edited.warnings == ()  # the reviewed field's warning is gone


def test_workspace_keys_are_hashes_only(tmp_path: Path) -> None:
    assert CardKey.parse("../etc/passwd") is None
    assert CardKey.parse("a" * 64 + "-0") is None and CardKey.parse("a" * 64 + "-1 ") is None
    key = CardKey.parse("a" * 64 + "-2")
    assert key == CardKey("a" * 64, 2)
    space = Workspace(tmp_path)
    word = OcrWord("text", (1, 2, 3, 4), 0.9)
    page = OcrPage((OcrLine((word,), word.box, 0.9),), 10, 10, rotation=180)
    result = CardResult("card.png", 2, 2, "a" * 64, Contact(name=None), page)
    assert space.put(result) == key
    assert space.get(key) == result
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a" * 64 + "-2.json"]


@pytest.mark.slow
def test_cardcap_serve_with_a_token_refuses_strangers(tmp_path: Path) -> None:
    """The real command in its own process (on 127.0.0.1; CARDCAP_WEB_TOKEN turns the password on)."""
    import os
    import subprocess
    import sys

    import httpx

    from tests.conftest import free_port, stop, wait_for_port

    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, TOKEN_ENV: "a-token-for-the-phone", "CARDCAP_DB": str(tmp_path / "db.sqlite3"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CONFIG_HOME": str(tmp_path / "config")}
    command = [sys.executable, "-c", "from capture.cli import main; main()", "serve", "--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, log)
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base}/api/contacts").status_code == 401
        assert httpx.get(f"{base}/").headers["location"] == "/login"
        assert httpx.get(f"{base}/api/contacts", headers={"Authorization": "Bearer wrong"}).status_code == 401
        ok = httpx.get(f"{base}/api/contacts", headers={"Authorization": "Bearer a-token-for-the-phone"})
        assert ok.status_code == 200 and ok.json() == []
    finally:
        stop(process)


def test_workspace_forgets_old_unreviewed_cards(tmp_path: Path) -> None:
    import os
    import time

    space = Workspace(tmp_path)
    old = CardResult("a.png", 1, 1, "b" * 64, Contact())
    new = CardResult("b.png", 1, 1, "c" * 64, Contact())
    space.put(old)
    space.put(new)
    month_ago = time.time() - 31 * 86400
    os.utime(tmp_path / ("b" * 64 + "-1.json"), (month_ago, month_ago))
    assert space.prune(30) == 1
    assert space.get(CardKey("b" * 64, 1)) is None and space.get(CardKey("c" * 64, 1)) == new
