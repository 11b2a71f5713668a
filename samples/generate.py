"""Synthetic business cards with their ground truth, as flat cards, phone-like photos and scans.

    python samples/generate.py --out DIR --count N --seed S [--photos]

writes DIR/<image>.jpg and DIR/labels.jsonl in the format of ../shared/realcards/labels.jsonl
(photos add "photo": {"corners", "rotation"}; scan sheets add "cards": [label, ...] with a "box"
each). The library API (importable with the repository root on sys.path):

    random_card(rng, region=None) -> CardSpec      render_card(spec, rng) -> PIL image
    photograph(card, rng, rotation=0) -> (image, corners)   scan_sheet(cards, rng) -> (image, boxes)
    label_for(spec, image_id, image_path) -> dict
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `samples` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from samples.cardgen.data import REGION_CODES, random_card
from samples.cardgen.photo import photograph, scan_sheet
from samples.cardgen.render import render_card
from samples.cardgen.spec import AddressSpec, CardSpec, PhoneSpec, Style, label_for

__all__ = ["REGION_CODES", "AddressSpec", "CardSpec", "Item", "PhoneSpec", "Style", "build_item",
           "generate", "label_for", "photograph", "plan", "random_card", "render_card", "scan_sheet"]

PHOTO_ROTATIONS = (0, 90, 180, 270)
DARK_INDEX = 3  # the fourth image is always a dark card, so every set has one


@dataclass(frozen=True)
class Item:
    index: int
    id: str  # 'S/03_DE_photo0'; its image file is the id with '/' -> '_'
    region: str
    mode: str  # flat | photo | sheet
    rotation: int = 0
    dark: bool | None = None

    def filename(self, ext: str) -> str:
        return self.id.replace("/", "_") + "." + ext


def plan(count: int, photos: bool) -> list[Item]:
    """Which image each index is. Regions cycle; with photos every third image is a photo (its
    rotation cycling 0/90/180/270) and, from 10 images on, the last is a 3-card scan sheet."""
    items = []
    n_photo = 0
    for i in range(count):
        region = REGION_CODES[i % len(REGION_CODES)]
        if photos and count >= 10 and i == count - 1:
            items.append(Item(i, f"S/{i + 1:02d}_sheet", region, "sheet"))
        elif photos and i % 3 == 2:
            rotation = PHOTO_ROTATIONS[n_photo % len(PHOTO_ROTATIONS)]
            n_photo += 1
            items.append(Item(i, f"S/{i + 1:02d}_{region}_photo{rotation}", region, "photo", rotation))
        else:
            dark = True if i == DARK_INDEX else None
            items.append(Item(i, f"S/{i + 1:02d}_{region}_{'dark' if dark else 'flat'}", region, "flat", dark=dark))
    return items


def _rng(seed: int, *parts: object) -> random.Random:
    # one independent stream per image and purpose: adding an image never changes another
    return random.Random("/".join(map(str, (seed, *parts))))


def build_item(seed: int, item: Item, ext: str = "jpg") -> tuple[Image.Image, dict[str, Any]]:
    """Render one planned image and its label line."""
    path = item.filename(ext)
    if item.mode == "sheet":
        n_cards = 3
        specs = [random_card(_rng(seed, item.index, k, "data"), REGION_CODES[(item.index + k) % len(REGION_CODES)])
                 for k in range(n_cards)]
        cards = [render_card(s, _rng(seed, item.index, k, "render")) for k, s in enumerate(specs)]
        image, boxes = scan_sheet(cards, _rng(seed, item.index, "sheet"))
        labels = []
        for k, (spec, box) in enumerate(zip(specs, boxes, strict=True)):
            card_label = label_for(spec, f"{item.id}-{k + 1}", path)
            card_label["box"] = list(box)
            labels.append(card_label)
        # the line itself reads as the first card, so single-card tools still see a valid label
        label = {**labels[0], "id": item.id, "notes": f"Flatbed scan of {n_cards} cards; see 'cards'."}
        label.pop("box")
        label["cards"] = labels
        return image, label
    spec = random_card(_rng(seed, item.index, "data"), item.region, dark=item.dark)
    card = render_card(spec, _rng(seed, item.index, "render"))
    label = label_for(spec, item.id, path)
    if item.mode == "photo":
        card, corners = photograph(card, _rng(seed, item.index, "photo"), rotation=item.rotation)
        label["photo"] = {"corners": [[x, y] for x, y in corners], "rotation": item.rotation}
        label["notes"] = label["notes"][:-1] + f", photographed on a table, turned {item.rotation} degrees."
    return card, label


def generate(out: Path, count: int, seed: int, photos: bool, ext: str = "jpg",
             quality: int = 85) -> list[dict[str, Any]]:
    """Write count images and labels.jsonl into out; return the labels."""
    out.mkdir(parents=True, exist_ok=True)
    labels = []
    for item in plan(count, photos):
        image, label = build_item(seed, item, ext)
        if ext == "png":
            image.save(out / item.filename(ext))
        else:
            image.save(out / item.filename(ext), "JPEG", quality=quality)
        labels.append(label)
    text = "".join(json.dumps(label) + "\n" for label in labels)
    (out / "labels.jsonl").write_text(text, encoding="utf-8")
    return labels


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render synthetic business cards with ground-truth labels.")
    parser.add_argument("--out", type=Path, required=True, help="output folder (created if missing)")
    parser.add_argument("--count", type=int, default=20, help="number of images (default 20)")
    parser.add_argument("--seed", type=int, default=0, help="random seed; same seed, same labels")
    parser.add_argument("--photos", action="store_true",
                        help="mix in photo-like images (every third) and a multi-card scan sheet (last)")
    parser.add_argument("--format", choices=("jpg", "png"), default="jpg")
    parser.add_argument("--quality", type=int, default=85, help="JPEG quality (default 85)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    labels = generate(args.out, args.count, args.seed, args.photos, args.format, args.quality)
    print(f"wrote {len(labels)} images and labels.jsonl to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
