"""OCR engines behind one interface, and the result tree they return."""

from capture.ocr.engine import OcrEngine, create_engine
from capture.ocr.result import Box, OcrLine, OcrPage, OcrWord

__all__ = ["Box", "OcrEngine", "OcrLine", "OcrPage", "OcrWord", "create_engine"]
