"""Turn a loaded photo or scan into the images Tesseract reads best (first version: scale + gray)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from capture.load import LoadedImage
from capture.settings import Settings

# Tesseract reads best when capitals are ~20-40 px tall; a business card scanned so that its long
# side is ~1600-2000 px puts body text there.
TARGET_LONG_SIDE = 1800


@dataclass(frozen=True)
class PreparedCard:
    image: np.ndarray  # what OCR reads: grayscale or BGR, upright
    color: np.ndarray  # the straightened card in color, for review pages and PHOTO
    index: int = 1
    count: int = 1
    notes: tuple[str, ...] = field(default=())


def scale_to(image: np.ndarray, long_side: int) -> np.ndarray:
    height, width = image.shape[:2]
    factor = long_side / max(height, width)
    if abs(factor - 1) < 0.05:
        return image
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(image, None, fx=factor, fy=factor, interpolation=interpolation)


def write_debug(settings: Settings, stem: str, stage: str, image: np.ndarray) -> None:
    if settings.debug_dir is None:
        return
    settings.debug_dir.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(Path(settings.debug_dir) / f"{stem}.{stage}.png"), image)


def prepare_cards(loaded: LoadedImage, settings: Settings) -> list[PreparedCard]:
    stem = Path(loaded.path).stem
    color = scale_to(loaded.image, TARGET_LONG_SIDE)
    gray = cv2.cvtColor(color, cv2.COLOR_BGR2GRAY)
    write_debug(settings, stem, "1-gray", gray)
    return [PreparedCard(image=gray, color=color)]
