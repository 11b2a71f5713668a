"""Plans as iCalendar (RFC 5545): one VEVENT (or VTODO) per step, each with an alarm.

UIDs are derived from the plan's uid and the step's key, so importing the file again (or pushing
it to CalDAV again) updates the same entries instead of duplicating them; SEQUENCE follows the
step's revision so clients accept the newer version. Finished steps stay, marked completed or
cancelled, so a re-import also clears them from a calendar's to-do view.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Todo

from followup import gaps
from followup.model import Channel, Plan, Step, StepState

PRODID = "-//cardcap//follow-up playbook//EN"
DURATIONS = {
    Channel.PHONE: timedelta(minutes=15),
    Channel.EMAIL: timedelta(minutes=15),
    Channel.LETTER: timedelta(minutes=30),
}
ALARM_BEFORE = timedelta(minutes=15)


def step_uid(plan: Plan, step: Step) -> str:
    return f"{plan.uid}-{step.key}@cardcap"


def _description(plan: Plan, step: Step) -> str:
    lines = [step.summary]
    if plan.position:
        lines.append(f"Position: {plan.position}")
    lines.append(f"Interview: {plan.interview:%Y-%m-%d %H:%M} ({plan.interview.tzinfo})")
    lines += gaps.for_calendar(plan, step)
    if step.note:
        lines.append(f"Note: {step.note}")
    if step.id is not None:
        # A phone's calendar shows this too: the Today page first, the command for a terminal after.
        lines.append(f"Step #{step.id}: mark it done on cardcap's Today page (or `cardcap followup done {step.id}`).")
    return "\n".join(lines)


def ics_time(moment: datetime) -> datetime:
    """A time as RFC 5545 can carry it: in its IANA zone (with a VTIMEZONE), else in UTC.

    A fixed offset ("2026-12-01T14:00+01:00") names no zone a calendar knows, and icalendar would
    write `TZID="UTC+01:00"` with no VTIMEZONE behind it; the same instant in UTC is always valid."""
    return moment if isinstance(moment.tzinfo, ZoneInfo) else moment.astimezone(UTC)


def _alarm(step: Step) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", step.summary)
    alarm.add("trigger", -ALARM_BEFORE)
    return alarm


def step_component(plan: Plan, step: Step, now: datetime, *, todo: bool = False) -> Event | Todo:
    """One step as a VEVENT (default: calendars everywhere show events) or a VTODO."""
    component: Event | Todo = Todo() if todo else Event()
    component.add("uid", step_uid(plan, step))
    component.add("dtstamp", now)
    component.add("sequence", step.revision)
    component.add("summary", step.summary)
    component.add("description", _description(plan, step))
    component.add("categories", ["cardcap", f"follow-up-{step.channel}"])
    start = ics_time(step.effective_due)
    component.add("dtstart", start)
    if todo:
        component.add("due", start + DURATIONS[step.channel])
        component.add(
            "status", {StepState.DONE: "COMPLETED", StepState.SKIPPED: "CANCELLED"}.get(step.state, "NEEDS-ACTION")
        )
    else:
        component.add("dtend", start + DURATIONS[step.channel])
        component.add("status", "CANCELLED" if step.state is StepState.SKIPPED else "CONFIRMED")
        component.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the time stays free
    if step.is_open:
        component.add_component(_alarm(step))
    return component


def plans_calendar(plans: Iterable[Plan], now: datetime, *, todo: bool = False) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Interview follow-up")
    for plan in plans:
        for step in plan.steps:
            calendar.add_component(step_component(plan, step, now, todo=todo))
    # Time zones referenced by TZID get their VTIMEZONE definitions, as RFC 5545 requires.
    calendar.add_missing_timezones()
    return calendar


def export_ics(plans: Iterable[Plan], now: datetime, *, todo: bool = False) -> bytes:
    """The plans as one .ics file's bytes (CRLF lines, folded, UTF-8)."""
    return plans_calendar(plans, now, todo=todo).to_ical()


def step_calendar(plan: Plan, step: Step, now: datetime, *, todo: bool = False) -> Calendar:
    """A calendar object holding one step: what CalDAV stores per resource."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add_component(step_component(plan, step, now, todo=todo))
    calendar.add_missing_timezones()
    return calendar
