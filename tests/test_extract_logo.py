"""Company names printed as logos: fragments rejoined, handles spelled by the card's words, acronyms
expanded. All texts are made up."""

from __future__ import annotations

import pytest

from capture.extract import extract_contact
from capture.extract.lines import CardLine
from capture.extract.logo import (
    agreed_handle,
    closest_word,
    cover_handle,
    logo_fragments,
    long_form,
    tail_from_handle,
)
from capture.extract.organization import VOCABULARY, pick_organization, spelled_out
from capture.settings import Settings
from tests.extractpages import make_page


def line(text: str, box: tuple[int, int, int, int], size: float, index: int = 0) -> CardLine:
    return CardLine(text, box, size, 0.95, index=index)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("nfrrmática", "informática"),  # junk letters in a logo word
        ("Sollutons", "solutions"),
        ("Saulo", None),  # too short to say
        ("Carvalho", None),  # a real word that is no business word
        ("T3chnology", None),  # digits: not a word read with junk
    ],
)
def test_closest_business_word(word: str, expected: str | None) -> None:
    assert closest_word(word, VOCABULARY) == expected


@pytest.mark.parametrize(
    ("acronym", "lines", "expected"),
    [
        ("QRT", ["QUILL RIVER TRADING", "Sales Office"], "QUILL RIVER TRADING"),
        ("BPL", ["Blue Pine Logistics Ltd.", "Tokyo"], "Blue Pine Logistics Ltd."),  # legal form skipped
        ("MAV", ["Mesa de Agua Viva"], "Mesa de Agua Viva"),  # connector skipped
        ("QRT", ["Quill River", "Trading"], None),  # not on one line
        ("Bakery", ["Best Apple Kitchen"], None),  # not an acronym
        ("QRT", ["Quick Response Team Leader Now"], None),  # more words than letters: not that name
    ],
)
def test_long_form_of_an_acronym(acronym: str, lines: list[str], expected: str | None) -> None:
    candidates = [(line(text, (0, 40 * i, 400, 40 * i + 30), 30, i), text) for i, text in enumerate(lines)]
    found = long_form(acronym, candidates, {"ltd", "inc"})
    assert (found[1] if found else None) == expected


@pytest.mark.parametrize(
    ("handle", "words", "expected"),
    [
        ("casasaojorge", ["Casa", "Sao", "Jorge"], "Casa Sao Jorge"),
        ("padariansluz", ["Padaria", "Nossa", "Senhora", "da", "Luz"], "Padaria Nossa Senhora da Luz"),
        ("verdecampo", ["Tel", "Verde", "Campo", "Foods"], "Verde Campo"),
        ("verde", ["Verde", "Campo"], None),  # one word alone proves nothing new
        ("jsmithlaw", ["John", "Smith", "Law"], None),  # the run must start with a word in full
        ("bluefin", ["Blue", "Fish"], None),  # not spelled exactly
    ],
)
def test_card_words_that_spell_a_handle(handle: str, words: list[str], expected: str | None) -> None:
    covering = cover_handle(handle, list(enumerate(words)))
    assert (covering.text if covering else None) == expected


@pytest.mark.parametrize(
    ("handles", "expected"),
    [
        (["ventonorte", "ventonorteclimatizacao"], "ventonorte"),  # mailbox = head of the web domain
        (["ventonorte", "ventonorte"], None),  # the same name twice is no second opinion
        (["acme", "acmetools"], None),  # too short
        (["ventonorte", "solnascente"], None),
    ],
)
def test_handles_agreeing_on_a_name(handles: list[str], expected: str | None) -> None:
    assert agreed_handle(handles) == expected


@pytest.mark.parametrize(
    ("text", "handle", "expected"),
    [
        ("Xthegreen", "greenhouse", "Xthegreen House"),  # the logo read stops inside the handle
        ("Green", "greenhouse", None),  # the whole text heads the handle: the rest is a descriptor
        ("Oakwood", "woodcraft", "Oakwood Craft"),
        ("Oakelm", "elmcraft", None),  # an overlap of three letters is chance
    ],
)
def test_tail_from_a_handle(text: str, handle: str, expected: str | None) -> None:
    assert tail_from_handle(text, handle) == expected


@pytest.mark.parametrize(
    ("text", "handles", "expected"),
    [
        ("RESTAURANTE", ["bellapastarestaurante"], "Bellapasta"),  # only the kind of business was read
        ("Forneria", ["bellaforneria"], "Bella Forneria"),
        # a junk-read end of a handle: the handle spells the name
        ("Vemnaoquer", ["soumquemnaoquer"], "Soumquemnaoquer"),
        ("Vemnaoquer", ["quemnaoquerloja"], "Vemnaoquer"),  # not the handle's end
        ("Bolas", ["casadebolos"], "Bolas"),  # too short a match to say
    ],
)
def test_handle_spells_what_the_logo_misses(text: str, handles: list[str], expected: str) -> None:
    assert spelled_out(text, handles) == expected


def test_logo_fragments_beside_and_under() -> None:
    body = [line(f"body {i}", (0, 600 + 40 * i, 400, 630 + 40 * i), 30, 10 + i) for i in range(5)]
    best = line("Vento Nuevo Tech", (300, 80, 600, 220), 140, 1)
    beside = line("Norte", (40, 90, 280, 215), 125, 0)
    under = line("limatizacao", (320, 200, 600, 260), 60, 2)
    far = line("Brand", (1200, 80, 1500, 220), 140, 3)  # same row but far away: another logo
    monogram = line("VNT", (620, 80, 800, 220), 140, 4)  # the initials of a name beside it
    found = logo_fragments(best, [(x, x.text) for x in [best, beside, under, far, monogram, *body]], 30)
    assert [text for _, text in found] == ["Norte", "limatizacao"]


def test_org_from_stacked_logo_pieces_and_handle_covering_the_name_line() -> None:
    logo_a = line("Vento", (40, 80, 300, 220), 140, 0)
    logo_b = line("Norte", (320, 80, 600, 220), 140, 1)
    lower = line("Sul de Minas", (40, 240, 600, 300), 55, 2)
    org, used = pick_organization(
        [(logo_a, logo_a.text), (logo_b, logo_b.text)],
        ["provider.com"],
        threshold=0.2,
        handles=[],
        extra=[(lower, lower.text)],
        cover_handles=["ventonortesminas"],
    )
    assert org is not None and org.text == "Vento Norte Sul de Minas"
    assert 2 in used  # the line taken as a person is part of the company


def test_person_mailbox_does_not_make_the_name_a_company() -> None:
    person = line("Ana Prado", (40, 80, 400, 130), 50, 0)
    company = line("Prado Consulting Ltd.", (40, 200, 600, 240), 35, 1)
    org, used = pick_organization(
        [(company, company.text)],
        ["gmail.com"],
        handles=[],
        extra=[(person, person.text)],
        cover_handles=["anaprado"],
    )
    assert org is not None and org.text == "Prado Consulting Ltd." and 0 not in used


def test_shop_card_keeps_no_person_when_its_name_spells_the_handle() -> None:
    page = make_page(
        [
            ("Flora", 100, 60, 120),
            ("Bela", 520, 60, 130),
            ("Vista Alegre", 100, 220, 55),
            ("Tel: (11) 3456-7890", 100, 330, 35),
            ("florabvalegre@hotmail.com", 100, 390, 35),
        ]
    )
    contact = extract_contact(page, Settings(region="BR"))
    assert contact.organization is not None and contact.organization.value == "Flora Bela Vista Alegre"
    assert contact.name is None
