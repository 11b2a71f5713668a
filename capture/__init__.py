"""cardcap's capture library: a photo or scan of a business card → a validated contact.

    from capture import read_card, Settings
    result = read_card("card.jpg", Settings(region="GB"))
    print(result.contact.formatted_name)
"""

from capture.api import read_card, scan_bytes, scan_image
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
from capture.settings import Settings

__all__ = [
    "Address",
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
    "read_card",
    "scan_bytes",
    "scan_image",
]
