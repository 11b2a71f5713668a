"""Where a plan's contact comes from: a .vcf file, a card image, or a contact saved in the store.

Also the CLI's reading of times: "2026-12-01 14:00" in a named time zone, DST-safe.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine

from capture.contact import Contact
from capture.errors import InputFileError, SettingsError
from capture.load import IMAGE_SUFFIXES
from followup.rules import local_at


@dataclass(frozen=True)
class ContactSource:
    contact: Contact
    contact_id: int | None = None  # the store's id when the contact is a saved one
    contact_uid: str = ""
    origin: str = ""  # "vcf", "image" or "store"


def load_contact(ref: str, engine: Engine | None) -> ContactSource:
    """A .vcf (its single card), a card image (read with OCR), or a saved contact (id, uid, email, name)."""
    path = Path(ref).expanduser()
    if path.is_file() and path.suffix.lower() in (".vcf", ".vcard"):
        from capture.store.vcardread import read_vcf

        cards = read_vcf(path)
        if len(cards) > 1:
            names = ", ".join(card.contact.formatted_name or "?" for card in cards[:5])
            raise InputFileError(path, f"holds {len(cards)} contacts ({names}); give a file with one, or import it.")
        return ContactSource(cards[0].contact, None, cards[0].uid or "", "vcf")
    if path.is_file() and path.suffix.lower() in IMAGE_SUFFIXES:
        from capture.api import read_card

        return ContactSource(read_card(path).contact, None, "", "image")
    if path.suffix and path.suffix.lower() in (".vcf", ".vcard", *IMAGE_SUFFIXES):
        raise InputFileError(path, "does not exist.")
    if engine is None:
        raise SettingsError(f"{ref!r} is neither a .vcf file nor a card image, and no contact store is open.")
    from capture.store.contacts import ContactStore

    stored = ContactStore(engine).get(ref)
    return ContactSource(stored.contact, stored.id, stored.uid, "store")


def local_zone(name: str | None = None) -> tzinfo:
    """The named IANA zone, else $TZ, else the system's zone (/etc/localtime), else UTC."""
    candidates = [name] if name else [os.environ.get("TZ", "").lstrip(":"), _system_zone_name()]
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate)
        except (ZoneInfoNotFoundError, ValueError) as error:
            if name:
                raise SettingsError(f"Unknown time zone {name!r}; use an IANA name like Europe/Berlin.") from error
    return ZoneInfo("UTC")


def _system_zone_name() -> str:
    localtime = Path("/etc/localtime")
    try:
        target = str(localtime.resolve())
    except OSError:
        return ""
    marker = "/zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else ""


def parse_when(text: str, zone: tzinfo, *, default_time: time = time(9, 0)) -> datetime:
    """'2026-12-01 14:00', '2026-12-01T14:00+01:00' or '2026-12-01' (at `default_time`) as an aware time."""
    cleaned = text.strip()
    try:
        if len(cleaned) == 10:
            return local_at(date.fromisoformat(cleaned), default_time, zone)
        moment = datetime.fromisoformat(cleaned.replace(" ", "T", 1))
    except ValueError as error:
        raise SettingsError(f"{text!r} is not a date and time like 2026-12-01 14:00.") from error
    if moment.tzinfo is None:
        return local_at(moment.date(), moment.timetz().replace(tzinfo=None), zone)
    return moment
