"""Email addresses, repaired from common OCR confusions before email-validator checks their syntax.

Repairs: "©", "®", "(at)" read for "@"; spaces around "@" and "."; "," or ":" read for a dot in
the domain; "rn" read for "m" — that last one only where the repaired address then validates and
the original does not. Deliverability (DNS) is checked later, and only when asked (`--check-mx`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from capture.normalize.emails import email_syntax_ok

AT_LOOKALIKES_RE = re.compile(r"\s*(?:[©®@]|\(at\)|\[at\])\s*", re.IGNORECASE)
EMAIL_RE = re.compile(
    r"(?P<local>[A-Za-z0-9][A-Za-z0-9._%+'-]*)@(?P<domain>[A-Za-z0-9-]+(?:\s?[.,:]\s?[A-Za-z0-9-]+)+)"
)

GLUED_LABEL_RE = re.compile(r"^(?:E-?mail|E-?MAIL|Mail|MAIL)[:.]?(?=[a-z0-9])")


@dataclass(frozen=True)
class FoundEmail:
    address: str
    start: int  # span in the line's text
    end: int
    repaired: bool
    valid: bool


def clean_domain(domain: str) -> str:
    domain = re.sub(r"\s*[,:]\s*(?=[A-Za-z]{2,}\b)", ".", domain)
    domain = re.sub(r"\s*\.\s*", ".", domain)
    return domain.strip(".-").lower()


def repair(address: str) -> str:
    """'rn' → 'm' in the address only when that makes it valid."""
    if email_syntax_ok(address):
        return address
    fixed = address.replace("rn", "m")
    return fixed if email_syntax_ok(fixed) else address


def find_emails(text: str) -> list[FoundEmail]:
    """Every email address in a line, with the span it covers in the original text."""
    # Map positions of a normalized copy (look-alikes turned into '@') back to the original.
    normalized: list[str] = []
    positions: list[int] = []
    last = 0
    for match in AT_LOOKALIKES_RE.finditer(text):
        # only treat ©/® as '@' when letters/digits touch both sides of it
        before, after = text[: match.start()], text[match.end() :]
        if not (before[-1:].isalnum() and after[:1].isalnum()):
            continue
        for i in range(last, match.start()):
            normalized.append(text[i])
            positions.append(i)
        normalized.append("@")
        positions.append(match.start())
        last = match.end()
    for i in range(last, len(text)):
        normalized.append(text[i])
        positions.append(i)
    norm_text = "".join(normalized)
    found = []
    for match in EMAIL_RE.finditer(norm_text):
        local = match.group("local").strip(".")
        # the label read glued to the address ('E-mailjane@...'): capitalised as labels are, never
        # as a mailbox name is
        glued = GLUED_LABEL_RE.match(local)
        if glued and len(local) > glued.end():
            local = local[glued.end() :]
        domain = clean_domain(match.group("domain"))
        address = repair(f"{local}@{domain}".lower())
        start = positions[match.start()]
        end = positions[match.end() - 1] + 1
        raw = text[start:end]
        found.append(FoundEmail(address, start, end, raw.lower() != address, email_syntax_ok(address)))
    return found
