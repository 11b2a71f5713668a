"""A Dask cluster as the scale-out engine: a batch (or the web app's scans) read by `dask worker`
processes on any number of machines that have cardcap installed.

    dask scheduler                                  # on one machine (port 8786)
    dask worker tcp://HOST:8786 --nworkers 2 --nthreads 1    # on every machine, one per core
    cardcap batch scans/ --out contacts/ --cluster tcp://HOST:8786

The client sends each image's bytes (or, with shared paths, only the path, which workers open
through fsspec), a worker plugin loads the OCR engines once per worker process, and results
come back as they finish; the client alone writes outputs, manifest, report and store rows, the
same way a local batch does (`capture.batch`). Start the scheduler with
DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1 so that a card whose worker dies is read once
more on another worker and then reported as failed (Dask's default tries it four times).
"""

from __future__ import annotations

import contextlib
import os
import re
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

from capture.errors import CardcapError, ExitCode, SettingsError
from capture.settings import Settings

CLUSTER_ENV = "CARDCAP_CLUSTER"
CONNECT_SECONDS = 10.0  # reaching the scheduler; then waiting for its first worker
WORKER_WAIT_SECONDS = 30.0
IN_FLIGHT_PER_THREAD = 2  # images sent ahead per worker thread: workers never idle, memory stays bounded
ADDRESS = re.compile(r"(tcp|tls|ws|wss|inproc)://[^\s/]+")
START_HINT = "start one with `dask scheduler` and `dask worker ADDRESS` (see the README), or run without --cluster"


class ClusterError(CardcapError):
    """The Dask cluster could not be reached, or was lost while reading."""

    exit_code = ExitCode.STORE  # 7: a server cardcap depends on failed


def cluster_address(option: str | None) -> str | None:
    """The cluster to use: the option, else $CARDCAP_CLUSTER, else none (read locally); checked here."""
    address = (option or os.environ.get(CLUSTER_ENV, "")).strip()
    if not address:
        return None
    if not ADDRESS.fullmatch(address):
        raise SettingsError(f"The cluster address {address!r} is not a Dask scheduler address such as tcp://HOST:8786.")
    return address


def engine_plugin(settings: Settings) -> Any:
    """A worker plugin that loads the engines `settings` need once per worker process, on every
    worker of the cluster, including workers that join or are restarted later."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class EnginePlugin(WorkerPlugin):
        idempotent = True  # registering it again (the next batch) changes nothing

        def __init__(self, settings: Settings) -> None:
            self.settings = settings

        def setup(self, worker: Any) -> None:
            load_engines(self.settings)

    return EnginePlugin(settings)


def load_engines(settings: Settings) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    from capture.api import engines_for

    engines_for(settings)


def scan_remote(source: bytes | str, name: str, settings: Settings) -> tuple[Any, str, float]:
    """Runs on a worker: read the image's bytes (or open a shared path through fsspec) and scan it."""
    from capture.api import scan_outcome

    if isinstance(source, str):
        import fsspec

        try:
            with fsspec.open(source, "rb") as handle:
                source = handle.read()
        except OSError as error:
            return None, f"{name}: the cluster's worker cannot read it ({error})", 0.0
    return scan_outcome(source, name, settings)


class Cluster:
    """A connection to a Dask scheduler, for one batch or for the web app's lifetime."""

    def __init__(self, address: str, settings: Settings) -> None:
        self.address = address
        try:
            from distributed import Client

            self.client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, TimeoutError) as error:
            raise ClusterError(f"The Dask cluster at {address} cannot be reached ({error}); {START_HINT}.") from error
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except (OSError, TimeoutError) as error:
            self.close()
            raise ClusterError(
                f"The Dask cluster at {address} has no workers after {WORKER_WAIT_SECONDS:.0f} s; "
                f"start some with `dask worker {address} --nthreads 1`."
            ) from error
        self.prepare(settings)

    def prepare(self, settings: Settings) -> None:
        key = f"cardcap-engines-{settings.engine}-{settings.tesseract_lang}-{settings.tesseract_build}"
        try:
            self.client.register_plugin(engine_plugin(settings), name=key)
        except CardcapError as error:  # a worker without Tesseract or a language pack, say
            with contextlib.suppress(Exception):  # or workers joining later would fail to start with it
                self.client.unregister_worker_plugin(key)
            raise ClusterError(f"A worker of the Dask cluster at {self.address} cannot read cards: {error}") from error

    def threads(self) -> int:
        return max(1, sum(self.client.nthreads().values()))

    def close(self) -> None:
        with contextlib.suppress(OSError, TimeoutError, CancelledError):  # the cluster may be gone already
            self.client.close(timeout=5)

    def lost(self, error: BaseException) -> ClusterError:
        return ClusterError(
            f"The Dask cluster at {self.address} was lost while reading "
            f"({type(error).__name__}: {error or 'no reply'}); what was finished is written, "
            "and running the same command again resumes."
        )

    def submit(self, source: bytes | str, name: str, settings: Settings) -> Any:
        key = f"cardcap-read-{Path(name).name[:40]}-{uuid.uuid4().hex[:12]}"
        return self.client.submit(scan_remote, source, name, settings, key=key, pure=False)

    def start_scan(self, data: bytes, name: str, settings: Settings) -> Any:
        """Send one image's bytes to be read (the web app's queue); `scan_results` waits for what it gave."""
        self.prepare(settings)
        return self.submit(data, name, settings)

    def scan_results(self, future: Any, name: str) -> Any:
        """The results of `start_scan`'s reading, or the error it raised, as a `CardcapError`."""
        from distributed import KilledWorker

        try:
            results, error, _seconds = future.result()
        except KilledWorker as died:
            raise ClusterError(f"{name}: the cluster's worker reading it stopped (killed, or out of memory).") from died
        except (OSError, CancelledError, TimeoutError) as gone:
            raise self.lost(gone) from gone
        if results is None:
            raise CardcapError(error)
        return results

    def read_all(self, tasks: Sequence[Any], settings: Settings, shared_paths: bool) -> Iterator[tuple[Any, Any]]:
        """(task, outcome) for every task (path, sha, stem) as workers finish them; at most a few images per
        worker thread are in flight. Raises `ClusterError` when the cluster goes away."""
        from distributed import KilledWorker, as_completed

        from capture.workers import WorkerDied

        pending = iter(tasks)
        owners: dict[Any, Any] = {}
        finished = as_completed(loop=self.client.loop)
        unreadable: list[tuple[Any, Any]] = []  # files gone since the batch was planned

        def send_next() -> None:
            for task in pending:
                try:
                    source: bytes | str = str(task[0]) if shared_paths else Path(task[0]).read_bytes()
                except OSError as error:
                    unreadable.append((task, (None, f"{task[0]}: cannot be read ({error.strerror or error})", 0.0)))
                    continue
                future = self.submit(source, str(task[0]), settings)
                owners[future] = task
                finished.add(future)
                return

        try:
            for _ in range(self.threads() * IN_FLIGHT_PER_THREAD):
                send_next()
            while unreadable or owners:
                if unreadable:
                    yield unreadable.pop()
                    continue
                future = next(finished)
                task = owners.pop(future)
                try:
                    outcome: Any = future.result()
                except KilledWorker:
                    outcome = WorkerDied(tries=0, exit_code=None)
                yield task, outcome
                send_next()
        except (OSError, CancelledError, TimeoutError) as gone:
            raise self.lost(gone) from gone
