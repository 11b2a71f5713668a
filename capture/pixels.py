"""Stored pixels of any kind → the 8-bit BGR array every later stage reads.

Scanners and editors write more than 8-bit RGB: 16-bit and 32-bit grey, float TIFFs, 48-bit
colour, palettes, CMYK, CIELab, grey with alpha. Each arrives here as Pillow opened it, or (for
TIFFs Pillow cannot open, such as float RGB) as OpenCV decoded it, and leaves as 8-bit BGR on a
white ground. Nothing here reads files or names them: `capture.load` does, and words the errors.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

# Integer pixels are scaled by the smallest of these bit depths that holds the brightest one:
# a 12-bit scanner's values in a 16-bit file would otherwise come out nearly black.
INTEGER_DEPTHS = (8, 10, 12, 14, 16, 24, 32)
HIGH_DEPTH_MODES = frozenset({"I", "F", "I;16", "I;16L", "I;16B", "I;16N"})
TRANSPARENT_MODES = frozenset({"RGBA", "LA", "PA", "RGBa", "La"})


def to_uint8(pixels: np.ndarray) -> np.ndarray:
    """Any numeric pixel array scaled to 0-255, channels untouched.

    Integers are divided by the range of the smallest common bit depth holding their maximum
    (`INTEGER_DEPTHS`). Floats are taken as 0-1 when no value is above 1 (the usual convention),
    as 0-255 when none is above 255, else scaled by their own maximum. Negative values and NaN
    become 0."""
    if pixels.dtype == np.uint8:
        return pixels
    if pixels.dtype == np.bool_:
        return pixels.astype(np.uint8) * 255
    if np.issubdtype(pixels.dtype, np.integer):
        top = int(pixels.max(initial=0))
        bits = next((b for b in INTEGER_DEPTHS if top < 2**b), 64)
        if np.issubdtype(pixels.dtype, np.signedinteger):
            pixels = np.clip(pixels, 0, None)
        shifted: np.ndarray = np.right_shift(pixels, bits - 8)
        return shifted.astype(np.uint8)
    values = np.nan_to_num(pixels.astype(np.float32), nan=0.0, posinf=0.0, neginf=0.0)
    brightest = float(values.max(initial=0.0))
    scale = 255.0 if brightest <= 1.0 else (1.0 if brightest <= 255.0 else 255.0 / brightest)
    values *= scale
    np.clip(values, 0.0, 255.0, out=values)
    values += 0.5
    return values.astype(np.uint8)


def on_white(color: np.ndarray, alpha: np.ndarray) -> np.ndarray:
    """`color` (8-bit, any channel count) composed over white by an 8-bit `alpha`."""
    weight = alpha.astype(np.float32)[..., None] / 255.0 if color.ndim == 3 else alpha.astype(np.float32) / 255.0
    blended = color.astype(np.float32) * weight + 255.0 * (1.0 - weight)
    return (blended + 0.5).astype(np.uint8)


def bgr_from_array(pixels: np.ndarray) -> np.ndarray:
    """An OpenCV-decoded array (grey, grey+alpha, BGR or BGRA, any depth) as 8-bit BGR on white."""
    pixels = to_uint8(pixels)
    if pixels.ndim == 2:
        return cv2.cvtColor(pixels, cv2.COLOR_GRAY2BGR)
    channels = pixels.shape[2]
    if channels == 1:
        return cv2.cvtColor(pixels[..., 0], cv2.COLOR_GRAY2BGR)
    if channels == 2:
        return cv2.cvtColor(on_white(pixels[..., 0], pixels[..., 1]), cv2.COLOR_GRAY2BGR)
    if channels >= 4:
        return on_white(pixels[..., :3], pixels[..., 3])
    return pixels


def bgr_from_pillow(img: Image.Image) -> np.ndarray:
    """The current frame of an opened Pillow image as 8-bit BGR, transparency composed on white.

    A card exported with a transparent ground (a PNG from a design tool) keeps colour values
    under its transparent pixels, often black; composed on white it reads as printed."""
    if img.mode in HIGH_DEPTH_MODES:
        grey = to_uint8(np.asarray(img))
        return cv2.cvtColor(np.ascontiguousarray(grey), cv2.COLOR_GRAY2BGR)
    if img.mode in TRANSPARENT_MODES or "transparency" in img.info:
        rgba = img.convert("RGBA")
        rgb = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
    else:
        rgb = img if img.mode == "RGB" else img.convert("RGB")
    return cv2.cvtColor(np.asarray(rgb), cv2.COLOR_RGB2BGR)  # OpenCV's channel order


# ---- TIFF pages, read from the file's directories without decoding ---------------------------

TAG_SUBFILE_TYPE, TAG_WIDTH, TAG_HEIGHT, TAG_ORIENTATION = 254, 256, 257, 274
REDUCED_RESOLUTION = 1  # NewSubfileType bit 0: a thumbnail or preview of another page, not a page
TIFF_VALUE_FORMATS = {3: "H", 4: "I", 16: "Q"}  # SHORT, LONG, LONG8 (BigTIFF)


@dataclass(frozen=True)
class TiffPage:
    directory: int  # 0-based image file directory, as OpenCV counts pages
    width: int
    height: int
    orientation: int = 1
    reduced: bool = False  # a thumbnail of another page


def tiff_pages(data: bytes, most: int) -> list[TiffPage]:
    """Every image directory of a TIFF (classic or BigTIFF), at most `most` of them plus one.

    Raises ValueError when the directories are damaged (cut off, or chained in a loop)."""
    order = "<" if data[:2] == b"II" else ">"
    try:
        big = struct.unpack_from(order + "H", data, 2)[0] == 43
        count_format, offset_format = (("Q", "Q") if big else ("H", "I"))
        entry_size, value_at = (20, 12) if big else (12, 8)
        offset = struct.unpack_from(order + offset_format, data, 8 if big else 4)[0]
        pages: list[TiffPage] = []
        seen: set[int] = set()
        while offset and len(pages) <= most:
            if offset in seen:
                raise ValueError("its image directories are chained in a loop")
            seen.add(offset)
            count = struct.unpack_from(order + count_format, data, offset)[0]
            first = offset + struct.calcsize(count_format)
            tags: dict[int, int] = {}
            for number in range(min(count, 4096)):
                entry = first + number * entry_size
                tag, kind = struct.unpack_from(order + "HH", data, entry)
                if tag in (TAG_SUBFILE_TYPE, TAG_WIDTH, TAG_HEIGHT, TAG_ORIENTATION) and kind in TIFF_VALUE_FORMATS:
                    tags[tag] = struct.unpack_from(order + TIFF_VALUE_FORMATS[kind], data, entry + value_at)[0]
            pages.append(TiffPage(len(pages), tags.get(TAG_WIDTH, 0), tags.get(TAG_HEIGHT, 0),
                                  tags.get(TAG_ORIENTATION, 1),
                                  bool(tags.get(TAG_SUBFILE_TYPE, 0) & REDUCED_RESOLUTION)))
            offset = struct.unpack_from(order + offset_format, data, first + count * entry_size)[0]
    except struct.error:
        raise ValueError("its image directories are cut off") from None
    return pages


def decode_tiff_directory(data: bytes, directory: int) -> np.ndarray | None:
    """One TIFF directory decoded by OpenCV at its stored depth (None when OpenCV cannot)."""
    try:
        ok, mats = cv2.imdecodemulti(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED, None,
                                     (directory, directory + 1))
    except cv2.error:
        return None
    return mats[0] if ok and mats else None
