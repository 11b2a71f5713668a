"""A small JPEG of the card, for the vCard's PHOTO and for review pages."""

from __future__ import annotations

import cv2
import numpy as np


def jpeg_thumbnail(image: np.ndarray, long_side: int = 640, quality: int = 80) -> bytes:
    """Encode a BGR or gray image as a JPEG whose longer side is at most `long_side` pixels."""
    height, width = image.shape[:2]
    factor = min(1.0, long_side / max(height, width))
    if factor < 1.0:
        image = cv2.resize(image, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:  # pragma: no cover - OpenCV encodes any uint8 image
        raise ValueError("the image could not be encoded as JPEG")
    return encoded.tobytes()


def shrink_jpeg(data: bytes, long_side: int = 640, quality: int = 80) -> bytes:
    """A smaller JPEG of a JPEG (the vCard's PHOTO need not be the full card scan)."""
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if image is None:
        raise ValueError("the bytes are not a JPEG image")
    return jpeg_thumbnail(image, long_side, quality)
