"""Local worker processes for a batch that survive one of them being killed.

`concurrent.futures.ProcessPoolExecutor` breaks as a whole when one worker dies (the OOM killer, a
`kill -9`, a crash in a native library): every card still queued fails with it. Here each worker
reads one card at a time over its own pipe, so when a worker dies the pool knows which card it
was reading: that card is given once more to a fresh worker, and reported as failed if it kills
that one too; every other card goes on.

Workers end with the batch: they exit when their pipe to the main process closes (the main
process ended, however it ended) and, on Linux, the kernel also stops them when it dies
(PR_SET_PDEATHSIG), so an interrupted batch leaves no orphan processes reading cards.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

Task = TypeVar("Task")
PR_SET_PDEATHSIG = 1  # linux/prctl.h
TRIES = 2  # a card whose worker died is read once more in a fresh worker, then given up
START_DEATHS = 3  # workers dying before they are ready this many times: something is broken


@dataclass(frozen=True)
class WorkerDied:
    """A card's outcome when the worker reading it stopped every time it was tried."""

    tries: int
    exit_code: int | None

    def sentence(self, name: str) -> str:
        signal_name = f" by signal {-self.exit_code}" if self.exit_code is not None and self.exit_code < 0 else ""
        each = f" on each of its {self.tries} tries" if self.tries > 1 else " every time it was tried"
        return f"{name}: the worker process reading it was stopped{signal_name}{each} (killed, or out of memory)."


def end_with_parent() -> None:
    """Ask Linux to stop this process when the process that started it ends (no orphans)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):  # not glibc: the closed pipe still ends workers
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _worker_main(conn: Connection, initializer: Callable[..., None], initargs: tuple, work: Callable) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    end_with_parent()
    try:
        initializer(*initargs)
    except Exception as error:  # engines missing, say: the pool raises it in the main process
        conn.send(("failed", error))
        return
    conn.send(("ready", None))
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the main process is gone
        if task is None:
            return
        try:
            conn.send(("done", work(task)))
        except (BrokenPipeError, OSError):
            return


class _Worker:
    def __init__(self, context: Any, initializer: Callable[..., None], initargs: tuple, work: Callable) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main, args=(child, initializer, initargs, work), daemon=True, name="cardcap-worker"
        )
        self.process.start()
        child.close()
        self.task: Any = None
        self.ready = False

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.terminate()
        self.process.join(timeout=5)
        if self.process.is_alive():  # pragma: no cover - a worker stuck in native code
            self.process.kill()
            self.process.join()
        self.conn.close()


class WorkerPool(Generic[Task]):
    """`size` worker processes, each started with `initializer(*initargs)`, running `work(task)`.

    `run` yields (task, result) as cards finish, in finishing order; a task whose worker died
    TRIES times yields a `WorkerDied` instead of a result."""

    def __init__(self, size: int, work: Callable[[Task], Any], initializer: Callable[..., None], initargs: tuple = ()):
        self.size = max(1, size)
        self.work = work
        self.initializer = initializer
        self.initargs = initargs
        self.context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
        self.started = 0  # worker processes started, replacements included
        self.start_deaths = 0

    def _start(self) -> _Worker:
        self.started += 1
        return _Worker(self.context, self.initializer, self.initargs, self.work)

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Any]]:
        queue: deque[tuple[Task, int]] = deque((task, 0) for task in tasks)
        workers = [self._start() for _ in range(min(self.size, len(queue)))]
        try:
            while queue or any(w.task is not None for w in workers):
                for worker in workers:
                    self._give_next(worker, queue)
                busy = {w.conn: w for w in workers} | {w.process.sentinel: w for w in workers}
                for handle in wait(list(busy)):
                    worker = busy[handle]
                    if worker not in workers:
                        continue  # already replaced in this round
                    message = self._receive(worker)
                    if message is None and not worker.ready:
                        self.start_deaths += 1
                        if self.start_deaths >= START_DEATHS:
                            raise RuntimeError(
                                f"cardcap's worker processes stopped {self.start_deaths} times while loading the OCR "
                                f"engines (last exit code {worker.process.exitcode})"
                            )
                    if message is not None and message[0] == "failed":
                        raise message[1]
                    if message is None:  # the worker died
                        workers.remove(worker)
                        workers.append(self._start())
                        if worker.task is not None:
                            task, tries = worker.task
                            if tries + 1 < TRIES:
                                queue.appendleft((task, tries + 1))
                            else:
                                yield task, WorkerDied(tries + 1, worker.process.exitcode)
                        worker.stop()
                    elif message[0] == "ready":
                        worker.ready = True
                    elif message[0] == "done":
                        task, _ = worker.task
                        worker.task = None
                        # the next card first: the worker reads it while the caller saves this one
                        self._give_next(worker, queue)
                        yield task, message[1]
        finally:
            for worker in workers:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
            for worker in workers:
                worker.stop()

    @staticmethod
    def _give_next(worker: _Worker, queue: deque[tuple[Task, int]]) -> None:
        if worker.ready and worker.task is None and queue:
            worker.task = queue.popleft()
            worker.conn.send(worker.task[0])

    @staticmethod
    def _receive(worker: _Worker) -> tuple[str, Any] | None:
        try:
            if worker.conn.poll():
                return worker.conn.recv()
        except (EOFError, OSError):
            return None
        if not worker.process.is_alive():
            return None
        return ("wait", None)  # woken by nothing to read yet
