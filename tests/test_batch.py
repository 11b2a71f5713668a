"""Batch runs: every readable card done, every bad file reported, re-runs resume, outputs atomic."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import vobject
from cardimages import PERSON_CARD, save_card

from capture.batch import MANIFEST_NAME, BatchItem, Manifest, run_batch
from capture.errors import InputFileError
from capture.manifest import ManifestSaver
from capture.settings import Settings


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    cards = tmp_path / "cards"
    (cards / "sub").mkdir(parents=True)
    save_card(cards / "jane.png", PERSON_CARD)
    save_card(cards / "sub" / "john.jpg", [("John Sample", 52), ("john@sample.org", 30), ("Tel 212 555 0187", 30)])
    (cards / "paper.jpg").write_bytes(b"%PDF-1.5\n")
    (cards / "empty.png").write_bytes(b"")
    (cards / "readme.txt").write_text("not a card, and not named like an image")
    return cards


def report_rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "report.csv").open() as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


@pytest.mark.slow
def test_batch_reads_good_cards_and_reports_bad_ones(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch(folder, out, Settings(region="US", engine="tesseract"), workers=2)
    assert summary.failed == 2 and summary.cards == 2
    rows = report_rows(out)
    assert set(rows) == {"jane.png", "sub/john.jpg", "paper.jpg", "empty.png", "readme.txt"}
    assert rows["readme.txt"]["status"] == "unsupported" and "text file" in rows["readme.txt"]["error"]
    assert rows["paper.jpg"]["status"] == "failed" and "PDF document" in rows["paper.jpg"]["error"]
    assert rows["empty.png"]["status"] == "failed" and "empty" in rows["empty.png"]["error"]
    jane = json.loads((out / "jane.json").read_text())
    assert [e["address"] for e in jane["contact"]["emails"]] == ["jane.example@example.com"]
    assert jane["contact"]["phones"][0]["e164"] == "+14155550134"
    assert (out / "john.vcf").exists()
    combined = list(vobject.readComponents((out / "contacts.vcf").read_text()))
    assert len(combined) == 2


@pytest.mark.slow
def test_second_run_resumes_and_never_duplicates(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(folder, out, Settings(engine="tesseract"), workers=1)
    first = (out / "jane.vcf").stat().st_mtime_ns
    # A renamed copy of a done card is recognised by its content.
    shutil.copy(folder / "jane.png", folder / "jane-again.png")
    summary = run_batch(folder, out, Settings(engine="tesseract"), workers=1)
    statuses = {item.file: item.status for item in summary.items}
    assert statuses["jane.png"] == "skipped" and statuses["sub/john.jpg"] == "skipped"
    assert statuses["jane-again.png"] == "duplicate"
    assert statuses["paper.jpg"] == "failed"  # failures are retried, and fail again
    assert (out / "jane.vcf").stat().st_mtime_ns == first
    assert len(list(vobject.readComponents((out / "contacts.vcf").read_text()))) == 2
    forced = run_batch(folder, out, Settings(engine="tesseract"), workers=1, force=True)
    assert {i.file: i.status for i in forced.items}["jane.png"] == "ok"


@pytest.mark.slow
def test_a_lost_output_is_read_again(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(folder, out, Settings(engine="tesseract"), workers=1)
    (out / "john.vcf").unlink()
    summary = run_batch(folder, out, Settings(engine="tesseract"), workers=1)
    assert {i.file: i.status for i in summary.items}["sub/john.jpg"] == "ok"
    assert (out / "john.vcf").exists()


@pytest.mark.slow
def test_no_temporary_files_are_left_behind(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(folder, out, Settings(engine="tesseract"), workers=2)
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert json.loads((out / MANIFEST_NAME).read_text())["version"] == 1


@pytest.mark.slow
def test_same_stem_in_two_folders_gets_two_outputs(tmp_path: Path) -> None:
    """The first (by folder) keeps its stem; the other takes its folder into its name (`capture.outnames`)."""
    cards = tmp_path / "cards"
    (cards / "a").mkdir(parents=True)
    (cards / "b").mkdir()
    save_card(cards / "a" / "card.png", PERSON_CARD)
    save_card(cards / "b" / "card.png", [("John Sample", 52), ("john@sample.org", 30)])
    summary = run_batch(cards, tmp_path / "out", Settings(engine="tesseract"), workers=1)
    assert {i.file: i.outputs for i in summary.items} == {"a/card.png": ("card",), "b/card.png": ("b__card",)}


@pytest.mark.parametrize("make", ["empty", "missing", "file"])
def test_a_folder_without_images_is_one_clear_error(tmp_path: Path, make: str) -> None:
    target = tmp_path / "cards"
    if make == "empty":
        target.mkdir()
        (target / "notes.txt").write_text("x")
    elif make == "file":
        target.write_text("x")
    with pytest.raises(InputFileError) as caught:
        run_batch(target, tmp_path / "out", Settings(engine="tesseract"))
    assert str(target) in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_the_manifest_keeps_every_item_and_drops_what_it_cannot_read(tmp_path: Path) -> None:
    done = BatchItem("a/card.jpg", "1" * 64, "ok", ("card",), ("Jane Example",), ("Acme",), 2, 1.5)
    failed = BatchItem("bad.jpg", "2" * 64, "failed", error="bad.jpg: is a PDF document")
    manifest = Manifest()
    manifest.record(done)
    manifest.record(failed)
    manifest.save(tmp_path)
    data = json.loads((tmp_path / MANIFEST_NAME).read_text())
    assert data["version"] == 1 and data["files"]["1" * 64]["outputs"] == ["card"]
    data["files"]["3" * 64] = {"file": "x.jpg", "sha256": "3" * 64, "status": "ok", "from_a_newer_run": 1}
    data["files"]["4" * 64] = {"file": "y.jpg"}  # no status: not an item
    data["files"]["5" * 64] = "not an entry"
    (tmp_path / MANIFEST_NAME).write_text(json.dumps(data))
    again = Manifest.load(tmp_path)
    assert again.items == {"1" * 64: done, "2" * 64: failed, "3" * 64: BatchItem("x.jpg", "3" * 64, "ok")}
    assert again.finished("1" * 64, tmp_path) is None  # its vCard is not there
    (tmp_path / "card.vcf").write_text("BEGIN:VCARD\r\nEND:VCARD\r\n")
    assert again.finished("1" * 64, tmp_path) == done
    renamed = BatchItem("b/card.jpg", "1" * 64, "skipped", ("card",))
    assert again.report_item(renamed) == BatchItem("b/card.jpg", "1" * 64, "ok", ("card",), ("Jane Example",),
                                                   ("Acme",), 2, 1.5)
    (tmp_path / MANIFEST_NAME).write_text("{not json")
    assert Manifest.load(tmp_path).items == {}


def test_the_manifest_is_saved_after_each_card_unless_saving_takes_over_the_batch(tmp_path: Path) -> None:
    def items(*names: str) -> Manifest:
        return Manifest({name: BatchItem(f"{name}.jpg", name, "ok") for name in names})

    ticks = iter([0.0, 10.0, 13.0, 14.0, 45.0, 46.0, 47.0, 48.0])
    saver = ManifestSaver(tmp_path, clock=lambda: next(ticks))  # construction reads 0.0
    saver.save(items("a"))  # 10 s since the start: saved, and the save took 3 s
    assert set(Manifest.load(tmp_path).items) == {"a"}
    saver.save(items("a", "b"))  # 1 s after a 3 s save: skipped
    assert set(Manifest.load(tmp_path).items) == {"a"}
    saver.save(items("a", "b", "c"))  # 32 s after it, more than ten times 3 s: saved
    assert set(Manifest.load(tmp_path).items) == {"a", "b", "c"}
    saver.save(items("d"), now=True)  # the end of the batch always saves
    assert set(Manifest.load(tmp_path).items) == {"d"}
