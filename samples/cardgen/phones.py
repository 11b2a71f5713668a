"""Phone numbers valid for their country (phonenumbers says so) and printed as that country prints them."""

from __future__ import annotations

import random

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from samples.cardgen.addresses import fill
from samples.cardgen.regions import City

LANDLINE = {PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
MOBILE = {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE}
TRIES = 300  # random subscriber numbers drawn until one is valid; a few usually suffice


def make_number(
    region: str, cc: str, mobile_patterns: tuple[str, ...], city: City, mobile: bool, rng: random.Random
) -> phonenumbers.PhoneNumber:
    """Draw subscriber numbers until phonenumbers calls one valid and of the wanted kind."""
    wanted = MOBILE if mobile else LANDLINE
    if region not in ("US", "CN"):  # elsewhere the ranges tell mobiles apart; keep them unambiguous
        wanted = wanted - {PhoneNumberType.FIXED_LINE_OR_MOBILE}
    for _ in range(TRIES):
        pattern = rng.choice(mobile_patterns) if mobile else city.area + city.local
        nsn = fill(pattern.replace("AREA", city.area), rng)
        number = phonenumbers.parse("+" + cc + nsn)
        if phonenumbers.is_valid_number(number) and phonenumbers.number_type(number) in wanted:
            return number
    raise RuntimeError(f"could not draw a valid {region} number for {city.name}")


def _grouped(national: str, sep: str) -> str:
    return sep.join(national.replace("-", " ").replace("(", "").replace(")", "").split())


def print_number(number: phonenumbers.PhoneNumber, region: str, rng: random.Random) -> str:
    """One of the ways people of that country print a number: national, international or a local habit."""
    national = phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    style = rng.random()
    if style < 0.45:
        return national
    if style < 0.7:
        return intl
    digits = phonenumbers.national_significant_number(number)
    parts = national.replace("(", "").replace(")", "").replace("-", " ").split()
    if region == "US":
        return f"{digits[:3]}.{digits[3:6]}.{digits[6:]}"
    if region in ("DE", "GB", "NL"):
        if rng.random() < 0.5:
            return intl.replace(" ", " (0)", 1).replace("(0)", "(0) ", 1).replace("  ", " ")
        return f"{parts[0]} / {' '.join(parts[1:])}" if region == "DE" else _grouped(national, " ")
    if region == "FR":
        return _grouped(national, ".")
    if region in ("JP", "KR"):
        if rng.random() < 0.4 and len(parts) == 3:
            return f"({parts[0]}){parts[1]}-{parts[2]}"
        return intl.replace(" ", "-") if rng.random() < 0.5 else _grouped(national, "-")
    if region == "TW":
        return (
            f"({parts[0]}){'-'.join(parts[1:])}" if len(parts) >= 3 and rng.random() < 0.6 else _grouped(national, "-")
        )
    if region == "CN":
        if len(parts) == 3 and parts[0].startswith("0"):
            return f"{parts[0]}-{parts[1]}{parts[2]}"
        return "".join(parts) if rng.random() < 0.5 else _grouped(national, "-")
    if region == "ES":
        return f"+34 {digits[:3]} {digits[3:6]} {digits[6:]}"
    if region == "IT":
        return f"+39 {parts[0]} {''.join(parts[1:])}"
    if region == "BR":
        return _grouped(national, " ").replace(" ", ") ", 1).join(("(", ""))
    return intl
