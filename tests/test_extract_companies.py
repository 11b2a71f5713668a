"""Company error classes of generated held-out cards in English, Portuguese and Spanish: a shop's
logo word over its full name set further apart than a wrapped name's lines, a name wrapped after a
joining word onto a line in smaller type, a department named by business functions only taken
for the company, a courtesy title (Lic., Arq.) that left the name unread and, on cards that print
no company, a social handle, the country of the address or a slogan written as a sentence taken
for one."""

from __future__ import annotations

import pytest

from capture.extract import extract_contact
from capture.settings import Settings
from tests.extractpages import make_page, stacked


@pytest.mark.parametrize(
    ("logo", "full", "region"),
    [("ALICANTE", "Panadería Alicante", "ES"), ("Navarra", "Panadería Navarra", "ES"), ("MOTA", "Padaria Mota", "BR")],
)
def test_a_logo_word_over_the_full_name_further_apart_gives_the_full_name(logo: str, full: str, region: str) -> None:
    lines = [logo, full, "Tel. 954 331 308", "hola@example.com"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 76, 1: 40}, gap=0.58)), Settings(region=region))
    assert contact.organization is not None and contact.organization.value == full


@pytest.mark.parametrize(
    "person", [["Ana Moura", "Gerente de Vendas"], []], ids=["with a person", "a shop's card"]
)
def test_a_name_wrapped_after_a_joining_word_runs_on_in_smaller_type(person: list[str]) -> None:
    """(On a shop's card the first line is no person either: 'do' is a particle, not the degree DO.)"""
    lines = ["Ótica Albuquerque do", "Sul", *person, "Tel. (21) 3381-4402", "contato@example.com"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 77, 1: 46}, gap=0.5)), Settings(region="BR"))
    assert contact.organization is not None and contact.organization.value == "Ótica Albuquerque do Sul"
    assert (contact.name.full if contact.name else "") == " ".join(person[:1])


@pytest.mark.parametrize("line", ["Facebook: @nascimento", "Instagram @camargo", "España", "Brasil"])
def test_a_handle_or_a_country_is_no_company(line: str) -> None:
    lines = ["Ana Moura", "Gerente de Vendas", line, "Tel. (21) 3381-4402", "ana.moura@gmail.com"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 50})), Settings(region="BR"))
    assert contact.organization is None


@pytest.mark.parametrize(
    "unit", ["Sales & Marketing", "Finance and Operations", "Ventas y Compras", "Vendas / Marketing"]
)
def test_a_line_of_business_functions_under_the_title_is_a_department(unit: str) -> None:
    lines = ["Pioneer Architects", "LLC", "Claire R. Taylor", "Agricultural engineer", unit, "+1 206-789-7354"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 38, 1: 27, 2: 55})), Settings(region="US"))
    assert contact.organization is not None and contact.organization.value == "Pioneer Architects LLC"
    assert contact.department is not None and contact.department.value == unit


@pytest.mark.parametrize(
    ("printed", "given", "family"),
    [("Lic. Nilda Vilaplana", "Nilda", "Vilaplana"), ("Arq. Tomás Ruiz", "Tomás", "Ruiz")],
)
def test_a_spanish_courtesy_title_before_the_name_is_its_prefix(printed: str, given: str, family: str) -> None:
    lines = ["Peiró Consultoría S.Coop.", printed, "Asesora Financiera", "Tel. 954 331 308"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 49, 1: 48})), Settings(region="ES"))
    assert contact.name is not None and (contact.name.given, contact.name.family) == (given, family)
    assert contact.organization is not None and contact.organization.value == "Peiró Consultoría S.Coop."


@pytest.mark.parametrize(
    "slogan", ["Engineering the future", "Quality you can trust", "Calidad y confianza desde siempre"]
)
def test_a_slogan_written_as_a_sentence_is_no_company_on_a_card_without_one(slogan: str) -> None:
    lines = [slogan, "Claire R. Taylor", "Agricultural engineer", "+1 206-789-7354", "claire.taylor@gmail.com"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 40, 1: 55})), Settings(region="US"))
    assert contact.name is not None and contact.organization is None


@pytest.mark.parametrize("company", ["Engineering for Life", "Escritório de Advocacia Lima", "Banco do Brasil"])
def test_a_company_name_in_title_case_is_kept(company: str) -> None:
    lines = [company, "Claire R. Taylor", "Agricultural engineer", "+1 206-789-7354", "claire.taylor@gmail.com"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 40, 1: 55})), Settings(region="US"))
    assert contact.organization is not None and contact.organization.value == company
