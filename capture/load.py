"""Load stage: bytes on disk → an upright BGR image, or one clear sentence saying why not.

The file's *content* decides what it is (a PDF renamed .jpg is caught), its size is checked
before decoding (decompression bombs), and EXIF orientation is applied so a phone photo taken
sideways arrives upright.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from capture.errors import (
    DamagedImageError,
    ImageTooLargeError,
    InputFileError,
    NotAnImageError,
    unreadable_problem,
)
from capture.pixels import TiffPage, bgr_from_array, bgr_from_pillow, decode_tiff_directory, tiff_pages
from capture.settings import Settings

try:  # HEIC/HEIF (iPhone photos)
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - pillow-heif is a declared dependency
    pass

# We check the pixel count ourselves, with a readable message, before Pillow decodes anything.
Image.MAX_IMAGE_PIXELS = None

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".heic", ".heif", ".bmp"})

# Pages of one TIFF read as cards; a longer document is refused with a sentence (split it first),
# so a file cannot hold an unbounded amount of work.
MAX_PAGES = 50


@dataclass(frozen=True)
class LoadedImage:
    path: str
    sha256: str
    image: np.ndarray  # BGR, uint8, upright
    original_size: tuple[int, int]  # (width, height) as stored in the file
    page: int = 1  # 1-based page of a multi-page TIFF
    pages: int = 1


@dataclass(frozen=True)
class DecodedPage:
    image: np.ndarray  # BGR, uint8, upright
    size: tuple[int, int]  # (width, height) as stored
    page: int
    pages: int


def sniff_format(head: bytes) -> str | None:
    """Name the format from the first bytes of a file, or None when it is not one we read."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif"):
        return "HEIF"
    if head.startswith(b"BM"):
        return "BMP"
    return None


def describe_non_image(head: bytes) -> str:
    """A human name for common files that are not images, for the error sentence."""
    if head.startswith(b"%PDF"):
        return "is a PDF document, not an image; export the page as JPEG or PNG first"
    if head.startswith(b"PK\x03\x04"):
        return "is a ZIP archive (or an office document), not an image"
    if head.startswith(b"GIF8"):
        return "is a GIF; cardcap reads JPEG, PNG, TIFF, WebP, HEIC and BMP images"
    if head[:1] in (b"{", b"<") or head.isascii():
        return "is a text file, not an image"
    return "is not an image cardcap can read (JPEG, PNG, TIFF, WebP, HEIC or BMP)"


def hash_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        if path.is_dir():
            raise InputFileError(path, "is a folder, not an image; use `cardcap batch` for folders")
        size = path.stat().st_size
    except OSError as error:
        raise InputFileError(path, unreadable_problem(error)) from None
    if size == 0:
        raise NotAnImageError(path, "is empty (0 bytes)")
    if size > settings.max_bytes:
        raise ImageTooLargeError(
            path, f"is {size / 1e6:.0f} MB, larger than the {settings.max_bytes / 1e6:.0f} MB limit for one image"
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputFileError(path, unreadable_problem(error)) from None


EXIF_ORIENTATION = 0x0112


def exif_orientation(img: Image.Image) -> int:
    try:
        value = int(img.getexif().get(EXIF_ORIENTATION, 1))
    except (TypeError, ValueError):
        return 1
    return value if 1 <= value <= 8 else 1


def turn_upright(bgr: np.ndarray, orientation: int) -> np.ndarray:
    """Apply an EXIF orientation (2-8) to decoded pixels, as Pillow's `exif_transpose` does.

    OpenCV's rotations are several times faster than Pillow's on a 10-megapixel photo, and a
    phone photo taken sideways is the usual case, not the exception."""
    if orientation == 2:
        return cv2.flip(bgr, 1)
    if orientation == 3:
        return cv2.rotate(bgr, cv2.ROTATE_180)
    if orientation == 4:
        return cv2.flip(bgr, 0)
    if orientation == 5:
        return cv2.transpose(bgr)
    if orientation == 6:
        return cv2.rotate(bgr, cv2.ROTATE_90_CLOCKWISE)
    if orientation == 7:
        return cv2.flip(cv2.transpose(bgr), -1)
    if orientation == 8:
        return cv2.rotate(bgr, cv2.ROTATE_90_COUNTERCLOCKWISE)
    return bgr


def whole_jpeg(data: bytes, img: Image.Image) -> bool:
    """A JPEG that ends with its end-of-image marker, in colours OpenCV converts as Pillow does.

    Only such files take OpenCV's decoder: it fills the array directly (Pillow decodes, then
    copies into numpy: 0.05-0.08 s against 0.03 s on a 10-megapixel photo), but it decodes a
    truncated file without complaint, where Pillow names the damage."""
    ends_whole = data[-64:].rstrip(b"\0")[-2:] == b"\xff\xd9"  # the tail only: no copy of the file
    return img.format == "JPEG" and img.mode in ("RGB", "L") and ends_whole


def decode_pixels(data: bytes, img: Image.Image) -> np.ndarray:
    """The current frame's stored pixels (EXIF orientation not yet applied) as 8-bit BGR."""
    if whole_jpeg(data, img):
        flags = cv2.IMREAD_COLOR | cv2.IMREAD_IGNORE_ORIENTATION
        pixels = cv2.imdecode(np.frombuffer(data, np.uint8), flags)
        if pixels is not None:
            return pixels
    img.load()
    return bgr_from_pillow(img)


# What decoders raise on hostile or damaged bytes (Pillow's plugins and OpenCV alike).
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError, ZeroDivisionError,
                 struct.error, cv2.error)
ADDRESS_RE = re.compile(r"\s*<[^<>]*\bat 0x[0-9a-f]+>", re.IGNORECASE)


def page_words(page: int, pages: int) -> str:
    return f"page {page} of {pages} " if pages > 1 else ""


def damage_problem(kind: str, error: BaseException, where: str = "") -> str:
    """The sentence for bytes that claim to be `kind` but do not decode; never a Python object's repr."""
    detail = ADDRESS_RE.sub("", str(error)).strip()
    lowered = detail.lower()
    if isinstance(error, UnidentifiedImageError) or "cannot identify" in lowered:
        return f"{where}is a damaged {kind} image: its header cannot be read"
    if any(word in lowered for word in ("truncated", "premature", "broken", "cut off")):
        return f"{where}is a damaged or truncated {kind} image"
    reason = f" ({detail})" if detail else f" ({type(error).__name__})"
    return f"{where}looks like a {kind} image but cannot be decoded{reason}"


def check_pixels(name: str | Path, width: int, height: int, settings: Settings, where: str = "") -> None:
    megapixels = width * height / 1e6
    if megapixels > settings.max_megapixels:
        raise ImageTooLargeError(
            name,
            f"{where}is {width}x{height} pixels ({megapixels:.0f} megapixels), more than the "
            f"{settings.max_megapixels:g}-megapixel limit; scale it down first",
        )


def tiff_directories(data: bytes, name: str | Path, settings: Settings) -> list[TiffPage]:
    """The pages of a TIFF (thumbnails of other pages left out), each checked for size before decoding."""
    try:
        directories = tiff_pages(data, MAX_PAGES)
    except ValueError as error:
        raise DamagedImageError(name, f"is a damaged TIFF image: {error}") from None
    pages = [d for d in directories if not d.reduced] or directories[:1]
    if not pages:
        raise DamagedImageError(name, "is a damaged TIFF image: it holds no image directory")
    if len(pages) > MAX_PAGES:
        raise InputFileError(name, f"has more than {MAX_PAGES} pages; cardcap reads at most {MAX_PAGES} pages "
                                   "of one file, so split it first")
    for number, page in enumerate(pages, 1):
        check_pixels(name, page.width, page.height, settings, page_words(number, len(pages)))
    return pages


def decode_pages(data: bytes, name: str | Path, settings: Settings) -> Iterator[DecodedPage]:
    """Every page of an image (one, except for multi-page TIFFs) as upright 8-bit BGR, decoded one
    at a time; a file that is not a safe image is refused with `InputFileError` before any page."""
    kind = sniff_format(data[:16])
    if kind is None:
        raise NotAnImageError(name, describe_non_image(data[:64]))
    directories = tiff_directories(data, name, settings) if kind == "TIFF" else None
    img = open_image(data, name, kind)
    if img is None:
        assert directories is not None
        yield from opencv_tiff_pages(data, name, directories)  # float colour and other TIFFs Pillow lacks
        return
    with img:
        frames = [d.directory for d in directories] if directories else [0]
        if directories is None:
            check_pixels(name, *img.size, settings)
        for number, frame in enumerate(frames, 1):
            where = page_words(number, len(frames))
            try:
                img.seek(frame)
                check_pixels(name, *img.size, settings, where)  # the frame's own header, in case it differs
                size = (directories[number - 1].width, directories[number - 1].height) if directories else img.size
                orientation = exif_orientation(img)
                bgr = decode_pixels(data, img)
                if img.format == "TIFF" and EXIF_ORIENTATION not in getattr(img, "tag_v2", {}):
                    orientation = 1  # Pillow turned the page itself while loading it (and dropped the tag)
            except InputFileError:
                raise
            except DECODE_ERRORS as error:
                raise DamagedImageError(name, damage_problem(kind, error, where)) from None
            yield DecodedPage(turn_upright(bgr, orientation), size, number, len(frames))


def opencv_tiff_pages(data: bytes, name: str | Path, pages: list[TiffPage]) -> Iterator[DecodedPage]:
    for number, page in enumerate(pages, 1):
        pixels = decode_tiff_directory(data, page.directory)
        if pixels is None:
            where = page_words(number, len(pages))
            raise DamagedImageError(name, f"{where}is a TIFF image in a form cardcap cannot decode")
        orientation = page.orientation if 1 <= page.orientation <= 8 else 1
        yield DecodedPage(turn_upright(bgr_from_array(pixels), orientation), (page.width, page.height),
                          number, len(pages))


def decode_image(data: bytes, name: str | Path, settings: Settings) -> tuple[np.ndarray, tuple[int, int]]:
    """The first page of an image as upright BGR, refusing what is not a safe image."""
    first = next(decode_pages(data, name, settings))
    return first.image, first.size


def load_pages(source: str | Path, settings: Settings) -> Iterator[LoadedImage]:
    """Every page of one image file, read one at a time; `InputFileError` with a sentence on any problem."""
    path = Path(source)
    data = read_bytes(path, settings)
    sha = hash_bytes(data)
    for page in decode_pages(data, path, settings):
        yield LoadedImage(str(source), sha, page.image, page.size, page.page, page.pages)


def check_bytes(data: bytes, name: str, settings: Settings, header: bool = False) -> str:
    """What image bytes are checked for before any pixel is decoded: not empty, within the byte
    limit, a format cardcap reads; with `header`, also the pixel size its header gives (a web upload,
    before it is kept; a header Pillow cannot read is left to the decoding). Returns the format."""
    if not data:
        raise NotAnImageError(name, "is empty (0 bytes)")
    if len(data) > settings.max_bytes:
        raise ImageTooLargeError(name, f"is larger than the {settings.max_bytes / 1e6:.0f} MB limit for one image")
    kind = sniff_format(data[:16])
    if kind is None:
        raise NotAnImageError(name, describe_non_image(data[:64]))
    if header:
        img = open_image(data, name, kind)
        if img is not None:
            with img:
                check_pixels(name, *img.size, settings)
    return kind


def open_image(data: bytes, name: str | Path, kind: str) -> Image.Image | None:
    """The image opened by Pillow (its header read, no pixel decoded); None for a TIFF that Pillow
    cannot read (OpenCV reads those); `DamagedImageError` when the header cannot be read."""
    try:
        return Image.open(io.BytesIO(data))
    except UnidentifiedImageError as error:
        if kind == "TIFF":
            return None
        raise DamagedImageError(name, damage_problem(kind, error)) from None
    except DECODE_ERRORS as error:
        raise DamagedImageError(name, damage_problem(kind, error)) from None


def load_pages_bytes(data: bytes, name: str, settings: Settings) -> Iterator[LoadedImage]:
    """Like `load_pages`, for bytes that arrived another way (a web upload)."""
    check_bytes(data, name, settings)
    sha = hash_bytes(data)
    for page in decode_pages(data, name, settings):
        yield LoadedImage(name, sha, page.image, page.size, page.page, page.pages)


def load_image(source: str | Path, settings: Settings) -> LoadedImage:
    """The first (usually the only) page of one image file; `InputFileError` on any problem."""
    return next(load_pages(source, settings))


def load_image_bytes(data: bytes, name: str, settings: Settings) -> LoadedImage:
    """Like `load_image`, for bytes that arrived another way (a web upload)."""
    return next(load_pages_bytes(data, name, settings))
