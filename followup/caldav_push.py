"""Pushing plans to a CalDAV calendar (RFC 4791): one resource per step, updated in place.

Each step is stored under its stable UID, so pushing again updates the same entries; a step whose
calendar data did not change is left alone (a second push of an unchanged plan writes nothing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from caldav.davclient import DAVClient
from caldav.lib.error import DAVError
from icalendar import Calendar

from capture.errors import StoreError
from followup.calendar import step_calendar, step_uid
from followup.model import Plan

DEFAULT_CALENDAR = "Interview follow-up"


@dataclass(frozen=True)
class PushReport:
    calendar_url: str
    created: int
    updated: int
    unchanged: int


def _text(value: Any) -> str:
    serialized = value.to_ical() if hasattr(value, "to_ical") else value
    return serialized.decode() if isinstance(serialized, bytes) else str(serialized)


def _fingerprint(ical: bytes | str) -> tuple[tuple[str, str], ...]:
    """What matters for "did it change": the step's properties, not DTSTAMP or SEQUENCE (the caldav
    library bumps SEQUENCE itself on every save)."""
    calendar = Calendar.from_ical(ical)
    for component in calendar.walk():
        if component.name in ("VEVENT", "VTODO"):
            return tuple(
                sorted((name, _text(component[name])) for name in component if name not in ("DTSTAMP", "SEQUENCE"))
            )
    return ()


def open_calendar(
    url: str, *, username: str | None = None, password: str | None = None, calendar_name: str = DEFAULT_CALENDAR
) -> Any:
    """The calendar named `calendar_name` of the account at `url`, created if it does not exist yet."""
    try:
        client = DAVClient(url=url, username=username, password=password)
        principal = client.principal()
        for calendar in principal.calendars():
            if calendar.get_display_name() == calendar_name:
                return calendar
        return principal.make_calendar(name=calendar_name)
    except DAVError as error:
        raise StoreError(f"The CalDAV server at {url} refused the calendar {calendar_name!r}: {error}") from error
    except OSError as error:
        raise StoreError(f"The CalDAV server at {url} cannot be reached: {error}") from error


def push_plans(
    plans: Iterable[Plan],
    url: str,
    now: datetime,
    *,
    username: str | None = None,
    password: str | None = None,
    calendar_name: str = DEFAULT_CALENDAR,
    todo: bool = False,
) -> PushReport:
    """Create or update one calendar resource per step of every plan."""
    calendar = open_calendar(url, username=username, password=password, calendar_name=calendar_name)
    created = updated = unchanged = 0
    try:
        existing = {}
        for item in [*calendar.events(), *calendar.todos(include_completed=True)]:
            uid = str(item.icalendar_component.get("UID", ""))
            existing[uid] = item
        for plan in plans:
            for step in plan.steps:
                data = step_calendar(plan, step, now, todo=todo).to_ical()
                old = existing.get(step_uid(plan, step))
                if old is None:
                    calendar.save_todo(data.decode()) if todo else calendar.save_event(data.decode())
                    created += 1
                elif _fingerprint(old.data) == _fingerprint(data):
                    unchanged += 1
                else:
                    old.data = data.decode()
                    old.save()
                    updated += 1
    except DAVError as error:
        raise StoreError(f"The CalDAV server at {url} refused a follow-up step: {error}") from error
    return PushReport(str(calendar.url), created, updated, unchanged)
