"""vCard files and address-book data (2.1, 3.0 or 4.0, one file may hold many) read back into
`Contact` objects with `capture.export.vcardin`, so a contact exported and imported again is the same
contact (`vcard_fields` is the comparison). `capture.store.vcardlines` first turns each card into
clean 3.0 text (quoted-printable, charsets, size limits), then vobject parses it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

import vobject

from capture.contact import Contact
from capture.errors import InputFileError, unreadable_problem
from capture.export.vcardin import IMPORT_SOURCE, contact_from_vcard
from capture.store.vcardlines import CardText, VcardLimits, VcardSyntaxError, read_cards


@dataclass(frozen=True)
class ParsedVcard:
    uid: str | None
    contact: Contact
    warnings: tuple[str, ...] = ()  # what was cut or left out while reading it, one sentence each


def card_to_contact(card: Any) -> ParsedVcard:
    """One parsed vobject vCard as a Contact, with its UID when it has one."""
    uid = str(card.uid.value).strip() if "uid" in card.contents else None
    return ParsedVcard(uid or None, contact_from_vcard(card, IMPORT_SOURCE))


def parse_card(card: CardText, source: str) -> ParsedVcard:
    """One card's clean 3.0 text (`capture.store.vcardlines`) as a Contact; the warnings about
    values cut or left out go on the contact (for review) and into the result (for the caller)."""
    try:
        parsed = card_to_contact(vobject.readOne(card.text, validate=False))
    except Exception as error:  # vobject raises ParseError and plain ValueErrors alike
        raise InputFileError(source, f"card {card.number} (line {card.line}) is not a valid vCard ({error}).") from None
    contact = parsed.contact
    name = f" ({contact.formatted_name})" if contact.formatted_name else ""
    sentences = []
    for prop, sentence in card.warnings:
        contact = contact.with_warning(prop.lower() if prop == "NOTE" else "", f"On import, {sentence}.")
        sentences.append(f"card {card.number}{name}: {sentence}")
    return replace(parsed, contact=contact, warnings=tuple(sentences))


def parse_stream(stream: BinaryIO, source: str, limits: VcardLimits | None = None) -> list[ParsedVcard]:
    """Every vCard in a binary stream (2.1, 3.0 or 4.0); raises InputFileError naming `source`
    when it is not vCard data."""
    try:
        parsed = [parse_card(card, source) for card in read_cards(stream, limits)]
    except VcardSyntaxError as error:
        raise InputFileError(source, f"is not a valid vCard file ({error}).") from None
    if not parsed:
        raise InputFileError(source, "holds no vCard (BEGIN:VCARD ... END:VCARD).")
    return parsed


def parse_vcards(text: str, source: str = "<text>") -> list[ParsedVcard]:
    """Every vCard in `text`; raises InputFileError naming `source` when it is not vCard data."""
    return parse_stream(io.BytesIO(text.encode("utf-8", "surrogatepass")), source)


def read_vcf(path: str | Path, limits: VcardLimits | None = None) -> list[ParsedVcard]:
    """Every vCard in a .vcf file, read in pieces (a huge value never sits in memory whole)."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            return parse_stream(stream, str(path), limits)
    except OSError as error:
        raise InputFileError(path, unreadable_problem(error) + ".") from None


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
