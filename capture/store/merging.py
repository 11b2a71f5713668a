"""Pure rules for combining two readings of one person, and for edits made by hand.

A contact's fields fall into groups ("name", "title", "emails", ...) — the same names a
`Warning.field` uses. A group a person edited by hand is never replaced by a later scan.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import replace
from enum import StrEnum
from typing import Any

from nameparser import HumanName

from capture.contact import (
    Address,
    Contact,
    Email,
    Evidence,
    PersonName,
    Phone,
    PhoneType,
    TextField,
    Website,
)
from capture.errors import StoreError
from capture.normalize import LOW_CONFIDENCE
from capture.normalize.emails import email_key
from capture.normalize.phones import parse_phone, printed_phone_key
from capture.normalize.web import url_key, website_kind, website_problem

# Two names whose words, sorted, are this alike name one person ('Ann Lee', 'Lee Ann', 'Ann Le' misread);
# below it they are two people sharing an address or a switchboard number.
SAME_PERSON = 0.75
SCALAR_GROUPS = ("name", "title", "organization", "department", "note")
LIST_GROUPS = ("emails", "phones", "websites", "addresses")
GROUPS = SCALAR_GROUPS + LIST_GROUPS


class Mode(StrEnum):
    """How a new reading of a contact combines with the stored one."""

    REREAD = "reread"  # the same source again (the only image re-scanned, the same vCard UID)
    NEWER = "newer"  # another card of the same person: its values win, lists are united
    OLDER = "older"  # an image already merged before: it only fills gaps


def _key(group: str, item: Any) -> str:
    if group == "emails":
        return email_key(item.address)
    if group == "phones":
        return f"{printed_phone_key(item)}|{item.extension}"
    if group == "websites":
        return url_key(item.url)
    return "|".join(part.lower() for part in (item.street, item.city, item.region, item.postal_code, item.country))


def _unite(group: str, first: tuple[Any, ...], second: tuple[Any, ...]) -> tuple[Any, ...]:
    seen = {_key(group, item) for item in first}
    extra = []
    for item in second:
        if _key(group, item) not in seen:
            seen.add(_key(group, item))
            extra.append(item)
    return (*first, *extra)


def combine(old: Contact, new: Contact, mode: Mode, keep: Iterable[str] = ()) -> Contact:
    """The stored contact `old` updated with the reading `new`; groups in `keep` stay as in `old`."""
    kept = set(keep)
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}  # group -> "old" | "new" | "both": whose warnings still apply
    for group in GROUPS:
        mine, theirs = getattr(old, group), getattr(new, group)
        if group in kept or not theirs or (mode is Mode.OLDER and mine and group in SCALAR_GROUPS):
            values[group], origin[group] = mine, "old"
        elif mode is Mode.REREAD or group in SCALAR_GROUPS or not mine:
            values[group], origin[group] = theirs, "new"
        else:
            values[group], origin[group] = _unite(group, mine, theirs), "both"
    card_level_old = mode is not Mode.REREAD  # a re-read replaces the old reading's card warnings
    warnings = [
        w
        for w in old.warnings
        if (origin.get(w.field, "old") in ("old", "both")) and (w.field in GROUPS or card_level_old)
    ]
    warnings += [w for w in new.warnings if origin.get(w.field, "new") in ("new", "both")]
    unique = tuple(dict.fromkeys(warnings))
    if set(unique) == set(old.warnings):  # the same warnings in another order are no change
        unique = old.warnings
    return Contact(**values, warnings=unique)


def _same_scalar(group: str, mine: Any, theirs: Any) -> bool:
    if not mine or not theirs:
        return False
    if group == "name":
        parts = ("full", "prefix", "given", "middle", "family", "suffix")
        return all(getattr(mine, p) == getattr(theirs, p) for p in parts)
    return bool(mine == theirs) if group == "note" else bool(mine.value == theirs.value)


def keep_richer(old: Contact, new: Contact) -> Contact:
    """`new` with every value that equals one in `old` swapped for old's (with its confidence,
    evidence and warnings). An imported vCard carries none of those, so importing a file exported
    from this store changes nothing."""
    values: dict[str, Any] = {}
    same_groups = set()
    for group in GROUPS:
        mine, theirs = getattr(old, group), getattr(new, group)
        if group in SCALAR_GROUPS:
            values[group] = mine if _same_scalar(group, mine, theirs) else theirs
        else:
            by_key = {_key(group, item): item for item in mine}
            values[group] = tuple(by_key.get(_key(group, item), item) for item in theirs)
        if values[group] == mine:
            same_groups.add(group)
    warnings = [w for w in old.warnings if w.field in same_groups or w.field not in GROUPS]
    return Contact(**values, warnings=tuple(dict.fromkeys([*warnings, *new.warnings])))


def names_conflict(a: Contact, b: Contact) -> bool:
    """True when both name a person and the names are clearly different people.

    Guards the email/phone dedup against shared addresses (info@, a switchboard number).
    """
    if not (a.name and a.name.full and b.name and b.name.full):
        return False
    first, second = (re.sub(r"[^a-z ]", "", n.full.lower()).split() for n in (a.name, b.name))
    return difflib.SequenceMatcher(None, " ".join(sorted(first)), " ".join(sorted(second))).ratio() < SAME_PERSON


def review_state_for(contact: Contact) -> str:
    """'needs_review' when something is doubtful, else 'unreviewed' (nobody looked at it yet)."""
    confidences = [f.confidence for f in (contact.name, contact.title, contact.organization) if f]
    confidences += [e.confidence for e in contact.emails] + [p.confidence for p in contact.phones]
    return "needs_review" if contact.warnings or any(c < LOW_CONFIDENCE for c in confidences) else "unreviewed"


def search_text(contact: Contact) -> str:
    """Lower-case text `ContactStore.list(search)` matches every word of a query against."""
    parts = [contact.formatted_name]
    if contact.name:
        parts += [contact.name.given, contact.name.family]
    parts += [f.value for f in (contact.organization, contact.department, contact.title) if f]
    parts += [e.address for e in contact.emails]
    parts += [p for phone in contact.phones for p in (phone.e164, phone.raw)]
    parts += [a.city for a in contact.addresses]
    return " ".join(p for p in parts if p).lower()


# ---- edits by hand ----------------------------------------------------------------------------

FIELD_ALIASES = {
    "name": "name", "full_name": "name", "fn": "name",
    "prefix": "prefix", "given": "given", "first": "given", "first_name": "given",
    "middle": "middle", "family": "family", "last": "family", "last_name": "family", "suffix": "suffix",
    "title": "title", "job_title": "title",
    "organization": "organization", "org": "organization", "company": "organization",
    "department": "department", "dept": "department",
    "email": "emails", "emails": "emails",
    "phone": "phones", "phones": "phones", "tel": "phones",
    "website": "websites", "websites": "websites", "url": "websites",
    "street": "street", "city": "city", "region": "region", "state": "region",
    "postal_code": "postal_code", "zip": "postal_code", "postcode": "postal_code", "country": "country",
    "note": "note",
}  # fmt: skip
NAME_PARTS = ("prefix", "given", "middle", "family", "suffix")
ADDRESS_PARTS = ("street", "city", "region", "postal_code", "country")
USER = Evidence("", None, "user")


def canonical_field(key: str) -> str:
    field = FIELD_ALIASES.get(key.strip().lower().replace("-", "_"))
    if not field:
        known = ", ".join(sorted(set(FIELD_ALIASES.values())))
        raise StoreError(f"There is no contact field {key!r}; fields that can be set: {known}.")
    return field


def group_of(field: str) -> str:
    if field in NAME_PARTS:
        return "name"
    return "addresses" if field in ADDRESS_PARTS else field


def _items(value: str) -> list[str]:
    return [item.strip() for item in re.split(r"[;,\n]", value) if item.strip()]


def parse_user_phone(text: str, region: str) -> Phone:
    """'+44 20 7946 0000', 'mobile:0171 ...' or 'fax:...' typed by a person."""
    kind = PhoneType.WORK
    prefix, _, rest = text.partition(":")
    if rest and prefix.strip().lower() in {t.value for t in PhoneType}:
        kind, text = PhoneType(prefix.strip().lower()), rest.strip()
    return parse_phone(text, kind, region, USER)


def _name_with(name: PersonName | None, field: str, value: str) -> PersonName | None:
    if field == "name":
        if not value:
            return None
        parsed = HumanName(value)
        return PersonName(value, parsed.title, parsed.first, parsed.middle, parsed.last, parsed.suffix, 1.0, USER)
    parts = {p: getattr(name, p) if name else "" for p in NAME_PARTS}
    parts[field] = value
    full = " ".join(parts[p] for p in NAME_PARTS if parts[p])
    return PersonName(full, **parts, confidence=1.0, evidence=USER) if full else None


def apply_edit(contact: Contact, field: str, value: str, region: str = "US") -> Contact:
    """`contact` with one field set by a person (confidence 1, evidence 'user'); '' clears it."""
    value = value.strip()
    changes: dict[str, Any]
    if field == "name" or field in NAME_PARTS:
        changes = {"name": _name_with(contact.name, field, value)}
    elif field in ("title", "organization", "department"):
        changes = {field: TextField(value, 1.0, USER) if value else None}
    elif field == "note":
        changes = {"note": value}
    elif field == "emails":
        changes = {"emails": tuple(Email(item.lower(), 1.0, USER) for item in _items(value))}
    elif field == "phones":
        changes = {"phones": tuple(parse_user_phone(item, region) for item in _items(value))}
    elif field == "websites":
        urls = _items(value)
        problem = next(filter(None, map(website_problem, urls)), None)
        if problem:
            raise StoreError(problem)
        changes = {"websites": tuple(Website(u, website_kind(u), 1.0, USER) for u in urls)}
    else:
        first = contact.addresses[0] if contact.addresses else Address()
        address = replace(first, **{field: value}, confidence=1.0, evidence=USER)
        address = replace(address, raw="\n".join(getattr(address, p) for p in ADDRESS_PARTS if getattr(address, p)))
        rest = contact.addresses[1:]
        changes = {"addresses": rest if address.is_empty else (address, *rest)}
    group = group_of(field)
    warnings = tuple(w for w in contact.warnings if w.field != group)  # a person checked this field
    return replace(contact, **changes, warnings=warnings)


def apply_edits(contact: Contact, changes: dict[str, str], region: str = "US") -> tuple[Contact, set[str]]:
    """All `changes` applied; returns the contact and the field groups edited."""
    groups = set()
    for key, value in changes.items():
        field = canonical_field(key)
        contact = apply_edit(contact, field, value, region)
        groups.add(group_of(field))
    return contact, groups
