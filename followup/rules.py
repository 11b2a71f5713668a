"""The playbook as pure rules: from a contact and an interview time to a schedule of steps.

1. Thank-you email the evening of the interview (19:00 local, or soon after an interview that
   ends later). 2. Reverse cover letter by post, due the next business day. 3. A call on day five.
4. Then once a week, alternating email, letter, phone, ... until an outcome is recorded.

No I/O and no clock: `now` is a parameter. Due times are built from local dates and wall-clock
times in the interview's time zone (zoneinfo), so a week that crosses a DST change keeps its
10:00 call at 10:00. Steps other than the thank-you move off weekends and, optionally, off the
public holidays of the interviewer's country.
"""

from __future__ import annotations

import functools
from collections.abc import Container, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import holidays as holidays_lib
import phonenumbers

from capture.contact import Address, Contact, Email, Phone, PhoneType
from capture.normalize.countries import resolve_country
from followup.model import Channel, Outcome, Profile, Step, StepKind, StepState

EVENING = time(19, 0)  # when the thank-you waits to be sent
SOON_AFTER = timedelta(minutes=30)  # after an interview that ends later than the evening time
MORNING = time(9, 0)  # letters and weekly emails
CALL_TIME = time(10, 0)  # calls: mid-morning, when people are at their desk
FIRST_CALL_DAY = 5
WEEK = timedelta(days=7)
MAX_SHIFT_DAYS = 6  # a step never moves into the next week's slot
HORIZON = timedelta(days=28)  # weekly steps are planned this far past `now`; later ones are added as time passes
WEEKLY_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.LETTER)  # week n uses WEEKLY_CHANNELS[n % 3]
WEEKLY_KINDS = {
    Channel.EMAIL: StepKind.WEEKLY_EMAIL,
    Channel.LETTER: StepKind.WEEKLY_LETTER,
    Channel.PHONE: StepKind.WEEKLY_CALL,
}

HOW_TO_ADD = (
    "add it with `cardcap contacts edit ID --set {field}=...` (a saved contact) or start the plan "
    "again from a .vcf that has it"
)


# -- time ------------------------------------------------------------------------------------------


def local_at(day: date, wall: time, zone: tzinfo) -> datetime:
    """`wall` o'clock on `day` in `zone`; a time inside a DST gap becomes the real time it maps to."""
    naive = datetime.combine(day, wall)
    aware = naive.replace(tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone)


def require_aware(moment: datetime, what: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"The {what} {moment.isoformat()} has no time zone; give one (for example --tz Europe/Berlin)."
        )
    return moment


# -- business days -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=32)
def public_holidays(country: str) -> Container[date]:
    """The public holidays of an ISO 3166 country code (expanded year by year as dates are asked)."""
    if not country:
        return frozenset()
    try:
        result: Container[date] = holidays_lib.country_holidays(country.upper())
    except NotImplementedError:
        return frozenset()
    return result


def is_business_day(day: date, holidays: Container[date] = frozenset()) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_business_day_on_or_after(day: date, holidays: Container[date] = frozenset()) -> date:
    """`day` itself when it is a business day, else the next one (at most MAX_SHIFT_DAYS later)."""
    for offset in range(MAX_SHIFT_DAYS + 1):
        candidate = day + timedelta(days=offset)
        if is_business_day(candidate, holidays):
            return candidate
    # A week of holidays: fall back to the first weekday rather than leave the week's slot.
    return next(day + timedelta(days=o) for o in range(MAX_SHIFT_DAYS + 1) if (day + timedelta(days=o)).weekday() < 5)


def next_business_day_after(day: date, holidays: Container[date] = frozenset()) -> date:
    return next_business_day_on_or_after(day + timedelta(days=1), holidays)


# -- what the card offers each channel -----------------------------------------------------------------


def best_email(contact: Contact) -> Email | None:
    return contact.emails[0] if contact.emails else None


def best_phone(contact: Contact) -> Phone | None:
    """A number a person answers: work first, then mobile, then anything but a fax."""
    ranked = sorted(
        (p for p in contact.phones if p.type is not PhoneType.FAX),
        key=lambda p: (p.type is not PhoneType.WORK, p.type is not PhoneType.MOBILE, not p.valid),
    )
    return ranked[0] if ranked else None


def best_address(contact: Contact) -> Address | None:
    """The first address with a street (a letter needs one); else the first non-empty one."""
    with_street = [a for a in contact.addresses if a.street.strip()]
    if with_street:
        return with_street[0]
    filled = [a for a in contact.addresses if not a.is_empty]
    return filled[0] if filled else None


def missing_for(channel: Channel, contact: Contact, profile: Profile) -> tuple[str, ...]:
    """What is missing for a step on `channel`, each with how to add it."""
    notes: list[str] = []
    if channel is Channel.EMAIL and best_email(contact) is None:
        notes.append("The card has no email address; " + HOW_TO_ADD.format(field="email"))
    if channel is Channel.PHONE:
        phone = best_phone(contact)
        if phone is None:
            notes.append("The card has no phone number; " + HOW_TO_ADD.format(field="phone"))
        elif not phone.valid:
            notes.append(f"The number {phone.raw!r} could not be validated; check it before dialling.")
    if channel is Channel.LETTER:
        address = best_address(contact)
        if address is None or not address.street.strip():
            notes.append("The card has no street address; " + HOW_TO_ADD.format(field="street"))
        if not profile.street.strip() or not profile.name.strip():
            notes.append(
                "Your profile has no name or street address for the sender block; set them with "
                "`cardcap followup profile set --name ... --street ... --city ...`"
            )
    return tuple(notes)


def summarize(kind: StepKind, contact: Contact) -> str:
    who = contact.formatted_name or "the interviewer"
    email = best_email(contact)
    phone = best_phone(contact)
    to = f"{who} <{email.address}>" if email else who
    number = f" on {phone.e164 if phone.valid else phone.raw}" if phone else ""
    company = f", {contact.organization.value}" if contact.organization else ""
    return {
        StepKind.THANK_YOU: f"Email a thank-you to {to}",
        StepKind.COVER_LETTER: f"Post the reverse cover letter to {who}{company}",
        StepKind.FIRST_CALL: f"Call {who}{number}: continued interest, any further information needed?",
        StepKind.WEEKLY_EMAIL: f"Email a polite check-in to {to}",
        StepKind.WEEKLY_LETTER: f"Post a short check-in letter to {who}{company}",
        StepKind.WEEKLY_CALL: f"Call {who}{number} to check in",
    }[kind]


def make_step(
    key: str, seq: int, kind: StepKind, channel: Channel, due: datetime, contact: Contact, profile: Profile
) -> Step:
    return Step(
        key=key,
        seq=seq,
        kind=kind,
        channel=channel,
        due=due,
        summary=summarize(kind, contact),
        missing=missing_for(channel, contact, profile),
    )


# -- the plan -----------------------------------------------------------------------------------------


def thank_you_due(interview: datetime, duration: timedelta) -> datetime:
    """19:00 on the interview day, or SOON_AFTER the end of an interview that ends later."""
    zone = interview.tzinfo
    assert zone is not None
    evening = local_at(interview.date(), EVENING, zone)
    end = (interview + duration).astimezone(zone)
    return evening if end <= evening else (end + SOON_AFTER).astimezone(zone)


def weekly_base_date(interview_day: date, week: int) -> date:
    """Week 0 is the day-five call; week n is seven days later each time."""
    return interview_day + timedelta(days=FIRST_CALL_DAY) + week * WEEK


def weekly_channel(week: int) -> Channel:
    return WEEKLY_CHANNELS[week % len(WEEKLY_CHANNELS)]


def plan(
    contact: Contact,
    interview: datetime,
    profile: Profile,
    now: datetime,
    *,
    duration: timedelta = timedelta(hours=1),
    holiday_country: str = "",
    horizon: timedelta = HORIZON,
) -> tuple[Step, ...]:
    """The steps of the playbook for one interview, up to `horizon` past `now` (at least a full cycle)."""
    require_aware(interview, "interview time")
    require_aware(now, "current time")
    zone = interview.tzinfo
    assert zone is not None
    day = interview.date()
    holidays = public_holidays(holiday_country)
    steps = [
        make_step(
            "thank-you", 0, StepKind.THANK_YOU, Channel.EMAIL, thank_you_due(interview, duration), contact, profile
        ),
        make_step(
            "cover-letter",
            1,
            StepKind.COVER_LETTER,
            Channel.LETTER,
            local_at(next_business_day_after(day, holidays), MORNING, zone),
            contact,
            profile,
        ),
        make_step(
            "call-day5",
            2,
            StepKind.FIRST_CALL,
            Channel.PHONE,
            local_at(next_business_day_on_or_after(weekly_base_date(day, 0), holidays), CALL_TIME, zone),
            contact,
            profile,
        ),
    ]
    last_day = max(day, now.astimezone(zone).date()) + horizon
    week = 1
    while week <= len(WEEKLY_CHANNELS) or weekly_base_date(day, week) <= last_day:
        channel = weekly_channel(week)
        due_day = next_business_day_on_or_after(weekly_base_date(day, week), holidays)
        wall = CALL_TIME if channel is Channel.PHONE else MORNING
        steps.append(
            make_step(
                f"week-{week}",
                2 + week,
                WEEKLY_KINDS[channel],
                channel,
                local_at(due_day, wall, zone),
                contact,
                profile,
            )
        )
        week += 1
    return tuple(steps)


def merge_steps(existing: Iterable[Step], fresh: Iterable[Step]) -> tuple[Step, ...]:
    """Fresh rules output with the states, notes and ids of the steps already kept; new steps appended."""
    kept = {step.key: step for step in existing}
    merged = [
        replace(
            step,
            state=old.state,
            note=old.note,
            snoozed_until=old.snoozed_until,
            id=old.id,
            revision=old.revision,
            due=old.due,
        )
        if (old := kept.pop(step.key, None)) is not None
        else step
        for step in fresh
    ]
    merged.extend(kept.values())
    return tuple(sorted(merged, key=lambda s: s.seq))


def apply_outcome(steps: Iterable[Step], outcome: Outcome) -> tuple[Step, ...]:
    """An outcome ends the plan: every open step is skipped, so nothing is due any more."""
    return tuple(
        replace(
            step,
            state=StepState.SKIPPED,
            note=step.note or f"plan ended: {outcome}",
            snoozed_until=None,
            revision=step.revision + 1,
        )
        if step.is_open
        else step
        for step in steps
    )


def due_by(steps: Iterable[Step], moment: datetime) -> tuple[Step, ...]:
    """Open steps whose (snoozed) due time is at or before `moment`: due now or overdue."""
    return tuple(step for step in steps if step.is_open and step.effective_due <= moment)


def end_of_day(moment: datetime) -> datetime:
    """The last instant of `moment`'s local day (what "due today" means)."""
    zone = moment.tzinfo
    assert zone is not None
    return local_at(moment.date() + timedelta(days=1), time(0, 0), zone) - timedelta(microseconds=1)


def contact_country(contact: Contact) -> str:
    """The interviewer's country: the card's address country, else its phone numbers' country.

    Many cards print no country on the address (it goes without saying at home), but their
    numbers, validated in E.164 form, still say which country the card is from."""
    address = best_address(contact)
    if address and address.country.strip():
        code = resolve_country(address.country)
        if code:
            return code
    for phone in contact.phones:
        if phone.valid and phone.e164.startswith("+"):
            try:
                region = phonenumbers.region_code_for_number(phonenumbers.parse(phone.e164))
            except phonenumbers.NumberParseException:
                continue
            if region and region != "001":
                return str(region)
    return ""
