"""Email and website domains whose last label is no top-level domain: an OCR slip at the end of
the address ('chhsk@iitp.ks', 'iitp.k', 'acme.corn'), repaired from the card's own evidence.

The replacement TLD must be one edit from what was read, and is looked for, in order, among:
the TLDs of the card's other addresses with the same name ('www.iitp.kr' beside '@iitp.ks'),
the TLDs of all its other addresses, the card's countries (as `infer_regions` ranks them: its
own first, then the default region), and 'com'. A domain none of them is one edit from is kept
as read; the validate stage's low-confidence warning then asks a person to look.
"""

from __future__ import annotations

from dataclasses import replace

from capture.contact import Email, Website
from capture.normalize.tlds import nearest_tld, tld_exists
from capture.normalize.web import url_host

REPAIRED_CONFIDENCE = 0.8  # a repaired address counts for less, as the other OCR repairs do
COUNTRY_TLD = {"GB": "uk"}  # the one country whose ccTLD is not its ISO code in lower case
LAST_RESORT_TLD = "com"


def hosts_of(emails: list[Email], websites: list[Website]) -> list[str]:
    """The hosts the card's emails and websites name ('jane@x.com', 'https://www.y.org/' → 'x.com', 'y.org')."""
    return [e.address.split("@", 1)[1] for e in emails] + [url_host(w.url) for w in websites]


def candidates(host: str, others: list[str], regions: list[str]) -> list[str]:
    name = host.rpartition(".")[0]
    same_name = [o.rpartition(".")[2] for o in others if o.rpartition(".")[0] == name]
    tlds = [*same_name, *(o.rpartition(".")[2] for o in others)]
    tlds += [COUNTRY_TLD.get(r, r.lower()) for r in regions]
    return [*dict.fromkeys([*tlds, LAST_RESORT_TLD])]


def repair_domains(
    emails: list[Email], websites: list[Website], regions: list[str]
) -> tuple[list[Email], list[Website]]:
    """The card's emails and websites with each unknown TLD replaced where the evidence allows."""
    good = [h for h in hosts_of(emails, websites) if tld_exists(h)]

    def fixed(host: str) -> str | None:
        return nearest_tld(host, candidates(host, good, regions))

    new_emails = []
    for email in emails:
        local, _, host = email.address.rpartition("@")
        better = fixed(host)
        new_emails.append(email if better is None else replace(
            email, address=f"{local}@{better}", confidence=round(email.confidence * REPAIRED_CONFIDENCE, 3)))
    new_sites = []
    for site in websites:
        host = url_host(site.url)
        better = fixed(host)
        if better is None:
            new_sites.append(site)
            continue
        at = site.url.lower().find(host)
        url = site.url[:at] + better + site.url[at + len(host):]
        new_sites.append(replace(site, url=url, confidence=round(site.confidence * REPAIRED_CONFIDENCE, 3)))
    return new_emails, new_sites
