"""What a batch finds under its folder: the images to read, and a report row for all else it walks past.

Nothing under the folder is passed over in silence. Each thing that is not an image to read gets
a `BatchItem` with one of these statuses and a sentence naming it:

- `unsupported`: a file not named as an image cardcap reads (a GIF, a PDF, notes), or no file
  at all (a named pipe, a socket, a device);
- `unreadable`: a subfolder the system will not list (permission denied, an I/O error), or a
  file it will not open;
- `skipped: symlink loop`: a symbolic link that leads to itself, or to a folder it is in;
- `skipped: dangling symlink`: a symbolic link whose target does not exist;
- `skipped: folder seen before`: a folder reached a second time through a link (its images are read once).

Symbolic links to files and folders are followed. Not walked at all: names that start with a dot
(hidden, as `ls` has them) and the batch's own output folder when it lies inside the folder.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from capture.errors import InputFileError, unreadable_problem
from capture.load import IMAGE_SUFFIXES, describe_non_image, sniff_format
from capture.manifest import DANGLING_SYMLINK, FOLDER_AGAIN, SYMLINK_LOOP, UNREADABLE, UNSUPPORTED, BatchItem

SNIFF_BYTES = 16  # enough of a file's start to name its format
NAMED_IN_ERROR = 3  # files passed over that a folder's "contains no images" names


@dataclass(frozen=True)
class FolderContents:
    images: tuple[Path, ...]  # in walking order: by name, folder by folder
    passed_over: tuple[BatchItem, ...]  # everything else walked past, each with its status and sentence


def suffix_list() -> str:
    return ", ".join(sorted(IMAGE_SUFFIXES))


def unsupported_problem(path: Path) -> str:
    """Why a file not named as an image is not read, from its first bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        head = b"\0"  # named as nothing cardcap reads; what it holds does not matter
    kind = sniff_format(head)
    if kind:
        return f"is a {kind} image, but cardcap reads only files named {suffix_list()}; rename it to have it read"
    if not head:
        return "is empty, and not named as an image"
    return describe_non_image(head)


@dataclass
class _Walk:
    folder: Path
    skip: tuple[int, int] | None  # the output folder's identity (device, inode)
    images: list[Path] = field(default_factory=list)
    passed: list[BatchItem] = field(default_factory=list)
    walked: dict[tuple[int, int], Path] = field(default_factory=dict)  # every folder walked, by identity
    linked: list[tuple[Path, frozenset[tuple[int, int]]]] = field(default_factory=list)  # links to folders, for later

    def walk(self, top: tuple[int, int]) -> None:
        """The folder's own tree first, then the folders links lead to: a folder both in the tree and
        linked to is read under its own name, and the link is the one "seen before"."""
        self.walked[top] = self.folder
        self.visit(self.folder, frozenset({top}))
        while self.linked:
            path, ancestors = self.linked.pop(0)
            self.entry(path, ancestors, follow=True)

    def row(self, path: Path, status: str, problem: str, folder: bool = False) -> None:
        name = path.relative_to(self.folder).as_posix() + ("/" if folder else "")
        self.passed.append(BatchItem(name, "", status, error=f"{path}: {problem}"))

    def visit(self, directory: Path, ancestors: frozenset[tuple[int, int]]) -> None:
        try:
            with os.scandir(directory) as listing:
                names = sorted(entry.name for entry in listing if not entry.name.startswith("."))
        except OSError as error:
            if directory == self.folder:
                raise InputFileError(directory, unreadable_problem(error)) from None
            reason = "permission denied" if isinstance(error, PermissionError) else error.strerror or str(error)
            problem = f"is a subfolder that cannot be listed ({reason}); the images in it were not read"
            self.row(directory, UNREADABLE, problem, folder=True)
            return
        for name in names:
            self.entry(directory / name, ancestors)

    def entry(self, path: Path, ancestors: frozenset[tuple[int, int]], follow: bool = False) -> None:
        try:
            info = path.stat()  # of the link's target, for a symbolic link
        except OSError as error:
            self.broken(path, error)
            return
        if stat.S_ISDIR(info.st_mode):
            identity = (info.st_dev, info.st_ino)
            if identity == self.skip:
                return
            if not follow and path.is_symlink():
                self.linked.append((path, ancestors))
            elif identity in ancestors:
                self.row(path, SYMLINK_LOOP, f"is a symbolic link to {link_target(path)}, a folder it is in", True)
            elif identity in self.walked:
                self.row(path, FOLDER_AGAIN, f"is the folder {self.walked[identity]} again (a link to it)", True)
            else:
                self.walked[identity] = path
                self.visit(path, ancestors | {identity})
        elif not stat.S_ISREG(info.st_mode):
            self.row(path, UNSUPPORTED, "is not a file but a named pipe, a socket or a device")
        elif path.suffix.lower() in IMAGE_SUFFIXES:
            self.images.append(path)
        else:
            self.row(path, UNSUPPORTED, unsupported_problem(path))

    def broken(self, path: Path, error: OSError) -> None:
        """A name that `stat` cannot follow: a symbolic link going nowhere, or a file kept from us."""
        if not path.is_symlink():
            self.row(path, UNREADABLE, unreadable_problem(error))
        elif error.errno == errno.ELOOP:
            self.row(path, SYMLINK_LOOP, "is a symbolic link that leads back to itself")
        elif error.errno in (errno.ENOENT, errno.ENOTDIR):
            self.row(path, DANGLING_SYMLINK, f"is a symbolic link to {link_target(path)}, which does not exist")
        else:
            self.row(path, UNREADABLE, f"is a symbolic link that cannot be followed ({error.strerror or error})")


def link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:  # not a link itself (a folder mounted twice): where it leads
        return str(path.resolve())


def identity_of(path: Path | None) -> tuple[int, int] | None:
    try:
        info = path.stat() if path is not None else None
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if info is not None else None


def find_files(folder: Path, out_dir: Path | None = None) -> FolderContents:
    """Every image under `folder` (recursively) and a row for all else walked past; raises
    `InputFileError` when the folder is missing, not a folder, unreadable or holds no image."""
    if not folder.exists():
        raise InputFileError(folder, "does not exist")
    if not folder.is_dir():
        raise InputFileError(folder, "is not a folder; use `cardcap scan` for single images")
    walk = _Walk(folder, identity_of(out_dir))
    top = identity_of(folder)
    assert top is not None
    walk.walk(top)
    if not walk.images:
        names = [item.file for item in walk.passed]
        more = f" and {len(names) - NAMED_IN_ERROR} more" if len(names) > NAMED_IN_ERROR else ""
        passed = f"; passed over: {', '.join(names[:NAMED_IN_ERROR])}{more}" if names else ""
        raise InputFileError(folder, f"contains no images (looked for {suffix_list()}){passed}")
    return FolderContents(tuple(walk.images), tuple(walk.passed))
