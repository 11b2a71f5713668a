"""Web addresses: a URL's host, the key two readings of one URL share, and the kind of site."""

from __future__ import annotations

import re

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
