"""The drafts' language and the conventions that go with it: salutations, closings, dates.

Dates come from the CLDR data in Babel ("4. Dezember 2026", "December 4, 2026", "2026年12月4日");
the locale is the drafts' language with the interviewer's country, so an English letter to
London reads "4 December 2026" and one to Reston "December 4, 2026". Salutations need the
interviewer's gender in German, French, Spanish and Portuguese: the card's title ("Frau",
"Mr") says it, else the given name (gender-guesser); when neither does, a neutral form is used.
"""

from __future__ import annotations

import functools
from datetime import date

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.languages import get_official_languages

from capture.contact import Contact
from followup.model import Profile

LANGUAGES = ("en", "de", "ja")  # the languages the shipped templates are written in
CONVENTIONS = ("en", "de", "fr", "es", "pt", "ja")  # salutations, closings and dates known
LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
                  "ja": "Japanese"}
TITLES = {  # printed titles that say the gender
    "female": {"mrs", "ms", "miss", "frau", "fr", "mme", "madame", "sra", "señora", "srta", "dra", "doutora"},
    "male": {"mr", "herr", "hr", "m", "monsieur", "sr", "señor", "senhor"},
}


def choose(requested: str | None, profile: Profile | None, country: str) -> str:
    """--language if given, else the candidate's own setting, else the interviewer's country's, else English."""
    from followup.api import FollowupError

    for candidate in (requested, profile.language if profile else ""):
        code = (candidate or "").strip().lower()[:2]
        if code:
            if code not in LANGUAGES:
                names = ", ".join(f"{c} ({n})" for c, n in LANGUAGE_NAMES.items())
                raise FollowupError(f"Drafts can be written in {names}; not in {candidate!r}.")
            return code
    return country_language(country)


def country_language(country: str) -> str:
    if not country:
        return "en"
    for code in get_official_languages(country.upper(), de_facto=True):
        if code in LANGUAGES:
            return str(code)
    return "en"


@functools.lru_cache(maxsize=64)
def locale_for(language: str, country: str) -> Locale:
    for name in (f"{language}_{country.upper()}", language):
        try:
            return Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            continue
    return Locale.parse("en")


def long_date(day: date, language: str, country: str) -> str:
    """"4 December 2026", "December 4, 2026", "4. Dezember 2026", "2026年12月4日"."""
    return format_date(day, "long", locale=locale_for(language, country))


def full_date(day: date, language: str, country: str) -> str:
    """With the weekday: "Friday, 4 December 2026"."""
    return format_date(day, "full", locale=locale_for(language, country))


def weekday(day: date, language: str, country: str) -> str:
    return format_date(day, "EEEE", locale=locale_for(language, country))


def gender(contact: Contact) -> str:
    """'female', 'male' or '' from the card's name prefix, else from the given name."""
    name = contact.name
    if name is None:
        return ""
    prefix = name.prefix.lower().strip(". ")
    for kind, words in TITLES.items():
        if prefix in words:
            return kind
    return guess_from_given_name(name.given or name.full.split(" ")[0])


@functools.lru_cache(maxsize=1)
def _detector() -> object:
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def guess_from_given_name(given: str) -> str:
    if not given or not given.isalpha():
        return ""
    answer = _detector().get_gender(given)  # type: ignore[attr-defined]
    return {"female": "female", "male": "male"}.get(answer, "")


def family_name(contact: Contact) -> str:
    name = contact.name
    if name is None:
        return ""
    return name.family or (name.full.split()[-1] if name.full.split() else "")


def salutation(contact: Contact, language: str, country: str, *, letter: bool = False) -> str:
    """"Dear Mr Poole," / "Dear Mr. Poole:" (a US letter) / "Sehr geehrte Frau Ødegård," / "山田様"."""
    name = contact.name
    full = name.full if name else ""
    family = family_name(contact)
    kind = gender(contact)
    if language == "de":
        if family and kind:
            return f"Sehr geehrte Frau {family}," if kind == "female" else f"Sehr geehrter Herr {family},"
        return f"Guten Tag {full}," if full else "Sehr geehrte Damen und Herren,"
    if language == "fr":
        if kind:
            return "Madame," if kind == "female" else "Monsieur,"
        return f"Bonjour {full}," if full else "Madame, Monsieur,"
    if language == "es":
        if family and kind:
            return f"Estimada Sra. {family}:" if kind == "female" else f"Estimado Sr. {family}:"
        return f"Estimado/a {full}:" if full else "Estimados señores:"
    if language == "pt":
        if family and kind:
            return f"Prezada Sra. {family}," if kind == "female" else f"Prezado Sr. {family},"
        return f"Prezado(a) {full}," if full else "Prezados senhores,"
    if language == "ja":
        return f"{family or full}様" if (family or full) else "ご担当者様"
    american = country in ("US", "CA", "PH")
    if family and kind:
        title = ("Ms" if kind == "female" else "Mr") + ("." if american else "")
        opening = f"Dear {title} {family}"
    elif full:
        opening = f"Dear {full}"
    else:
        opening = "Dear Hiring Manager"
    return opening + (":" if letter and american else ",")


def closing(language: str, country: str, *, letter: bool) -> str:
    if language == "de":
        return "Mit freundlichen Grüßen"
    if language == "fr":
        return ("Je vous prie d'agréer l'expression de mes salutations distinguées." if letter
                else "Bien cordialement,")
    if language == "es":
        return "Atentamente," if letter else "Un cordial saludo,"
    if language == "pt":
        return "Atenciosamente,"
    if language == "ja":
        return "敬具" if letter else ""
    if letter:
        return "Sincerely," if country in ("US", "CA", "PH") else "Yours sincerely,"
    return "Kind regards,"


# 時候の挨拶: the seasonal greeting after 拝啓 in a Japanese business letter, by month
SEASONS = ("新春の候", "余寒の候", "早春の候", "陽春の候", "新緑の候", "梅雨の候", "盛夏の候", "残暑の候", "初秋の候",
           "秋冷の候", "晩秋の候", "師走の候")


def season(day: date) -> str:
    return SEASONS[day.month - 1]
