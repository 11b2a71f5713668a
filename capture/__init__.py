"""cardcap's capture library: a photo or scan of a business card → a validated contact.

    from capture import read_card, Settings
    result = read_card("card.jpg", Settings(region="GB"))
    print(result.contact.formatted_name)

The names below are loaded on first use, so `import capture.errors` (or the `cardcap` command's
help) does not load OpenCV, the OCR engines and the extraction rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "read_card": "capture.api",
    "scan_bytes": "capture.api",
    "scan_image": "capture.api",
    "read_image": "capture.api",
    "contact_from_reading": "capture.api",
    "CardReading": "capture.reading",
    "Address": "capture.contact",
    "CardResult": "capture.contact",
    "Contact": "capture.contact",
    "Email": "capture.contact",
    "Evidence": "capture.contact",
    "PersonName": "capture.contact",
    "Phone": "capture.contact",
    "PhoneType": "capture.contact",
    "TextField": "capture.contact",
    "Warning": "capture.contact",
    "Website": "capture.contact",
    "CardcapError": "capture.errors",
    "ExitCode": "capture.errors",
    "InputFileError": "capture.errors",
    "NoTextFoundError": "capture.errors",
    "Settings": "capture.settings",
}

__all__ = [
    "Address",
    "CardReading",
    "CardResult",
    "CardcapError",
    "Contact",
    "Email",
    "Evidence",
    "ExitCode",
    "InputFileError",
    "NoTextFoundError",
    "PersonName",
    "Phone",
    "PhoneType",
    "Settings",
    "TextField",
    "Warning",
    "Website",
    "contact_from_reading",
    "read_card",
    "read_image",
    "scan_bytes",
    "scan_image",
]

if TYPE_CHECKING:
    from capture.api import contact_from_reading, read_card, read_image, scan_bytes, scan_image
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
    from capture.errors import CardcapError, ExitCode, InputFileError, NoTextFoundError
    from capture.reading import CardReading
    from capture.settings import Settings


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'capture' has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value  # later look-ups skip this function
    return value
