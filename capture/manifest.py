"""The batch manifest: what happened to every image a batch saw, keyed by the image's content hash.

`cardcap batch` writes it to `<out>/.cardcap-batch.json` after every finished file, so a second run
skips what is done (even under another name) and a crash loses nothing written. The file is
`{"version": 1, "files": {sha256: item}}`, one item per image as `BatchItem` has it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from capture.atomic import write_output

MANIFEST_NAME = ".cardcap-batch.json"
MANIFEST_VERSION = 1

# The status of a file in the report (`BatchItem.status`).
OK = "ok"  # read now, its cards written (and saved, with --save)
FAILED = "failed"  # named as an image, but not read: the error says why
SKIPPED = "skipped"  # done in an earlier run, its outputs still there
DUPLICATE = "duplicate"  # the same bytes as another image file (read once)
NOT_SAVED = "not saved"  # read and written, but the contact store refused it: a rerun saves it
UNSUPPORTED = "unsupported"  # not named as an image cardcap reads (a GIF, a PDF, notes), or not a file
UNREADABLE = "unreadable"  # a subfolder that cannot be listed, a file that cannot be opened
SYMLINK_LOOP = "skipped: symlink loop"
DANGLING_SYMLINK = "skipped: dangling symlink"
FOLDER_AGAIN = "skipped: folder seen before"  # a folder reached a second time through a link
FAILURES = frozenset({FAILED, NOT_SAVED, UNREADABLE})  # these make a batch exit with 1


@dataclass(frozen=True)
class BatchItem:
    """What happened to one image file."""

    file: str  # path relative to the batch folder
    sha256: str
    status: str  # one of the statuses above
    outputs: tuple[str, ...] = ()  # output stems, one per card
    names: tuple[str, ...] = ()
    organizations: tuple[str, ...] = ()
    warnings: int = 0
    seconds: float = 0.0
    error: str = ""

    def to_json(self) -> dict[str, Any]:
        return asdict(self) | {
            "outputs": list(self.outputs),
            "names": list(self.names),
            "organizations": list(self.organizations),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BatchItem:
        """An item as the manifest holds it; fields it lacks take their defaults. Raises
        TypeError or ValueError for an entry that is not one."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        for name in ("outputs", "names", "organizations"):
            values[name] = tuple(str(v) for v in values.get(name, ()))
        return cls(**values)


@dataclass
class Manifest:
    """The items of earlier runs (and of this one, as it goes), by the image's sha256."""

    items: dict[str, BatchItem] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        """The manifest in `out_dir`; an empty one when there is none or it cannot be read (an
        unreadable manifest only costs a re-run of the cards)."""
        path = out_dir / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        files = data.get("files") if isinstance(data, dict) else None
        items = {}
        for sha, entry in (files or {}).items():
            try:
                items[sha] = BatchItem.from_json(entry)
            except (TypeError, ValueError, AttributeError):
                continue
        return cls(items)

    def save(self, out_dir: Path) -> None:
        files = {sha: item.to_json() for sha, item in self.items.items()}
        write_output(out_dir / MANIFEST_NAME, json.dumps({"version": MANIFEST_VERSION, "files": files}, indent=1))

    def get(self, sha256: str) -> BatchItem | None:
        return self.items.get(sha256)

    def record(self, item: BatchItem) -> None:
        self.items[item.sha256] = item

    def finished(self, sha256: str, out_dir: Path) -> BatchItem | None:
        """The earlier item for these bytes when it was read and its vCards are all still there."""
        item = self.items.get(sha256)
        if item is None or item.status != "ok":
            return None
        return item if all((out_dir / f"{stem}.vcf").exists() for stem in item.outputs) else None

    def report_item(self, item: BatchItem) -> BatchItem:
        """What the report says of a file this run saw: the manifest's item for a card read now or
        earlier (under the file's current name), else the item itself (a failure, a duplicate)."""
        done = self.items.get(item.sha256)
        if item.status in ("ok", "skipped") and done is not None:
            return replace(done, file=item.file)
        return item


class ManifestSaver:
    """Saves the manifest after a card, unless saving has taken more than a tenth of the time since
    the last save. Saving rewrites the whole file: after every card, a batch of 20,000 cards spent
    hours of its client's time on it (1.7 s a save at 20,000 entries); throttled, a hard crash
    costs at most the re-reading of the last few seconds' cards, whose outputs are on disk already."""

    SHARE = 0.1  # at most this share of the batch's time goes to saving the manifest

    def __init__(self, out_dir: Path, clock: Callable[[], float] = time.perf_counter) -> None:
        self.out_dir = out_dir
        self.clock = clock
        self.last = clock()
        self.cost = 0.0  # seconds the last save took

    def save(self, manifest: Manifest, now: bool = False) -> None:
        start = self.clock()
        if now or self.cost <= self.SHARE * (start - self.last):
            manifest.save(self.out_dir)
            self.last = self.clock()
            self.cost = self.last - start
