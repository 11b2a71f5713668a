"""Small card images drawn in the test itself, for tests that need real OCR but not the generator."""

from __future__ import annotations

import glob
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for pattern in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/**/LiberationSans-Regular.ttf",
    ):
        found = glob.glob(pattern, recursive=True)
        if found:
            return ImageFont.truetype(found[0], size)
    return ImageFont.load_default(size)


def draw_card(
    lines: list[tuple[str, int]],
    size: tuple[int, int] = (1050, 600),
    ink: str | tuple[int, int, int] = "black",
    ground: str | tuple[int, int, int] = "white",
) -> Image.Image:
    """A card (white unless `ground` says) with the given (text, font size) lines in `ink`,
    left-aligned from the top."""
    image = Image.new("RGB", size, ground)
    draw = ImageDraw.Draw(image)
    y = 60
    for text, points in lines:
        draw.text((70, y), text, fill=ink, font=font(points))
        y += int(points * 1.6)
    return image


def save_card(path: Path, lines: list[tuple[str, int]], **kwargs: object) -> Path:
    draw_card(lines).save(path, **kwargs)  # type: ignore[arg-type]
    return path


PERSON_CARD = [
    ("Jane Q. Example", 52),
    ("Head of Engineering", 32),
    ("Examplary Widgets Inc.", 32),
    ("jane.example@example.com", 30),
    ("Tel: +1 415 555 0134", 30),
]


SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "cards"


def sample_folder(folder: Path, stems: tuple[str, ...]) -> Path:
    """A folder holding copies of these committed sample cards (`samples/cards/<stem>.jpg`)."""
    folder.mkdir(parents=True)
    for stem in stems:
        (folder / f"{stem}.jpg").write_bytes((SAMPLES / f"{stem}.jpg").read_bytes())
    return folder
