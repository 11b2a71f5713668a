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

from capture.contact import Contact
from capture.errors import CardcapError, StoreError
from capture.export.record import contact_from_record, contact_to_record
from capture.store.database import run_writing_session
from capture.store.tables import ContactRow
from followup.model import Channel, Event, Gap, Outcome, Person, Plan, Round, Step, StepKind, StepState
from followup.tables import EventRow, PersonRow, PlanRow, StepRow


class NotFoundError(CardcapError):
    """No plan or step matches what was asked for (a refusal, exit 8: the store itself is fine)."""


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


def _gaps(text: str) -> tuple[Gap, ...]:
    # Version-1 rows hold sentences; those are dropped and the gaps recomputed when the plan is read.
    return tuple(Gap(value) for value in json.loads(text or "[]") if value in Gap._value2member_map_)


def step_from_row(row: StepRow, zone: tzinfo) -> Step:
    return Step(
        key=row.key,
        seq=row.seq,
        kind=StepKind(row.kind),
        channel=Channel(row.channel),
        due=from_db(row.due_at, zone),
        summary=row.summary,
        missing=_gaps(row.missing_json),
        state=StepState(row.state),
        note=row.note,
        snoozed_until=from_db(row.snoozed_until, zone) if row.snoozed_until else None,
        id=row.id,
        revision=row.revision,
        person=row.person or 0,
        round=row.round or 1,
        topic=row.topic or "",
        message_id=row.message_id or "",
        done_at=from_db(row.done_at, zone) if row.done_at else None,
    )


def _rounds_from_json(text: str, zone: tzinfo) -> tuple[Round, ...]:
    return tuple(
        Round(
            int(item["number"]),
            datetime.fromisoformat(item["interview"]).astimezone(zone),
            timedelta(minutes=int(item["minutes"])),
            tuple(int(p) for p in item.get("people", [0])),
        )
        for item in json.loads(text or "[]")
    )


def _rounds_to_json(rounds: tuple[Round, ...]) -> str:
    return json.dumps([
        {"number": r.number, "interview": r.interview.isoformat(), "minutes": int(r.duration.total_seconds() // 60),
         "people": list(r.people)}
        for r in rounds
    ])


def event_from_row(row: EventRow, zone: tzinfo) -> Event:
    detail = json.loads(row.detail_json or "{}")
    return Event(row.kind, from_db(row.at, zone), row.value, row.note, tuple(sorted(detail.items())), row.id,
                 bool(row.handled))


def plan_from_row(row: PlanRow, live: dict[int, Contact] | None = None) -> Plan:
    """The plan as stored; a contact saved in the store comes as it is now (`live`), so an edit of the
    contact (`cardcap contacts edit`, the web's edit form) reaches the plan."""
    zone = zone_from_name(row.tz)
    live = live or {}
    snapshot = contact_from_record(json.loads(row.contact_json))
    return Plan(
        uid=row.uid,
        contact=live.get(row.contact_id, snapshot) if row.contact_id is not None else snapshot,
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
        holiday_region=row.holiday_region or "",
        language=row.language or "",
        needs=tuple(json.loads(row.needs_json or "[]")),
        topic=row.topic or "",
        people=tuple(
            Person(
                live.get(p.contact_id, contact_from_record(json.loads(p.contact_json)))
                if p.contact_id is not None
                else contact_from_record(json.loads(p.contact_json)),
                p.contact_id,
                p.contact_uid,
            )
            for p in sorted(row.people, key=lambda p: p.seq)
        ),
        rounds=_rounds_from_json(row.rounds_json, zone),
        paused_until=from_db(row.paused_until, zone) if row.paused_until else None,
        pause_reason=row.pause_reason or "",
        events=tuple(event_from_row(e, zone) for e in sorted(row.events, key=lambda e: e.id)),
    )


def _fill_step_row(row: StepRow, step: Step, now: datetime) -> None:
    row.key, row.seq, row.kind, row.channel = step.key, step.seq, str(step.kind), str(step.channel)
    row.due_at, row.summary = to_db(step.due), step.summary
    row.missing_json = json.dumps([str(gap) for gap in step.missing])
    row.state, row.note = str(step.state), step.note
    row.snoozed_until = to_db(step.snoozed_until) if step.snoozed_until else None
    row.revision, row.updated_at = step.revision, to_db(now)
    row.person, row.round, row.topic, row.message_id = step.person, step.round, step.topic, step.message_id
    row.done_at = to_db(step.done_at) if step.done_at else None


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
    row.holiday_region, row.language, row.topic = plan.holiday_region, plan.language, plan.topic
    row.needs_json = json.dumps(list(plan.needs), ensure_ascii=False)
    row.rounds_json = _rounds_to_json(plan.rounds)
    row.paused_until = to_db(plan.paused_until) if plan.paused_until else None
    row.pause_reason = plan.pause_reason


def _fill_people(row: PlanRow, people: tuple[Person, ...]) -> None:
    existing = {p.seq: p for p in row.people}
    for seq, person in enumerate(people, start=1):
        person_row = existing.pop(seq, None)
        if person_row is None:
            person_row = PersonRow(seq=seq)
            row.people.append(person_row)
        person_row.contact_id, person_row.contact_uid = person.contact_id, person.contact_uid
        person_row.contact_json = json.dumps(contact_to_record(person.contact), ensure_ascii=False)
    for leftover in existing.values():
        row.people.remove(leftover)


def _fill_events(row: PlanRow, events: tuple[Event, ...]) -> None:
    by_id = {e.id: e for e in row.events}
    for event in events:
        event_row = by_id.get(event.id) if event.id is not None else None
        if event_row is None:
            event_row = EventRow()
            row.events.append(event_row)
        event_row.kind, event_row.at, event_row.value = event.kind, to_db(event.at), event.value
        event_row.note, event_row.handled = event.note, int(event.handled)
        event_row.detail_json = json.dumps(dict(event.detail), ensure_ascii=False)


def _live_contacts(session: Session, rows: list[PlanRow]) -> dict[int, Contact]:
    """The saved contacts the plans point at, as they are now."""
    ids = {r.contact_id for r in rows if r.contact_id is not None}
    ids |= {p.contact_id for r in rows for p in r.people if p.contact_id is not None}
    if not ids:
        return {}
    found = session.execute(select(ContactRow.id, ContactRow.record).where(ContactRow.id.in_(ids)))
    return {contact_id: contact_from_record(json.loads(record)) for contact_id, record in found}


def _plans(session: Session, rows: list[PlanRow]) -> tuple[Plan, ...]:
    live = _live_contacts(session, rows)
    return tuple(plan_from_row(row, live) for row in rows)


# -- operations -------------------------------------------------------------------------------------------


def _plans_query() -> Select[PlanRow]:
    return select(PlanRow).options(
        selectinload(PlanRow.steps), selectinload(PlanRow.people), selectinload(PlanRow.events)
    )


def save_plan(engine: Engine, plan: Plan, now: datetime) -> Plan:
    """Insert or update the plan (by uid) and its steps (by key); returns it as stored, with ids.
    Waits out, then fails with a sentence on, a store another program keeps busy."""
    return run_writing_session(engine, lambda session: _save_plan(session, plan, now))


def _save_plan(session: Session, plan: Plan, now: datetime) -> Plan:
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
    _fill_people(row, plan.people)
    _fill_events(row, plan.events)
    session.flush()
    return _plans(session, [row])[0]


def load_plan(engine: Engine, uid: str) -> Plan:
    with Session(engine) as session:
        row = session.scalars(_plans_query().where(PlanRow.uid == uid)).first()
        if row is None:
            raise NotFoundError(f"No follow-up plan has the uid {uid!r}.")
        return _plans(session, [row])[0]


def list_plans(engine: Engine, *, open_only: bool = False) -> tuple[Plan, ...]:
    query = _plans_query().order_by(PlanRow.interview_at, PlanRow.id)
    if open_only:
        query = query.where(or_(PlanRow.outcome.is_(None), PlanRow.outcome.in_(("offer", "on hold"))))
    with Session(engine) as session:
        return _plans(session, list(session.scalars(query)))


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
        return _plans(session, rows)


def find_step(engine: Engine, ref: str) -> tuple[Plan, Step]:
    """A step by its id ('12') or by plan and key ('3f2a9c:week-2', the plan uid's start)."""
    ref = ref.strip()
    with Session(engine) as session:
        if ref.isdigit():
            step_row = session.get(StepRow, int(ref))
            if step_row is not None:
                plan = load_plan(engine, step_row.plan.uid)
                return plan, plan.step(step_row.key)
        elif ":" in ref:
            plan_ref, key = ref.rsplit(":", 1)
            rows = list(session.scalars(_plans_query().where(PlanRow.uid.startswith(plan_ref))))
            if len(rows) == 1 and any(s.key == key for s in rows[0].steps):
                plan = _plans(session, rows)[0]
                return plan, plan.step(key)
    raise NotFoundError(f"No follow-up step {ref!r}.",
                        terminal_hint="Use the number `cardcap followup show` or `due` shows (or PLAN:KEY).")


def claim_step(engine: Engine, step_id: int, message_id: str, now: datetime) -> bool:
    """Mark an open step SENDING with its Message-ID, unless another process got there first.

    A compare-and-set in one statement: two `followup run`s started by cron at once cannot both
    send the same step."""
    from sqlalchemy import update

    def claim(session: Session) -> bool:
        result = session.execute(
            update(StepRow)
            .where(StepRow.id == step_id, StepRow.state.in_(("pending", "snoozed")))
            .values(state="sending", message_id=message_id, done_at=to_db(now), updated_at=to_db(now),
                    revision=StepRow.revision + 1)
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    return run_writing_session(engine, claim)
