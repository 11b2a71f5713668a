"""Country names as cards print them → ISO 3166 codes.

One table serves both uses: spotting a country printed as a whole part of an address line
(`country_in`, extraction) and resolving a country field (`resolve_country`, the follow-up plan's
holidays and letter format), which also knows every country the holidays registry names.
"""

from __future__ import annotations

import functools
import re

COUNTRY_NAMES: dict[str, str] = {
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u.s.a.": "US",
    "u.s.": "US",
    "america": "US",
    "canada": "CA",
    "mexico": "MX",
    "méxico": "MX",
    "brazil": "BR",
    "brasil": "BR",
    "argentina": "AR",
    "chile": "CL",
    "colombia": "CO",
    "peru": "PE",
    "united kingdom": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "great britain": "GB",
    "britain": "GB",
    "ireland": "IE",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "spain": "ES",
    "españa": "ES",
    "espana": "ES",
    "portugal": "PT",
    "italy": "IT",
    "italia": "IT",
    "netherlands": "NL",
    "the netherlands": "NL",
    "nederland": "NL",
    "holland": "NL",
    "belgium": "BE",
    "belgië": "BE",
    "belgique": "BE",
    "switzerland": "CH",
    "schweiz": "CH",
    "suisse": "CH",
    "svizzera": "CH",
    "austria": "AT",
    "österreich": "AT",
    "osterreich": "AT",
    "sweden": "SE",
    "sverige": "SE",
    "norway": "NO",
    "norge": "NO",
    "denmark": "DK",
    "danmark": "DK",
    "finland": "FI",
    "suomi": "FI",
    "poland": "PL",
    "polska": "PL",
    "česko": "CZ",
    "russia": "RU",
    "россия": "RU",
    "turkey": "TR",
    "türkiye": "TR",
    "japan": "JP",
    "日本": "JP",
    "china": "CN",
    "p.r. china": "CN",
    "中国": "CN",
    "hong kong": "HK",
    "taiwan": "TW",
    "korea": "KR",
    "south korea": "KR",
    "vietnam": "VN",
    "viet nam": "VN",
    "thailand": "TH",
    "singapore": "SG",
    "malaysia": "MY",
    "indonesia": "ID",
    "philippines": "PH",
    "india": "IN",
    "australia": "AU",
    "new zealand": "NZ",
    "south africa": "ZA",
    "uae": "AE",
    "united arab emirates": "AE",
    "israel": "IL",
}
# Names that are also places inside another country: a part of an address line reading
# "Holland" is the town in Michigan as often as the country, so only a country field resolves it.
NOT_IN_ADDRESS_LINES = frozenset({"holland"})


def country_in(text: str) -> tuple[str, str] | None:
    """(printed country name, ISO code) when the text names a country as a whole comma part."""
    for part in reversed(re.split(r"[,|\-–]| {2,}", text)):
        key = part.strip(" .").lower()
        if key in COUNTRY_NAMES and key not in NOT_IN_ADDRESS_LINES:
            return part.strip(" ."), COUNTRY_NAMES[key]
    return None


def printed_country(part: str) -> str:
    """The ISO code of an address part that is a country name and nothing else, or ''."""
    key = part.lower().strip(".")
    return "" if key in NOT_IN_ADDRESS_LINES else COUNTRY_NAMES.get(key, "")


@functools.lru_cache(maxsize=1)
def _every_country_name() -> dict[str, str]:
    """The holidays registry's names and codes of every country it knows, then the table above."""
    import holidays

    names: dict[str, str] = {}
    for module, (class_name, code, alpha3, *_rest) in holidays.registry.COUNTRIES.items():
        spaced = "".join(f" {c}" if c.isupper() else c for c in class_name).strip()
        for name in (module.replace("_", " "), spaced, code, alpha3):
            names[name.lower()] = code
    names.update(COUNTRY_NAMES)
    return names


def resolve_country(name: str) -> str:
    """An ISO 3166 code for a country as printed on a card ('Deutschland', 'USA', 'FR'); '' if unknown."""
    key = " ".join(name.replace(",", " ").split()).lower()
    return _every_country_name().get(key, "")
