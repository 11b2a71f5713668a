"""Cards waiting for review: the prepared image and the scan result, kept server-side by hash.

Uploaded files are never written under a name the browser chose: each card is stored as
`<sha256 of the upload>-<card index>.jpg` (the straightened card, for the review page) and `.json`
(the scan result), and every request naming a card is checked against `CARD_KEY` first, so no
request path can reach any other file.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from capture.contact import CardResult
from capture.export.record import result_from_record, result_to_record

CARD_KEY = re.compile(r"^(?P<sha>[0-9a-f]{64})-(?P<index>[1-9][0-9]{0,2})$")


@dataclass(frozen=True)
class CardKey:
    sha256: str
    index: int

    @property
    def text(self) -> str:
        return f"{self.sha256}-{self.index}"

    @classmethod
    def parse(cls, text: str) -> CardKey | None:
        """The key in a URL, or None when it is not exactly a hash and a card number."""
        match = CARD_KEY.fullmatch(text)
        return cls(match["sha"], int(match["index"])) if match else None


def key_of(result: CardResult) -> CardKey:
    return CardKey(result.sha256, result.index)


class Workspace:
    """A folder of scanned cards; safe for several requests at once (writes are atomic renames)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, key: CardKey, suffix: str) -> Path:
        # Built only from a validated hash and an int: nothing the browser typed.
        return self.folder / f"{key.sha256}-{key.index}{suffix}"

    def _write(self, path: Path, data: bytes) -> None:
        handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise

    def prune(self, max_age_days: float = 30.0) -> int:
        """Forget cards left unreviewed for longer than `max_age_days`; returns how many files went."""
        cutoff = time.time() - max_age_days * 86400
        removed = 0
        for path in self.folder.iterdir():
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def put(self, result: CardResult) -> CardKey:
        key = key_of(result)
        if result.card_jpeg:
            self._write(self._path(key, ".jpg"), result.card_jpeg)
        self._write(self._path(key, ".json"), json.dumps(result_to_record(result)).encode())
        return key

    def get(self, key: CardKey) -> CardResult | None:
        path = self._path(key, ".json")
        if not path.is_file():
            return None
        return result_from_record(json.loads(path.read_text()))

    def image_path(self, key: CardKey) -> Path | None:
        path = self._path(key, ".jpg")
        return path if path.is_file() else None

    def image_path_for(self, sha256: str, index: int) -> Path | None:
        return self.image_path(CardKey(sha256, index)) if re.fullmatch(r"[0-9a-f]{64}", sha256) else None
