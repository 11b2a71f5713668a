"""CardSpec, the whole truth of one synthetic card, and its label in the real-set format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PhoneSpec:
    e164: str  # '+14155550123'
    printed: str  # the number as printed, without its label: '(415) 555-0123'
    type: str  # work | mobile | fax | other
    label: str | None  # printed label before the number ('T:', 'Mobile', ...) or None


@dataclass(frozen=True)
class AddressSpec:
    street: str
    city: str
    region: str | None
    postal_code: str
    country: str | None  # the country as printed, None when the card doesn't print it
    lines: tuple[str, ...]  # the printed lines, in order


@dataclass(frozen=True)
class Style:
    layout: str  # left | right | centered | two_column | band | logo
    font_regular: str  # font file paths
    font_bold: str
    background: tuple[int, int, int]
    text: tuple[int, int, int]
    accent: tuple[int, int, int]
    accent_text: tuple[int, int, int]  # text drawn on the accent color (bands, logo blocks)
    dark: bool
    uppercase_name: bool = False
    phone_label_style: str = "short"  # short ('T:') | word ('Tel') | none


@dataclass(frozen=True)
class CardSpec:
    region: str  # ISO 3166 alpha-2
    kind: str  # person | business
    name: str | None  # given [middle] family, without prefix or suffix (as in the labels)
    name_prefix: str | None
    given: str | None
    middle: str | None
    family: str | None
    name_suffix: str | None
    full_name: str | None  # the name line as printed: 'Dr. Sarah K. Miller, PhD'
    title: str | None
    department: str | None
    org: str
    emails: tuple[str, ...]
    phones: tuple[PhoneSpec, ...]
    urls: tuple[str, ...]  # as printed
    addresses: tuple[AddressSpec, ...]
    style: Style
    handles: tuple[str, ...] = ()  # printed social handles that are not URLs ('@northwind')
    tagline: str | None = None

    @property
    def layout(self) -> str:
        return self.style.layout


def _url_label(url: str) -> str:
    """The real labels keep a URL as printed minus its scheme."""
    for scheme in ("https://", "http://"):
        if url.lower().startswith(scheme):
            return url[len(scheme):]
    return url


def label_for(spec: CardSpec, image_id: str, image_path: str) -> dict[str, Any]:
    """One line of labels.jsonl, key for key as in ../shared/realcards/labels.jsonl."""
    notes = f"Synthetic {spec.style.layout} layout" + (", dark background" if spec.style.dark else "")
    return {
        "id": image_id,
        "image": image_path,
        "region": spec.region,
        "lang": "en",
        "kind": spec.kind,
        "name": spec.name,
        "name_prefix": spec.name_prefix,
        "name_suffix": spec.name_suffix,
        "name_native": None,
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
             "country": a.country, "label": None}
            for a in spec.addresses
        ],
        "legible": True,
        "notes": notes + ".",
        "source": {"generator": "samples/generate.py"},
    }
