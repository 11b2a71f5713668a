"""Cards waiting for review: the prepared image and the scan result, kept server-side by hash.

Uploaded files are never written under a name the browser chose: each card is stored as
`<sha256 of the upload>-<card index>.jpg` (the straightened card, for the review page) and `.json`
(the scan result), and every request naming a card is checked against `CARD_KEY` first, so no
request path can reach any other file. Beside them:

- `<key>.first.json`: the card as the first OCR engine read it (`Stage.FIRST`), kept once the
  final reading is in `.json`, because a review form shown from it is read against it;
- `<key>.saved` (the id of the stored contact) once reviewed, `<key>.pair` (the front's key) on
  the back of a card paired with its front;
- `<sha256>.upload` and `<sha256>.job`: a photo waiting to be read and its job (`capture.web.queue`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from capture.contact import CardResult
from capture.export.record import result_from_record, result_to_record

CARD_KEY = re.compile(r"^(?P<sha>[0-9a-f]{64})-(?P<index>[1-9][0-9]{0,2})$")
SHA256 = re.compile(r"[0-9a-f]{64}")


class Stage(StrEnum):
    FIRST = "first"  # the first OCR engine's answer; in `both` mode the second one still reads
    FINAL = "final"  # every engine's reading, reconciled


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

    def put(self, result: CardResult, stage: Stage = Stage.FINAL) -> CardKey:
        key = key_of(result)
        if result.card_jpeg and (stage is Stage.FIRST or self.image_path(key) is None):
            self._write(self._path(key, ".jpg"), result.card_jpeg)  # both readings share the first's picture
        record = json.dumps({**result_to_record(result), "stage": str(stage)}).encode()
        if stage is Stage.FIRST:
            self._write(self._path(key, ".first.json"), record)
        self._write(self._path(key, ".json"), record)
        return key

    def _record(self, key: CardKey, suffix: str = ".json") -> dict[str, Any] | None:
        try:
            data: dict[str, Any] = json.loads(self._path(key, suffix).read_text())
        except (OSError, ValueError):
            return None
        return data

    def get(self, key: CardKey) -> CardResult | None:
        data = self._record(key)
        return None if data is None else result_from_record(data)

    def first(self, key: CardKey) -> CardResult | None:
        """The card as the first engine read it (None when it was put whole)."""
        data = self._record(key, ".first.json")
        return None if data is None else result_from_record(data)

    def stage(self, key: CardKey) -> Stage | None:
        data = self._record(key)
        return None if data is None else Stage(data.get("stage", Stage.FINAL))

    def promote_first(self, key: CardKey) -> None:
        """The first answer stands as the final one (the second engine failed on the card)."""
        data = self._record(key, ".first.json")
        if data is not None and self.stage(key) is Stage.FIRST:
            self._write(self._path(key, ".json"), json.dumps({**data, "stage": str(Stage.FINAL)}).encode())

    def image_path(self, key: CardKey) -> Path | None:
        path = self._path(key, ".jpg")
        return path if path.is_file() else None

    def image_path_for(self, sha256: str, index: int) -> Path | None:
        return self.image_path(CardKey(sha256, index)) if SHA256.fullmatch(sha256) else None

    # ---- reviewed cards, and the back of a card paired with its front ------------------------------

    def mark_saved(self, key: CardKey, contact_id: int) -> None:
        self._write(self._path(key, ".saved"), str(contact_id).encode())

    def saved(self, key: CardKey) -> int | None:
        """The stored contact's id once the card was reviewed and saved."""
        try:
            return int(self._path(key, ".saved").read_text())
        except (OSError, ValueError):
            return None

    def forget_saved(self, key: CardKey) -> None:
        self._path(key, ".saved").unlink(missing_ok=True)

    def pair(self, front: CardKey, back: CardKey) -> None:
        self._write(self._path(back, ".pair"), front.text.encode())

    def unpair(self, back: CardKey) -> None:
        self._path(back, ".pair").unlink(missing_ok=True)

    def front_of(self, back: CardKey) -> CardKey | None:
        """The card this one is the back of, if it was paired."""
        try:
            return CardKey.parse(self._path(back, ".pair").read_text())
        except OSError:
            return None

    # ---- photos waiting to be read, and their jobs --------------------------------------------------

    @staticmethod
    def upload_id(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def _upload_path(self, job_id: str, suffix: str) -> Path:
        if not SHA256.fullmatch(job_id):
            raise ValueError("not a job id")
        return self.folder / f"{job_id}{suffix}"

    def keep_upload(self, job_id: str, data: bytes) -> None:
        self._write(self._upload_path(job_id, ".upload"), data)

    def has_upload(self, job_id: str) -> bool:
        return self._upload_path(job_id, ".upload").is_file()

    def upload(self, job_id: str) -> bytes | None:
        try:
            return self._upload_path(job_id, ".upload").read_bytes()
        except OSError:
            return None

    def drop_upload(self, job_id: str) -> None:
        self._upload_path(job_id, ".upload").unlink(missing_ok=True)

    def write_job(self, job_id: str, data: bytes) -> None:
        self._write(self._upload_path(job_id, ".job"), data)
