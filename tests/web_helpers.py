"""Shared helpers for the web tests: a business-card image drawn in the test, and a fixed clock."""

from __future__ import annotations

import io
import json
import re
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont

from capture.contact import CardResult
from capture.web.queue import Job, JobState
from capture.web.workspace import CardKey, Stage, Workspace

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


MakeClient = Callable[..., TestClient]  # the `make_client` fixture (conftest.py)


def csrf_of(html: str) -> str:
    """The CSRF token of a page's forms."""
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


def card_png(lines: list[tuple[str, int, bool]], size: tuple[int, int] = (1400, 800)) -> bytes:
    """A clean card: (text, font size, bold) lines on white, as PNG bytes."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    y = 70
    for text, points, bold in lines:
        draw.text((80, y), text, fill=(20, 20, 30), font=font(points, bold))
        y += int(points * 1.6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


CARD_LINES = [
    ("Maria Schmidt", 64, True),
    ("Senior Recruiter", 40, False),
    ("Acme Robotics Inc.", 40, False),
    ("maria.schmidt@acmerobotics.com", 38, False),
    ("Tel: +1 415 555 0134", 38, False),
    ("500 Market Street, San Francisco, CA 94105", 34, False),
]


def sample_card() -> bytes:
    return card_png(CARD_LINES)


class FixedClock:
    """The app's `now`: a settable, timezone-aware time."""

    def __init__(self, moment: datetime) -> None:
        assert moment.tzinfo is not None
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def put_read_card(folder: Path, result: CardResult, name: str = "card.jpg", stage: Stage = Stage.FINAL) -> CardKey:
    """A card in the workspace folder as the review queue leaves it once read (no OCR): its result
    and its photo's job. Apps created on the folder afterwards list it."""
    workspace = Workspace(folder)
    key = workspace.put(result, stage)
    job = Job(result.sha256, name, time.time(), JobState.DONE if stage is Stage.FINAL else JobState.READY,
              cards=(result.index,))
    workspace.write_job(job.id, json.dumps(job.to_json()).encode())
    return key
