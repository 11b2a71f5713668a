"""Websites and social profiles: OCR spacing repaired, URLs normalized, the profile kind recognized.

A word counts as a website when it starts with "www." or a scheme, or ends in a common top-level
domain; job titles such as "Web Developer" never match, because they have no domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from capture.normalize.web import site_kind

GENERIC_TLDS = (
    "com|net|org|info|biz|edu|gov|io|co|ai|app|dev|me|tv|us|uk|de|fr|br|jp|in|au|sg|vn|ca|mx|es|it|nl|ch|at"
    "|be|se|no|dk|fi|pt|pl|cz|ru|cn|hk|tw|kr|nz|za|ar|cl|pe|id|my|ph|th|ie|eu|asia|online|site|store|shop"
    "|tech|studio|design|agency|law|dental|health|travel|xyz|club|pro|global|world|email|link|page|blog"
)
URL_RE = re.compile(
    r"(?<![\w@.])(?P<scheme>h\s?t\s?t\s?p\s?s?\s?[:;]?\s?/\s?/\s?)?"
    r"(?P<host>(?:www\d?\s?[.,]\s?)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:(?:\s?\.\s?|[,:])[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*"
    r"(?:\s?\.\s?|[,:])(?:" + GENERIC_TLDS + r"))(?![a-z0-9-])"
    r"(?P<path>/[^\s,;]*)?",
    re.IGNORECASE,
)
# common abbreviations that look like domains on a card ("Jd. Fernandes", "St. Paul", "Co.", "D.M.D.")
NOT_HOSTS = re.compile(r"^(?:[a-z]{1,2}\.)+[a-z]{1,3}$")


@dataclass(frozen=True)
class FoundUrl:
    url: str
    kind: str
    start: int
    end: int
    host: str


# OCR readings of "www" ("wwww", "vww", "avww") in front of a domain
WWW_MISREAD_RE = re.compile(r"^[a-z]?[wv]{2,4}\.(?=[^.]+\.[^.]+)")
# a bare "gmail.com" is the end of an email whose start OCR lost, not a website
MAIL_HOSTS = ("gmail", "hotmail", "yahoo", "outlook", "icloud", "aol", "terra", "uol", "bol", "live")


def normalize_host(host: str) -> str:
    host = re.sub(r"\s*[,:]\s*", ".", host.strip())
    host = re.sub(r"\s*\.\s*", ".", host)
    host = host.lower().strip(".")
    return WWW_MISREAD_RE.sub("www.", host)


def is_mail_host(host: str) -> bool:
    name = host.removeprefix("www.").split(".")[0]
    return any(SequenceMatcher(None, name, mail).ratio() >= 0.8 for mail in MAIL_HOSTS)


def looks_like_host(host: str, raw: str, had_scheme: bool) -> bool:
    if had_scheme or host.startswith("www."):
        return True
    # without "www." or a scheme, only a tight "name.tld" counts ("Palo Alto, CA" is no host),
    # allowing a ":" read for the dot of a second-level domain ("site.com:br")
    if re.search(r"\s|,", raw) or re.search(r":(?!(?:[a-z]{2})\b)", raw, re.I):
        return False
    labels = host.split(".")
    if len(labels) < 2 or NOT_HOSTS.match(host):
        return False
    # a bare domain needs a real name before its TLD, not an abbreviation
    return len(labels[0]) >= 3 or len(labels) >= 3


def find_urls(text: str, blocked: list[tuple[int, int]]) -> list[FoundUrl]:
    """Every website in a line (outside the `blocked` spans, e.g. email addresses)."""
    found = []
    for match in URL_RE.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in blocked):
            continue
        host = normalize_host(match.group("host"))
        scheme = match.group("scheme")
        if not looks_like_host(host, match.group("host"), bool(scheme)):
            continue
        if not scheme and not host.startswith("www.") and not match.group("path") and is_mail_host(host):
            continue
        path = (match.group("path") or "").rstrip(".")
        secure = bool(scheme and "s" in scheme.lower().replace(" ", "")[4:5])
        prefix = ("https://" if secure else "http://") if scheme else ""
        found.append(FoundUrl(prefix + host + path, site_kind(host), match.start(), match.end(), host))
    return found
