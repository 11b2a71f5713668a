"""The follow-up plan's vocabulary: channels, step kinds and states, the candidate's profile, steps, plans.

Frozen dataclasses only; the planning rules (`followup.rules`) make them, the store
(`followup.repository`) keeps them, drafts, calendars and the CLI read them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
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
    SENDING = "sending"  # `followup run` began sending it and has not yet recorded that it went out


class Outcome(StrEnum):
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    OFFER = "offer"  # an offer is on the table: no more check-ins; hired, withdrawn or rejected follow
    ON_HOLD = "on hold"  # the company paused the hiring: check-ins wait (until a date, or a resume)

    @property
    def is_final(self) -> bool:
        """Hired, rejected and withdrawn end the plan; an offer or a hold only pauses it."""
        return self in (Outcome.HIRED, Outcome.REJECTED, Outcome.WITHDRAWN)


class Gap(StrEnum):
    """Something a step lacks; each face (CLI, web) says in its own words how to add it."""

    EMAIL = "email"  # the card has no email address
    PHONE = "phone"  # no phone number
    PHONE_UNCHECKED = "phone-unchecked"  # a number that could not be validated
    STREET = "street"  # no street address for a letter
    SENDER = "sender"  # the candidate's profile lacks a name or street for the sender block


# A pause with no end (after a reply or an offer, until the user resumes): far off, yet a time every
# zone can still convert (datetime.max in New York would overflow when stored in UTC).
UNTIL_RESUMED = datetime(9999, 1, 1, tzinfo=UTC)

OPEN_STATES = (StepState.PENDING, StepState.SNOOZED, StepState.SENDING)


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
    language: str = ""  # the candidate's own language for drafts ('' = the interviewer's country's)

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
    missing: tuple[Gap, ...] = ()  # what the card or the profile lacks for this step
    state: StepState = StepState.PENDING
    note: str = ""  # "left voicemail", ...
    snoozed_until: datetime | None = None
    id: int | None = None  # the store's row id once saved
    revision: int = 0  # bumped on each change; the calendar's SEQUENCE
    person: int = 0  # whom it is for: 0 the main contact, n the plan's n-th other interviewer
    round: int = 1  # the interview round it follows up
    topic: str = ""  # what was talked about ("the data platform"); the next drafts refer to it
    message_id: str = ""  # the Message-ID of the email that carried it, once sending began
    done_at: datetime | None = None  # when it was marked done (or sent)

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
class Person:
    """Another interviewer of the same interview: gets their own thank-you, is copied on check-ins."""

    contact: Contact
    contact_id: int | None = None
    contact_uid: str = ""

    @property
    def name(self) -> str:
        return self.contact.formatted_name or "the interviewer"


@dataclass(frozen=True)
class Round:
    """One interview of the plan: the first, or a next round that continues the same plan."""

    number: int
    interview: datetime  # timezone-aware start
    duration: timedelta = timedelta(hours=1)
    people: tuple[int, ...] = (0,)  # who was there: 0 the main contact, n the n-th other interviewer


@dataclass(frozen=True)
class Event:
    """Something that happened to the plan: an outcome, a reply, a pause or resume, a next round."""

    kind: str  # outcome | reply | resume | round | edit
    at: datetime
    value: str = ""  # the outcome, the reply's Message-ID, ...
    note: str = ""
    detail: tuple[tuple[str, str], ...] = ()  # a reply's sender, subject and first lines
    id: int | None = None
    handled: bool = False  # a reply the user has acted on

    def get(self, key: str) -> str:
        return dict(self.detail).get(key, "")


@dataclass(frozen=True)
class Plan:
    """A follow-up plan for one interview (and its next rounds) with one main interviewer."""

    uid: str
    contact: Contact  # the main interviewer: the saved contact as it is now, else the snapshot taken
    interview: datetime  # timezone-aware start of the first interview
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
    holiday_region: str = ""  # subdivision of holiday_country (state, nation) whose holidays count too
    language: str = ""  # language of the drafts: en, de, fr, es, pt, ja
    needs: tuple[str, ...] = ()  # what the job needs, so the drafts tie the candidate's strengths to it
    topic: str = ""  # what the interview was about, for the drafts
    people: tuple[Person, ...] = ()  # the other interviewers
    rounds: tuple[Round, ...] = ()  # the next rounds (the first is `interview`)
    paused_until: datetime | None = None  # nothing is due before then (UNTIL_RESUMED: until the user resumes)
    pause_reason: str = ""
    events: tuple[Event, ...] = ()

    @property
    def interviewer(self) -> str:
        return self.contact.formatted_name or "the interviewer"

    @property
    def is_closed(self) -> bool:
        return self.outcome is not None and self.outcome.is_final

    @property
    def all_rounds(self) -> tuple[Round, ...]:
        """The first interview (the main interviewer and everyone added before a next round), then the next ones."""
        later = {person for extra in self.rounds for person in extra.people}
        first = (0, *(n for n in range(1, len(self.people) + 1) if n not in later))
        return (Round(1, self.interview, self.duration, first), *self.rounds)

    @property
    def latest(self) -> Round:
        return self.all_rounds[-1]

    def person_contact(self, person: int) -> Contact:
        return self.contact if person == 0 else self.people[person - 1].contact

    @property
    def pause_end(self) -> datetime | None:
        """When a pause ends by itself; None when it waits for the user (or there is none)."""
        return self.paused_until if self.paused_until is not None and self.paused_until < UNTIL_RESUMED else None

    def is_paused(self, moment: datetime) -> bool:
        return self.paused_until is not None and moment < self.paused_until

    def open_replies(self) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind == "reply" and not e.handled)

    def step(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    def with_steps(self, steps: tuple[Step, ...]) -> Plan:
        return replace(self, steps=steps)
