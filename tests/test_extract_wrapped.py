"""Error classes of the generated held-out cards in the Latin languages, on made-up layouts and on
generated cards' printed lines: a company name printed over two lines, a logo word over the full
name that repeats it, a role printed after the name that no lexicon knows, a slogan holding a
title word."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from capture.extract import extract_contact
from capture.extract.roles.training import page_from_lines
from capture.settings import Settings
from tests.extractpages import make_page, stacked

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("upper", "lower", "region", "org"),
    [
        ("Salão de Beleza", "Brito", "BR", "Salão de Beleza Brito"),
        ("Inmobiliaria", "Ibérica S.L.U.", "ES", "Inmobiliaria Ibérica S.L.U."),
        ("Fábrica del", "Mediterráneo S.C.P", "ES", "Fábrica del Mediterráneo S.C.P"),
        ("van Ginkel &", "Belpere", "NL", "van Ginkel Belpere"),  # (a line's trailing '&' is cleaned off as debris)
        ("Oficina Mecânica", "Cavalcante", "BR", "Oficina Mecânica Cavalcante"),
    ],
)
def test_a_company_name_over_two_lines_is_read_whole(upper: str, lower: str, region: str, org: str) -> None:
    lines = [upper, lower, "Marta Soler", "Directora Comercial", "Tel. +34 954 331 308", "marta@example.com"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 60, 1: 60}, gap=0.4)), Settings(region=region))
    assert contact.organization is not None and contact.organization.value == org


@pytest.mark.parametrize(
    ("lines", "org"),
    [
        # a slogan under the name, a line of services between: the name stays as printed
        (["Brightmoor Analytics", "Data you can trust", "Ruth Ellison", "Analyst"], "Brightmoor Analytics"),
        (["8º Tabelião de Notas da Capital", "Escrituras e Inventários", "Emancipação e Procurações",
          "Aguinaldo Righetti", "Escrevente Autorizado"], "8º Tabelião de Notas da Capital"),
    ],
)
def test_a_company_name_takes_no_slogan_or_far_line(lines: list[str], org: str) -> None:
    contact = extract_contact(make_page(stacked([*lines, "Tel. (11) 3381-4402"], sizes={0: 60})), Settings(region="BR"))
    assert contact.organization is not None and contact.organization.value == org


@pytest.mark.parametrize(
    ("logo", "full"),
    [("STICHTING", "Stichting Dircken"), ("SOUSA", "Sousa Ltda."), ("Silverfield", "Silverfield Robotics LLC")],
)
def test_a_logo_word_over_the_full_name_gives_the_full_name(logo: str, full: str) -> None:
    lines = [logo, full, "Nisa Emmen", "Commercieel directeur", "030 527 6164"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 90, 1: 50}, gap=0.3)), Settings(region="NL"))
    assert contact.organization is not None and contact.organization.value == full


@pytest.mark.parametrize(
    ("printed", "name", "title"),
    [
        ("Pierre Laurent, Interpreter", "Pierre Laurent", "Interpreter"),
        ("Megan Clark · Geochemist", "Megan Clark", "Geochemist"),
        ("Anna Berg | Politician's assistant", "Anna Berg", "Politician's assistant"),
    ],
)
def test_a_role_printed_after_the_name_is_the_title_in_any_words(printed: str, name: str, title: str) -> None:
    lines = ["Thomas & Leroy SAS", printed, "05.62.30.57.32", "pierre@thomasleroy.fr"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 60})), Settings(region="FR"))
    assert contact.name is not None and contact.name.full == name
    assert contact.title is not None and contact.title.value == title


def test_a_company_after_the_name_is_no_title() -> None:
    lines = ["Pierre Laurent, Brightwater Holdings Ltd.", "05.62.30.57.32", "pierre@brightwater.fr"]
    contact = extract_contact(make_page(stacked(lines)), Settings(region="FR"))
    assert contact.title is None


@pytest.mark.parametrize(
    ("slogan", "title"),
    [("Your partner in growth", "Project Manager"), ("Uw partner in techniek", "Teamleider")],
)
def test_a_slogan_with_a_title_word_gives_way_to_the_title(slogan: str, title: str) -> None:
    lines = ["BENNETT SYSTEMS LIMITED", slogan, "Ryan J. Wright", title, "+44 20 7758 7045"]
    contact = extract_contact(make_page(stacked(lines, sizes={0: 60})), Settings(region="GB"))
    assert contact.title is not None and contact.title.value == title


GENERATED = 160  # generated cards in the Latin languages the held-out set found weakest
SEED = 6262  # not the held-out set's seed (913)


@pytest.mark.slow  # renders the cards
def test_generated_cards_company_and_title() -> None:
    """On cards the generator prints (their printed lines, no OCR), the company is printed exactly
    on at least 3 cards in 4 (121 of 153 with these rules, 106 before) and the title on 85 % (106
    of 119)."""
    sys.path.insert(0, str(ROOT))
    from samples.generate import make_cards

    org_right = org_all = title_right = title_all = 0
    for made in make_cards(GENERATED, SEED, langs=["en", "pt", "es", "nl"]):
        label = made.label
        lines = [line for line in label["lines"] if not line.get("vertical")]
        contact = extract_contact(page_from_lines(lines, *made.image.size), Settings(region=label["region"]))
        if label["org"]:
            org_all += 1
            org = contact.organization.value if contact.organization else ""
            org_right += org.split(";")[0].casefold() in {label["org"].casefold(), *map(str.casefold, label["org_alt"])}
        if label["title"]:
            title_all += 1
            title_right += bool(contact.title) and contact.title.value.casefold() == label["title"].casefold()
    assert org_right >= 0.75 * org_all, json.dumps([org_right, org_all])
    assert title_right >= 0.85 * title_all, json.dumps([title_right, title_all])
