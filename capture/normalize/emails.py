"""Email addresses: the key two readings of one address share, and the syntax check (email-validator)."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email


def email_key(address: str) -> str:
    """Addresses compare without case or surrounding spaces."""
    return address.strip().lower()


def check_email_address(address: str, check_mx: bool = False) -> tuple[str, str | None]:
    """(the address normalized to lower case, None) when email-validator accepts it, else
    (the address as given, the validator's sentence saying why not). `check_mx` also asks the
    DNS whether the domain takes mail (needs the network)."""
    try:
        info = validate_email(address, check_deliverability=check_mx)
    except EmailNotValidError as error:
        return address, str(error)
    return info.normalized.lower(), None


def email_syntax_ok(address: str) -> bool:
    """True when the address is well formed (no DNS lookup)."""
    return check_email_address(address)[1] is None
