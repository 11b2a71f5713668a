"""Read a prepared card with OCR, settling what only OCR can tell: is the card upside down, and
does a light-normalized rendering read better than plain gray?

Tesseract reads an upright card (and even one whose lines run top-to-bottom) confidently, and an
upside-down one with very low confidence, so one extra reading at a half turn settles the
orientation, and only when the first reading is weak. Other renderings are read only while the
best so far is not good enough and the card's time budget allows another reading.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from capture.ocr.engine import OcrEngine
from capture.ocr.result import OcrPage
from capture.preprocess.prepare import PreparedCard, write_debug
from capture.settings import Settings

UPSIDE_DOWN_BELOW = 0.55  # below this mean confidence the card may be upside down
GOOD_ENOUGH = 0.82  # a reading this confident is kept without trying other renderings
MAX_READINGS = 4  # at most this many OCR runs per card, whatever the time budget


@dataclass(frozen=True)
class Reading:
    page: OcrPage
    variant: str
    half_turn: bool
    score: float


def reading_score(page: OcrPage) -> float:
    """How much text was read confidently: characters of words read with confidence >= 0.7
    (words with at least two letters or digits), plus the mean confidence as a tie-break."""
    solid = sum(
        len(w.text) for w in page.words if w.confidence >= 0.7 and sum(ch.isalnum() for ch in w.text) >= 2
    )
    return solid + page.confidence


def half_turn(image: np.ndarray) -> np.ndarray:
    return cv2.rotate(image, cv2.ROTATE_180)


def read_best(
    card: PreparedCard,
    engine: OcrEngine,
    settings: Settings,
    clock: Callable[[], float] = time.perf_counter,
) -> OcrPage:
    """The best OCR reading of `card` within `settings.time_budget` seconds of extra readings."""
    start = clock()
    readings: list[Reading] = []

    def read(image: np.ndarray, variant: str, turned: bool) -> Reading:
        page = engine.read(half_turn(image) if turned else image)
        reading = Reading(page, variant, turned, reading_score(page))
        readings.append(reading)
        return reading

    first = read(card.image, "gray", False)
    turned = False
    if first.page.confidence < UPSIDE_DOWN_BELOW:
        flipped = read(card.image, "gray", True)
        turned = flipped.score > first.score
    per_reading = (clock() - start) / len(readings)
    for name, variant in card.variants:
        best = max(readings, key=lambda r: r.score)
        spent = clock() - start
        if best.page.confidence >= GOOD_ENOUGH or len(readings) >= MAX_READINGS:
            break
        if spent + per_reading > settings.time_budget:
            break
        read(variant, name, turned)
    best = max(readings, key=lambda r: r.score)
    if settings.debug_dir is not None:
        chosen = dict(card.variants).get(best.variant, card.image)
        write_debug(settings, card.stem, f"5-read-{best.variant}", half_turn(chosen) if best.half_turn else chosen)
    extra = dict(best.page.extra)
    extra.update(
        variant=best.variant,
        rotated="180" if best.half_turn else "0",
        readings=str(len(readings)),
        tried=", ".join(f"{r.variant}{' 180' if r.half_turn else ''}:{r.score:.0f}" for r in readings),
    )
    return OcrPage(best.page.lines, best.page.width, best.page.height, best.page.engine, extra)
