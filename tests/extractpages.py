"""Fake OCR pages for extraction unit tests: card lines laid out by hand, as an engine would return them."""

from __future__ import annotations

from capture.ocr.result import OcrLine, OcrPage, OcrWord

Spec = tuple[str, int, int, int]  # text, left, top, text height (pixels)


def make_line(
    text: str, left: int, top: int, height: int, conf: float = 0.95, block: int = 0, engine: str = "tesseract"
) -> OcrLine:
    """One printed line; each character is 0.55 × height wide, so runs of spaces become wide gaps."""
    width = max(1, int(height * 0.55))
    words = []
    x = left
    for chunk in text.split(" "):
        if chunk:
            words.append(OcrWord(chunk, (x, top, x + width * len(chunk), top + height), conf))
            x += width * len(chunk)
        x += width
    return OcrLine.from_words(words, block=block, engine=engine)


def make_page(specs: list[Spec], width: int = 1800, height: int = 1000, engine: str = "tesseract") -> OcrPage:
    lines = tuple(make_line(text, left, top, h, engine=engine) for text, left, top, h in specs)
    return OcrPage(lines, width, height, engine=engine)


def stacked(
    texts: list[str],
    left: int = 100,
    top: int = 100,
    height: int = 40,
    gap: float = 0.6,
    sizes: dict[int, int] | None = None,
) -> list[Spec]:
    """Lines printed one under the other; `sizes` overrides the text height of some lines (by index)."""
    specs = []
    y = top
    for i, text in enumerate(texts):
        h = (sizes or {}).get(i, height)
        specs.append((text, left, y, h))
        y += int(h * (1 + gap))
    return specs


def rotate_page(page: OcrPage) -> OcrPage:
    """The same card photographed turned 90° clockwise: x becomes y, boxes become vertical."""

    def turn(box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
        left, top, right, bottom = box
        return (page.height - bottom, left, page.height - top, right)

    lines = []
    for line in page.lines:
        words = [OcrWord(w.text, turn(w.box), w.confidence) for w in line.words]
        lines.append(OcrLine.from_words(words, line.block, line.engine))
    return OcrPage(tuple(lines), page.height, page.width, page.engine)
