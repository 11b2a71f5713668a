"""An address's last label that is no top-level domain is an OCR slip, repaired from the card's evidence."""

from __future__ import annotations

import pytest

from capture.contact import Email, Website
from capture.extract.assemble import extract_contact
from capture.extract.domains import repair_domains
from capture.normalize.tlds import known_tlds, one_edit_apart, tld_exists
from capture.settings import Settings
from tests.extractpages import make_page, stacked


@pytest.mark.parametrize(
    ("host", "exists"),
    [
        ("iitp.kr", True),
        ("krinfra.co.kr", True),
        ("example.com", True),
        ("example.co", True),
        ("example.cm", True),  # Cameroon: a real TLD is never "repaired"
        ("example.berlin", True),
        ("example.ks", False),
        ("example.k", False),
        ("example.corn", False),
        ("example.xyzq", False),
    ],
)
def test_tld_exists(host: str, exists: bool) -> None:
    assert tld_exists(host) is exists


def test_the_list_holds_country_generic_and_unicode_tlds() -> None:
    tlds = known_tlds()
    assert {"kr", "jp", "uk", "com", "org", "xn--3e0b707e"} <= tlds  # the last is 한국 in punycode
    assert len(tlds) > 1000


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [("ks", "kr", True), ("k", "kr", True), ("krr", "kr", True), ("corn", "com", True), ("con", "com", True),
     ("kr", "kr", False), ("xy", "kr", False), ("k", "com", False)],
)
def test_one_edit_apart(a: str, b: str, close: bool) -> None:
    assert one_edit_apart(a, b) is close


@pytest.mark.parametrize(
    ("email", "sites", "regions", "expected"),
    [
        ("chhsk@iitp.ks", [], ["KR", "US"], "chhsk@iitp.kr"),  # the card's country
        ("chhsk@iitp.k", [], ["KR", "US"], "chhsk@iitp.kr"),  # its last letter lost
        ("ana@acme.corn", [], ["US"], "ana@acme.com"),  # 'rn' read for 'm'
        ("ana@acme.con", [], ["DE", "US"], "ana@acme.com"),  # no ccTLD is that close: 'com'
        ("ana@acme.dq", ["www.acme.de"], ["DK"], "ana@acme.de"),  # the site of the same name outranks the country
        ("jo@bank.co.ulk", [], ["GB", "US"], "jo@bank.co.uk"),
        ("ana@acme.co", [], ["US"], "ana@acme.co"),  # a real TLD stays
        ("ana@acme.xyzq", [], ["US"], "ana@acme.xyzq"),  # nothing close: kept as read
    ],
)
def test_email_tld_repaired_from_the_cards_evidence(
    email: str, sites: list[str], regions: list[str], expected: str
) -> None:
    emails, _ = repair_domains([Email(email, 0.9)], [Website(s) for s in sites], regions)
    assert emails[0].address == expected
    assert emails[0].confidence == (0.9 if expected == email else 0.72)


def test_website_tld_repaired_and_the_rest_of_its_url_kept() -> None:
    site = Website("http://www.krinfra.co.kt/en", confidence=1.0)
    _, sites = repair_domains([Email("jy@krinfra.co.kr")], [site], ["KR"])
    assert sites[0].url == "http://www.krinfra.co.kr/en"
    assert sites[0].confidence == 0.8


def test_a_read_card_gets_the_repaired_email() -> None:
    page = make_page(stacked(["Min-jun Kim", "Tel +82 2 2204 5024", "mjkim@krinfra.co.ks"]))
    contact = extract_contact(page, Settings(region="US"))  # the country comes from the card's +82
    assert [e.address for e in contact.emails] == ["mjkim@krinfra.co.kr"]
