"""Stored contacts out as one .vcf file or as JSON records (CSV: `capture.store.csvexport`)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from capture.export.record import contact_to_record
from capture.export.vcard import contact_to_vcard, join_vcards
from capture.store.contacts import StoredContact

JSON_EXPORT_VERSION = 1


def stored_vcard(stored: StoredContact, version: str = "3.0") -> str:
    """One stored contact as a vCard whose UID is the store's stable UID."""
    return contact_to_vcard(stored.contact, version=version, uid=stored.uid, note=stored.contact.note or None)


def export_vcf(contacts: Iterable[StoredContact], version: str = "3.0") -> str:
    return join_vcards([stored_vcard(stored, version) for stored in contacts])


def stored_to_record(stored: StoredContact) -> dict[str, Any]:
    """Everything the store keeps about one contact, JSON-ready."""
    return {
        "id": stored.id,
        "uid": stored.uid,
        "contact": contact_to_record(stored.contact),
        "raw_text": stored.raw_text,
        "image_sha256": stored.image_sha256,
        "image_path": stored.image_path,
        "card_index": stored.card_index,
        "review_state": stored.review_state,
        "source": stored.source,
        "created_at": stored.created_at.isoformat(),
        "updated_at": stored.updated_at.isoformat(),
        "edited_fields": list(stored.edited_fields),
    }


def export_json(contacts: Iterable[StoredContact]) -> str:
    records = [stored_to_record(stored) for stored in contacts]
    payload = {"export_version": JSON_EXPORT_VERSION, "contacts": records}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
