"""vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) out, through vobject (CRLF, folding, escaping, UTF-8)."""

from __future__ import annotations

import base64
import uuid

import vobject

from capture.contact import Contact, PhoneType

VCARD3_TEL_TYPES = {
    PhoneType.WORK: ["WORK", "VOICE"],
    PhoneType.MOBILE: ["CELL", "VOICE"],
    PhoneType.FAX: ["WORK", "FAX"],
    PhoneType.OTHER: ["VOICE"],
}
VCARD4_TEL_TYPES = {
    PhoneType.WORK: ["work", "voice"],
    PhoneType.MOBILE: ["cell", "voice"],
    PhoneType.FAX: ["work", "fax"],
    PhoneType.OTHER: ["voice"],
}


def contact_to_vcard(
    contact: Contact,
    *,
    version: str = "3.0",
    uid: str | None = None,
    photo_jpeg: bytes | None = None,
    note: str | None = None,
) -> str:
    """One vCard as text. FN is the person, or the company on a card that names nobody."""
    card = vobject.vCard()
    card.add("version").value = version
    if uid:
        card.add("uid").value = uid
    card.add("fn").value = contact.formatted_name or "Unknown"
    name = contact.name
    card.add("n").value = vobject.vcard.Name(
        family=name.family if name else "",
        given=name.given if name else "",
        additional=name.middle if name else "",
        prefix=name.prefix if name else "",
        suffix=name.suffix if name else "",
    )
    if contact.organization or contact.department:
        org = card.add("org")
        org.value = [contact.organization.value if contact.organization else ""]
        if contact.department:
            org.value.append(contact.department.value)
    if contact.title:
        card.add("title").value = contact.title.value
    tel_types = VCARD4_TEL_TYPES if version == "4.0" else VCARD3_TEL_TYPES
    for phone in contact.phones:
        tel = card.add("tel")
        value = phone.e164 if phone.valid else phone.raw
        if phone.extension:
            value += f";ext={phone.extension}" if version == "4.0" else f" x{phone.extension}"
        tel.value = f"tel:{value}" if version == "4.0" and phone.valid else value
        if version == "4.0" and phone.valid:
            tel.params["VALUE"] = ["uri"]
        tel.type_param = tel_types[phone.type]
    for email in contact.emails:
        item = card.add("email")
        item.value = email.address
        item.type_param = ["INTERNET", "WORK"] if version == "3.0" else ["work"]
    for site in contact.websites:
        card.add("url").value = site.url
    for address in contact.addresses:
        adr = card.add("adr")
        adr.value = vobject.vcard.Address(
            street=address.street,
            city=address.city,
            region=address.region,
            code=address.postal_code,
            country=address.country,
        )
        adr.type_param = ["WORK"] if version == "3.0" else ["work"]
        if address.label:
            adr.params["X-LABEL"] = [address.label]
    if note:
        card.add("note").value = note
    if photo_jpeg:
        photo = card.add("photo")
        if version == "4.0":
            photo.value = "data:image/jpeg;base64," + base64.b64encode(photo_jpeg).decode("ascii")
        else:
            photo.value = photo_jpeg
            photo.encoding_param = "b"
            photo.type_param = "JPEG"
    text: str = card.serialize()
    return text


def join_vcards(cards: list[str]) -> str:
    """Several vCards as one valid .vcf file."""
    return "".join(card if card.endswith("\r\n") else card + "\r\n" for card in cards)


def new_uid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"
