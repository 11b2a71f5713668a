"""The contact read from a card: every field with a confidence and the evidence it came from.

These frozen dataclasses are the contract between extraction, validation, export, the store,
the follow-up planner and the web app. A field that is doubtful is still kept, with a lower
confidence and a `Warning` saying why, so a person can review it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from capture.ocr.result import Box, OcrPage


class PhoneType(StrEnum):
    WORK = "work"
    MOBILE = "mobile"
    FAX = "fax"
    OTHER = "other"


@dataclass(frozen=True)
class Evidence:
    """Where a value was read: the OCR text, its box on the prepared image, and which reader."""

    text: str
    box: Box | None = None
    source: str = "tesseract"  # tesseract | ppocr | qr | user | import


@dataclass(frozen=True)
class Warning:
    """Something a person should review. `field` names the contact field concerned ('' = card);
    `value` the entry of that field the warning is about, as `entry_value` spells it ('' = the
    field as a whole), so that one doubtful phone number is marked and not the others beside it,
    and a warning about a value the card no longer holds can be told and dropped."""

    field: str
    message: str
    value: str = ""


@dataclass(frozen=True)
class TextField:
    value: str
    confidence: float = 1.0
    evidence: Evidence | None = None


@dataclass(frozen=True)
class PersonName:
    full: str
    prefix: str = ""
    given: str = ""
    middle: str = ""
    family: str = ""
    suffix: str = ""
    confidence: float = 1.0
    evidence: Evidence | None = None
    # The name in Latin letters when the card prints it in another script too (山田 太郎 / Taro
    # Yamada): where address books keep a name's reading (vCard X-PHONETIC-*, SORT-AS).
    phonetic_given: str = ""
    phonetic_family: str = ""


@dataclass(frozen=True)
class Phone:
    e164: str  # "+14155550100"; the raw digits when the number could not be validated
    raw: str  # as printed on the card
    type: PhoneType = PhoneType.WORK
    extension: str = ""
    valid: bool = True
    confidence: float = 1.0
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Email:
    address: str
    confidence: float = 1.0
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Website:
    url: str
    kind: str = "web"  # web | linkedin | twitter | facebook | instagram | github | youtube | other
    confidence: float = 1.0
    evidence: Evidence | None = None


@dataclass(frozen=True)
class Address:
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    label: str = ""  # "Head office", "Branch", ...
    raw: str = ""  # the printed lines, joined with newlines
    confidence: float = 1.0
    evidence: Evidence | None = None

    @property
    def is_empty(self) -> bool:
        return not any((self.street, self.city, self.region, self.postal_code, self.country))


@dataclass(frozen=True)
class Contact:
    name: PersonName | None = None
    title: TextField | None = None
    organization: TextField | None = None
    department: TextField | None = None
    emails: tuple[Email, ...] = ()
    phones: tuple[Phone, ...] = ()
    websites: tuple[Website, ...] = ()
    addresses: tuple[Address, ...] = ()
    warnings: tuple[Warning, ...] = ()
    note: str = ""

    @property
    def formatted_name(self) -> str:
        """What an address book shows: the person, or the company for a card without one."""
        if self.name and self.name.full:
            return self.name.full
        if self.organization:
            return self.organization.value
        if self.emails:
            return self.emails[0].address
        return ""

    @property
    def is_empty(self) -> bool:
        return not (
            self.name or self.organization or self.title or self.emails or self.phones or self.websites
            or self.addresses
        )

    def with_warning(self, field_name: str, message: str) -> Contact:
        return replace(self, warnings=(*self.warnings, Warning(field_name, message)))

    def entries(self, field_name: str) -> tuple[object, ...]:
        """The values of one field ('phones' → every phone, 'title' → the title): what a
        `Warning.field` names."""
        if field_name not in FIELDS:
            return ()
        value = getattr(self, field_name)
        return value if isinstance(value, tuple) else (() if value is None else (value,))

    def holds(self, warning: Warning) -> bool:
        """Whether the warning is about this contact as it is: a warning about an entry is no
        longer, once another reading (or a person) gave that field other values."""
        return not warning.value or any(entry_value(item) == warning.value for item in self.entries(warning.field))


FIELDS = ("name", "title", "organization", "department", "emails", "phones", "websites", "addresses")


def entry_value(item: object) -> str:
    """How a warning names one entry of a contact field (`Warning.value`)."""
    if isinstance(item, PersonName):
        return item.full
    if isinstance(item, TextField):
        return item.value
    if isinstance(item, Email):
        return item.address
    if isinstance(item, Phone):
        return item.raw or item.e164
    if isinstance(item, Website):
        return item.url
    if isinstance(item, Address):
        return item.raw or ", ".join(p for p in (item.street, item.city, item.region, item.postal_code, item.country)
                                     if p)
    return ""


@dataclass(frozen=True)
class StageTime:
    stage: str
    seconds: float


@dataclass(frozen=True)
class CardResult:
    """One card read from one image (a scan of several cards gives several results)."""

    source: str  # the path of the image, as given
    index: int  # 1-based position of the card in its image
    count: int  # how many cards were found in the image
    sha256: str  # of the image file's bytes
    contact: Contact
    # The OCR page (lines → words, with boxes and confidences) that gave most of the contact's
    # fields: what a review page draws over the card.
    page: OcrPage = field(default_factory=lambda: OcrPage((), 0, 0))
    timings: tuple[StageTime, ...] = field(default=(), compare=False)
    # The straightened, upright card as JPEG, in the geometry of `page` (scaled to its size):
    # what a review page shows under the text boxes, and the vCard's PHOTO.
    card_jpeg: bytes = field(default=b"", compare=False, repr=False)
    # What the OCR stage read, one page per engine (the first engine's first, the second one in
    # its orientation), and the QR code's contact: with `api.contact_from_pages` they give the
    # contact again without reading the image (the cross-validation bench caches them).
    pages: tuple[OcrPage, ...] = field(default=(), compare=False, repr=False)
    qr: Contact | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """The raw OCR text, line by line."""
        return self.page.text

    @property
    def confidence(self) -> float:
        """Mean OCR confidence 0..1."""
        return self.page.confidence

    @property
    def image_size(self) -> tuple[int, int]:
        """(width, height) of the prepared image the page was read on."""
        return self.page.width, self.page.height

    @property
    def stem_suffix(self) -> str:
        """'' for the only card of an image, '-1', '-2', ... when one image holds several."""
        return "" if self.count <= 1 else f"-{self.index}"
