"""`cardcap serve` as a real server (uvicorn, in its own process or thread): request bodies are
limited while they stream in (chunked ones too, before anything reaches the disk), and
`--https` serves with a certificate it makes and remembers, whose fingerprint it prints."""

from __future__ import annotations

import hashlib
import os
import re
import select
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import uvicorn
from storecards import sqlite_url

from capture.errors import ExitCode
from capture.settings import Settings
from capture.web.access import TOKEN_ENV
from capture.web.app import create_app, request_limit
from capture.web.boundary import ANONYMOUS_BODY_LIMIT
from capture.web.security import SESSION_COOKIE, WebAuth, hash_password
from capture.web.tls import make_certificate
from tests.conftest import free_port, stop, wait_for_port

pytestmark = pytest.mark.slow  # cardcap serve in a process (or uvicorn in a thread) of its own

TOKEN = "a-token-for-the-phone"
SPOOLED_TO_DISK = 1024 * 1024  # Starlette keeps a multipart file part in memory up to this size


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def bytes_written(self) -> int:
        """Bytes the server process has written to files so far (sockets are not counted)."""
        fields = dict(line.split(": ") for line in Path(f"/proc/{self.process.pid}/io").read_text().splitlines())
        return int(fields["wchar"])


def serve(folder: Path, *options: str) -> Served:
    port = free_port()
    log = folder / f"serve-{port}.log"
    env = {**os.environ, TOKEN_ENV: TOKEN, "CARDCAP_DB": str(folder / "db.sqlite3"),
           "XDG_DATA_HOME": str(folder / "data"), "XDG_CONFIG_HOME": str(folder / "config")}
    command = [sys.executable, "-c", "from capture.cli import main; main()", "serve", "--port", str(port), *options]
    process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    wait_for_port(port, process, log)
    return Served(process, port, log)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = serve(tmp_path_factory.mktemp("serve"))
    yield served
    stop(served.process)


UPLOAD_HEAD = (b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="big.jpg"\r\n'
               b"Content-Type: image/jpeg\r\n\r\n")  # a multipart file part, its bytes streaming after it


def post_chunked(port: int, path: str, headers: dict[str, str], most: int,
                 first: bytes = b"") -> tuple[int | None, int, bytes]:
    """POST a chunked body (`first`, then up to `most` bytes, 16 KB a chunk), stopping as soon as
    the server answers; (status or None, bytes sent, response head)."""
    chunk = b"x" * 16384
    head = f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n"
    head += "".join(f"{name}: {value}\r\n" for name, value in headers.items()) + "\r\n"
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode() + (b"%x\r\n%s\r\n" % (len(first), first) if first else b""))
        try:
            while sent < most and not select.select([sock], [], [], 0.002)[0]:
                sock.sendall(b"4000\r\n" + chunk + b"\r\n")
                sent += len(chunk)
            if sent >= most:
                sock.sendall(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed while we were still sending
        answer = b""
        while b"\r\n\r\n" not in answer:
            try:
                piece = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not piece:
                break
            answer += piece
    match = re.match(rb"HTTP/1\.1 (\d{3})", answer)
    return (int(match.group(1)) if match else None), sent, answer.split(b"\r\n\r\n", 1)[0]


BIG = 300 * 1024 * 1024


def test_an_anonymous_chunked_body_is_stopped_at_a_login_forms_size(server: Served) -> None:
    status, sent, head = post_chunked(server.port, "/login", {"Content-Type": "application/x-www-form-urlencoded"},
                                      BIG)
    assert status == 413, head
    assert b"x-frame-options: deny" in head.lower() and b"connection: close" in head.lower()
    assert ANONYMOUS_BODY_LIMIT < sent < BIG // 10  # answered while the body was still streaming


def test_an_anonymous_multipart_upload_never_reaches_the_disk(server: Served) -> None:
    before = server.bytes_written()
    headers = {"Content-Type": "multipart/form-data; boundary=xyz"}
    status, sent, head = post_chunked(server.port, "/login", headers, BIG, UPLOAD_HEAD)
    assert status == 413, head
    assert sent < BIG // 10 and server.bytes_written() - before < SPOOLED_TO_DISK  # nothing spooled to a file


def test_an_anonymous_upload_to_a_private_route_is_refused_unread(server: Served) -> None:
    before = server.bytes_written()
    status, sent, head = post_chunked(server.port, "/api/scan", {"Content-Type": "multipart/form-data; boundary=xyz"},
                                      BIG, UPLOAD_HEAD)
    assert status == 401, head
    assert sent < BIG // 10 and server.bytes_written() - before < SPOOLED_TO_DISK


def test_a_declared_length_over_the_limit_is_refused_before_reading(server: Served) -> None:
    response = httpx.post(f"http://127.0.0.1:{server.port}/login", content=b"password=x",
                          headers={"Content-Length": "10"})
    assert response.status_code in (401, 403)  # small enough to be read (and refused for its CSRF token)
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as sock:
        sock.sendall(b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\n\r\npassword=")
        assert sock.recv(65536).startswith(b"HTTP/1.1 413")


@pytest.fixture
def thread_server(tmp_path: Path) -> Iterator[int]:
    """The app with a small upload limit in a real uvicorn server on a thread of this process."""
    app = create_app(Settings(max_bytes=1_000_000), sqlite_url(tmp_path), WebAuth(hash_password(TOKEN)),
                     workspace_dir=tmp_path / "cards", profile_path=tmp_path / "profile.json")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(30)


def test_a_logged_in_chunked_upload_is_stopped_at_the_request_limit(thread_server: int) -> None:
    limit = request_limit(Settings(max_bytes=1_000_000))
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "multipart/form-data; boundary=xyz"}
    status, sent, head = post_chunked(thread_server, "/api/scan", headers, limit + 64 * 1024 * 1024, UPLOAD_HEAD)
    assert status == 413, head
    assert limit <= sent < limit + 32 * 1024 * 1024  # answered once the limit was passed, not at the end


# ---- HTTPS -------------------------------------------------------------------------------------


def served_fingerprint(port: int) -> str:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # self-signed: what the phone's person checks is the fingerprint
    with socket.create_connection(("127.0.0.1", port), timeout=30) as raw, \
            context.wrap_socket(raw, server_hostname="127.0.0.1") as tls:
        der = tls.getpeercert(binary_form=True)
    assert der is not None
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def printed_fingerprint(served: Served) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        match = re.search(r"fingerprint.*\n\s+((?:[0-9A-F]{2}:){31}[0-9A-F]{2})", served.output)
        if match:
            return match.group(1)
        time.sleep(0.1)
    raise AssertionError(served.output)


def test_serve_https_makes_remembers_and_prints_its_certificate(tmp_path: Path) -> None:
    first = serve(tmp_path, "--https")
    try:
        fingerprint = printed_fingerprint(first)
        assert "cardcap is serving on https://127.0.0.1:" in first.output and "(new)" in first.output
        assert served_fingerprint(first.port) == fingerprint
        with httpx.Client(base_url=f"https://127.0.0.1:{first.port}", verify=False) as client:
            page = client.get("/login")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert token
            login = client.post("/login", data={"csrf_token": token.group(1), "password": TOKEN})
            assert login.status_code == 303
            cookies = login.headers.get_list("set-cookie")
            assert any(c.startswith(SESSION_COOKIE) and "Secure" in c and "HttpOnly" in c for c in cookies)
            assert all("Secure" in cookie for cookie in cookies)
            assert client.get("/api/contacts").status_code == 200
        with pytest.raises(httpx.HTTPError):  # no clear-text HTTP on that port
            httpx.get(f"http://127.0.0.1:{first.port}/login")
    finally:
        stop(first.process)
    again = serve(tmp_path, "--https")  # the same config folder: the same certificate
    try:
        assert printed_fingerprint(again) == fingerprint and "(new)" not in again.output
        assert served_fingerprint(again.port) == fingerprint
    finally:
        stop(again.process)
    assert oct((tmp_path / "config" / "cardcap" / "tls" / "key.pem").stat().st_mode & 0o777) == "0o600"


def test_serve_with_your_own_certificate_and_key(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    make_certificate(mine, ("cards.home.example",), datetime.now(UTC))
    served = serve(tmp_path, "--certfile", str(mine / "cert.pem"), "--keyfile", str(mine / "key.pem"))
    try:
        assert served_fingerprint(served.port) == printed_fingerprint(served)
        response = httpx.get(f"https://127.0.0.1:{served.port}/api/contacts", verify=False,
                             headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code == 200
    finally:
        stop(served.process)
    other = tmp_path / "other"
    make_certificate(other, (), datetime.now(UTC))
    env = {**os.environ, TOKEN_ENV: TOKEN, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    mismatched = subprocess.run(
        [sys.executable, "-c", "from capture.cli import main; main()", "serve", "--port", str(free_port()),
         "--certfile", str(mine / "cert.pem"), "--keyfile", str(other / "key.pem")],
        env=env, capture_output=True, text=True, timeout=60)
    assert mismatched.returncode == ExitCode.SETTINGS
    assert "cannot serve HTTPS together" in mismatched.stderr and "Traceback" not in mismatched.stderr
