"""The JSON contact record: every field with its confidence and evidence, and back again."""

from __future__ import annotations

import dataclasses
from typing import Any

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

RECORD_VERSION = 1


def contact_to_record(contact: Contact) -> dict[str, Any]:
    """Plain JSON-ready data (the dataclasses' fields; enums as their values)."""
    data = dataclasses.asdict(contact)
    for phone in data["phones"]:
        phone["type"] = str(phone["type"])
    data["formatted_name"] = contact.formatted_name
    return data


def result_to_record(result: CardResult) -> dict[str, Any]:
    return {
        "record_version": RECORD_VERSION,
        "source": result.source,
        "card": result.index,
        "cards_in_image": result.count,
        "sha256": result.sha256,
        "confidence": round(result.confidence, 4),
        "contact": contact_to_record(result.contact),
        "text": result.text,
        "image_size": list(result.image_size),
        "lines": [{"text": t, "box": list(b), "confidence": round(c, 4)} for t, b, c in result.lines],
        "timings": {t.stage: round(t.seconds, 4) for t in result.timings},
    }


def _evidence(data: dict[str, Any] | None) -> Evidence | None:
    if not data:
        return None
    box = data.get("box")
    return Evidence(data.get("text", ""), tuple(box) if box else None, data.get("source", "tesseract"))


def _text(data: dict[str, Any] | None) -> TextField | None:
    if not data:
        return None
    return TextField(data["value"], data.get("confidence", 1.0), _evidence(data.get("evidence")))


def contact_from_record(data: dict[str, Any]) -> Contact:
    """The inverse of `contact_to_record`."""
    name = data.get("name")
    return Contact(
        name=PersonName(**{**name, "evidence": _evidence(name.get("evidence"))}) if name else None,
        title=_text(data.get("title")),
        organization=_text(data.get("organization")),
        department=_text(data.get("department")),
        emails=tuple(
            Email(e["address"], e.get("confidence", 1.0), _evidence(e.get("evidence"))) for e in data.get("emails", [])
        ),
        phones=tuple(
            Phone(**{**p, "type": PhoneType(p.get("type", "work")), "evidence": _evidence(p.get("evidence"))})
            for p in data.get("phones", [])
        ),
        websites=tuple(
            Website(w["url"], w.get("kind", "web"), w.get("confidence", 1.0), _evidence(w.get("evidence")))
            for w in data.get("websites", [])
        ),
        addresses=tuple(Address(**{**a, "evidence": _evidence(a.get("evidence"))}) for a in data.get("addresses", [])),
        warnings=tuple(Warning(w["field"], w["message"], w.get("value", "")) for w in data.get("warnings", [])),
        note=data.get("note", ""),
    )
