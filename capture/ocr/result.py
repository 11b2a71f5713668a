"""The OCR result tree (Page → Line → Word), the same whichever engine read the card.

Geometry is in pixels of the *prepared* image (after straightening and scaling), as
`(left, top, right, bottom)`. Confidences are 0..1.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[int, int, int, int]
Point = tuple[float, float]
Quad = tuple[Point, Point, Point, Point]  # top-left, top-right, bottom-right, bottom-left


def union_box(boxes: list[Box] | tuple[Box, ...]) -> Box:
    """The smallest box holding every box given."""
    if not boxes:
        return (0, 0, 0, 0)
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True)
class OcrWord:
    text: str
    box: Box
    confidence: float


@dataclass(frozen=True)
class OcrLine:
    """One printed line of the card, in reading order within its block."""

    words: tuple[OcrWord, ...]
    box: Box
    confidence: float
    block: int = 0
    engine: str = "tesseract"
    # The line's outline as the detector found it (top-left, top-right, bottom-right, bottom-left),
    # when it has one: a tilted line's `box` also holds parts of the lines above and below it.
    # Used within the OCR stage only (not saved with the reading).
    quad: Quad | None = field(default=None, compare=False)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]

    @classmethod
    def from_words(cls, words: list[OcrWord], block: int = 0, engine: str = "tesseract") -> OcrLine:
        conf = sum(w.confidence for w in words) / len(words) if words else 0.0
        return cls(tuple(words), union_box([w.box for w in words]), conf, block, engine)


@dataclass(frozen=True)
class OcrPage:
    """Everything one engine read on one card image.

    `rotation` is how far (degrees clockwise: 0, 90, 180, 270) the prepared card was turned before
    this reading: the OCR stage settles it once, and the page's boxes are in the turned card's
    geometry. `extra` holds diagnostics for people (which rendering was read, what was tried)."""

    lines: tuple[OcrLine, ...]
    width: int
    height: int
    engine: str = "tesseract"
    rotation: int = 0
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    # The language the card is printed in (BCP 47: 'en', 'ja', 'zh-Hant', 'ko', 'de'...), settled
    # by the OCR stage (`capture.ocr.language`); '' before that. Extraction reads the card with it.
    language: str = ""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def words(self) -> tuple[OcrWord, ...]:
        return tuple(w for line in self.lines for w in line.words)

    @property
    def confidence(self) -> float:
        """Mean word confidence weighted by word length: a cheap measure of how well the card read."""
        words = [w for w in self.words if w.text.strip()]
        total = sum(len(w.text) for w in words)
        return sum(w.confidence * len(w.text) for w in words) / total if total else 0.0
