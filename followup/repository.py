"""Plans and steps in and out of the store: `Plan` dataclasses on one side, table rows on the other.

Callers work on whole `Plan` values (the rules are pure functions of them) and save them back;
`save_plan` inserts or updates by the plan's uid and the steps' keys, in one transaction.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Engine, Select, or_, select
from sqlalchemy.orm import Session, selectinload

from capture.errors import StoreError
from capture.export.record import contact_from_record, contact_to_record
from capture.store.database import lock_for_writing, writer
from followup.model import Channel, Outcome, Plan, Step, StepKind, StepState
from followup.tables import PlanRow, StepRow


class NotFoundError(StoreError):
    """No plan or step matches what was asked for."""


# -- times and zones ---------------------------------------------------------------------------------


def zone_name(zone: tzinfo | None) -> str:
    """An IANA key ('Europe/Berlin') for a ZoneInfo, else a fixed offset ('+05:30')."""
    if isinstance(zone, ZoneInfo):
        return zone.key
    offset = zone.utcoffset(None) if zone is not None else None
    if offset is None:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_from_name(name: str) -> tzinfo:
    if name and name[0] in "+-":
        hours, minutes = name[1:].split(":")
        delta = timedelta(hours=int(hours), minutes=int(minutes))
        return timezone(-delta if name[0] == "-" else delta)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise StoreError(f"The follow-up store names an unknown time zone {name!r}.") from error


def to_db(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def from_db(moment: datetime, zone: tzinfo) -> datetime:
    """SQLite hands back naive UTC, PostgreSQL aware values; both become local aware times."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone)


# -- rows <-> dataclasses --------------------------------------------------------------------------------


def step_from_row(row: StepRow, zone: tzinfo) -> Step:
    return Step(
        key=row.key,
        seq=row.seq,
        kind=StepKind(row.kind),
        channel=Channel(row.channel),
        due=from_db(row.due_at, zone),
        summary=row.summary,
        missing=tuple(json.loads(row.missing_json)),
        state=StepState(row.state),
        note=row.note,
        snoozed_until=from_db(row.snoozed_until, zone) if row.snoozed_until else None,
        id=row.id,
        revision=row.revision,
    )


def plan_from_row(row: PlanRow) -> Plan:
    zone = zone_from_name(row.tz)
    return Plan(
        uid=row.uid,
        contact=contact_from_record(json.loads(row.contact_json)),
        interview=from_db(row.interview_at, zone),
        duration=timedelta(minutes=row.duration_minutes),
        position=row.position,
        holiday_country=row.holiday_country,
        steps=tuple(step_from_row(s, zone) for s in sorted(row.steps, key=lambda s: s.seq)),
        outcome=Outcome(row.outcome) if row.outcome else None,
        outcome_at=from_db(row.outcome_at, zone) if row.outcome_at else None,
        outcome_note=row.outcome_note,
        contact_id=row.contact_id,
        contact_uid=row.contact_uid,
        created_at=from_db(row.created_at, zone),
        id=row.id,
    )


def _fill_step_row(row: StepRow, step: Step, now: datetime) -> None:
    row.key, row.seq, row.kind, row.channel = step.key, step.seq, str(step.kind), str(step.channel)
    row.due_at, row.summary, row.missing_json = to_db(step.due), step.summary, json.dumps(list(step.missing))
    row.state, row.note = str(step.state), step.note
    row.snoozed_until = to_db(step.snoozed_until) if step.snoozed_until else None
    row.revision, row.updated_at = step.revision, to_db(now)


def _fill_plan_row(row: PlanRow, plan: Plan, now: datetime) -> None:
    row.uid, row.contact_id, row.contact_uid = plan.uid, plan.contact_id, plan.contact_uid
    row.contact_name = plan.contact.formatted_name
    row.contact_json = json.dumps(contact_to_record(plan.contact), ensure_ascii=False)
    row.interview_at, row.tz = to_db(plan.interview), zone_name(plan.interview.tzinfo)
    row.duration_minutes = int(plan.duration.total_seconds() // 60)
    row.position, row.holiday_country = plan.position, plan.holiday_country
    row.outcome = str(plan.outcome) if plan.outcome else None
    row.outcome_at = to_db(plan.outcome_at) if plan.outcome_at else None
    row.outcome_note = plan.outcome_note
    row.created_at = to_db(plan.created_at or now)
    row.updated_at = to_db(now)


# -- operations -------------------------------------------------------------------------------------------


def _plans_query() -> Select[PlanRow]:
    return select(PlanRow).options(selectinload(PlanRow.steps))


def save_plan(engine: Engine, plan: Plan, now: datetime) -> Plan:
    """Insert or update the plan (by uid) and its steps (by key); returns it as stored, with ids."""
    with Session(writer(engine)) as session, session.begin():
        lock_for_writing(session.connection())
        row = session.scalars(_plans_query().where(PlanRow.uid == plan.uid)).first()
        if row is None:
            row = PlanRow()
            session.add(row)
        _fill_plan_row(row, plan, now)
        by_key = {step_row.key: step_row for step_row in row.steps}
        for step in plan.steps:
            step_row = by_key.get(step.key)
            if step_row is None:
                step_row = StepRow()
                row.steps.append(step_row)
            _fill_step_row(step_row, step, now)
        session.flush()
        return plan_from_row(row)


def load_plan(engine: Engine, uid: str) -> Plan:
    with Session(engine) as session:
        row = session.scalars(_plans_query().where(PlanRow.uid == uid)).first()
        if row is None:
            raise NotFoundError(f"No follow-up plan has the uid {uid!r}.")
        return plan_from_row(row)


def list_plans(engine: Engine, *, open_only: bool = False) -> tuple[Plan, ...]:
    query = _plans_query().order_by(PlanRow.interview_at, PlanRow.id)
    if open_only:
        query = query.where(PlanRow.outcome.is_(None))
    with Session(engine) as session:
        return tuple(plan_from_row(row) for row in session.scalars(query))


def find_plans(engine: Engine, ref: str) -> tuple[Plan, ...]:
    """Plans for a reference: plan uid (or its start), plan id, the contact's store id or uid, or a name."""
    ref = ref.strip()
    if not ref:
        return ()
    conditions = [PlanRow.uid.startswith(ref), PlanRow.contact_uid == ref]
    if ref.isdigit():
        conditions += [PlanRow.id == int(ref), PlanRow.contact_id == int(ref)]
    with Session(engine) as session:
        rows = list(session.scalars(_plans_query().where(or_(*conditions)).order_by(PlanRow.id)))
        if not rows:  # a name: case-insensitive, all words present
            words = ref.casefold().split()
            rows = [
                row
                for row in session.scalars(_plans_query().order_by(PlanRow.id))
                if all(word in row.contact_name.casefold() for word in words)
            ]
        return tuple(plan_from_row(row) for row in rows)


def find_step(engine: Engine, ref: str) -> tuple[Plan, Step]:
    """A step by its id ('12') or by plan and key ('3f2a9c:week-2', the plan uid's start)."""
    ref = ref.strip()
    with Session(engine) as session:
        if ref.isdigit():
            step_row = session.get(StepRow, int(ref))
            if step_row is not None:
                plan = plan_from_row(step_row.plan)
                return plan, plan.step(step_row.key)
        elif ":" in ref:
            plan_ref, key = ref.rsplit(":", 1)
            rows = list(session.scalars(_plans_query().where(PlanRow.uid.startswith(plan_ref))))
            if len(rows) == 1 and any(s.key == key for s in rows[0].steps):
                plan = plan_from_row(rows[0])
                return plan, plan.step(key)
    raise NotFoundError(
        f"No follow-up step {ref!r}; use the number shown by `cardcap followup show` or `due` (or PLAN:KEY)."
    )
