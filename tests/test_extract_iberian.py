"""Error classes of generated held-out cards in Portuguese and Spanish (and English): a street
named after a person or a place whose number stands as a comma part of its own, with the
neighbourhood, floor, landmark or town after it; a Brazilian town and state set apart by a slash;
a town whose name starts with an accented letter after its postal code."""

from __future__ import annotations

import pytest

from capture.extract import extract_contact
from capture.extract.addresses import STREET_COMMA_NUMBER_RE
from capture.settings import Settings
from tests.extractpages import make_page, stacked


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
