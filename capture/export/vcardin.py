"""One vCard (3.0 or 4.0, parsed by vobject) as a `Contact`: the inverse of
`capture.export.vcard.contact_to_vcard` for every property it writes.

Two callers read vCards: the store imports .vcf files and CardDAV address books (evidence
source "import"), and the capture pipeline reads the vCard a QR code on the card carries
(source "qr", with the card's region for numbers typed without a country code). What a vCard
cannot carry (confidence, evidence, warnings) comes back as confidence 1.0.
"""

from __future__ import annotations

from typing import Any

from capture.contact import Address, Contact, Email, Evidence, PersonName, PhoneType, TextField, Website
from capture.normalize.phones import parse_phone
from capture.normalize.web import website_kind, website_problem

IMPORT_SOURCE = "import"


def values_of(card: Any, name: str) -> list[Any]:
    return list(card.contents.get(name, []))


def type_params(item: Any) -> set[str]:
    """The TYPE parameters of a property, upper case ('TYPE=WORK,VOICE' and repeated TYPE alike)."""
    found: set[str] = set()
    for value in item.params.get("TYPE", []):
        found.update(part.strip().upper() for part in str(value).split(","))
    return found


def phone_type(types: set[str]) -> PhoneType:
    if "FAX" in types:
        return PhoneType.FAX
    if types & {"CELL", "MOBILE"}:
        return PhoneType.MOBILE
    if types & {"WORK", "MAIN"}:
        return PhoneType.WORK
    return PhoneType.OTHER  # VOICE alone: what cardcap writes for a number of unknown kind


def read_name(card: Any, organization: str, source: str) -> PersonName | None:
    full = str(card.fn.value).strip() if "fn" in card.contents else ""
    n = card.n.value if "n" in card.contents else None
    parts: dict[str, Any] = {
        "prefix": str(getattr(n, "prefix", "") or ""),
        "given": str(getattr(n, "given", "") or ""),
        "middle": str(getattr(n, "additional", "") or ""),
        "family": str(getattr(n, "family", "") or ""),
        "suffix": str(getattr(n, "suffix", "") or ""),
    }
    # An exporter writes FN = the company (or "Unknown") for a card that names nobody.
    if not any(parts.values()) and (not full or full in (organization, "Unknown") or "@" in full):
        return None
    def phonetic(key: str) -> str:  # a name's reading in Latin letters (Apple's and Google's properties)
        return str(card.contents[key][0].value) if key in card.contents else ""

    return PersonName(
        full or " ".join(p for p in parts.values() if p),
        **parts,
        evidence=Evidence(full, None, source),
        phonetic_given=phonetic("x-phonetic-first-name"),
        phonetic_family=phonetic("x-phonetic-last-name"),
    )


def read_org(card: Any) -> tuple[str, str]:
    """(company, department) from ORG:Company;Department."""
    if "org" not in card.contents:
        return "", ""
    value = card.org.value
    parts = [str(v) for v in value] if isinstance(value, list) else [str(value)]
    return (parts[0] if parts else ""), (parts[1] if len(parts) > 1 else "")


def text_field(value: str, source: str) -> TextField | None:
    return TextField(value, 1.0, Evidence(value, None, source)) if value else None


def read_address(item: Any, source: str) -> Address:
    adr = item.value
    label = item.params.get("X-LABEL", [""])[0]

    def part(name: str) -> str:
        value = getattr(adr, name, "") or ""
        return ", ".join(value) if isinstance(value, list) else str(value)

    fields: dict[str, Any] = {
        "street": part("street"),
        "city": part("city"),
        "region": part("region"),
        "postal_code": part("code"),
        "country": part("country"),
    }
    raw = "\n".join(v for v in fields.values() if v)
    return Address(**fields, label=label, raw=raw, evidence=Evidence(raw, None, source))


def contact_from_vcard(card: Any, source: str = IMPORT_SOURCE, region: str | None = None) -> Contact:
    """One parsed vobject vCard as a Contact whose fields carry `source` as their evidence. A URL
    that is no website (javascript:, data:, ...) is left out, with a warning on the contact."""
    org, department = read_org(card)
    note = "\n".join(str(item.value) for item in values_of(card, "note"))
    urls = [str(u.value).strip() for u in values_of(card, "url") if u.value]
    refused = [problem for problem in map(website_problem, urls) if problem]
    contact = Contact(
        name=read_name(card, org, source),
        title=text_field(str(card.title.value).strip(), source) if "title" in card.contents else None,
        organization=text_field(org, source),
        department=text_field(department, source),
        emails=tuple(
            Email(str(e.value).strip(), 1.0, Evidence(str(e.value), None, source))
            for e in values_of(card, "email")
            if e.value
        ),
        phones=tuple(
            parse_phone(str(t.value), phone_type(type_params(t)), region, Evidence(str(t.value), None, source))
            for t in values_of(card, "tel")
            if t.value
        ),
        websites=tuple(
            Website(url, website_kind(url), 1.0, Evidence(url, None, source))
            for url in urls
            if not website_problem(url)
        ),
        addresses=tuple(read_address(a, source) for a in values_of(card, "adr")),
        note=note,
    )
    for problem in refused:
        contact = contact.with_warning("websites", f"A URL was left out: {problem}")
    return contact
