"""The languages cards are printed in, and what cardcap knows of each.

Each language has a module of its own words (`capture.lang.ja`, `.zh`, `.ko`, `.de`, ...): job
titles, departments, company forms, field labels and street words, as a `Lexicon`. The
extraction rules (`capture.extract.titles`, `.organization`, `.labels`, `.addresses`) and the
line-role model's features read them through `capture.lang.lexicon`, so a word is added in one
place for both. `capture.lang.detect` tells a card's language from what the first reading shows;
`capture.lang.script` sorts characters by writing system; `capture.lang.names` splits and
romanises names written in Chinese characters and Hangul.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """A language cards are printed in: its BCP 47 code, its name for messages, and the Tesseract
    language data that reads it (read together with `eng`, for the Latin lines every card has)."""

    code: str
    name: str
    tesseract: tuple[str, ...]
    script: str  # ISO 15924: Latn, Jpan, Hans, Hant, Kore


LANGUAGES: dict[str, Language] = {
    language.code: language
    for language in (
        Language("en", "English", (), "Latn"),
        Language("pt", "Portuguese", ("por",), "Latn"),
        Language("de", "German", ("deu",), "Latn"),
        Language("fr", "French", ("fra",), "Latn"),
        Language("es", "Spanish", ("spa",), "Latn"),
        Language("it", "Italian", ("ita",), "Latn"),
        Language("nl", "Dutch", ("nld",), "Latn"),
        Language("ja", "Japanese", ("jpn",), "Jpan"),
        Language("zh-Hans", "Chinese (simplified)", ("chi_sim",), "Hans"),
        Language("zh-Hant", "Chinese (traditional)", ("chi_tra",), "Hant"),
        Language("ko", "Korean", ("kor",), "Kore"),
    )
}
ENGLISH = LANGUAGES["en"]
CJK_LANGUAGES = frozenset({"ja", "zh-Hans", "zh-Hant", "ko"})


def debian_package(data: str) -> str:
    """The Debian package of a Tesseract language data file: 'chi_sim' → 'tesseract-ocr-chi-sim'."""
    return "tesseract-ocr-" + data.replace("_", "-")


def base_language(code: str) -> str:
    """'zh-Hans' → 'zh': the language without its script."""
    return code.split("-", 1)[0]
