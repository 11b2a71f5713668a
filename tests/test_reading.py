"""The OCR stage's result (`CardReading`): an exact JSON form, and extraction run on it without OCR."""

from __future__ import annotations

import json

import pytest

from capture.api import contact_from_reading, extract_pages
from capture.contact import PhoneType
from capture.ocr.result import OcrLine, OcrPage, OcrWord
from capture.reading import CardReading, page_from_json, page_to_json, reading_from_json, reading_to_json
from capture.settings import Settings
from tests.extractpages import make_page, stacked

CARD = stacked(
    ["Jane A. Doe", "Senior Software Engineer", "Acme Widgets, Inc.", "T: (415) 555-0100", "jane.doe@acmewidgets.com"],
    sizes={0: 70},
)
VCARD_QR = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nN:Doe;Jane;;;\r\nTEL;TYPE=CELL:+14155550123\r\nEND:VCARD\r\n"


def reading(*pages: OcrPage, qr: tuple[str, ...] = ()) -> CardReading:
    return CardReading("card.jpg", "ab" * 32, 1, 1, pages, qr, b"\xff\xd8 a jpeg")


def through_json(value: CardReading) -> CardReading:
    return reading_from_json(json.loads(json.dumps(reading_to_json(value))))


def test_json_gives_back_every_word_box_confidence_and_the_picture() -> None:
    odd = OcrLine((OcrWord("Søren", (1, 2, 30, 14), 0.123456789), OcrWord("Ø", (31, 2, 40, 14), 1.0)), (1, 2, 40, 14),
                  0.5617, block=3, engine="ppocr")
    page = OcrPage((odd,), 640, 400, "ppocr", rotation=180, extra={"variant": "gray", "tried": "gray:3"})
    first = make_page(CARD, engine="tesseract")
    original = reading(OcrPage(first.lines, first.width, first.height, "tesseract", rotation=180), page, qr=(VCARD_QR,))
    again = through_json(original)
    assert again == original
    assert [p.extra for p in again.pages] == [p.extra for p in original.pages]  # (extra is left out of ==)
    assert again.primary == "tesseract" and again.rotation == 180


def test_a_page_json_is_readable_and_exact() -> None:
    page = make_page(CARD)
    data = page_to_json(page)
    assert data["lines"][0]["text"] == "Jane A. Doe" and data["lines"][0]["words"][1]["text"] == "A."
    assert page_from_json(json.loads(json.dumps(data))) == page


def test_a_line_stored_without_words_becomes_one_word() -> None:
    """JSON records from before words were kept (record version 1) are still read."""
    page = page_from_json({"width": 10, "height": 10, "lines": [{"text": "Jane Doe", "box": [1, 2, 3, 4],
                                                                  "confidence": 0.9}]})
    assert page.text == "Jane Doe" and page.lines[0].words == (OcrWord("Jane Doe", (1, 2, 3, 4), 0.9),)


def test_other_json_is_refused() -> None:
    with pytest.raises(ValueError, match="not a cardcap-reading"):
        reading_from_json({"format": "something-else", "version": 1})


def test_a_reading_needs_pages_that_share_one_rotation() -> None:
    with pytest.raises(ValueError):
        reading()
    with pytest.raises(ValueError):
        reading(make_page(CARD), OcrPage((), 10, 10, "ppocr", rotation=180))


def test_extraction_needs_no_ocr() -> None:
    contact = contact_from_reading(reading(make_page(CARD)), Settings(region="US"))
    assert contact.name is not None and contact.name.full == "Jane A. Doe"
    assert [p.e164 for p in contact.phones] == ["+14155550100"]
    assert [e.address for e in contact.emails] == ["jane.doe@acmewidgets.com"]


def test_both_mode_reconciles_the_two_pages_and_shows_the_one_that_gave_more() -> None:
    tesseract = make_page(stacked(["Jane A. Doe", "T: (415) 555-0100"], sizes={0: 70}), engine="tesseract")
    ppocr = make_page(CARD, engine="ppocr")
    contact, page = extract_pages((tesseract, ppocr), None, Settings(region="US"))
    assert [e.address for e in contact.emails] == ["jane.doe@acmewidgets.com"]  # only PP-OCR read it
    assert contact.emails[0].evidence is not None and contact.emails[0].evidence.source == "ppocr"
    assert page is ppocr


def test_a_qr_code_beats_what_ocr_read() -> None:
    contact = contact_from_reading(reading(make_page(CARD), qr=("not a contact", VCARD_QR)), Settings(region="US"))
    assert (contact.phones[0].e164, contact.phones[0].type) == ("+14155550123", PhoneType.MOBILE)
    assert contact.phones[0].evidence is not None and contact.phones[0].evidence.source == "qr"
    assert "+14155550100" in {p.e164 for p in contact.phones}  # what only OCR read is kept after it
