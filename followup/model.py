"""The follow-up plan's vocabulary: channels, step kinds and states, the candidate's profile, steps, plans.

Frozen dataclasses only; the planning rules (`followup.rules`) make them, the store
(`followup.repository`) keeps them, drafts, calendars and the CLI read them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from capture.contact import Address, Contact


class Channel(StrEnum):
    EMAIL = "email"
    LETTER = "letter"
    PHONE = "phone"


class StepKind(StrEnum):
    THANK_YOU = "thank-you"  # the email the very evening of the interview
    COVER_LETTER = "cover-letter"  # the reverse cover letter by post
    FIRST_CALL = "first-call"  # the call on day five
    WEEKLY_EMAIL = "weekly-email"
    WEEKLY_LETTER = "weekly-letter"
    WEEKLY_CALL = "weekly-call"


class StepState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"
    SNOOZED = "snoozed"


class Outcome(StrEnum):
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


OPEN_STATES = (StepState.PENDING, StepState.SNOOZED)


@dataclass(frozen=True)
class Profile:
    """The candidate: who signs the letters, and what they want the interviewer to remember."""

    name: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    phone: str = ""
    email: str = ""
    position: str = ""  # the job applied for; `start --position` overrides it per plan
    strengths: tuple[str, ...] = ()  # the strongest points, one short sentence each

    @property
    def address(self) -> Address:
        return Address(
            street=self.street, city=self.city, region=self.region, postal_code=self.postal_code, country=self.country
        )

    @property
    def missing(self) -> tuple[str, ...]:
        """Profile fields a letter or email would be poorer without."""
        wanted = {"name": self.name, "email": self.email, "street": self.street, "city": self.city}
        return tuple(key for key, value in wanted.items() if not value.strip())


@dataclass(frozen=True)
class Step:
    """One thing to do: a channel, a local due time, what it is about and how far it got."""

    key: str  # stable within its plan: "thank-you", "cover-letter", "call-day5", "week-1", ...
    seq: int  # order within the plan, 0-based
    kind: StepKind
    channel: Channel
    due: datetime  # timezone-aware, in the interview's time zone
    summary: str  # one line: what to do, to whom
    missing: tuple[str, ...] = ()  # what the card lacks for this step, and how to add it
    state: StepState = StepState.PENDING
    note: str = ""  # "left voicemail", ...
    snoozed_until: datetime | None = None
    id: int | None = None  # the store's row id once saved
    revision: int = 0  # bumped on each change; the calendar's SEQUENCE

    @property
    def effective_due(self) -> datetime:
        """When the step wants attention: the snooze time for a snoozed step, otherwise its due time."""
        if self.state is StepState.SNOOZED and self.snoozed_until is not None:
            return self.snoozed_until
        return self.due

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def is_weekly(self) -> bool:
        return self.kind in (StepKind.WEEKLY_EMAIL, StepKind.WEEKLY_LETTER, StepKind.WEEKLY_CALL)


@dataclass(frozen=True)
class Plan:
    """A follow-up plan for one interview with one interviewer."""

    uid: str
    contact: Contact  # snapshot of the card, so a .vcf or an image works without the contact store
    interview: datetime  # timezone-aware start of the interview
    duration: timedelta = timedelta(hours=1)
    position: str = ""
    holiday_country: str = ""  # ISO 3166 code whose public holidays move steps; '' = weekends only
    steps: tuple[Step, ...] = ()
    outcome: Outcome | None = None
    outcome_at: datetime | None = None
    outcome_note: str = ""
    contact_id: int | None = None  # the contact store's id, when the contact came from it
    contact_uid: str = ""
    created_at: datetime | None = None
    id: int | None = None

    @property
    def interviewer(self) -> str:
        return self.contact.formatted_name or "the interviewer"

    @property
    def is_closed(self) -> bool:
        return self.outcome is not None

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def with_steps(self, steps: tuple[Step, ...]) -> Plan:
        return replace(self, steps=steps)
