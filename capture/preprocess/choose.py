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
        read(variant, name, best.turn)
        best = max(readings, key=lambda r: r.score)
    if settings.debug_dir is not None:
        chosen = dict(card.variants).get(best.variant, card.image)
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
    image = dict(card.variants).get(page.extra.get("variant", ""), card.image)
    again = engine.read(turn(image, page.rotation))
    extra = {**page.extra, "languages": str(getattr(engine, "lang", ""))}
    return replace(page, lines=again.lines, width=again.width, height=again.height, extra=extra)


PSM_SINGLE_LINE = 7  # Tesseract's page segmentation for one line of text
CROP_MARGIN = 0.15  # of the line's height, around a line cropped to be read alone


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
        if wanted(line):
            left, top, right, bottom = line.box
            margin = int(CROP_MARGIN * (bottom - top)) + 2
            x0, y0 = max(0, left - margin), max(0, top - margin)
            crop = image[y0 : bottom + margin, x0 : right + margin]
            again = engine.read(crop, psm=PSM_SINGLE_LINE) if crop.size else None  # type: ignore[call-arg]
            words = [w for ln in (again.lines if again else ()) for w in ln.words]
            if words and again is not None and again.confidence >= GOOD_LINE and keep(again.text):
                moved = [OcrWord(w.text, (w.box[0] + x0, w.box[1] + y0, w.box[2] + x0, w.box[3] + y0), w.confidence)
                         for w in words]  # fmt: skip
                lines.append(OcrLine.from_words(moved, line.block, line.engine))
                continue
        lines.append(line)
    return replace(page, lines=tuple(lines))


GOOD_LINE = 0.6  # a line read again is kept when read at least this confidently
