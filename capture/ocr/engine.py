"""The `OcrEngine` interface, and the one place engines are created (once per process)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
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
def _cached_engine(name: str, lang: str, build: str) -> OcrEngine:
    if name == "tesseract":
        from capture.ocr import tesseract_api

        if build == "inprocess" or (build == "auto" and tesseract_api.available()):
            return tesseract_api.TesseractApiEngine(lang=lang)
        from capture.ocr.tesseract import TesseractCliEngine

        return TesseractCliEngine(lang=lang)
    if name == "ppocr":
        from capture.ocr.ppocr import PaddleEngine

        return PaddleEngine()
    raise ValueError(f"unknown OCR engine {name!r}")


def create_engine(name: str, settings: Settings) -> OcrEngine:
    """The engine called `name`, loaded once per process and reused for every card.

    Tesseract engines are kept per language set (`settings.languages`): a card read in other
    languages gets its own engine, whose model is loaded once per process too."""
    return _cached_engine(name, settings.tesseract_lang, settings.tesseract_build)


@cache
def _tesseract_folder(build: str) -> Path | None:
    from capture.errors import MissingDependencyError
    from capture.ocr import tesseract_api

    if build == "cli" or not tesseract_api.available():
        return None
    try:
        return tesseract_api.tessdata_dir()
    except MissingDependencyError:
        return None


def tesseract_folder(settings: Settings) -> Path | None:
    """The folder of Tesseract's language data the in-process build reads (None for the command-line
    build: the `tesseract` program checks its languages itself when the engine is made)."""
    return _tesseract_folder(settings.tesseract_build)
