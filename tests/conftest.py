"""Shared fixtures: real servers started on 127.0.0.1 at a free port for the tests that need them.

- `radicale_server`: a Radicale CardDAV/CalDAV server with no authentication; yields its base URL
  ("http://127.0.0.1:PORT"). Any user name is accepted; collections live under /USER/..., so a
  client sends a user name (e.g. user "alice", address book http://127.0.0.1:PORT/alice/book/).
- `radicale_htpasswd`: the same with htpasswd (plain) users; yields (base_url, user, password).
- `postgres_server` / `postgres_url`: a throw-away PostgreSQL cluster (Debian's binaries, run as the
  `postgres` user when the tests run as root); `postgres_url` is a fresh empty database per test.
  Skipped with the reason when PostgreSQL or psycopg is not installed.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

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

