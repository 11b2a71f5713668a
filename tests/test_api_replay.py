"""A card's OCR reading replayed through `api.contact_from_pages` gives the contact the scan gave:
what the cross-validation bench relies on to score extraction changes without reading images."""

from __future__ import annotations

from pathlib import Path

import pytest

from capture.api import contact_from_pages, scan_image
from capture.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "cards"


@pytest.mark.parametrize(("image", "region", "engine"), [("S_01_US_flat.jpg", "US", "both"),
                                                          ("S_05_BR_flat.jpg", "BR", "tesseract")])
def test_replayed_reading_gives_the_same_contact(image: str, region: str, engine: str) -> None:
    settings = Settings(region=region, engine=engine)  # type: ignore[arg-type]
    (result,) = scan_image(SAMPLES / image, settings)
    assert len(result.pages) == (2 if engine == "both" else 1)
    assert [page.engine for page in result.pages] == (["tesseract", "ppocr"] if engine == "both" else ["tesseract"])
    assert contact_from_pages(result.pages, result.qr, settings) == result.contact
