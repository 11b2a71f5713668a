"""The card's language, and the Tesseract language data to read it with.

The first reading uses the settings' languages (English by default). When the card turns out to
be printed in another language (`capture.lang.detect`, from what that reading shows), Tesseract
reads it once more with that language's data beside English (`capture.preprocess.choose.read_again`):
only those cards pay for the extra model. When the data is not installed the card is read as it
is and the contact carries one sentence naming the Debian package to install.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from capture.lang import LANGUAGES, debian_package
from capture.lang.detect import guess_language
from capture.ocr.result import OcrPage

TESSERACT_TO_LANGUAGE = {data: lang.code for lang in LANGUAGES.values() for data in lang.tesseract}
TESSERACT_TO_LANGUAGE["jpn_vert"] = "ja"
WARNING_KEY = "language_warning"  # the page's `extra` entry holding the missing-data sentence


def card_language(pages: Iterable[OcrPage], region: str) -> str:
    """The language code of the card these pages (one per engine) read."""
    return guess_language(
        [([(line.text, line.confidence) for line in page.lines], int(page.extra.get("unread", "0") or 0))
         for page in pages],
        region,
    )


def language_of(languages: tuple[str, ...]) -> str:
    """The card language a set of Tesseract languages names ('eng+jpn' → 'ja'; 'eng' → 'en')."""
    return next((TESSERACT_TO_LANGUAGE[code] for code in languages if code in TESSERACT_TO_LANGUAGE), "en")


def tesseract_languages(language: str, base: tuple[str, ...]) -> tuple[str, ...]:
    """Tesseract's languages for a card in `language`: the base ones (English) first, then the
    language's own data. English first reads as well as the other order (the Latin lines of a
    Japanese card too) and is faster."""
    extra = LANGUAGES[language].tesseract if language in LANGUAGES else ()
    return (*base, *(data for data in extra if data not in base))


@cache
def installed_data(folder: str) -> frozenset[str]:
    return frozenset(path.stem for path in Path(folder).glob("*.traineddata"))


def missing_data(languages: tuple[str, ...], folder: Path | None) -> tuple[str, ...]:
    """The language data files Tesseract lacks (none when the folder is unknown)."""
    if folder is None:
        return ()
    have = installed_data(str(folder))
    return tuple(code for code in languages if code not in have)


def missing_warning(language: str, missing: tuple[str, ...]) -> str:
    """One sentence: what the card seems printed in, and the package that would read it."""
    name = LANGUAGES[language].name if language in LANGUAGES else language
    packages = " ".join(debian_package(code) for code in missing)
    return (f"This card seems to be printed in {name}, which Tesseract cannot read here; "
            f"install its language data with: sudo apt-get install {packages}.")
