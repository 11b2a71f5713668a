"""Write files atomically: a temporary file in the same folder, flushed, then renamed over the target.

A crash or Ctrl-C mid-write leaves the old file (or none), never half of a new one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(path: str | Path, data: str | bytes, encoding: str = "utf-8") -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode(encoding) if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600 files; give the result the permissions a plain open() would.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_output(path: str | Path, data: str | bytes) -> Path:
    """`write_atomic` for a file the user named: one that cannot be written raises `OutputError`,
    a sentence naming it, instead of the system's exception."""
    from capture.errors import OutputError

    try:
        return write_atomic(path, data)
    except FileExistsError:  # a file where a folder on the way should be
        raise OutputError(path, "cannot be written: a part of its path is a file, not a folder") from None
    except IsADirectoryError:
        raise OutputError(path, "is a folder; give a file name to write to") from None
    except OSError as error:
        raise OutputError(path, f"cannot be written ({error.strerror or error})") from None
