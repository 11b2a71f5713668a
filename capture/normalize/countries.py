"""Country names as cards print them → ISO 3166 codes.

Two uses: spotting a country printed as a whole part of an address line (`country_in`,
`printed_country`: extraction) and resolving a field already known to be a country
(`resolve_country`: the follow-up plan's holidays and letter format). The second knows every name
the first does, the further names below and every country the holidays registry names.
"""

from __future__ import annotations

import functools
import re

# Names extraction takes for a country when one stands as a whole part of an address line.
COUNTRY_NAMES: dict[str, str] = {
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u.s.a.": "US",
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
    "ireland": "IE",
    "germany": "DE",
    "deutschland": "DE",
    "france": "FR",
    "spain": "ES",
    "españa": "ES",
    "portugal": "PT",
    "italy": "IT",
    "italia": "IT",
    "netherlands": "NL",
    "the netherlands": "NL",
    "belgium": "BE",
    "switzerland": "CH",
    "schweiz": "CH",
    "austria": "AT",
    "österreich": "AT",
    "sweden": "SE",
    "norway": "NO",
    "denmark": "DK",
    "finland": "FI",
    "poland": "PL",
    "japan": "JP",
    "china": "CN",
    "p.r. china": "CN",
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
    "turkey": "TR",
    "russia": "RU",
}
# Further ways a card prints a country, resolved in a country field only. Spotting them in address
# lines too is an accuracy change to be judged on the dev cards, not a free addition: on the sample
# cards 'Nederland' turned one line of a Dutch card into a partial address (address F1 0.621 ->
# 0.600 with Tesseract, 0.600 -> 0.581 in both mode); and 'Holland' is also a town in Michigan.
FIELD_COUNTRY_NAMES: dict[str, str] = {
    "u.s.": "US",
    "britain": "GB",
    "espana": "ES",
    "nederland": "NL",
    "holland": "NL",
    "suisse": "CH",
    "svizzera": "CH",
    "osterreich": "AT",
    "belgië": "BE",
    "belgique": "BE",
    "danmark": "DK",
    "sverige": "SE",
    "norge": "NO",
    "suomi": "FI",
    "polska": "PL",
    "česko": "CZ",
    "россия": "RU",
    "日本": "JP",
    "中国": "CN",
    "türkiye": "TR",
}


def country_in(text: str) -> tuple[str, str] | None:
    """(printed country name, ISO code) when the text names a country as a whole comma part."""
    for part in reversed(re.split(r"[,|\-–]| {2,}", text)):
        key = part.strip(" .").lower()
        if key in COUNTRY_NAMES:
            return part.strip(" ."), COUNTRY_NAMES[key]
    return None


def printed_country(part: str) -> str:
    """The ISO code of an address part that is a country name and nothing else, or ''."""
    return COUNTRY_NAMES.get(part.lower().strip("."), "")


@functools.lru_cache(maxsize=1)
def _every_country_name() -> dict[str, str]:
    """The holidays registry's names and codes of every country it knows, then the tables above."""
    import holidays

    names: dict[str, str] = {}
    for module, (class_name, code, alpha3, *_rest) in holidays.registry.COUNTRIES.items():
        spaced = "".join(f" {c}" if c.isupper() else c for c in class_name).strip()
        for name in (module.replace("_", " "), spaced, code, alpha3):
            names[name.lower()] = code
    names.update(COUNTRY_NAMES)
    names.update(FIELD_COUNTRY_NAMES)
    return names


def resolve_country(name: str) -> str:
    """An ISO 3166 code for a country as printed on a card ('Deutschland', 'USA', 'FR'); '' if unknown."""
    key = " ".join(name.replace(",", " ").split()).lower()
    return _every_country_name().get(key, "")
