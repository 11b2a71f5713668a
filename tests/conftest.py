"""Shared pytest fixtures: real servers on 127.0.0.1 for the tests that talk to them."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    """A TCP port nothing listens on right now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The server for {url} exited with code {process.returncode} before answering.")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"The server for {url} did not answer within {timeout:.0f} s.")


@pytest.fixture
def radicale_server(tmp_path: Path) -> Iterator[str]:
    """A real Radicale CalDAV/CardDAV server on 127.0.0.1 (no authentication: any user name and
    password are accepted, each user gets their own collections), storage in tmp_path; yields its
    base URL like 'http://127.0.0.1:PORT/'."""
    port = free_port()
    storage = tmp_path / "radicale"
    storage.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}",
         "--storage-filesystem-folder", str(storage), "--auth-type", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_until_answering(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
