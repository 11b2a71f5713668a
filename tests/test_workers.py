"""The local worker pool, with real processes: a killed worker costs at most its card, and the
workers end with the process that started them."""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from cardimages import sample_folder

from capture.batch import BatchItem, run_batch
from capture.settings import Settings
from capture.workers import TRIES, WorkerDied, WorkerPool

pytestmark = pytest.mark.slow  # worker processes started, killed and read cards in

CARDS = ("S_01_en_US_flat", "S_02_pt_flat", "S_04_fr_dark", "S_05_es_flat", "S_07_nl_flat")


def nothing() -> None:
    pass


def square_or_die(task: int) -> int:
    if task == 13:  # this task kills whichever worker reads it, every time
        os.kill(os.getpid(), signal.SIGKILL)
    return task * task


def refuse_to_start() -> None:
    raise RuntimeError("no engines here")


def test_a_task_that_kills_its_worker_is_tried_twice_then_reported_and_the_rest_finish() -> None:
    pool = WorkerPool(2, square_or_die, nothing)
    outcomes = dict(pool.run([1, 2, 13, 3, 4, 5]))
    assert {k: v for k, v in outcomes.items() if k != 13} == {1: 1, 2: 4, 3: 9, 4: 16, 5: 25}
    died = outcomes[13]
    assert isinstance(died, WorkerDied)
    assert died.tries == TRIES == 2 and died.exit_code == -signal.SIGKILL
    assert pool.started == 2 + TRIES  # a fresh worker after each death
    assert died.sentence("scans/a.jpg") == (
        "scans/a.jpg: the worker process reading it was stopped by signal 9 on each of its 2 tries "
        "(killed, or out of memory)."
    )


def test_a_worker_that_cannot_start_raises_in_the_main_process() -> None:
    with pytest.raises(RuntimeError, match="no engines here"):
        list(WorkerPool(1, square_or_die, refuse_to_start).run([1]))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    cards = sample_folder(tmp_path / "cards", CARDS)
    return cards


def test_the_local_pool_survives_a_worker_killed_mid_batch(folder: Path, tmp_path: Path) -> None:
    killed: list[int] = []
    before = {child.pid for child in psutil.Process().children()}  # this test process's other children
    pool: set[int] = set()

    def kill_a_busy_worker(item: BatchItem) -> None:
        workers = [child for child in psutil.Process().children() if child.pid not in before]
        pool.update(worker.pid for worker in workers)
        if not killed:  # the other worker is reading a card right now
            victim = next(w for w in workers if w.is_running())
            victim.kill()
            killed.append(victim.pid)

    summary = run_batch(folder, tmp_path / "out", Settings(engine="tesseract"), workers=2, on_item=kill_a_busy_worker)
    assert killed
    assert summary.cards == len(CARDS) and summary.failed == 0
    with (tmp_path / "out" / "report.csv").open() as handle:
        assert {row["file"]: row["status"] for row in csv.DictReader(handle)} == {f"{s}.jpg": "ok" for s in CARDS}
    assert len(pool) >= 2
    assert not [pid for pid in pool if psutil.pid_exists(pid)]  # the pool's workers ended (and were reaped)


def test_killing_the_batch_process_ends_its_workers(folder: Path, tmp_path: Path) -> None:
    command = [sys.executable, "-m", "capture.cli", "batch", str(folder), "--out", str(tmp_path / "out"),
               "--workers", "2", "--engine", "tesseract"]  # fmt: skip
    main = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        workers: list[psutil.Process] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = psutil.Process(main.pid).children()
            time.sleep(0.1)
        assert len(workers) == 2
        main.kill()  # kill -9: no chance to clean up
        main.wait()
        _gone, alive = psutil.wait_procs(workers, timeout=30)
        assert not alive, f"orphan workers: {[p.pid for p in alive]}"
    finally:
        if main.poll() is None:
            main.kill()
