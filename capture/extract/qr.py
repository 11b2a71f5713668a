"""QR codes on the card (vCard, MeCard or a URL), decoded with zxing-cpp and merged: a QR beats OCR.

What a QR code encodes was typed by a person, not read from pixels, so its fields replace the OCR
reading of the same field; OCR items the QR code lacks (a second phone, say) are kept after it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

import numpy as np
import vobject
import zxingcpp

from capture.contact import Address, Contact, Email, Evidence, PersonName, Phone, PhoneType, TextField, Website
from capture.export.vcardin import contact_from_vcard
from capture.normalize.phones import parse_phone, same_number
from capture.normalize.web import url_key, website_kind, website_problem

QR_SOURCE = "qr"
# An OCR email this alike the QR code's is that address misread ('acrne' for 'acme'): one or two
# letters off in an address of twenty or so.
MISREAD = 0.85


QR_ONLY = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)  # a card's other barcodes are not contacts


def decode_payloads(image: np.ndarray) -> list[str]:
    """The texts of every QR code on the image (BGR or gray), as typed into the code.

    zxing-cpp, not OpenCV's QR detector: on the dev card photos it took 2-3 ms a card against
    OpenCV's 25-30 ms (every card pays it, with or without a code), and of QR codes pasted onto
    those photos, slightly blurred and photographed at an angle, it read 66 of 67 where OpenCV read
    26 (and none that OpenCV read but it did not)."""
    codes = zxingcpp.read_barcodes(image, formats=QR_ONLY, text_mode=zxingcpp.TextMode.Plain)
    return [code.text for code in codes if code.text]


def qr_contact(payloads: tuple[str, ...] | list[str], region: str | None = None) -> Contact | None:
    """The contact the first QR code that holds one carries, or None; `region` is the country its
    phone numbers are dialled in when typed without '+'."""
    for payload in payloads:
        contact = parse_payload(payload, region)
        if contact is not None and not contact.is_empty:
            return contact
    return None


def parse_payload(payload: str, region: str | None = None) -> Contact | None:
    text = payload.strip()
    if text.upper().startswith("BEGIN:VCARD"):
        return parse_vcard(text, region)
    if text.upper().startswith("MECARD:"):
        return parse_mecard(text, region)
    if re.match(r"^(?:https?://|www\.)\S+$", text, re.I):
        return Contact(websites=(Website(text, website_kind(text), 1.0, evidence(text)),))
    if text.lower().startswith("mailto:"):
        return Contact(emails=(Email(text[7:].split("?")[0].lower(), 1.0, evidence(text)),))
    return None


def evidence(text: str) -> Evidence:
    return Evidence(text, None, QR_SOURCE)


def parse_vcard(text: str, region: str | None = None) -> Contact | None:
    """A vCard QR code: read as an imported vCard is (`capture.export.vcardin`), with the QR as source."""
    try:
        card = next(vobject.readComponents(text, validate=False))
    except Exception:  # vobject raises ParseError, StopIteration and plain ValueErrors alike
        return None
    return contact_from_vcard(card, QR_SOURCE, region)


def mecard_fields(text: str) -> list[tuple[str, str]]:
    """'MECARD:N:Doe,John;TEL:123;;' → [('N', 'Doe,John'), ('TEL', '123')] (backslash escapes honoured)."""
    body = text.split(":", 1)[1] if ":" in text else ""
    fields: list[tuple[str, str]] = []
    current = ""
    escaped = False
    for ch in body:
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            if ":" in current:
                key, value = current.split(":", 1)
                fields.append((key.strip().upper(), value.strip()))
            current = ""
        else:
            current += ch
    if ":" in current:
        key, value = current.split(":", 1)
        fields.append((key.strip().upper(), value.strip()))
    return fields


def parse_mecard(text: str, region: str | None = None) -> Contact:
    name = organization = title = None
    phones: list[Phone] = []
    emails: list[Email] = []
    websites: list[Website] = []
    addresses: list[Address] = []
    for key, value in mecard_fields(text):
        if not value:
            continue
        if key == "N":
            family, _, given = value.partition(",")
            full = f"{given.strip()} {family.strip()}".strip()
            name = PersonName(full, given=given.strip(), family=family.strip(), evidence=evidence(value))
        elif key == "TEL":
            phones.append(parse_phone(value, PhoneType.WORK, region, evidence(value)))
        elif key == "EMAIL":
            emails.append(Email(value.lower(), 1.0, evidence(value)))
        elif key == "URL" and not website_problem(value):
            websites.append(Website(value, website_kind(value), 1.0, evidence(value)))
        elif key == "ORG":
            organization = TextField(value, 1.0, evidence(value))
        elif key == "TITLE":
            title = TextField(value, 1.0, evidence(value))
        elif key == "ADR":
            parts = [p.strip() for p in value.split(",")]
            addresses.append(
                Address(street=", ".join(parts[:-3]) if len(parts) > 3 else value, raw=value, evidence=evidence(value))
            )
    return Contact(
        name=name,
        title=title,
        organization=organization,
        emails=tuple(emails),
        phones=tuple(phones),
        websites=tuple(websites),
        addresses=tuple(addresses),
    )


def merge_qr(contact: Contact, qr: Contact) -> Contact:
    """The OCR contact with the QR code's fields taking precedence; OCR-only list items kept after."""
    # A QR code's TEL without a kind (TYPE=VOICE or none) leaves the kind the card prints.
    phones = [
        next((replace(q, type=p.type) for p in contact.phones if same_number(p, q)), q)
        if q.type == PhoneType.OTHER
        else q
        for q in qr.phones
    ] + [p for p in contact.phones if not any(same_number(p, q) for q in qr.phones)]
    # an OCR email that is a misreading of the QR's one ("acrne" for "acme") is dropped, not kept
    emails = list(qr.emails) + [
        e
        for e in contact.emails
        if not any(SequenceMatcher(None, e.address.lower(), q.address.lower()).ratio() >= MISREAD for q in qr.emails)
    ]
    seen = {url_key(w.url) for w in qr.websites}
    websites = list(qr.websites) + [w for w in contact.websites if url_key(w.url) not in seen]
    return replace(
        contact,
        name=qr.name or contact.name,
        title=qr.title or contact.title,
        organization=qr.organization or contact.organization,
        department=qr.department or contact.department,
        phones=tuple(phones),
        emails=tuple(emails),
        websites=tuple(websites),
        addresses=qr.addresses or contact.addresses,
    )
