"""Taking uploads: each photo's bytes checked (no pixel decoded) and kept in the review queue,
which reads them in order (`capture.web.queue`); and the wait for their cards, for the API's
synchronous /api/scan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile

from capture.errors import CardcapError
from capture.load import check_bytes
from capture.settings import Settings
from capture.web.queue import Job, JobState, ReviewQueue, http_status
from capture.web.workspace import CardKey

SCAN_WAIT_SECONDS = 600.0  # /api/scan waits this long for a photo's reading (the queue may be long)


def display_name(filename: str | None) -> str:
    """The upload's base name, for messages only (it never becomes a path)."""
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    return (name or "upload")[:120]


@dataclass(frozen=True)
class UploadProblem:
    name: str
    message: str  # one readable sentence naming the file
    status: int  # the HTTP status the API answers with


@dataclass(frozen=True)
class UploadOutcome:
    jobs: tuple[Job, ...]
    problems: tuple[UploadProblem, ...]

    @property
    def status(self) -> int:
        """202 when a photo was kept; otherwise the most specific 4xx among the problems."""
        if self.jobs or not self.problems:
            return 202
        return max(p.status for p in self.problems)


NO_FILE_NAME = (
    "A part named “files” came without a file name, so it is not a file; send each photo as a file "
    "(a form field of type file, or curl -F files=@card.jpg)."
)


def uploaded_files(form: FormData) -> tuple[list[UploadFile], list[UploadProblem]]:
    """The files posted under `files`; a problem for each part under that name that is not a file (no
    file name given: a script's mistake). A browser's empty file field (no file chosen) is left out."""
    values = form.getlist("files")
    files = [value for value in values if isinstance(value, UploadFile) and value.filename]
    plain = [value for value in values if not isinstance(value, UploadFile)]
    return files, [UploadProblem("", NO_FILE_NAME, 422)] if plain else []


async def accept_uploads(uploads: Sequence[UploadFile], settings: Settings, queue: ReviewQueue,
                         refused: Sequence[UploadProblem] = ()) -> UploadOutcome:
    """Keep every uploaded photo for reading; a file that is no image becomes a problem sentence at
    once, the others are queued. `refused`: the problems of parts that were not files at all."""
    jobs: list[Job] = []
    problems: list[UploadProblem] = list(refused)
    for upload in uploads:
        name = display_name(upload.filename)
        data = await upload.read(settings.max_bytes + 1)  # never more than the limit into memory
        try:
            check_bytes(data, name, settings, header=True)
            jobs.append(await run_in_threadpool(queue.add, data, name))
        except CardcapError as error:
            problems.append(UploadProblem(name, str(error), http_status(error)))
        finally:
            await upload.close()
    if not uploads and not problems:
        problems.append(UploadProblem("", "No file was uploaded; choose a photo of a business card.", 400))
    return UploadOutcome(tuple(jobs), tuple(problems))


async def read_uploads(uploads: Sequence[UploadFile], settings: Settings, queue: ReviewQueue,
                       refused: Sequence[UploadProblem] = ()) -> tuple[list[CardKey], list[UploadProblem]]:
    """Queue every uploaded photo and wait until each is read: the cards, and a sentence for each
    photo that could not be read (the others still go through)."""
    outcome = await accept_uploads(uploads, settings, queue, refused)
    keys: list[CardKey] = []
    problems = list(outcome.problems)
    for kept in outcome.jobs:
        job = await run_in_threadpool(queue.wait, kept.id, SCAN_WAIT_SECONDS)
        if job is None or job.state is JobState.FAILED:
            message = job.message if job else f"{kept.name}: the photo was lost while it was read."
            problems.append(UploadProblem(kept.name, message, job.status if job and job.status else 500))
        elif job.state is not JobState.DONE:
            message = f"{kept.name}: still being read; see /api/uploads/{kept.id}."
            problems.append(UploadProblem(kept.name, message, 504))
        else:
            keys += job.keys
    return keys, problems
