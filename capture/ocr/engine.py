"""The `OcrEngine` interface, and the one place engines are created (once per process)."""

from __future__ import annotations

from functools import cache
from typing import Protocol, runtime_checkable

import numpy as np

from capture.ocr.result import OcrPage
from capture.settings import Settings


@runtime_checkable
class OcrEngine(Protocol):
    """Reads text from a prepared card image (8-bit grayscale or BGR)."""

    name: str

    def read(self, image: np.ndarray) -> OcrPage: ...


@cache
def _cached_engine(name: str, lang: str) -> OcrEngine:
    if name == "tesseract":
        from capture.ocr.tesseract import TesseractEngine

        return TesseractEngine(lang=lang)
    if name == "ppocr":
        from capture.ocr.ppocr import PaddleEngine

        return PaddleEngine()
    raise ValueError(f"unknown OCR engine {name!r}")


def create_engine(name: str, settings: Settings) -> OcrEngine:
    """The engine called `name`, loaded once per process and reused for every card."""
    return _cached_engine(name, settings.tesseract_lang)
