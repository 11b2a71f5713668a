"""Cross-checks between fields: the email against the name, the email domain against site and company.

Disagreements do not delete anything: the field keeps its value, with a lower confidence and a
`Warning` a person can review.
"""

from __future__ import annotations

import re
from dataclasses import replace
from difflib import SequenceMatcher

from capture.contact import Contact, Warning
from capture.extract.names import email_support
from capture.extract.organization import MAIL_PROVIDERS, domain_agreement, domain_bases
from capture.normalize.web import same_site, url_host


def email_domains(contact: Contact) -> list[str]:
    return [e.address.split("@", 1)[1] for e in contact.emails if "@" in e.address]


def check_name_against_email(contact: Contact) -> Contact:
    """A personal-looking email whose local part shares nothing with the name is worth a look."""
    if not contact.name or not contact.emails:
        return contact
    words = re.findall(r"[A-Za-zÀ-ÿ]+", " ".join((contact.name.given, contact.name.middle, contact.name.family)))
    locals_ = [e.address.split("@", 1)[0] for e in contact.emails]
    if email_support(words, locals_) > 0:
        return contact
    # generic mailboxes (info@, contato@, sales@) say nothing about the person
    if all(re.fullmatch(r"[a-z]+", lp) and len(lp) > 2 and lp in GENERIC_LOCALS for lp in locals_):
        return contact
    lowered = replace(contact.name, confidence=round(contact.name.confidence * 0.8, 3))
    message = f"The email {contact.emails[0].address} does not mention the name {contact.name.full}; check both."
    return replace(contact, name=lowered, warnings=(*contact.warnings, Warning("name", message, lowered.full)))


GENERIC_LOCALS = {
    "info",
    "contact",
    "contato",
    "sales",
    "vendas",
    "office",
    "admin",
    "hello",
    "mail",
    "support",
    "atendimento",
    "comercial",
    "kontakt",
    "enquiries",
    "inquiries",
    "reception",
    "team",
    "service",
}


def repair_site_from_email(contact: Contact) -> Contact:
    """A website one or two letters off the email's domain ('ilj.ad.jp' beside '@iij.ad.jp') is an OCR slip:
    the email's spelling is taken (it passed validation), with a warning."""
    domains = [d for d in email_domains(contact) if d.split(".")[0] not in MAIL_PROVIDERS]
    if not domains:
        return contact
    sites = []
    warnings = list(contact.warnings)
    for site in contact.websites:
        host = url_host(site.url)
        fixed = site
        for domain in domains:
            if host != domain and len(host) == len(domain) and SequenceMatcher(None, host, domain).ratio() >= 0.85:
                fixed = replace(site, url=site.url.replace(host, domain, 1), confidence=round(site.confidence * 0.8, 3))
                warnings.append(
                    Warning("websites", f"The website read as {host} was taken as {domain}, the email's domain.",
                            fixed.url)
                )
                break
        sites.append(fixed)
    return replace(contact, websites=tuple(sites), warnings=tuple(warnings))


def check_domains(contact: Contact) -> Contact:
    """Email domain vs website domain vs company name."""
    warnings = list(contact.warnings)
    domains = [d for d in email_domains(contact) if d.split(".")[0] not in MAIL_PROVIDERS]
    web = [w for w in contact.websites if w.kind == "web"]
    sites = [url_host(w.url) for w in web]
    websites = contact.websites
    if (
        domains
        and sites
        and not any(same_site(s, d) for d in domains for s in sites)
    ):
        bases_mail, bases_site = set(domain_bases(domains)), set(domain_bases(sites))
        if not bases_mail & bases_site:
            warnings.append(
                Warning("websites", f"The website {sites[0]} and the email domain {domains[0]} differ; check both.",
                        web[0].url)
            )
            websites = tuple(replace(w, confidence=round(w.confidence * 0.85, 3)) for w in websites)
    organization = contact.organization
    if organization and (domains or sites):
        bases = domain_bases(domains + sites)
        if (
            bases
            and domain_agreement(organization.value, bases) == 0
            and not _initials_match(organization.value, bases)
        ):
            organization = replace(organization, confidence=round(organization.confidence * 0.85, 3))
            warnings.append(
                Warning(
                    "organization",
                    f"The company {organization.value!r} does not match the domain {(domains + sites)[0]}; check it.",
                    organization.value,
                )
            )
    return replace(contact, websites=websites, organization=organization, warnings=tuple(warnings))


def _initials_match(text: str, bases: list[str]) -> bool:
    words = re.findall(r"[A-Za-z]+", text)
    initials = "".join(w[0] for w in words).lower()
    return any(base in initials or initials in base for base in bases if len(base) >= 2) if initials else False


def cross_check(contact: Contact) -> Contact:
    return check_domains(repair_site_from_email(check_name_against_email(contact)))
