"""The preprocessing stage with real Tesseract: every orientation reads upright, dark cards and light
text on dark bands read, EXIF-rotated photos arrive upright, and --debug-dir gets each stage."""

from __future__ import annotations

import random
import re
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from capture.load import LoadedImage, load_image
from capture.ocr.engine import OcrEngine, create_engine
from capture.ocr.result import OcrPage
from capture.preprocess import PreparedCard, prepare_cards
from capture.preprocess.choose import read_best
from capture.preprocess.enhance import normalize
from capture.settings import Settings
from samples.generate import CardSpec, photograph, random_card, render_card
from tests.cardimages import font

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    not __import__("shutil").which("tesseract"), reason="Tesseract is not installed"
)]


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return create_engine("tesseract", Settings(engine="tesseract"))


def loaded(image: np.ndarray, name: str = "card.jpg") -> LoadedImage:
    return LoadedImage(name, "0" * 64, image, (image.shape[1], image.shape[0]))


def to_bgr(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"))[:, :, ::-1].copy()


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def read_card(image: np.ndarray, engine: OcrEngine, settings: Settings | None = None) -> tuple[PreparedCard, OcrPage]:
    settings = settings or Settings(engine="tesseract")
    cards = prepare_cards(loaded(image), settings)
    assert len(cards) == 1
    return cards[0], read_best(cards[0], engine, settings)


def fold(text: str) -> str:
    """Lower case, no spaces, and the l/I/1 and O/0 look-alikes merged (a fair OCR slip)."""
    return text.lower().replace(" ", "").translate(str.maketrans("i1o", "ll0"))


def read_well(spec: CardSpec, page: OcrPage) -> bool:
    """At least two of the card's email, first phone number and family (or organization) name are
    in the OCR text: an upside-down or unreadable card gives none of them."""
    text = fold(page.text)
    facts = [
        bool(spec.emails) and fold(spec.emails[0]) in text,
        bool(spec.phones) and digits(spec.phones[0].e164)[-7:] in digits(page.text),
        fold(spec.family or spec.org or "\0") in text,
    ]
    return sum(facts) >= 2


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_every_rotation_reads_upright(engine: OcrEngine, rotation: int) -> None:
    rng = random.Random(31)
    spec = random_card(rng, kind="person", dark=False)
    photo, _ = photograph(render_card(spec, rng), random.Random(40 + rotation), rotation=rotation)
    card, page = read_card(to_bgr(photo), engine)
    quarter = card.rotation == 270
    half = page.rotation == 180
    # photograph() turns the card clockwise; undoing 90 is a quarter turn back, 270 a quarter and a half
    assert (quarter, half) == {0: (False, False), 90: (True, False), 180: (False, True), 270: (True, True)}[rotation]
    assert read_well(spec, page), page.text


def test_dark_card_is_read(engine: OcrEngine) -> None:
    rng = random.Random(32)
    spec = random_card(rng, kind="person", dark=True)
    photo, _ = photograph(render_card(spec, rng), random.Random(33), rotation=0)
    _, page = read_card(to_bgr(photo), engine)
    assert read_well(spec, page), page.text


def banded_card() -> np.ndarray:
    """Left third: white text on a dark green band; the rest: black text on white, lit unevenly."""
    image = Image.new("RGB", (1500, 860), "white")
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 520, 860), fill=(20, 90, 40))
    draw.text((40, 300), "NORTHWIND", fill="white", font=font(64))
    draw.text((40, 420), "Traders", fill="white", font=font(64))
    draw.text((600, 300), "Maria Anders", fill="black", font=font(64))
    draw.text((600, 420), "+1 206 555 0142", fill="black", font=font(56))
    pixels = np.asarray(image, np.float32)
    light = np.linspace(1.0, 0.55, pixels.shape[1], dtype=np.float32)[None, :, None]  # shadow on one side
    return np.clip(pixels * light, 0, 255).astype(np.uint8)[:, :, ::-1].copy()


def test_normalize_makes_light_text_on_a_band_dark_on_white() -> None:
    gray = cv2.cvtColor(banded_card(), cv2.COLOR_BGR2GRAY)
    flat = normalize(gray)
    band, plain = flat[250:520, 20:500], flat[250:520, 620:1400]
    for region in (band, plain):
        ground = np.median(region)
        ink = np.percentile(region, 2)
        assert ground > 200 and ink < 90  # white ground, dark ink, in both regions


def test_light_text_on_a_dark_band_is_read(engine: OcrEngine) -> None:
    _, page = read_card(banded_card(), engine)
    text = page.text.upper()
    assert "NORTHWIND" in text and "ANDERS" in text
    assert "2065550142" in digits(page.text)


def test_exif_rotated_photo_arrives_upright(tmp_path: Path, engine: OcrEngine) -> None:
    rng = random.Random(34)
    spec = random_card(rng, kind="person", dark=False)
    photo, _ = photograph(render_card(spec, rng), random.Random(35), rotation=0)
    stored = photo.transpose(Image.Transpose.ROTATE_90)  # stored sideways, as a phone held on its side
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    path = tmp_path / "sideways.jpg"
    stored.save(path, exif=exif.tobytes(), quality=92)
    image = load_image(path, Settings(engine="tesseract"))
    assert image.image.shape[:2] == (photo.height, photo.width)
    cards = prepare_cards(image, Settings(engine="tesseract"))
    assert cards[0].rotation == 0
    page = read_best(cards[0], engine, Settings(engine="tesseract"))
    assert page.rotation == 0
    assert read_well(spec, page), page.text


def test_heic_photo_goes_through_the_pipeline(tmp_path: Path, engine: OcrEngine) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    rng = random.Random(36)
    spec = random_card(rng, kind="person", dark=False)
    photo, _ = photograph(render_card(spec, rng), random.Random(37), rotation=0)
    path = tmp_path / "photo.heic"
    pillow_heif.from_pillow(photo).save(path, quality=92)
    cards = prepare_cards(load_image(path, Settings(engine="tesseract")), Settings(engine="tesseract"))
    assert read_well(spec, read_best(cards[0], engine, Settings(engine="tesseract")))


def test_debug_dir_gets_an_image_per_stage(tmp_path: Path, engine: OcrEngine) -> None:
    rng = random.Random(38)
    photo, _ = photograph(render_card(random_card(rng), rng), random.Random(39), rotation=90)
    settings = Settings(engine="tesseract", debug_dir=tmp_path / "debug")
    cards = prepare_cards(loaded(to_bgr(photo), "desk.jpg"), settings)
    read_best(cards[0], engine, settings)
    names = sorted(p.name for p in (tmp_path / "debug").iterdir())
    for stage in ("0-outline", "1-card", "2-upright", "3-gray", "4-normalized"):
        assert f"desk.{stage}.png" in names
    assert any(name.startswith("desk.5-read-") for name in names)
    upright = cv2.imread(str(tmp_path / "debug" / "desk.2-upright.png"))
    assert upright is not None and upright.shape[1] > upright.shape[0]  # the sideways card was turned to landscape


def test_a_tiny_time_budget_stops_extra_renderings(engine: OcrEngine) -> None:
    rng = random.Random(41)
    photo, _ = photograph(render_card(random_card(rng, dark=True), rng), random.Random(42), rotation=180)
    cards = prepare_cards(loaded(to_bgr(photo)), Settings(engine="tesseract"))
    tight = read_best(cards[0], engine, Settings(engine="tesseract", time_budget=0.001))
    # only the reading and (for a weak first reading) its half turn; no other rendering is tried
    assert int(tight.extra["readings"]) <= 2
    assert "normalized" not in tight.extra["tried"]


@pytest.mark.parametrize(("mode", "renderings"), [("tesseract", 1), ("both", 0), ("ppocr", 0)])
def test_other_renderings_are_made_only_for_tesseract_alone(mode: str, renderings: int) -> None:
    rng = random.Random(43)
    photo, _ = photograph(render_card(random_card(rng), rng), random.Random(44), rotation=0)
    cards = prepare_cards(loaded(to_bgr(photo)), Settings(engine=mode))  # type: ignore[arg-type]
    assert len(cards[0].variants) == renderings
