"""Reconcile two readings of one card (e.g. Tesseract's and PP-OCR's) field by field.

Each engine's page is extracted into a `Contact` on its own; `reconcile` then picks, for every
field, the reading the validators vouch for:

- an email address email-validator accepts beats one it rejects;
- a phone number phonenumbers accepts for the card's country beats one it rejects;
- a website whose domain matches the email's domain beats one that does not;
- a name whose tokens appear in the email's local part beats one whose tokens do not;
- an organization found in the email's or website's domain beats one that is not;
- of two texts that say the same thing, the fuller one (word breaks that are not a word cut in
  pieces, accents, spelled out rather than initials, with its legal form, without stray letters);
- otherwise the reading with the higher confidence wins (ties go to the first reading).

Confidences are compared as the engines give them. PP-OCR's run higher than Tesseract's (median
field ~1.0 vs ~0.93), and on the dev, sample and held-out cards every reading that PP-OCR won on
confidence alone was the right one; comparing by rank within each engine instead picked
Tesseract's misreadings (realcards 0.945 -> 0.923, held-out 0.963 -> 0.960), so it is not done.

List fields (emails, phones, websites) are the union of both readings; two items that are the
same value (same E.164 number, same normalized address or URL), the same value misread (nearly
the same characters), or the same value read only in part by one engine, count once, keeping the
better (or the whole) reading. Every field keeps the `Evidence.source` of the engine it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from capture.contact import Address, Contact, Evidence, Phone, PhoneType, TextField, Warning
from capture.extract.address_cjk import is_cjk_text
from capture.extract.cjk import names_legal_form
from capture.lang.lexicon import cjk, words
from capture.normalize.phones import phone_key
from capture.normalize.text import fold
from capture.normalize.web import url_host
from capture.reconcile.readings import (
    domains_of,
    email_is_valid,
    email_item_key,
    email_part,
    fuller_text,
    name_in_local_parts,
    organization_in_domains,
    phone_is_valid,
    similar_address,
    similar_digits,
    similar_text,
    text_of,
    url_part,
    website_item_key,
    website_matches,
)

T = TypeVar("T")

# An item only one engine read, with less confidence than this, is dropped (see merge_items).
LONE_FLOOR = 0.25

# A department spelling this much of the email's or website's domain name is the company's name.
SPELLS_DOMAIN = 0.8

# A check answers True (the reading is vouched for), False (it contradicts), None (no opinion),
# or a number when some readings are vouched for more than others (more is better; 1 = True).
Check = Callable[[T], bool | float | None]


# ---- choosing -------------------------------------------------------------------------------


def confidence_of(item: object) -> float:
    return float(getattr(item, "confidence", 0.0))


def better(a: T, b: T, check: Check[T] | None = None) -> T:
    """The better of two readings of one field: the one the check vouches for, else the more
    confident one; `a` on a tie."""
    if check is not None:
        ra, rb = rank(check(a)), rank(check(b))
        if ra != rb:
            return a if ra > rb else b
    fuller = fuller_text(a, b)
    if fuller is not None:
        return fuller
    return a if confidence_of(a) >= confidence_of(b) else b


def rank(verdict: bool | float | None) -> float:
    """Order a check's verdicts: contradicted < no opinion < vouched for (more is better)."""
    return 0.5 if verdict is None else float(verdict)


def choose(a: T | None, b: T | None, check: Check[T] | None = None) -> T | None:
    """A single-valued field: whichever reading exists, or the better of two."""
    if a is None:
        return b
    if b is None:
        return a
    return better(a, b, check)


def merge_items(
    a: Sequence[T],
    b: Sequence[T],
    key: Callable[[T], str],
    check: Check[T] | None = None,
    similar: Callable[[str, str], bool] = similar_text,
    truncated: Callable[[str, str], bool] | None = None,
) -> tuple[T, ...]:
    """Union of two readings' lists, in `a`'s order then `b`'s extras, each value once.

    An item of `b` with the same key as a kept item replaces it only if better. An item of `b`
    *similar* to an item of `a* is the same printed value misread by one engine, but only when
    neither reading holds the other's exact value (then they are two different values). So is
    an item one engine read only part of (`truncated(short, long)`: 'ma@hotmail.com' beside
    'floresnsfatima@hotmail.com', 'linkedin.com' beside 'linkedin.com/in/jane'): the whole
    reading is kept unless a check vouches for the part only.
    An item only one engine read is dropped when that engine itself doubted it (confidence
    below LONE_FLOOR): with two readers, a lone and doubtful value is far more often a misread
    than a value the other reader missed. Checks do not drop lone items: a company website
    need not share the email's domain, and an old-style number can still be the printed one.
    """
    kept: dict[str, T] = {}
    for item in a:
        k = key(item)
        kept[k] = better(kept[k], item, check) if k in kept else item
    keys_b = {key(item) for item in b}
    open_a = [k for k in kept if k not in keys_b]  # a's values b did not read exactly, in order
    both: set[str] = set()
    for item in b:
        k = key(item)
        if k in kept:
            kept[k] = better(kept[k], item, check)
            both.add(k)
            continue
        # a part is looked for first: a short part can also pass for a misread of the whole
        part = None if truncated is None else next((ka for ka in open_a if truncated(ka, k) or truncated(k, ka)), None)
        twin = None if part else next((ka for ka in open_a if similar(ka, k)), None)
        if part is not None:  # the pair counts once, in a's place, whichever reading wins
            kept[part] = whole(kept[part], item, key, check)
        elif twin is not None:
            kept[twin] = better(kept[twin], item, check)
        else:
            kept[k] = item
            continue
        open_a.remove(part or twin or "")
        both.add(part or twin or "")
    return tuple(item for k, item in kept.items() if k in both or confidence_of(item) >= LONE_FLOOR)


def whole(a: T, b: T, key: Callable[[T], str], check: Check[T] | None) -> T:
    """Of a value and a part of it, the whole one, unless a check vouches for the part only."""
    if check is not None:
        ra, rb = rank(check(a)), rank(check(b))
        if ra != rb:
            return a if ra > rb else b
    return a if len(key(a)) >= len(key(b)) else b


def merge_phones(a: Sequence[Phone], b: Sequence[Phone], region: str) -> tuple[Phone, ...]:
    def check(phone: Phone) -> bool:
        return phone_is_valid(phone, region)

    merged = merge_items(a, b, phone_key, check, similar_digits)
    # One engine may have read the "Fax"/"Mobile" label next to a number the other missed.
    typed = {phone_key(p): p.type for p in [*a, *b] if p.type != PhoneType.WORK}
    return tuple(
        replace(p, type=typed[phone_key(p)]) if p.type == PhoneType.WORK and phone_key(p) in typed else p
        for p in merged
    )


def address_score(address: Address) -> tuple[int, float]:
    filled = sum(bool(part) for part in (address.street, address.city, address.region, address.postal_code))
    return filled, address.confidence


def choose_addresses(a: tuple[Address, ...], b: tuple[Address, ...]) -> tuple[Address, ...]:
    """Addresses span several lines, so they are taken whole from the reading that filled more
    of their parts (then the more confident one)."""
    if not a or not b:
        return a or b
    score_a = max(address_score(x) for x in a)
    score_b = max(address_score(x) for x in b)
    return a if score_a >= score_b else b


# ---- the contact ----------------------------------------------------------------------------


def native_first(a: TextField | None, b: TextField | None) -> TextField | None:
    """Of a company read in Chinese characters, kana or Hangul by one engine and in Latin letters by
    the other (a CJK card prints both: 미래산업 주식회사 / Mirae Industries Co., Ltd.), the one in the
    card's own script, as extraction prefers it on one reading; of two in those scripts, the one
    naming its legal form (유한회사한빛산업 over 기술 연구소, a unit the other engine read as a kind of
    business); None when that does not decide."""
    if a is None or b is None:
        return None
    if is_cjk_text(a.value) != is_cjk_text(b.value):
        return a if is_cjk_text(a.value) else b
    if is_cjk_text(a.value) and has_cjk_legal_form(a.value) != has_cjk_legal_form(b.value):
        return a if has_cjk_legal_form(a.value) else b
    return None


CJK_LEGAL_FORMS = cjk(words("company_forms"))


def has_cjk_legal_form(text: str) -> bool:
    return names_legal_form(text, CJK_LEGAL_FORMS)


def source_of(item: object) -> str:
    evidence = getattr(item, "evidence", None)
    return evidence.source if isinstance(evidence, Evidence) else ""


def reconcile(a: Contact, b: Contact, region: str = "") -> Contact:
    """One contact from two readings of the same card (`a` wins ties: pass the primary first).

    `region` is the card's country for judging phone numbers printed without a country code.
    """
    emails = merge_items(a.emails, b.emails, email_item_key, email_is_valid, similar_address, email_part)
    domains = domains_of(emails)
    locals_ = {fold(e.address.split("@")[0]) for e in emails if "@" in e.address}
    websites = merge_items(
        a.websites, b.websites, website_item_key, lambda w: website_matches(w, domains), truncated=url_part
    )
    site_domains = domains | {url_host(w.url) for w in websites if w.kind == "web"}
    name = choose(a.name, b.name, lambda n: name_in_local_parts(n, locals_))
    organization = native_first(a.organization, b.organization) or choose(
        a.organization, b.organization, lambda o: organization_in_domains(o, site_domains)
    )
    title = choose(a.title, b.title)
    department = choose(a.department, b.department)
    fields = {"name": name, "title": title, "organization": organization, "department": department}
    misfiled = find_misfiled(fields, a, b)
    name = None if "name" in misfiled else name
    title = None if "title" in misfiled else title
    organization = None if "organization" in misfiled else organization
    department = None if "department" in misfiled else department
    organization, department = company_first(organization, department, site_domains)
    addresses = choose_addresses(a.addresses, b.addresses)
    chosen = {
        "name": name, "title": title, "organization": organization, "department": department,
        "addresses": addresses,
    }
    return Contact(
        name=name,
        title=title,
        organization=organization,
        department=department,
        emails=emails,
        phones=merge_phones(a.phones, b.phones, region),
        websites=websites,
        addresses=addresses,
        warnings=merge_warnings(a, b, chosen),
        note=a.note or b.note,
    )


def company_first(
    organization: TextField | None, department: TextField | None, domains: set[str]
) -> tuple[TextField | None, TextField | None]:
    """The organization and the department, swapped when the department is the one that spells the
    email's or website's domain and the organization does not: one extractor filed the company
    line as the unit and the unit line as the company."""
    if department is None or (organization_in_domains(department, domains) or 0.0) < SPELLS_DOMAIN:
        return organization, department
    if organization is not None and organization_in_domains(organization, domains) is not None:
        return organization, department
    return department, organization


def find_misfiled(chosen: Mapping[str, object], a: Contact, b: Contact) -> set[str]:
    """Fields only one reading has whose text is another chosen field's text: one extractor
    filed that line under the wrong field (PP-OCR's 'Dr.Kellyfocht' as the company while
    Tesseract's 'Dr. Kelly Focht' is the name), perhaps misread ('Danie! Whitton' as the company
    beside the name 'Daniel Whitton'). When both fields are lone, the fuller text
    (word breaks, accents), else the more confident one, is the better-read line and keeps its field."""
    lone = {field for field in chosen if (getattr(a, field) is None) != (getattr(b, field) is None)}
    texts = {field: fold(text_of(value)) for field, value in chosen.items() if value is not None}
    texts = {field: text for field, text in texts.items() if text}  # nothing left to compare
    misfiled = set()
    for field in lone & set(texts):
        for other in texts:
            if other == field or not similar_text(texts[other], texts[field]):
                continue
            if other not in lone or keeps_field(chosen[other], chosen[field]):
                misfiled.add(field)
    return misfiled


def keeps_field(a: object, b: object) -> bool:
    """Of two lone fields holding one line, `a` keeps its field: it is the fuller text, or, when
    neither is, the more confidently read one."""
    fuller = fuller_text(a, b)
    if fuller is not None:
        return fuller is a
    return confidence_of(a) > confidence_of(b)


def merge_warnings(a: Contact, b: Contact, chosen: Mapping[str, object]) -> tuple[Warning, ...]:
    """Keep a single-valued field's warnings from the reading that won it; the rest from both."""
    winner = {field: (a if value is getattr(a, field) else b) for field, value in chosen.items() if value}
    warnings: list[Warning] = []
    for side in (a, b):
        for warning in side.warnings:
            owner = winner.get(warning.field)
            if (owner is None or owner is side) and warning not in warnings:
                warnings.append(warning)
    return tuple(warnings)


def stamp(item: T, source: str, text: str) -> T:
    evidence = getattr(item, "evidence", None)
    if isinstance(evidence, Evidence):
        return replace(item, evidence=replace(evidence, source=source))  # type: ignore[type-var]
    return replace(item, evidence=Evidence(text, None, source))  # type: ignore[type-var]


def with_source(contact: Contact, source: str) -> Contact:
    """The contact with every field's `Evidence.source` set to `source` (the engine that read it)."""

    def one(item: T | None, text: Callable[[T], str]) -> T | None:
        return None if item is None else stamp(item, source, text(item))

    return replace(
        contact,
        name=one(contact.name, lambda n: n.full),
        title=one(contact.title, lambda t: t.value),
        organization=one(contact.organization, lambda t: t.value),
        department=one(contact.department, lambda t: t.value),
        emails=tuple(stamp(e, source, e.address) for e in contact.emails),
        phones=tuple(stamp(p, source, p.raw) for p in contact.phones),
        websites=tuple(stamp(w, source, w.url) for w in contact.websites),
        addresses=tuple(stamp(x, source, x.raw) for x in contact.addresses),
    )


def count_sources(contact: Contact) -> dict[str, int]:
    """How many of the contact's fields each engine gave."""
    items: list[object] = [contact.name, contact.title, contact.organization, contact.department]
    items += [*contact.emails, *contact.phones, *contact.websites, *contact.addresses]
    counts: dict[str, int] = {}
    for item in items:
        if item is not None:
            counts[source_of(item)] = counts.get(source_of(item), 0) + 1
    return counts
