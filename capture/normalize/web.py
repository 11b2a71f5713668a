"""Web addresses: a URL's host, the key two readings of one URL share, the kind of site, and what
a contact's website may be at all."""

from __future__ import annotations

import re

from capture.contact import Website

SOCIAL = (
    ("linkedin", re.compile(r"(?:^|\.)linkedin\.com$")),
    ("twitter", re.compile(r"(?:^|\.)(?:twitter\.com|x\.com)$")),
    ("facebook", re.compile(r"(?:^|\.)(?:facebook\.com(?:\.[a-z]{2})?|fb\.com|fb\.me)$")),
    ("instagram", re.compile(r"(?:^|\.)(?:instagram\.com|instagr\.am)$")),
    ("github", re.compile(r"(?:^|\.)github\.com$")),
    ("youtube", re.compile(r"(?:^|\.)(?:youtube\.com|youtu\.be)$")),
)
SCHEME_RE = re.compile(r"^[a-z]+://")
# "www." and its OCR misreadings ("ww.", "wwww.") say nothing about which site it is
WWW_RE = re.compile(r"^w{2,5}\.")


def url_host(url: str) -> str:
    """The bare host of a URL, lower case, without 'www.': 'https://www.X.com/a?b' → 'x.com'."""
    host = SCHEME_RE.sub("", url.strip().lower()).split("/")[0].split("?")[0]
    return host.removeprefix("www.").rstrip(".")


def url_key(url: str) -> str:
    """What two readings of one web address share: no scheme, no 'www.', no trailing '/', lower
    case ('https://www.X.com/' and 'x.com' are one site)."""
    rest = SCHEME_RE.sub("", url.strip().lower())
    return WWW_RE.sub("", rest).rstrip("/")


def site_kind(host: str) -> str:
    """linkedin, twitter, facebook, instagram, github, youtube, or web, from a host."""
    bare = host.removeprefix("www.")
    for kind, pattern in SOCIAL:
        if pattern.search(bare):
            return kind
    return "web"


def website_kind(url: str) -> str:
    """`site_kind` of a whole URL."""
    return site_kind(url_host(url))


def same_site(host: str, domain: str) -> bool:
    """'beltis.com.br' is the site of 'mail.beltis.com.br', and the reverse."""
    return host == domain or host.endswith("." + domain) or domain.endswith("." + host)


# What a contact's website may be: a web address (with or without http:// or https://) or a
# profile link of a messaging or calling app that address books hand to that app. Any other
# scheme (javascript:, data:, file:, vbscript:, ...) would run or open something else when the
# link is clicked in an address book, so it is refused where typed and never imported or exported.
WEB_SCHEMES = ("http", "https")
PROFILE_SCHEMES = ("xmpp", "sip", "sips", "skype", "tg", "whatsapp", "viber", "facetime", "msteams", "im")
URI_SCHEME_RE = re.compile(r"^([a-z][a-z0-9+.-]*):(?!\d)", re.IGNORECASE)  # "host:8080" is a port, not a scheme


def website_problem(url: str) -> str | None:
    """Why `url` cannot be a contact's website, as one sentence; None when it can."""
    shown = repr(url if len(url) <= 80 else url[:77] + "...")
    if not url or any(char.isspace() or ord(char) < 32 or ord(char) == 127 for char in url):
        return f"{shown} is not a web address: it holds spaces or control characters."
    scheme = URI_SCHEME_RE.match(url)
    if scheme and scheme.group(1).lower() not in WEB_SCHEMES + PROFILE_SCHEMES:
        return (f"{shown} is not a web address: a website starts with http:// or https:// "
                f"(or is a profile link such as skype: or xmpp:), not {scheme.group(1).lower()}:.")
    return None


def exportable(websites: tuple[Website, ...]) -> tuple[Website, ...]:
    """The websites an address-book export may carry (one saved before this check could be anything)."""
    return tuple(site for site in websites if not website_problem(site.url))
