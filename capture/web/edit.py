"""The review form: a contact → form fields (with confidence and warnings), and the edited form → a contact.

A value the person did not change keeps its confidence and evidence; a changed one becomes a
field typed by the user (confidence 1.0), and the warnings about that field are dropped because
the person has looked at it. Edited emails and phones are checked again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from nameparser import HumanName

from capture.contact import (
    Address,
    Contact,
    Email,
    Evidence,
    PersonName,
    PhoneType,
    TextField,
    Warning,
    Website,
    entry_value,
)
from capture.errors import CardcapError
from capture.normalize import LOW_CONFIDENCE
from capture.normalize.phones import display_phone, parse_phone, phone_region
from capture.normalize.web import website_problem
from capture.validate import INVALID_PHONE_CONFIDENCE, check_email

USER = Evidence("", None, "user")
ADDRESS_PARTS = (("street", "Street"), ("city", "City"), ("region", "State / region"),
                 ("postal_code", "Postal code"), ("country", "Country"))


class FormError(CardcapError):
    """A value typed in the review form that cannot be kept; the message says why in one sentence."""


@dataclass(frozen=True)
class FormField:
    name: str  # the form input's name
    label: str
    value: str
    kind: str = "text"  # text | email | tel | url | textarea
    group: str = ""  # the Contact field it edits ('emails', 'title', ...), to match warnings
    confidence: float = 1.0
    box: tuple[int, int, int, int] | None = None
    phone_type: str = ""  # for phone rows: the selected PhoneType
    warned: bool = False  # a warning is about this very entry (not only about its field)
    side: str = "front"  # the face of the card `box` is on (a card reviewed with its back)

    @property
    def low(self) -> bool:
        return bool(self.value) and self.confidence < LOW_CONFIDENCE

    @property
    def doubtful(self) -> bool:
        """Worth a look: read with little confidence, or a warning is about it."""
        return self.low or (self.warned and bool(self.value))


def _box(evidence: Evidence | None) -> tuple[int, int, int, int] | None:
    return evidence.box if evidence and evidence.box else None


def _warned(contact: Contact, group: str, item: object | None) -> bool:
    """Whether a warning is about this entry: one naming it, or one about its whole field."""
    if item is None:
        return False
    value = entry_value(item)
    return any(w.field == group and (not w.value or w.value == value) for w in contact.warnings)


def contact_fields(contact: Contact) -> list[FormField]:
    """Every editable field, with one empty row for adding an email, phone and website."""
    name = contact.name
    fields = [
        FormField("name", "Name", name.full if name else "", group="name",
                  confidence=name.confidence if name else 1.0, box=_box(name.evidence) if name else None,
                  warned=_warned(contact, "name", name)),
    ]
    for key, label in (("title", "Title"), ("organization", "Company"), ("department", "Department")):
        text: TextField | None = getattr(contact, key)
        fields.append(FormField(key, label, text.value if text else "", group=key,
                                confidence=text.confidence if text else 1.0, box=_box(text.evidence) if text else None,
                                warned=_warned(contact, key, text)))
    for i, email in enumerate((*contact.emails, None)):
        fields.append(FormField(f"email_{i}", "Email", email.address if email else "", "email", "emails",
                                email.confidence if email else 1.0, _box(email.evidence) if email else None,
                                warned=_warned(contact, "emails", email)))
    for i, phone in enumerate((*contact.phones, None)):
        confidence = 1.0 if phone is None else (
            phone.confidence if phone.valid else min(phone.confidence, INVALID_PHONE_CONFIDENCE))
        fields.append(FormField(f"phone_{i}", "Phone", display_phone(phone) if phone else "", "tel", "phones",
                                confidence, _box(phone.evidence) if phone else None,
                                phone_type=str(phone.type) if phone else str(PhoneType.WORK),
                                warned=_warned(contact, "phones", phone)))
    for i, site in enumerate((*contact.websites, None)):
        fields.append(FormField(f"website_{i}", "Website", site.url if site else "", "url", "websites",
                                site.confidence if site else 1.0, _box(site.evidence) if site else None,
                                warned=_warned(contact, "websites", site)))
    for i, address in enumerate(contact.addresses or (Address(),)):
        warned = _warned(contact, "addresses", address) if contact.addresses else False
        for part, label in ADDRESS_PARTS:
            fields.append(FormField(f"address_{i}_{part}", label, getattr(address, part), group="addresses",
                                    confidence=address.confidence, box=_box(address.evidence), warned=warned))
    fields.append(FormField("note", "Note", contact.note, "textarea", "note"))
    return fields


def _clean(value: object) -> str:
    # Single-line fields: control characters and surrounding spaces go; length is bounded.
    text = str(value or "").replace("\r", " ").replace("\n", " ").replace("\x00", "")
    return " ".join(text.split())[:300]


def _list_values(form: Mapping[str, str], prefix: str) -> list[tuple[int, str]]:
    rows = []
    for key in form:
        head, _, index = key.rpartition("_")
        if head == prefix and index.isdigit() and int(index) < 50:
            rows.append((int(index), _clean(form[key])))
    return sorted(rows)


def _edited_name(value: str, old: PersonName | None) -> PersonName | None:
    if old and value == old.full:
        return old
    if not value:
        return None
    parsed = HumanName(value)
    return PersonName(value, parsed.title, parsed.first, parsed.middle, parsed.last, parsed.suffix, 1.0, USER)


def _edited_text(value: str, old: TextField | None) -> TextField | None:
    if old and value == old.value:
        return old
    return TextField(value, 1.0, USER) if value else None


def apply_form(contact: Contact, form: Mapping[str, str], region: str) -> tuple[Contact, frozenset[str]]:
    """The contact as the person corrected it in the review form, and the field groups they changed."""
    edited: set[str] = set()
    new_warnings: list[Warning] = []

    name = _edited_name(_clean(form.get("name")), contact.name)
    if name != contact.name:
        edited.add("name")
    texts = {}
    for key in ("title", "organization", "department"):
        texts[key] = _edited_text(_clean(form.get(key)), getattr(contact, key))
        if texts[key] != getattr(contact, key):
            edited.add(key)

    old_emails = {e.address: e for e in contact.emails}
    emails = []
    for _, value in _list_values(form, "email"):
        if not value:
            continue
        if value in old_emails:
            emails.append(old_emails[value])
            continue
        email, warning = check_email(Email(value, 1.0, USER), check_mx=False)
        emails.append(email)
        new_warnings += [warning] if warning else []
    if tuple(emails) != contact.emails:
        edited.add("emails")

    old_phones = {display_phone(phone): phone for phone in contact.phones}
    phones = []
    for index, value in _list_values(form, "phone"):
        if not value:
            continue
        kind = str(form.get(f"phone_{index}_type", PhoneType.WORK))
        was = contact.phones[index] if index < len(contact.phones) else None
        # typed in any spelling: a number without its country code is the one of the number it replaces
        phone_type = PhoneType(kind) if kind in PhoneType._value2member_map_ else PhoneType.WORK
        phone = parse_phone(value, phone_type, (phone_region(was) if was else None) or region, USER)
        old = old_phones.get(value) or (was if was and phone.valid and (was.e164, was.extension)
                                        == (phone.e164, phone.extension) else None)
        if old is not None:
            phones.append(replace(old, type=PhoneType(kind)) if kind in PhoneType._value2member_map_ else old)
            continue
        phones.append(phone)
        if not phone.valid:
            new_warnings.append(Warning("phones", f"{value} is not a valid phone number for {region}.",
                                        entry_value(phone)))
    if tuple(phones) != contact.phones:
        edited.add("phones")

    old_sites = {w.url: w for w in contact.websites}
    typed = [value for _, value in _list_values(form, "website") if value]
    problem = next(filter(None, (website_problem(v) for v in typed if v not in old_sites)), None)
    if problem:
        raise FormError(problem)
    websites = tuple(old_sites.get(v) or Website(v, "web", 1.0, USER) for v in typed)
    if websites != contact.websites:
        edited.add("websites")

    addresses = []
    for i, old_address in enumerate(contact.addresses or (Address(),)):
        parts = {part: _clean(form.get(f"address_{i}_{part}", getattr(old_address, part))) for part, _ in ADDRESS_PARTS}
        if all(parts[p] == getattr(old_address, p) for p in parts):
            if not old_address.is_empty:
                addresses.append(old_address)
            continue
        edited.add("addresses")
        address = Address(**parts, label=old_address.label, raw="", confidence=1.0, evidence=USER)
        if not address.is_empty:
            addresses.append(address)

    note = str(form.get("note", contact.note) or "").replace("\x00", "").strip()[:4000]
    if note != contact.note:
        edited.add("note")
    corrected = Contact(
        name=name, title=texts["title"], organization=texts["organization"], department=texts["department"],
        emails=tuple(emails), phones=tuple(phones), websites=websites, addresses=tuple(addresses), note=note,
    )
    # A warning about an entry goes with it (the other entries of its field keep theirs); one about
    # a whole field goes once the person changed that field: they have looked at it.
    kept = tuple(w for w in contact.warnings
                 if (corrected.holds(w) if w.value else w.field not in edited))
    return replace(corrected, warnings=kept + tuple(new_warnings)), frozenset(edited)


def typed_fields(contact: Contact, form: Mapping[str, str]) -> list[FormField]:
    """The review form's fields holding what the person typed (to show the form again after a refusal)."""
    return [replace(f, value=str(form.get(f.name, f.value)), phone_type=str(form.get(f"{f.name}_type", f.phone_type)))
            if f.kind == "tel" else replace(f, value=str(form.get(f.name, f.value))) for f in contact_fields(contact)]


def warnings_by_group(contact: Contact) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for warning in contact.warnings:
        grouped.setdefault(warning.field or "card", []).append(warning.message)
    return grouped


def carry_edits(final: Contact, corrected: Contact, edited: frozenset[str]) -> Contact:
    """The final reading of a card with what a person corrected on its first answer: the field groups
    they changed as they left them, the others as the second reader finished them."""
    from capture.store.merging import GROUPS

    values = {group: getattr(corrected if group in edited else final, group) for group in GROUPS}
    warnings = [w for w in final.warnings if w.field not in edited]
    warnings += [w for w in corrected.warnings if w.field in edited]
    return Contact(**values, warnings=tuple(dict.fromkeys(warnings)))
