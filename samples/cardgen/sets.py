"""Sets of generated images: which image each index is, and each image with its label and line truth.

Every image uses its own random streams derived from (seed, index, purpose), so a set is the same
for the same seed, and adding images never changes the earlier ones. `make_cards` is the trainer's
entry point: cards rendered in memory (no JPEG, no OCR) with their labels and printed lines.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from PIL import Image

from samples.cardgen.data import REGION_CODES, random_card
from samples.cardgen.locales import LANGS
from samples.cardgen.photo import card_matrix, map_box, phone_photo, photograph, scan_sheet
from samples.cardgen.render import PrintedLine, render_card_lines
from samples.cardgen.spec import CardSpec, label_for

PHOTO_ROTATIONS = (0, 90, 180, 270)
PHOTO_KINDS = ("photo", "phone", "scan")  # desk photo 2000 x 1500, phone photo 640 x 480 on a busy page, flatbed
DARK_INDEX = 3  # the fourth image is always a dark card, so every set has one
MODES = ("flat", *PHOTO_KINDS, "sheet")


@dataclass(frozen=True)
class Item:
    index: int
    id: str  # 'S/03_de_photo90'; its image file is the id with '/' -> '_'
    lang: str
    region: str | None  # the country of an English card; None: the language's own
    mode: str  # flat | photo | phone | scan | sheet
    rotation: int = 0
    dark: bool | None = None
    layout: str | None = None

    def filename(self, ext: str) -> str:
        return self.id.replace("/", "_") + "." + ext


@dataclass(frozen=True)
class GeneratedCard:
    image: Image.Image
    label: dict[str, Any]  # labels.jsonl's line, with "lines": [{text, box, role, tokens, vertical}]
    spec: CardSpec


def plan(count: int, photos: bool, langs: Sequence[str] | None = None, layouts: Sequence[str] | None = None,
         prefix: str = "S") -> list[Item]:
    """Which image each index is. Languages cycle (English cards cycle their countries); with photos
    every third image is a photo (desk photos turned 0/90/180/270, 640 x 480 phone photos on busy pages,
    flatbed scans, in turn) and, from 10 images on, the last is a 3-card scan sheet."""
    langs = list(langs or LANGS)
    for lang in langs:
        if lang not in LANGS:
            raise ValueError(f"unknown language {lang!r}; choose among {', '.join(LANGS)}")
    width = max(2, len(str(count)))
    items = []
    n_photo = n_en = 0
    for i in range(count):
        lang = langs[i % len(langs)]
        region = None
        if lang == "en":
            region = REGION_CODES[n_en % len(REGION_CODES)]
            n_en += 1
        layout = layouts[i % len(layouts)] if layouts else None
        tag = f"{prefix}/{i + 1:0{width}d}_{lang}" + (f"_{region}" if region else "")
        if photos and count >= 10 and i == count - 1:
            items.append(Item(i, f"{prefix}/{i + 1:0{width}d}_sheet", lang, region, "sheet", layout=layout))
        elif photos and i % 3 == 2:
            kind = PHOTO_KINDS[n_photo % len(PHOTO_KINDS)]
            rotation = PHOTO_ROTATIONS[(n_photo // len(PHOTO_KINDS)) % len(PHOTO_ROTATIONS)] if kind == "photo" else 0
            n_photo += 1
            items.append(Item(i, f"{tag}_{kind}{rotation if kind == 'photo' else ''}", lang, region, kind, rotation,
                              layout=layout))
        else:
            dark = True if i == DARK_INDEX else None
            items.append(Item(i, f"{tag}_{'dark' if dark else 'flat'}", lang, region, "flat", dark=dark, layout=layout))
    return items


def _rng(seed: int, *parts: object) -> random.Random:
    # one independent stream per image and purpose: adding an image never changes another
    return random.Random("/".join(map(str, (seed, *parts))))


def _lines(printed: list[PrintedLine], move: Any = None) -> list[dict[str, Any]]:
    out = []
    for pl in printed:
        entry = pl.as_label()
        if move is not None:
            entry["box"] = list(move(pl.box))
        out.append(entry)
    return out


def _card(seed: int, index: object, lang: str, region: str | None, dark: bool | None,
          layout: str | None) -> tuple[CardSpec, Image.Image, list[PrintedLine]]:
    spec = random_card(_rng(seed, index, "data"), region, lang=lang, dark=dark, layout=layout)
    image, printed = render_card_lines(spec, _rng(seed, index, "render"))
    return spec, image, printed


def build(seed: int, item: Item, ext: str = "jpg") -> GeneratedCard:
    """Render one planned image, its label line and its printed lines (in the image's pixels)."""
    path = item.filename(ext)
    if item.mode == "sheet":
        n_cards = 3
        langs = [item.lang, *LANGS[(LANGS.index(item.lang) + 1) % len(LANGS):][:1], "en"][:n_cards]
        parts = [_card(seed, f"{item.index}/{k}", lang, item.region if lang == item.lang else
                       (REGION_CODES[(item.index + k) % len(REGION_CODES)] if lang == "en" else None),
                       False, item.layout)
                 for k, lang in enumerate(langs)]
        image, boxes = scan_sheet([p[1] for p in parts], _rng(seed, item.index, "sheet"))
        labels = []
        for k, ((spec, _, printed), box) in enumerate(zip(parts, boxes, strict=True)):
            dx, dy = box[0], box[1]
            lines = _lines(printed, lambda b, dx=dx, dy=dy: (b[0] + dx, b[1] + dy, b[2] + dx, b[3] + dy))
            card_label = label_for(spec, f"{item.id}-{k + 1}", path, lines)
            card_label["box"] = list(box)
            labels.append(card_label)
        # the line itself reads as the first card, so single-card tools still see a valid label
        label = {**labels[0], "id": item.id, "notes": f"Flatbed scan of {n_cards} cards; see 'cards'."}
        label.pop("box")
        label["cards"] = labels
        return GeneratedCard(image, label, parts[0][0])
    spec, card, printed = _card(seed, item.index, item.lang, item.region, item.dark, item.layout)
    label = label_for(spec, item.id, path)
    if item.mode == "flat":
        label["lines"] = _lines(printed)
        return GeneratedCard(card, label, spec)
    photo_rng = _rng(seed, item.index, "photo")
    if item.mode == "scan":
        image, boxes = scan_sheet([card], photo_rng)
        x, y = boxes[0][:2]
        w, h = card.size
        corners: list[tuple[float, float]] = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
        note = "scanned on a flatbed"
    elif item.mode == "phone":
        image, corners = phone_photo(card, photo_rng)
        note = "a 640x480 phone photo on a busy printed page"
    else:
        image, corners = photograph(card, photo_rng, rotation=item.rotation)
        note = f"photographed on a table, turned {item.rotation} degrees"
    matrix = card_matrix(card.size, [(float(cx), float(cy)) for cx, cy in corners])
    label["lines"] = _lines(printed, lambda b: map_box(b, matrix, image.size))
    label["photo"] = {"corners": [[float(cx), float(cy)] for cx, cy in corners], "rotation": item.rotation,
                      "kind": item.mode}
    label["notes"] = label["notes"][:-1] + f", {note}."
    return GeneratedCard(image, label, spec)


def make_cards(count: int, seed: int, *, langs: Sequence[str] | None = None, photos: bool = False,
               layouts: Sequence[str] | None = None, prefix: str = "G") -> Iterator[GeneratedCard]:
    """count cards rendered in memory with labels and line truth; the same seed gives the same cards.

    langs: languages to cycle (default all: en pt de fr es it nl ja zh-Hans zh-Hant ko);
    photos: mix in desk photos, 640x480 phone photos and flatbed scans (boxes mapped into them);
    layouts: layouts to cycle (left right centered two_column band logo photo busy vertical).
    """
    for item in plan(count, photos, langs, layouts, prefix):
        yield build(seed, item)
