"""A Dask scheduler and workers started as plain processes on this machine, exactly as a user
starts them (`dask scheduler`, `dask worker ADDRESS --nthreads 1`): for the tests, `make bench`
and trying a cluster out. A real cluster runs the same commands on several machines (README)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

# What the README asks of a scheduler: give a card up after one worker died reading it.
SCHEDULER_ENV = {"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"}
START_SECONDS = 60.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class DaskProcesses:
    """`workers` single-threaded `dask worker` processes (each under its nanny, which restarts it)
    and their scheduler on 127.0.0.1, with logs in `folder`."""

    def __init__(self, folder: Path, workers: int = 2) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        dask = str(Path(sys.executable).parent / "dask")
        env = {**os.environ, **SCHEDULER_ENV, "OMP_THREAD_LIMIT": "1"}
        self.scheduler = subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(self.port), "--dashboard-address", ":0",
             "--no-show"],
            stdout=(folder / "scheduler.log").open("wb"), stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
        self._wait_for_port()
        self.workers = [
            subprocess.Popen(
                [dask, "worker", self.address, "--nthreads", "1", "--nworkers", "1", "--no-dashboard",
                 "--name", f"w{i}", "--local-directory", str(folder / f"w{i}")],
                stdout=(folder / f"worker{i}.log").open("wb"), stderr=subprocess.STDOUT, env=env,
            )
            for i in range(workers)
        ]
        self.wait_for_workers(workers)

    def _wait_for_port(self) -> None:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.scheduler.poll() is not None:
                raise RuntimeError(f"dask scheduler exited: {(self.folder / 'scheduler.log').read_text()[-2000:]}")
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.1)
        raise RuntimeError(f"dask scheduler did not listen on port {self.port}")

    def client(self) -> Any:
        from distributed import Client

        return Client(self.address, timeout=30, set_as_default=False)

    def wait_for_workers(self, count: int) -> None:
        with self.client() as client:
            client.wait_for_workers(count, timeout=120)

    def worker_pids(self) -> list[int]:
        """The processes that read the cards (each `dask worker` runs one under its nanny)."""
        with self.client() as client:
            return sorted(client.run(os.getpid).values())

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                process.terminate()
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
