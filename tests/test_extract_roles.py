"""The line-role model: its features table, its training targets, training it and reading with it,
and the cross-validation folds it is judged on. Made-up cards only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from capture.extract import extract_contact
from capture.extract.roles.align import line_roles, printed_roles
from capture.extract.roles.features import REASONS
from capture.extract.roles.model import MODEL_FILE, train
from capture.extract.roles.training import page_from_lines, page_sequence, sequences
from capture.ocr.result import OcrPage
from capture.settings import Settings
from tests.extractpages import make_page, stacked

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from crossval import folds


def label(**fields: object) -> dict:
    base: dict = {"id": "S/1", "region": "US", "name": None, "title": None, "department": None, "org": None,
                  "emails": [], "phones": [], "urls": [], "addresses": []}
    return {**base, **fields}


CARD = label(
    name="Ilse Kovac",
    title="Export Manager",
    org="Norvane Trading Ltd.",
    emails=["ilse.kovac@norvane.com"],
    addresses=[{"street": "88 Quarry Lane", "city": "Springfield", "region": "IL", "postal_code": "62704"}],
)
LINES = ["Norvane Trading Ltd.", "Ilse Kovac", "Export Manager", "88 Quarry Lane", "Springfield, IL 62704",
         "ilse.kovac@norvane.com"]


def test_each_word_gets_the_role_of_the_field_it_belongs_to() -> None:
    texts = ["Norvane Trading Ltd.", "Ilse Kovac Export Manager", "88 Quarry Lane", "Visit us today"]
    assert line_roles(texts, CARD) == [
        ["ORG", "ORG", "ORG"],
        ["NAME", "NAME", "TITLE", "TITLE"],
        ["ADDR", "ADDR", "ADDR"],
        ["O", "O", "O"],
    ]


PRINTED = [  # a generated card's printed lines with each word's role, as samples/generate.py labels them
    {"text": "Norvane Trading Ltd.", "role": "org",
     "tokens": [["Norvane", "org"], ["Trading", "org"], ["Ltd.", "org"]]},
    {"text": "Ilse Kovac", "role": "name", "tokens": [["Ilse", "name"], ["Kovac", "name"]]},
    {"text": "Export Manager", "role": "title", "tokens": [["Export", "title"], ["Manager", "title"]]},
    {"text": "Norvane: trading since 1990", "role": "slogan",
     "tokens": [["Norvane:", "slogan"], ["trading", "slogan"], ["since", "slogan"], ["1990", "slogan"]]},
    {"text": "88 Quarry Lane, Springfield", "role": "address",
     "tokens": [["88", "address"], ["Quarry", "address"], ["Lane,", "address"], ["Springfield", "address"]]},
]


@pytest.mark.parametrize(
    ("read", "roles"),
    [
        ("Norvane Trading Ltd.", ["ORG", "ORG", "ORG"]),
        ("Ilse Kovac Export Manager", ["NAME", "NAME", "TITLE", "TITLE"]),  # two printed lines read as one
        ("lIse Kovae", ["NAME", "NAME"]),  # misread letters
        ("Norvane: trading since 1990", ["O", "O", "O", "O"]),  # the company's word in the slogan is the slogan's
        ("88 Quarry Lane, Springfield", ["ADDR"] * 4),
        ("~~ %% Zq", ["O", "O", "O"]),  # debris of a logo or of the page around a photographed card
        ("Kovac Ilse", ["NAME", "NAME"]),
    ],
)
def test_a_read_word_takes_the_role_of_the_printed_word_it_was_read_from(read: str, roles: list[str]) -> None:
    assert printed_roles([read], PRINTED) == [roles]


def test_every_feature_has_its_reason() -> None:
    ((features, roles),) = sequences([([make_page(stacked(LINES, sizes={0: 60}))], CARD)])
    keys = {item.split("=", 1)[0] for token in features for item in token if item != "bias"}
    named = {key.split(".", 1)[1] if key.startswith(("prev.", "next.")) else key for key in keys}
    assert named <= set(REASONS) | {"none"}, named - set(REASONS)
    assert "NAME" in roles and "TITLE" in roles and "ORG" in roles


def test_a_page_is_built_from_a_generated_cards_printed_lines() -> None:
    lines = [
        {"text": "Ilse Kovac", "box": [100, 50, 400, 100]},
        {"text": "Export Manager", "box": [100, 120, 380, 150]},
    ]
    page = page_from_lines(lines, 1050, 600)
    assert isinstance(page, OcrPage) and [line.text for line in page.lines] == ["Ilse Kovac", "Export Manager"]
    words = page.lines[0].words
    assert words[0].box[0] == 100 and words[-1].box[2] <= 400 and words[0].box[2] < words[1].box[0]
    assert page_sequence(page, label(name="Ilse Kovac", title="Export Manager"), Settings()) is not None


def test_training_is_deterministic_and_the_model_reads_cards(tmp_path: Path) -> None:
    pages = []
    for index, (name, title) in enumerate([("Ilse Kovac", "Export Manager"), ("Tomas Reyes", "Sales Director"),
                                          ("Priya Raman", "Head of Research"), ("Kofi Mensah", "Chief Engineer")]):
        lines = [f"Firm {index} Holdings Ltd.", name, title, "88 Quarry Lane", "Springfield, IL 62704"]
        pages.append(([make_page(stacked(lines, sizes={0: 60}))], label(name=name, title=title,
                                                                          org=f"Firm {index} Holdings Ltd.")))
    data = sequences(pages)
    first = train(data, tmp_path / "a.crfsuite").read_bytes()
    assert first == train(data, tmp_path / "b.crfsuite").read_bytes()
    settings = Settings(line_roles="learned", roles_model=tmp_path / "a.crfsuite")
    contact = extract_contact(make_page(stacked(["Quill Works Ltd.", "Nora Whitfield", "Sales Director",
                                                 "41 Harbour Road", "Portland, OR 97201"], sizes={0: 60})), settings)
    assert contact.name is not None and contact.name.full == "Nora Whitfield"
    assert contact.title is not None and contact.title.value == "Sales Director"


def test_combined_roles_keep_the_rules_decisions_and_fill_what_they_leave_empty(tmp_path: Path) -> None:
    page = make_page(stacked(LINES, sizes={0: 60}))
    rules = extract_contact(page, Settings())
    combined = extract_contact(page, Settings(line_roles="combined"))
    assert rules.name is not None and combined.name == rules.name and combined.title == rules.title
    missing = Settings(line_roles="combined", roles_model=tmp_path / "none.crfsuite")
    assert extract_contact(page, missing) == rules  # no model file: the rules alone
    # titles no lexicon knows, under the name: the rules find none, a model trained on such cards does
    cards = []
    for index, (name, title) in enumerate([("Ilse Kovac", "Chief Wrangler"), ("Tomas Reyes", "Lead Tinkerer"),
                                          ("Priya Raman", "Head Gardener"), ("Kofi Mensah", "Master Brewer")]):
        lines = [f"Firm {index} Holdings Ltd.", name, title, "88 Quarry Lane", "Springfield, IL 62704"]
        cards.append(([make_page(stacked(lines, sizes={0: 60}))],
                      label(name=name, title=title, org=f"Firm {index} Holdings Ltd.")))
    model = train(sequences(cards), tmp_path / "titles.crfsuite")
    odd = make_page(stacked(["Quill Works Ltd.", "Nora Whitfield", "Grand Poobah", "41 Harbour Road",
                             "Portland, OR 97201"], sizes={0: 60}))
    assert extract_contact(odd, Settings()).title is None
    filled = extract_contact(odd, Settings(line_roles="combined", roles_model=model))
    assert filled.title is not None and filled.title.value == "Grand Poobah"
    assert filled.name is not None and filled.name.full == "Nora Whitfield"


def test_the_shipped_model_is_small_and_reads_a_card() -> None:
    assert MODEL_FILE.exists() and MODEL_FILE.stat().st_size < 200_000
    page = make_page(stacked(LINES, sizes={0: 60}))
    learned = extract_contact(page, Settings(line_roles="learned"))
    assert learned.name is not None and learned.name.full == "Ilse Kovac"


def test_unknown_line_roles_setting_is_refused() -> None:
    from capture.errors import SettingsError

    with pytest.raises(SettingsError, match="line roles"):
        Settings(line_roles="guess")  # type: ignore[arg-type]


def test_folds_keep_one_person_or_company_together_and_are_fixed() -> None:
    cards = [label(id=f"X/{i}", name=f"Person {i}", org=f"Company {i % 7}", emails=[f"p{i}@firm{i % 7}.com"])
             for i in range(30)]
    cards.append(label(id="X/twin", name="Person 3", org="Elsewhere"))  # the same person photographed again
    dealt = folds(cards)
    assert len(dealt) == 5 and sorted(card for fold in dealt for card in fold) == sorted(c["id"] for c in cards)
    fold_of = {card: n for n, fold in enumerate(dealt) for card in fold}
    assert fold_of["X/twin"] == fold_of["X/3"]
    assert len({fold_of[f"X/{i}"] for i in range(30) if i % 7 == 2}) == 1  # one company, one fold
    assert folds(cards) == dealt and max(map(len, dealt)) - min(map(len, dealt)) <= 5
