"""The follow-up planner's tables in the shared store, and the migration steps that create them.

Migration steps are frozen: each one spells out its own DDL (rather than calling
`Base.metadata.create_all`) so that a later change to the mapped classes below never changes what
an old step did. Add a new step for every schema change; never edit or reorder old ones.

Times are stored in UTC (naive on SQLite, aware on PostgreSQL) with the plan's IANA time zone
name beside them, so local wall-clock due times come back exactly.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

import capture.store.tables  # noqa: F401  (the contacts table that plans point at, on the same metadata)
from capture.store.database import Base, register_migrations


class PlanRow(Base):
    __tablename__ = "followup_plans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    # The store's contact, when the plan was started from one; a deleted contact leaves the snapshot.
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    contact_uid: Mapped[str] = mapped_column(String(200), default="", index=True)
    contact_name: Mapped[str] = mapped_column(String(300), default="")  # for lookups by name
    contact_json: Mapped[str] = mapped_column(Text)  # snapshot: capture.export.record.contact_to_record
    interview_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    tz: Mapped[str] = mapped_column(String(64))
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    position: Mapped[str] = mapped_column(String(300), default="")
    holiday_country: Mapped[str] = mapped_column(String(8), default="")
    outcome: Mapped[str | None] = mapped_column(String(16), nullable=True)
    outcome_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # step 2
    holiday_region: Mapped[str] = mapped_column(String(16), default="")
    language: Mapped[str] = mapped_column(String(8), default="")
    needs_json: Mapped[str] = mapped_column(Text, default="[]")
    topic: Mapped[str] = mapped_column(Text, default="")
    rounds_json: Mapped[str] = mapped_column(Text, default="[]")  # the next rounds: start, minutes, people
    paused_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    pause_reason: Mapped[str] = mapped_column(Text, default="")

    steps: Mapped[list[StepRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="StepRow.seq"
    )
    people: Mapped[list[PersonRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PersonRow.seq"
    )
    events: Mapped[list[EventRow]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="EventRow.id"
    )


class StepRow(Base):
    __tablename__ = "followup_steps"
    __table_args__ = (UniqueConstraint("plan_id", "key", name="uq_followup_steps_plan_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("followup_plans.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    missing_json: Mapped[str] = mapped_column(Text, default="[]")
    state: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    snoozed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # step 2
    person: Mapped[int] = mapped_column(Integer, default=0)
    round: Mapped[int] = mapped_column(Integer, default=1)
    topic: Mapped[str] = mapped_column(Text, default="")
    message_id: Mapped[str] = mapped_column(String(300), default="", index=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    plan: Mapped[PlanRow] = relationship(back_populates="steps")


class PersonRow(Base):
    """Another interviewer of a plan (the main one is the plan's own contact)."""

    __tablename__ = "followup_people"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("followup_plans.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    contact_uid: Mapped[str] = mapped_column(String(200), default="")
    contact_json: Mapped[str] = mapped_column(Text)

    plan: Mapped[PlanRow] = relationship(back_populates="people")


class EventRow(Base):
    """What happened to a plan: outcomes (all of them, in order), replies, pauses, rounds."""

    __tablename__ = "followup_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("followup_plans.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    value: Mapped[str] = mapped_column(String(300), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    detail_json: Mapped[str] = mapped_column(Text, default="{}")
    handled: Mapped[int] = mapped_column(Integer, default=0)

    plan: Mapped[PlanRow] = relationship(back_populates="events")


def _create_plan_and_step_tables(conn: Connection) -> None:
    """Step 1 (frozen): the plans and their steps."""
    metadata = MetaData()
    Table("contacts", metadata, Column("id", Integer, primary_key=True))  # exists: the store's step 1
    plans = Table(
        "followup_plans",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("uid", String(64), nullable=False, unique=True),
        Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True),
        Column("contact_uid", String(200), nullable=False, index=True),
        Column("contact_name", String(300), nullable=False),
        Column("contact_json", Text, nullable=False),
        Column("interview_at", DateTime(timezone=True), nullable=False),
        Column("tz", String(64), nullable=False),
        Column("duration_minutes", Integer, nullable=False),
        Column("position", String(300), nullable=False),
        Column("holiday_country", String(8), nullable=False),
        Column("outcome", String(16), nullable=True),
        Column("outcome_at", DateTime(timezone=True), nullable=True),
        Column("outcome_note", Text, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
    )
    steps = Table(
        "followup_steps",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("plan_id", Integer, ForeignKey("followup_plans.id", ondelete="CASCADE"), nullable=False, index=True),
        Column("key", String(32), nullable=False),
        Column("seq", Integer, nullable=False),
        Column("kind", String(32), nullable=False),
        Column("channel", String(16), nullable=False),
        Column("due_at", DateTime(timezone=True), nullable=False, index=True),
        Column("summary", Text, nullable=False),
        Column("missing_json", Text, nullable=False),
        Column("state", String(16), nullable=False, index=True),
        Column("note", Text, nullable=False),
        Column("snoozed_until", DateTime(timezone=True), nullable=True),
        Column("revision", Integer, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        UniqueConstraint("plan_id", "key", name="uq_followup_steps_plan_key"),
    )
    metadata.create_all(conn, tables=[plans, steps])


def _people_events_and_step_details_v2(conn: Connection) -> None:
    """Step 2 (frozen): other interviewers, the plan's events (outcomes, replies), rounds, pauses,
    languages and needs, and per step its person, round, topic and the Message-ID that carried it."""
    for column in (
        "holiday_region VARCHAR(16) NOT NULL DEFAULT ''",
        "language VARCHAR(8) NOT NULL DEFAULT ''",
        "needs_json TEXT NOT NULL DEFAULT '[]'",
        "topic TEXT NOT NULL DEFAULT ''",
        "rounds_json TEXT NOT NULL DEFAULT '[]'",
        "paused_until TIMESTAMP WITH TIME ZONE NULL" if conn.dialect.name == "postgresql" else "paused_until DATETIME",
        "pause_reason TEXT NOT NULL DEFAULT ''",
    ):
        conn.exec_driver_sql(f"ALTER TABLE followup_plans ADD COLUMN {column}")
    for column in (
        "person INTEGER NOT NULL DEFAULT 0",
        "round INTEGER NOT NULL DEFAULT 1",
        "topic TEXT NOT NULL DEFAULT ''",
        "message_id VARCHAR(300) NOT NULL DEFAULT ''",
        "done_at TIMESTAMP WITH TIME ZONE NULL" if conn.dialect.name == "postgresql" else "done_at DATETIME",
    ):
        conn.exec_driver_sql(f"ALTER TABLE followup_steps ADD COLUMN {column}")
    conn.exec_driver_sql("CREATE INDEX ix_followup_steps_message_id ON followup_steps (message_id)")
    metadata = MetaData()
    Table("contacts", metadata, Column("id", Integer, primary_key=True))
    Table("followup_plans", metadata, Column("id", Integer, primary_key=True))

    def plan_child(name: str, *columns: Column[Any]) -> Table:
        """A table of rows that belong to a plan (and go with it)."""
        owner = ForeignKey("followup_plans.id", ondelete="CASCADE")
        return Table(name, metadata, Column("id", Integer, primary_key=True),
                     Column("plan_id", Integer, owner, nullable=False, index=True), *columns)

    people = plan_child(
        "followup_people",
        Column("seq", Integer, nullable=False),
        Column("contact_id", Integer, ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True),
        Column("contact_uid", String(200), nullable=False),
        Column("contact_json", Text, nullable=False),
    )
    events = plan_child(
        "followup_events",
        Column("kind", String(16), nullable=False),
        Column("at", DateTime(timezone=True), nullable=False),
        Column("value", String(300), nullable=False),
        Column("note", Text, nullable=False),
        Column("detail_json", Text, nullable=False),
        Column("handled", Integer, nullable=False),
    )
    metadata.create_all(conn, tables=[people, events])


register_migrations("followup", [_create_plan_and_step_tables, _people_events_and_step_details_v2])
