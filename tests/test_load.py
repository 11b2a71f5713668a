"""The load stage: every kind of bad file gets one readable sentence naming it, never a traceback."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from capture.errors import ExitCode, InputFileError
from capture.load import load_image, load_image_bytes, sniff_format
from capture.settings import Settings


def jpeg_bytes(size: tuple[int, int] = (64, 40), **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG", **kwargs)  # type: ignore[arg-type]
    return buffer.getvalue()


BAD_FILES = [
    ("empty.jpg", b"", "is empty"),
    ("paper.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "is a PDF document"),
    ("notes.png", b"hello, this is not an image\n", "is a text file"),
    ("archive.jpg", b"PK\x03\x04" + b"\x00" * 40, "ZIP archive"),
    ("cut.jpg", jpeg_bytes((400, 300))[:300], "damaged or truncated"),
    ("noise.webp", b"\x00\x01\x02\x03" * 20, "not an image"),
]


@pytest.mark.parametrize(("name", "data", "problem"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gets_one_sentence_naming_it(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputFileError) as caught:
        load_image(path, Settings())
    message = str(caught.value)
    assert message.startswith(str(path)), message
    assert problem in message
    assert "\n" not in message
    assert caught.value.exit_code == ExitCode.BAD_INPUT


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="does not exist"):
        load_image(tmp_path / "nope.jpg", Settings())
    with pytest.raises(InputFileError, match="is a folder"):
        load_image(tmp_path, Settings())


def test_image_over_the_pixel_limit_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "huge.png"
    Image.new("L", (4000, 3000), 255).save(path)  # 12 MP, compresses to a few KB
    with pytest.raises(InputFileError, match=r"4000x3000 pixels \(12 megapixels\)"):
        load_image(path, Settings(max_megapixels=10))
    assert load_image(path, Settings(max_megapixels=13)).image.shape == (3000, 4000, 3)


def test_file_over_the_byte_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    path.write_bytes(jpeg_bytes((300, 300)))
    with pytest.raises(InputFileError, match="larger than"):
        load_image(path, Settings(max_bytes=1000))


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    # A landscape picture stored with EXIF orientation 6 (rotate 90° clockwise) must come out portrait.
    image = Image.new("RGB", (200, 100), "white")
    image.paste((0, 0, 0), (0, 0, 20, 20))  # a black square top-left of the stored pixels
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "sideways.jpg"
    image.save(path, exif=exif.tobytes(), quality=95)
    loaded = load_image(path, Settings())
    assert loaded.image.shape[:2] == (200, 100)  # height, width: now portrait
    assert loaded.original_size == (200, 100)
    # orientation 6 moves the stored top-left corner to the top-right
    assert loaded.image[5, 95].mean() < 60 and loaded.image[5, 5].mean() > 200


def test_heic_is_read(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    heif = pillow_heif.from_pillow(Image.new("RGB", (120, 80), (10, 200, 10)))
    path = tmp_path / "photo.heic"
    heif.save(path, quality=90)
    loaded = load_image(path, Settings())
    assert loaded.image.shape == (80, 120, 3)
    b, g, r = loaded.image[40, 60]
    assert g > 150 and r < 80 and b < 80  # BGR order


def test_content_decides_the_format_not_the_name(tmp_path: Path) -> None:
    path = tmp_path / "really-a-jpeg.png"
    path.write_bytes(jpeg_bytes())
    loaded = load_image(path, Settings())
    assert isinstance(loaded.image, np.ndarray) and loaded.image.dtype == np.uint8
    assert sniff_format(path.read_bytes()[:16]) == "JPEG"


def test_bytes_entry_point_names_the_upload() -> None:
    with pytest.raises(InputFileError, match=r"^upload\.jpg: is a PDF document"):
        load_image_bytes(b"%PDF-1.4 junk", "upload.jpg", Settings())
    assert len(load_image_bytes(jpeg_bytes(), "ok.jpg", Settings()).sha256) == 64


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_turns_like_pillow(tmp_path: Path, orientation: int) -> None:
    """All eight EXIF orientations (mirrored ones included) give the pixels Pillow's own
    `exif_transpose` gives; an asymmetric picture shows any wrong flip or turn."""
    pixels = np.zeros((40, 60, 3), np.uint8)
    pixels[:10, :20] = (255, 0, 0)  # a red block in the stored top-left corner
    pixels[30:, 50:] = (0, 0, 255)  # a blue one bottom-right, smaller
    pixels[:, 25:27] = (0, 255, 0)  # a green stripe off the centre
    image = Image.fromarray(pixels)
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / f"o{orientation}.png"
    image.save(path, exif=exif.tobytes())
    loaded = load_image(path, Settings())
    with Image.open(path) as stored:
        expected = np.asarray(ImageOps.exif_transpose(stored).convert("RGB"))[:, :, ::-1]
    assert loaded.image.shape == expected.shape
    assert np.array_equal(loaded.image, expected)


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P"])
def test_a_transparent_png_card_is_read_on_white(tmp_path: Path, mode: str) -> None:
    """Black text on a transparent ground (black under the transparency, as design tools often
    export): composed on white, the text stays black on a white card."""
    card = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    card.paste((0, 0, 0, 255), (40, 50, 260, 70))  # an opaque black stroke
    path = tmp_path / f"transparent-{mode}.png"
    if mode == "P":  # a palette image whose ground colour is marked transparent
        stored = card.convert("P", palette=Image.Palette.ADAPTIVE)
        stored.save(path, transparency=stored.getpixel((0, 0)))
    else:
        (card if mode == "RGBA" else card.convert(mode)).save(path)
    image = load_image(path, Settings()).image
    assert image[5, 5].tolist() == [255, 255, 255]  # the transparent ground is white
    assert image[60, 150].max() < 60  # the stroke is still dark
