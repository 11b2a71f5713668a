"""The shared rules (`capture.normalize`): each value compared, parsed and judged one way everywhere."""

from __future__ import annotations

import pytest

from capture.contact import Contact, Evidence, Phone, PhoneType, TextField
from capture.normalize import (
    LOW_CONFIDENCE,
    check_email_address,
    country_in,
    email_key,
    email_syntax_ok,
    fold,
    parse_phone,
    phone_key,
    printed_phone_key,
    resolve_country,
    same_number,
    site_kind,
    url_host,
    url_key,
    website_kind,
)
from capture.normalize.text import fold_width
from capture.normalize.web import same_site
from capture.store.merging import review_state_for
from capture.validate import low_confidence_warnings
from capture.web.edit import FormField


@pytest.mark.parametrize(
    ("text", "folded"),
    [("São José", "saojose"), ("José-Luis", "joseluis"), ("Müller & Söhne", "mullersohne"), ("ＡＢＣ１", "abc1"),
     ("東京", "東京"), ("株式会社 昭和", "株式会社昭和"), ("Tokyo 東京 1", "tokyo東京1"), ("O'Brien", "obrien")],
)
def test_fold_keeps_the_letters_and_digits_a_word_spells(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("text", "plain"),
    [("ＴＥＬ：０３－１２３４", "TEL:03-1234"), ("〒141ー0098", "〒141-0098"), ("東京都　港区", "東京都 港区"),
     ("ラーメン", "ラーメン")],
)
def test_full_width_letters_digits_and_dashes_between_digits_become_plain(text: str, plain: str) -> None:
    assert fold_width(text) == plain


@pytest.mark.parametrize(
    ("url", "host", "key"),
    [
        ("https://www.Example.com/Team/", "example.com", "example.com/team"),
        ("example.com", "example.com", "example.com"),
        ("http://wwww.example.com", "wwww.example.com", "example.com"),  # 'www' misread: same site
        ("www.example.com?ref=card", "example.com", "example.com?ref=card"),
        ("  HTTPS://shop.example.co.uk./  ", "shop.example.co.uk", "shop.example.co.uk."),
    ],
)
def test_url_host_and_key(url: str, host: str, key: str) -> None:
    assert url_host(url) == host
    assert url_key(url) == key


def test_one_site_read_two_ways_has_one_key() -> None:
    assert url_key("https://www.acme.com/") == url_key("acme.com") == url_key("ACME.COM")


@pytest.mark.parametrize(
    ("url", "kind"),
    [("https://www.linkedin.com/in/jane", "linkedin"), ("x.com/jane", "twitter"), ("fb.me/acme", "facebook"),
     ("instagr.am/acme", "instagram"), ("github.com/acme", "github"), ("youtu.be/x", "youtube"),
     ("notlinkedin.com", "web"), ("acme.com", "web")],
)
def test_website_kind(url: str, kind: str) -> None:
    assert website_kind(url) == kind
    assert site_kind(url_host(url)) == kind


def test_same_site_either_way() -> None:
    assert same_site("mail.beltis.com.br", "beltis.com.br") and same_site("beltis.com.br", "mail.beltis.com.br")
    assert not same_site("notbeltis.com.br", "beltis.com.br")


@pytest.mark.parametrize(
    ("typed", "region", "e164", "raw", "extension", "valid"),
    [
        ("+1 415 555 0134", None, "+14155550134", "+1 415 555 0134", "", True),
        ("tel:+14155550134;ext=12", None, "+14155550134", "+14155550134", "12", True),
        ("+1 415 555 0134 x 7", None, "+14155550134", "+1 415 555 0134", "7", True),
        ("020 7946 0321", "GB", "+442079460321", "020 7946 0321", "", True),
        ("0711 7729292", "DE", "+497117729292", "0711 7729292", "", True),
        ("020 7946 0321", None, "02079460321", "020 7946 0321", "", False),  # no country to dial it in
        ("+44 20 794", "GB", "4420794", "+44 20 794", "", False),  # too short: kept as typed, its digits
    ],
)
def test_parse_phone(typed: str, region: str | None, e164: str, raw: str, extension: str, valid: bool) -> None:
    phone = parse_phone(typed, PhoneType.MOBILE, region, Evidence(typed, None, "user"))
    assert (phone.e164, phone.raw, phone.extension, phone.valid) == (e164, raw, extension, valid)
    assert phone.type is PhoneType.MOBILE and phone.evidence == Evidence(typed, None, "user")


def test_phone_keys() -> None:
    valid = Phone("+14155550134", "(415) 555-0134")
    misread = Phone("+14155550184", "(415) 555-0184", valid=False)  # a reader's international form
    imported = Phone("4155550184", "(415) 555-0184", valid=False)  # what a vCard gives back for it
    assert phone_key(valid) == printed_phone_key(valid) == "+14155550134"
    # two readings are compared in international form, so a misread digit stays one digit off
    assert phone_key(misread) == "+14155550184"
    # a vCard keeps an invalid number as printed: export and import keep its printed key
    assert printed_phone_key(misread) == printed_phone_key(imported) == "4155550184"


def test_same_number_whatever_the_prefix() -> None:
    assert same_number(Phone("+497117729292", "0711 7729292"), Phone("07117729292", "0711 7729292", valid=False))
    assert not same_number(Phone("+497117729292", ""), Phone("+497117729293", ""))


def test_email_rules() -> None:
    assert email_key("  Jane@Example.COM ") == "jane@example.com"
    assert check_email_address("Jane@Example.com") == ("jane@example.com", None)
    address, problem = check_email_address("jane@example,com")
    assert address == "jane@example,com" and problem
    assert email_syntax_ok("jane@example.com") and not email_syntax_ok("jane.example.com")


@pytest.mark.parametrize(
    ("line", "found"),
    [
        ("Rua Augusta 100, São Paulo, Brasil", ("Brasil", "BR")),
        ("10115 Berlin - Germany", ("Germany", "DE")),
        ("Tokyo 102-0071, Japan.", ("Japan", "JP")),
        ("Holland, MI 49423", None),  # a town in Michigan as often as the country
        ("3098 RN Rotterdam, Nederland", None),  # resolved in a country field, not spotted here (yet)
        ("Jane Example", None),
    ],
)
def test_country_in_an_address_line(line: str, found: tuple[str, str] | None) -> None:
    assert country_in(line) == found


@pytest.mark.parametrize(
    ("name", "code"),
    [("Deutschland", "DE"), ("United States", "US"), ("USA", "US"), ("united kingdom", "GB"), ("FRA", "FR"),
     ("Holland", "NL"), ("Viet Nam", "VN"), ("Atlantis", "")],
)
def test_resolve_a_country_field(name: str, code: str) -> None:
    assert resolve_country(name) == code


def test_one_threshold_for_low_confidence() -> None:
    """The validate stage warns, the store asks for review and the review page highlights alike."""
    below = Contact(title=TextField("Engineer", LOW_CONFIDENCE - 0.01))
    at = Contact(title=TextField("Engineer", LOW_CONFIDENCE))
    assert [w.field for w in low_confidence_warnings(below)] == ["title"] and not low_confidence_warnings(at)
    assert review_state_for(below) == "needs_review" and review_state_for(at) == "unreviewed"
    assert FormField("title", "Title", "Engineer", confidence=LOW_CONFIDENCE - 0.01).low
    assert not FormField("title", "Title", "Engineer", confidence=LOW_CONFIDENCE).low
