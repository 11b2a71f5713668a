"""Cheap facts about the printed text before any OCR: how tall the letters are, which way the lines
run, and where the text sits. All from connected components of the ink on a reduced copy.

Letter height decides the scale (Tesseract reads best when capitals are roughly 20-40 px); line
direction decides a 90-degree turn (a card photographed sideways). Whether the card is upside
down cannot be told this way; the OCR stage settles that by confidence.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

ANALYSIS_SIDE = 1000  # long side of the copy analysed


@dataclass(frozen=True)
class TextLayout:
    letter_height: float  # median height of letter-like components, in pixels of the analysed image
    vertical: bool  # text lines run top-to-bottom or bottom-to-top
    box: tuple[int, int, int, int] | None  # (left, top, right, bottom) around the text, analysed pixels
    scale: float  # analysed pixels per source pixel
    letters: int  # how many letter-like components were seen


def ink_mask(normalized: np.ndarray) -> np.ndarray:
    """Dark-on-white normalized gray → 255 where there is ink."""
    _, mask = cv2.threshold(normalized, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return mask


def letter_boxes(mask: np.ndarray) -> np.ndarray:
    """Bounding boxes (x, y, w, h) of components shaped like letters or digits."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return np.zeros((0, 4), np.int32)
    boxes = stats[1:, :4]
    area = stats[1:, cv2.CC_STAT_AREA]
    w, h = boxes[:, 2], boxes[:, 3]
    limit = max(mask.shape) / 8  # larger than this is a logo, a band or a photo, not a letter
    fill = area / np.maximum(w * h, 1)
    keep = (h >= 5) & (h <= limit) & (w <= limit) & (w >= 2) & (fill > 0.12) & (fill < 0.95)
    keep &= (w / np.maximum(h, 1) < 4) & (h / np.maximum(w, 1) < 8)
    return np.asarray(boxes[keep], np.int32)


def line_score(mask: np.ndarray, size: float) -> float:
    """How much ink joins into long horizontal runs when letters are smeared sideways."""
    length = max(3, round(size * 1.6))
    smeared = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    count, _, stats, _ = cv2.connectedComponentsWithStats(smeared, connectivity=8)
    if count <= 1:
        return 0.0
    w, h = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    lines = (w >= 5 * h) & (h >= size * 0.5) & (h <= size * 3)
    return float(w[lines].sum())


def sideways_letters(boxes: np.ndarray) -> bool:
    """Do more letter-like components lie wider than tall than stand taller than wide? Upright
    letters and digits mostly stand tall, so on a card turned a quarter most of them lie wide.

    Smearing letters into lines alone can be fooled on a busy photo (flourished script, a
    picture's texture running top to bottom), so a quarter turn needs this second, independent
    sign too; when the two disagree the card stays as it is and the OCR stage, which tries the
    quarter turns when its readings are weak, settles it."""
    w, h = boxes[:, 2].astype(np.float32), boxes[:, 3].astype(np.float32)
    return int(np.count_nonzero(w > 1.1 * h)) > int(np.count_nonzero(h > 1.1 * w))


def analyse(normalized: np.ndarray) -> TextLayout:
    """Letter height, line direction and text box of a dark-on-white card image."""
    height, width = normalized.shape[:2]
    scale = min(1.0, ANALYSIS_SIDE / max(height, width))
    small = cv2.resize(normalized, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else normalized
    mask = ink_mask(small)
    boxes = letter_boxes(mask)
    if len(boxes) < 8:
        return TextLayout(0.0, False, None, scale, len(boxes))
    # Letters are taller than wide in either direction only along the line; the shorter side of a
    # letter's box is its stroke run, so use the side across the line: decide direction first.
    size = float(np.median(np.minimum(boxes[:, 2], boxes[:, 3])) * 1.4)
    keep = np.zeros_like(mask)
    for x, y, w, h in boxes:
        keep[y : y + h, x : x + w] = mask[y : y + h, x : x + w]
    across = line_score(keep, size)
    down = line_score(np.ascontiguousarray(keep.T), size)
    vertical = down > 1.5 * across and sideways_letters(boxes)
    letter_height = float(np.median(boxes[:, 2] if vertical else boxes[:, 3]))
    left, top = int(boxes[:, 0].min()), int(boxes[:, 1].min())
    right, bottom = int((boxes[:, 0] + boxes[:, 2]).max()), int((boxes[:, 1] + boxes[:, 3]).max())
    return TextLayout(letter_height, vertical, (left, top, right, bottom), scale, len(boxes))
