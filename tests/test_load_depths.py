"""The load stage reads every bit depth and pixel mode scanners and editors write, and every page
of a multi-page TIFF; damaged files get a sentence, never a Python object's address."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from cardimages import PERSON_CARD, draw_card
from PIL import Image, ImageCms, TiffImagePlugin

from capture.api import scan_image
from capture.errors import InputFileError, NoTextFoundError
from capture.load import MAX_PAGES, load_image, load_image_bytes, load_pages
from capture.settings import Settings


def reference() -> np.ndarray:
    """A grey test picture: a light ground, dark 'text' blocks and a mid-grey ramp."""
    grey = np.full((150, 240), 232, np.uint8)
    grey[20:40, 20:200] = 35
    grey[60:75, 20:150] = 60
    grey[100:140, :] = np.linspace(0, 255, 240).astype(np.uint8)
    return grey


def pillow_bytes(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)  # type: ignore[arg-type]
    return buffer.getvalue()


def opencv_bytes(pixels: np.ndarray, suffix: str) -> bytes:
    ok, encoded = cv2.imencode(suffix, pixels)
    assert ok
    return encoded.tobytes()


def lab_tiff(grey: np.ndarray) -> bytes:
    to_lab = ImageCms.buildTransform(ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), "RGB", "LAB")
    return pillow_bytes(ImageCms.applyTransform(Image.fromarray(grey).convert("RGB"), to_lab), "TIFF")


def bgr(grey: np.ndarray) -> np.ndarray:
    return np.dstack([grey] * 3)


# (name, file bytes from the reference picture, largest mean difference in grey levels allowed)
ENCODINGS: list[tuple[str, Callable[[np.ndarray], bytes], float]] = [
    ("16-bit grey TIFF", lambda g: pillow_bytes(Image.fromarray(g.astype(np.uint16) * 257), "TIFF"), 1),
    ("16-bit grey PNG", lambda g: pillow_bytes(Image.fromarray(g.astype(np.uint16) * 257), "PNG"), 1),
    ("12-bit values in a 16-bit TIFF", lambda g: pillow_bytes(Image.fromarray(g.astype(np.uint16) * 16), "TIFF"), 1),
    ("16-bit grey TIFF from OpenCV", lambda g: opencv_bytes(g.astype(np.uint16) * 257, ".tif"), 1),
    ("32-bit integer TIFF", lambda g: pillow_bytes(Image.fromarray(g.astype(np.int32) * 257), "TIFF"), 1),
    ("float TIFF 0-1", lambda g: pillow_bytes(Image.fromarray(g.astype(np.float32) / 255), "TIFF"), 1),
    ("float TIFF 0-255", lambda g: pillow_bytes(Image.fromarray(g.astype(np.float32)), "TIFF"), 1),
    ("float colour TIFF", lambda g: opencv_bytes(bgr(g).astype(np.float32) / 255, ".tif"), 1),
    ("48-bit colour TIFF", lambda g: opencv_bytes(bgr(g).astype(np.uint16) * 257, ".tif"), 1),
    ("64-bit colour PNG with alpha", lambda g: opencv_bytes(
        np.dstack([bgr(g).astype(np.uint16) * 257, np.full(g.shape, 65535, np.uint16)]), ".png"), 1),
    ("palette PNG", lambda g: pillow_bytes(Image.fromarray(g).convert("P"), "PNG"), 2),
    ("palette PNG with a transparent colour", lambda g: pillow_bytes(
        Image.fromarray(g).convert("P"), "PNG", transparency=255), 2),
    ("CMYK TIFF", lambda g: pillow_bytes(Image.fromarray(g).convert("RGB").convert("CMYK"), "TIFF"), 1),
    ("CMYK JPEG", lambda g: pillow_bytes(Image.fromarray(g).convert("RGB").convert("CMYK"), "JPEG", quality=95), 3),
    ("CIELab TIFF", lab_tiff, 3),
    ("YCbCr TIFF", lambda g: pillow_bytes(Image.fromarray(g).convert("RGB").convert("YCbCr"), "TIFF"), 2),
    ("grey with alpha PNG", lambda g: pillow_bytes(Image.fromarray(g).convert("LA"), "PNG"), 1),
    ("16-bit grey with alpha PNG", lambda g: opencv_bytes(
        np.dstack([g.astype(np.uint16) * 257] * 3 + [np.full(g.shape, 65535, np.uint16)]), ".png"), 1),
]


@pytest.mark.parametrize(("name", "encode", "tolerance"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_every_depth_and_mode_loads_as_the_picture_it_stores(
    name: str, encode: Callable[[np.ndarray], bytes], tolerance: float
) -> None:
    grey = reference()
    loaded = load_image_bytes(encode(grey), f"{name}.tif", Settings())
    assert loaded.image.dtype == np.uint8 and loaded.image.shape == (*grey.shape, 3)
    seen = cv2.cvtColor(loaded.image, cv2.COLOR_BGR2GRAY).astype(np.float32)
    difference = float(np.abs(seen - grey).mean())
    assert difference <= tolerance, f"{name}: mean difference {difference:.1f} grey levels"


def test_a_bilevel_scan_keeps_its_black_and_white() -> None:
    grey = reference()
    loaded = load_image_bytes(pillow_bytes(Image.fromarray(grey).convert("1"), "TIFF"), "fax.tif", Settings())
    assert set(np.unique(loaded.image)) == {0, 255}
    assert loaded.image[30, 100].max() == 0 and loaded.image[5, 5].min() == 255


def write_pages(path: Path, pages: list[tuple[Image.Image, dict[int, int]]]) -> Path:
    """A multi-page TIFF whose pages each carry their own tags (e.g. 254 NewSubfileType, 274 Orientation)."""
    with TiffImagePlugin.AppendingTiffWriter(str(path), new=True) as out:
        for image, tags in pages:
            info = TiffImagePlugin.ImageFileDirectory_v2()
            for tag, value in tags.items():
                info[tag] = value
            image.save(out, "TIFF", tiffinfo=info)
            out.newFrame()
    return path


def test_every_page_of_a_tiff_is_loaded_and_thumbnails_are_not_pages(tmp_path: Path) -> None:
    first = Image.new("L", (120, 80), 30)
    second = Image.new("L", (80, 120), 220)
    thumbnail = Image.new("L", (12, 8), 128)
    sideways = Image.new("L", (100, 60), 255)
    sideways.paste(0, (0, 0, 10, 60))  # a black stripe on its left edge
    path = write_pages(tmp_path / "scan.tif",
                       [(first, {}), (thumbnail, {254: 1}), (second, {}), (sideways, {274: 6})])
    pages = list(load_pages(path, Settings()))
    assert [(p.page, p.pages) for p in pages] == [(1, 3), (2, 3), (3, 3)]
    assert [p.original_size for p in pages] == [(120, 80), (80, 120), (100, 60)]
    assert pages[0].image.mean() == pytest.approx(30, abs=1) and pages[1].image.mean() == pytest.approx(220, abs=1)
    turned = pages[2].image
    assert turned.shape[:2] == (100, 60)  # EXIF/TIFF orientation 6: turned a quarter clockwise
    assert turned[:10, :].max() == 0 and turned[50:, :].min() == 255
    assert load_image(path, Settings()).page == 1  # the single-image call gives the first page


def test_too_many_pages_or_one_oversized_page_is_refused_before_decoding(tmp_path: Path) -> None:
    many = write_pages(tmp_path / "book.tif", [(Image.new("L", (8, 8), 200), {})] * (MAX_PAGES + 1))
    with pytest.raises(InputFileError, match=f"more than {MAX_PAGES} pages.*split it first"):
        load_image(many, Settings())
    big = write_pages(tmp_path / "big.tif", [(Image.new("L", (100, 100)), {}), (Image.new("L", (4000, 3000)), {})])
    with pytest.raises(InputFileError) as caught:
        load_image(big, Settings(max_megapixels=10))
    assert str(caught.value) == (f"{big}: page 2 of 2 is 4000x3000 pixels (12 megapixels), more than the "
                                 "10-megapixel limit; scale it down first")


def tiff_with_looping_directories() -> bytes:
    """A little-endian TIFF whose only image directory names itself as the next one."""
    header = b"II*\x00" + (8).to_bytes(4, "little")
    entries = [(256, 3, 1, 8), (257, 3, 1, 8), (258, 3, 1, 8), (259, 3, 1, 1), (262, 3, 1, 1), (273, 4, 1, 200),
               (277, 3, 1, 1), (278, 3, 1, 8), (279, 4, 1, 64)]
    directory = len(entries).to_bytes(2, "little")
    for tag, kind, count, value in entries:
        directory += tag.to_bytes(2, "little") + kind.to_bytes(2, "little") + count.to_bytes(4, "little")
        directory += value.to_bytes(4, "little")
    directory += (8).to_bytes(4, "little")  # next directory: this one again
    data = header + directory
    return data + b"\x00" * (200 - len(data)) + b"\x80" * 64


DAMAGED = [
    ("header.jpg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40, "is a damaged JPEG image: its header cannot be read"),
    ("loop.tif", tiff_with_looping_directories(), "is a damaged TIFF image: its image directories are chained in"),
    ("cut.tif", b"II*\x00" + (4000).to_bytes(4, "little") + b"\x00" * 100, "is a damaged TIFF image: its image dir"),
    ("noise.png", b"\x89PNG\r\n\x1a\n" + b"\x13" * 300, "is a damaged PNG image"),
]


@pytest.mark.parametrize(("name", "data", "problem"), DAMAGED, ids=[d[0] for d in DAMAGED])
def test_damaged_images_get_a_sentence_without_python_internals(name: str, data: bytes, problem: str) -> None:
    with pytest.raises(InputFileError) as caught:
        load_image_bytes(data, name, Settings())
    message = str(caught.value)
    assert message.startswith(f"{name}: {problem}"), message
    assert "0x" not in message and "<" not in message and "object" not in message


def test_a_16_bit_scan_of_a_card_is_read(tmp_path: Path) -> None:
    # as a flatbed scans it: dark grey ink on off-white paper, every level above 255 in 16 bits
    scanned = draw_card(PERSON_CARD, ink=(40, 40, 40), ground=(235, 235, 235)).convert("L")
    card = np.asarray(scanned).astype(np.uint16) * 257
    path = tmp_path / "flatbed.tif"
    Image.fromarray(card).save(path)
    [result] = scan_image(path, Settings(engine="tesseract"))
    assert [e.address for e in result.contact.emails] == ["jane.example@example.com"]

@pytest.mark.slow  # each page read with the real Tesseract

def test_each_page_of_a_tiff_is_its_own_card_and_a_blank_back_adds_none(tmp_path: Path) -> None:
    other = [("Rui Barbosa", 52), ("Sales Director", 32), ("rui.barbosa@example.org", 30)]
    blank = Image.new("RGB", (1050, 600), "white")
    path = write_pages(tmp_path / "duplex.tif",
                       [(draw_card(PERSON_CARD), {}), (blank, {}), (draw_card(other), {})])
    results = scan_image(path, Settings(engine="tesseract"))
    # each page reads as that card alone does (Tesseract 5.5 reads this drawing's "rui" as "rul")
    alone = write_pages(tmp_path / "other.tif", [(draw_card(other), {})])
    [other_alone] = scan_image(alone, Settings(engine="tesseract"))
    assert other_alone.contact.emails[0].address.endswith(".barbosa@example.org")
    assert [r.contact.emails[0].address for r in results] == [
        "jane.example@example.com", other_alone.contact.emails[0].address,
    ]
    assert [(r.index, r.count, r.stem_suffix) for r in results] == [(1, 2, "-1"), (2, 2, "-2")]
    empty = write_pages(tmp_path / "blank.tif", [(blank, {}), (blank, {})])
    with pytest.raises(NoTextFoundError, match="no readable text on any of its pages"):
        scan_image(empty, Settings(engine="tesseract"))
