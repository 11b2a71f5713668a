"""Error classes seen on unseen cards, on made-up layouts: two fields on one line, long titles,
landmark lines in addresses."""

from __future__ import annotations

import pytest

from capture.extract import extract_contact
from capture.extract.lines import CardLine
from capture.extract.segments import split_line
from capture.extract.titles import has_number, title_strength
from capture.settings import Settings
from tests.extractpages import make_page, stacked


def line(text: str) -> CardLine:
    return CardLine(text, (100, 100, 100 + 20 * len(text), 140), 40.0, 0.95)


@pytest.mark.parametrize(
    ("printed", "parts"),
    [
        ("Nora Whitfield, Owner", ["Nora Whitfield", "Owner"]),
        ("LENA MARKOVA | Senior Manager", ["LENA MARKOVA", "Senior Manager"]),
        ("Sales Director · Tomas Reyes", ["Sales Director", "Tomas Reyes"]),
        ("3rd Grade Teacher, Maple Ridge Elementary School", ["3rd Grade Teacher", "Maple Ridge Elementary School"]),
        ("Kofi Mensah, Brightwater Holdings Ltd.", ["Kofi Mensah", "Brightwater Holdings Ltd."]),
        # a name, then its role in any language (a spaced dash or a wide space between them)
        ("Greta Lindqvist, Projektleiterin", ["Greta Lindqvist", "Projektleiterin"]),
        ("Tomas Berg – Commercieel directeur", ["Tomas Berg", "Commercieel directeur"]),
        ("Maria Keller  Vertriebsleiterin", ["Maria Keller", "Vertriebsleiterin"]),
        # one field: kept whole
        ("Vila Nova - MG", ["Vila Nova - MG"]),
        ("Laura Vicuña, 4402 Main Road", ["Laura Vicuña, 4402 Main Road"]),
        ("Director, Sales & Marketing", ["Director, Sales & Marketing"]),
        ("Career Counselor, Engineering", ["Career Counselor, Engineering"]),
        # a title's unit or region after a comma is shaped like a name but starts with no given name
        ("Manager, Technical Support", ["Manager, Technical Support"]),
        ("Senior Vice President, Global Operations", ["Senior Vice President, Global Operations"]),
        ("Vice President of Sales, North America", ["Vice President of Sales, North America"]),
        ("Quillon Labs, Inc.", ["Quillon Labs, Inc."]),
        ("41 Harbour Road, Suite 9, Portsmouth", ["41 Harbour Road, Suite 9, Portsmouth"]),
        ("Dr. Ines Varga, PhD", ["Dr. Ines Varga, PhD"]),
        ("PAUL R. OYELARAN, D.D.S.", ["PAUL R. OYELARAN, D.D.S."]),
    ],
)
def test_a_line_is_cut_only_between_fields_of_different_kinds(printed: str, parts: list[str]) -> None:
    pieces = split_line(line(printed))
    assert [p.text for p in pieces] == parts
    # the pieces keep the line's row and cover it left to right
    assert all(p.top == 100 and p.bottom == 140 for p in pieces)
    assert [p.left for p in pieces] == sorted(p.left for p in pieces)


@pytest.mark.parametrize(
    ("first", "name", "title", "org"),
    [
        ("Nora Whitfield, Owner, License #B20417", "Nora Whitfield", "Owner", "Harbourline Plumbing, Inc."),
        ("LENA MARKOVA | Senior Manager", "Lena Markova", "Senior Manager", "Harbourline Plumbing, Inc."),
    ],
)
def test_name_and_title_on_one_line_are_split(first: str, name: str, title: str, org: str) -> None:
    page = make_page(
        stacked([org, first, "88 Quarry Lane, Suite 4", "Springfield, IL 62704", "nora@harbourline.com"], sizes={0: 60})
    )
    contact = extract_contact(page, Settings(region="US"))
    assert contact.name is not None and contact.name.full == name
    assert contact.title is not None and contact.title.value == title
    assert contact.organization is not None and contact.organization.value == org


@pytest.mark.parametrize(
    ("printed", "strength"),
    [
        ("Head of Business Development", 1.0),
        ("Head of Research", 1.0),
        ("Career Counselor, Engineering", 1.0),
        ("Senior Staff", 0.6),
        ("Sócia-Diretora", 1.0),  # title words joined by a hyphen
        ("Vice-President, Sales", 1.0),
        ("Headquarters", 0.0),
    ],
)
def test_title_strength(printed: str, strength: float) -> None:
    assert title_strength(printed) == strength


@pytest.mark.parametrize(
    ("text", "number"),
    [("5th – 6th Grade Teacher", False), ("2º Tabelião", False), ("Suite 120", True), ("1st Floor, 12 Elm St", True)],
)
def test_ordinals_are_no_numbers(text: str, number: bool) -> None:
    assert has_number(text) is number


def test_long_title_with_ordinals_is_the_title() -> None:
    page = make_page(
        stacked(
            ["Maple Ridge Elementary School", "Priya Raman", "5th – 6th Grade Teacher", "priya.raman@mapleridge.org"],
            sizes={0: 60, 1: 55},
        )
    )
    contact = extract_contact(page, Settings(region="US"))
    assert contact.title is not None and contact.title.value.replace("–", "-") == "5th - 6th Grade Teacher"


@pytest.mark.parametrize(
    ("street", "landmark", "region"),
    [
        ("Rua das Palmeiras, 418 - Vila Nova", "Próximo ao Mercado Central", "BR"),
        ("Av. Brasil, 2210 - Centro", "Em frente à Praça da Matriz", "BR"),
        ("12 Orchard Road", "Opposite Lakeside Mall", "SG"),
    ],
)
def test_landmark_line_stays_in_the_address_and_is_no_company(street: str, landmark: str, region: str) -> None:
    page = make_page(
        stacked(["Sabor da Serra", "Restaurante e Pizzaria", street, landmark, "contato@sabordaserra.com"],
                sizes={0: 90})
    )
    contact = extract_contact(page, Settings(region=region))
    assert contact.organization is not None and "Próximo" not in contact.organization.value
    assert landmark.split()[0] not in contact.organization.value
    (address,) = contact.addresses
    assert landmark.split()[-1] in address.raw


@pytest.mark.parametrize(
    ("lines", "region", "numbers"),
    [
        # a local number printed without its area code, alone on its line: kept as printed
        (["Tel: 3381-4402", "Rua Aurora, 55 - Centro"], "BR", ["+5533814402"]),
        (["4471-2290"], "BR", ["+5544712290"]),
        # a postal code beside its country's name is no phone number
        (["Osaka, 530-0001 JAPAN", "TEL +81-6-6345-1200"], "JP", ["+81663451200"]),
        # a country named in a number's label is that number's country, whatever the card's region
        (["TEL +81-6-6345-1200", "TEL (VN mobile): 091-2345678"], "JP", ["+81663451200", "+84912345678"]),
        # middle dots between the digit groups
        (["t +82.2·3145·7700", "m +82·10·4471·2290"], "KR", ["+82231457700", "+821044712290"]),
        # digits inside a sentence are not a local number
        (["Licence 4471-2290 issued by the city"], "BR", []),
    ],
)
def test_every_printed_phone_in_its_own_country(lines: list[str], region: str, numbers: list[str]) -> None:
    contact = extract_contact(make_page(stacked(["Ondina Prates", *lines])), Settings(region=region))
    assert [p.e164 for p in contact.phones] == numbers


@pytest.mark.parametrize(
    ("printed", "address"),
    [
        ("E-mailmarta.ruiz@lumeta.es", "marta.ruiz@lumeta.es"),
        ("EMAIL:k.obi@lagosfreight.ng", "k.obi@lagosfreight.ng"),
        ("Mailinfo@kestrel.co.uk", "info@kestrel.co.uk"),
        ("mailbox@kestrel.co.uk", "mailbox@kestrel.co.uk"),  # a mailbox called mailbox stays
        ("emailme@kestrel.co.uk", "emailme@kestrel.co.uk"),
    ],
)
def test_label_glued_to_an_email_is_not_part_of_it(printed: str, address: str) -> None:
    from capture.extract.emails import find_emails

    assert [e.address for e in find_emails(printed)] == [address]


@pytest.mark.parametrize(
    ("street", "place", "region", "city"),
    [
        ("12B Calle del Pozo, Barrio Alto", "Getafe, Madrid", "ES", "Getafe"),
        ("7A Rua do Souto", "Braga, Portugal", "PT", "Braga"),
        ("55 Pho Hang Bong", "Le Chan, Hai Phong", "VN", "Hai Phong"),
    ],
)
def test_address_without_postal_code_is_found_by_its_city(street: str, place: str, region: str, city: str) -> None:
    page = make_page(stacked(["Ilse Kovac", "Export Manager", "Norvane Trading Ltd.", street, place], sizes={0: 60}))
    contact = extract_contact(page, Settings(region=region))
    (address,) = contact.addresses
    assert city in address.raw and street.split(",")[0] in address.raw


def test_city_names_come_from_the_gazetteer() -> None:
    from capture.extract.places import names_city

    assert names_city("Hai Ba Trung, Ha Noi")  # spaces and accents aside: Hanoi, Hai Bà Trưng
    assert names_city("Salt Lake City, UT")
    assert not names_city("Senior Manager, Sales")


@pytest.mark.parametrize(
    ("logo", "rest", "name"),
    [
        (["AUTO", "GUINCHO"], "J. FERREIRA", "Auto Guincho J. Ferreira"),
        (["PADARIA"], "Bom Sabor", "Padaria Bom Sabor"),
    ],
)
def test_business_card_keeps_the_whole_trading_name(logo: list[str], rest: str, name: str) -> None:
    specs = [(word, 60 + 300 * i, 40, 100) for i, word in enumerate(logo)]  # "AUTO" ends at 280
    specs += [(rest, 200, 170, 70), ("Aceitamos cartões", 200, 330, 35), ("Tel: (11) 3381-4402", 200, 400, 35)]
    contact = extract_contact(make_page(specs), Settings(region="BR"))
    assert contact.name is None
    assert contact.organization is not None and contact.organization.value.lower() == name.lower()


@pytest.mark.parametrize(
    ("big", "person", "email"),
    [
        ("HARPER WELLS", "Nadia Osei", "nadia.osei@harperwells.com"),  # a company named like a person
        ("Milo Grant", "Ruth Ellison", "r.ellison@grantmilo.co.uk"),
        ("SUMMIT", "Kwame Boateng", "kboateng@summit-eng.com"),
    ],
)
def test_the_biggest_words_are_not_the_person_when_a_smaller_name_matches_the_email(
    big: str, person: str, email: str
) -> None:
    page = make_page(stacked([big, person, "Project Engineer", email], sizes={0: 110}))
    contact = extract_contact(page, Settings(region="GB"))
    assert contact.name is not None and contact.name.full == person


def test_branch_addresses_are_kept_apart() -> None:
    page = make_page(
        stacked(
            [
                "Corvin Tools Ltd.",
                "Eamon Tierney",
                "Sales Manager",
                "Head Office",
                "14 Mill Street",
                "Leeds LS1 4DT",
                "Branch",
                "2 Dock Road",
                "Bristol BS1 6QH",
                "eamon@corvintools.co.uk",
            ],
            sizes={0: 70},
            gap=0.5,
        )
    )
    contact = extract_contact(page, Settings(region="GB"))
    assert [(a.street, a.postal_code) for a in contact.addresses] == [
        ("14 Mill Street", "LS1 4DT"),
        ("2 Dock Road", "BS1 6QH"),
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Brightmoor Analytics Ltd.", "Data you can trust"),  # a slogan under a complete name
        ("BRIGHTMOOR", "Data you can trust every day"),  # a long line under a logo word
        ("BRIGHTMOOR", "明光分析"),  # the name in another script is its second form, not its rest
        ("PADARIA PÃO DOURADO", "Sabor e tradição"),  # a short sentence, not a name
    ],
)
def test_a_shop_name_takes_no_slogan_or_second_form(first: str, second: str) -> None:
    specs = [(first, 100, 40, 100), (second, 120, 170, 70), ("Tel: (11) 3381-4402", 120, 330, 35)]
    contact = extract_contact(make_page(specs), Settings(region="BR"))
    assert contact.organization is not None
    assert second.split()[0] not in contact.organization.value


def test_a_name_shaped_line_holding_the_domain_word_is_no_person() -> None:
    lines = ["Albergo", "Autofficina", "San Martino Buon Albergo", "Il vostro partner di fiducia", "Via Roma, 12",
             "80121 Napoli (NA), Italia", "Tel. +39 081 555 0101", "http://albergo.it"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 90})), Settings(region="IT"))
    assert contact.name is None


@pytest.mark.parametrize(
    ("lines", "region", "street", "postal", "city"),
    [
        (["Paseo del Prado, 41, 3º B", "46023 Valencia"], "ES", "Paseo del Prado, 41, 3º B", "46023", "Valencia"),
        (["Contrada San Vito, 17", "70121 Bari (BA)"], "IT", "Contrada San Vito, 17", "70121", "Bari"),
        (["Zonnebloempad 12", "3512 JK Utrecht"], "NL", "Zonnebloempad 12", "3512 JK", "Utrecht"),
        (["Rua das Flores, 220", "4050-262 Porto"], "PT", "Rua das Flores, 220", "4050-262", "Porto"),
        (["Lindenallee 8", "50968 Köln"], "DE", "Lindenallee 8", "50968", "Köln"),
    ],
)
def test_street_then_number_addresses_per_country(
    lines: list[str], region: str, street: str, postal: str, city: str
) -> None:
    page = make_page(stacked(["Arden Vale S.L.", "Lucía Ortega", "Directora Comercial", *lines], sizes={0: 70}))
    contact = extract_contact(page, Settings(region=region))
    (address,) = contact.addresses
    assert (address.street, address.postal_code, address.city.split(" (")[0]) == (street, postal, city)
