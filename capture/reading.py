"""What the OCR stage made of one card (`CardReading`), and its lossless JSON form.

The OCR stage (load → prepare → read with the engine(s) → decode QR codes) is slow; extraction
(`capture.api.contact_from_reading`) is pure and fast. A `CardReading` holds everything
extraction reads, so a benchmark can keep the readings of a set of cards on disk
(`reading_to_json` / `reading_from_json`) and re-run extraction in seconds.

The JSON form is exact: every word's text, box and confidence, each page's size, engine,
rotation and diagnostics, the QR codes' texts and the card JPEG (base64) come back equal.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from capture.ocr.result import OcrLine, OcrPage, OcrWord

READING_FORMAT = "cardcap-reading"
READING_VERSION = 1


@dataclass(frozen=True)
class CardReading:
    """One prepared card as the OCR stage read it.

    `pages` holds one page per engine, the primary engine's first (in `both` mode Tesseract's, then
    PP-OCR's); all share one geometry, that of the card turned `rotation` degrees clockwise, which
    is also the geometry of `card_jpeg`. `qr_payloads` are the texts of the QR codes on the card,
    read by extraction like the rest of the card."""

    source: str  # the image's path (or upload name), as given
    sha256: str  # of the image file's bytes
    index: int  # 1-based position of the card in its image
    count: int  # how many cards were found in the image
    pages: tuple[OcrPage, ...]
    qr_payloads: tuple[str, ...] = ()
    card_jpeg: bytes = b""

    def __post_init__(self) -> None:
        if not self.pages:
            raise ValueError("a card reading needs at least one OCR page")
        if len({page.rotation for page in self.pages}) > 1:
            raise ValueError("the pages of one card reading must share one rotation")

    @property
    def primary(self) -> str:
        """The engine whose reading wins ties (the first page's)."""
        return self.pages[0].engine

    @property
    def has_text(self) -> bool:
        """Whether any engine read anything on the card."""
        return any(page.text.strip() for page in self.pages)

    @property
    def rotation(self) -> int:
        """Degrees clockwise the prepared card was turned to be read upright (0, 90, 180 or 270)."""
        return self.pages[0].rotation


# ---- JSON ------------------------------------------------------------------------------------


def word_to_json(word: OcrWord) -> dict[str, Any]:
    return {"text": word.text, "box": list(word.box), "confidence": word.confidence}


def word_from_json(data: dict[str, Any]) -> OcrWord:
    return OcrWord(data["text"], box_from_json(data["box"]), float(data["confidence"]))


def box_from_json(values: list[int]) -> tuple[int, int, int, int]:
    left, top, right, bottom = (int(v) for v in values)
    return left, top, right, bottom


def line_to_json(line: OcrLine) -> dict[str, Any]:
    """A line with its words; `text` is there for people reading the file (it is the words')."""
    return {
        "text": line.text,
        "box": list(line.box),
        "confidence": line.confidence,
        "block": line.block,
        "engine": line.engine,
        "words": [word_to_json(word) for word in line.words],
    }


def line_from_json(data: dict[str, Any], engine: str = "tesseract") -> OcrLine:
    """The inverse of `line_to_json`. A line written without its words (a JSON record from
    before words were kept) becomes one word holding the line's text."""
    box = box_from_json(data["box"])
    confidence = float(data["confidence"])
    words = data.get("words")
    if words is None:
        words = [{"text": data.get("text", ""), "box": box, "confidence": confidence}]
    return OcrLine(
        tuple(word_from_json(word) for word in words),
        box,
        confidence,
        int(data.get("block", 0)),
        data.get("engine", engine),
    )


def page_to_json(page: OcrPage) -> dict[str, Any]:
    return {
        "engine": page.engine,
        "width": page.width,
        "height": page.height,
        "rotation": page.rotation,
        "extra": dict(page.extra),
        "language": page.language,
        "lines": [line_to_json(line) for line in page.lines],
    }


def page_from_json(data: dict[str, Any]) -> OcrPage:
    engine = data.get("engine", "tesseract")
    return OcrPage(
        tuple(line_from_json(line, engine) for line in data["lines"]),
        int(data["width"]),
        int(data["height"]),
        engine,
        int(data.get("rotation", 0)),
        {str(k): str(v) for k, v in data.get("extra", {}).items()},
        str(data.get("language", "")),
    )


def reading_to_json(reading: CardReading) -> dict[str, Any]:
    return {
        "format": READING_FORMAT,
        "version": READING_VERSION,
        "source": reading.source,
        "sha256": reading.sha256,
        "index": reading.index,
        "count": reading.count,
        "pages": [page_to_json(page) for page in reading.pages],
        "qr_payloads": list(reading.qr_payloads),
        "card_jpeg": base64.b64encode(reading.card_jpeg).decode("ascii"),
    }


def reading_from_json(data: dict[str, Any]) -> CardReading:
    """The inverse of `reading_to_json`; raises ValueError for data of another format or version."""
    if data.get("format") != READING_FORMAT or data.get("version") != READING_VERSION:
        raise ValueError(f"not a {READING_FORMAT} version {READING_VERSION} record")
    return CardReading(
        source=data["source"],
        sha256=data["sha256"],
        index=int(data["index"]),
        count=int(data["count"]),
        pages=tuple(page_from_json(page) for page in data["pages"]),
        qr_payloads=tuple(data.get("qr_payloads", ())),
        card_jpeg=base64.b64decode(data.get("card_jpeg", "")),
    )
