"""Contacts as CSV in the column layouts Google Contacts and Outlook import.

A card is untrusted text: a cell that a spreadsheet would read as a formula (it begins with
= + - @, or a tab or carriage return) is prefixed with an apostrophe. The one exception is a
phone column holding exactly an E.164 number ("+14155550100"): that cannot be a formula, and
an apostrophe there would end up inside the imported number.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import Literal

from capture.contact import Address, Contact, Phone, PhoneType
from capture.errors import SettingsError
from capture.normalize.web import exportable
from capture.store.contacts import StoredContact

CsvStyle = Literal["google", "outlook"]
CSV_STYLES: tuple[str, ...] = ("google", "outlook")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_PHONE = re.compile(r"\+\d{6,15}( x\d{1,8})?")

GOOGLE_NAME_COLUMNS = [
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
    "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels",
]  # fmt: skip
GOOGLE_ADDRESS_PARTS = [
    "Label", "Formatted", "Street", "City", "PO Box", "Region", "Postal Code", "Country", "Extended Address",
]  # fmt: skip
GOOGLE_PHONE_LABELS = {PhoneType.WORK: "Work", PhoneType.MOBILE: "Mobile", PhoneType.FAX: "Work Fax"}

OUTLOOK_COLUMNS = [
    "Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
    "Business Street", "Business Street 2", "Business Street 3", "Business City", "Business State",
    "Business Postal Code", "Business Country/Region", "Home Street", "Home Street 2", "Home Street 3",
    "Home City", "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2",
    "Other Street 3", "Other City", "Other State", "Other Postal Code", "Other Country/Region",
    "Assistant's Phone", "Business Fax", "Business Phone", "Business Phone 2", "Callback", "Car Phone",
    "Company Main Phone", "Home Fax", "Home Phone", "Home Phone 2", "ISDN", "Mobile Phone", "Other Fax",
    "Other Phone", "Pager", "Primary Phone", "Radio Phone", "TTY/TDD Phone", "Telex", "Account",
    "Anniversary", "Assistant's Name", "Billing Information", "Birthday", "Business Address PO Box",
    "Categories", "Children", "Directory Server", "E-mail Address", "E-mail Type", "E-mail Display Name",
    "E-mail 2 Address", "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address", "E-mail 3 Type",
    "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby", "Home Address PO Box", "Initials",
    "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage", "Notes",
    "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority", "Private",
    "Profession", "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4", "Web Page",
    "Given Yomi", "Surname Yomi",  # a name's reading: Outlook's phonetic fields
]  # fmt: skip
OUTLOOK_PHONE_SLOTS = {
    PhoneType.WORK: ["Business Phone", "Business Phone 2", "Company Main Phone"],
    PhoneType.MOBILE: ["Mobile Phone", "Car Phone"],
    PhoneType.FAX: ["Business Fax", "Other Fax"],
    PhoneType.OTHER: ["Other Phone", "Primary Phone"],
}


def neutralize(value: str, phone_column: bool = False) -> str:
    """The cell text with formula injection defused (see the module docstring)."""
    if phone_column and PLAIN_PHONE.fullmatch(value):
        return value
    return "'" + value if value.startswith(FORMULA_START) else value


def phone_text(phone: Phone) -> str:
    number = phone.e164 if phone.valid else phone.raw
    return f"{number} x{phone.extension}" if phone.extension else number


def formatted_address(address: Address) -> str:
    if address.raw:
        return address.raw
    locality = " ".join(p for p in (address.city, address.region, address.postal_code) if p)
    return "\n".join(p for p in (address.street, locality, address.country) if p)


def _text(field: object) -> str:
    return str(getattr(field, "value", "")) if field else ""


def _name_part(contact: Contact, part: str) -> str:
    return str(getattr(contact.name, part)) if contact.name else ""


def _google_row(contact: Contact, counts: dict[str, int]) -> dict[str, str]:
    row = {
        "First Name": _name_part(contact, "given"),
        "Middle Name": _name_part(contact, "middle"),
        "Last Name": _name_part(contact, "family"),
        "Phonetic First Name": _name_part(contact, "phonetic_given"),
        "Phonetic Last Name": _name_part(contact, "phonetic_family"),
        "Name Prefix": _name_part(contact, "prefix"),
        "Name Suffix": _name_part(contact, "suffix"),
        "File As": contact.formatted_name,
        "Organization Name": _text(contact.organization),
        "Organization Title": _text(contact.title),
        "Organization Department": _text(contact.department),
        "Notes": contact.note,
        "Labels": "* myContacts",
    }
    if contact.name and not (contact.name.given or contact.name.family):
        row["First Name"] = contact.name.full  # a name that was never split still gets imported
    for i, email in enumerate(contact.emails[: counts["emails"]], 1):
        row[f"E-mail {i} - Label"], row[f"E-mail {i} - Value"] = "Work", email.address
    for i, phone in enumerate(contact.phones[: counts["phones"]], 1):
        row[f"Phone {i} - Label"] = GOOGLE_PHONE_LABELS.get(phone.type, "Other")
        row[f"Phone {i} - Value"] = phone_text(phone)
    for i, address in enumerate(contact.addresses[: counts["addresses"]], 1):
        parts = [address.label or "Work", formatted_address(address), address.street, address.city, "",
                 address.region, address.postal_code, address.country, ""]  # fmt: skip
        for name, value in zip(GOOGLE_ADDRESS_PARTS, parts, strict=True):
            row[f"Address {i} - {name}"] = value
    for i, site in enumerate(contact.websites[: counts["websites"]], 1):
        label = "Profile" if site.kind not in ("web", "other") else "Work"
        row[f"Website {i} - Label"], row[f"Website {i} - Value"] = label, site.url
    return row


def google_columns(counts: dict[str, int]) -> list[str]:
    """Google's header: one numbered column group per email, phone, address and website."""
    columns = list(GOOGLE_NAME_COLUMNS)
    columns += [f"E-mail {i} - {p}" for i in range(1, counts["emails"] + 1) for p in ("Label", "Value")]
    columns += [f"Phone {i} - {p}" for i in range(1, counts["phones"] + 1) for p in ("Label", "Value")]
    columns += [f"Address {i} - {p}" for i in range(1, counts["addresses"] + 1) for p in GOOGLE_ADDRESS_PARTS]
    columns += [f"Website {i} - {p}" for i in range(1, counts["websites"] + 1) for p in ("Label", "Value")]
    return columns


def _outlook_row(contact: Contact) -> dict[str, str]:
    row = {
        "Title": _name_part(contact, "prefix"),
        "First Name": _name_part(contact, "given"),
        "Middle Name": _name_part(contact, "middle"),
        "Last Name": _name_part(contact, "family"),
        "Suffix": _name_part(contact, "suffix"),
        "Given Yomi": _name_part(contact, "phonetic_given"),
        "Surname Yomi": _name_part(contact, "phonetic_family"),
        "Company": _text(contact.organization),
        "Department": _text(contact.department),
        "Job Title": _text(contact.title),
        "Web Page": contact.websites[0].url if contact.websites else "",
    }
    if contact.name and not (contact.name.given or contact.name.family):
        row["First Name"] = contact.name.full
    for prefix, address in zip(("Business", "Other"), contact.addresses, strict=False):
        row[f"{prefix} Street"] = address.street
        row[f"{prefix} City"] = address.city
        row[f"{prefix} State"] = address.region
        row[f"{prefix} Postal Code"] = address.postal_code
        row[f"{prefix} Country/Region"] = address.country
    leftovers = [f"{a.label or 'Address'}: {formatted_address(a)}" for a in contact.addresses[2:]]
    free = {kind: list(slots) for kind, slots in OUTLOOK_PHONE_SLOTS.items()}
    for phone in contact.phones:
        slots = free[phone.type] or free[PhoneType.OTHER]
        if slots:
            row[slots.pop(0)] = phone_text(phone)
        else:
            leftovers.append(f"Phone ({phone.type}): {phone_text(phone)}")
    for i, email in enumerate(contact.emails[:3], 1):
        key = "E-mail" if i == 1 else f"E-mail {i}"
        row[f"{key} Address"], row[f"{key} Type"] = email.address, "SMTP"
        row[f"{key} Display Name"] = f"{contact.formatted_name} ({email.address})"
    leftovers += [f"Email: {e.address}" for e in contact.emails[3:]]
    leftovers += [f"Web: {w.url}" for w in contact.websites[1:]]
    row["Notes"] = "\n".join([contact.note, *leftovers]).strip()
    return row


def _write(columns: Sequence[str], rows: Iterable[dict[str, str]], phone_columns: Callable[[str], bool]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralize(row.get(column, ""), phone_columns(column)) for column in columns])
    return buffer.getvalue()


def export_csv(contacts: Iterable[StoredContact], style: str = "google") -> str:
    """CSV text (header row first) in the layout `style` ("google" or "outlook") imports."""
    people = [replace(stored.contact, websites=exportable(stored.contact.websites)) for stored in contacts]
    if style == "google":
        counts = {
            group: max([1, *(len(getattr(c, group)) for c in people)])
            for group in ("emails", "phones", "addresses", "websites")
        }
        rows = [_google_row(contact, counts) for contact in people]
        return _write(google_columns(counts), rows, lambda column: column.startswith("Phone ") and "Value" in column)
    if style == "outlook":
        phone_columns = {slot for slots in OUTLOOK_PHONE_SLOTS.values() for slot in slots}
        return _write(OUTLOOK_COLUMNS, [_outlook_row(c) for c in people], phone_columns.__contains__)
    raise SettingsError(f"The CSV style {style!r} is unknown; choose one of {', '.join(CSV_STYLES)}.")
