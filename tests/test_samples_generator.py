"""The synthetic card generator: deterministic, valid truth in every language, honest geometry and line
roles, real fonts with the glyphs, vertical Japanese in columns, committed set in sync."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import phonenumbers
import pytest
from email_validator import validate_email
from PIL import Image, ImageDraw

from samples.cardgen.fonts import Face, covers
from samples.cardgen.locales import CJK, LOCALES
from samples.generate import (
    LANGS,
    REGION_CODES,
    ROLES,
    build_item,
    generate,
    label_for,
    main,
    make_cards,
    photograph,
    plan,
    random_card,
    render_card,
    render_card_lines,
    scan_sheet,
)

CARDS = Path(__file__).resolve().parent.parent / "samples" / "cards"
REAL_KEYS = ["id", "image", "region", "lang", "kind", "name", "name_prefix", "name_suffix", "name_native",
             "given", "family", "title", "department", "org", "emails", "phones", "urls", "addresses",
             "legible", "notes", "source"]
REGIONS = set(REGION_CODES) | {loc.region for loc in LOCALES.values()}


def check_label(label: dict[str, Any]) -> None:
    assert list(label)[: len(REAL_KEYS)] == REAL_KEYS
    assert label["lang"] in LANGS and label["region"] in REGIONS
    if label["lang"] != "en":
        assert LOCALES[label["lang"]].region == label["region"]
    assert label["kind"] in ("person", "business")
    if label["kind"] == "person":
        if label["lang"] in CJK:  # family name first, in the card's own script
            assert label["name_native"].replace(" ", "").startswith(label["family_native"])
            assert label["name_native"].replace(" ", "").endswith(label["given_native"])
        assert label["name"] or label["name_native"]
        if label["name"]:
            assert label["given"] in label["name"] and label["family"] in label["name"]
    else:
        assert label["name"] is None and label["given"] is None and label["name_native"] is None
        assert label["org"]
    for phone in label["phones"]:
        number = phonenumbers.parse(phone["e164"])
        assert phonenumbers.is_valid_number(number), phone
        assert phonenumbers.region_code_for_number(number) == label["region"], phone
        assert phone["type"] in ("work", "mobile", "fax", "other")
        if phone["type"] == "mobile" and label["region"] not in ("US", "CN"):
            assert phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
    for email in label["emails"]:
        assert validate_email(email, check_deliverability=False).normalized == email
    for url in label["urls"]:
        assert "://" not in url and "." in url
    for adr in label["addresses"]:
        assert adr["street"] and adr["city"]
    assert isinstance(label["title_alt"], list) and isinstance(label["org_alt"], list)


def check_lines(label: dict[str, Any], size: tuple[int, int]) -> None:
    """Every line has a role and tokens, its box lies in the image, and every fact of the label is printed
    on lines of its role."""
    lines = label["lines"]
    assert lines
    width, height = size
    for ln in lines:
        left, top, right, bottom = ln["box"]
        assert 0 <= left < right <= width and 0 <= top < bottom <= height, ln
        assert ln["role"] in ROLES and all(role in ROLES for _, role in ln["tokens"])
        assert "".join(t for t, _ in ln["tokens"]) == "".join(ln["text"].split())  # tokens split at roles too

    def printed(role: str) -> str:
        return " ".join(t for ln in lines for t, r in ln["tokens"] if r == role)

    for email in label["emails"]:
        assert email in printed("email")
    digits = "".join(c for c in printed("phone") if c.isdigit())
    for phone in label["phones"]:
        assert phonenumbers.national_significant_number(phonenumbers.parse(phone["e164"]))[-7:] in digits
    if label["name_native"]:
        assert label["name_native"].replace(" ", "") in printed("name").replace(" ", "")
    if label["name"]:
        assert label["family"].lower() in printed("name").lower()
    if label["title"]:
        assert label["title"] in " ".join(ln["text"] for ln in lines if "title" in {r for _, r in ln["tokens"]})
    if label["org"]:
        assert set(label["org"].lower().split()) <= set(printed("org").lower().split())
    for adr in label["addresses"]:
        assert adr["city"].split()[-1] in "".join(printed("address").split()) or adr["city"] in printed("address")


def test_same_seed_same_card_and_image() -> None:
    spec_a = random_card(random.Random(42), "DE")
    spec_b = random_card(random.Random(42), "DE")
    assert spec_a == spec_b
    img_a = np.asarray(render_card(spec_a, random.Random(1)))
    img_b = np.asarray(render_card(spec_b, random.Random(1)))
    assert np.array_equal(img_a, img_b)
    other = random_card(random.Random(43), "DE")
    assert other != spec_a


@pytest.mark.slow
def test_make_cards_is_deterministic_per_seed() -> None:
    a = list(make_cards(12, seed=3, photos=True))
    b = list(make_cards(12, seed=3, photos=True))
    assert [c.label for c in a] == [c.label for c in b]
    assert all(np.array_equal(np.asarray(x.image), np.asarray(y.image)) for x, y in zip(a, b, strict=True))
    assert [c.label for c in make_cards(12, seed=4)] != [c.label for c in make_cards(12, seed=3)]
    assert {c.label["lang"] for c in a} == set(LANGS)


@pytest.mark.parametrize("lang", LANGS)
def test_every_label_validates(lang: str) -> None:
    for seed in range(20):
        spec = random_card(random.Random(seed), lang=lang)
        assert spec.lang == lang
        image, lines = render_card_lines(spec, random.Random(seed))
        label = label_for(spec, f"S/{seed}", f"S_{seed}.jpg", [pl.as_label() for pl in lines])
        check_label(label)
        check_lines(label, image.size)
        printed = " ".join(line["text"] for line in label["lines"])
        for address in label["addresses"]:  # a label holds only what the card prints
            assert address["postal_code"] is None or address["postal_code"] in printed, (seed, address)
        for phone in spec.phones:  # the printed text parses back to the truth
            parsed = phonenumbers.parse(phone.printed, spec.region)
            assert phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164) == phone.e164


def draw_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    calls: list[tuple[str, Any]] = []
    original = ImageDraw.ImageDraw.text

    def spy(self: ImageDraw.ImageDraw, xy: Any, text: str, *args: Any, **kwargs: Any) -> None:
        calls.append((text, kwargs.get("font")))
        original(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", spy)
    return calls


@pytest.mark.parametrize("lang", LANGS)
def test_every_drawn_text_is_a_recorded_line_in_a_font_with_its_glyphs(lang: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    calls = draw_calls(monkeypatch)
    for seed in range(12):
        calls.clear()
        spec = random_card(random.Random(seed), lang=lang, layout="vertical" if lang == "ja" and seed % 2 else None)
        _, lines = render_card_lines(spec, random.Random(seed))
        assert [text for text, _ in calls] == [pl.text for pl in lines]
        for text, font in calls:
            face = Face(font.path, font.index if hasattr(font, "index") else 0)
            assert covers(face, text), (font.path, text)


def test_scripts_are_drawn_in_their_own_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = draw_calls(monkeypatch)
    for lang in CJK:
        for seed in range(8):
            calls.clear()
            spec = random_card(random.Random(seed), lang=lang, kind="person")
            render_card(spec, random.Random(seed))
            texts = "".join(text for text, _ in calls)
            if lang == "ko":
                assert any("\uac00" <= c <= "\ud7a3" for c in texts)  # Hangul syllables
            else:
                assert any("\u4e00" <= c <= "\u9fff" for c in texts) and spec.name_native
            assert any("CJK" in f.path or f.path.endswith(("ipag.ttf", "ipam.ttf", "ipagp.ttf")) or "Nanum" in f.path
                       or "wqy" in f.path or "uming" in f.path for t, f in calls if not t.isascii())
            if spec.org and lang != "ko":
                assert spec.org in texts


@pytest.mark.parametrize("seed", range(6))
def test_vertical_japanese_is_laid_out_in_columns_right_to_left(seed: int) -> None:
    spec = random_card(random.Random(seed), lang="ja", kind="person", layout="vertical")
    image, lines = render_card_lines(spec, random.Random(seed))
    assert image.height > image.width  # a portrait card
    columns = [pl for pl in lines if pl.vertical]
    assert len(columns) >= 3
    for pl in columns:
        left, top, right, bottom = pl.box
        assert bottom - top > right - left or len(pl.text) <= 2  # a column is taller than wide
    lefts = [pl.box[0] for pl in columns]
    assert lefts == sorted(lefts, reverse=True)  # read right to left
    name = next(pl for pl in columns if pl.role == "name")
    for pl in columns:  # the organization stands right of the name, the address left of it
        if pl.role == "org":
            assert pl.box[0] > name.box[0]
        if pl.role == "address":
            assert pl.box[0] < name.box[0]
    assert columns[0].box[2] > image.width * 0.7  # the first column stands at the right


def test_variety_over_many_cards() -> None:
    specs = [random_card(random.Random(seed), lang=LANGS[seed % len(LANGS)]) for seed in range(330)]
    assert {s.style.layout for s in specs} >= {"left", "right", "centered", "two_column", "band", "logo", "photo",
                                               "busy", "vertical"}
    assert any(s.kind == "business" for s in specs) and any(s.style.dark for s in specs)
    assert any(s.name_prefix for s in specs) and any(s.name_suffix for s in specs)
    assert any(len(s.addresses) > 1 and s.addresses[0].label for s in specs)  # branches with labels
    assert any(s.landmark for s in specs) and any(s.handles for s in specs) and any(s.tagline for s in specs)
    assert any(s.title_alt for s in specs) and any(s.org_alt for s in specs) and any(s.brand for s in specs)
    assert any(len(s.phones) >= 4 for s in specs)
    labels = {p.label for s in specs for p in s.phones}
    assert None in labels and {"Fax:", "携帯", "手机：", "휴대폰", "Mobil", "Portable", "Móvil", "Cellulare"} <= labels
    legal = " ".join(s.org or "" for s in specs)
    for form in ("株式会社", "有限公司", "股份有限公司", "(주)", "GmbH", "SARL", "S.L.", "S.p.A.", "B.V.", "Ltda"):
        assert form in legal, form


@pytest.mark.slow
def test_lines_hold_several_roles_where_a_card_prints_them_together() -> None:
    seen: set[tuple[str, ...]] = set()
    for card in make_cards(200, seed=11):
        for ln in card.label["lines"]:
            seen.add(tuple(sorted({r for _, r in ln["tokens"]} - {"other"})))
    assert ("name", "title") in seen  # 'Jane Doe | CEO'
    assert ("label", "phone") in seen and ("department", "title") in seen


def test_flat_card_is_business_card_sized_and_shows_its_text() -> None:
    spec = random_card(random.Random(5), "US")
    card = render_card(spec, random.Random(5))
    assert card.size == (1050, 600)
    pixels = np.asarray(card.convert("L"))
    background = np.median(pixels)
    assert (np.abs(pixels.astype(int) - background) > 80).mean() > 0.01  # there is ink


@pytest.mark.slow
def test_line_boxes_hold_ink_in_photos_and_scans() -> None:
    for card in make_cards(12, seed=5, photos=True):
        label = card.label
        if "cards" in label:
            continue
        gray = np.asarray(card.image.convert("L")).astype(int)
        check_lines(label, card.image.size)
        inked = 0
        for ln in label["lines"]:
            left, top, right, bottom = ln["box"]
            patch = gray[top:bottom, left:right]
            inked += patch.size > 0 and patch.max() - patch.min() > 40
        assert inked >= 0.9 * len(label["lines"]), label["id"]


def test_phone_photos_are_small_and_busy() -> None:
    phone = next(c for c in make_cards(12, seed=2, photos=True) if c.label.get("photo", {}).get("kind") == "phone")
    assert sorted(phone.image.size) == [480, 640]


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


def test_cli_picks_languages_and_layouts(tmp_path: Path) -> None:
    assert main(["--out", str(tmp_path), "--count", "4", "--seed", "2", "--lang", "ja,ko", "--layouts",
                 "vertical,busy", "--prefix", "H"]) == 0
    labels = [json.loads(line) for line in (tmp_path / "labels.jsonl").read_text().splitlines()]
    assert [label["lang"] for label in labels] == ["ja", "ko", "ja", "ko"]
    assert labels[0]["layout"] == "vertical" and labels[1]["layout"] == "busy"  # Korean cards are not vertical
    assert all(label["id"].startswith("H/") for label in labels)
    with pytest.raises(SystemExit):
        main(["--out", str(tmp_path), "--lang", "xx"])


def same_lines(made: list[dict[str, Any]], stored: list[dict[str, Any]]) -> bool:
    """Texts, roles and tokens exactly; boxes within a few pixels (FreeType builds may differ slightly)."""
    if len(made) != len(stored):
        return False
    for a, b in zip(made, stored, strict=True):
        if {k: v for k, v in a.items() if k != "box"} != {k: v for k, v in b.items() if k != "box"}:
            return False
        if max(abs(x - y) for x, y in zip(a["box"], b["box"], strict=True)) > 3:
            return False
    return True


@pytest.mark.slow
def test_committed_set_matches_the_generator() -> None:
    lines = [json.loads(line) for line in (CARDS / "labels.jsonl").read_text().splitlines() if line.strip()]
    readme = (CARDS.parent / "README.md").read_text()
    seed = int(readme.split("--seed ", 1)[1].split()[0])
    items = plan(len(lines), photos=True)
    assert [item.id for item in items] == [line["id"] for line in lines]
    for item, stored in zip(items, lines, strict=True):
        image, label = build_item(seed, item)
        for made_card, stored_card in zip(label.get("cards", [label]), stored.get("cards", [stored]), strict=True):
            assert same_lines(made_card.pop("lines"), stored_card.pop("lines")), item.id
        assert label == stored, item.id
        assert (CARDS / stored["image"]).is_file()
        with Image.open(CARDS / stored["image"]) as kept:
            assert kept.size == image.size
    modes = [item.mode for item in items]
    assert modes.count("photo") >= 2 and modes.count("phone") >= 2 and modes.count("sheet") == 1
    assert {line["lang"] for line in lines} == set(LANGS)
    assert any("dark" in line["notes"] for line in lines)
    for line in lines:
        for card in line.get("cards", [line]):
            check_label({k: v for k, v in card.items() if k not in ("photo", "cards", "box")})


def test_replace_keeps_spec_frozen() -> None:
    spec = random_card(random.Random(1), "JP")
    with pytest.raises(AttributeError):
        spec.org = "x"  # type: ignore[misc]
    assert replace(spec, org="Other K.K.").org == "Other K.K."


SHOP_NAMES = """
import random
from samples.cardgen.locales import LOCALES
from samples.cardgen.people import shop_name
print([shop_name(LOCALES[lang], random.Random(seed)) for lang in sorted(LOCALES) for seed in range(40)])
"""


def test_a_seed_makes_the_same_cards_whatever_the_hash_seed() -> None:
    """Faker builds some lists from sets (it_IT's cities): without care, `make heldout` drew other
    shop names on another run, so the held-out set changed under the bench."""
    import os
    import subprocess
    import sys

    def shop_names(hash_seed: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run([sys.executable, "-c", SHOP_NAMES], capture_output=True, text=True, check=True, env=env)
        return run.stdout

    runs = {shop_names(hash_seed) for hash_seed in ("1", "2", "3")}
    assert len(runs) == 1 and "Fioreria" in runs.pop()
