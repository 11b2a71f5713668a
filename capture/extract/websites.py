"""Websites and social profiles: OCR spacing repaired, URLs normalized, the profile kind recognized.

A word counts as a website when it starts with "www." or a scheme, or ends in a common top-level
domain; job titles such as "Web Developer" never match, because they have no domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from capture.contact import Website

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
SOCIAL = (
    ("linkedin", re.compile(r"(?:^|\.)linkedin\.com$")),
    ("twitter", re.compile(r"(?:^|\.)(?:twitter\.com|x\.com)$")),
    ("facebook", re.compile(r"(?:^|\.)(?:facebook\.com(?:\.[a-z]{2})?|fb\.com|fb\.me)$")),
    ("instagram", re.compile(r"(?:^|\.)(?:instagram\.com|instagr\.am)$")),
    ("github", re.compile(r"(?:^|\.)github\.com$")),
    ("youtube", re.compile(r"(?:^|\.)(?:youtube\.com|youtu\.be)$")),
)
# What a contact's website may be: a web address (with or without http:// or https://) or a
# profile link of a messaging or calling app that address books hand to that app. Any other
# scheme (javascript:, data:, file:, vbscript:, ...) would run or open something else when the
# link is clicked in an address book, so it is refused where typed and never imported or exported.
WEB_SCHEMES = ("http", "https")
PROFILE_SCHEMES = ("xmpp", "sip", "sips", "skype", "tg", "whatsapp", "viber", "facetime", "msteams", "im")
SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)  # "host:8080" is a port, not a scheme
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


def site_kind(host: str) -> str:
    bare = host.removeprefix("www.")
    for kind, pattern in SOCIAL:
        if pattern.search(bare):
            return kind
    return "web"


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


def url_host(url: str) -> str:
    """The bare host of a URL ('https://www.x.com/a' → 'x.com')."""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0]
    return host.removeprefix("www.")


def website_problem(url: str) -> str | None:
    """Why `url` cannot be a contact's website, as one sentence; None when it can."""
    shown = repr(url if len(url) <= 80 else url[:77] + "...")
    if not url or any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return f"{shown} is not a web address: it holds spaces or control characters."
    scheme = SCHEME_RE.match(url)
    if scheme and scheme.group(1).lower() not in WEB_SCHEMES + PROFILE_SCHEMES:
        return (f"{shown} is not a web address: a website starts with http:// or https:// "
                f"(or is a profile link such as skype: or xmpp:), not {scheme.group(1).lower()}:.")
    return None


def exportable(websites: tuple[Website, ...]) -> tuple[Website, ...]:
    """The websites an address-book export may carry (one saved before this check could be anything)."""
    return tuple(site for site in websites if not website_problem(site.url))
