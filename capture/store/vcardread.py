"""vCards (3.0 or 4.0, one file may hold many) read back into `Contact` objects.

The inverse of `capture.export.vcard.contact_to_vcard` for every property it writes, so a
contact exported and imported again is the same contact (`vcard_fields` is the comparison).
What a vCard cannot carry (confidence, evidence, warnings, the printed form of a valid phone
number) comes back as confidence 1.0 with the evidence source "import".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers
import vobject

from capture.contact import (
    Address,
    Contact,
    Email,
    Evidence,
    PersonName,
    Phone,
    PhoneType,
    TextField,
    Website,
)
from capture.errors import InputFileError
from capture.extract.websites import site_kind, url_host


@dataclass(frozen=True)
class ParsedVcard:
    uid: str | None
    contact: Contact


def _evidence(text: str) -> Evidence:
    return Evidence(text, None, "import")


def _values(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def _types(item: Any) -> set[str]:
    found: set[str] = set()
    for value in item.params.get("TYPE", []):
        found.update(part.strip().upper() for part in str(value).split(","))
    return found


def _phone_type(types: set[str]) -> PhoneType:
    if "FAX" in types:
        return PhoneType.FAX
    if "CELL" in types:
        return PhoneType.MOBILE
    if "WORK" in types:
        return PhoneType.WORK
    return PhoneType.OTHER


def parse_phone(value: str, kind: PhoneType) -> Phone:
    """A TEL value ('+14155550100', 'tel:+1...;ext=12', '+1... x12' or free text) as a Phone."""
    text = value.strip().removeprefix("tel:")
    extension = ""
    match = re.search(r"(?:;ext=|\s+x)(\d+)$", text)
    if match:
        extension, text = match.group(1), text[: match.start()]
    try:
        number = phonenumbers.parse(text, None)
        valid = phonenumbers.is_valid_number(number)
    except phonenumbers.NumberParseException:
        valid = False
    if valid:
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return Phone(e164, text, kind, extension, True, 1.0, _evidence(value))
    return Phone(re.sub(r"\D", "", text), text, kind, extension, False, 1.0, _evidence(value))


def website_kind(url: str) -> str:
    """linkedin, twitter, ... or web: the same recognition a scanned card gets."""
    return site_kind(url_host(url))


def _name(card: Any, organization: str) -> PersonName | None:
    full = str(card.fn.value).strip() if "fn" in card.contents else ""
    n = card.n.value if "n" in card.contents else None
    parts: dict[str, Any] = {
        "prefix": str(getattr(n, "prefix", "") or ""),
        "given": str(getattr(n, "given", "") or ""),
        "middle": str(getattr(n, "additional", "") or ""),
        "family": str(getattr(n, "family", "") or ""),
        "suffix": str(getattr(n, "suffix", "") or ""),
    }
    # An exporter writes FN = the company (or "Unknown") for a card that names nobody.
    if not any(parts.values()) and (not full or full in (organization, "Unknown") or "@" in full):
        return None
    return PersonName(full or " ".join(p for p in parts.values() if p), **parts, evidence=_evidence(full))


def _org(card: Any) -> tuple[str, str]:
    if "org" not in card.contents:
        return "", ""
    value = card.org.value
    parts = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return (parts[0] if parts else ""), (parts[1] if len(parts) > 1 else "")


def _text_field(value: str) -> TextField | None:
    return TextField(value, 1.0, _evidence(value)) if value else None


def _address(item: Any) -> Address:
    adr = item.value
    label = item.params.get("X-LABEL", [""])[0]

    def part(name: str) -> str:
        value = getattr(adr, name, "") or ""
        return ", ".join(value) if isinstance(value, list) else str(value)

    fields: dict[str, Any] = {
        "street": part("street"),
        "city": part("city"),
        "region": part("region"),
        "postal_code": part("code"),
        "country": part("country"),
    }
    raw = "\n".join(v for v in fields.values() if v)
    return Address(**fields, label=label, raw=raw, evidence=_evidence(raw))


def card_to_contact(card: Any) -> ParsedVcard:
    """One parsed vobject vCard as a Contact, with its UID when it has one."""
    org, department = _org(card)
    uid = str(card.uid.value).strip() if "uid" in card.contents else None
    note = "\n".join(str(item.value) for item in _values(card, "note"))
    contact = Contact(
        name=_name(card, org),
        title=_text_field(str(card.title.value).strip()) if "title" in card.contents else None,
        organization=_text_field(org),
        department=_text_field(department),
        emails=tuple(
            Email(str(e.value).strip(), 1.0, _evidence(str(e.value))) for e in _values(card, "email") if e.value
        ),
        phones=tuple(parse_phone(str(t.value), _phone_type(_types(t))) for t in _values(card, "tel") if t.value),
        websites=tuple(
            Website(str(u.value), website_kind(str(u.value)), 1.0, _evidence(str(u.value)))
            for u in _values(card, "url")
            if u.value
        ),
        addresses=tuple(_address(a) for a in _values(card, "adr")),
        note=note,
    )
    return ParsedVcard(uid or None, contact)


def parse_vcards(text: str, source: str = "<text>") -> list[ParsedVcard]:
    """Every vCard in `text`; raises InputFileError naming `source` when it is not vCard data."""
    try:
        cards = list(vobject.readComponents(text, validate=False))
    except Exception as error:  # vobject raises ParseError and plain ValueErrors alike
        raise InputFileError(source, f"is not a valid vCard file ({error}).") from error
    parsed = [card_to_contact(card) for card in cards if card.name.upper() == "VCARD"]
    if not parsed:
        raise InputFileError(source, "holds no vCard (BEGIN:VCARD ... END:VCARD).")
    return parsed


def read_vcf(path: str | Path) -> list[ParsedVcard]:
    """Every vCard in a .vcf file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputFileError(path, f"cannot be read as a UTF-8 vCard file ({error}).") from error
    return parse_vcards(text, str(path))


def vcard_fields(contact: Contact) -> dict[str, Any]:
    """What a vCard carries of a contact: the projection two contacts are compared by."""
    name = contact.name
    return {
        "fn": contact.formatted_name,
        "name": (name.prefix, name.given, name.middle, name.family, name.suffix) if name else None,
        "title": contact.title.value if contact.title else "",
        "organization": contact.organization.value if contact.organization else "",
        "department": contact.department.value if contact.department else "",
        "emails": [e.address for e in contact.emails],
        # A vCard carries a number that failed validation as printed, not as digits.
        "phones": [(p.e164 if p.valid else p.raw.strip(), str(p.type), p.extension, p.valid) for p in contact.phones],
        "websites": [w.url for w in contact.websites],
        "addresses": [(a.street, a.city, a.region, a.postal_code, a.country, a.label) for a in contact.addresses],
        "note": contact.note,
    }
