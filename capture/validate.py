"""Validate stage: check every email and phone; doubtful ones stay, with a warning and less confidence."""

from __future__ import annotations

from dataclasses import replace

from email_validator import EmailNotValidError, validate_email

from capture.contact import Contact, Email, Warning
from capture.settings import Settings


def check_email(email: Email, check_mx: bool) -> tuple[Email, Warning | None]:
    try:
        info = validate_email(email.address, check_deliverability=check_mx)
    except EmailNotValidError as error:
        return replace(email, confidence=min(email.confidence, 0.3)), Warning("emails", f"{email.address}: {error}")
    return replace(email, address=info.normalized.lower()), None


def validate_contact(contact: Contact, settings: Settings) -> Contact:
    emails = []
    warnings = list(contact.warnings)
    for email in contact.emails:
        checked, warning = check_email(email, settings.check_mx)
        emails.append(checked)
        if warning:
            warnings.append(warning)
    for phone in contact.phones:
        if not phone.valid:
            warnings.append(Warning("phones", f"{phone.raw} is not a valid phone number for {settings.region}."))
    return replace(contact, emails=tuple(emails), warnings=tuple(warnings))
