"""The JSON contact record: every field with its confidence and evidence, the OCR page (lines →
words, with boxes and confidences) it was read from, and back again."""

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
from capture.reading import line_to_json, page_from_json

# 2: each line carries its words (and block and engine), and "ocr" the page's engine and rotation.
# Version 1 records (lines without words) are still read.
RECORD_VERSION = 2


def contact_to_record(contact: Contact) -> dict[str, Any]:
    """Plain JSON-ready data (the dataclasses' fields; enums as their values)."""
    data = dataclasses.asdict(contact)
    for phone in data["phones"]:
        phone["type"] = str(phone["type"])
    data["formatted_name"] = contact.formatted_name
    return data


def result_to_record(result: CardResult) -> dict[str, Any]:
    page = result.page
    return {
        "record_version": RECORD_VERSION,
        "source": result.source,
        "card": result.index,
        "cards_in_image": result.count,
        "sha256": result.sha256,
        "confidence": round(result.confidence, 4),
        "contact": contact_to_record(result.contact),
        "text": result.text,
        "image_size": [page.width, page.height],
        "lines": [line_to_json(line) for line in page.lines],
        "ocr": {"engine": page.engine, "rotation": page.rotation, "extra": dict(page.extra)},
        "timings": {t.stage: round(t.seconds, 4) for t in result.timings},
    }


def result_from_record(data: dict[str, Any]) -> CardResult:
    """The inverse of `result_to_record` (timings and the card image are not in the record)."""
    width, height = data["image_size"]
    page = page_from_json({**data.get("ocr", {}), "width": width, "height": height, "lines": data["lines"]})
    return CardResult(
        source=data["source"],
        index=data["card"],
        count=data["cards_in_image"],
        sha256=data["sha256"],
        contact=contact_from_record(data["contact"]),
        page=page,
    )


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
