"""The contact store's tables (component "capture") and the migration steps that build them.

The ORM classes describe the *current* schema and are what the code queries. The migration
steps describe how each version was reached and are frozen: a step, once released, is never
edited (its tables are spelled out inside it, not taken from the classes), so a database made by
any older cardcap upgrades to exactly the current schema.

Versions:
1. contacts, with the contact as a JSON record, plus indexed emails and phones for dedup.
2. contacts.search_text (backfilled), contact_images (every scanned image of a contact, so a
   re-scan of any of them is recognised), carddav_resources (what was pushed where, with ETags).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from capture.store.database import Base, register_migrations

COMPONENT = "capture"


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(100), unique=True)
    formatted_name: Mapped[str] = mapped_column(String(300), default="")
    organization: Mapped[str] = mapped_column(String(300), default="")
    record: Mapped[str] = mapped_column(Text)  # the Contact as JSON (capture.export.record)
    raw_text: Mapped[str] = mapped_column(Text, default="")
    image_sha256: Mapped[str | None] = mapped_column(String(64), index=True, nullable=True)
    card_index: Mapped[int] = mapped_column(Integer, default=1)
    image_path: Mapped[str | None] = mapped_column(Text, nullable=True)
    review_state: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20), default="scan")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    edited_fields: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of field groups
    search_text: Mapped[str] = mapped_column(Text, default="")


class ContactEmailRow(Base):
    __tablename__ = "contact_emails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    address: Mapped[str] = mapped_column(String(320), index=True)  # lower case


class ContactPhoneRow(Base):
    __tablename__ = "contact_phones"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    e164: Mapped[str] = mapped_column(String(40), index=True)


class ContactImageRow(Base):
    __tablename__ = "contact_images"
    __table_args__ = (UniqueConstraint("sha256", "card_index"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    card_index: Mapped[int] = mapped_column(Integer, default=1)


class CarddavResourceRow(Base):
    __tablename__ = "carddav_resources"
    __table_args__ = (UniqueConstraint("collection_url", "uid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    collection_url: Mapped[str] = mapped_column(String(500))
    uid: Mapped[str] = mapped_column(String(100))
    href: Mapped[str] = mapped_column(String(600))
    etag: Mapped[str] = mapped_column(String(200), default="")
    vcard_sha256: Mapped[str] = mapped_column(String(64))


# ---- migration steps (frozen) -----------------------------------------------------------------


def _create_v1(conn: Connection) -> None:
    meta = MetaData()
    Table(
        "contacts",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("uid", String(100), nullable=False, unique=True),
        Column("formatted_name", String(300), nullable=False, default=""),
        Column("organization", String(300), nullable=False, default=""),
        Column("record", Text, nullable=False),
        Column("raw_text", Text, nullable=False, default=""),
        Column("image_sha256", String(64), nullable=True),
        Column("card_index", Integer, nullable=False, default=1),
        Column("image_path", Text, nullable=True),
        Column("review_state", String(20), nullable=False),
        Column("source", String(20), nullable=False, default="scan"),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("edited_fields", Text, nullable=False, default="[]"),
        Index("ix_contacts_image_sha256", "image_sha256"),
    )
    for name, column, length in (("contact_emails", "address", 320), ("contact_phones", "e164", 40)):
        Table(
            name,
            meta,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
            Column(column, String(length), nullable=False),
            Index(f"ix_{name}_contact_id", "contact_id"),
            Index(f"ix_{name}_{column}", column),
        )
    meta.create_all(conn)


def _search_text_v2(record: dict[str, Any]) -> str:
    """Lower-case text a search matches; step 2's own copy so the step never changes."""
    parts: list[str] = [record.get("formatted_name") or ""]
    name = record.get("name") or {}
    parts += [name.get(key, "") for key in ("full", "given", "family")]
    for key in ("organization", "department", "title"):
        parts.append((record.get(key) or {}).get("value", ""))
    parts += [e.get("address", "") for e in record.get("emails", [])]
    for phone in record.get("phones", []):
        parts += [phone.get("e164", ""), phone.get("raw", "")]
    parts += [a.get("city", "") for a in record.get("addresses", [])]
    return " ".join(p for p in parts if p).lower()


def _add_search_images_carddav_v2(conn: Connection) -> None:
    meta = MetaData()
    contacts = Table(  # as it stands in version 1 (not created here), plus the column added below
        "contacts",
        meta,
        Column("id", Integer, primary_key=True),
        Column("record", Text),
        Column("image_sha256", String(64)),
        Column("card_index", Integer),
        Column("search_text", Text),
    )
    images = Table(
        "contact_images",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="CASCADE"), nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("card_index", Integer, nullable=False, default=1),
        UniqueConstraint("sha256", "card_index"),
        Index("ix_contact_images_contact_id", "contact_id"),
    )
    carddav = Table(
        "carddav_resources",
        meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("collection_url", String(500), nullable=False),
        Column("uid", String(100), nullable=False),
        Column("href", String(600), nullable=False),
        Column("etag", String(200), nullable=False, default=""),
        Column("vcard_sha256", String(64), nullable=False),
        UniqueConstraint("collection_url", "uid"),
    )
    meta.create_all(conn, tables=[images, carddav])
    conn.exec_driver_sql("ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")

    seen: set[tuple[str, int]] = set()
    rows = conn.execute(select(contacts.c.id, contacts.c.record, contacts.c.image_sha256, contacts.c.card_index))
    for row in rows.all():
        record = json.loads(row.record)
        conn.execute(update(contacts).where(contacts.c.id == row.id).values(search_text=_search_text_v2(record)))
        key = (row.image_sha256, row.card_index)
        if row.image_sha256 and key not in seen:
            seen.add(key)
            conn.execute(images.insert().values(contact_id=row.id, sha256=row.image_sha256, card_index=row.card_index))


STEPS = [_create_v1, _add_search_images_carddav_v2]

register_migrations(COMPONENT, STEPS)
