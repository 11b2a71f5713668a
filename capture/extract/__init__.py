"""Extract stage: OCR lines → a `Contact` (name, title, company, department, phones, emails, sites, addresses).

The package is a chain of small typed steps (see `assemble`): `lines` (layout), `labels`,
`emails`, `websites`, `phones`, `addresses` (+ `places`), `names`, `titles`, `organization`,
`crosscheck`; `qr` decodes QR codes on the card image and merges them in.
"""

from capture.extract.assemble import extract_contact

__all__ = ["extract_contact"]
