"""Cross-validated accuracy on the labelled dev cards: what the product is judged by.

The dev cards are split into FOLDS fixed folds by card identity (the same person or company on
two cards, or one card photographed twice, stays in one fold: see `groups`). For each fold,
whatever is learned is fitted on the other folds and the fold's cards are read with it; the
predictions of all folds are scored together with `score.py`, beside the dev-fit figure (fitted
on every card, scoring every card). OCR readings come from the cache (`readings.py`), so a
whole cross-validation takes seconds after the first run.

    python scripts/crossval.py                    # rules and learned line roles, CV and dev-fit
    python scripts/crossval.py --ocr-generated 0  # the model trained on the dev cards' folds alone
    python scripts/crossval.py --show             # each card's wrong fields (cross-validated)
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readings import REALCARDS, ROOT, Reading, load_labels, readings
from train_roles import GENERATOR_SEED, OCR_CARDS, generated_cards, made_cards, ocr_generated

from capture.api import contact_from_pages
from capture.export import contact_to_vcard
from capture.extract.organization import domain_bases
from capture.extract.roles.model import train
from capture.extract.roles.training import sequences
from capture.settings import Settings

FOLDS = 5
FIELDS = ["name", "title", "org", "email", "phone", "url", "address"]
# Settings for one fold, fitted on the training cards' readings and labels.
Fit = Callable[[list[Reading], list[dict], Path], dict]


@dataclass(frozen=True)
class Variant:
    name: str
    fit: Fit | None  # None: nothing learned (today's rules)


def identity_keys(label: dict) -> set[str]:
    """What makes two cards the same person or company: name, company, mail domain, numbers."""
    keys = set()
    for field in ("name", "name_native"):
        if label.get(field):
            keys.add("name:" + " ".join(sorted(re.sub(r"[^\w]+", " ", label[field].lower()).split())))
    if label.get("org"):
        words = [w for w in re.sub(r"[^\w]+", " ", label["org"].lower()).split() if w not in LEGAL]
        keys.add("org:" + " ".join(words[:2]))
    hosts = [e.split("@", 1)[1].lower() for e in label.get("emails", [])]
    hosts += [re.sub(r"^[a-z]+://", "", u.lower()).split("/")[0] for u in label.get("urls", [])]
    keys.update("domain:" + base for base in domain_bases(hosts))
    keys.update("phone:" + p["e164"] for p in label.get("phones", []) if len(p["e164"]) > 8)
    return keys


LEGAL = {"inc", "ltd", "co", "corp", "llc", "the", "ltda", "s", "a", "company", "limited"}


def groups(labels: list[dict]) -> list[list[str]]:
    """Card ids joined when they share any identity key (union-find), in label order."""
    parent = {label["id"]: label["id"] for label in labels}

    def root(card: str) -> str:
        while parent[card] != card:
            parent[card] = parent[parent[card]]
            card = parent[card]
        return card

    owner: dict[str, str] = {}
    for label in labels:
        for key in sorted(identity_keys(label)):
            if key in owner:
                parent[root(label["id"])] = root(owner[key])
            else:
                owner[key] = label["id"]
    joined: dict[str, list[str]] = {}
    for label in labels:
        joined.setdefault(root(label["id"]), []).append(label["id"])
    return list(joined.values())


def folds(labels: list[dict], count: int = FOLDS) -> list[list[str]]:
    """Groups dealt to folds, largest first, each to the fold with fewest cards: deterministic."""
    dealt: list[list[str]] = [[] for _ in range(count)]
    for group in sorted(groups(labels), key=lambda g: (-len(g), g[0])):
        min(dealt, key=len).extend(group)
    return dealt


def predict(reading: Reading, settings: Settings, out: Path) -> None:
    """Write the first card's vCard as the bench does (the scorer scores an image's first card)."""
    stem = reading.card_id.replace("/", "_")
    if reading.error or not reading.cards:
        return
    pages, qr = reading.cards[0]
    contact = contact_from_pages(pages, qr, settings)  # type: ignore[arg-type]
    (out / f"{stem}.vcf").write_text(contact_to_vcard(contact), encoding="utf-8")


def score(labels: list[dict], out: Path, prefix: str = "", show: bool = False) -> dict:
    """`score.py --json` over the predictions for these labels (a labels file of just them)."""
    subset = out / "labels.jsonl"
    subset.write_text("".join(json.dumps(label) + "\n" for label in labels))
    args = [sys.executable, str(REALCARDS / "score.py"), str(subset), str(out)]
    if prefix:
        args.append(f"--set={prefix}")
    if show:
        print(subprocess.run([*args, "--show"], capture_output=True, text=True, check=True).stdout, end="")
    return json.loads(subprocess.run([*args, "--json"], capture_output=True, text=True, check=True).stdout)


def run_variant(variant: Variant, labels: list[dict], read: list[Reading], out: Path, show: bool) -> dict:
    """Cross-validated and dev-fit reports of one variant."""
    by_id = {r.card_id: r for r in read}
    base = {label["id"]: Settings(region=label.get("region") or "US") for label in labels}
    shutil.rmtree(out, ignore_errors=True)
    cv_dir, fit_dir = out / "cv", out / "fit"
    cv_dir.mkdir(parents=True)
    fit_dir.mkdir(parents=True)
    fold_f1 = []
    with tempfile.TemporaryDirectory() as work:
        for number, fold in enumerate(folds(labels)):
            training = [label for label in labels if label["id"] not in fold]
            tuned = {}
            if variant.fit:
                tuned = variant.fit([by_id[t["id"]] for t in training], training, Path(work) / f"fold{number}")
            fold_dir = out / f"fold{number}"
            fold_dir.mkdir(exist_ok=True)
            for card in fold:
                settings = replace(base[card], **tuned)
                predict(by_id[card], settings, fold_dir)
            for vcard in fold_dir.glob("*.vcf"):
                shutil.copy(vcard, cv_dir)
            fold_f1.append(score([label for label in labels if label["id"] in fold], fold_dir)["f1"])
        tuned = variant.fit(read, labels, Path(work) / "all") if variant.fit else {}
        for label in labels:
            predict(by_id[label["id"]], replace(base[label["id"]], **tuned), fit_dir)
    report = {"cv": score(labels, cv_dir, show=show), "fit": score(labels, fit_dir)}
    report["cv"]["fold_mean_f1"] = round(statistics.mean(fold_f1), 3)
    report["cv"]["fold_f1"] = fold_f1
    prefixes = sorted({label["id"].split("/")[0] + "/" for label in labels})
    for kind, folder in (("cv", cv_dir), ("fit", fit_dir)):
        report[kind]["subsets"] = {prefix: score(labels, folder, prefix)["f1"] for prefix in prefixes}
    return report


def print_reports(reports: dict[str, dict]) -> None:
    subsets = sorted({p for r in reports.values() for p in r["cv"]["subsets"]})
    header = ["variant", "figure", "micro-F1", "fold mean", "P", "R", "fully right", *subsets, *FIELDS,
              "phone type", "invented"]
    print(" | ".join(header))
    for name, report in reports.items():
        for kind in ("fit", "cv"):
            r = report[kind]
            cells = [name, {"fit": "dev-fit", "cv": "cross-val"}[kind], f"{r['f1']:.3f}",
                     f"{r['fold_mean_f1']:.3f}" if "fold_mean_f1" in r else "-",
                     f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['cards_perfect']:.2f}"]
            cells += [f"{r['subsets'][p]:.3f}" for p in subsets]
            cells += [f"{r['fields'][f]['f1']:.3f}" for f in FIELDS]
            cells += [str(r["phone_type_accuracy"]), str(r["invented_names"])]
            print(" | ".join(cells))


Sequences = list[tuple[list[list[str]], list[str]]]


def fit_roles(generated: Callable[[], Sequences] = list, mode: str = "learned") -> Fit:
    """Train the line-role model on the training cards' pages and the generated cards' sequences
    (made on first use); extraction decides with it (`mode` learned), or the rules decide and it
    fills the name or title they left empty (combined)."""

    def fit(read: list[Reading], labels: list[dict], work: Path) -> dict:
        cards = [(r.cards[0][0], label) for r, label in zip(read, labels, strict=True) if r.cards]
        path = train([*generated(), *sequences(cards)], work / "roles.crfsuite")  # type: ignore[arg-type]
        return {"roles_model": path, "line_roles": mode}

    return fit


def variants(ocr_cards: int = OCR_CARDS) -> list[Variant]:
    """The rules, and the line-role model trained as `make train` trains it (the training folds
    and `ocr_cards` generated cards as the OCR stage reads them), deciding or filling gaps."""

    @cache
    def read_generated() -> Sequences:
        return sequences(ocr_generated(ocr_cards, GENERATOR_SEED)) if ocr_cards else []

    return [
        Variant("rules", None),
        Variant("crf", fit_roles(read_generated)),
        Variant("combined", fit_roles(read_generated, "combined")),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder", default=str(REALCARDS))
    parser.add_argument("--variant", action="append", help="only these variants (default: all)")
    parser.add_argument("--show", action="store_true", help="each card's wrong fields, cross-validated")
    parser.add_argument("--folds", action="store_true", help="print the folds and exit")
    parser.add_argument("--out", default=str(ROOT / "bench-out" / "crossval"))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--generated", help="also train the CRF on these generated cards (a folder with labels.jsonl)")
    parser.add_argument("--generate", type=int, default=0, help="also train the CRF on this many generated cards")
    parser.add_argument("--ocr-generated", type=int, default=OCR_CARDS, metavar="N",
                        help=f"train the CRF also on N generated cards as the OCR stage reads them (default "
                             f"{OCR_CARDS}, as `make train`; 0: the dev cards' training folds only)")
    args = parser.parse_args()
    folder = Path(args.folder)
    if not (folder / "labels.jsonl").exists():
        print(f"No labelled cards at {folder}; nothing to cross-validate.", file=sys.stderr)
        return 1
    labels = load_labels(folder)
    if args.folds:
        for number, fold in enumerate(folds(labels)):
            print(f"fold {number} ({len(fold)} cards): {' '.join(fold)}")
        return 0
    read = readings(folder)
    reports = {}
    chosen = variants(args.ocr_generated)
    if args.generated or args.generate:
        made = generated_cards(Path(args.generated)) if args.generated else made_cards(args.generate, GENERATOR_SEED)
        printed = sequences(made)
        chosen.append(Variant("crf+printed", fit_roles(lambda: printed)))
    for variant in chosen:
        if args.variant and variant.name not in args.variant:
            continue
        print(f"\n== {variant.name} ==", file=sys.stderr)
        reports[variant.name] = run_variant(variant, labels, read, Path(args.out) / variant.name, args.show)
    if args.json:
        print(json.dumps(reports))
    else:
        print_reports(reports)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
