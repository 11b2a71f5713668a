"""The `cardcap` command end to end, in a subprocess, with the real Tesseract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import vobject
from cardimages import PERSON_CARD, save_card
from PIL import Image

pytestmark = pytest.mark.slow  # cardcap in a subprocess, reading cards with the real Tesseract

CARDCAP = [sys.executable, "-m", "capture.cli"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`cardcap ARGS`; scan and batch read with Tesseract alone (no test here is about the engine)."""
    if args and args[0] in ("scan", "batch") and "--engine" not in args:
        args = (args[0], "--engine", "tesseract", *args[1:])
    env = dict(os.environ, COLUMNS="200")
    return subprocess.run([*CARDCAP, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


@pytest.fixture
def card(tmp_path: Path) -> Path:
    return save_card(tmp_path / "jane.png", PERSON_CARD)


def test_scan_prints_a_vcard_vobject_parses(card: Path) -> None:
    done = run("scan", str(card))
    assert done.returncode == 0, done.stderr
    parsed = vobject.readOne(done.stdout)
    assert parsed.version.value == "3.0"
    assert parsed.email.value == "jane.example@example.com"
    assert parsed.tel.value == "+14155550134"
    command = [*CARDCAP, "scan", "--engine", "tesseract", str(card)]
    raw = subprocess.run(command, capture_output=True, timeout=300).stdout
    assert raw.count(b"\r\n") == raw.count(b"\n")  # RFC 2426: CRLF line ends


def test_scan_json_and_output_file(card: Path, tmp_path: Path) -> None:
    target = tmp_path / "jane.json"
    done = run("scan", str(card), "--format", "json", "-o", str(target))
    assert done.returncode == 0, done.stderr
    record = json.loads(target.read_text())
    assert record["sha256"] and record["contact"]["emails"][0]["address"] == "jane.example@example.com"


def test_region_changes_how_national_numbers_are_read(tmp_path: Path) -> None:
    card = save_card(tmp_path / "uk.png", [("Oliver Sample", 52), ("Tel 020 7946 0321", 32)])
    uk = vobject.readOne(run("scan", str(card), "--region", "GB").stdout)
    assert uk.tel.value == "+442079460321"


def test_bad_files_exit_non_zero_with_one_sentence_each(card: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "scan.jpg"
    pdf.write_bytes(b"%PDF-1.4\n")
    blank = tmp_path / "blank.png"
    Image.new("RGB", (800, 500), "white").save(blank)
    done = run("scan", str(pdf), str(blank), str(card))
    assert done.returncode == 1  # some failed, some printed
    errors = done.stderr.strip().splitlines()
    assert errors == [
        f"cardcap: {pdf}: is a PDF document, not an image; export the page as JPEG or PNG first",
        f"cardcap: {blank}: has no readable text; is it a business card, in focus and well lit?",
    ]
    assert "Traceback" not in done.stderr
    assert vobject.readOne(done.stdout).email.value == "jane.example@example.com"
    assert run("scan", str(pdf)).returncode == 3
    assert run("scan", str(blank)).returncode == 4


def test_invalid_option_values_are_refused(card: Path) -> None:
    done = run("scan", str(card), "--region", "Narnia")
    assert done.returncode == 6 and "not a known ISO 3166" in done.stderr
    assert run("scan", str(card), "--format", "xml").returncode == 2


def test_batch_command_table_json_and_exit_code(card: Path, tmp_path: Path) -> None:
    folder = card.parent
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0garbage")
    out = tmp_path / "out"
    done = run("batch", str(folder), "--out", str(out), "--workers", "1")
    assert done.returncode == 1
    assert "Jane" in done.stdout and "broken.jpg" in done.stdout
    again = run("batch", str(folder), "--out", str(out), "--json")
    summary = json.loads(again.stdout)
    assert {f["file"]: f["status"] for f in summary["files"]} == {"jane.png": "skipped", "broken.jpg": "failed"}
    empty = tmp_path / "empty"
    empty.mkdir()
    none = run("batch", str(empty), "--out", str(out))
    assert none.returncode == 3 and "contains no images" in none.stderr


def test_help_teaches_with_examples() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "Exit codes" in done.stdout and "cardcap scan card.jpg" in done.stdout
    assert "Examples" in run("batch", "--help").stdout


def test_embed_photo_and_note_are_opt_in(card: Path) -> None:
    plain = vobject.readOne(run("scan", str(card)).stdout)
    assert "photo" not in plain.contents and "note" not in plain.contents
    rich = vobject.readOne(run("scan", str(card), "--embed-photo", "--note").stdout)
    photo = rich.photo.value
    assert isinstance(photo, bytes) and photo.startswith(b"\xff\xd8")  # a JPEG of the card
    assert "jane.example@example.com" in rich.note.value


def test_debug_dir_gets_an_image_per_stage(card: Path, tmp_path: Path) -> None:
    debug = tmp_path / "debug"
    assert run("scan", str(card), "--debug-dir", str(debug)).returncode == 0
    names = sorted(p.name for p in debug.glob("*.png"))
    assert any(".1-card" in n or ".2-upright" in n for n in names), names
    assert len(names) >= 3
