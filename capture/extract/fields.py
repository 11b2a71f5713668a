"""A first, plain extractor: regexes for emails/urls, phonenumbers for phones, line heuristics."""

from __future__ import annotations

import re

import phonenumbers

from capture.contact import Contact, Email, Evidence, PersonName, Phone, PhoneType, TextField, Website
from capture.ocr.result import OcrLine, OcrPage
from capture.settings import Settings

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL_RE = re.compile(r"(?:https?://)?(?:www\.)[\w-]+(?:\.[\w-]+)+(?:/\S*)?", re.I)
FAX_RE = re.compile(r"\b(fax|f)\s*[:.]", re.I)
MOBILE_RE = re.compile(r"\b(mobile|mob|cell|m)\s*[:.]", re.I)


def phone_type(line: str) -> PhoneType:
    if FAX_RE.search(line):
        return PhoneType.FAX
    if MOBILE_RE.search(line):
        return PhoneType.MOBILE
    return PhoneType.WORK


def find_phones(line: OcrLine, region: str) -> list[Phone]:
    phones = []
    for match in phonenumbers.PhoneNumberMatcher(line.text, region, leniency=phonenumbers.Leniency.VALID):
        number = match.number
        phones.append(
            Phone(
                e164=phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                raw=match.raw_string,
                type=phone_type(line.text),
                extension=number.extension or "",
                confidence=line.confidence,
                evidence=Evidence(line.text, line.box, line.engine),
            )
        )
    return phones


def looks_like_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.replace(".", "").isalpha() for w in words)


def extract_contact(page: OcrPage, settings: Settings) -> Contact:
    emails: list[Email] = []
    websites: list[Website] = []
    phones: list[Phone] = []
    rest: list[OcrLine] = []
    for line in page.lines:
        evidence = Evidence(line.text, line.box, line.engine)
        found = False
        for address in EMAIL_RE.findall(line.text):
            emails.append(Email(address.lower(), line.confidence, evidence))
            found = True
        for url in URL_RE.findall(line.text):
            if "@" not in url:
                websites.append(Website(url, "web", line.confidence, evidence))
                found = True
        line_phones = find_phones(line, settings.region)
        phones.extend(line_phones)
        if not found and not line_phones:
            rest.append(line)
    name = None
    title = None
    for i, line in enumerate(sorted(rest, key=lambda ln: -ln.height)):
        if looks_like_name(line.text):
            parts = line.text.split()
            name = PersonName(line.text, given=parts[0], family=parts[-1], confidence=line.confidence)
            break
        if i > 4:
            break
    organization = None
    if rest:
        biggest = max(rest, key=lambda ln: ln.height)
        if name is None or biggest.text != name.full:
            organization = TextField(biggest.text, biggest.confidence)
    return Contact(
        name=name,
        title=title,
        organization=organization,
        emails=tuple(emails),
        phones=tuple(phones),
        websites=tuple(websites),
    )
