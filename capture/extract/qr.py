"""QR codes on the card (vCard, MeCard or a URL), decoded with OpenCV and merged: a QR beats OCR.

What a QR code encodes was typed by a person, not read from pixels, so its fields replace the OCR
reading of the same field; OCR items the QR code lacks (a second phone, say) are kept after it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher
from typing import Any

import cv2
import numpy as np
import phonenumbers
import vobject

from capture.contact import Address, Contact, Email, Evidence, PersonName, Phone, PhoneType, TextField, Website
from capture.extract.phones import digits_of
from capture.extract.websites import site_kind, url_host

QR_SOURCE = "qr"


def decode_payloads(image: np.ndarray) -> list[str]:
    """The texts of every QR code OpenCV finds on the image."""
    detector = cv2.QRCodeDetector()
    try:
        ok, texts, _, _ = detector.detectAndDecodeMulti(image)
    except cv2.error:
        ok, texts = False, ()
    payloads = [t for t in texts if t] if ok else []
    return payloads


def decode_qr(image: np.ndarray) -> Contact | None:
    """The contact a QR code on the card carries, or None when there is none (or it holds no contact)."""
    for payload in decode_payloads(image):
        contact = parse_payload(payload)
        if contact is not None and not contact.is_empty:
            return contact
    return None


def parse_payload(payload: str) -> Contact | None:
    text = payload.strip()
    if text.upper().startswith("BEGIN:VCARD"):
        return parse_vcard(text)
    if text.upper().startswith("MECARD:"):
        return parse_mecard(text)
    if re.match(r"^(?:https?://|www\.)\S+$", text, re.I):
        return Contact(websites=(Website(text, site_kind(url_host(text)), 1.0, evidence(text)),))
    if text.lower().startswith("mailto:"):
        return Contact(emails=(Email(text[7:].split("?")[0].lower(), 1.0, evidence(text)),))
    return None


def evidence(text: str) -> Evidence:
    return Evidence(text, None, QR_SOURCE)


def make_phone(value: str, kind: PhoneType, raw: str) -> Phone:
    value = value.removeprefix("tel:").strip()
    try:
        number = phonenumbers.parse(value, None if value.startswith("+") else "US")
        valid = phonenumbers.is_valid_number(number)
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        valid, e164 = False, digits_of(value)
    return Phone(e164 if valid else re.sub(r"[^\d+]", "", value), value, kind, "", valid, 1.0, evidence(raw))


def phone_kind(types: list[str]) -> PhoneType:
    lowered = {t.lower() for t in types}
    if "fax" in lowered:
        return PhoneType.FAX
    if lowered & {"cell", "mobile"}:
        return PhoneType.MOBILE
    if lowered & {"work", "voice", "main"}:
        return PhoneType.WORK
    return PhoneType.OTHER


def _types(item: Any) -> list[str]:
    return [t for value in item.params.get("TYPE", []) for t in str(value).split(",")]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v) for v in value if v)
    return str(value or "").strip()


def parse_vcard(text: str) -> Contact | None:
    try:
        card = next(vobject.readComponents(text))
    except Exception:
        return None
    contents = card.contents
    name = None
    if "n" in contents:
        n = contents["n"][0].value
        full = (
            _text(contents["fn"][0].value)
            if "fn" in contents
            else " ".join(p for p in (_text(n.prefix), _text(n.given), _text(n.additional), _text(n.family)) if p)
        )
        if _text(n.given) or _text(n.family):
            name = PersonName(
                full,
                _text(n.prefix),
                _text(n.given),
                _text(n.additional),
                _text(n.family),
                _text(n.suffix),
                1.0,
                evidence(full),
            )
    organization = department = None
    if "org" in contents:
        units = contents["org"][0].value
        units = units if isinstance(units, list) else [units]
        if units and units[0]:
            organization = TextField(str(units[0]), 1.0, evidence(str(units[0])))
        if len(units) > 1 and units[1]:
            department = TextField(str(units[1]), 1.0, evidence(str(units[1])))
    title = TextField(_text(contents["title"][0].value), 1.0, evidence("TITLE")) if "title" in contents else None
    phones = tuple(make_phone(_text(t.value), phone_kind(_types(t)), _text(t.value)) for t in contents.get("tel", []))
    emails = tuple(Email(_text(e.value).lower(), 1.0, evidence(_text(e.value))) for e in contents.get("email", []))
    websites = tuple(
        Website(_text(u.value), site_kind(url_host(_text(u.value))), 1.0, evidence(_text(u.value)))
        for u in contents.get("url", [])
    )
    addresses = []
    for adr in contents.get("adr", []):
        a = adr.value
        addresses.append(
            Address(
                street=_text(a.street),
                city=_text(a.city),
                region=_text(a.region),
                postal_code=_text(a.code),
                country=_text(a.country),
                raw=str(a),
                evidence=evidence(str(a)),
            )
        )
    return Contact(
        name=name,
        title=title,
        organization=organization,
        department=department,
        emails=emails,
        phones=phones,
        websites=websites,
        addresses=tuple(addresses),
    )


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


def parse_mecard(text: str) -> Contact:
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
            phones.append(make_phone(value, PhoneType.WORK, value))
        elif key == "EMAIL":
            emails.append(Email(value.lower(), 1.0, evidence(value)))
        elif key == "URL":
            websites.append(Website(value, site_kind(url_host(value)), 1.0, evidence(value)))
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


def _url_key(url: str) -> str:
    return re.sub(r"^[a-z]+://(?:www\.)?|^www\.", "", url.lower()).rstrip("/")


def merge_qr(contact: Contact, qr: Contact) -> Contact:
    """The OCR contact with the QR code's fields taking precedence; OCR-only list items kept after."""
    phones = list(qr.phones) + [
        p for p in contact.phones if not any(digits_of(p.e164)[-9:] == digits_of(q.e164)[-9:] for q in qr.phones)
    ]
    # an OCR email that is a misreading of the QR's one ("acrne" for "acme") is dropped, not kept
    emails = list(qr.emails) + [
        e
        for e in contact.emails
        if not any(SequenceMatcher(None, e.address, q.address).ratio() >= 0.85 for q in qr.emails)
    ]
    seen = {_url_key(w.url) for w in qr.websites}
    websites = list(qr.websites) + [w for w in contact.websites if _url_key(w.url) not in seen]
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
