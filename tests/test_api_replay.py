"""A card's OCR reading replayed through `api.contact_from_pages` gives the contact the scan gave:
what the cross-validation bench relies on to score extraction changes without reading images."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from capture.api import contact_from_pages, scan_image
from capture.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "cards"
sys.path.insert(0, str(ROOT / "scripts"))

from readings import load, store  # noqa: E402  (the cross-validation bench's cache of readings)


def flat_cards() -> list[dict]:
    labels = [json.loads(line) for line in (SAMPLES / "labels.jsonl").read_text().splitlines() if line.strip()]
    return [label for label in labels if "flat" in label["image"]]


@pytest.mark.slow
@pytest.mark.xdist_group("ppocr")
@pytest.mark.parametrize(("index", "engine"), [(0, "both"), (1, "tesseract")])
def test_replayed_reading_gives_the_same_contact(index: int, engine: str, tmp_path: Path) -> None:
    label = flat_cards()[index]
    settings = Settings(region=label["region"], engine=engine)  # type: ignore[arg-type]
    (result,) = scan_image(SAMPLES / label["image"], settings)
    assert len(result.pages) == (2 if engine == "both" else 1)
    assert [page.engine for page in result.pages] == (["tesseract", "ppocr"] if engine == "both" else ["tesseract"])
    assert contact_from_pages(result.pages, result.qr, settings) == result.contact
    # the cache keeps the reading as JSON and gives it back exactly
    store(str(tmp_path / "reading.json"), label["id"], label["region"], [result])
    ((pages, qr),) = load(tmp_path / "reading.json").cards
    assert pages == result.pages and qr == result.qr
    assert [page.extra for page in pages] == [page.extra for page in result.pages]
