"""Read a prepared card with OCR, settling what only OCR can tell: is the card upside down, and
does a light-normalized rendering read better than plain gray?

Tesseract reads an upright card (and even one whose lines run top-to-bottom) confidently, and an
upside-down one with very low confidence, so one extra reading at a half turn settles the
orientation, and only when the first reading is weak (then the quarter turns too, in case the
line-direction guess of the prepare stage was fooled). Other renderings are read only while the
best so far is not good enough and the card's time budget allows another reading.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import cv2
import numpy as np

from capture.ocr.engine import OcrEngine
from capture.ocr.result import OcrLine, OcrPage, OcrWord
from capture.preprocess.prepare import PreparedCard, write_debug
from capture.settings import Settings

UPSIDE_DOWN_BELOW = 0.55  # below this mean confidence the card may be upside down
GOOD_ENOUGH = 0.82  # a reading this confident is kept without trying other renderings
# (In `both` mode the prepare stage makes no other rendering: see `renders_variants`.)
MAX_READINGS = 4  # at most this many OCR runs per card, whatever the time budget


@dataclass(frozen=True)
class Reading:
    page: OcrPage
    variant: str
    turn: int  # degrees clockwise applied to the prepared image before reading
    score: float


def reading_score(page: OcrPage) -> float:
    """How much text was read confidently: characters of words read with confidence >= 0.7
    (words with at least two letters or digits), plus the mean confidence as a tie-break."""
    solid = sum(
        len(w.text) for w in page.words if w.confidence >= 0.7 and sum(ch.isalnum() for ch in w.text) >= 2
    )
    return solid + page.confidence


TURNS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


def turn(image: np.ndarray, degrees: int) -> np.ndarray:
    return image if degrees % 360 == 0 else cv2.rotate(image, TURNS[degrees % 360])


def read_best(
    card: PreparedCard,
    engine: OcrEngine,
    settings: Settings,
    clock: Callable[[], float] = time.perf_counter,
) -> OcrPage:
    """The best OCR reading of `card`: other orientations only while the readings are weak, other
    renderings only while the best is not good enough, and extra readings only within
    `settings.time_budget` seconds (and at most MAX_READINGS readings)."""
    start = clock()
    readings: list[Reading] = []

    def read(image: np.ndarray, variant: str, degrees: int) -> Reading:
        page = engine.read(turn(image, degrees))
        reading = Reading(page, variant, degrees, reading_score(page))
        readings.append(reading)
        return reading

    def affordable() -> bool:
        spent = clock() - start
        return len(readings) < MAX_READINGS and spent + spent / len(readings) <= settings.time_budget

    read(card.image, "gray", 0)
    # Upside down reads with very low confidence; a wrong quarter turn (a card whose letters fooled
    # the line-direction guess) too. Half turn first: it is the likelier mistake.
    for degrees in (180, 90, 270):
        if max(r.page.confidence for r in readings) >= UPSIDE_DOWN_BELOW:
            break
        if degrees != 180 and not affordable():  # the half turn is always checked: it loses whole cards
            break
        read(card.image, "gray", degrees)
    best = max(readings, key=lambda r: r.score)
    for name, variant in card.variants:
        if best.page.confidence >= GOOD_ENOUGH or not affordable():
            break
        read(variant(), name, best.turn)
        best = max(readings, key=lambda r: r.score)
    if settings.debug_dir is not None:
        chosen = dict(card.variants).get(best.variant, lambda: card.image)()
        write_debug(settings, card.stem, f"5-read-{best.variant}", turn(chosen, best.turn))
    extra = dict(best.page.extra)
    extra.update(
        variant=best.variant,
        readings=str(len(readings)),
        tried=", ".join(f"{r.variant}{f' {r.turn}' if r.turn else ''}:{r.score:.0f}" for r in readings),
    )
    return replace(best.page, rotation=best.turn % 360, extra=extra)


def read_again(card: PreparedCard, page: OcrPage, engine: OcrEngine) -> OcrPage:
    """`page`'s card read once more by another engine (Tesseract with other language data), in the
    rendering and orientation the first reading settled: the orientation is not asked again."""
    image = dict(card.variants).get(page.extra.get("variant", ""), lambda: card.image)()
    again = engine.read(turn(image, page.rotation))
    extra = {**page.extra, "languages": str(getattr(engine, "lang", ""))}
    return replace(page, lines=again.lines, width=again.width, height=again.height, extra=extra)


PSM_SINGLE_LINE = 7  # Tesseract's page segmentation for one line of text
CROP_MARGIN = 0.15  # of the line's height, around a line cropped to be read alone
# A line crop is enlarged to at least this text height: Tesseract's Hangul model reads small
# print (a 640x480 photo's 15-25 px lines) far worse than print of this size.
LINE_HEIGHT = 48


@dataclass(frozen=True)
class LineCrop:
    """One line cut out of the card to be read alone, and the way back to the card's pixels."""

    image: np.ndarray
    to_card: np.ndarray  # 3x3 perspective transform from the crop's pixels to the card's


def line_corners(line: OcrLine) -> np.ndarray:
    """The line's four corners (top-left, top-right, bottom-right, bottom-left): the detector's
    outline when it has one, else its upright box."""
    left, top, right, bottom = line.box
    return np.array(line.quad or ((left, top), (right, top), (right, bottom), (left, bottom)), dtype=np.float32)


def crop_line(image: np.ndarray, line: OcrLine, quarter: int = 0) -> LineCrop | None:
    """`line` cut out of `image` straight and enlarged: along the detector's outline when it has
    one (a line photographed at an angle is turned level, without the neighbouring lines its
    upright box holds), else its box; turned a quarter one way or the other (`quarter` 1 or -1)
    for a line running down a card that lies sideways."""
    corners = line_corners(line)
    width = float(max(np.linalg.norm(corners[1] - corners[0]), np.linalg.norm(corners[2] - corners[3])))
    height = float(max(np.linalg.norm(corners[3] - corners[0]), np.linalg.norm(corners[2] - corners[1])))
    if quarter:
        width, height = height, width
        corners = np.roll(corners, quarter, axis=0)  # the corner that becomes the crop's top-left first
    if width < 2 or height < 2:
        return None
    scale = max(1.0, LINE_HEIGHT / height)
    margin = (CROP_MARGIN * height + 2) * scale
    w, h = width * scale, height * scale
    target = np.array([[margin, margin], [margin + w, margin], [margin + w, margin + h], [margin, margin + h]],
                      dtype=np.float32)  # fmt: skip
    to_crop = cv2.getPerspectiveTransform(corners, target)
    size = (round(w + 2 * margin), round(h + 2 * margin))
    crop = cv2.warpPerspective(image, to_crop, size, flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    return LineCrop(crop, np.linalg.inv(to_crop))


def runs_down(line: OcrLine) -> bool:
    """A line whose outline (or box) is much taller than wide: text running down a card
    photographed sideways, its first corner not where its text starts."""
    corners = line_corners(line)
    across = float(np.linalg.norm(corners[1] - corners[0]))
    down = float(np.linalg.norm(corners[3] - corners[0]))
    return down > SIDEWAYS_RATIO * max(1.0, across)


SIDEWAYS_RATIO = 1.5  # rapidocr's own cut for turning a line crop before reading it


def box_on_card(box: tuple[int, int, int, int], crop: LineCrop) -> tuple[int, int, int, int]:
    """A box in the crop's pixels, as the upright box around it in the card's pixels."""
    left, top, right, bottom = box
    points = np.array([[[left, top], [right, top], [right, bottom], [left, bottom]]], dtype=np.float32)
    xs, ys = cv2.perspectiveTransform(points, crop.to_card)[0].T
    return (int(xs.min()), int(ys.min()), round(float(xs.max())), round(float(ys.max())))


def read_lines_again(
    card: PreparedCard,
    page: OcrPage,
    engine: OcrEngine,
    wanted: Callable[[OcrLine], bool],
    keep: Callable[[str], bool],
) -> OcrPage:
    """`page` with the lines `wanted` picks read again one by one by another engine (Tesseract with
    the card's language data), where it reads them confidently and `keep` accepts the text: PP-OCR
    finds every line of a Korean card but reads Hangul as Chinese characters, and Tesseract's own
    page layout misses large ones."""
    image = turn(card.image, page.rotation)
    lines = []
    for line in page.lines:
        found = read_line(image, line, engine) if wanted(line) else None
        if found is not None and keep(" ".join(w.text for w in found)):
            lines.append(OcrLine.from_words(found, line.block, line.engine))
        else:
            lines.append(line)
    return replace(page, lines=tuple(lines))


def read_line(image: np.ndarray, line: OcrLine, engine: OcrEngine) -> list[OcrWord] | None:
    """The words of one line read alone, in the card's pixels, when read confidently (a line
    running down the card: both quarter turns, the more confident reading)."""
    best: tuple[float, list[OcrWord]] | None = None
    for quarter in (1, -1) if runs_down(line) else (0,):
        crop = crop_line(image, line, quarter)
        if crop is None:
            continue
        again = engine.read(crop.image, psm=PSM_SINGLE_LINE)  # type: ignore[call-arg]
        words = [w for ln in again.lines for w in ln.words]
        if words and again.confidence >= GOOD_LINE and (best is None or again.confidence > best[0]):
            best = (again.confidence, [OcrWord(w.text, box_on_card(w.box, crop), w.confidence) for w in words])
    return best[1] if best else None


GOOD_LINE = 0.6  # a line read again is kept when read at least this confidently
