"""`make train`: rebuild the line-role model (capture/extract/roles/roles.crfsuite).

Training data, in a fixed order so the model comes out the same every time:
- the dev cards' OCR pages (../shared/realcards, read once into the readings cache), each word
  tagged with its role by matching it back to the card's label (`roles.align`);
- generated cards whose labels carry their printed lines (`"lines": [{"text", "box", ...}]`, as
  the card generator writes them), given with --generated DIR (a folder with labels.jsonl): their
  pages are built from the printed lines, with no rendering or OCR.

    python scripts/train_roles.py [--generated DIR] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readings import REALCARDS, load_labels, readings

from capture.extract.roles.model import MODEL_FILE, train
from capture.extract.roles.training import page_from_lines, sequences


def generated_cards(folder: Path) -> list[tuple[list, dict]]:
    """(pages, label) of every generated card whose label lists its printed lines."""
    cards = []
    for label in load_labels(folder):
        lines = label.get("lines") or []
        if not lines:
            continue
        extent = (max(ln["box"][2] for ln in lines) + 1, max(ln["box"][3] for ln in lines) + 1)
        width, height = label.get("size") or extent
        cards.append(([page_from_lines(lines, width, height)], label))
    return cards


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--generated", help="a folder of generated cards with labels.jsonl")
    parser.add_argument("--realcards", default=str(REALCARDS))
    parser.add_argument("--out", default=str(MODEL_FILE))
    args = parser.parse_args()
    cards: list[tuple[list, dict]] = []
    if args.generated:
        cards += generated_cards(Path(args.generated))
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
