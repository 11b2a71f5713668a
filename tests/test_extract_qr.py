"""QR codes: a code generated in the test, decoded from an image, merged over the OCR reading."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from capture.contact import Contact, Email, PersonName, Phone, PhoneType, TextField
from capture.extract.qr import decode_payloads, merge_qr, parse_payload, qr_contact

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;Dr.;\r\nFN:Dr. Jane Doe\r\nORG:Acme Inc.;Research\r\n"
    "TITLE:CTO\r\nTEL;TYPE=CELL:+14155550123\r\nTEL;TYPE=WORK,FAX:+14155550199\r\nEMAIL:jane@acme.com\r\n"
    "URL:https://acme.com\r\nEND:VCARD\r\n"
)


def decode_qr(image: np.ndarray) -> Contact | None:
    return qr_contact(decode_payloads(image))


def card_with_qr(payload: str) -> np.ndarray:
    """A white card-sized image with the QR code printed at its right."""
    code = cv2.QRCodeEncoder.create().encode(payload)
    code = cv2.resize(code, None, fx=6, fy=6, interpolation=cv2.INTER_NEAREST)
    card = np.full((700, 1200, 3), 255, np.uint8)
    h, w = code.shape[:2]
    card[100 : 100 + h, 1100 - w : 1100] = cv2.cvtColor(code, cv2.COLOR_GRAY2BGR)
    cv2.putText(card, "Jane Doe", (60, 200), cv2.FONT_HERSHEY_SIMPLEX, 2.0, (0, 0, 0), 4)
    return card


def test_vcard_qr_is_decoded() -> None:
    contact = decode_qr(card_with_qr(VCARD))
    assert contact is not None
    assert contact.name is not None and (contact.name.given, contact.name.family) == ("Jane", "Doe")
    assert contact.organization and contact.organization.value == "Acme Inc."
    assert contact.department and contact.department.value == "Research"
    assert [(p.e164, p.type) for p in contact.phones] == [
        ("+14155550123", PhoneType.MOBILE),
        ("+14155550199", PhoneType.FAX),
    ]
    assert contact.emails[0].address == "jane@acme.com"
    assert contact.emails[0].evidence and contact.emails[0].evidence.source == "qr"


def test_mecard_and_url_qr() -> None:
    mecard = decode_qr(
        card_with_qr("MECARD:N:Souza,Ana;TEL:+5511998765432;EMAIL:ana@nove.com.br;URL:https://nove.com.br;;")
    )
    assert mecard is not None and mecard.name is not None
    assert (mecard.name.given, mecard.name.family) == ("Ana", "Souza")
    assert mecard.phones[0].e164 == "+5511998765432"
    url = decode_qr(card_with_qr("https://www.linkedin.com/in/ana-souza"))
    assert url is not None and url.websites[0].kind == "linkedin"


def photographed(card: np.ndarray) -> np.ndarray:
    """The card as a phone photographs it: at an angle, smaller, slightly out of focus."""
    h, w = card.shape[:2]
    corners = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    seen = np.float32([[60, 20], [w - 10, 70], [w - 40, h - 10], [20, h - 60]])
    tilted = cv2.warpPerspective(card, cv2.getPerspectiveTransform(corners, seen), (w, h), borderValue=(90, 90, 90))
    return cv2.GaussianBlur(cv2.resize(tilted, None, fx=0.6, fy=0.6, interpolation=cv2.INTER_AREA), (5, 5), 0)


def test_a_photographed_qr_code_at_an_angle_is_decoded() -> None:
    contact = decode_qr(photographed(card_with_qr(VCARD)))
    assert contact is not None and contact.emails[0].address == "jane@acme.com"


def test_two_qr_codes_give_both_payloads() -> None:
    first, second = card_with_qr("https://www.example.com/a"), card_with_qr("https://www.example.com/b")
    both = np.vstack([first, second])
    assert sorted(decode_payloads(both)) == ["https://www.example.com/a", "https://www.example.com/b"]


def test_card_without_qr_gives_nothing() -> None:
    assert decode_qr(np.full((600, 1000, 3), 255, np.uint8)) is None


@pytest.mark.parametrize("payload", ["hello world", "BEGIN:VCARD\r\nbroken", "12345"])
def test_payloads_that_are_no_contact(payload: str) -> None:
    parsed = parse_payload(payload)
    assert parsed is None or parsed.is_empty


def test_qr_beats_ocr_and_keeps_ocr_extras() -> None:
    ocr = Contact(
        name=PersonName("Jane Dae", given="Jane", family="Dae", confidence=0.6),
        title=TextField("CT0", 0.5),
        phones=(Phone("+14155550123", "415 555 0123", PhoneType.WORK), Phone("+14155550777", "415 555 0777")),
        emails=(Email("jane@acrne.com", 0.5),),
    )
    qr = parse_payload(VCARD)
    assert qr is not None
    merged = merge_qr(ocr, qr)
    assert merged.name == qr.name and merged.title == qr.title
    assert [p.e164 for p in merged.phones] == ["+14155550123", "+14155550199", "+14155550777"]
    assert merged.phones[0].type == PhoneType.MOBILE  # the QR's type wins for the same number
    assert [e.address for e in merged.emails] == ["jane@acme.com"]  # the OCR misreading is dropped


@pytest.mark.parametrize(
    ("tel", "region", "e164", "valid"),
    [
        ("0711 7729292", "DE", "+497117729292", True),  # typed the way the card's country dials it
        ("(212) 555-0147", "US", "+12125550147", True),
        ("+44 20 7946 0958", "DE", "+442079460958", True),  # a '+' number ignores the region
        ("0711 7729292", None, "07117729292", False),  # no region: no guess, kept as typed
    ],
)
def test_qr_vcard_phones_are_read_in_the_cards_country(tel: str, region: str | None, e164: str, valid: bool) -> None:
    payload = f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Braun\r\nN:Braun;Anna;;;\r\nTEL;TYPE=WORK:{tel}\r\nEND:VCARD\r\n"
    contact = parse_payload(payload, region)
    assert contact is not None
    (phone,) = contact.phones
    assert (phone.e164, phone.valid, phone.type) == (e164, valid, PhoneType.WORK)
    assert phone.evidence is not None and phone.evidence.source == "qr"


def test_a_qr_number_of_no_kind_keeps_the_kind_the_card_prints() -> None:
    ocr = Contact(phones=(Phone("+14155550123", "415 555 0123", PhoneType.MOBILE),))
    qr = parse_payload("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nTEL:+14155550123\r\nEND:VCARD\r\n")
    assert qr is not None and qr.phones[0].type == PhoneType.OTHER
    merged = merge_qr(ocr, qr)
    assert [(p.e164, p.type) for p in merged.phones] == [("+14155550123", PhoneType.MOBILE)]
    assert merged.phones[0].evidence is not None and merged.phones[0].evidence.source == "qr"


def test_a_qr_email_typed_in_capitals_replaces_the_ocr_reading_of_it() -> None:
    ocr = Contact(emails=(Email("jane.doe@acme.com", 0.9),))
    qr = parse_payload("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL:Jane.Doe@Acme.COM\r\nEND:VCARD\r\n")
    assert qr is not None
    assert [e.address for e in merge_qr(ocr, qr).emails] == ["Jane.Doe@Acme.COM"]
