"""Validation: doubtful fields stay, with a warning a person can review and a lower confidence."""

from __future__ import annotations

from capture.contact import Address, Contact, Email, PersonName, Phone, PhoneType, TextField, Website
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
