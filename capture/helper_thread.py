"""One helper thread per process, for work that overlaps the caller's own (a second OCR engine,
half of a card's lines).

Created on first use, and again in a forked child: a batch worker forked from a process that
already scanned inherits the executor object but not its thread, and would wait forever."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


class HelperThread:
    def __init__(self, name: str) -> None:
        self.name = name
        self._pool: ThreadPoolExecutor | None = None
        self._pid = 0

    def submit(self, work: Callable[..., T], *args: Any) -> Future[T]:
        if self._pool is None or self._pid != os.getpid():
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=self.name)
            self._pid = os.getpid()
        return self._pool.submit(work, *args)
