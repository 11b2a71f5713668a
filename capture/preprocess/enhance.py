"""Make every region of a card read as dark text on a flat white ground.

Cards mix dark text on white with white text on dark or coloured bands, and phone photos add
shadows, glare and uneven light. Text covers a small share of any neighbourhood, so a large
median filter sees only the ground. Comparing each pixel with that local ground says, region by
region, whether the text is darker or lighter than its ground (light text regions are inverted),
and dividing by the ground flattens uneven light and glare. The maps are computed on a reduced
copy because the ground changes slowly; that keeps the stage cheap on big images.
"""

from __future__ import annotations

import cv2
import numpy as np

REDUCED_SIDE = 360  # long side of the copy the ground and polarity maps are computed on


def to_gray(color: np.ndarray) -> np.ndarray:
    """Plain luminance (what finding outlines and pages works on)."""
    if color.ndim == 2:
        return color
    return cv2.cvtColor(color, cv2.COLOR_BGR2GRAY)


CHANNEL_SIDE = 360  # long side of the copy the channels are compared on (strokes stay visible)
CHANNEL_MARGIN = 1.5  # a colour channel must show this much more ink contrast than luminance


def ink_contrast(channel: np.ndarray) -> float:
    """How strongly the strokes stand out of their local ground in one channel: a high
    percentile of the distance to a median-filtered ground (text covers only a few percent of a
    card, so the median is the ground; a high percentile is the ink, not the noise)."""
    distance = cv2.absdiff(channel, cv2.medianBlur(channel, 9))
    histogram = np.bincount(distance.ravel(), minlength=256).cumsum()
    return float(np.searchsorted(histogram, 0.98 * histogram[-1]))


def ink_channel(color: np.ndarray) -> int | None:
    """The colour channel (0-2, BGR) to read a card in, or None for luminance: a channel must beat
    luminance by a clear margin, because on a card with inks of several colours one channel can
    lose a whole ink while luminance keeps them all. Red text on a green band of the same
    lightness is nearly invisible in luminance and stark in the red channel."""
    if color.ndim == 2:
        return None
    factor = min(1.0, CHANNEL_SIDE / max(color.shape[:2]))
    small = cv2.resize(color, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else color
    best = ink_contrast(to_gray(small))
    chosen = None
    for index, channel in enumerate(cv2.split(small)):
        contrast = ink_contrast(channel)
        if contrast > CHANNEL_MARGIN * best:
            best, chosen = contrast, index
    return chosen


def text_gray(color: np.ndarray, channel: int | None) -> np.ndarray:
    """The gray rendering OCR reads: luminance, or the channel `ink_channel` chose."""
    if color.ndim == 2 or channel is None:
        return to_gray(color)
    return np.ascontiguousarray(color[:, :, channel])


def ground_and_polarity(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The local ground (background) brightness, and a 0..1 map that is 1 where the text is lighter
    than its ground, both at full size."""
    height, width = gray.shape[:2]
    factor = min(1.0, REDUCED_SIDE / max(height, width))
    small = cv2.resize(gray, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA) if factor < 1 else gray
    side = max(small.shape[:2])
    window = max(3, (side // 12) | 1)  # several text heights wide
    ground = cv2.medianBlur(small, window)
    diff = small.astype(np.float32) - ground.astype(np.float32)
    lighter = cv2.blur(np.maximum(diff, 0), (window, window))
    darker = cv2.blur(np.maximum(-diff, 0), (window, window))
    # Light text on a dark ground: deviations are mostly upward and the ground is not white.
    light_text = ((lighter > 1.3 * darker + 1.0) & (ground < 170)).astype(np.float32)
    polarity = cv2.blur(light_text, (window, window))
    size = (width, height)
    ground_full = cv2.resize(ground, size, interpolation=cv2.INTER_LINEAR)
    polarity_full = cv2.resize(polarity, size, interpolation=cv2.INTER_LINEAR)
    return ground_full, polarity_full


def normalize(gray: np.ndarray, high: float = 0.92) -> np.ndarray:
    """Dark text on white everywhere: flip light-text regions and divide out the local ground."""
    ground, polarity = ground_and_polarity(gray)
    g = gray.astype(np.float32)
    b = np.maximum(ground.astype(np.float32), 1.0)
    # Dark text on a light ground: pixel / ground (1 = ground, lower = ink); never below 0.
    mixed = np.minimum(np.divide(g, b, out=g), 1.0, out=g)
    # Light text on a dark ground: (255 - pixel) / (255 - ground), mixed in by the polarity map,
    # computed only over the rows and columns where that map is not 0 (most cards have no light
    # text at all): elsewhere the mix is the dark-text ratio exactly.
    rows, columns = np.flatnonzero(polarity.any(axis=1)), np.flatnonzero(polarity.any(axis=0))
    if rows.size:
        area = np.s_[rows[0] : rows[-1] + 1, columns[0] : columns[-1] + 1]
        gray_area, ground_area, share = gray[area].astype(np.float32), b[area], polarity[area]
        light_text = np.clip((255.0 - gray_area) / np.maximum(255.0 - ground_area, 1.0), 0, 1)
        mixed[area] = mixed[area] * (1 - share) + light_text * share
    return stretch(mixed, high)


def stretch(values: np.ndarray, high: float = 0.92) -> np.ndarray:
    """Spread 0..1 ink/ground ratios over 0..255 so the ink is near black and the ground white;
    ratios near 1 are the ground's own texture and noise, and become plain white. (Overwrites
    `values`, a float32 array.)"""
    low = float(np.percentile(values[::3, ::3], 0.5))  # a sample is plenty for a percentile
    scaled = np.subtract(values, np.float32(low), out=values)
    scaled = np.divide(scaled, np.float32(max(high - low, 1e-3)), out=scaled)
    scaled = np.multiply(scaled, np.float32(255.0), out=scaled)
    return np.clip(scaled, 0, 255, out=scaled).astype(np.uint8)
