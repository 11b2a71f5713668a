"""One batch at a time in an output folder: `<out>/.cardcap-batch.lock`, held with `flock`.

Two batches writing to one folder would each rewrite the manifest and contacts.vcf from what they
alone know, and one's cards would go missing from both. The second is refused with a sentence
instead (`OutputInUseError`, exit 8). The lock belongs to the open file, so the system lets go of
it when the batch ends in any way, a crash or a kill included: no stale lock is ever left to clear.
It holds between processes on one machine, and on network disks whose server honours `flock`
(NFSv4, SMB); two machines writing into one folder on a disk that does not are not kept apart.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from capture.errors import OutputError, OutputInUseError

LOCK_NAME = ".cardcap-batch.lock"


def writable_folder(out: Path) -> None:
    """Make the output folder (and its parents); raises `OutputError` when it cannot be made."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(out, "is a file, not a folder; give --out a folder") from None
    except OSError as error:
        raise OutputError(out, f"cannot be made ({error.strerror or error})") from None


@contextmanager
def batch_lock(out: Path) -> Iterator[None]:
    """Hold the output folder for one batch; raises `OutputInUseError` when another holds it."""
    writable_folder(out)
    try:
        handle = os.open(out / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as error:
        raise OutputError(out, f"cannot be written ({error.strerror or error})") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputInUseError(out, holder(handle)) from None
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(handle)  # lets go of the lock


def holder(handle: int) -> str:
    """Which process holds the lock, from what it wrote in the file ("" when unknown)."""
    try:
        pid = os.pread(handle, 32, 0).decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""
