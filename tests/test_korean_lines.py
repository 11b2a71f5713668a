"""A Korean card's lines read again one by one (`capture.preprocess.choose.read_lines_again`):
each cut out along the detector's outline, turned level and enlarged, then read by Tesseract
with the Korean data (real Tesseract in the slow test)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from capture.api import has_hangul, maybe_hangul
from capture.ocr.engine import create_engine
from capture.ocr.result import OcrLine, OcrPage, OcrWord, Quad
from capture.preprocess.choose import LINE_HEIGHT, box_on_card, crop_line, read_lines_again, runs_down
from capture.preprocess.prepare import PreparedCard
from capture.settings import Settings
from samples.cardgen.fonts import fallback

TEXT = "주식회사 한국인프라"


def tilted_line(degrees: float, size: int = 22) -> tuple[np.ndarray, Quad]:
    """A card image holding one line of Hangul turned by `degrees` (counter-clockwise), and the
    line's outline on it."""
    face = fallback("ko").regular
    font = ImageFont.truetype(face.path, size, index=face.index)
    image = Image.new("L", (640, 480), 255)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = draw.textbbox((160, 220), TEXT, font=font)
    draw.text((160, 220), TEXT, font=font, fill=0)
    turn = cv2.getRotationMatrix2D((320, 240), degrees, 1.0)
    pixels = cv2.warpAffine(np.array(image), turn, (640, 480), borderValue=255)
    corners = np.array([[left, top, 1], [right, top, 1], [right, bottom, 1], [left, bottom, 1]], dtype=float)
    quad = tuple((float(x), float(y)) for x, y in corners @ turn.T)
    return pixels, quad  # type: ignore[return-value]


def upright(quad: Quad) -> Quad:
    """The outline as a detector orders a line it found running down the card: by the image's
    corners (top-left first), not by where the text starts."""
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    return ((min(xs), min(ys)), (max(xs), min(ys)), (max(xs), max(ys)), (min(xs), max(ys)))


def detected(quad: Quad, text: str = "株式会社") -> OcrLine:
    """The line as PP-OCR gives it on a Korean card: its outline right, its text Chinese guesses."""
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    box = (int(min(xs)), int(min(ys)), round(max(xs)), round(max(ys)))
    return OcrLine((OcrWord(text, box, 0.55),), box, 0.55, 1, "ppocr", quad=quad)


def test_a_tilted_line_is_cut_level_enlarged_and_mapped_back() -> None:
    image, quad = tilted_line(25)
    crop = crop_line(image, detected(quad))
    assert crop is not None
    height, width = crop.image.shape
    assert width > 4 * height  # level: a line, not the square around a tilted one
    assert height >= LINE_HEIGHT
    margin_free = box_on_card((0, 0, width, height), crop)
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    assert margin_free[0] < min(xs) and margin_free[2] > max(xs)  # the crop holds the whole outline
    assert margin_free[1] < min(ys) and margin_free[3] > max(ys)


def test_a_line_running_down_the_card_is_cut_across_either_way() -> None:
    image, quad = tilted_line(90)
    assert not runs_down(detected(quad))  # its outline starts where the text does: read as it is
    line = detected(upright(quad))
    assert runs_down(line)
    for quarter in (1, -1):
        crop = crop_line(image, line, quarter)
        assert crop is not None
        height, width = crop.image.shape
        assert width > 4 * height


def test_lines_worth_reading_again_are_chinese_guesses_and_words_not_numbers() -> None:
    assert maybe_hangul(detected(tilted_line(0)[1], "株式会社"))
    assert maybe_hangul(detected(tilted_line(0)[1], "(34054)人异异1548"))  # an address read as hanzi
    assert not maybe_hangul(detected(tilted_line(0)[1], "010-5493-5938"))
    assert not maybe_hangul(detected(tilted_line(0)[1], "kim@example.kr"))


@pytest.mark.slow
@pytest.mark.parametrize(("degrees", "sideways"), [(0, False), (20, False), (-30, False), (90, True), (-90, True)])
def test_a_hangul_line_photographed_at_an_angle_is_read_in_hangul(degrees: float, sideways: bool) -> None:
    image, quad = tilted_line(degrees)
    quad = upright(quad) if sideways else quad
    card = PreparedCard(image=image, color=cv2.cvtColor(image, cv2.COLOR_GRAY2BGR))
    page = OcrPage((detected(quad),), 640, 480, "ppocr")
    engine = create_engine("tesseract", Settings(languages=("eng", "kor")))
    (line,) = read_lines_again(card, page, engine, maybe_hangul, has_hangul).lines
    assert line.text.replace(" ", "") == TEXT.replace(" ", "")
    xs, ys = [p[0] for p in quad], [p[1] for p in quad]
    left, top, right, bottom = line.box
    assert min(xs) - 15 <= left and right <= max(xs) + 15  # the words' boxes are on the card's line
    assert min(ys) - 15 <= top and bottom <= max(ys) + 15
