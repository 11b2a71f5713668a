"""CardSpec, the whole truth of one synthetic card, and its label in the real-set format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from samples.cardgen.fonts import Family

# the role of every printed line or token, as the line-role model learns them
ROLES = ("name", "title", "department", "org", "address", "phone", "email", "url", "label", "other")


@dataclass(frozen=True)
class PhoneSpec:
    e164: str  # '+14155550123'
    printed: str  # the number as printed, without its label: '(415) 555-0123'
    type: str  # work | mobile | fax | other
    label: str | None  # printed label before the number ('T:', 'Mobile', '携帯') or None


@dataclass(frozen=True)
class AddressSpec:
    street: str
    city: str | None
    region: str | None
    postal_code: str | None
    country: str | None  # the country as printed, None when the card doesn't print it
    lines: tuple[str, ...]  # the printed lines, in order (a landmark line is part of the address)
    label: str | None = None  # a branch's printed label ('本社', 'Filial Centro:'), also its label's value


@dataclass(frozen=True)
class Style:
    layout: str  # left | right | centered | two_column | band | logo | photo | busy | vertical
    family: Family  # fonts of the card's own script
    latin: Family  # fonts for Latin-only lines (emails, urls, romanised names) on a CJK card
    background: tuple[int, int, int]
    text: tuple[int, int, int]
    accent: tuple[int, int, int]
    accent_text: tuple[int, int, int]  # text drawn on the accent color (bands, logo blocks)
    dark: bool
    uppercase_name: bool = False
    phone_label_style: str = "short"  # short ('T:') | word ('Tel') | none
    size: tuple[int, int] = (1050, 600)  # the card's pixels at 300 dpi (portrait for vertical cards)
    email_label: str | None = None  # 'E-mail:', '邮箱：' printed before the emails
    url_label: str | None = None
    decorated: bool = True  # stripes, corner shapes and rules beside the text (plain classic cards have none)

    @property
    def font_regular(self) -> str:
        return self.family.regular.path

    @property
    def font_bold(self) -> str:
        return self.family.bold.path


@dataclass(frozen=True)
class CardSpec:
    region: str  # ISO 3166 alpha-2
    kind: str  # person | business
    name: str | None  # the Latin-script name as in the labels: given [middle] family, or as printed
    name_prefix: str | None
    given: str | None
    middle: str | None
    family: str | None
    name_suffix: str | None
    full_name: str | None  # the Latin name line as printed: 'Dr. Sarah K. Miller, PhD'
    title: str | None
    department: str | None  # several departments joined with '; ', as in the labels
    org: str | None
    emails: tuple[str, ...]
    phones: tuple[PhoneSpec, ...]
    urls: tuple[str, ...]  # as printed
    addresses: tuple[AddressSpec, ...]
    style: Style
    handles: tuple[str, ...] = ()  # printed social handles that are not URLs ('@northwind')
    tagline: str | None = None
    lang: str = "en"  # en pt de fr es it nl ja zh-Hans zh-Hant ko
    name_native: str | None = None  # the name in the card's own script, as printed ('山田 太郎')
    given_native: str | None = None
    family_native: str | None = None
    title_alt: tuple[str, ...] = ()  # the title as also printed in a second language
    org_alt: tuple[str, ...] = ()  # the organization's other printed forms (English name, acronym)
    brand: str | None = None  # a logo word printed big ('NOVA'), role org, not the legal name
    landmark: str | None = None  # 'Próximo ao Shopping Penha': printed inside the first address

    @property
    def layout(self) -> str:
        return self.style.layout

    @property
    def departments(self) -> tuple[str, ...]:
        return tuple(self.department.split("; ")) if self.department else ()


def _url_label(url: str) -> str:
    """The real labels keep a URL as printed minus its scheme."""
    for scheme in ("https://", "http://"):
        if url.lower().startswith(scheme):
            return url[len(scheme):]
    return url


def label_for(spec: CardSpec, image_id: str, image_path: str,
              lines: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """One line of labels.jsonl, key for key as in ../shared/realcards/labels.jsonl, then the
    generator's own keys: given_native/family_native, layout and (when given) the printed lines."""
    notes = f"Synthetic {spec.style.layout} layout, {spec.lang}" + (", dark background" if spec.style.dark else "")
    label: dict[str, Any] = {
        "id": image_id,
        "image": image_path,
        "region": spec.region,
        "lang": spec.lang,
        "kind": spec.kind,
        "name": spec.name,
        "name_prefix": spec.name_prefix,
        "name_suffix": spec.name_suffix,
        "name_native": spec.name_native,
        "given": spec.given,
        "family": spec.family,
        "title": spec.title,
        "department": spec.department,
        "org": spec.org,
        "emails": list(spec.emails),
        "phones": [{"e164": p.e164, "type": p.type} for p in spec.phones],
        "urls": [_url_label(u) for u in spec.urls],
        "addresses": [
            {"street": a.street, "city": a.city, "region": a.region, "postal_code": a.postal_code,
             "country": a.country, "label": a.label}
            for a in spec.addresses
        ],
        "legible": True,
        "notes": notes + ".",
        "source": {"generator": "samples/generate.py"},
        "title_alt": list(spec.title_alt),
        "org_alt": list(spec.org_alt),
        "given_native": spec.given_native,
        "family_native": spec.family_native,
        "layout": spec.style.layout,
    }
    if lines is not None:
        label["lines"] = lines
    return label
