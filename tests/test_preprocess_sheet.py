"""White cards on a white flatbed page (the generator's `scan_sheet`: only a soft shadow shows each
card): one prepared card per card on the page, in reading order, and no split of a single card."""

from __future__ import annotations

import random

import numpy as np
import pytest

from capture.load import LoadedImage
from capture.preprocess import prepare_cards
from capture.preprocess.sheet import find_sheet_cards
from capture.settings import Settings
from samples.generate import random_card, render_card, scan_sheet

pytestmark = pytest.mark.slow  # scan sheets of several cards rendered and split


def to_bgr(image: object) -> np.ndarray:
    return np.asarray(image)[:, :, ::-1].copy()


def loaded(image: np.ndarray, name: str = "sheet.jpg") -> LoadedImage:
    return LoadedImage(name, "0" * 64, image, (image.shape[1], image.shape[0]))


def white_sheet(count: int, seed: int) -> tuple[np.ndarray, list[tuple[int, int, int, int]]]:
    rng = random.Random(seed)
    cards = [render_card(random_card(rng, dark=False), rng) for _ in range(count)]
    image, boxes = scan_sheet(cards, rng)
    return to_bgr(image), boxes


def centre_in(corners: np.ndarray, box: tuple[int, int, int, int]) -> bool:
    x, y = corners.mean(axis=0)
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_each_white_card_on_a_white_page_is_one_card(seed: int) -> None:
    count = 2 + seed % 3
    page, boxes = white_sheet(count, seed)
    quads = find_sheet_cards(page)
    assert len(quads) == count
    # reading order: the n-th card found lies on the n-th card laid (left to right, top to bottom)
    for quad, box in zip(quads, boxes, strict=True):
        assert centre_in(quad.corners, box)


def test_sheet_cards_are_prepared_one_each() -> None:
    page, boxes = white_sheet(3, seed=7)
    cards = prepare_cards(loaded(page), Settings())
    assert [(c.index, c.count) for c in cards] == [(1, 3), (2, 3), (3, 3)]
    for quad, (left, top, right, bottom) in zip(find_sheet_cards(page), boxes, strict=True):
        # each crop stays on its own card (its text, with a margin), not a share of the page
        assert quad.corners[:, 0].min() >= left - 20 and quad.corners[:, 0].max() <= right + 20
        assert quad.corners[:, 1].min() >= top - 20 and quad.corners[:, 1].max() <= bottom + 20


def test_split_cards_off_keeps_the_sheet_whole() -> None:
    page, _ = white_sheet(2, seed=8)
    assert len(prepare_cards(loaded(page), Settings(split_cards=False))) == 1


@pytest.mark.parametrize("seed", [31, 32, 33, 34])
def test_a_single_card_on_a_white_page_is_not_split(seed: int) -> None:
    rng = random.Random(seed)
    card = to_bgr(render_card(random_card(rng), rng))
    page = np.full((card.shape[0] + 300, card.shape[1] + 300, 3), 250, np.uint8)
    page[150 : 150 + card.shape[0], 150 : 150 + card.shape[1]] = card
    assert find_sheet_cards(page) == []
    assert find_sheet_cards(card) == []
