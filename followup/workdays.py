"""Where the interviewer works: their country's (and region's) public holidays, weekend and time zone.

A plan's steps fall on the interviewer's business days: not on their weekend (Friday and Saturday
in Saudi Arabia, Saturday and Sunday in most places, as the `holidays` library knows it), not on
a public holiday of their country or of the region the card's address is in (England's Late
Summer Bank Holiday, Epiphany in Baden-Württemberg). Calls go inside their business hours even
when they live in another time zone than the plan's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo, ZoneInfoNotFoundError

import holidays as holidays_lib
import phonenumbers
from phonenumbers import timezone as phone_zones

from capture.contact import Address, Contact

SATURDAY_SUNDAY = frozenset({5, 6})

# German postal codes by their first two digits (the Leitregion) and the state nearly all of its
# codes lie in; the region printed on the card, when there is one, wins over this.
DE_LEITREGION_STATE = {
    **dict.fromkeys(("01", "02", "04", "08", "09"), "SN"),
    **dict.fromkeys(("03", "14", "15", "16"), "BB"),
    **dict.fromkeys(("06", "39"), "ST"),
    **dict.fromkeys(("07", "98", "99"), "TH"),
    **dict.fromkeys(("10", "12", "13"), "BE"),
    **dict.fromkeys(("17", "18", "19"), "MV"),
    **dict.fromkeys(("20", "21", "22"), "HH"),
    **dict.fromkeys(("23", "24", "25"), "SH"),
    **dict.fromkeys(("26", "27", "29", "30", "31", "37", "38", "49"), "NI"),
    "28": "HB",
    **dict.fromkeys(("32", "33", "40", "41", "42", "44", "45", "46", "47", "48", "50", "51", "52", "53", "57", "58",
                     "59"), "NW"),
    **dict.fromkeys(("34", "35", "36", "60", "61", "63", "64", "65"), "HE"),
    **dict.fromkeys(("54", "55", "56", "67"), "RP"),
    "66": "SL",
    **dict.fromkeys(("68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79", "88", "89"), "BW"),
    **dict.fromkeys(("80", "81", "82", "83", "84", "85", "86", "87", "90", "91", "92", "93", "94", "95", "96", "97"),
                    "BY"),
}
# UK postcode areas outside England (the nations have different bank holidays); the rest is England.
GB_AREA_NATION = {
    **dict.fromkeys(("AB", "DD", "DG", "EH", "FK", "G", "HS", "IV", "KA", "KW", "KY", "ML", "PA", "PH", "TD", "ZE"),
                    "SCT"),
    **dict.fromkeys(("CF", "LD", "LL", "NP", "SA"), "WLS"),
    "BT": "NIR",
}
GB_POSTCODE = re.compile(r"^([A-Z]{1,2})[0-9]")


@dataclass(frozen=True)
class WorkCalendar:
    """The interviewer's business days: weekend days (Monday = 0) and public holidays."""

    country: str = ""
    region: str = ""
    weekend: frozenset[int] = SATURDAY_SUNDAY
    holidays: Container[date] = frozenset()

    def is_business_day(self, day: date) -> bool:
        return day.weekday() not in self.weekend and day not in self.holidays


@functools.lru_cache(maxsize=64)
def work_calendar(country: str, region: str = "") -> WorkCalendar:
    """The business days of an ISO 3166 country (and one of its subdivisions); weekends only if unknown."""
    code = country.strip().upper()
    if not code:
        return WorkCalendar()
    try:
        found = holidays_lib.country_holidays(code, subdiv=region or None)
    except NotImplementedError:
        return WorkCalendar(code)
    weekend = frozenset(getattr(found, "weekend", SATURDAY_SUNDAY)) or SATURDAY_SUNDAY
    return WorkCalendar(code, region, weekend, found)


def known_country(code: str) -> bool:
    return code.strip().upper() in holidays_lib.list_supported_countries()


def subdivisions(country: str) -> dict[str, str]:
    """A country's subdivision codes, and its names for them, each to its code ('bayern' -> 'BY')."""
    try:
        found = holidays_lib.country_holidays(country.upper())
    except NotImplementedError:
        return {}
    codes = {str(code).casefold(): str(code) for code in getattr(found, "subdivisions", ())}
    aliases = getattr(found, "subdivisions_aliases", {}) or {}
    codes.update({str(name).casefold(): str(code) for name, code in aliases.items()})
    return codes


def region_of(address: Address | None, country: str) -> str:
    """The holidays subdivision an address is in: from its printed region, else its postal code."""
    if address is None or not country:
        return ""
    known = subdivisions(country)
    for text in (address.region, address.region.replace(".", "")):
        code = known.get(" ".join(text.split()).casefold())
        if code:
            return code
    postcode = address.postal_code.strip().upper()
    if country == "DE" and len(postcode) == 5 and postcode.isdigit():
        return DE_LEITREGION_STATE.get(postcode[:2], "")
    if country == "GB":
        match = GB_POSTCODE.match(postcode)
        return GB_AREA_NATION.get(match.group(1), "ENG") if match else ""
    return ""


# -- time zones ------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _zone_table() -> tuple[tuple[str, str], ...]:
    """(country, zone) pairs from the system's tz database (zone.tab)."""
    for folder in TZPATH:
        path = Path(folder) / "zone.tab"
        if path.is_file():
            rows = []
            for line in path.read_text(encoding="utf-8").splitlines():
                if line and not line.startswith("#"):
                    parts = line.split("\t")
                    if len(parts) >= 3:
                        rows.append((parts[0], parts[2]))
            return tuple(rows)
    return ()


def zones_of_country(country: str) -> tuple[str, ...]:
    return tuple(zone for code, zone in _zone_table() if code == country.upper())


def country_of_zone(zone: tzinfo | None) -> str:
    """The country a time zone belongs to ('Europe/Berlin' -> 'DE'); '' for UTC or a fixed offset."""
    key = getattr(zone, "key", "")
    return next((code for code, name in _zone_table() if name == key), "")


def _same_offsets(names: tuple[str, ...], moment: datetime) -> bool:
    return len({moment.astimezone(ZoneInfo(name)).utcoffset() for name in names}) == 1


def contact_zone(contact: Contact, country: str, plan_zone: tzinfo, moment: datetime) -> tzinfo:
    """The interviewer's time zone: their phone number's, else their country's; the plan's when unsure."""
    candidates: tuple[str, ...] = ()
    for phone in contact.phones:
        if not (phone.valid and phone.e164.startswith("+")):
            continue
        try:
            zones = tuple(z for z in phone_zones.time_zones_for_number(phonenumbers.parse(phone.e164)) if "/" in z)
        except phonenumbers.NumberParseException:
            continue
        if zones:
            candidates = zones
            break
    if not candidates and country:
        candidates = zones_of_country(country)
    if getattr(plan_zone, "key", "") in candidates or not candidates:
        return plan_zone
    try:
        if _same_offsets(candidates, moment):
            return ZoneInfo(candidates[0])
    except ZoneInfoNotFoundError:
        return plan_zone
    return plan_zone

