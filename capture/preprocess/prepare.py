"""Turn a loaded photo or scan into one upright, well-scaled image per card.

find the card outline(s) → flatten each to a card-shaped rectangle (or, with no clear outline,
crop to the text) → turn text lines horizontal → scale so letters are the size Tesseract reads
best → gray and a light-normalized variant. Whether the card is upside down, and which variant
reads best, is settled with OCR confidence by `capture.preprocess.choose`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import cv2
import numpy as np

from capture.load import LoadedImage
from capture.preprocess.enhance import ink_channel, normalize, text_gray, to_gray
from capture.preprocess.geometry import CardQuad, card_size, find_cards, warp_card, working_copy
from capture.preprocess.layout import TextLayout, analyse
from capture.preprocess.sheet import find_sheet_cards
from capture.settings import Settings

# The median letter-like component (lowercase and capitals mixed) is scaled to this height, which
# puts capitals at roughly 30 px: the middle of the 20-40 px range Tesseract reads best.
TARGET_LETTER = 18.0
BASE_LONG_SIDE = 1800  # first flattening, before the letter size is known
MIN_LONG_SIDE, MAX_LONG_SIDE = 1000, 2600  # bounds on the card image OCR reads (speed, memory)


def rendering(make: Callable[[], np.ndarray]) -> Callable[[], np.ndarray]:
    """A rendering of the card made once, the first time it is asked for: the OCR stage reads
    another rendering only when the gray one did not read well enough (about half the dev cards),
    so the others never pay for it (a light normalization of the whole card, 10-20 ms)."""
    return cache(make)


@dataclass(frozen=True)
class PreparedCard:
    image: np.ndarray  # what OCR reads first: grayscale, upright (up to a half turn), scaled
    color: np.ndarray  # the straightened card in color, for review pages and PHOTO
    index: int = 1
    count: int = 1
    notes: tuple[str, ...] = field(default=())  # for people: what the stage found and did
    # other renderings, same geometry, each made the first time it is asked for (`rendering`)
    variants: tuple[tuple[str, Callable[[], np.ndarray]], ...] = field(default=())
    stem: str = "card"  # for debug image names
    # Degrees clockwise the flattened card was turned so its lines run across: 270 (a quarter turn
    # back) for text that ran top to bottom, else 0. A half turn more is the OCR stage's to find.
    rotation: int = 0


def scale_to(image: np.ndarray, long_side: int) -> np.ndarray:
    height, width = image.shape[:2]
    factor = long_side / max(height, width)
    if abs(factor - 1) < 0.05:
        return image
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation)


def write_debug(settings: Settings, stem: str, stage: str, image: np.ndarray) -> None:
    """Write the image after a stage to `settings.debug_dir` as `<stem>.<stage>.png`."""
    if settings.debug_dir is None:
        return
    directory = Path(settings.debug_dir)
    directory.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(directory / f"{stem}.{stage}.png"), image)


def draw_outlines(image: np.ndarray, quads: list[CardQuad]) -> np.ndarray:
    small, factor = working_copy(image)
    small = small.copy()
    for number, quad in enumerate(quads, start=1):
        corners = (quad.corners * factor).astype(np.int32)
        cv2.polylines(small, [corners], True, (0, 0, 255), 2)
        cv2.circle(small, (int(corners[0][0]), int(corners[0][1])), 5, (0, 200, 0), -1)
        cv2.putText(small, str(number), (int(corners[:, 0].mean()), int(corners[:, 1].mean())), 0, 1.0, (255, 0, 0), 2)
    return small


def crop_to_text(image: np.ndarray) -> np.ndarray:
    """No card outline: the card fills the frame, or lies borderless on a white ground. Keep the
    region holding the text, with a margin, so OCR does not spend time on empty desk."""
    base = scale_to(image, BASE_LONG_SIDE) if max(image.shape[:2]) > BASE_LONG_SIDE else image
    text = analyse(normalize(to_gray(base)))
    if text.box is None:
        return image
    factor = text.scale * base.shape[1] / image.shape[1]  # analysed pixels per source pixel
    left, top, right, bottom = (v / factor for v in text.box)
    margin = max(image.shape[:2]) * 0.02 + 2 * text.letter_height / factor
    height, width = image.shape[:2]
    left, top = max(0, int(left - margin)), max(0, int(top - margin))
    right, bottom = min(width, int(right + margin)), min(height, int(bottom + margin))
    if (right - left) * (bottom - top) < 0.1 * width * height:
        return image  # a few specks are no reason to throw the frame away
    return image[top:bottom, left:right]


def letter_factor(layout: TextLayout) -> float:
    """Resize factor (on the analysed base image) that brings letters to the target height."""
    if layout.letter_height <= 0:
        return 1.0
    return TARGET_LETTER / (layout.letter_height / layout.scale)


def rotate_quarter(image: np.ndarray) -> np.ndarray:
    """Text running top-to-bottom → horizontal (a quarter turn counter-clockwise). If the card was
    the other way round it is now upside down, which the OCR stage corrects."""
    return cv2.rotate(image, cv2.ROTATE_90_COUNTERCLOCKWISE)


def flatten(image: np.ndarray, quad: CardQuad | None, long_side: int) -> np.ndarray:
    """The card (or, with no outline, the whole image: the text crop) in color with its long side
    at `long_side` pixels."""
    if quad is None:
        return scale_to(image, long_side)
    factor = long_side / max(card_size(quad.corners))
    return warp_card(image, quad.corners, scale=factor)


def prepare_one(image: np.ndarray, quad: CardQuad | None, settings: Settings, stem: str) -> PreparedCard:
    if quad is None:
        image = crop_to_text(image)  # once: flatten() below only rescales the crop
    base = flatten(image, quad, BASE_LONG_SIDE)
    write_debug(settings, stem, "1-card", base)
    channel = ink_channel(base)  # chosen once per card, on the first flattening
    base_normalized = normalize(text_gray(base, channel))
    layout = analyse(base_normalized)
    long_side = int(np.clip(BASE_LONG_SIDE * letter_factor(layout), MIN_LONG_SIDE, MAX_LONG_SIDE))
    same_size = abs(long_side - BASE_LONG_SIDE) < 0.05 * BASE_LONG_SIDE
    color = base if same_size else flatten(image, quad, long_side)
    notes = [f"card outline found (edge support {quad.score:.2f})" if quad else "no card outline; cropped to text"]
    if layout.vertical:
        color = rotate_quarter(color)
        notes.append("text ran vertically; turned a quarter")
    write_debug(settings, stem, "2-upright", color)
    gray = text_gray(color, channel)
    write_debug(settings, stem, "3-gray", gray)
    variants: tuple[tuple[str, Callable[[], np.ndarray]], ...] = ()
    if renders_variants(settings):
        if same_size:
            normalized = rendering(lambda: rotate_quarter(base_normalized) if layout.vertical else base_normalized)
        else:
            normalized = rendering(lambda: normalize(gray))
        if settings.debug_dir is not None:
            write_debug(settings, stem, "4-normalized", normalized())
        variants = (("normalized", normalized),)
    notes.append(f"letters ~{layout.letter_height / layout.scale * long_side / BASE_LONG_SIDE:.0f} px")
    rotation = 270 if layout.vertical else 0
    return PreparedCard(image=gray, color=color, notes=tuple(notes), variants=variants, stem=stem, rotation=rotation)


def renders_variants(settings: Settings) -> bool:
    """Other renderings are for Tesseract reading alone. PP-OCR reads the colour card; and in
    `both` mode reading another rendering with Tesseract did not change the reconciled fields on
    the dev or a held-out set, so it is not made (saves 10-20 ms a card)."""
    return settings.engine == "tesseract"


def prepare_cards(loaded: LoadedImage, settings: Settings) -> list[PreparedCard]:
    """One prepared image per card found on the loaded image (at least one)."""
    stem = Path(loaded.path).stem + (f"-page{loaded.page}" if loaded.pages > 1 else "")
    quads = find_cards(loaded.image, several=settings.split_cards)
    if not quads and settings.split_cards:
        quads = find_sheet_cards(loaded.image)  # white cards on a white page show no outline
    if settings.debug_dir is not None:
        write_debug(settings, stem, "0-outline", draw_outlines(loaded.image, quads))
    targets: list[CardQuad | None] = list(quads) if quads else [None]
    cards = []
    for number, quad in enumerate(targets, start=1):
        card_stem = stem if len(targets) == 1 else f"{stem}-{number}"
        card = prepare_one(loaded.image, quad, settings, card_stem)
        cards.append(replace(card, index=number, count=len(targets)))
    return cards
