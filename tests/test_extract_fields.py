"""Extraction from made-up OCR layouts: whole cards in, typed contact fields out."""

from __future__ import annotations

import pytest

from capture.contact import PhoneType
from capture.extract import extract_contact
from capture.settings import Settings
from tests.extractpages import make_page, rotate_page, stacked

US_CARD = stacked(
    [
        "Jane A. Doe",
        "Senior Software Engineer",
        "Acme Widgets, Inc.",
        "1200 Market Street, Suite 300",
        "San Francisco, CA 94103",
        "T: (415) 555-0100   M: (415) 555-0123",
        "F: 415.555.0199",
        "jane.doe@acmewidgets.com",
        "www.acmewidgets.com",
    ],
    sizes={0: 70},
)


def test_us_card_every_field() -> None:
    contact = extract_contact(make_page(US_CARD), Settings(region="US"))
    assert contact.name is not None
    assert (contact.name.given, contact.name.middle, contact.name.family) == ("Jane", "A.", "Doe")
    assert contact.title and contact.title.value == "Senior Software Engineer"
    assert contact.organization and contact.organization.value == "Acme Widgets, Inc."
    assert [(p.e164, p.type) for p in contact.phones] == [
        ("+14155550100", PhoneType.WORK),
        ("+14155550123", PhoneType.MOBILE),
        ("+14155550199", PhoneType.FAX),
    ]
    assert [e.address for e in contact.emails] == ["jane.doe@acmewidgets.com"]
    assert [w.url for w in contact.websites] == ["www.acmewidgets.com"]
    (address,) = contact.addresses
    assert (address.street, address.city, address.region, address.postal_code) == (
        "1200 Market Street, Suite 300",
        "San Francisco",
        "CA",
        "94103",
    )
    assert contact.warnings == ()


def test_every_field_has_confidence_and_evidence() -> None:
    contact = extract_contact(make_page(US_CARD), Settings(region="US"))
    fields = [
        contact.name,
        contact.title,
        contact.organization,
        *contact.phones,
        *contact.emails,
        *contact.websites,
        *contact.addresses,
    ]
    for item in fields:
        assert item is not None and item.evidence is not None
        assert 0 < item.confidence <= 1
        assert item.evidence.box is not None and item.evidence.source == "tesseract"
    assert contact.title is not None and contact.title.evidence is not None
    assert contact.title.evidence.text == "Senior Software Engineer"


def test_card_turned_sideways_reads_the_same() -> None:
    upright = extract_contact(make_page(US_CARD), Settings(region="US"))
    turned = extract_contact(rotate_page(make_page(US_CARD)), Settings(region="US"))
    assert turned.name and upright.name and turned.name.full == upright.name.full
    assert turned.title and upright.title and turned.title.value == upright.title.value
    assert [p.e164 for p in turned.phones] == [p.e164 for p in upright.phones]
    assert turned.addresses[0].postal_code == "94103"


def test_two_columns_glued_by_ocr_are_split() -> None:
    # Tesseract sometimes returns the left and right column as one line with a wide gap
    specs = [
        ("8172 Miramar Road,                  MARGIE SHOOP", 100, 100, 50),
        ("San Diego, CA 92126                 Manager", 100, 180, 50),
        ("Ph. 619-555-0160", 100, 300, 45),
        ("Margie's Travel", 500, 600, 90),
        ("www.margiestravel.com", 500, 720, 50),
    ]
    contact = extract_contact(make_page(specs), Settings(region="US"))
    assert contact.name and contact.name.full == "Margie Shoop"
    assert contact.title and contact.title.value == "Manager"
    assert contact.organization and contact.organization.value == "Margie's Travel"
    assert contact.addresses and contact.addresses[0].city == "San Diego"


def test_shop_card_gets_no_invented_person() -> None:
    specs = stacked(
        [
            "Esteves EsthetiCar",
            "ESTÉTICA AUTOMOTIVA",
            "Guilherme e Esteves",
            "Tel: (11) 2747-8430",
            "contato@estevescar.com.br",
        ],
        sizes={0: 120},
    )
    contact = extract_contact(make_page(specs), Settings(region="BR"))
    assert contact.name is None
    assert contact.organization is not None
    assert contact.formatted_name == contact.organization.value


@pytest.mark.parametrize(
    ("printed", "full", "prefix", "given", "family", "suffix"),
    [
        ("MARK D. MALVIN, D.M.D.", "Mark D. Malvin, DMD", "", "Mark", "Malvin", "DMD"),
        ("DR. KELLY FOCHT", "Dr. Kelly Focht", "Dr.", "Kelly", "Focht", ""),
        ("Prof. Hans Weber PhD", "Prof. Hans Weber, PhD", "Prof.", "Hans", "Weber", "PhD"),
        ("Aguinaldo M. Righetti Jr.", "Aguinaldo M. Righetti, Jr.", "", "Aguinaldo", "Righetti", "Jr."),
        ("PHAM NGOC HUNG", "Pham Ngoc Hung", "", "Ngoc Hung", "Pham", ""),
        ("carol soh", "Carol Soh", "", "Carol", "Soh", ""),
    ],
)
def test_name_parts_and_natural_case(
    printed: str, full: str, prefix: str, given: str, family: str, suffix: str
) -> None:
    specs = stacked([printed, "General Manager", "Northwind Traders Ltd.", "T: +44 20 7946 0958"], sizes={0: 60})
    contact = extract_contact(make_page(specs), Settings(region="GB"))
    assert contact.name is not None
    assert (contact.name.full, contact.name.prefix, contact.name.given, contact.name.family, contact.name.suffix) == (
        full,
        prefix,
        given,
        family,
        suffix,
    )


def test_department_is_kept_apart_from_title() -> None:
    specs = stacked(
        [
            "Kohei Tanaka",
            "Deputy Manager",
            "Sensor Network Section",
            "Network Division",
            "Example Systems Co., Ltd.",
            "Tel: +81-3-5205-6455",
        ],
        sizes={0: 60},
    )
    contact = extract_contact(make_page(specs), Settings(region="US"))
    assert contact.title and contact.title.value == "Deputy Manager"
    assert contact.department and "Sensor Network Section" in contact.department.value
    assert "Network Division" in contact.department.value
    assert contact.organization and contact.organization.value == "Example Systems Co., Ltd."
    assert contact.phones[0].e164 == "+81352056455"


def test_title_words_without_a_domain_are_not_websites() -> None:
    specs = stacked(["Ana Souza", "Web Developer", "Studio Nove Design", "ana@studionove.com.br"], sizes={0: 60})
    contact = extract_contact(make_page(specs), Settings(region="BR"))
    assert contact.websites == ()
    assert contact.title and contact.title.value == "Web Developer"


def test_label_split_from_its_value_by_the_engine() -> None:
    # PP-OCR returns "FAX" and the number as two boxes on one row
    specs = [
        ("Taro Yamada", 100, 100, 60),
        ("TEL", 100, 250, 36),
        ("+81-3-6703-0000", 300, 250, 36),
        ("FAX", 100, 320, 36),
        ("+81-3-6703-0011", 300, 320, 36),
    ]
    contact = extract_contact(make_page(specs, engine="ppocr"), Settings(region="US"))
    assert [(p.e164, p.type) for p in contact.phones] == [
        ("+81367030000", PhoneType.WORK),
        ("+81367030011", PhoneType.FAX),
    ]
    assert contact.phones[0].evidence and contact.phones[0].evidence.source == "ppocr"


def test_email_name_disagreement_is_a_warning() -> None:
    specs = stacked(["Daniel Whitton", "Cell: 817-228-6401", "Email: carpentry@verizon.net"], sizes={0: 60})
    contact = extract_contact(make_page(specs), Settings(region="US"))
    assert contact.name is not None and contact.name.full == "Daniel Whitton"
    assert any(w.field == "name" for w in contact.warnings)
    agreeing = extract_contact(
        make_page(stacked(["Daniel Whitton", "Cell: 817-228-6401", "dwhitton@verizon.net"], sizes={0: 60})),
        Settings(region="US"),
    )
    assert agreeing.name is not None and agreeing.name.confidence > contact.name.confidence
    assert not any(w.field == "name" for w in agreeing.warnings)


def test_company_disagreeing_with_domain_is_a_warning() -> None:
    specs = stacked(["Lee Chan", "Director", "Harbour Logistics Ltd.", "lee@globexmail-corp.com"], sizes={0: 60})
    contact = extract_contact(make_page(specs), Settings(region="SG"))
    assert contact.organization is not None
    assert any(w.field == "organization" for w in contact.warnings)


def test_website_one_letter_off_the_email_domain_is_repaired() -> None:
    specs = stacked(
        ["Ken Sato", "Engineer", "Example Networks Inc.", "E-mail: ken@exnet.co.jp", "www.exnel.co.jp"], sizes={0: 60}
    )
    contact = extract_contact(make_page(specs), Settings(region="JP"))
    assert [w.url for w in contact.websites] == ["www.exnet.co.jp"]
    assert any(w.field == "websites" for w in contact.warnings)


def test_middle_initial_and_title_make_an_unfamiliar_name_a_person() -> None:
    specs = stacked(["Meridian Energy Pvt. Ltd.", "Kavya K. Iyer", "Financial Analyst", "+91 80 3237 0104"])
    contact = extract_contact(make_page(specs), Settings(region="IN"))
    assert contact.name is not None and contact.name.full == "Kavya K. Iyer"
    assert contact.organization is not None and contact.organization.value == "Meridian Energy Pvt. Ltd."


def test_ocr_debris_is_no_name() -> None:
    specs = stacked(["ot oe Mercier", "Atlas Design SAS", "+33 1 42 68 53 00"])
    contact = extract_contact(make_page(specs), Settings(region="FR"))
    assert contact.name is None


@pytest.mark.parametrize(
    ("lines", "region", "expected"),
    [
        # a bare local number printed under a number with its area code borrows the area code
        (["Tel: (11) 2684-7988", "3854-7828"], "BR", ["+551126847988", "+551138547828"]),
        (["Fone: (21) 3222-1234", "Cel: 99876-5432"], "BR", ["+552132221234", "+5521998765432"]),
        # a postal code printed beside a city under a phone line is no phone
        (["Phone: 092-996-2755", "Fukuoka 818-5178, Japan"], "JP", ["+81929962755"]),
        # a local number with no number above it is kept as printed, without an area code (a user
        # dials it locally; the real cards' labels count such numbers, marked partial)
        (["3854-7828", "Rua Exemplo, 100"], "BR", ["+5538547828"]),
    ],
)
def test_local_number_under_a_full_number(lines: list[str], region: str, expected: list[str]) -> None:
    contact = extract_contact(make_page(stacked(["Loja Exemplo Ltda.", *lines])), Settings(region=region))
    assert [p.e164 for p in contact.phones] == expected
