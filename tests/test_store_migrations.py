"""An older contact store upgrades in place when the current cardcap opens it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, text
from storecards import card, person, store_url  # noqa: F401  (fixture)

from capture.errors import StoreError
from capture.export.record import contact_to_record
from capture.store.contacts import ContactStore
from capture.store.database import open_database
from capture.store.tables import STEPS


def make_version_1_store(url: str) -> str:
    """A store as cardcap's first schema left it, holding one scanned contact."""
    engine = open_database(url, migrate_only={"capture": 1})
    result = card(person(), "card-a")
    with engine.begin() as conn:
        assert conn.execute(text("SELECT version FROM schema_versions WHERE component = 'capture'")).scalar() == 1
        assert "search_text" not in {c["name"] for c in inspect(conn).get_columns("contacts")}
        when = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
        conn.execute(
            text(
                "INSERT INTO contacts (uid, formatted_name, organization, record, raw_text, image_sha256, "
                "card_index, image_path, review_state, source, created_at, updated_at, edited_fields) VALUES "
                "(:uid, :name, :org, :record, :raw, :sha, 1, :path, 'needs_review', 'scan', :when, :when, '[]')"
            ),
            {
                "uid": "urn:uuid:11111111-2222-3333-4444-555555555555",
                "name": result.contact.formatted_name,
                "org": "Analytical Engines Ltd",
                "record": json.dumps(contact_to_record(result.contact)),
                "raw": result.text,
                "sha": result.sha256,
                "path": result.source,
                "when": when,
            },
        )
        contact_id = conn.execute(text("SELECT id FROM contacts")).scalar()
        conn.execute(
            text("INSERT INTO contact_emails (contact_id, address) VALUES (:id, 'ada@analytical.example')"),
            {"id": contact_id},
        )
    engine.dispose()
    return result.sha256


def test_a_version_1_store_is_upgraded_in_place(store_url: str) -> None:  # noqa: F811
    make_version_1_store(store_url)
    store = ContactStore.open(store_url)
    with store.engine.connect() as conn:
        version = conn.execute(text("SELECT version FROM schema_versions WHERE component = 'capture'")).scalar()
        tables = set(inspect(conn).get_table_names())
    assert version == len(STEPS) == 2
    assert {"contact_images", "carddav_resources"} <= tables
    # The old row is intact, and the new search column and image index were filled in.
    [stored] = store.list("lovelace")
    assert stored.uid == "urn:uuid:11111111-2222-3333-4444-555555555555"
    assert stored.contact == person()
    assert stored.created_at == datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
    again = store.save_result(card(person(), "card-a"))
    assert (again.action, again.stored.id) == ("unchanged", stored.id)
    # Opening again runs nothing more.
    assert ContactStore.open(store_url).list() == [stored]


def test_a_store_from_a_newer_cardcap_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    engine = open_database(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE schema_versions SET version = 99 WHERE component = 'capture'"))
    engine.dispose()
    with pytest.raises(StoreError, match="newer than this cardcap knows"):
        open_database(url)
