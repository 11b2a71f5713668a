"""The synthetic card generator: deterministic, valid truth, honest geometry, committed set in sync."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import phonenumbers
import pytest
from email_validator import validate_email
from PIL import Image

from samples.generate import (
    REGION_CODES,
    build_item,
    generate,
    label_for,
    photograph,
    plan,
    random_card,
    render_card,
    scan_sheet,
)

CARDS = Path(__file__).resolve().parent.parent / "samples" / "cards"
REAL_KEYS = ["id", "image", "region", "lang", "kind", "name", "name_prefix", "name_suffix", "name_native",
             "given", "family", "title", "department", "org", "emails", "phones", "urls", "addresses",
             "legible", "notes", "source"]


def check_label(label: dict) -> None:
    assert list(label)[: len(REAL_KEYS)] == REAL_KEYS
    assert label["region"] in REGION_CODES
    assert label["kind"] in ("person", "business")
    assert label["org"]
    if label["kind"] == "person":
        assert label["name"] and label["given"] in label["name"] and label["family"] in label["name"]
    else:
        assert label["name"] is None and label["given"] is None
    for phone in label["phones"]:
        number = phonenumbers.parse(phone["e164"])
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.region_code_for_number(number) == label["region"], phone
        assert phone["type"] in ("work", "mobile", "fax", "other")
        if phone["type"] == "mobile" and label["region"] != "US":
            assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    for email in label["emails"]:
        assert validate_email(email, check_deliverability=False).normalized == email
    for url in label["urls"]:
        assert "://" not in url and "." in url
    for adr in label["addresses"]:
        assert adr["street"] and adr["city"] and adr["postal_code"]


def test_same_seed_same_card_and_image() -> None:
    spec_a = random_card(random.Random(42), "DE")
    spec_b = random_card(random.Random(42), "DE")
    assert spec_a == spec_b
    img_a = np.asarray(render_card(spec_a, random.Random(1)))
    img_b = np.asarray(render_card(spec_b, random.Random(1)))
    assert np.array_equal(img_a, img_b)
    other = random_card(random.Random(43), "DE")
    assert other != spec_a


@pytest.mark.parametrize("region", REGION_CODES)
def test_every_label_validates(region: str) -> None:
    for seed in range(25):
        spec = random_card(random.Random(seed), region)
        assert spec.region == region
        check_label(label_for(spec, f"S/{seed}", f"S_{seed}.jpg"))
        for phone in spec.phones:  # the printed text parses back to the truth
            parsed = phonenumbers.parse(phone.printed, region)
            assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == phone.e164


def test_variety_over_many_cards() -> None:
    specs = [random_card(random.Random(seed)) for seed in range(200)]
    assert {s.region for s in specs} == set(REGION_CODES)
    assert {s.style.layout for s in specs} >= {"left", "right", "centered", "two_column", "band", "logo"}
    assert any(s.kind == "business" for s in specs)
    assert any(s.style.dark for s in specs)
    assert any(s.name_prefix for s in specs) and any(s.name_suffix for s in specs)
    labels = {p.label for s in specs for p in s.phones}
    assert None in labels and {"Fax:", "M:", "Mobile", "Cell:"} <= labels
    assert any(u.startswith("linkedin.com/") for s in specs for u in s.urls)


def test_flat_card_is_business_card_sized_and_shows_its_text() -> None:
    spec = random_card(random.Random(5), "US")
    card = render_card(spec, random.Random(5))
    assert card.size == (1050, 600)
    pixels = np.asarray(card.convert("L"))
    background = np.median(pixels)
    assert (np.abs(pixels.astype(int) - background) > 80).mean() > 0.01  # there is ink


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_photograph_corners_lie_on_the_card(rotation: int) -> None:
    # a card of one saturated color with a distinct top-left quarter, to check corner order too
    card = Image.new("RGB", (1050, 600), (255, 0, 255))
    card.paste((0, 255, 0), (0, 0, 525, 300))
    photo, corners = photograph(card, random.Random(rotation + 100), rotation=rotation)
    pixels = np.asarray(photo).astype(int)
    cx = sum(x for x, _ in corners) / 4
    cy = sum(y for _, y in corners) / 4
    for k, (x, y) in enumerate(corners):
        # step 6% of the way from the corner toward the card's center
        px, py = round(x + 0.06 * (cx - x)), round(y + 0.06 * (cy - y))
        r, g, b = pixels[py, px]
        if k == 0:
            assert g > 150 and r < 110 and b < 110, (rotation, k, (r, g, b))
        else:
            assert r > 150 and b > 150 and g < 110, (rotation, k, (r, g, b))
        # and just outside the corner is the table, not the card
        ox, oy = round(x - 0.04 * (cx - x)), round(y - 0.04 * (cy - y))
        if 0 <= ox < photo.width and 0 <= oy < photo.height:
            r, g, b = pixels[oy, ox]
            assert not (r > 150 and b > 150 and g < 110), (rotation, k, "outside looks like the card")


def test_photograph_rotation_is_clockwise() -> None:
    card = Image.new("RGB", (1050, 600), (255, 255, 255))
    _, corners = photograph(card, random.Random(3), rotation=90, skew=0.0)
    (tlx, tly), (trx, try_), _, _ = corners
    assert abs(try_ - tly) > abs(trx - tlx)  # the top edge now runs vertically...
    assert try_ > tly  # ...downward, on the right of the card: a clockwise turn


def test_scan_sheet_boxes_hold_the_cards() -> None:
    colors = [(200, 30, 30), (30, 200, 30), (30, 30, 200)]
    cards = [Image.new("RGB", (1050, 600), c) for c in colors]
    sheet, boxes = scan_sheet(cards, random.Random(2))
    pixels = np.asarray(sheet).astype(int)
    assert len(boxes) == 3
    for (left, top, right, bottom), color in zip(boxes, colors, strict=True):
        assert (right - left, bottom - top) == (1050, 600)
        middle = pixels[(top + bottom) // 2, (left + right) // 2]
        assert np.abs(middle - np.array(color)).max() < 30
        assert pixels[top - 20, left - 20].min() > 200  # white page around the card


def test_cli_output_is_deterministic(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 4, seed=9, photos=False)
    b = generate(tmp_path / "b", 4, seed=9, photos=False)
    assert a == b
    assert (tmp_path / "a" / "labels.jsonl").read_text() == (tmp_path / "b" / "labels.jsonl").read_text()
    for label in a:
        assert (tmp_path / "a" / label["image"]).is_file()
    assert any(label["notes"].startswith("Synthetic") and "dark" in label["notes"] for label in a)


@pytest.mark.slow
def test_committed_set_matches_the_generator() -> None:
    lines = [json.loads(line) for line in (CARDS / "labels.jsonl").read_text().splitlines() if line.strip()]
    readme = (CARDS.parent / "README.md").read_text()
    seed = int(readme.split("--seed ", 1)[1].split()[0])
    items = plan(len(lines), photos=True)
    assert [item.id for item in items] == [line["id"] for line in lines]
    for item, line in zip(items, lines, strict=True):
        image, label = build_item(seed, item)
        assert label == line, item.id
        assert (CARDS / line["image"]).is_file()
        with Image.open(CARDS / line["image"]) as stored:
            assert stored.size == image.size
    modes = [item.mode for item in items]
    assert modes.count("photo") >= 6 and modes.count("sheet") == 1
    assert {line["photo"]["rotation"] for line in lines if "photo" in line} >= {0, 90, 180, 270}
    assert any("dark" in line["notes"] for line in lines)
    for line in lines:
        for card in line.get("cards", [line]):
            check_label({k: v for k, v in card.items() if k not in ("photo", "cards", "box")})


def test_replace_keeps_spec_frozen() -> None:
    spec = random_card(random.Random(1), "JP")
    with pytest.raises(AttributeError):
        spec.org = "x"  # type: ignore[misc]
    assert replace(spec, org="Other K.K.").org == "Other K.K."
