"""Name and title error classes of generated held-out cards in English, Portuguese and Spanish:
the name and the role printed on one line and read as one (no separator OCR keeps), and a role
no lexicon knows standing alone on its line under the name."""

from __future__ import annotations

from dataclasses import replace

import pytest

from capture.extract import extract_contact
from capture.settings import Settings
from tests.extractpages import make_page, stacked


@pytest.mark.parametrize(
    ("company", "printed", "region", "name", "title"),
    [
        ("Consultoria Cassiano", "JOSÉ SIQUEIRA LOPES Sócio-Diretor", "BR", "José Siqueira Lopes", "Sócio-Diretor"),
        ("Inoue Media Co., Ltd.", "Ryo Kobayashi Chief Technology Officer", "JP", "Ryo Kobayashi",
         "Chief Technology Officer"),
        ("Peiró Consultoría S.Coop.", "Nilda Vilaplana - Jefa de Compras", "ES", "Nilda Vilaplana", "Jefa de Compras"),
        # after a comma, a role no lexicon holds (an agent noun: Ajustador)
        ("Lopes Ferramentas Ltda.", "Cecilia Gomes, Ajustador mecânico", "BR", "Cecilia Gomes", "Ajustador mecânico"),
    ],
)
def test_a_name_and_role_read_as_one_line_are_split(
    company: str, printed: str, region: str, name: str, title: str
) -> None:
    lines = [company, printed, "+55 11 3381-4402", "contato@example.com"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 60})), Settings(region=region))
    assert contact.name is not None and contact.name.full == name
    assert contact.title is not None and contact.title.value.casefold() == title.casefold()
    assert contact.organization is not None and contact.organization.value == company


@pytest.mark.parametrize(
    "printed",
    ["Marketing Director", "Senior Vice President, Global Operations", "Head of Sales Europe"],
)
def test_a_role_alone_is_not_split_into_a_name(printed: str) -> None:
    lines = ["Brightmoor Analytics", "Ruth Ellison", printed, "+44 20 7758 7045"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 60})), Settings(region="GB"))
    assert contact.name is not None and contact.name.full == "Ruth Ellison"
    assert contact.title is not None and contact.title.value == printed


@pytest.mark.parametrize(
    ("company", "name", "role", "region"),
    [
        ("Smith & Campbell Pty Ltd", "Matthew Smith", "Oceanographer", "AU"),
        ("Lumen Labs Corp.", "Jason Walker", "Clinical biochemist", "US"),
        ("Summitpath Software Limited", "Thomas Cooper", "Futures trader", "GB"),
        ("Godoy y Guerra S.Coop.", "María Manuela Mesa", "Operador de máquinas lavarropas", "ES"),
        ("Amor Iborra S.L.U.", "Nerea Abril", "Antropólogo", "ES"),
        ("Novais Comércio Ltda.", "Pedro Pinto", "Redator de textos técnicos", "BR"),
    ],
)
def test_a_role_no_lexicon_holds_under_the_name_is_the_title(company: str, name: str, role: str, region: str) -> None:
    lines = [company, name, role, "+34 954 331 308", "contact@example.com"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 60, 1: 44})), Settings(region=region))
    assert contact.name is not None and contact.name.full == name
    assert contact.title is not None and contact.title.value == role


@pytest.mark.parametrize(
    "under",
    ["Su socio de confianza", "Your partner in growth", "Research and Development", "Cedar Media",
     "Quality you can trust"],
)
def test_a_slogan_unit_or_company_under_the_name_is_no_title(under: str) -> None:
    lines = ["Brightmoor Analytics", "Ruth Ellison", under, "+44 20 7758 7045"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 60, 1: 44})), Settings(region="GB"))
    assert contact.title is None


@pytest.mark.parametrize(
    ("lines", "title", "org"),
    [
        # 선임연구원 read as two words: a senior researcher, not an institute (연구원) nor a department 선임
        (["주식회사디지털전자", "김정희", "선임 연구원"], "선임연구원", "주식회사디지털전자"),
        (["한국디자인 주식회사", "전략 기획실", "선임 연구원", "김정희"], "선임연구원", "한국디자인 주식회사"),
        # an institute stays a company
        (["미래기술연구원", "김정희", "부장"], "부장", "미래기술연구원"),
    ],
)
def test_a_korean_title_read_as_two_words_is_one_title(lines: list[str], title: str, org: str) -> None:
    page = replace(make_page(stacked(lines, sizes={0: 50})), language="ko")
    contact = extract_contact(page, Settings(region="KR"))
    assert contact.title is not None and contact.title.value.replace(" ", "") == title
    assert contact.organization is not None and contact.organization.value == org


@pytest.mark.parametrize("mode", ["learned", "combined"])
def test_a_split_name_and_role_line_keeps_the_line_role_models_reading(mode: str) -> None:
    """The line-role model read the line whole: its two parts are each read with it (no part unknown to it)."""
    lines = ["Consultoria Cassiano", "JOSÉ SIQUEIRA LOPES Sócio-Diretor", "+55 11 3381-4402"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 60})), Settings(region="BR", line_roles=mode))
    assert contact.organization is not None and contact.organization.value.startswith("Consultoria Cassiano")
