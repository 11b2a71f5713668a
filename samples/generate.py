"""Synthetic business cards in eleven languages with their ground truth, as flat cards, photos and scans.

    python samples/generate.py --out DIR --count N --seed S [--photos] [--lang ja,ko,...] [--layouts ...]

writes DIR/<image>.jpg and DIR/labels.jsonl in the format of ../shared/realcards/labels.jsonl, each
line with "lines": every printed line's text, box (image pixels), role, tokens' roles and whether it
is vertical (photos add "photo": {"corners", "rotation", "kind"}; scan sheets add "cards": [label, ...]
with a "box" each). The library API (importable with the repository root on sys.path):

    make_cards(count, seed, langs=None, photos=False, layouts=None) -> iterator of GeneratedCard
        (.image PIL image, .label dict with "lines", .spec CardSpec): in memory, no OCR
    random_card(rng, region=None, lang=None) -> CardSpec    render_card_lines(spec, rng) -> (image, lines)
    render_card(spec, rng) -> PIL image    photograph(card, rng, rotation=0) -> (image, corners)
    scan_sheet(cards, rng) -> (image, boxes)    label_for(spec, image_id, image_path, lines=None) -> dict
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `samples` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from samples.cardgen.data import LAYOUTS, REGION_CODES, random_card
from samples.cardgen.locales import LANGS
from samples.cardgen.photo import phone_photo, photograph, scan_sheet
from samples.cardgen.render import PrintedLine, render_card, render_card_lines
from samples.cardgen.sets import GeneratedCard, Item, build, make_cards, plan
from samples.cardgen.spec import ROLES, AddressSpec, CardSpec, PhoneSpec, Style, label_for

__all__ = ["LANGS", "LAYOUTS", "REGION_CODES", "ROLES", "AddressSpec", "CardSpec", "GeneratedCard", "Item",
           "PhoneSpec", "PrintedLine", "Style", "build", "build_item", "generate", "label_for", "make_cards",
           "phone_photo", "photograph", "plan", "random_card", "render_card", "render_card_lines", "scan_sheet"]


def build_item(seed: int, item: Item, ext: str = "jpg") -> tuple[Image.Image, dict[str, Any]]:
    """Render one planned image and its label line."""
    card = build(seed, item, ext)
    return card.image, card.label


def generate(out: Path, count: int, seed: int, photos: bool, ext: str = "jpg", quality: int = 85,
             langs: list[str] | None = None, layouts: list[str] | None = None,
             prefix: str = "S") -> list[dict[str, Any]]:
    """Write count images and labels.jsonl into out; return the labels."""
    out.mkdir(parents=True, exist_ok=True)
    labels = []
    for item in plan(count, photos, langs, layouts, prefix):
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
                        help="mix in photos (every third: desk photos, 640x480 phone photos on busy pages, flatbed "
                             "scans) and a multi-card scan sheet (last)")
    parser.add_argument("--lang", default=None,
                        help=f"comma-separated languages to cycle (default all: {','.join(LANGS)})")
    parser.add_argument("--layouts", default=None,
                        help=f"comma-separated layouts to cycle (default random: {','.join(LAYOUTS)},vertical)")
    parser.add_argument("--prefix", default="S", help="id prefix before the slash (default S)")
    parser.add_argument("--format", choices=("jpg", "png"), default="jpg")
    parser.add_argument("--quality", type=int, default=85, help="JPEG quality (default 85)")
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    langs = args.lang.split(",") if args.lang else None
    layouts = args.layouts.split(",") if args.layouts else None
    for lang in langs or []:
        if lang not in LANGS:
            parser.error(f"--lang {lang}: unknown language; choose among {', '.join(LANGS)}")
    for layout in layouts or []:
        if layout not in (*LAYOUTS, "vertical"):
            parser.error(f"--layouts {layout}: unknown layout; choose among {', '.join(LAYOUTS)}, vertical")
    labels = generate(args.out, args.count, args.seed, args.photos, args.format, args.quality, langs, layouts,
                      args.prefix)
    print(f"wrote {len(labels)} images and labels.jsonl to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
