"""One exception hierarchy for file-level failures, each with the exit code the CLI returns.

Only problems that stop a whole file (or the whole run) raise. A doubtful *field* never raises:
it becomes a `Warning` on the contact so a person can review it.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    """Exit codes of the `cardcap` command, documented in `cardcap --help` and the README."""

    OK = 0
    PARTIAL = 1  # a batch finished, but some files failed
    USAGE = 2  # bad command-line options (also what click uses)
    BAD_INPUT = 3  # a file could not be read as a card image, or a folder held no images
    NO_TEXT = 4  # the image was read but no text was found on it
    MISSING_DEPENDENCY = 5  # the Tesseract program or another required part is not installed
    SETTINGS = 6  # a setting is invalid (unknown region, language, ...)
    STORE = 7  # the contact store or an address-book server failed
    REFUSED = 8  # any other request cardcap refuses with a sentence (a closed plan, a step already done, ...)
    INTERRUPTED = 130


class CardcapError(Exception):
    """Base of every error cardcap raises on purpose; `str(error)` is one readable sentence.

    `terminal_hint` is what to type next in a terminal ("`cardcap contacts list` shows them"): the
    command line adds it, the web app (a phone has no terminal) leaves it out."""

    exit_code: ExitCode = ExitCode.REFUSED  # distinct from PARTIAL, which only a batch returns

    def __init__(self, *args: object, terminal_hint: str = "") -> None:
        super().__init__(*args)
        self.terminal_hint = terminal_hint


class SettingsError(CardcapError, ValueError):
    """A setting was given a value cardcap cannot use."""

    exit_code = ExitCode.SETTINGS


class MissingDependencyError(CardcapError):
    """A program or package cardcap needs is not installed."""

    exit_code = ExitCode.MISSING_DEPENDENCY


class InputFileError(CardcapError):
    """A file (or folder) given to cardcap cannot be read as a business-card image."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


def unreadable_problem(error: OSError) -> str:
    """Why the operating system would not give a file's bytes, as the end of a sentence naming it."""
    if isinstance(error, FileNotFoundError):
        return "does not exist"
    if isinstance(error, PermissionError):
        return "cannot be read (permission denied)"
    if isinstance(error, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({error.strerror or error})"


class OutputError(CardcapError):
    """A file or folder cardcap was asked to write to cannot be written."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        super().__init__(f"{self.path}: {problem}")


class OutputInUseError(OutputError):
    """Another batch is writing to the same output folder."""

    def __init__(self, path: Path | str, holder: str = "") -> None:
        problem = f"another cardcap batch{holder} is writing to this folder; wait for it to end, or give another --out"
        super().__init__(path, problem)


class NotAnImageError(InputFileError):
    """The file is empty, or its content is not an image format cardcap reads (a PDF, a text file)."""


class ImageTooLargeError(InputFileError):
    """The file has more bytes, or the image more pixels, than the settings allow."""


class DamagedImageError(InputFileError):
    """The file is an image format cardcap reads, but its content cannot be decoded."""


class NoTextFoundError(InputFileError):
    """The image was decoded, but OCR found no text on it."""

    exit_code = ExitCode.NO_TEXT


class StoreError(CardcapError):
    """The contact store, or an address-book or calendar server, failed."""

    exit_code = ExitCode.STORE
