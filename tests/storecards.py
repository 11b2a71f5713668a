"""Contacts and card results for the store tests, built directly (no OCR), and a store-URL fixture."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from capture.contact import (
    Address,
    CardResult,
    Contact,
    Email,
    Evidence,
    PersonName,
    Phone,
    PhoneType,
    TextField,
    Warning,
    Website,
)
from capture.ocr.result import OcrLine, OcrPage, OcrWord, union_box
from capture.store.database import ADVISORY_LOCK_KEY


def person(
    full: str = "Ada Lovelace",
    *,
    email: str | None = "ada@analytical.example",
    phone: str | None = "+442079460000",
    title: str = "Engineer",
    org: str = "Analytical Engines Ltd",
    extra_phones: tuple[Phone, ...] = (),
) -> Contact:
    given, _, family = full.partition(" ")
    return Contact(
        name=PersonName(full, given=given, family=family, confidence=0.93, evidence=Evidence(full, (1, 2, 3, 4))),
        title=TextField(title, 0.88, Evidence(title, (5, 6, 7, 8))),
        organization=TextField(org, 0.9),
        department=TextField("Research", 0.7),
        emails=(Email(email, 0.97),) if email else (),
        phones=((Phone(phone, phone, PhoneType.WORK, confidence=0.91),) if phone else ()) + extra_phones,
        websites=(Website("https://analytical.example", "web", 0.8),),
        addresses=(
            Address(
                "12 Baker Street",
                "London",
                "",
                "NW1 6XE",
                "United Kingdom",
                "Head office",
                "12 Baker Street\nLondon NW1 6XE",
                0.75,
            ),
        ),
        warnings=(Warning("department", "read with low confidence"),),
    )


def card(contact: Contact, image: str = "card-a", *, index: int = 1, text: str | None = None) -> CardResult:
    """A CardResult as a scan of the image named `image` would give (its hash derived from the name)."""
    return CardResult(
        source=f"/photos/{image}.jpg",
        index=index,
        count=max(index, 1),
        sha256=hashlib.sha256(image.encode()).hexdigest(),
        contact=contact,
        page=page_of(text if text is not None else f"{contact.formatted_name}\nraw text of {image}"),
    )


def page_of(text: str, confidence: float = 0.9) -> OcrPage:
    """An OCR page holding `text`, one line per line of text, each word read with `confidence`."""
    lines = []
    for row, line in enumerate(text.splitlines()):
        words = tuple(OcrWord(word, (10 * i, 20 * row, 10 * i + 8, 20 * row + 16), confidence)
                      for i, word in enumerate(line.split()))
        if words:
            lines.append(OcrLine(words, union_box([w.box for w in words]), confidence))
    return OcrPage(tuple(lines), 1000, 600)


class Clock:
    """An injectable clock that moves one minute per reading."""

    def __init__(self) -> None:
        self.time = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.time += timedelta(minutes=1)
        return self.time


def sqlite_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'store.sqlite3'}"


# One worker runs every PostgreSQL test, so only one of them starts a PostgreSQL server.
ON_POSTGRES = [pytest.mark.postgres, pytest.mark.xdist_group("postgres")]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=ON_POSTGRES)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same test against a SQLite file and against a real PostgreSQL database (when installed)."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    url: str = request.getfixturevalue("postgres_url")
    return url


# What another program does to the store: a database browser or sqlite3 shell in a write
# transaction, or another cardcap process in a long write on a PostgreSQL server.
HOLD_SQLITE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
conn.execute("COMMIT")
"""
HOLD_POSTGRES = f"""
import psycopg, sys, time
with psycopg.connect(sys.argv[1]) as conn:
    conn.execute("SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextmanager
def lock_held(url: str, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process holds the store's write lock for `seconds` (or until the block ends)."""
    if url.startswith("sqlite:///"):
        command = [sys.executable, "-c", HOLD_SQLITE, url.removeprefix("sqlite:///"), str(seconds)]
    else:
        command = [sys.executable, "-c", HOLD_POSTGRES, url.replace("postgresql+psycopg://", "postgresql://"),
                   str(seconds)]
    holder = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked", holder.stderr
        yield holder
    finally:
        holder.terminate()
        holder.wait(30)
