"""Finding and flattening cards, without OCR: corners on generated phone photos, several cards on one
scan, the fall-backs when no outline is visible, and no outline cut through the print of a card
that fills the frame."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest

from capture.load import LoadedImage
from capture.preprocess import prepare_cards
from capture.preprocess.enhance import normalize
from capture.preprocess.geometry import MAX_CUT_LETTERS, LetterBlobs, card_size, find_cards, order_corners, warp_card
from capture.preprocess.layout import analyse
from capture.settings import Settings
from samples.cardgen.sets import build, plan
from samples.generate import photograph, random_card, render_card


def to_bgr(image: object) -> np.ndarray:
    return np.asarray(image)[:, :, ::-1].copy()


def corner_error(found: np.ndarray, truth: list[tuple[float, float]]) -> float:
    """Largest corner distance, whichever corner the finder calls first (it names corners as they
    appear in the image; the generator names them in the card's upright order)."""
    expected = np.array(truth, np.float32)
    return min(float(np.linalg.norm(np.roll(found, k, axis=0) - expected, axis=1).max()) for k in range(4))


def loaded(image: np.ndarray, name: str = "card.jpg") -> LoadedImage:
    return LoadedImage(name, "0" * 64, image, (image.shape[1], image.shape[0]))


@pytest.mark.slow  # 12 photographs rendered and searched
@pytest.mark.parametrize("seed", [11, 12, 13])
@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_card_corners_are_found_within_a_few_pixels(seed: int, rotation: int) -> None:
    rng = random.Random(seed)
    card = render_card(random_card(rng, dark=seed == 13), rng)
    photo, corners = photograph(card, random.Random(seed * 7 + rotation), rotation=rotation)
    quads = find_cards(to_bgr(photo))
    assert len(quads) == 1
    assert corner_error(quads[0].corners, corners) <= 6.0  # photos are 2000x1500


def test_flattened_card_has_a_card_shape() -> None:
    rng = random.Random(5)
    card = render_card(random_card(rng), rng)
    photo, _ = photograph(card, random.Random(6), rotation=0)
    quad = find_cards(to_bgr(photo))[0]
    flat = warp_card(to_bgr(photo), quad.corners)
    height, width = flat.shape[:2]
    assert 1.5 <= width / height <= 1.85
    assert (width, height) == card_size(quad.corners)


def test_order_corners_starts_top_left_and_runs_clockwise() -> None:
    shuffled = np.array([[90, 60], [10, 10], [10, 60], [90, 10]], np.float32)
    assert order_corners(shuffled).tolist() == [[10, 10], [90, 10], [90, 60], [10, 60]]


def lid_sheet(count: int, seed: int) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Cards laid on a flatbed scanner with a grey lid, in a 2-column grid."""
    rng = random.Random(seed)
    page = np.full((1700, 2600, 3), (72, 70, 68), np.uint8)
    origins = []
    for k in range(count):
        card = to_bgr(render_card(random_card(rng), rng))
        card = cv2.resize(card, (1000, int(1000 * card.shape[0] / card.shape[1])), interpolation=cv2.INTER_AREA)
        x, y = 110 + (k % 2) * 1250, 120 + (k // 2) * 800
        page[y : y + card.shape[0], x : x + card.shape[1]] = card
        origins.append((x, y))
    return page, origins


@pytest.mark.slow  # scans of several cards rendered
@pytest.mark.parametrize("count", [2, 3, 4])
def test_several_cards_on_one_scan_become_one_card_each(count: int) -> None:
    page, origins = lid_sheet(count, seed=count)
    cards = prepare_cards(loaded(page, "sheet.jpg"), Settings())
    assert len(cards) == count
    assert [(c.index, c.count) for c in cards] == [(k + 1, count) for k in range(count)]
    quads = find_cards(page)
    # reading order: the found top-left corners match the cards laid left-to-right, top-to-bottom
    for quad, (x, y) in zip(quads, origins, strict=True):
        assert np.linalg.norm(quad.corners[0] - np.array([x, y])) <= 6


def test_split_cards_off_keeps_one_card() -> None:
    page, _ = lid_sheet(3, seed=9)
    assert len(prepare_cards(loaded(page), Settings(split_cards=False))) == 1


def test_card_filling_the_frame_is_kept_whole() -> None:
    rng = random.Random(21)
    flat = to_bgr(render_card(random_card(rng), rng))  # a flatbed scan cropped to the card
    cards = prepare_cards(loaded(flat), Settings())
    assert len(cards) == 1
    height, width = cards[0].color.shape[:2]
    assert width / height == pytest.approx(flat.shape[1] / flat.shape[0], rel=0.1)


def test_borderless_card_on_white_is_cropped_to_its_text() -> None:
    rng = random.Random(25)
    card = to_bgr(render_card(random_card(rng, dark=False), rng))
    # a portrait page, the card in its middle: a crop to the text turns the image landscape
    page = np.full((card.shape[0] * 4, card.shape[1] * 2, 3), 255, np.uint8)
    top, left = int(card.shape[0] * 1.5), card.shape[1] // 2
    page[top : top + card.shape[0], left : left + card.shape[1]] = card
    assert page.shape[1] / page.shape[0] < 1.0
    assert analyse(normalize(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY))).box is not None
    cards = prepare_cards(loaded(page), Settings())
    assert len(cards) == 1
    height, width = cards[0].color.shape[:2]
    assert width / height > 1.2


def test_a_tiny_dark_image_gives_no_outline_instead_of_a_crash() -> None:
    # found by tests/test_fuzz.py: the outline round one bright pixel refined to nothing
    image = np.zeros((15, 29, 3), np.uint8)
    image[10, 26] = 96
    assert find_cards(image, several=True) == []
    assert len(prepare_cards(loaded(image), Settings())) == 1


# Flat full-bleed renderings (the image is the card, no background) on which an outline round a
# portrait photo or a text column used to be taken for the card's edge, cutting the card to a
# fragment: (layout, seed, index in `plan`).
FULL_BLEED_FRAGMENTS = [
    ("photo", 500, 10),
    ("photo", 500, 32),
    ("photo", 500, 33),
    ("two_column", 500, 9),
]


@pytest.mark.parametrize(("layout", "seed", "index"), FULL_BLEED_FRAGMENTS)
def test_full_bleed_card_is_not_cut_to_a_photo_or_text_block(layout: str, seed: int, index: int) -> None:
    item = plan(index + 1, False, layouts=[layout])[index]
    card = to_bgr(build(seed, item).image.convert("RGB"))
    assert find_cards(card) == []  # no outline: the frame is the card
    # with no outline the card is cropped to its text: most of the frame, not a quarter of it
    prepared = prepare_cards(loaded(card), Settings())[0].color
    scale = max(card.shape[:2]) / max(prepared.shape[:2])
    assert prepared.shape[0] * prepared.shape[1] * scale**2 >= 0.5 * card.shape[0] * card.shape[1]


def text_block(size: tuple[int, int] = (480, 640)) -> np.ndarray:
    """A white page with six lines of dark text in its middle (rows 160-335, columns 120-365)."""
    page = np.full((*size, 3), 255, np.uint8)
    for row in range(6):
        cv2.putText(page, "Lorem ipsum dolor 42", (120, 180 + 30 * row), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (30, 30, 30), 2)
    return page


@pytest.mark.parametrize(
    ("corners", "cut"),
    [
        ([(60, 100), (580, 100), (580, 380), (60, 380)], False),  # round the whole text: a card edge
        ([(10, 10), (630, 10), (630, 470), (10, 470)], False),  # near the frame, clear of the text
        ([(60, 100), (240, 100), (240, 380), (60, 380)], True),  # a side runs down through the words
        ([(60, 100), (580, 100), (580, 232), (60, 232)], True),  # a side runs along through a line
    ],
)
def test_an_outline_through_printed_letters_is_told_apart(corners: list[tuple[int, int]], cut: bool) -> None:
    blobs = LetterBlobs.of(cv2.cvtColor(text_block(), cv2.COLOR_BGR2LAB))
    assert (blobs.cut_by(np.array(corners, np.float32)) > MAX_CUT_LETTERS) is cut


@pytest.mark.slow  # 3 photographs rendered and searched
@pytest.mark.parametrize("seed", [30, 40, 48])  # corners 27-29 degrees off square: a phone held low
def test_card_photographed_at_a_slant_is_found(seed: int) -> None:
    rng = random.Random(seed)
    card = render_card(random_card(rng), rng)
    photo, corners = photograph(card, random.Random(seed), rotation=0, skew=30.0, perspective=0.16)
    quads = find_cards(to_bgr(photo))
    assert len(quads) == 1
    assert corner_error(quads[0].corners, corners) <= 6.0
