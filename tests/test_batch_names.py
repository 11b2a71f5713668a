"""Batch output names never collide: one per source file and card, never the batch's own files,
kept across reruns (a rerun resumes, never renames or duplicates)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import vobject
from cardimages import draw_card, save_card
from hypothesis import given, settings
from hypothesis import strategies as st

from capture.batch import run_batch
from capture.outnames import RESERVED, Claim, base_of, plan_names
from capture.settings import Settings

SETTINGS = Settings(region="US", engine="tesseract")


def names_of(*files: str, kept: tuple[str, ...] = ()) -> dict[str, str]:
    return plan_names([Claim(file) for file in files], kept)


@pytest.mark.parametrize(
    ("files", "kept", "expected"),
    [
        (("card.jpg", "card.png"), (), {"card.jpg": "card", "card.png": "card_png"}),
        (("pair.tif", "pair-2.jpg"), (), {"pair.tif": "pair", "pair-2.jpg": "pair-2_jpg"}),
        (("pair-12.jpg", "pair.jpg"), (), {"pair.jpg": "pair", "pair-12.jpg": "pair-12_jpg"}),
        (("pair-02.jpg", "pair.jpg"), (), {"pair.jpg": "pair", "pair-02.jpg": "pair-02"}),  # cards are never -02
        (("contacts.jpg", "report.PNG", "Contacts.tif"), (),
         {"contacts.jpg": "contacts_jpg", "report.PNG": "report_png", "Contacts.tif": "Contacts_tif"}),
        (("b/card.jpg", "a/card.jpg", "card.jpg"), (),
         {"card.jpg": "card", "a/card.jpg": "a__card", "b/card.jpg": "b__card"}),
        (("b/card.jpg", "a/card.jpg"), (), {"a/card.jpg": "card", "b/card.jpg": "b__card"}),
        (("Card.jpg", "card.jpg"), (), {"Card.jpg": "Card", "card.jpg": "card_jpg"}),  # one file on macOS
        (("card.jpg", "card.png", "card_png.jpg"), (),
         {"card.jpg": "card", "card.png": "card_png", "card_png.jpg": "card_png_jpg"}),
        (("card.jpg", "card.jpeg", "card_jpg.png", "card_jpg.tif"), (),
         {"card.jpeg": "card", "card.jpg": "card_jpg", "card_jpg.png": "card_jpg_png", "card_jpg.tif": "card_jpg_tif"}),
        (("x/card.png", "x__card.png", "card.jpg", "card.png"), (),
         {"card.jpg": "card", "card.png": "card_png", "x__card.png": "x__card", "x/card.png": "x__card_png"}),
        (("card.jpg",), ("card",), {"card.jpg": "card_jpg"}),  # an earlier run's card keeps its name
        (("pair.jpg",), ("pair-3",), {"pair.jpg": "pair_jpg"}),
        (("pair-1.jpg",), ("pair",), {"pair-1.jpg": "pair-1_jpg"}),
    ],
)
def test_each_image_gets_a_base_no_other_clashes_with(
    files: tuple[str, ...], kept: tuple[str, ...], expected: dict[str, str]
) -> None:
    assert names_of(*files, kept=kept) == expected


def test_names_earlier_runs_gave_are_kept_unless_they_clash() -> None:
    claims = [
        Claim("new.jpg"),
        Claim("card.png", earlier="card", done=True),  # written by a cardcap that let names collide
        Claim("card.jpg", earlier="card", done=True),
        Claim("renamed.jpg", earlier="original", done=True),
        Claim("lost.jpg", earlier="lost-output"),  # its outputs were deleted: read again under its name
        Claim("contacts.jpg", earlier="contacts", done=True),
    ]
    assert plan_names(claims) == {
        "card.jpg": "card",
        "card.png": "card_png",
        "renamed.jpg": "original",
        "contacts.jpg": "contacts_jpg",
        "lost.jpg": "lost-output",
        "new.jpg": "new",
    }


def test_the_base_of_an_earlier_run_comes_from_its_outputs() -> None:
    assert base_of(["card"]) == "card"
    assert base_of(["pair-1", "pair-2"]) == "pair"
    assert base_of(["pair-2"]) == "pair-2"
    assert base_of([]) is None


SEGMENT = st.sampled_from(["card", "Card", "pair", "pair-2", "pair-1", "contacts", "report", "a__card", "card_png",
                           "card_png_2", "x-1-2", "x-1", "x"])  # fmt: skip
FILE = st.tuples(st.lists(st.sampled_from(["a", "A", "b"]), max_size=2), SEGMENT,
                 st.sampled_from([".jpg", ".png", ".PNG", ".tif"]))  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(files=st.lists(FILE, max_size=12), counts=st.lists(st.integers(1, 3), min_size=12, max_size=12),
       kept=st.lists(SEGMENT, max_size=3))  # fmt: skip
def test_no_two_cards_ever_share_a_file_name(
    files: list[tuple[list[str], str, str]], counts: list[int], kept: list[str]
) -> None:
    """Whatever the folder holds and however many cards each image turns out to hold."""
    paths = sorted({"/".join([*dirs, stem + suffix]) for dirs, stem, suffix in files})
    names = plan_names([Claim(path) for path in paths], kept)
    cards = [base if count == 1 else f"{base}-{n}" for path, count in zip(paths, counts, strict=False)
             for base in [names[path]] for n in range(1, count + 1)]  # fmt: skip
    earlier = [name for base in kept for name in (base, *(f"{base}-{n}" for n in range(1, 4)))]
    folded = [name.casefold() for name in cards]
    assert len(set(folded)) == len(folded)
    assert not set(folded) & (RESERVED | {name.casefold() for name in earlier})


# ---- through a real batch -----------------------------------------------------------------------------


def person_card(name: str, email: str) -> list[tuple[str, int]]:
    return [(name, 52), ("Sales Director", 32), (email, 30), ("Tel 212 555 0187", 30)]


PEOPLE = {
    "card.jpg": ("Jane Example", "jane@example.com"),
    "card.png": ("John Sample", "john@sample.org"),
    "contacts.png": ("Maria Garcia", "maria@garcia.example"),
    "pair-2.png": ("Peter Jones", "peter@jones.example"),
    "sub/card.png": ("Lucy Brown", "lucy@brown.example"),
}
PAIR = (("Anna Smith", "anna@smith.example"), ("Oscar Wilde", "oscar@wilde.example"))


@pytest.fixture
def colliding(tmp_path: Path) -> Path:
    """Images whose stems collide: two types, a subfolder, the combined file's name, and
    `pair-2.png` beside a `pair.tif` holding two cards (one per page)."""
    folder = tmp_path / "cards"
    (folder / "sub").mkdir(parents=True)
    for file, (name, email) in PEOPLE.items():
        save_card(folder / file, person_card(name, email))
    first, second = (draw_card(person_card(name, email)) for name, email in PAIR)
    first.save(folder / "pair.tif", save_all=True, append_images=[second])
    return folder


def emails_in(vcf: Path) -> list[str]:
    return sorted(str(card.email.value) for card in vobject.readComponents(vcf.read_text(encoding="utf-8")))


@pytest.mark.slow
def test_colliding_stems_each_keep_their_cards_and_a_rerun_renames_nothing(colliding: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = run_batch(colliding, out, SETTINGS, workers=2)
    everyone = sorted(email for _name, email in [*PEOPLE.values(), *PAIR])
    assert (summary.cards, summary.failed) == (7, 0)
    outputs = {item.file: item.outputs for item in summary.items}
    assert outputs == {
        "card.jpg": ("card",),
        "card.png": ("card_png",),
        "contacts.png": ("contacts_png",),
        "pair.tif": ("pair-1", "pair-2"),
        "pair-2.png": ("pair-2_png",),
        "sub/card.png": ("sub__card",),
    }
    for file, (_name, email) in PEOPLE.items():
        [name] = outputs[file]
        assert emails_in(out / f"{name}.vcf") == [email]
    assert emails_in(out / "pair-2.vcf") == [PAIR[1][1]]
    assert emails_in(out / "contacts.vcf") == everyone  # every card once, the combined file whole
    with (out / "report.csv").open() as handle:
        assert sorted(row["file"] for row in csv.DictReader(handle)) == sorted([*outputs, "pair.tif"])
    written = {path.name: path.stat().st_mtime_ns for path in [*out.glob("[!.]*.vcf"), *out.glob("[!.]*.json")]}

    save_card(colliding / "sub" / "pair.png", person_card("Nina Simone", "nina@simone.example"))
    again = run_batch(colliding, out, SETTINGS, workers=2)
    statuses = {item.file: item.status for item in again.items}
    assert statuses == {**{file: "skipped" for file in outputs}, "sub/pair.png": "ok"}
    assert {item.file: item.outputs for item in again.items}["sub/pair.png"] == ("sub__pair",)
    for name, stamp in written.items():
        if name != "contacts.vcf":
            assert (out / name).stat().st_mtime_ns == stamp, name  # nothing renamed or written again
    assert emails_in(out / "contacts.vcf") == sorted([*everyone, "nina@simone.example"])
    assert sorted(p.stem for p in out.glob("[!.]*.vcf")) == sorted([*(n for o in outputs.values() for n in o),
                                                                 "sub__pair", "contacts"])  # fmt: skip
