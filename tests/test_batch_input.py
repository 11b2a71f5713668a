"""A batch under bad input loses nothing and hides nothing: every file it walks past has a row in
report.csv and a line on stderr, a second batch on the same --out is refused with a sentence, and a
contact store kept busy by another program leaves those cards "not saved" (a rerun saves them)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cardimages import PERSON_CARD, save_card
from PIL import Image
from storecards import lock_held, sqlite_url
from typer.testing import CliRunner

from capture import batchfiles
from capture.batch import BatchSummary, run_batch
from capture.cli import app as cli_app
from capture.errors import ExitCode, OutputError, OutputInUseError
from capture.outlock import LOCK_NAME
from capture.settings import Settings
from capture.store.contacts import ContactStore
from capture.store.database import BusyPolicy

SETTINGS = Settings(region="US", engine="tesseract")
JOHN = [("John Sample", 52), ("john@sample.org", 30), ("Tel 212 555 0187", 30)]


def report_rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "report.csv").open() as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


@pytest.fixture
def unlistable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Makes a folder one the system will not list. As root (CI) permissions are not checked, so the
    walker's listing of that folder is refused as the system refuses it for a user."""

    def make(folder: Path) -> None:
        folder.chmod(0)
        if os.geteuid() != 0:
            return
        real = os.scandir

        def scandir(path: Path) -> object:
            if Path(path) == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)

        monkeypatch.setattr(batchfiles.os, "scandir", scandir)

    return make


@pytest.fixture
def messy(tmp_path: Path, unlistable: Callable[[Path], None]) -> Iterator[Path]:
    """One card beside everything a folder of scans can also hold."""
    cards = tmp_path / "cards"
    (cards / "sub").mkdir(parents=True)
    save_card(cards / "jane.png", PERSON_CARD)
    Image.new("RGB", (40, 20), "white").save(cards / "scan.gif")  # a GIF: not read
    (cards / "notes.pdf").write_bytes(b"%PDF-1.5\n")
    (cards / "gone.jpg").symlink_to(cards / "deleted.jpg")  # dangling
    (cards / "self.jpg").symlink_to(cards / "self.jpg")  # leads to itself
    (cards / "sub" / "up").symlink_to(cards)  # a folder it is in
    (cards / "again").symlink_to(cards / "sub")  # a folder walked twice
    os.mkfifo(cards / "pipe")
    locked = cards / "locked"
    locked.mkdir()
    save_card(locked / "hidden.png", JOHN)
    unlistable(locked)
    (cards / ".thumbs").mkdir()  # hidden: not walked, as `ls` has it
    yield cards
    locked.chmod(0o755)


EXPECTED = {
    "jane.png": "ok",
    "scan.gif": "unsupported",
    "notes.pdf": "unsupported",
    "pipe": "unsupported",
    "gone.jpg": "skipped: dangling symlink",
    "self.jpg": "skipped: symlink loop",
    "sub/up/": "skipped: symlink loop",
    "again/": "skipped: folder seen before",
    "locked/": "unreadable",
}

@pytest.mark.slow  # two batches read a card with the real Tesseract

def test_every_file_walked_past_has_a_row_and_a_line_on_stderr(messy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch(messy, out, SETTINGS, workers=1)
    rows = report_rows(out)
    assert {file: row["status"] for file, row in rows.items()} == EXPECTED
    assert summary.cards == 1 and summary.failed == 1  # the folder that could not be listed may hide cards
    errors = {file: row["error"] for file, row in rows.items()}
    assert errors["scan.gif"] == f"{messy}/scan.gif: is a GIF; cardcap reads JPEG, PNG, TIFF, WebP, HEIC and BMP images"
    assert errors["gone.jpg"] == f"{messy}/gone.jpg: is a symbolic link to {messy}/deleted.jpg, which does not exist"
    assert errors["sub/up/"] == f"{messy / 'sub' / 'up'}: is a symbolic link to {messy}, a folder it is in"
    assert errors["locked/"] == (f"{messy / 'locked'}: is a subfolder that cannot be listed (permission denied); "
                                 "the images in it were not read")  # fmt: skip

    result = CliRunner().invoke(cli_app, ["batch", str(messy), "--out", str(tmp_path / "cli"), "--engine", "tesseract",
                                          "--region", "US", "--workers", "1"])  # fmt: skip
    assert result.exit_code == ExitCode.PARTIAL, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("cardcap: ")]
    for file, status in EXPECTED.items():
        if status != "ok":
            assert sum(str(messy / file.rstrip("/")) + ":" in line for line in lines) == 1, (file, lines)


def test_a_folder_of_nothing_readable_names_what_it_passed_over(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    Image.new("RGB", (40, 20), "white").save(cards / "scan.gif")
    (cards / "gone.png").symlink_to(cards / "nowhere.png")
    result = CliRunner().invoke(cli_app, ["batch", str(cards), "--out", str(tmp_path / "out")])
    assert result.exit_code == ExitCode.BAD_INPUT
    assert result.stderr.strip() == (f"cardcap: {cards}: contains no images (looked for .bmp, .heic, .heif, .jpeg, "
                                     ".jpg, .png, .tif, .tiff, .webp); passed over: gone.png, scan.gif")  # fmt: skip


HOLD_BATCH_LOCK = """
import sys, time
from pathlib import Path
from capture.outlock import batch_lock
with batch_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""

@pytest.mark.slow  # a batch reads a card with the real Tesseract

def test_a_second_batch_on_the_same_out_is_refused_with_a_sentence(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    save_card(cards / "jane.png", PERSON_CARD)
    out = tmp_path / "out"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_BATCH_LOCK, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputInUseError):
            run_batch(cards, out, SETTINGS, workers=1)
        result = CliRunner().invoke(cli_app, ["batch", str(cards), "--out", str(out), "--engine", "tesseract"])
        assert result.exit_code == ExitCode.REFUSED
        assert result.stderr.strip() == (f"cardcap: {out}: another cardcap batch (process {holder.pid}) is writing to "
                                         "this folder; wait for it to end, or give another --out")  # fmt: skip
        assert sorted(path.name for path in out.iterdir()) == [LOCK_NAME]  # nothing written meanwhile
    finally:
        holder.kill()  # as a crash would: the system lets go of its lock, no stale lock is left
        holder.wait(30)
    assert run_batch(cards, out, SETTINGS, workers=1).cards == 1


@pytest.mark.parametrize("where", ["file", "under a file"])
def test_an_out_that_cannot_be_a_folder_is_one_sentence(tmp_path: Path, where: str) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    save_card(cards / "jane.png", PERSON_CARD)
    (tmp_path / "taken").write_text("x")
    out = tmp_path / "taken" if where == "file" else tmp_path / "taken" / "out"
    result = CliRunner().invoke(cli_app, ["batch", str(cards), "--out", str(out)])
    assert result.exit_code == ExitCode.REFUSED
    assert result.stderr.startswith(f"cardcap: {out}: ") and "Traceback" not in result.output


def busy_store_batch(folder: Path, out: Path, store_url: str, cluster: str | None = None) -> BatchSummary:
    """A batch run while another program holds the store's write lock, checked, then the rerun that
    saves what it could not; returns the rerun's summary."""
    store = ContactStore.open(store_url, busy=BusyPolicy(wait=0.2, attempts=2, pause=0.05))

    def save(result: object, path: Path) -> None:
        store.save_result(result, image_path=str(path))  # type: ignore[arg-type]

    with lock_held(store_url, 300):
        first = run_batch(folder, out, SETTINGS, workers=1, cluster=cluster, sink=save)
    read = [item for item in first.items if item.outputs]
    assert read and all(item.status == "not saved" for item in read)
    assert first.failed == len(read) + sum(item.status == "failed" for item in first.items)
    for item in read:
        for stem in item.outputs:
            assert (out / f"{stem}.vcf").exists()  # the files are written all the same
        assert "was not saved in the contact store: The contact store at " in item.error
        assert report_rows(out)[item.file]["status"] == "not saved"
    assert store.list() == []
    again = run_batch(folder, out, SETTINGS, workers=1, cluster=cluster, sink=save)
    assert {item.file: item.status for item in again.items if item.outputs} == {item.file: "ok" for item in read}
    assert len(store.list()) == sum(len(item.outputs) for item in read)
    return again


@pytest.mark.slow
def test_a_busy_store_leaves_cards_not_saved_and_the_rerun_saves_them(tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    save_card(cards / "jane.png", PERSON_CARD)
    save_card(cards / "john.png", JOHN)
    again = busy_store_batch(cards, tmp_path / "out", sqlite_url(tmp_path))
    assert again.failed == 0 and again.cards == 2


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real file system of 2 MB (tmpfs), so a batch can meet a full disk as a user's would."""
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"a small file system cannot be mounted here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(folder: Path) -> Path:
    """Write until the file system says it is full; returns the filler file."""
    filler = folder / "filler"
    with filler.open("wb") as handle:
        try:
            while True:
                handle.write(b"\0" * 65536)
                handle.flush()
        except OSError:
            pass
    return filler

@pytest.mark.slow  # three batches with the real Tesseract

def test_a_full_disk_stops_the_batch_with_a_sentence_and_the_rerun_finishes(small_disk: Path, tmp_path: Path) -> None:
    cards = tmp_path / "cards"
    cards.mkdir()
    save_card(cards / "a-jane.png", PERSON_CARD)
    save_card(cards / "b-john.png", JOHN)
    save_card(cards / "c-joan.png", [("Joan Other", 52), ("joan@other.org", 30)])
    out = small_disk / "out"
    filled: list[Path] = []

    def on_item(item: object) -> None:  # the disk fills up (another program) once the first card is written
        if not filled:
            filled.append(fill(small_disk))

    with pytest.raises(OutputError) as stopped:
        run_batch(cards, out, SETTINGS, workers=1, on_item=on_item)
    assert "No space left on device" in str(stopped.value) and str(out) in str(stopped.value)
    assert (out / "a-jane.vcf").exists()

    result = CliRunner().invoke(cli_app, ["batch", str(cards), "--out", str(out), "--engine", "tesseract",
                                          "--region", "US", "--workers", "1"])  # fmt: skip
    assert result.exit_code == ExitCode.REFUSED and "Traceback" not in result.output
    assert result.stderr.startswith(f"cardcap: {out}") and "No space left on device" in result.stderr

    filled[0].unlink()  # space again: the rerun reads what is missing, and nothing twice
    again = run_batch(cards, out, SETTINGS, workers=1)
    assert again.failed == 0 and again.cards == 3
    assert set(report_rows(out)) == {"a-jane.png", "b-john.png", "c-joan.png"}
    assert (out / "contacts.vcf").read_text().count("BEGIN:VCARD") == 3
