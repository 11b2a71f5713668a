"""Output names of a batch: each card's `<name>.vcf` and `<name>.json`, never two cards on one name.

A card is named after its image, `card.jpg` → `card`, and the cards of an image holding several
(a sheet of cards, a multi-page TIFF) are numbered under it: `pair-1`, `pair-2`. So an image owns a
*base* name and every numbered name under it, and two bases clash when they are equal or one is
the other numbered (`pair` and `pair-2`), whatever their case (`Card` and `card` are one file on
macOS and Windows). `contacts` and `report` are the batch's own files (contacts.vcf, report.csv).

Images get their bases first come, first served:

1. the bases an earlier run into the same output folder gave (from the manifest): kept, so a
   rerun never renames a card, and a new image never takes the name of a card already written;
2. then the images read now: one that an earlier run named (its outputs were lost, or --force)
   first, then those higher in the folder tree, then by stem (`pair.jpg` before `pair-2.jpg`).

Each takes the first of these that clashes with no base given before it: its stem (`card`); its
subfolders and stem joined by `__` (`a__card` for `a/card.jpg`); that and its type (`card_png`,
`a__card_png`); that numbered (`card_png_2`, `card_png_3`, ...).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

RESERVED = frozenset({"contacts", "report"})  # contacts.vcf and report.csv: the batch's own files
NUMBERED = re.compile(r"(.+)-([1-9][0-9]*)")  # a card of an image holding several (`CardResult.stem_suffix`)


def base_of(outputs: Iterable[str]) -> str | None:
    """The base an earlier run gave an image, from the names of its cards (None: it gave none)."""
    names = tuple(outputs)
    if len(names) == 1:
        return names[0]
    numbered = NUMBERED.fullmatch(names[0]) if names else None
    return numbered.group(1) if numbered else None


class TakenNames:
    """The bases given so far, compared without case."""

    def __init__(self) -> None:
        self.bases: set[str] = set()
        self.parents: set[str] = set()  # X for every base given that is X numbered (`pair` for `pair-2`)

    def clashes(self, base: str) -> bool:
        key = base.casefold()
        if key in RESERVED or key in self.bases or key in self.parents:
            return True
        numbered = NUMBERED.fullmatch(key)
        return numbered is not None and numbered.group(1) in self.bases

    def take(self, base: str) -> None:
        key = base.casefold()
        self.bases.add(key)
        numbered = NUMBERED.fullmatch(key)
        if numbered:
            self.parents.add(numbered.group(1))


def candidates(file: PurePath, earlier: str | None) -> Iterator[str]:
    """The bases an image may get, best first (see the module's docstring)."""
    if earlier:
        yield earlier
    yield file.stem
    qualified = "__".join((*file.parent.parts, file.stem))
    if file.parent.parts:
        yield qualified
    typed = f"{qualified}_{file.suffix.lstrip('.').lower()}"
    yield typed
    for number in itertools.count(2):
        yield f"{typed}_{number}"


@dataclass(frozen=True)
class Claim:
    """An image of this run asking for a base: its path relative to the batch folder, the base an
    earlier run gave it (None: none), and whether it is done (its cards are written under that base)."""

    file: str
    earlier: str | None = None
    done: bool = False

    def order(self) -> tuple[bool, bool, int, str, str]:
        path = PurePath(self.file)
        return not self.done, self.earlier is None, len(path.parts), path.stem.casefold(), self.file


def plan_names(claims: Iterable[Claim], kept: Iterable[str] = ()) -> dict[str, str]:
    """A base for each image, none clashing with another's or with the `kept` bases (of earlier runs'
    images not in this run). A done image keeps its earlier base unless that clashes (written by a
    version of cardcap that let names collide): then it gets another, and must be read again."""
    taken = TakenNames()
    for base in kept:
        taken.take(base)
    names: dict[str, str] = {}
    for claim in sorted(claims, key=Claim.order):
        base = next(c for c in candidates(PurePath(claim.file), claim.earlier) if not taken.clashes(c))
        taken.take(base)
        names[claim.file] = base
    return names
