"""vCard files and address-book data (3.0 or 4.0, one file may hold many) read back into
`Contact` objects with `capture.export.vcardin`, so a contact exported and imported again is the same
contact (`vcard_fields` is the comparison).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vobject

from capture.contact import Contact
from capture.errors import InputFileError
from capture.export.vcardin import IMPORT_SOURCE, contact_from_vcard


@dataclass(frozen=True)
class ParsedVcard:
    uid: str | None
    contact: Contact


def card_to_contact(card: Any) -> ParsedVcard:
    """One parsed vobject vCard as a Contact, with its UID when it has one."""
    uid = str(card.uid.value).strip() if "uid" in card.contents else None
    return ParsedVcard(uid or None, contact_from_vcard(card, IMPORT_SOURCE))


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
