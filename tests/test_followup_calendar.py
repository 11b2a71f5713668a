"""Calendar export: the .ics parsed back, stable UIDs, and a push to a real Radicale CalDAV server."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from caldav.davclient import DAVClient
from followup_helpers import NOW, make_plan
from icalendar import Calendar

from followup.caldav_push import push_plans
from followup.calendar import export_ics, step_uid
from followup.model import StepState


def test_ics_has_one_event_per_step_with_an_alarm_and_local_times() -> None:
    plan = make_plan()
    calendar = Calendar.from_ical(export_ics([plan], NOW))
    events = calendar.walk("VEVENT")
    assert len(events) == len(plan.steps)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert {tz["TZID"] for tz in calendar.walk("VTIMEZONE")} == {"Europe/Berlin"}
    for step, event in zip(plan.steps, events, strict=True):
        assert str(event["UID"]) == step_uid(plan, step)
        assert event["DTSTART"].dt == step.due
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert event["DTEND"].dt > event["DTSTART"].dt
        assert str(event["SUMMARY"]) == step.summary
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0]["TRIGGER"].dt == -timedelta(minutes=15)
        assert event["DTSTAMP"].dt == NOW.astimezone(event["DTSTAMP"].dt.tzinfo)


def test_uids_are_stable_and_changes_raise_the_sequence() -> None:
    plan = make_plan()
    first = Calendar.from_ical(export_ics([plan], NOW))
    done = replace(plan.steps[0], state=StepState.SKIPPED, revision=plan.steps[0].revision + 1)
    again = Calendar.from_ical(export_ics([plan.with_steps((done, *plan.steps[1:]))], NOW + timedelta(days=1)))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [str(e["UID"]) for e in again.walk("VEVENT")]
    changed = again.walk("VEVENT")[0]
    assert int(changed["SEQUENCE"]) == int(first.walk("VEVENT")[0]["SEQUENCE"]) + 1
    assert str(changed["STATUS"]) == "CANCELLED" and not changed.walk("VALARM")


def test_todo_export_marks_finished_steps_completed() -> None:
    plan = make_plan()
    done = replace(plan.steps[0], state=StepState.DONE, revision=1)
    calendar = Calendar.from_ical(export_ics([plan.with_steps((done, *plan.steps[1:]))], NOW, todo=True))
    todos = calendar.walk("VTODO")
    assert len(todos) == len(plan.steps) and not calendar.walk("VEVENT")
    assert str(todos[0]["STATUS"]) == "COMPLETED" and str(todos[1]["STATUS"]) == "NEEDS-ACTION"
    assert todos[1]["DUE"].dt > todos[1]["DTSTART"].dt


@pytest.mark.slow
@pytest.mark.xdist_group("radicale")
def test_caldav_push_creates_then_updates_in_place(radicale_server: str) -> None:
    user = f"user{uuid.uuid4().hex[:8]}"  # the server is shared by the session: one account per test
    plan = make_plan()
    first = push_plans([plan], radicale_server, NOW, username=user, password="any")
    assert (first.created, first.updated, first.unchanged) == (len(plan.steps), 0, 0)
    second = push_plans([plan], radicale_server, NOW + timedelta(hours=1), username=user, password="any")
    assert (second.created, second.updated, second.unchanged) == (0, 0, len(plan.steps))
    snoozed = replace(
        plan.steps[1], state=StepState.SNOOZED, snoozed_until=plan.steps[1].due + timedelta(days=1), revision=1
    )
    third = push_plans(
        [plan.with_steps((plan.steps[0], snoozed, *plan.steps[2:]))],
        radicale_server,
        NOW,
        username=user,
        password="any",
    )
    assert (third.created, third.updated, third.unchanged) == (0, 1, len(plan.steps) - 1)
    # Read back over CalDAV with a fresh client: one resource per step, the snoozed one moved.
    client = DAVClient(url=radicale_server, username=user, password="any")
    calendars = client.principal().calendars()
    assert len(calendars) == 1
    events = {str(e.icalendar_component["UID"]): e.icalendar_component for e in calendars[0].events()}
    assert set(events) == {step_uid(plan, s) for s in plan.steps}
    assert events[step_uid(plan, snoozed)]["DTSTART"].dt == snoozed.snoozed_until
