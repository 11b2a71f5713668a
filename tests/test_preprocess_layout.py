"""The line-direction guess needs two independent signs (letters smearing into top-to-bottom lines,
and letters lying wide) before it turns a card a quarter. Images are drawn here."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw

from capture.preprocess.layout import analyse, letter_boxes, sideways_letters
from tests.cardimages import font

LINES = ["Jane Q. Example", "Head of Engineering", "jane@example.com", "+1 415 555 0134", "www.example.com"]


def card(ink: tuple[int, int, int], ground: tuple[int, int, int]) -> np.ndarray:
    """A card (BGR) with the lines printed in `ink` (RGB) on `ground` (RGB)."""
    image = Image.new("RGB", (1050, 600), ground)
    draw = ImageDraw.Draw(image)
    for number, text in enumerate(LINES):
        draw.text((70, 60 + number * 95), text, fill=ink, font=font(46))
    return cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR)


@pytest.mark.parametrize("rotation", [None, cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_90_COUNTERCLOCKWISE])
def test_letters_lie_wide_only_on_a_turned_card(rotation: int | None) -> None:
    gray = cv2.cvtColor(card((0, 0, 0), (255, 255, 255)), cv2.COLOR_BGR2GRAY)
    if rotation is not None:
        gray = cv2.rotate(gray, rotation)
    _, ink = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    assert sideways_letters(letter_boxes(ink)) is (rotation is not None)
    assert analyse(gray).vertical is (rotation is not None)


def test_upright_letters_stacked_in_columns_are_not_turned() -> None:
    # Smearing joins letters stacked close under each other into top-to-bottom "lines", but the
    # letters themselves stand upright: the card must not be given a quarter turn.
    image = Image.new("L", (1050, 600), 255)
    draw = ImageDraw.Draw(image)
    for column in range(14):
        for row in range(9):
            draw.text((40 + column * 72, 20 + row * 62), "HBEKNMRDAT"[(row + column) % 10], fill=0, font=font(56))
    layout = analyse(np.asarray(image))
    assert layout.letters >= 50
    assert not layout.vertical
