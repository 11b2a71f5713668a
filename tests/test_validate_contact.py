"""Validation: doubtful fields stay, with a warning a person can review and a lower confidence."""

from __future__ import annotations

from capture.contact import Address, Contact, Email, PersonName, Phone, PhoneType, TextField, Warning, Website
from capture.settings import Settings
from capture.validate import validate_contact


def test_bad_email_is_kept_with_a_warning() -> None:
    contact = validate_contact(Contact(emails=(Email("jane@@acme", 0.9),)), Settings())
    assert contact.emails[0].address == "jane@@acme"
    assert contact.emails[0].confidence <= 0.3
    assert any(w.field == "emails" for w in contact.warnings)


def test_good_email_is_normalized_without_warning() -> None:
    contact = validate_contact(
        Contact(name=PersonName("Jane Doe", given="Jane", family="Doe"), emails=(Email("Jane.Doe@Acme.COM"),)),
        Settings(),
    )
    assert contact.emails[0].address == "jane.doe@acme.com"
    assert not any(w.field == "emails" for w in contact.warnings)


def test_invalid_phone_warns_and_loses_confidence() -> None:
    phone = Phone("3755550100", "(375) 555-0100", PhoneType.WORK, valid=False, confidence=0.9)
    contact = validate_contact(Contact(name=PersonName("A B", given="A", family="B"), phones=(phone,)), Settings())
    assert contact.phones[0].confidence <= 0.4
    assert any(w.field == "phones" and "(375) 555-0100" in w.message for w in contact.warnings)


def test_website_and_address_checks() -> None:
    contact = validate_contact(
        Contact(
            organization=TextField("Acme"),
            websites=(Website("http://acme"), Website("https://acme.com/about")),
            addresses=(Address(street="1 Main St"), Address(street="2 Oak Ave", city="Springfield")),
            phones=(Phone("+14155550100", "415 555 0100"),),
        ),
        Settings(),
    )
    site_warnings = [w for w in contact.warnings if w.field == "websites"]
    assert len(site_warnings) == 1 and "http://acme" in site_warnings[0].message
    assert [w.field for w in contact.warnings].count("addresses") == 1


def test_low_confidence_and_missing_fields_are_flagged() -> None:
    contact = validate_contact(
        Contact(title=TextField("Manaqer", 0.3), websites=(Website("https://acme.com"),)), Settings()
    )
    messages = " ".join(w.message for w in contact.warnings)
    assert "Manaqer" in messages
    assert "No person or company name" in messages
    assert "No phone number or email" in messages
    clean = validate_contact(
        Contact(
            name=PersonName("Jane Doe", given="Jane", family="Doe", confidence=0.9), emails=(Email("jane@acme.com"),)
        ),
        Settings(),
    )
    assert clean.warnings == ()


def test_each_warning_names_the_entry_it_is_about() -> None:
    valid = Phone("+4915123456789", "0151 23456789", PhoneType.MOBILE)
    short = Phone("3041", "030 41", PhoneType.WORK, valid=False)
    wrong = Phone("49301", "+49 30 1", PhoneType.FAX, valid=False)
    contact = validate_contact(Contact(name=PersonName("A B", given="A", family="B"), phones=(valid, short, wrong),
                                       emails=(Email("a@@b"),)), Settings(region="DE"))
    about = {(w.field, w.value) for w in contact.warnings}
    assert {("phones", "030 41"), ("phones", "+49 30 1"), ("emails", "a@@b")} <= about
    assert ("phones", "0151 23456789") not in about


def test_a_warning_about_a_value_the_other_reader_replaced_is_dropped() -> None:
    # Tesseract reads the website as ij.ad.jp, which differs from the email's domain; PP-OCR reads
    # www.iij.ad.jp/, which the reconciled contact keeps: the warning about ij.ad.jp no longer holds
    from capture.api import contact_from_pages
    from tests.extractpages import make_page, stacked

    card = ["Kenji Sato", "Manager", "IIJ Inc.", "kenji.sato@iij.ad.jp", "{site}", "Tel 03-5205-6500"]
    first = make_page(stacked([line.format(site="www.ij.ad.jp/") for line in card]), engine="tesseract")
    second = make_page(stacked([line.format(site="www.iij.ad.jp/") for line in card]), engine="ppocr")
    alone = contact_from_pages((first,), None, Settings(region="JP"))
    assert [w.value for w in alone.warnings if w.field == "websites"] == ["www.ij.ad.jp/"]  # it holds there
    both = contact_from_pages((first, second), None, Settings(region="JP"))
    assert [site.url for site in both.websites] == ["www.iij.ad.jp/"]
    assert not any("ij.ad.jp " in w.message or w.field == "websites" for w in both.warnings)


def test_whether_a_contact_still_holds_a_warning() -> None:
    contact = Contact(title=TextField("CTO"), websites=(Website("acme.example"),))
    assert contact.holds(Warning("title", "check it", "CTO"))
    assert not contact.holds(Warning("title", "check it", "CT0"))
    assert contact.holds(Warning("websites", "odd", "acme.example"))
    assert not contact.holds(Warning("websites", "odd", "acme.exarnple"))
    assert contact.holds(Warning("title", "a warning about the field as a whole"))
    assert contact.holds(Warning("", "about the card"))
