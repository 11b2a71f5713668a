"""Extract stage: OCR lines → a `Contact` (name, title, company, phones, emails, ...)."""

from capture.extract.fields import extract_contact

__all__ = ["extract_contact"]
