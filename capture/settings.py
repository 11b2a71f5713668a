"""One settings object, checked once at the edge (CLI, web, batch) and then passed down."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import phonenumbers

from capture.errors import SettingsError

Engine = Literal["tesseract", "ppocr", "both"]
VcardVersion = Literal["3.0", "4.0"]
TesseractBuild = Literal["auto", "inprocess", "cli"]
LineRoles = Literal["rules", "learned", "combined"]

ENGINES: tuple[str, ...] = ("tesseract", "ppocr", "both")
VCARD_VERSIONS: tuple[str, ...] = ("3.0", "4.0")
TESSERACT_BUILDS: tuple[str, ...] = ("auto", "inprocess", "cli")
LINE_ROLES: tuple[str, ...] = ("rules", "learned", "combined")


@dataclass(frozen=True)
class Settings:
    """How to read a card. Build it with `Settings(...)`; invalid values raise `SettingsError`."""

    region: str = "US"  # ISO 3166 country assumed for phone numbers printed without a country code
    languages: tuple[str, ...] = ("eng",)  # Tesseract language packs of the first reading
    # Tell each card's language from the card and read it again with that language's Tesseract
    # data (`capture.ocr.language`). Off when the user names the languages (`--lang`).
    detect_language: bool = True
    # Both readers, reconciled field by field: the most accurate mode on real cards (README).
    engine: Engine = "both"
    vcard_version: VcardVersion = "3.0"
    max_megapixels: float = 50.0  # larger images are refused (decompression-bomb guard)
    max_bytes: int = 60 * 1024 * 1024
    check_mx: bool = False  # look up the email domain's MX record (needs the network)
    embed_photo: bool = False  # put the card image into the vCard as PHOTO
    include_note: bool = False  # put the raw OCR text into the vCard's NOTE
    split_cards: bool = True  # look for several cards on one scan
    debug_dir: Path | None = None  # write the image after each stage here
    time_budget: float = 20.0  # seconds of OCR work one card may use for extra variants
    # Tesseract in process (tesserocr) when installed, else the `tesseract` program (README).
    tesseract_build: TesseractBuild = "auto"
    # Who decides which line is the name and the title: the hand-written rules, the line-role model
    # (a CRF that reads the rules' decisions among its features: "learned"), or the rules with the
    # model filling a name or title they left empty ("combined"). Rules by default: the model does
    # not beat them on the cross-validated dev figure (`make bench`).
    line_roles: LineRoles = "rules"
    roles_model: Path | None = None  # the line-role model file; None: the one shipped with cardcap
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        region = (self.region or "").strip().upper()
        if region not in phonenumbers.SUPPORTED_REGIONS:
            raise SettingsError(
                f"The region {self.region!r} is not a known ISO 3166 country code; "
                "use two letters such as US, GB, DE or BR."
            )
        object.__setattr__(self, "region", region)
        if not self.languages or not all(re.fullmatch(r"[a-z_]{3,8}", lang) for lang in self.languages):
            raise SettingsError(
                f"The OCR languages {'+'.join(self.languages)!r} are not Tesseract language codes "
                "such as 'eng' or 'eng+por'."
            )
        if self.engine not in ENGINES:
            raise SettingsError(f"The OCR engine {self.engine!r} is unknown; choose one of {', '.join(ENGINES)}.")
        if self.tesseract_build not in TESSERACT_BUILDS:
            raise SettingsError(
                f"The Tesseract build {self.tesseract_build!r} is unknown; choose one of {', '.join(TESSERACT_BUILDS)}."
            )
        if self.line_roles not in LINE_ROLES:
            raise SettingsError(f"The line roles {self.line_roles!r} are unknown; choose rules, learned or combined.")
        if self.vcard_version not in VCARD_VERSIONS:
            raise SettingsError(f"The vCard version {self.vcard_version!r} is not supported; choose 3.0 or 4.0.")
        if not 0.1 <= self.max_megapixels <= 500:
            raise SettingsError("The pixel limit must be between 0.1 and 500 megapixels.")
        if self.time_budget <= 0:
            raise SettingsError("The time budget must be a positive number of seconds.")

    @property
    def tesseract_lang(self) -> str:
        return "+".join(self.languages)


def parse_languages(value: str) -> tuple[str, ...]:
    """'eng+por' or 'eng,por' → ('eng', 'por'); a card language ('ja', 'zh-Hant', 'de') → English and
    its Tesseract data ('eng', 'jpn')."""
    from capture.lang import LANGUAGES

    by_code = {code.lower(): lang for code, lang in LANGUAGES.items()}
    out: list[str] = []
    for part in (p.strip() for p in re.split(r"[+,]", value) if p.strip()):
        language = by_code.get(part.lower())
        for code in ("eng", *language.tesseract) if language else (part,):
            if code not in out:
                out.append(code)
    return tuple(out)


def find_tesseract() -> str | None:
    return shutil.which("tesseract")
