"""Exports from the store: a vCard file that imports back to the same contacts, JSON, and CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from storecards import card, person, sqlite_url

from capture.contact import Address, Contact, Email, Phone, PhoneType, TextField, Website
from capture.errors import InputFileError, SettingsError
from capture.store.contacts import ContactStore
from capture.store.csvexport import export_csv, neutralize
from capture.store.exports import export_json, export_vcf
from capture.store.vcardread import vcard_fields


def varied_contacts() -> list[Contact]:
    ada = replace(
        person(),
        phones=(
            Phone("+442079460000", "020 7946 0000", PhoneType.WORK, extension="12"),
            Phone("+447911123456", "07911 123456", PhoneType.MOBILE),
            Phone("+442079460001", "020 7946 0001", PhoneType.FAX),
            Phone("5550", "555-0", PhoneType.OTHER, valid=False),
            # The extractor may keep a '+' on a number it could not validate; a vCard keeps it as printed.
            Phone("+11120765555", "(11) 2076 5555", PhoneType.WORK, valid=False, confidence=0.4),
        ),
        websites=(Website("https://www.linkedin.com/in/ada", "linkedin"), Website("https://analytical.example")),
        note="Met at the Royal Society; prefers letters.",
    )
    company_only = Contact(
        organization=TextField("Müller & Söhne GmbH"),
        emails=(Email("info@mueller.example"),),
        addresses=(
            Address("Königstraße 1", "Stuttgart", "BW", "70173", "Germany"),
            Address("Hafenweg 2", "Hamburg", "", "20457", "Germany", label="Branch"),
        ),
    )
    hostile = person(
        "José Núñez",
        email="jose@example.org",
        phone="+34912345678",
        title='=HYPERLINK("http://evil.example","click")',
        org="+cmd|' /C calc'!A0",
    )
    return [ada, company_only, hostile]


@pytest.fixture
def filled(tmp_path: Path) -> ContactStore:
    store = ContactStore.open(sqlite_url(tmp_path / "a"))
    for number, contact in enumerate(varied_contacts()):
        store.save_result(card(contact, f"card-{number}"))
    return store


def test_a_vcard_file_exported_and_imported_gives_the_same_contacts(filled: ContactStore, tmp_path: Path) -> None:
    path = tmp_path / "all.vcf"
    path.write_text(export_vcf(filled.list()), encoding="utf-8")
    assert path.read_text(encoding="utf-8").count("BEGIN:VCARD") == 3
    other = ContactStore.open(sqlite_url(tmp_path / "b"))
    outcomes = other.import_vcf(path)
    assert [o.action for o in outcomes] == ["created"] * 3
    before = {s.uid: vcard_fields(s.contact) for s in filled.list()}
    after = {s.uid: vcard_fields(s.contact) for s in other.list()}
    assert after == before
    assert all(s.source == "import" for s in other.list())
    # Importing the same file again changes nothing; importing into the original store neither.
    assert [o.action for o in other.import_vcf(path)] == ["unchanged"] * 3
    assert [o.action for o in filled.import_vcf(path)] == ["unchanged"] * 3
    assert len(filled.list()) == 3


def test_vcard_4_round_trips_too(filled: ContactStore, tmp_path: Path) -> None:
    path = tmp_path / "all4.vcf"
    path.write_text(export_vcf(filled.list(), version="4.0"), encoding="utf-8")
    other = ContactStore.open(sqlite_url(tmp_path / "c"))
    other.import_vcf(path)
    assert [vcard_fields(s.contact) for s in other.list()] == [vcard_fields(s.contact) for s in filled.list()]


def test_importing_something_that_is_not_a_vcard_names_the_file(filled: ContactStore, tmp_path: Path) -> None:
    path = tmp_path / "notes.vcf"
    path.write_text("just some notes\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"notes\.vcf"):
        filled.import_vcf(path)


def test_json_export_keeps_everything(filled: ContactStore) -> None:
    data = json.loads(export_json(filled.list()))
    assert data["export_version"] == 1
    [ada, company, _] = data["contacts"]
    assert ada["contact"]["phones"][0]["extension"] == "12"
    assert ada["contact"]["name"]["confidence"] == pytest.approx(0.93)
    assert ada["contact"]["warnings"] == [{"field": "department", "message": "read with low confidence", "value": ""}]
    assert ada["raw_text"].startswith("Ada Lovelace")
    assert len(ada["image_sha256"]) == 64
    assert company["contact"]["formatted_name"] == "Müller & Söhne GmbH"
    assert {"uid", "review_state", "created_at", "updated_at", "edited_fields", "image_path"} <= set(ada)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_google_csv_has_googles_columns_and_values(filled: ContactStore) -> None:
    text = export_csv(filled.list(), "google")
    header = text.splitlines()[0].split(",")
    assert header[:3] == ["First Name", "Middle Name", "Last Name"]
    for column in ("Organization Name", "Organization Title", "E-mail 1 - Value", "Phone 5 - Value",
                   "Address 2 - Postal Code", "Website 2 - Value", "Labels"):  # fmt: skip
        assert column in header
    ada, company, _ = rows(text)
    assert (ada["First Name"], ada["Last Name"]) == ("Ada", "Lovelace")
    assert ada["Phone 1 - Value"] == "+442079460000 x12"  # a plain number is not "neutralized"
    assert (ada["Phone 2 - Label"], ada["Phone 3 - Label"]) == ("Mobile", "Work Fax")
    assert company["Organization Name"] == "Müller & Söhne GmbH"
    assert company["First Name"] == ""
    assert company["Address 2 - City"] == "Hamburg"


def test_outlook_csv_has_outlooks_columns_and_values(filled: ContactStore) -> None:
    text = export_csv(filled.list(), "outlook")
    header = next(csv.reader(io.StringIO(text)))
    assert header[:8] == ["Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department",
                          "Job Title"]  # fmt: skip
    assert {"Business Street", "Business Phone", "Mobile Phone", "Business Fax", "E-mail Address", "Web Page"} <= set(
        header
    )
    ada, company, _ = rows(text)
    assert ada["Mobile Phone"] == "+447911123456"
    assert ada["Business Fax"] == "+442079460001"
    assert ada["Business Street"] == "12 Baker Street"
    assert "Met at the Royal Society" in ada["Notes"]
    assert company["Other City"] == "Hamburg"


@pytest.mark.parametrize("style", ["google", "outlook"])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralized(filled: ContactStore, style: str) -> None:
    text = export_csv(filled.list(), style)
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(("=", "@", "-", "\t", "\r")), cell
            assert not cell.startswith("+") or cell[1:].replace(" x", "").isdigit(), cell
    assert "'=HYPERLINK" in text
    assert "'+cmd|" in text


def test_neutralize() -> None:
    assert neutralize("-2+3") == "'-2+3"
    assert neutralize("@SUM(A1)") == "'@SUM(A1)"
    assert neutralize("+14155550100") == "'+14155550100"
    assert neutralize("+14155550100", phone_column=True) == "+14155550100"
    assert neutralize("+1+cmd|' /C calc'!A0", phone_column=True).startswith("'")
    assert neutralize("Ada") == "Ada"


def test_unknown_csv_style_is_a_settings_error(filled: ContactStore) -> None:
    with pytest.raises(SettingsError, match="CSV style 'excel'"):
        export_csv(filled.list(), "excel")
