"""A single card is never split into two: a coloured band or a photo printed on the card is part of
it (generated cards, flat and photographed)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from capture.load import load_image
from capture.preprocess import prepare_cards
from capture.settings import Settings
from samples.generate import photograph, random_card, render_card


def decorated(seed: int, kind: str) -> Image.Image:
    rng = random.Random(seed)
    image = render_card(random_card(rng), rng)
    draw = ImageDraw.Draw(image)
    if kind == "photo":  # a portrait-sized block of busy pixels at the side
        pixels = np.array(image)
        pixels[60:540, 760:1010] = np.random.default_rng(seed).integers(0, 255, (480, 250, 3), dtype=np.uint8)
        image = Image.fromarray(pixels)
    elif kind == "side band":
        draw.rectangle((0, 0, 300, 600), fill=(20, 60, 140))
    elif kind == "cross band":
        draw.rectangle((0, 250, 1050, 330), fill=(180, 30, 30))
    return image


@pytest.mark.slow  # decorated cards rendered and photographed
@pytest.mark.parametrize("kind", ["photo", "side band", "cross band"])
@pytest.mark.parametrize("photographed", [False, True])
def test_a_decorated_card_stays_one_card(tmp_path: Path, kind: str, photographed: bool) -> None:
    for seed in range(2):
        image = decorated(seed, kind)
        if photographed:
            image, _ = photograph(image, random.Random(seed))
        path = tmp_path / f"{seed}.jpg"
        image.save(path)
        assert len(prepare_cards(load_image(path, Settings()), Settings())) == 1, (kind, seed)
