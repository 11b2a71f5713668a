"""Address error classes of generated held-out cards: in Portuguese and Spanish a street named
after a person or a place whose number stands as a comma part of its own, with the neighbourhood,
floor, landmark or town after it, a Brazilian town and state set apart by a slash, a town whose
name starts with an accented letter after its postal code; in Korean the postal code printed
first in brackets and 우편번호 read as two words; in any language an address line under a line
whose box OCR drew taller than its letters, and a known town alone on the line under the street."""

from __future__ import annotations

from dataclasses import replace

import pytest

from capture.extract import extract_contact
from capture.extract.addresses import STREET_COMMA_NUMBER_RE
from capture.ocr.result import OcrLine, OcrPage
from capture.settings import Settings
from tests.extractpages import make_line, make_page, stacked


@pytest.mark.parametrize(
    ("lines", "region", "street", "city", "state", "code"),
    [
        # Spanish: the street, its number and the postal code and town on one line
        (["Pasaje Ana Belén Isern, 106, 41063 Sevilla"], "ES", "Pasaje Ana Belén Isern, 106", "Sevilla", "", "41063"),
        (["Ronda de Eva Esteban, 44, 2º A, Junto a la Iglesia", "08061 Barcelona"], "ES",
         "Ronda de Eva Esteban, 44, 2º A, Junto a la Iglesia", "Barcelona", "", "08061"),
        (["Cuesta de Esther Priego, 76", "29024 Málaga"], "ES", "Cuesta de Esther Priego, 76", "Málaga", "", "29024"),
        # Portuguese (Brazil): neighbourhood after the number; the town and state with a slash
        (["Sítio Raquel Brito, 82, Caiçara", "Belo Horizonte/MG", "CEP 30578-382"], "BR",
         "Sítio Raquel Brito, 82, Caiçara", "Belo Horizonte", "MG", "30578-382"),
        (["Feira de Costa, 83, Embaúbas", "Salvador/BA - CEP 40339-708"], "BR",
         "Feira de Costa, 83, Embaúbas", "Salvador", "BA", "40339-708"),
    ],
)
def test_a_street_with_its_number_as_a_comma_part_is_read(
    lines: list[str], region: str, street: str, city: str, state: str, code: str
) -> None:
    card = ["Marta Soler", "Directora Comercial", *lines, "marta@example.com"]
    contact = extract_contact(make_page(stacked(card)), Settings(region=region))
    assert len(contact.addresses) == 1
    found = contact.addresses[0]
    assert (found.street, found.city, found.region, found.postal_code) == (street, city, state, code)


@pytest.mark.parametrize(
    "text",
    ["Calidad y confianza desde 1985", "Atención al cliente, 24 horas", "Ventas, Marketing y Comunicación",
     "Fundada en 1985, Madrid"],
)
def test_a_line_without_a_house_number_part_is_no_street(text: str) -> None:
    assert not STREET_COMMA_NUMBER_RE.match(text)


@pytest.mark.parametrize(
    ("lines", "street", "city", "region", "code"),
    [
        # the postal code first, in brackets: the province follows it
        # (the road's name misread: only the province, after the code, marks the line)
        (["(07960) 서울 특별시 영등포구 MASAHE 510 (정자동, 6S)"], "MASAHE 510 (정자동, 6S)", "영등포구", "서울특별시",
         "07960"),
        # 우편번호 read as two words
        (["인천광역시 연수구 대학로 341", "(우동, 16층) 우편 번호 21119"],
         "대학로 341 (우동, 16층)", "연수구", "인천광역시", "21119"),
    ],
)
def test_a_korean_address_is_read_with_its_postal_code(
    lines: list[str], street: str, city: str, region: str, code: str
) -> None:
    card = ["김정희", "부장", *lines, "jeonghui@saesol.co.kr"]
    page = replace(make_page(stacked(card)), language="ko")
    contact = extract_contact(page, Settings(region="KR"))
    assert len(contact.addresses) == 1
    found = contact.addresses[0]
    assert (found.street, found.city, found.region, found.postal_code) == (street, city, region, code)


def test_the_next_line_of_an_address_under_a_box_drawn_too_tall_joins_its_block() -> None:
    """Tesseract draws some lines' boxes taller than their letters: the line under one starts inside it."""
    name = make_line("Marta Soler", 100, 100, 40)
    street = make_line("Pasaje Ana Belén Isern, 106", 100, 300, 24)
    tall = replace(street.words[-1], box=(*street.words[-1].box[:3], 350))  # the number read down to 350
    street = OcrLine.from_words([*street.words[:-1], tall])
    town = make_line("41063 Sevilla", 100, 330, 24)
    contact = extract_contact(OcrPage((name, street, town), 1800, 1000), Settings(region="ES"))
    assert [(a.street, a.city, a.postal_code) for a in contact.addresses] == [
        ("Pasaje Ana Belén Isern, 106", "Sevilla", "41063")
    ]


@pytest.mark.parametrize(("town", "region"), [("Rio de Janeiro", "BR"), ("Sevilla", "ES")])
def test_a_known_town_alone_under_the_street_ends_the_address_and_is_no_name(town: str, region: str) -> None:
    street = "Conjunto Barros, 177, Juliana, Próximo ao Hospital"
    lines = ["Auto Elétrica Costa", street, town, "Tel. 954 331 308"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 52})), Settings(region=region))
    assert contact.name is None
    assert [(a.street, a.city) for a in contact.addresses] == [(street, town)]
