"""Phone numbers typed rather than read (a vCard's TEL, a QR code, a form, the command line), the
key two readings of one number share, and their digits. Reading numbers off OCR text, where
digit runs must be cut into numbers, is extraction's job (`capture.extract.phones`)."""

from __future__ import annotations

import re

import phonenumbers

from capture.contact import Evidence, Phone, PhoneType

# An extension written after the number: 'tel:+1...;ext=12', '+1 ... x12', '+1 ... ext. 12'.
EXTENSION_RE = re.compile(r"(?:;ext=|\s+x\s*|\s*ext\.?\s*)(\d+)$", re.IGNORECASE)
# Numbers on one card often differ only in the country or trunk prefix read for them ('0711 ...'
# against '+49 711 ...'); the last nine digits are the subscriber's number in every country's plan.
SUBSCRIBER_DIGITS = 9


def digits_of(text: str) -> str:
    return re.sub(r"\D", "", text)


def parse_phone(
    value: str, kind: PhoneType = PhoneType.WORK, region: str | None = None, evidence: Evidence | None = None
) -> Phone:
    """A typed number ('+14155550100', 'tel:+1...;ext=12', '+1 ... x12' or a national number) as a
    `Phone`; `region` is the country a number without '+' is dialled in (None: no guess). A number
    phonenumbers rejects is kept as typed, marked invalid, its digits standing in for E.164."""
    text = value.strip().removeprefix("tel:")
    extension = ""
    match = EXTENSION_RE.search(text)
    if match:
        extension, text = match.group(1), text[: match.start()].strip()
    try:
        number = phonenumbers.parse(text, region)
        valid = phonenumbers.is_valid_number(number)
    except phonenumbers.NumberParseException:
        valid = False
    if valid:
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return Phone(e164, text, kind, extension or str(number.extension or ""), True, 1.0, evidence)
    return Phone(digits_of(text), text, kind, extension, False, 1.0, evidence)


def phone_key(phone: Phone) -> str:
    """What two readings of one printed number share: its international form ('+' and digits)
    wherever a reader could give it one, even for a number phonenumbers rejects, so a misread
    digit stays one digit off the right number; else its digits."""
    return phone.e164 if phone.e164.startswith("+") else digits_of(phone.e164 or phone.raw)


def printed_phone_key(phone: Phone) -> str:
    """What a number keeps through a vCard: its E.164 form when valid, else the digits as printed
    (a vCard carries a number that failed validation as printed, so its international form
    would not survive an export and an import)."""
    return phone.e164 if phone.valid else digits_of(phone.raw)


def same_number(a: Phone, b: Phone) -> bool:
    """One subscriber's number, whatever country or trunk prefix each reading gave it."""
    return digits_of(a.e164)[-SUBSCRIBER_DIGITS:] == digits_of(b.e164)[-SUBSCRIBER_DIGITS:]


def phone_region(phone: Phone) -> str | None:
    """The country a valid number belongs to ('DE' for +49 ...), None for one that is not."""
    if not phone.valid:
        return None
    try:
        return phonenumbers.region_code_for_number(phonenumbers.parse(phone.e164))
    except phonenumbers.NumberParseException:
        return None


def display_phone(phone: Phone) -> str:
    """A number as people write it in its country's grouping, with its country code
    ('+49 30 41755243', '+1 415-555-0134'); one that failed validation as printed."""
    text = phone.raw
    if phone.valid:
        try:
            number = phonenumbers.parse(phone.e164)
            text = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        except phonenumbers.NumberParseException:
            text = phone.e164
    return f"{text} x{phone.extension}" if phone.extension else text
