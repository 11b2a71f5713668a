"""A file cardcap cannot read gets cardcap's own sentence and exit 3, not Click's "Invalid value" (exit 2)."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from capture.cli import app
from capture.errors import ExitCode

NOBODY = 65534


def commands(command: Any, prefix: str = "cardcap") -> Iterator[tuple[str, Any]]:
    yield prefix, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from commands(sub, f"{prefix} {name}")


def checks_path(param: Any) -> bool:
    """Whether the command-line parser itself checks that a path exists or is readable (Click's
    `Path` type, or the parameter info of Typer versions that parse without Click)."""
    kind = getattr(param, "type", None)
    descriptor = getattr(param, "type_descriptor", None)
    info = getattr(descriptor, "parameter_info", None)
    if info is not None and "Path" in str(getattr(descriptor, "annotation", "")):
        return bool(info.readable or info.exists)
    return bool(getattr(kind, "readable", False) or getattr(kind, "exists", False))


def test_no_command_lets_the_parser_check_a_path() -> None:
    """The parser would refuse an unreadable path with exit 2 before cardcap could name the problem."""
    checked = [
        f"{name} {param.name}"
        for name, command in commands(typer.main.get_command(app))
        for param in command.params
        if checks_path(param)
    ]
    assert checked == []


@pytest.fixture
def unreadable() -> Iterator[Path]:
    """A file only its owner (root) may read, in a folder anyone may enter."""
    folder = Path(tempfile.mkdtemp(prefix="cardcap-unreadable-"))
    folder.chmod(0o755)
    path = folder / "card.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    path.chmod(0o000)
    yield path
    path.unlink()
    folder.rmdir()


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder anyone may write in (for the child that is not root), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="cardcap-open-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder)


def invoke_without_privileges(args: list[str]) -> tuple[int, str]:
    """Run `cardcap ARGS` in a forked child that is not root (root reads any file); (exit code, stderr)."""
    if os.geteuid() != 0:
        result = CliRunner().invoke(app, args)
        return result.exit_code, result.stderr
    # The child may not read what only root may: Python's own library where it lives under /root
    # (pyenv), this virtualenv in a clone under mktemp's 0700 folder. The same command run here
    # first, as root, imports whatever it loads lazily (typer's coercion, SQLAlchemy, the store), so
    # the child fails on the file and not on an import. Root reads the file, so this run only
    # fails later (a damaged image, no vCard, an empty folder) and writes nothing the child reads.
    CliRunner().invoke(app, args)
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = CliRunner().invoke(app, args)
            os.write(write_end, json.dumps([result.exit_code, result.stderr]).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        payload = pipe.read()
    os.waitpid(child, 0)
    code, stderr = json.loads(payload)
    return int(code), str(stderr)


def test_scan_of_an_unreadable_file_names_it_and_exits_3(unreadable: Path) -> None:
    code, stderr = invoke_without_privileges(["scan", str(unreadable)])
    assert (code, stderr) == (ExitCode.BAD_INPUT, f"cardcap: {unreadable}: cannot be read (permission denied)\n")


def test_contacts_import_of_an_unreadable_file_names_it_and_exits_3(unreadable: Path, open_folder: Path) -> None:
    code, stderr = invoke_without_privileges(["contacts", "import", str(unreadable), "--db", str(open_folder / "s.db")])
    assert (code, stderr) == (ExitCode.BAD_INPUT, f"cardcap: {unreadable}: cannot be read (permission denied).\n")


def test_batch_of_a_folder_it_cannot_read_says_so(unreadable: Path, open_folder: Path) -> None:
    folder = unreadable.parent / "scans"
    folder.mkdir(mode=0o700)
    try:
        code, stderr = invoke_without_privileges(["batch", str(folder), "--out", str(open_folder / "out")])
    finally:
        folder.rmdir()
    assert (code, stderr) == (ExitCode.BAD_INPUT, f"cardcap: {folder}: cannot be read (permission denied)\n")


@pytest.mark.parametrize(("where", "problem"), [
    ("folder", "is a folder; give a file name to write to"),
    ("under a file", "cannot be written: a part of its path is a file, not a folder"),
])  # fmt: skip
def test_scan_to_an_output_it_cannot_write_says_so(tmp_path: Path, where: str, problem: str) -> None:
    from cardimages import PERSON_CARD, save_card

    card = save_card(tmp_path / "card.png", PERSON_CARD)
    (tmp_path / "taken").write_text("x")
    output = tmp_path if where == "folder" else tmp_path / "taken" / "card.vcf"
    result = CliRunner().invoke(app, ["scan", str(card), "--engine", "tesseract", "-o", str(output)])
    assert (result.exit_code, result.stderr) == (ExitCode.REFUSED, f"cardcap: {output}: {problem}\n")
