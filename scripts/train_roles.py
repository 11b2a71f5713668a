"""`make train`: rebuild the line-role model (capture/extract/roles/roles.crfsuite).

Training data, in a fixed order so the model comes out the same every time:
- the dev cards' OCR pages (../shared/realcards, read once into the readings cache), each word
  tagged with its role by matching it back to the card's label (`roles.align`);
- generated cards whose labels carry their printed lines and each word's role (`"lines": [{"text",
  "box", "tokens", ...}]`, as the card generator writes them): --ocr-generated N renders N cards
  (flat, photos, scans; fixed seed) and reads them with the real OCR stage once, kept beside the
  readings cache, so the model learns from what the OCR makes of a card; --generate N makes N in
  memory and --generated DIR reads a folder with labels.jsonl, their pages built from the printed
  lines with no OCR.

    python scripts/train_roles.py [--ocr-generated N] [--generate N] [--generated DIR] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readings import REALCARDS, ROOT, cache_dir, load_labels, readings

from capture.extract.roles.model import MODEL_FILE, train
from capture.extract.roles.training import page_from_lines, sequences

GENERATOR_SEED = 4409  # training cards' seed: not the held-out set's (913) nor any seed a rule was tuned on
OCR_CARDS = 240  # generated cards read by the real OCR stage for `make train` (flat cards, photos, scans)


def generated_folder(count: int, seed: int) -> Path:
    """Where `count` generated cards of `seed` are kept for reading: beside the readings cache,
    outside the repository (images and labels.jsonl; the readings themselves go in the cache)."""
    return cache_dir().parent / "generated" / f"seed{seed}-n{count}"


def ocr_generated(count: int, seed: int, workers: int = 0) -> list[tuple[list, dict]]:
    """(pages, label) of `count` generated cards as the real OCR stage reads them: rendered into a
    folder (samples.generate, photos and scans among them) the first time, read once into the
    readings cache (2 worker processes: a few thousand cards take an hour or two), then loaded.
    A scan sheet's cards are each paired with the label of the card they read most like."""
    folder = generated_folder(count, seed)
    if not (folder / "labels.jsonl").exists():
        sys.path.insert(0, str(ROOT))
        from samples.generate import generate

        print(f"  rendering {count} generated cards (seed {seed}) into {folder}", file=sys.stderr)
        partial = folder.with_name(folder.name + ".partial")
        generate(partial, count, seed, photos=True)
        partial.replace(folder)
    labels = {label["id"]: label for label in load_labels(folder)}
    cards: list[tuple[list, dict]] = []
    # read once and kept with the cards, whatever the OCR stage becomes: the model is rebuilt the same
    # from them; remove the folder to train on today's OCR
    for reading in readings(folder, workers=workers, version="training", cache=folder / "readings"):
        label = labels[reading.card_id]
        for pages, _qr in reading.cards:
            cards.append((list(pages), closest_label(pages, label.get("cards") or [label])))
    return cards


def closest_label(pages: Sequence, labels: list[dict]) -> dict:
    """The label whose printed lines share most words with what was read (one card of a sheet)."""
    if len(labels) == 1:
        return labels[0]
    read = {w.lower() for page in pages for line in page.lines for w in line.text.split()}
    return max(labels, key=lambda label: len(read & {w.lower() for ln in label["lines"] for w in ln["text"].split()}))


def card_of(label: dict, size: tuple[int, int] | None = None) -> tuple[list, dict] | None:
    """(pages, label) of one generated card from its printed lines; None without line truth."""
    lines = [line for line in label.get("lines") or [] if not line.get("vertical")]
    if not lines:
        return None
    extent = (max(ln["box"][2] for ln in lines) + 1, max(ln["box"][3] for ln in lines) + 1)
    width, height = size or label.get("size") or extent
    return [page_from_lines(lines, width, height)], label


def generated_cards(folder: Path) -> list[tuple[list, dict]]:
    """(pages, label) of every generated card in a folder whose label lists its printed lines."""
    return [card for card in map(card_of, load_labels(folder)) if card is not None]


def made_cards(count: int, seed: int) -> list[tuple[list, dict]]:
    """`count` flat cards from the generator in memory (samples.generate.make_cards), no OCR."""
    sys.path.insert(0, str(ROOT))
    from samples.generate import make_cards

    cards = (card_of(made.label, made.image.size) for made in make_cards(count, seed))
    return [card for card in cards if card is not None]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generated", help="a folder of generated cards with labels.jsonl")
    parser.add_argument("--generate", type=int, default=0, help="also this many cards made in memory")
    parser.add_argument("--ocr-generated", type=int, default=OCR_CARDS, metavar="N",
                        help=f"N generated cards as the OCR stage reads them (rendered and read once, then "
                             f"cached; default {OCR_CARDS}; 0: none)")
    parser.add_argument("--seed", type=int, default=GENERATOR_SEED)
    parser.add_argument("--realcards", default=str(REALCARDS))
    parser.add_argument("--out", default=str(MODEL_FILE))
    args = parser.parse_args()
    cards: list[tuple[list, dict]] = []
    if args.generated:
        cards += generated_cards(Path(args.generated))
    if args.generate:
        cards += made_cards(args.generate, args.seed)
    if args.ocr_generated:
        cards += ocr_generated(args.ocr_generated, args.seed)
    folder = Path(args.realcards)
    if (folder / "labels.jsonl").exists():
        by_id = {r.card_id: r for r in readings(folder)}
        cards += [(list(by_id[label["id"]].cards[0][0]), label) for label in load_labels(folder)
                  if by_id[label["id"]].cards]
    if not cards:
        print("No training cards: neither ../shared/realcards nor --generated.", file=sys.stderr)
        return 1
    data = sequences(cards)
    path = train(data, Path(args.out))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    summary = {"cards": len(cards), "sequences": len(data), "tokens": sum(len(f) for f, _ in data),
               "bytes": path.stat().st_size, "sha256": digest}
    print(f"wrote {path}: {json.dumps(summary)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
