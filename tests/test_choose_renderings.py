"""The OCR stage's other renderings (`--engine tesseract`) are made only when read: a card whose gray
rendering reads well never pays for the light-normalized one (fake engine: confidence by image)."""

from __future__ import annotations

import numpy as np
import pytest

from capture.ocr.result import OcrLine, OcrPage, OcrWord
from capture.preprocess import PreparedCard
from capture.preprocess.choose import GOOD_ENOUGH, read_again, read_best
from capture.preprocess.prepare import rendering
from capture.settings import Settings

GRAY, NORMALIZED = 100, 200  # the fill of each rendering, which the fake engine reads as its confidence


class ConfidenceByImage:
    """Reads every image as one word, as confidently as `confidence` says for the image's fill."""

    name = "tesseract"

    def __init__(self, confidence: dict[int, float]) -> None:
        self.confidence = confidence
        self.read_fills: list[int] = []

    def read(self, image: np.ndarray) -> OcrPage:
        fill = int(image[0, 0])
        self.read_fills.append(fill)
        word = OcrWord("Example", (0, 0, 60, 20), self.confidence[fill])
        return OcrPage((OcrLine.from_words([word]),), image.shape[1], image.shape[0])


def card_counting_renderings() -> tuple[PreparedCard, list[int]]:
    made: list[int] = []

    def normalized() -> np.ndarray:
        made.append(1)
        return np.full((40, 80), NORMALIZED, np.uint8)

    gray = np.full((40, 80), GRAY, np.uint8)
    card = PreparedCard(image=gray, color=np.dstack([gray] * 3), variants=(("normalized", rendering(normalized)),))
    return card, made


def test_a_card_that_reads_well_in_gray_never_makes_the_other_rendering() -> None:
    card, made = card_counting_renderings()
    engine = ConfidenceByImage({GRAY: GOOD_ENOUGH + 0.05, NORMALIZED: 0.99})
    page = read_best(card, engine, Settings(engine="tesseract"))  # type: ignore[arg-type]
    assert page.extra["variant"] == "gray"
    assert (engine.read_fills, made) == ([GRAY], [])


@pytest.mark.parametrize(("normalized", "chosen"), [(0.95, "normalized"), (0.6, "gray")])
def test_a_weak_gray_reading_makes_the_other_rendering_once(normalized: float, chosen: str) -> None:
    card, made = card_counting_renderings()
    engine = ConfidenceByImage({GRAY: 0.7, NORMALIZED: normalized})
    page = read_best(card, engine, Settings(engine="tesseract"))  # type: ignore[arg-type]
    assert page.extra["variant"] == chosen
    again = read_again(card, page, engine)  # type: ignore[arg-type]  # (another language's data, say)
    assert engine.read_fills == [GRAY, NORMALIZED, NORMALIZED if chosen == "normalized" else GRAY]
    assert made == [1]  # made once, for both readings of it
    assert again.extra["variant"] == chosen
