"""Postal addresses: find the address lines, group them into blocks, split each block into fields.

A line scores as address-like from postal-code patterns (US ZIP after a state, Brazilian CEP,
Japanese 〒/NNN-NNNN, UK, Canadian, Australian, Singaporean, Indian PIN, European NNNNN City),
street words with a house number, Japanese wards ("-ku") and country names. Neighbouring address
lines in one column form a block; a card may have several blocks (head office, branch), each
with the label printed above it ("HCMC Business Office:"). US blocks are split by usaddress;
the others by comma parts: country, postal code, region, city, and the street before them.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

import usaddress

from capture.contact import Address, Evidence
from capture.extract.address_cjk import cjk_address_score, is_cjk_text, parse_cjk
from capture.extract.lines import CardLine, below
from capture.extract.names import natural_case
from capture.extract.places import (
    AU_STATES,
    BR_STATES,
    IN_STATES,
    JP_PREFECTURES,
    JP_WARD_RE,
    LANDMARK_RE,
    STREET_WORD_RE,
    US_STATE_CODES,
    US_STATES,
    names_city,
)
from capture.normalize.countries import country_in, printed_country

US_STATE_NAMES = "|".join(sorted((re.escape(n) for n in US_STATES), key=len, reverse=True))
OCR_DIGIT = str.maketrans({"O": "0", "o": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "|": "1", "S": "5"})
_D = r"[0-9OoIlS]"


@dataclass(frozen=True)
class PostalPattern:
    country: str
    regex: re.Pattern[str]
    strength: float


POSTAL_PATTERNS: tuple[PostalPattern, ...] = (
    PostalPattern("BR", re.compile(rf"\bCEP\s*[:.]?\s*(?P<code>{_D}{{2}}\.?{_D}{{3}}\s?-\s?{_D}{{3}})", re.I), 1.0),
    PostalPattern("BR", re.compile(r"\b(?P<code>\d{5}-\d{3})\b"), 1.0),
    PostalPattern("JP", re.compile(r"〒\s*(?P<code>\d{3}-?\d{4})"), 1.0),
    PostalPattern("US", re.compile(r"\b(?P<state>[A-Z]{2})\.?,?\s+(?P<code>\d{5}(?:-\d{4})?)\b"), 1.0),
    PostalPattern(
        "US", re.compile(rf"\b(?P<state>{US_STATE_NAMES})\.?,?\s+(?P<code>\d{{5}}(?:-\d{{4}})?)\b", re.I), 1.0
    ),
    PostalPattern("CA", re.compile(r"\b(?P<code>[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b"), 1.0),
    PostalPattern("GB", re.compile(r"\b(?P<code>[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2})\b"), 1.0),
    PostalPattern("AU", re.compile(r"\b(?P<state>NSW|VIC|QLD|WA|SA|TAS|ACT|NT)\s+(?P<code>\d{4})\b"), 1.0),
    PostalPattern("SG", re.compile(r"\bSingapore\s+(?P<code>\d{6})\b", re.I), 1.0),
    # Portuguese: four digits, hyphen, three, then the town ("4050-262 Porto")
    PostalPattern("PT", re.compile(r"\b(?P<code>[1-9]\d{3}-\d{3})\b(?=\s+[A-ZÁÉÍÓÚ][a-zà-ú])"), 1.0),
    # Dutch: four digits, two capitals, then the town ("9760 WG Groningen")
    PostalPattern("NL", re.compile(r"\b(?P<code>[1-9]\d{3}\s?(?!SS|SA|SD)[A-Z]{2})\b(?=\s+[A-Z][a-z])"), 1.0),
    PostalPattern("JP", re.compile(r"(?<![\d-])(?P<code>\d{3}-\d{4})(?![\d-])"), 0.6),
    # no code, but a Brazilian state after the city ("São Paulo - SP"): as telling as a weak code
    PostalPattern(
        "BR",
        re.compile(
            r"(?<=[A-Za-zà-ú])\s*[-/,]\s*(?P<code>(?P<state>" + "|".join(sorted(BR_STATES)) + r"))\s*(?:[-,.]|$)"
        ),
        0.5,
    ),
    PostalPattern("IN", re.compile(r"(?:[-–]\s*|\b)(?P<code>\d{3}\s?\d{3})\b(?!\s*\d)"), 0.4),
    PostalPattern("EU", re.compile(r"(?:\b[A-Z]-)?\b(?P<code>\d{5})\s+(?=[A-ZÄÖÜÉÁÍÓÚ][^\W\d_A-Z])"), 0.5),
    PostalPattern("US", re.compile(r"\b(?P<code>\d{5})\b"), 0.2),
)
# German-style compounds: the street word is glued to the name, the number follows ("Hauptstraße 5")
STREET_SUFFIX_RE = re.compile(
    r"\w(?:straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|laan|gracht|vej|gatan|gata)"
    r"\s+\d+\w?\b",
    re.I,
)
HOUSE_NUMBER_RE = re.compile(r"^\d+[A-Za-z]?\b,?\s+[A-Za-z]")
# Most of Europe and Latin America print the number after the street's name ("Contrada Elladio, 95",
# "Lottepad 73", "Paseo de Gala, 60, 1º D"): letters, then a house number, then at most a floor.
STREET_THEN_NUMBER_RE = re.compile(
    r"^[^\W\d_][^\d,]{2,}?,?\s+\d{1,5}[A-Za-z]?(?:\s*[-/]\s*\d{1,4})?(?:,\s*\d{1,2}\s*[ºª°]?\s*[A-Za-z]?)?$"
)
# ... and, in Portuguese and Spanish, the number as a comma part of its own with more after it: the
# neighbourhood, a floor, a landmark or the postal code and town ("Rua Augusta, 1500, Jardim Paulista",
# "Paseo de Gala, 6, 6º C, Frente a la estación", "Calle Mayor, 12, 28013 Madrid")
STREET_COMMA_NUMBER_RE = re.compile(r"^[^\W\d_][^\d,]{2,},\s*\d{1,5}[A-Za-z]?\s*,\s*\S")
# a Brazilian town and its state set apart by a slash ("Belo Horizonte/MG")
TOWN_SLASH_STATE_RE = re.compile(r"^(?P<city>[^\W\d_][^\d/]*?)\s*/\s*(?P<state>[A-Z]{2})$")
ADDRESS_LABEL_RE = re.compile(r"^\s*(?:address|adr|addr|endere[cç]o|adresse|direcci[oó]n|indirizzo)\s*[:.]\s*", re.I)
BLOCK_LABEL_RE = re.compile(r"^[^\d@]{2,60}:$")
SEPARATORS_RE = re.compile(r"\s*[,|;]\s*|\s+[-–]\s*|\s*[-–]\s+")
AMBIGUOUS_STREET = {
    "dr",
    "st",
    "fl",
    "r",
    "ct",
    "pl",
    "box",
    "ring",
    "via",
    "row",
    "park",
    "house",
    "hall",
    "center",
    "centre",
    "centro",
    "complex",
    "block",
    "wing",
    "estate",
    "industrial",
    "campus",
    "tower",
    "level",
}


@dataclass(frozen=True)
class AddressLine:
    line: CardLine
    text: str  # the address part of the line (contact details cut off)
    score: float


def postal_matches(text: str, hint: str) -> list[tuple[PostalPattern, re.Match[str]]]:
    found = []
    for pattern in POSTAL_PATTERNS:
        if pattern.country == "IN" and hint != "IN" and not any(s in text.lower() for s in IN_STATES):
            continue
        for match in pattern.regex.finditer(text):
            if pattern.country == "US" and "state" in pattern.regex.groupindex:
                state = match.group("state")
                if state.upper() not in US_STATE_CODES and state.lower() not in US_STATES:
                    continue
            found.append((pattern, match))
    return found


CITY_SCORE = 0.5  # a comma part naming a known city: as telling as a landmark, less than a postal code


def address_score(text: str, hint: str) -> float:
    """How much a piece of text looks like part of a postal address (0 = not at all)."""
    if not text or BLOCK_LABEL_RE.match(text.strip()):
        return 0.0
    score = 0.0
    if ADDRESS_LABEL_RE.match(text):
        score += 1.0
    postal = postal_matches(text, hint)
    if postal:
        score += max(p.strength for p, _ in postal)
    has_digit = any(ch.isdigit() for ch in text)
    words = [m.group().lower().rstrip(".").replace(" ", "") for m in STREET_WORD_RE.finditer(text)]
    if words and has_digit:
        score += 0.8
    elif any(w not in AMBIGUOUS_STREET for w in words):
        score += 0.25
    if HOUSE_NUMBER_RE.match(text) or STREET_THEN_NUMBER_RE.match(text) or STREET_COMMA_NUMBER_RE.match(text):
        score += 0.5
    if STREET_SUFFIX_RE.search(text):
        score += 0.8
    if JP_WARD_RE.search(text):
        score += 0.6
    if country_in(text):
        score += 0.5
    if LANDMARK_RE.match(text):
        score += 0.5
    if CITY_SCORE and "," in text and names_city(text):  # a lone place name may be a shop's name
        score += CITY_SCORE
    return score + cjk_address_score(text)


def place_line(line: CardLine, text: str, size: float) -> bool:
    """'Hai Ba Trung, Ha Noi': comma-separated place words (or a known town's name) that can end an
    address block."""
    words = text.split()
    town = "," not in text and names_city(text)  # 'Rio de Janeiro' alone: a known town
    return (
        ("," in text or town)
        and not any(ch.isdigit() for ch in text)
        and (1 if town else 2) <= len(words) <= 7
        and all(w[:1].isupper() or (town and w in PLACE_PARTICLES) for w in words if w[:1].isalpha())
        and line.size <= 1.25 * size
    )


PLACE_PARTICLES = {"de", "do", "da", "dos", "das", "del", "la", "el", "los", "las", "di", "le", "les", "sur", "am"}


def overlaps_under(upper: CardLine, lower: CardLine) -> bool:
    """`lower` starts inside `upper`'s box but ends under it, in the same column: the next line of a
    block whose box OCR drew taller than its letters (Hangul read by Tesseract often is)."""
    size = max(upper.size, lower.size, 1)
    return (
        upper.top + 0.5 * size < lower.top < upper.bottom < lower.bottom
        and abs(upper.left - lower.left) < 2 * size
    )


def group_blocks(candidates: list[AddressLine], others: dict[int, tuple[CardLine, str]]) -> list[list[AddressLine]]:
    """Neighbouring address lines (same column, next line down) as blocks, in reading order."""
    ordered = sorted(candidates, key=lambda a: a.line.index)
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, upper in enumerate(ordered):
        for j, lower in enumerate(ordered):
            if i != j and (below(upper.line, lower.line, 1.3) or overlaps_under(upper.line, lower.line)):
                parent[root(j)] = root(i)
    groups: dict[int, list[AddressLine]] = {}
    for i, item in enumerate(ordered):
        groups.setdefault(root(i), []).append(item)
    blocks = []
    for group in groups.values():
        group.sort(key=lambda a: a.line.top)
        size = statistics.median(a.line.size for a in group)
        last = group[-1]
        # a plain place line under the street ("Hai Ba Trung, Ha Noi") ends the block
        for _index, (line, text) in sorted(others.items()):
            if below(last.line, line, 1.3) and place_line(line, text, size):
                group.append(AddressLine(line, text, 0.4))
                break
        total = sum(a.score for a in group)
        if total >= 1.0 and max(a.score for a in group) >= 0.5:
            blocks.append(group)
    return sorted(blocks, key=lambda g: g[0].line.index)


def clean_postal(code: str, country: str) -> str:
    code = code.translate(OCR_DIGIT) if country in ("BR", "JP", "US", "IN", "EU", "SG", "AU") else code
    code = re.sub(r"\s*-\s*", "-", code.strip())
    if country == "BR":
        code = code.replace(".", "")
        if re.fullmatch(r"\d{8}", code):
            code = code[:5] + "-" + code[5:]
    return code.upper()


def split_parts(lines: list[str]) -> list[str]:
    return [p.strip(" .,") for line in lines for p in SEPARATORS_RE.split(line) if p and p.strip(" .,")]


def parse_us(lines: list[str]) -> Address | None:
    """usaddress on a US block; None when it cannot tell the parts apart."""
    try:
        tags, kind = usaddress.tag(", ".join(lines))
    except usaddress.RepeatedLabelError:
        return None
    if kind != "Street Address" or "ZipCode" not in tags or "PlaceName" not in tags:
        return None
    joined = ", ".join(lines)
    at = joined.rfind(tags["PlaceName"])
    # the street as printed (commas kept) is everything before the city
    street = (
        joined[:at].strip(" ,")
        if at > 0
        else " ".join(
            v for k, v in tags.items() if k not in ("PlaceName", "StateName", "ZipCode", "CountryName", "Recipient")
        )
    )
    return Address(
        street=street,
        city=tags["PlaceName"].strip(" ,"),
        region=tags.get("StateName", "").strip(" ,"),
        postal_code=tags["ZipCode"],
        country=tags.get("CountryName", "").strip(" ,"),
    )


def parse_parts(lines: list[str], hint: str) -> Address:
    """Comma parts of a block → country, postal code, region, city; the rest is the street."""
    parts = split_parts(lines)
    country = ""
    for i in range(len(parts) - 1, -1, -1):
        code = printed_country(parts[i])
        if code:
            country, hint = parts.pop(i), code
            break
    postal, postal_at = "", -1
    best: tuple[float, int, PostalPattern, re.Match[str]] | None = None
    for i, part in enumerate(parts):
        for pattern, match in postal_matches(part, hint):
            rank = pattern.strength + (0.3 if pattern.country == hint else 0.0)
            if best is None or rank > best[0] or (rank == best[0] and i > best[1]):
                best = (rank, i, pattern, match)
    region = ""
    if best is not None:
        _, postal_at, pattern, match = best
        postal = clean_postal(match.group("code"), pattern.country)
        if match.groupdict().get("state") == match.group("code"):
            postal = ""  # a state, not a code
        part = parts[postal_at]
        if "state" in pattern.regex.groupindex:
            region = match.group("state")
        rest = part[: match.start()] + " " + part[match.end() :]
        rest = re.sub(r"\b(?:CEP|〒)\s*[:.]?", " ", rest, flags=re.I)
        rest = " ".join(rest.split()).strip(" ,.-")
        parts[postal_at] = rest
    # city: what is left of the postal part ("Tokyo 102-0071" → "Tokyo")
    city = ""
    if postal_at >= 0 and parts[postal_at] and not any(ch.isdigit() for ch in parts[postal_at]):
        rest = parts[postal_at]
        if not region and rest.lower() in IN_STATES | set(US_STATES) and postal_at > 0:
            region = rest  # "Karnataka 560038": the state, the city is the part before
        else:
            city = rest
        parts[postal_at] = ""
    # "Belo Horizonte/MG": the town and its state in one part
    for i in range(len(parts) - 1, -1, -1):
        town = TOWN_SLASH_STATE_RE.match(parts[i])
        if town and town.group("state") in BR_STATES and not city and not region:
            city, region = town.group("city"), town.group("state")
            parts[i] = ""
            break
    # region: a state code or name printed as its own part
    if not region:
        for i in range(len(parts) - 1, -1, -1):
            word = parts[i].strip(" .")
            state_code = word.isupper() and word.upper() in BR_STATES | AU_STATES | US_STATE_CODES and len(parts) > 1
            if state_code or word.lower() in US_STATES or (word.lower() in JP_PREFECTURES and i > 0):
                region = word
                parts[i] = ""
                break
    # otherwise the city is the last part without digits or street words
    if not city:
        for i in range(len(parts) - 1, -1, -1):
            if parts[i] and not any(ch.isdigit() for ch in parts[i]) and i > 0 and not STREET_WORD_RE.search(parts[i]):
                city = parts[i]
                parts[i] = ""
                break
    if not region:
        wards = [p for p in parts if p and JP_WARD_RE.fullmatch(p.strip())]
        if wards and city:
            region = wards[-1]
            parts[parts.index(region)] = ""
    street = ", ".join(p for p in parts if p)
    return Address(street=street, city=city, region=region, postal_code=postal, country=country)


def parse_block(lines: list[str], hint: str) -> Address:
    us_like = hint == "US" or any(
        p.country == "US" and p.strength >= 1.0 for line in lines for p, _ in postal_matches(line, hint)
    )
    parsed = parse_us(lines) if us_like and not country_in(lines[-1]) else None
    return parsed or parse_parts(lines, hint)


def tidy_case(address: Address) -> Address:
    """Addresses printed in capitals are written back in natural case (2-letter codes stay)."""

    def fix(value: str) -> str:
        if value.isupper() and len(value) > 3:
            return natural_case(value, keep_short_upper=True)
        return value

    return Address(
        street=fix(address.street),
        city=fix(address.city),
        region=fix(address.region),
        postal_code=address.postal_code,
        country=fix(address.country),
        label=address.label,
        raw=address.raw,
        confidence=address.confidence,
        evidence=address.evidence,
    )


def find_addresses(pieces: list[tuple[CardLine, str]], hint: str) -> tuple[list[Address], set[int]]:
    """The card's postal addresses from (line, text left after contact details) pairs.

    Returns the addresses and the indexes of the lines they used.
    """
    candidates: list[AddressLine] = []
    others: dict[int, tuple[CardLine, str]] = {}
    labels: dict[int, str] = {}
    for line, text in pieces:
        score = address_score(text, hint)
        if score > 0:
            candidates.append(AddressLine(line, text, score))
        else:
            others[line.index] = (line, text)
        if BLOCK_LABEL_RE.match(text.strip()):
            labels[line.index] = text.strip().rstrip(":").strip()
    addresses = []
    used: set[int] = set()
    for block in group_blocks(candidates, others):
        texts = [ADDRESS_LABEL_RE.sub("", a.text).strip() for a in block]
        texts = [t for t in texts if t]
        if not texts:
            continue
        if is_cjk_text(" ".join(texts)):  # written in Chinese characters, kana or Hangul
            for parsed in parse_cjk(texts):
                addresses.append(block_address(block, parsed, parsed.label))
            used.update(a.line.index for a in block)
            continue
        parsed = parse_block(texts, hint)
        first = block[0].line
        label = ""
        for index, name in labels.items():
            above = others.get(index)
            if above is not None and below(above[0], first, 1.5):
                label = name
        addresses.append(tidy_case(block_address(block, parsed, label)))
        used.update(a.line.index for a in block)
    return addresses, used


def block_address(block: list[AddressLine], parsed: Address, label: str) -> Address:
    """The address parsed from a block of lines, with the block's text, box and confidence."""
    conf = statistics.fmean(a.line.confidence for a in block)
    complete = bool(parsed.postal_code or parsed.city) and bool(parsed.street or parsed.city)
    raw = "\n".join(a.line.text for a in block)
    box = (
        min(a.line.left for a in block),
        min(a.line.top for a in block),
        max(a.line.right for a in block),
        max(a.line.bottom for a in block),
    )
    return Address(
        street=parsed.street,
        city=parsed.city,
        region=parsed.region,
        postal_code=parsed.postal_code,
        country=parsed.country,
        label=label,
        raw=raw,
        confidence=round(conf * (1.0 if complete else 0.6), 3),
        evidence=Evidence(raw, box, block[0].line.engine),
    )
