"""Phone numbers: digit runs split into numbers with phonenumbers, typed by their printed label.

A run of digit groups ("650 3213900 650 321 3902") is cut greedily into the longest pieces that
phonenumbers accepts, trying the card's own country first, then a country code printed without
"+" ("81-52-204-2601"), then the user's region. A number printed without its area code next to
one that has it ("11 2082-2399 / 2646-6123") borrows it. Numbers no rule validates are kept only
when they are possible numbers, marked invalid, with a lower confidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberType

from capture.contact import Evidence, Phone, PhoneType
from capture.extract.addresses import POSTAL_PATTERNS
from capture.extract.labels import NOT_PHONE_RE, LabelHit, find_phone_labels
from capture.extract.lines import CardLine, below
from capture.extract.places import countries_named
from capture.normalize.phones import digits_of

# Digit groups joined by the separators cards use; "/" and "|" between spaces separate numbers.
RUN_RE = re.compile(r"\+?\s?\(?\+?\d[\d\s().\-]*\d")
GROUP_RE = re.compile(r"\+?\(?\+?\d+\)?")
EXTENSION_RE = re.compile(r"^\s*[,;]?\s*(?:x|ext\.?|extn\.?|extension|ramal|r\.|dw|poste)\s*[:.]?\s*(\d{1,6})", re.I)
MIN_DIGITS = 7


@dataclass(frozen=True)
class Candidate:
    number: PhoneNumber
    raw: str
    start: int
    end: int
    valid: bool


def starts_with_card_code(text: str, regions: list[str]) -> bool:
    """'84-43-943-6161' on a card whose country is Vietnam (+84): a number written with its country
    code but no '+'. Read as a national number of another of the card's countries it would be a
    different, wrong number, so the international reading is tried first."""
    digits = digits_of(text)
    codes = {str(phonenumbers.country_code_for_region(region)) for region in regions}
    return len(digits) >= 10 and any(code != "0" and digits.startswith(code) for code in codes)


# one character standing apart before a number that starts with a trunk prefix: '2 02-6204-5024'
STRAY_LEAD_RE = re.compile(r"^\s*\d\s+(?=0)")


def stray_before_national(text: str, regions: list[str]) -> bool:
    """'2 02-6204-5024' on a Korean card: an icon or bullet read as a digit, standing apart before a
    number printed with its trunk prefix '0' that is valid in one of the card's countries. Read
    with that digit as a calling code without '+' it would be another country's number (+20:
    Egypt), so that reading is not tried; the number after the stray digit is found instead."""
    lead = STRAY_LEAD_RE.match(text)
    # what follows starts with '0', so parse_number tries it in the card's countries only
    return lead is not None and parse_number(text[lead.end() :], regions) is not None


def parse_number(text: str, regions: list[str]) -> PhoneNumber | None:
    """A valid number for `text`, trying each region, then the digits as an international number
    (first, when they start with the calling code of one of the card's countries)."""
    tries: list[tuple[str, str | None]] = [(text, region) for region in regions]
    if not text.lstrip().startswith("+") and not text.lstrip().startswith("0"):
        international = ("+" + digits_of(text), None)
        if starts_with_card_code(text, regions):
            tries.insert(0, international)
        elif not stray_before_national(text, regions):
            tries.append(international)
    for candidate, region in tries:
        try:
            number = phonenumbers.parse(candidate, region)
        except NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
    return None


LOCAL_SHAPE_RE = re.compile(r"^\d{3,5}[\s.\-]\d{4}$")  # '2294-9484', '555 0123': a local number as printed


def possible_number(text: str, region: str, alone: bool = False) -> PhoneNumber | None:
    """A number no rule validates but that may be dialled: possible in full, or (`alone` on its
    line with its labels) a local number printed without its area code, kept as the card prints
    it ('2294-9484' on a card giving no area code)."""
    try:
        number = phonenumbers.parse(text, region)
    except NumberParseException:
        return None
    if phonenumbers.is_possible_number(number) and len(digits_of(text)) >= 9:
        return number
    reason = phonenumbers.is_possible_number_with_reason(number)
    local = reason in (phonenumbers.ValidationResult.IS_POSSIBLE, phonenumbers.ValidationResult.IS_POSSIBLE_LOCAL_ONLY)
    if alone and local and LOCAL_SHAPE_RE.match(text.strip()):
        return number
    return None


def with_area_code(text: str, previous: PhoneNumber | None) -> PhoneNumber | None:
    """'2646-6123' after '11 2082-2399': the previous number's area code, if that makes it valid."""
    if previous is None or not 6 <= len(digits_of(text)) <= 9:
        return None
    national = phonenumbers.national_significant_number(previous)
    area = phonenumbers.length_of_geographical_area_code(previous)
    if not area:
        return None
    try:
        number = phonenumbers.parse(national[:area] + digits_of(text), phonenumbers.region_code_for_number(previous))
    except NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            chars[i] = " "
    return "".join(chars)


def international_without_plus(text: str, regions: list[str]) -> PhoneNumber | None:
    """The run read as '+' and its digits, when it starts with a card country's calling code and
    is a possible number that way (old numbering plans make some printed numbers 'invalid' today;
    cutting the code off would turn them into a valid number of another country)."""
    whole = text.strip()
    if whole.startswith(("+", "0")) or not starts_with_card_code(whole, regions):
        return None
    try:
        number = phonenumbers.parse("+" + digits_of(whole), None)
    except NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def split_run(
    text: str, offset: int, regions: list[str], previous: PhoneNumber | None, alone: bool = False
) -> list[Candidate]:
    """Cut one digit run into numbers, longest valid piece first."""
    whole = text.strip()
    if parse_number(whole, regions) is None:
        number = international_without_plus(whole, regions)
        if number is not None:
            start = text.index(whole)
            valid = phonenumbers.is_valid_number(number)
            return [Candidate(number, whole, offset + start, offset + start + len(whole), valid)]
    groups = [(m.start(), m.end()) for m in GROUP_RE.finditer(text)]
    found: list[Candidate] = []
    i = 0
    while i < len(groups):
        taken = False
        for j in range(len(groups), i, -1):
            start, end = groups[i][0], groups[j - 1][1]
            piece = text[start:end]
            if len(digits_of(piece)) < MIN_DIGITS - 1:
                break
            number = parse_number(piece, regions) or with_area_code(piece, previous)
            if number is not None:
                found.append(Candidate(number, piece, offset + start, offset + end, True))
                previous = number
                i = j
                taken = True
                break
        if not taken:
            i += 1
    if not found:
        whole = text.strip()
        number = possible_number(whole, regions[0], alone)
        if number is not None:
            start = text.index(whole)
            found.append(Candidate(number, whole, offset + start, offset + start + len(whole), False))
    return found


def number_spans(
    text: str, regions: list[str], blocked: list[tuple[int, int]], above: PhoneNumber | None = None
) -> list[Candidate]:
    """Every phone number in one line of text; `above` is the number printed on the line above, whose
    area code a bare local number on this line borrows ('(11) 2684-7988' over '3854-7828')."""
    # a middle dot between digit groups ('+82.53·230·1284') separates them as a hyphen does
    masked = re.sub(r"(?<=\d)\s?·\s?(?=\d)", lambda m: "-".center(len(m.group())), mask(text, blocked))
    if not any(len(digits_of(run.group())) >= MIN_DIGITS - 1 for run in RUN_RE.finditer(masked)):
        return []  # no run long enough for a number: most lines of a card
    # digits right after a "Tax code:" / "CEP" / "ISO" label are not phone numbers
    for match in RUN_RE.finditer(masked):
        if NOT_PHONE_RE.search(masked[: match.start()]):
            masked = mask(masked, [(match.start(), match.end())])
    # a postal code beside the country it belongs to ('Shimane, 690-0826 JAPAN') is no phone
    for country in countries_named(masked):
        for pattern in (p for p in POSTAL_PATTERNS if p.country == country):
            masked = mask(masked, [m.span("code") for m in pattern.regex.finditer(masked)])
    candidates: list[Candidate] = []
    previous: PhoneNumber | None = above
    labels = [(hit.start, hit.end) for hit in find_phone_labels(masked)]
    alone = not any(ch.isalpha() for ch in mask(masked, labels))  # digits and phone labels only
    for part in re.finditer(r"[^/|;]+", masked):
        # a country named in the number's label ('TEL (VN mobile): 093-...') is the number's own
        named = countries_named(part.group())
        own = [region for region in named if region in phonenumbers.SUPPORTED_REGIONS]
        part_regions = list(dict.fromkeys([*own, *regions]))
        for run in RUN_RE.finditer(part.group()):
            if len(digits_of(run.group())) < MIN_DIGITS - 1:
                continue
            found = split_run(run.group(), part.start() + run.start(), part_regions, previous, alone)
            if found:
                previous = found[-1].number
            candidates.extend(found)
    return candidates


def type_for(
    candidate: Candidate, labels: list[LabelHit], prev_end: int, next_start: int, text: str
) -> PhoneType | None:
    """The label printed between the previous number and this one; else one printed right after it."""
    before = [hit for hit in labels if prev_end <= hit.start and hit.end <= candidate.start + 1]
    if before:
        return before[0].type
    after = [hit for hit in labels if candidate.end <= hit.start and hit.end <= next_start]
    if after and not text[after[0].end :].strip(" :.-"):
        return after[0].type
    return None


def unlabeled_type(number: PhoneNumber) -> PhoneType:
    kind = phonenumbers.number_type(number)
    if kind == PhoneNumberType.MOBILE:
        return PhoneType.MOBILE
    return PhoneType.WORK


def extension_after(text: str, end: int) -> str:
    match = EXTENSION_RE.match(text[end:])
    return match.group(1) if match else ""


def find_phones(
    line: CardLine,
    regions: list[str],
    blocked: list[tuple[int, int]],
    line_label: PhoneType | None = None,
    above: PhoneNumber | None = None,
) -> list[Phone]:
    """The phone numbers printed on one card line, each with its type and evidence."""
    text = line.text
    candidates = number_spans(text, regions, blocked, above)
    labels = find_phone_labels(mask(text, blocked))
    phones = []
    for k, cand in enumerate(candidates):
        prev_end = candidates[k - 1].end if k else 0
        next_start = candidates[k + 1].start if k + 1 < len(candidates) else len(text)
        kind = type_for(cand, labels, prev_end, next_start, text) or line_label
        if kind is None:
            kind = unlabeled_type(cand.number) if cand.valid else PhoneType.WORK
        e164 = phonenumbers.format_number(cand.number, phonenumbers.PhoneNumberFormat.E164)
        ext = cand.number.extension or extension_after(text, cand.end)
        confidence = line.confidence * (1.0 if cand.valid else 0.5)
        phones.append(
            Phone(
                e164,
                cand.raw.strip(),
                kind,
                ext or "",
                cand.valid,
                round(confidence, 3),
                Evidence(text, line.box, line.engine),
            )
        )
    return phones


def phone_spans(
    line: CardLine, regions: list[str], blocked: list[tuple[int, int]], above: PhoneNumber | None = None
) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in number_spans(line.text, regions, blocked, above)]


def number_above(line: CardLine, found: list[tuple[CardLine, Phone]]) -> PhoneNumber | None:
    """The last valid number on the nearest line printed right above `line` in the same column, when
    `line` holds nothing but digits and phone labels (a postal code beside a city is no phone)."""
    labels = [(hit.start, hit.end) for hit in find_phone_labels(line.text)]
    if any(ch.isalpha() for ch in mask(line.text, labels)):
        return None
    for upper, phone in reversed(found):
        if phone.valid and upper.index < line.index and below(upper, line, 1.2):
            try:
                return phonenumbers.parse(phone.e164, None)
            except NumberParseException:
                return None
    return None
