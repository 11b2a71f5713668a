"""Shared fixtures: real servers started on 127.0.0.1 at a free port for the tests that need them.

- `radicale_server`: a Radicale CardDAV/CalDAV server with no authentication; yields its base URL
  ("http://127.0.0.1:PORT"). Any user name is accepted; collections live under /USER/..., so a
  client sends a user name (e.g. user "alice", address book http://127.0.0.1:PORT/alice/book/).
- `radicale_htpasswd`: the same with htpasswd (plain) users; yields (base_url, user, password).
- `imap_server`: Debian's Dovecot serving IMAP on 127.0.0.1 from a throwaway configuration and
  Maildir folder; `add_user` makes a mailbox, `deliver` puts a message into its inbox.
- `postgres_server` / `postgres_url`: a throw-away PostgreSQL cluster (Debian's binaries, run as the
  `postgres` user when the tests run as root); `postgres_url` is a fresh empty database per test.
  Skipped with the reason when PostgreSQL or psycopg is not installed.
- `browser`: Debian's headless Chromium driven by Playwright (one per test process); skipped
  when either is missing. `tests/browser_helpers.py` has the phone-sized context and the server.
"""

from __future__ import annotations

import contextlib
import glob
import imaplib
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from capture.daskprocs import free_port

# the repository root, so tests can `import samples.generate` (the synthetic card generator)
REPO_ROOT = str(Path(__file__).resolve().parent.parent)
if REPO_ROOT not in sys.path:
    sys.path.insert(0, REPO_ROOT)


def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"server did not listen on port {port}:\n{log.read_text(errors='replace')[-2000:]}")


def start_radicale(folder: Path, extra: list[str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    log = folder / "radicale.log"
    command = [
        sys.executable, "-m", "radicale",
        "--server-hosts", f"127.0.0.1:{port}",
        "--storage-filesystem-folder", str(folder / "collections"),
        *extra,
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    wait_for_port(port, process, log)
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("radicale")
    process, url = start_radicale(folder, ["--auth-type", "none"])
    yield url
    stop(process)


@pytest.fixture(scope="session")
def radicale_htpasswd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    folder = tmp_path_factory.mktemp("radicale-auth")
    users = folder / "users"
    users.write_text("alice:wonder-land-42\n")
    extra = ["--auth-type", "htpasswd", "--auth-htpasswd-filename", str(users), "--auth-htpasswd-encryption", "plain"]
    process, url = start_radicale(folder, extra)
    yield url, "alice", "wonder-land-42"
    stop(process)


# ---- IMAP (Dovecot) ----------------------------------------------------------------------------------

DOVECOT = "/usr/sbin/dovecot"
PASSWD_RECHECK_SECONDS = 1.1  # Dovecot looks at its passwd file again at most once a second
USER_WAIT_SECONDS = 20.0  # should a new user still be refused, each try waits out Dovecot's growing penalty
DOVECOT_CONF = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={root}/home/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int
    root: Path
    passwords: dict[str, str] = field(default_factory=dict)

    def add_user(self, name: str, password: str = "mail-pass-1") -> str:
        """A new mailbox, returned once Dovecot lets it log in. Dovecot reads its passwd file again
        when the file's modification time or size changed, but looks at most once a second: a user
        added in the same second as the last login was refused (AUTHENTICATIONFAILED). So the next
        look is a second later, and a login proves it (a refusal costs seconds: Dovecot's penalty)."""
        self.passwords[name] = password
        with (self.root / "users").open("a", encoding="utf-8") as users:
            users.write(f"{name}:{{PLAIN}}{password}\n")
        time.sleep(PASSWD_RECHECK_SECONDS)
        deadline = time.monotonic() + USER_WAIT_SECONDS
        while True:
            client = imaplib.IMAP4(self.host, self.port, timeout=30)
            try:
                client.login(name, password)
                return name
            except imaplib.IMAP4.error:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
            finally:
                with contextlib.suppress(imaplib.IMAP4.error, OSError):
                    client.logout()

    def deliver(self, user: str, message: bytes, when: datetime | None = None, folder: str = "INBOX") -> None:
        """Put a message into a mailbox, as the mail system would on delivery (INTERNALDATE `when`)."""
        client = imaplib.IMAP4(self.host, self.port, timeout=30)
        try:
            client.login(user, self.passwords[user])
            stamp = imaplib.Time2Internaldate(when) if when else None
            crlf = message.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
            status, answer = client.append(folder, None, stamp, crlf)
            assert status == "OK", answer
        finally:
            client.logout()


@pytest.fixture(scope="session")
def imap_server() -> Iterator[ImapServer]:
    if not Path(DOVECOT).exists():
        pytest.skip("Dovecot is not installed (Debian dovecot-imapd; `make setup-test` installs it)")
    root = Path(tempfile.mkdtemp(prefix="cardcap-imap-"))  # not under pytest's 0700 tmp: Dovecot's users read it
    root.chmod(0o755)
    for sub in ("run", "state", "home"):
        (root / sub).mkdir()
    (root / "users").write_text("", encoding="utf-8")
    if os.geteuid() == 0:
        internal, login, mail_user = "dovecot", "dovenull", "dovecot"
        shutil.chown(root / "home", mail_user, mail_user)
    else:
        import pwd

        internal = login = mail_user = pwd.getpwuid(os.getuid()).pw_name
    port = free_port()
    conf = root / "dovecot.conf"
    conf.write_text(DOVECOT_CONF.format(root=root, port=port, internal=internal, login=login, mail_user=mail_user,
                                        mail_group=mail_user), encoding="utf-8")
    log = root / "dovecot.log"
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=(root / "console.log").open("wb"),
                               stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, process, log if log.exists() else root / "console.log")
        yield ImapServer("127.0.0.1", port, root)
    finally:
        stop(process)
        shutil.rmtree(root, ignore_errors=True)


# ---- PostgreSQL ---------------------------------------------------------------------------------


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_postgres(command: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root; Debian has a `postgres` user for that.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """Base URL (postgresql+psycopg://postgres@127.0.0.1:PORT) of a throw-away cluster."""
    bindir = _postgres_bin()
    if bindir is None:
        pytest.skip("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg (psycopg[binary]) is not installed")
    # Not under pytest's tmp dir: the postgres user cannot enter root's 0700 /tmp/pytest-of-root.
    root = Path(tempfile.mkdtemp(prefix="cardcap-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    port = free_port()
    log = root / "postgres.log"
    subprocess.run(
        _as_postgres([str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]),
        check=True,
        capture_output=True,
    )
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"]),
        check=True,
        capture_output=True,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]), capture_output=True
        )
        shutil.rmtree(root, ignore_errors=True)


_database_numbers = itertools.count(1)


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A new, empty database on the session's PostgreSQL server."""
    import psycopg

    name = f"cardcap_test_{os.getpid()}_{next(_database_numbers)}"
    dsn = postgres_server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_server}/{name}"


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data and config folders (platformdirs follows XDG_*), so no test
    reads or writes the real user's store, profile, templates or web password."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    for variable in ("CARDCAP_DB", "CARDCAP_PROFILE", "CARDCAP_TEMPLATES", "CARDCAP_WEB_TOKEN", "CARDCAP_NOW"):
        monkeypatch.delenv(variable, raising=False)



@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from tests.browser_helpers import CHROMIUM, CHROMIUM_ARGS

    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., Any]]:
    """Web apps in process (FastAPI TestClient) on one store and workspace in `tmp_path`:
    `make_client(settings, auth, **create_app options)`; Tesseract alone and a fixed clock
    (Tuesday 10 March 2026, 09:30 in New York) unless given."""
    from zoneinfo import ZoneInfo

    from fastapi.testclient import TestClient

    from capture.settings import Settings
    from capture.web.app import create_app
    from tests.web_helpers import FixedClock

    clients: list[TestClient] = []

    def make(settings: Settings | None = None, auth: object = None, **options: object) -> TestClient:
        app = create_app(
            settings or Settings(engine="tesseract"),  # no test of the web app is about the OCR engine
            f"sqlite:///{tmp_path / 'store.sqlite3'}",
            auth,  # type: ignore[arg-type]
            workspace_dir=tmp_path / "cards",
            profile_path=options.pop("profile_path", tmp_path / "profile.json"),  # type: ignore[arg-type]
            now=options.pop("now", FixedClock(datetime(2026, 3, 10, 9, 30, tzinfo=ZoneInfo("America/New_York")))),
            **options,  # type: ignore[arg-type]
        )
        client = TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()
