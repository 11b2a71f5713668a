"""Validate stage: check every field; doubtful ones stay, with a warning and less confidence.

Nothing is dropped here: a person reviewing the card decides. Email syntax is always checked
(email-validator); the domain's mail server only with `check_mx` (it needs the network).
"""

from __future__ import annotations

import re
from dataclasses import replace

from capture.contact import Address, Contact, Email, Phone, Warning, Website, entry_value
from capture.normalize import LOW_CONFIDENCE
from capture.normalize.emails import check_email_address
from capture.normalize.web import url_host
from capture.settings import Settings

HOST_RE = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
# A value a validator rejects keeps at most this confidence, well under LOW_CONFIDENCE; a phone
# number phonenumbers rejects a little more (its digits were read; only the numbering plan
# disagrees).
REJECTED_CONFIDENCE = 0.3
INVALID_PHONE_CONFIDENCE = 0.4


def check_email(email: Email, check_mx: bool) -> tuple[Email, Warning | None]:
    address, problem = check_email_address(email.address, check_mx)
    if problem is not None:
        lowered = replace(email, confidence=min(email.confidence, REJECTED_CONFIDENCE))
        return lowered, Warning("emails", f"{email.address}: {problem}", email.address)
    return replace(email, address=address), None


def check_phone(phone: Phone) -> tuple[Phone, Warning | None]:
    if phone.valid:
        return phone, None
    lowered = replace(phone, confidence=min(phone.confidence, INVALID_PHONE_CONFIDENCE))
    return lowered, Warning("phones", f"{phone.raw} is not a valid phone number for its country; check the digits.",
                            entry_value(phone))


def check_website(site: Website) -> tuple[Website, Warning | None]:
    if HOST_RE.match(url_host(site.url)):
        return site, None
    return replace(site, confidence=min(site.confidence, REJECTED_CONFIDENCE)), Warning(
        "websites", f"{site.url} does not look like a web address.", site.url
    )


def check_address(address: Address) -> Warning | None:
    if address.postal_code or address.city:
        return None
    return Warning("addresses", f"The address {address.street!r} has no city or postal code; check it.",
                   entry_value(address))


def low_confidence_warnings(contact: Contact) -> list[Warning]:
    """Fields OCR read with little confidence, so a person knows where to look."""
    checks = [
        ("name", contact.name.full if contact.name else "", contact.name.confidence if contact.name else 1.0),
        ("title", contact.title.value if contact.title else "", contact.title.confidence if contact.title else 1.0),
        (
            "organization",
            contact.organization.value if contact.organization else "",
            contact.organization.confidence if contact.organization else 1.0,
        ),
    ]
    return [
        Warning(name, f"{value!r} was read with low confidence ({conf:.2f}); check it.", value)
        for name, value, conf in checks
        if value and conf < LOW_CONFIDENCE
    ]


def validate_contact(contact: Contact, settings: Settings) -> Contact:
    """Every email, phone, website and address checked; warnings added for what a person should review.
    Warnings an earlier stage gave about a value the contact no longer holds (one engine's reading
    of the website, where the reconciled contact took the other's) are dropped."""
    warnings = [warning for warning in contact.warnings if contact.holds(warning)]
    emails, phones, websites = [], [], []
    for email in contact.emails:
        checked, warning = check_email(email, settings.check_mx)
        emails.append(checked)
        warnings += [warning] if warning else []
    for phone in contact.phones:
        checked_phone, warning = check_phone(phone)
        phones.append(checked_phone)
        warnings += [warning] if warning else []
    for site in contact.websites:
        checked_site, warning = check_website(site)
        websites.append(checked_site)
        warnings += [warning] if warning else []
    for address in contact.addresses:
        warning = check_address(address)
        warnings += [warning] if warning else []
    warnings += low_confidence_warnings(contact)
    if not (contact.name or contact.organization) and not contact.is_empty:
        warnings.append(Warning("", "No person or company name was found on the card."))
    if not (contact.phones or contact.emails) and not contact.is_empty:
        warnings.append(Warning("", "No phone number or email address was found on the card."))
    unique = list(dict.fromkeys(warnings))
    return replace(
        contact,
        emails=tuple(dict.fromkeys(emails)),
        phones=tuple(phones),
        websites=tuple(websites),
        warnings=tuple(unique),
    )
