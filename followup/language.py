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

LANGUAGES = ("en", "de", "fr", "es", "pt", "ja")  # the languages the shipped templates are written in
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
    return _first_of_month(format_date(day, "long", locale=locale_for(language, country)), day, language)


def full_date(day: date, language: str, country: str) -> str:
    """With the weekday: "Friday, 4 December 2026"."""
    return _first_of_month(format_date(day, "full", locale=locale_for(language, country)), day, language)


def _first_of_month(text: str, day: date, language: str) -> str:
    """French writes the first of the month as an ordinal: "1er décembre" (CLDR has "1 décembre")."""
    if language == "fr" and day.day == 1:
        return text.replace("1 ", "1er ", 1) if text.startswith("1 ") else text.replace(" 1 ", " 1er ", 1)
    return text


def weekday(day: date, language: str, country: str) -> str:
    return format_date(day, "EEEE", locale=locale_for(language, country))


def gender(contact: Contact, *, lenient: bool = False) -> str:
    """'female', 'male' or '' from the card's name prefix, else from the given name (`lenient`: also
    a name that is mostly one, where the neutral form reads badly, as "Estimado/a" does)."""
    name = contact.name
    if name is None:
        return ""
    prefix = name.prefix.lower().strip(". ")
    for kind, words in TITLES.items():
        if prefix in words:
            return kind
    return guess_from_given_name(name.given or name.full.split(" ")[0], lenient=lenient)


@functools.lru_cache(maxsize=1)
def _detector() -> object:
    import gender_guesser.detector as detector

    return detector.Detector(case_sensitive=False)


def guess_from_given_name(given: str, *, lenient: bool = False) -> str:
    if not given or not given.isalpha():
        return ""
    answer = str(_detector().get_gender(given))  # type: ignore[attr-defined]
    if lenient:
        answer = answer.removeprefix("mostly_")
    return answer if answer in ("female", "male") else ""


def family_name(contact: Contact) -> str:
    name = contact.name
    if name is None:
        return ""
    parts = name.full.split()
    if parts and any("\u3040" <= ch <= "\u9fff" for ch in name.full):
        return parts[0]  # Japanese and Chinese names are written family name first, whatever a parser said
    return name.family or (parts[-1] if parts else "")


def salutation(contact: Contact, language: str, country: str, *, letter: bool = False) -> str:
    """"Dear Mr Poole," / "Dear Mr. Poole:" (a US letter) / "Sehr geehrte Frau Ødegård," / "山田様"."""
    name = contact.name
    full = name.full if name else ""
    family = family_name(contact)
    kind = gender(contact, lenient=language in ("es", "pt"))
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


ADDRESSEE_TITLES = {  # the name line of a letter's address block, where the language puts a title before it
    "de": {"female": "Frau", "male": "Herrn"},  # DIN 5008: "Herrn" (accusative) in the address
    "fr": {"female": "Madame", "male": "Monsieur"},
    "es": {"female": "Sra.", "male": "Sr."},
    "pt": {"female": "Sra.", "male": "Sr."},
}


def addressee(contact: Contact, language: str) -> str:
    """The name as the address block gives it: "Frau Jana Weber", "Madame Claire Dubois", "John Poole"."""
    name = contact.name
    if name is None or not name.full:
        return ""
    titles = ADDRESSEE_TITLES.get(language, {})
    kind = gender(contact, lenient=language in ("es", "pt"))
    if not titles or not kind or name.prefix:
        return name.full
    return f"{titles[kind]} {name.full}"


def closing(language: str, country: str, *, letter: bool, contact: Contact | None = None) -> str:
    """"Yours sincerely," / "Sincerely," (US) / "Mit freundlichen Grüßen" / the French formula, which
    repeats the salutation's "Madame" or "Monsieur" / "敬具" (a letter) or nothing (a Japanese email)."""
    if language == "de":
        return "Mit freundlichen Grüßen"
    if language == "fr":
        if not letter:
            return "Bien cordialement,"
        kind = gender(contact) if contact is not None else ""
        appellation = {"female": "Madame", "male": "Monsieur"}.get(kind, "Madame, Monsieur")
        return f"Je vous prie d'agréer, {appellation}, l'expression de mes salutations distinguées."
    if language == "es":
        return "Atentamente," if letter else "Un cordial saludo,"
    if language == "pt":
        return "Atenciosamente,"
    if language == "ja":
        return "敬具" if letter else ""
    if letter:
        return "Sincerely," if country in ("US", "CA", "PH") else "Yours sincerely,"
    return "Kind regards,"


# German company forms that are feminine ("die Gesellschaft", "die Aktiengesellschaft"): "bei der Beispiel GmbH".
GERMAN_FEMININE_FORMS = ("GmbH", "AG", "SE", "KG", "KGaA", "OHG", "eG", "UG", "GbR", "mbH", "Gesellschaft", "Bank",
                         "Versicherung", "Stiftung", "Universität", "Hochschule", "Agentur", "Gruppe", "Group")


def german_company(company: str, case: str) -> str:
    """The company with the article German grammar wants: 'die Beispiel GmbH' (accusative), 'der Beispiel
    GmbH' (dative); a name without a legal form ('Siemens') goes without one."""
    words = company.replace(",", " ").split()
    if not words or words[-1].rstrip(".") not in GERMAN_FEMININE_FORMS:
        return company
    return f"{'der' if case == 'dative' else 'die'} {company}"


# 時候の挨拶: the seasonal greeting after 拝啓 in a Japanese business letter, by month
SEASONS = ("新春の候", "余寒の候", "早春の候", "陽春の候", "新緑の候", "梅雨の候", "盛夏の候", "残暑の候", "初秋の候",
           "秋冷の候", "晩秋の候", "師走の候")


def season(day: date) -> str:
    return SEASONS[day.month - 1]
