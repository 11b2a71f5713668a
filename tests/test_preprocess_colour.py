"""Gray rendering for OCR: luminance, or the colour channel that separates ink from ground."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from cardimages import PERSON_CARD, draw_card

from capture.api import scan_image
from capture.preprocess.enhance import ink_channel, ink_contrast, text_gray, to_gray
from capture.settings import Settings

# Red ink on a green ground of the same lightness (luminance 113 against 110).
RED, GREEN = (230, 60, 80), (40, 160, 40)


def bgr_card(ink: tuple[int, int, int] | str, ground: tuple[int, int, int] | str) -> np.ndarray:
    return cv2.cvtColor(np.asarray(draw_card(PERSON_CARD, ink=ink, ground=ground)), cv2.COLOR_RGB2BGR)


@pytest.mark.parametrize(
    ("ink", "ground", "luminance_kept"),
    [
        ("black", "white", True),  # every channel alike: luminance
        ((20, 40, 120), "white", True),  # dark blue on white reads fine in luminance
        (RED, GREEN, False),  # isoluminant colours: the red channel
        ("white", (30, 30, 140), True),  # white on dark blue: luminance already stark
    ],
)
def test_text_gray_keeps_luminance_unless_a_channel_is_much_clearer(
    ink: tuple[int, int, int] | str, ground: tuple[int, int, int] | str, luminance_kept: bool
) -> None:
    card = bgr_card(ink, ground)
    gray = text_gray(card, ink_channel(card))
    assert gray.shape == card.shape[:2] and gray.dtype == np.uint8
    assert np.array_equal(gray, to_gray(card)) == luminance_kept
    assert ink_contrast(gray) >= ink_contrast(to_gray(card))


def test_a_card_with_two_inks_keeps_luminance() -> None:
    """Red and blue lines on white: the red channel would lose the red lines, so no channel wins."""
    card = np.asarray(draw_card(PERSON_CARD[:3], ink=(200, 0, 0))).copy()
    card[300:, :] = np.asarray(draw_card(PERSON_CARD[3:], ink=(0, 0, 200)))[60:360, :]
    bgr = cv2.cvtColor(card, cv2.COLOR_RGB2BGR)
    assert ink_channel(bgr) is None


def test_tesseract_reads_red_text_on_an_equally_light_green_card(tmp_path: Path) -> None:
    """With a phone camera's noise and JPEG, three levels of lightness between ink and ground are
    lost in luminance; the red channel keeps the text."""
    card = bgr_card(RED, GREEN).astype(np.float32)
    noise = np.random.default_rng(7).normal(0, 8, card.shape)
    path = tmp_path / "red-on-green.jpg"
    cv2.imwrite(str(path), np.clip(card + noise, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 80])
    result = scan_image(path, Settings(region="US", engine="tesseract"))[0]
    assert "jane.example@example.com" in {e.address for e in result.contact.emails}
    assert "+14155550134" in {p.e164 for p in result.contact.phones}
