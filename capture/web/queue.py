"""The review queue: photos arrive one at a time in the background and are read in the order they
came, each card reviewable as soon as the first reader is done with it.

An upload is kept on disk before it is acknowledged (`<sha256>.upload` and its job, `<sha256>.job`,
in the workspace folder), so a photo the phone was told is kept survives a restart of the server:
jobs not finished are read again when the queue starts. The job is named by the photo's hash, so
a photo sent twice (a phone that lost the answer and tried again) is one job.

Reading is split in two threads, in the spirit of a two-stage pipeline:

- the *reader* takes the oldest waiting job, prepares its cards and reads each with the first OCR
  engine; that first answer is extracted and put in the workspace at once (`Stage.FIRST`), so
  the card can be reviewed while the second engine (in `both` mode) still reads;
- the *finisher* waits, job by job in the same order, for each card's complete reading, puts the
  final contact in the workspace (`Stage.FINAL`) and closes the job. Meanwhile the reader is
  already at the next photo, so the two engines of two cards keep both cores busy.

With a Dask cluster (`cardcap serve --cluster`) the reader sends each photo to the cluster as it
comes (several in flight) and the finisher takes the results in order; cards appear whole.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from capture.cluster import Cluster, ClusterError
from capture.contact import CardResult
from capture.errors import CardcapError, ImageTooLargeError, NotAnImageError, NoTextFoundError
from capture.ocr.engine import OcrEngine
from capture.settings import Settings
from capture.web.workspace import CardKey, Stage, Workspace

log = logging.getLogger(__name__)
FINISH_BACKLOG = 1  # jobs read by the first engine and waiting for the finisher (see __init__)
CLUSTER_IN_FLIGHT = 2  # photos sent ahead per cluster worker thread, as a cluster batch does


class JobState(StrEnum):
    QUEUED = "queued"  # kept, waiting for the reader
    READING = "reading"
    READY = "ready"  # some of its cards can be reviewed; a reader is still at work on it
    DONE = "done"  # every reader finished: the cards hold their final contact
    FAILED = "failed"  # `message` says why


PENDING = (JobState.QUEUED, JobState.READING, JobState.READY)


@dataclass(frozen=True)
class Job:
    """One uploaded photo and what became of it."""

    id: str  # the sha256 of the photo's bytes
    name: str  # its file name, for messages only
    received: float  # time.time() when it was kept
    state: JobState = JobState.QUEUED
    cards: tuple[int, ...] = ()  # the card numbers put in the workspace (CardKey(id, n))
    message: str = ""  # why it failed: one sentence naming the photo
    status: int = 0  # for a failed job, the HTTP status the synchronous API answers with
    first_ready: float | None = None  # seconds from `received` until its first card could be reviewed
    finished: float | None = None  # seconds from `received` until every reader was done
    dismissed: bool = False  # taken off the list by the person

    @property
    def keys(self) -> tuple[CardKey, ...]:
        return tuple(CardKey(self.id, n) for n in self.cards)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "state": str(self.state)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Job:
        return cls(**{**data, "state": JobState(data["state"]), "cards": tuple(data.get("cards", ()))})


def http_status(error: CardcapError) -> int:
    """The HTTP status for a photo cardcap refused or could not read, by the kind of error."""
    if isinstance(error, ClusterError):
        return 503  # the cluster reading the scans is unreachable: not the upload's fault
    if isinstance(error, ImageTooLargeError):
        return 413
    if isinstance(error, NotAnImageError):
        return 415
    return 422  # an image, but damaged or without readable text


def lost(name: str) -> str:
    return f"{name}: the photo is no longer on the server; send it again."


# What the finisher gets from the reader for one job: a function giving each card's final result
# in order (it blocks while that card is still being read), or the job's failure.
Finals = Callable[[], Iterator[tuple[int, CardResult | None]]]


class ReviewQueue:
    """The jobs of one workspace, the reader and the finisher threads (started on first use)."""

    def __init__(self, workspace: Workspace, settings: Settings, engine: OcrEngine | None = None,
                 cluster: Cluster | None = None, clock: Callable[[], float] = time.time) -> None:
        self.workspace = workspace
        self.settings = settings
        self.engine = engine
        self.cluster = cluster
        self.clock = clock
        self.changed = threading.Condition()  # notified whenever a job or a card changes
        self._jobs: dict[str, Job] = {}
        # Jobs read and waiting for the finisher: one here (the memory of their prepared cards is
        # held), a few per worker thread with a cluster (they are read there meanwhile).
        backlog = cluster.threads() * CLUSTER_IN_FLIGHT if cluster else FINISH_BACKLOG
        self._finishing: queue.Queue[tuple[str, Finals] | None] = queue.Queue(maxsize=backlog)
        self._threads: list[threading.Thread] = []
        self._stopping = False
        for path in sorted(workspace.folder.glob("*.job")):
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                job = self._resumed(Job.from_json(json.loads(path.read_text())))
                self._jobs[job.id] = job
        if any(job.state is JobState.QUEUED for job in self._jobs.values()):
            self.start()

    def _resumed(self, job: Job) -> Job:
        """A job as a new start of the server takes it up: one stopped in the middle is read again
        while its photo is kept; without the photo it is done by the cards it has, else failed."""
        if job.state not in PENDING:
            return job
        if self.workspace.has_upload(job.id):
            return replace(job, state=JobState.QUEUED)
        if job.cards:
            return replace(job, state=JobState.DONE)
        return replace(job, state=JobState.FAILED, message=lost(job.name))

    # ---- what the routes call --------------------------------------------------------------------

    def add(self, data: bytes, name: str) -> Job:
        """Keep an uploaded photo and queue it; the same photo again is the same job (reopened when
        it had been dismissed or saved, read again when it had failed)."""
        job_id = self.workspace.upload_id(data)
        with self.changed:
            job = self._jobs.get(job_id)
            reusable = job is not None and job.state is not JobState.FAILED and (
                job.state in PENDING or all(self.workspace.get(key) for key in job.keys))
            if job is not None and reusable:
                for key in job.keys:
                    self.workspace.forget_saved(key)
                job = self._save(replace(job, dismissed=False))
            else:
                self.workspace.keep_upload(job_id, data)
                job = self._save(Job(job_id, name, self.clock()))
        self.start()
        return job

    def jobs(self) -> list[Job]:
        """Every job not dismissed, oldest first."""
        with self.changed:
            return sorted((j for j in self._jobs.values() if not j.dismissed), key=lambda j: (j.received, j.id))

    def get(self, job_id: str) -> Job | None:
        with self.changed:
            return self._jobs.get(job_id)

    def ahead_of(self, job: Job) -> int:
        """How many photos will be read before this waiting one."""
        with self.changed:
            return sum(1 for j in self._jobs.values() if j.state in (JobState.QUEUED, JobState.READING)
                       and (j.received, j.id) < (job.received, job.id))

    def dismiss(self, job_id: str) -> None:
        with self.changed:
            job = self._jobs.get(job_id)
            if job is not None:
                self._save(replace(job, dismissed=True))

    def wait(self, job_id: str, timeout: float) -> Job | None:
        """The job once every reader is done with it (or as it is after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                job = self._jobs.get(job_id)
                remaining = deadline - time.monotonic()
                if job is None or job.state not in PENDING or remaining <= 0:
                    return job
                self.changed.wait(remaining)

    def wait_final(self, key: CardKey, timeout: float) -> bool:
        """Whether the card holds its final reading, waiting up to `timeout` seconds for it."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                if self.workspace.stage(key) is Stage.FINAL:
                    return True
                job = self._jobs.get(key.sha256)
                remaining = deadline - time.monotonic()
                if job is None or job.state not in PENDING or remaining <= 0:
                    return False
                self.changed.wait(remaining)

    def start(self, warm: bool = False) -> None:
        """Start the reader and the finisher (once); `warm`: the reader first loads the OCR engines
        and warms them up (`cardcap serve`), so the first photo is read as fast as the others."""
        with self.changed:
            if self._threads or self._stopping:
                return
            reader = self._warm_then_read if warm and self.cluster is None else self._read_jobs
            self._threads = [threading.Thread(target=reader, name="cardcap-reader", daemon=True),
                             threading.Thread(target=self._finish_jobs, name="cardcap-finisher", daemon=True)]
        for thread in self._threads:
            thread.start()

    def close(self) -> None:
        """Stop the threads after the photo in hand (what is queued stays on disk for next time)."""
        with self.changed:
            self._stopping = True
            self.changed.notify_all()
        with contextlib.suppress(queue.Full):
            self._finishing.put_nowait(None)

    # ---- bookkeeping -----------------------------------------------------------------------------

    def _save(self, job: Job) -> Job:
        """Remember and write the job (called holding `changed`), and wake whoever waits."""
        self._jobs[job.id] = job
        self.workspace.write_job(job.id, json.dumps(job.to_json()).encode())
        self.changed.notify_all()
        return job

    def _update(self, job_id: str, **changes: Any) -> Job:
        with self.changed:
            return self._save(replace(self._jobs[job_id], **changes))

    def _card(self, job_id: str, result: CardResult, stage: Stage) -> None:
        """Put a card's reading in the workspace and note it on its job."""
        self.workspace.put(result, stage)
        with self.changed:
            job = self._jobs[job_id]
            cards = job.cards if result.index in job.cards else (*job.cards, result.index)
            first_ready = job.first_ready if job.first_ready is not None else self.clock() - job.received
            state = JobState.READY if job.state in (JobState.QUEUED, JobState.READING) else job.state
            self._save(replace(job, cards=cards, first_ready=first_ready, state=state))

    def _fail(self, job_id: str, error: CardcapError) -> None:
        self.workspace.drop_upload(job_id)
        self._update(job_id, state=JobState.FAILED, message=str(error), status=http_status(error),
                     finished=self.clock() - self._jobs[job_id].received)

    def _next_job(self) -> Job | None:
        with self.changed:
            while not self._stopping:
                waiting = [j for j in self._jobs.values() if j.state is JobState.QUEUED]
                if waiting:
                    job = min(waiting, key=lambda j: (j.received, j.id))
                    return self._save(replace(job, state=JobState.READING))
                self.changed.wait()
            return None

    # ---- the two threads -------------------------------------------------------------------------

    def _warm_then_read(self) -> None:
        from capture.api import warm_up

        try:
            warm_up(self.settings, self.engine)
        except CardcapError as error:  # an engine missing: each photo will say so
            log.warning("the OCR engines could not be warmed up: %s", error)
        self._read_jobs()

    def _read_jobs(self) -> None:
        while (job := self._next_job()) is not None:
            data = self.workspace.upload(job.id)
            if data is None:  # pruned, or the disk lost it: nothing to read
                self._fail(job.id, CardcapError(lost(job.name)))
                continue
            try:
                finals = self._read_remote(job, data) if self.cluster else self._read_here(job, data)
            except CardcapError as error:
                self._fail(job.id, error)
                continue
            except Exception as error:  # a bug: this photo fails with a sentence, the others go on
                log.exception("reading %s failed", job.name)
                self._fail(job.id, CardcapError(f"{job.name}: could not be read ({type(error).__name__}: {error})."))
                continue
            self._finishing.put((job.id, finals))  # waits while the finisher is a job behind

    def _read_here(self, job: Job, data: bytes) -> Finals:
        """The first engine's answer for each card now; the finals as the second engine finishes."""
        from capture.api import read_bytes_progressively, result_from_reading

        pending = []
        for first in read_bytes_progressively(data, job.name, self.settings, self.engine):
            if first.reading.has_text:
                self._card(job.id, result_from_reading(first.reading, self.settings), Stage.FIRST)
            pending.append(first)

        def finals() -> Iterator[tuple[int, CardResult | None]]:
            for first in pending:
                complete = first.final()
                yield first.reading.index, (result_from_reading(complete, self.settings)
                                            if complete.has_text else None)

        return finals

    def _read_remote(self, job: Job, data: bytes) -> Finals:
        assert self.cluster is not None
        from capture.api import check_image_bytes

        check_image_bytes(data, job.name, self.settings)  # the same sentences as here, before sending
        future = self.cluster.start_scan(data, job.name, self.settings)
        cluster = self.cluster

        def finals() -> Iterator[tuple[int, CardResult | None]]:
            for result in cluster.scan_results(future, job.name):
                yield result.index, result

        return finals

    def _finish_jobs(self) -> None:
        while (item := self._finishing.get()) is not None:
            job_id, finals = item
            try:
                read = 0
                for _index, result in finals():
                    if result is not None:
                        self._card(job_id, result, Stage.FINAL)
                        read += 1
                if not read:
                    name = self._jobs[job_id].name
                    raise NoTextFoundError(name, "has no readable text; is it a business card, in focus and well lit?")
            except (CardcapError, ClusterError) as error:
                self._fail(job_id, error)
                continue
            except Exception as error:  # a bug in the second reading: the first answers stay reviewable
                log.exception("finishing %s failed", job_id)
                job = self._jobs[job_id]
                if not job.cards:
                    self._fail(job_id, CardcapError(f"{job.name}: could not be read ({type(error).__name__})."))
                    continue
                for key in job.keys:
                    self.workspace.promote_first(key)
            self.workspace.drop_upload(job_id)  # (a restart finds the job done by its cards)
            self._update(job_id, state=JobState.DONE, finished=self.clock() - self._jobs[job_id].received)
