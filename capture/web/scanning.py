"""Reading an upload: bytes → scanned cards kept in the workspace for review."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from capture.api import check_image_bytes, scan_bytes
from capture.cluster import Cluster, ClusterError
from capture.errors import CardcapError, ImageTooLargeError, NotAnImageError
from capture.ocr.engine import OcrEngine
from capture.settings import Settings
from capture.web.workspace import CardKey, Workspace

# OCR is CPU-bound and the machine small: one upload is read at a time, others wait their turn.
_SCAN_LOCK = threading.Lock()


def display_name(filename: str | None) -> str:
    """The upload's base name, for messages only (it never becomes a path)."""
    name = PurePath((filename or "").replace("\\", "/")).name.strip()
    return (name or "upload")[:120]


def scan_upload(
    data: bytes,
    filename: str | None,
    settings: Settings,
    workspace: Workspace,
    engine: OcrEngine | None = None,
    cluster: Cluster | None = None,
) -> list[CardKey]:
    """Read every card on an uploaded image (here, or on the Dask cluster `cluster`); raises
    `InputFileError` for a file that is not a card image."""
    name = display_name(filename)
    if cluster is not None:  # the cluster's scheduler queues the scans; no lock here
        check_image_bytes(data, name, settings)  # the same sentences as a scan here, before the bytes are sent
        results = cluster.scan(data, name, settings)
    else:
        with _SCAN_LOCK:
            results = scan_bytes(data, name, settings, engine)
    # Each result carries its straightened card image, in the geometry of its text boxes.
    return [workspace.put(result) for result in results]


@dataclass(frozen=True)
class UploadProblem:
    name: str
    message: str  # one readable sentence naming the file
    status: int  # the HTTP status the API answers with


@dataclass(frozen=True)
class UploadOutcome:
    keys: tuple[CardKey, ...]
    problems: tuple[UploadProblem, ...]

    @property
    def status(self) -> int:
        """200 when a card was read; otherwise the most specific 4xx among the problems."""
        if self.keys or not self.problems:
            return 200
        return max(p.status for p in self.problems)


def http_status(error: CardcapError) -> int:
    """The HTTP status for an upload cardcap refused, by the kind of error."""
    if isinstance(error, ClusterError):
        return 503  # the cluster reading the scans is unreachable: not the upload's fault
    if isinstance(error, ImageTooLargeError):
        return 413
    if isinstance(error, NotAnImageError):
        return 415
    return 422  # an image, but damaged or without readable text


async def read_uploads(uploads: Sequence[UploadFile], settings: Settings, workspace: Workspace,
                       engine: OcrEngine | None = None, cluster: Cluster | None = None) -> UploadOutcome:
    """Scan every uploaded file; a bad file becomes a problem sentence, the others still go through."""
    keys: list[CardKey] = []
    problems: list[UploadProblem] = []
    for upload in uploads:
        name = display_name(upload.filename)
        data = await upload.read(settings.max_bytes + 1)  # never more than the limit into memory
        try:
            keys += await run_in_threadpool(scan_upload, data, name, settings, workspace, engine, cluster)
        except CardcapError as error:
            problems.append(UploadProblem(name, str(error), http_status(error)))
        finally:
            await upload.close()
    if not uploads:
        problems.append(UploadProblem("", "No file was uploaded; choose a photo of a business card.", 400))
    return UploadOutcome(tuple(keys), tuple(problems))
