"""The OCR stage's readings of a labelled folder, read once and cached outside the repository.

Reading a card (load, straighten, two OCR engines, QR) takes about a second; turning a reading
into a contact (extract, reconcile, validate) takes milliseconds. The cross-validation bench and
`make train` need the contacts many times over (once per fold and per variant), so the readings
are cached: one JSON file per card under `~/.cache/cardcap/readings/` (or `$CARDCAP_READINGS`),
keyed by the image's bytes, the region, the OCR mode and the source of every module of the OCR
stage. Nothing of a dev card is ever written inside the project.

    python scripts/readings.py                # read ../shared/realcards into the cache
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

ROOT = Path(__file__).resolve().parent.parent
REALCARDS = ROOT.parent / "shared" / "realcards"
# Every module whose change can change what the OCR stage reads.
# (api.py and capture/lang too: the card's language decides whether Tesseract reads it again, with what)
OCR_STAGE = ("capture/load.py", "capture/ocr", "capture/preprocess", "capture/extract/qr.py", "capture/reading.py",
             "capture/api.py", "capture/lang")


@dataclass(frozen=True)
class Reading:
    """One card's OCR pages (one per engine) and its QR contact, as `capture.api.contact_from_pages`
    takes them; `error` instead when the image could not be read."""

    card_id: str
    region: str
    cards: tuple[tuple[tuple[object, ...], object], ...]  # ((pages, qr contact) per card on the image)
    error: str = ""


def stage_version() -> str:
    digest = hashlib.sha256()
    for entry in OCR_STAGE:
        path = ROOT / entry
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("CARDCAP_READINGS")
    return Path(base) if base else Path.home() / ".cache" / "cardcap" / "readings"


def cache_path(image: Path, region: str, engine: str, version: str, cache: Path | None = None) -> Path:
    key = hashlib.sha256(image.read_bytes() + f"|{region}|{engine}|{version}".encode()).hexdigest()[:24]
    return (cache or cache_dir()) / f"{key}.json"


def load_labels(folder: Path) -> list[dict]:
    lines = (folder / "labels.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def store(target: str, card_id: str, region: str, results: list | None, error: str = "") -> None:
    """Write one card's reading (the `CardResult`s' pages and QR contacts) to the cache, atomically,
    in the exact JSON forms of `capture.reading` (pages) and `capture.export.record` (contacts)."""
    from capture.export.record import contact_to_record
    from capture.reading import page_to_json

    cards = [
        {"pages": [page_to_json(page) for page in r.pages], "qr": contact_to_record(r.qr) if r.qr else None}
        for r in results or []
    ]
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(target + ".tmp")
    data = {"card_id": card_id, "region": region, "cards": cards, "error": error}
    temporary.write_text(json.dumps(data), encoding="utf-8")
    temporary.replace(target)


def load(path: Path) -> Reading:
    from capture.export.record import contact_from_record
    from capture.reading import page_from_json

    data = json.loads(path.read_text(encoding="utf-8"))
    cards = tuple(
        (tuple(page_from_json(page) for page in card["pages"]), contact_from_record(card["qr"]) if card["qr"] else None)
        for card in data["cards"]
    )
    return Reading(data["card_id"], data["region"], cards, data["error"])


def read_one(job: tuple[str, str, str, str, str]) -> str:
    card_id, image, region, engine, target = job
    from capture.api import scan_image
    from capture.errors import CardcapError
    from capture.settings import Settings

    try:
        store(target, card_id, region, scan_image(image, Settings(region=region, engine=engine)))  # type: ignore[arg-type]
    except CardcapError as error:
        store(target, card_id, region, None, str(error))
    return card_id


def readings(folder: Path, engine: str = "both", workers: int = 0, quiet: bool = False,
             version: str | None = None, cache: Path | None = None) -> list[Reading]:
    """Every labelled card of the folder read by the OCR stage, from the cache where it has them.
    `version` and `cache` pin the readings elsewhere (training data kept across OCR changes);
    by default they follow the OCR stage's source (`stage_version`) in `cache_dir()`."""
    labels = load_labels(folder)
    version = version or stage_version()
    paths = [cache_path(folder / label["image"], label.get("region") or "US", engine, version, cache)
             for label in labels]
    jobs = [
        (label["id"], str(folder / label["image"]), label.get("region") or "US", engine, str(path))
        for label, path in zip(labels, paths, strict=True)
        if not path.exists()
    ]
    if jobs:
        if not quiet:
            print(f"  reading {len(jobs)} cards with the OCR stage (cached in {cache or cache_dir()})", file=sys.stderr)
        with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
            every = max(10, len(jobs) // 50)
            for done, _ in enumerate(pool.map(read_one, jobs), 1):
                if not quiet and done % every == 0:
                    print(f"  {done}/{len(jobs)}", file=sys.stderr)
    return [load(path) for path in paths]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?", default=str(REALCARDS))
    parser.add_argument("--engine", default="both")
    args = parser.parse_args()
    read = readings(Path(args.folder), args.engine)
    print(f"{len(read)} cards read; {sum(bool(r.error) for r in read)} could not be read")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
