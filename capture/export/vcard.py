"""vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) out: CRLF line ends, lines folded at 75 octets, text
values escaped (backslash, comma, semicolon, newline), UTF-8.

Written by hand rather than through vobject, because vobject escapes URI values (a vCard 4.0
`tel:` or `data:` URI must not be escaped) and does not fold long base64 lines; the tests parse
every card back with vobject. FN is the person, or the company on a card that names nobody
(never an invented "Unknown" person); ORG carries the department as its second unit, as address
books read it; the card image goes in PHOTO only when asked (`--embed-photo`), the raw OCR text in
NOTE only when asked. A name printed in its own script and in Latin letters (山田 太郎 / Taro
Yamada) is written in its own script in N and FN, the Latin form as its reading: X-PHONETIC-FIRST-NAME
and X-PHONETIC-LAST-NAME (Apple, Google) and, in vCard 4.0, N's SORT-AS.
"""

from __future__ import annotations

import base64
import uuid

from capture.contact import Contact, PhoneType
from capture.normalize.web import exportable

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
FOLD_OCTETS = 75


def escape_text(value: str) -> str:
    """RFC 6350 §3.4 / RFC 2426 §4: backslash, comma, semicolon and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def compound(*parts: str) -> str:
    """A structured value (N, ADR, ORG): escaped components joined by ';'."""
    return ";".join(escape_text(p or "") for p in parts)


def param_value(value: str) -> str:
    """Parameter values with ':', ';' or ',' are quoted; quotes themselves cannot appear."""
    value = value.replace('"', "'").replace("\r", " ").replace("\n", " ")
    return f'"{value}"' if any(ch in value for ch in ":;,") else value


def content_line(name: str, value: str, params: list[tuple[str, list[str]]] | None = None) -> str:
    head = name
    for key, values in params or []:
        head += f";{key}=" + ",".join(param_value(v) for v in values)
    return f"{head}:{value}"


def fold(line: str) -> str:
    """Fold one content line at 75 octets, never inside a UTF-8 character (RFC 6350 §3.2)."""
    out: list[str] = []
    current = ""
    size = 0
    limit = FOLD_OCTETS
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = "", 0, FOLD_OCTETS - 1  # continuation lines start with a space
        current += ch
        size += width
    out.append(current)
    return "\r\n ".join(out)


def photo_line(version: str, photo_jpeg: bytes) -> str:
    data = base64.b64encode(photo_jpeg).decode("ascii")
    if version == "4.0":
        return content_line("PHOTO", f"data:image/jpeg;base64,{data}")
    return content_line("PHOTO", data, [("ENCODING", ["b"]), ("TYPE", ["JPEG"])])


def contact_lines(contact: Contact, version: str) -> list[str]:
    """The content lines describing the contact itself (no BEGIN/VERSION/END)."""
    v4 = version == "4.0"
    name = contact.name
    # FN: the person, else the company; never the email address dressed up as a person's name
    display = name.full if name and name.full else contact.organization.value if contact.organization else ""
    lines = [content_line("FN", escape_text(display))]
    phonetic = (name.phonetic_family, name.phonetic_given) if name else ("", "")
    # vCard 4.0 sorts a name by its reading (RFC 6350 §5.9); 3.0 has no such parameter
    sort_as = [("SORT-AS", [",".join(p for p in phonetic if p)])] if v4 and any(phonetic) else None
    lines.append(
        content_line(
            "N",
            compound(
                name.family if name else "",
                name.given if name else "",
                name.middle if name else "",
                name.prefix if name else "",
                name.suffix if name else "",
            ),
            sort_as,
        )
    )
    # the name in Latin letters where Apple's and Google's address books keep a name's reading
    if phonetic[1]:
        lines.append(content_line("X-PHONETIC-FIRST-NAME", escape_text(phonetic[1])))
    if phonetic[0]:
        lines.append(content_line("X-PHONETIC-LAST-NAME", escape_text(phonetic[0])))
    if not (name and name.full) and contact.organization:
        # a business card without a person: address books then file it as a company
        lines.append(content_line("KIND", "org") if v4 else content_line("X-ABSHOWAS", "COMPANY"))
    if contact.organization or contact.department:
        units = [contact.organization.value if contact.organization else ""]
        if contact.department:
            units.append(contact.department.value)
        lines.append(content_line("ORG", compound(*units)))
    if contact.title:
        lines.append(content_line("TITLE", escape_text(contact.title.value)))
    tel_types = VCARD4_TEL_TYPES if v4 else VCARD3_TEL_TYPES
    for phone in contact.phones:
        tel_param = ("TYPE", tel_types[phone.type])
        if v4 and phone.valid:
            uri = f"tel:{phone.e164}" + (f";ext={phone.extension}" if phone.extension else "")
            lines.append(content_line("TEL", uri, [("VALUE", ["uri"]), tel_param]))
        else:
            text = phone.e164 if phone.valid else phone.raw
            text += f" x{phone.extension}" if phone.extension else ""
            lines.append(content_line("TEL", escape_text(text), [tel_param]))
    email_types = ["INTERNET", "WORK"] if not v4 else ["work"]
    for email in contact.emails:
        lines.append(content_line("EMAIL", escape_text(email.address), [("TYPE", email_types)]))
    for site in exportable(contact.websites):
        url_params = [] if site.kind == "web" else [("TYPE" if v4 else "X-KIND", [site.kind])]
        lines.append(content_line("URL", site.url, url_params))
    for address in contact.addresses:
        params: list[tuple[str, list[str]]] = [("TYPE", ["work" if v4 else "WORK"])]
        if address.label:
            params.append(("X-LABEL", [address.label]))
        value = compound("", "", address.street, address.city, address.region, address.postal_code, address.country)
        lines.append(content_line("ADR", value, params))
    return lines


def contact_to_vcard(
    contact: Contact,
    *,
    version: str = "3.0",
    uid: str | None = None,
    photo_jpeg: bytes | None = None,
    note: str | None = None,
) -> str:
    """One vCard as text (CRLF line ends, folded). FN is the person, or the company on a card that names nobody."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"unsupported vCard version {version!r}")
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if uid:
        lines.append(content_line("UID", uid if version == "4.0" else escape_text(uid)))
    lines.extend(contact_lines(contact, version))
    if note:
        lines.append(content_line("NOTE", escape_text(note)))
    if photo_jpeg:
        lines.append(photo_line(version, photo_jpeg))
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def join_vcards(cards: list[str]) -> str:
    """Several vCards as one valid .vcf file."""
    return "".join(card if card.endswith("\r\n") else card + "\r\n" for card in cards)


def new_uid() -> str:
    return f"urn:uuid:{uuid.uuid4()}"
