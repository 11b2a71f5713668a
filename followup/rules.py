"""The playbook as pure rules: from a contact and an interview time to a schedule of steps.

1. Thank-you email the evening of the interview (19:00 local, or soon after an interview that
   ends later). 2. Reverse cover letter by post, due the next business day. 3. A call on day five.
4. Then once a week, alternating email, letter, phone, ... until an outcome is recorded.

No I/O and no clock: `now` is a parameter. Due times are built from local dates and wall-clock
times in the interview's time zone (zoneinfo), so a week that crosses a DST change keeps its
10:00 call at 10:00. Steps other than the thank-you move off weekends and, optionally, off the
public holidays of the interviewer's country and region, on their weekend days (`followup.workdays`).
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import phonenumbers

from capture.contact import Address, Contact, Email, Phone, PhoneType
from capture.normalize.countries import resolve_country
from followup.model import Channel, Gap, Outcome, Profile, Step, StepKind, StepState
from followup.workdays import WorkCalendar, work_calendar

EVENING = time(19, 0)  # when the thank-you waits to be sent
SOON_AFTER = timedelta(minutes=30)  # after an interview that ends later than the evening time
MORNING = time(9, 0)  # letters and weekly emails
CALL_TIME = time(10, 0)  # calls: mid-morning, when people are at their desk
# Calls to someone in another time zone: the first of these (their time) that is also a waking hour
# here, so a call to Tokyo from New York is not planned at midnight Tokyo time.
CALL_HOURS = (time(10, 0), time(11, 0), time(14, 0), time(15, 0), time(9, 30), time(16, 0), time(9, 0))
OUR_WAKING_HOURS = (time(8, 0), time(20, 30))
FIRST_CALL_DAY = 5
WEEK = timedelta(days=7)
MAX_SHIFT_DAYS = 6  # a step never moves into the next week's slot
HORIZON = timedelta(days=28)  # weekly steps are planned this far past `now`; later ones are added as time passes
MAX_WEEKS = 104  # two years of weekly steps at most, however long ago the interview was
WEEKLY_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.LETTER)  # week n uses WEEKLY_CHANNELS[n % 3]
WEEKLY_KINDS = {
    Channel.EMAIL: StepKind.WEEKLY_EMAIL,
    Channel.LETTER: StepKind.WEEKLY_LETTER,
    Channel.PHONE: StepKind.WEEKLY_CALL,
}


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


def public_holidays(country: str, region: str = "") -> Container[date]:
    """The public holidays of an ISO 3166 country code and optionally one of its subdivisions."""
    return work_calendar(country, region).holidays


def is_business_day(day: date, holidays: Container[date] = frozenset(), weekend: Container[int] = (5, 6)) -> bool:
    return day.weekday() not in weekend and day not in holidays


def next_business_day_on_or_after(day: date, workdays: WorkCalendar | Container[date] = frozenset()) -> date:
    """`day` itself when it is a business day, else the next one (at most MAX_SHIFT_DAYS later)."""
    work = workdays if isinstance(workdays, WorkCalendar) else WorkCalendar(holidays=workdays)
    for offset in range(MAX_SHIFT_DAYS + 1):
        candidate = day + timedelta(days=offset)
        if work.is_business_day(candidate):
            return candidate
    # A week of holidays: fall back to the first working weekday rather than leave the week's slot.
    return next(
        (day + timedelta(days=o) for o in range(MAX_SHIFT_DAYS + 1) if (day + timedelta(days=o)).weekday() not in
         work.weekend),
        day,
    )


def next_business_day_after(day: date, workdays: WorkCalendar | Container[date] = frozenset()) -> date:
    return next_business_day_on_or_after(day + timedelta(days=1), workdays)


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


def missing_for(channel: Channel, contact: Contact, profile: Profile) -> tuple[Gap, ...]:
    """What a step on `channel` lacks (each face says how to add it: `followup.gaps`)."""
    gaps: list[Gap] = []
    if channel is Channel.EMAIL and best_email(contact) is None:
        gaps.append(Gap.EMAIL)
    if channel is Channel.PHONE:
        phone = best_phone(contact)
        if phone is None:
            gaps.append(Gap.PHONE)
        elif not phone.valid:
            gaps.append(Gap.PHONE_UNCHECKED)
    if channel is Channel.LETTER:
        address = best_address(contact)
        if address is None or not address.street.strip():
            gaps.append(Gap.STREET)
        if not profile.street.strip() or not profile.name.strip():
            gaps.append(Gap.SENDER)
    return tuple(gaps)


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
    key: str, seq: int, kind: StepKind, channel: Channel, due: datetime, contact: Contact, profile: Profile,
    *, person: int = 0, round_number: int = 1,
) -> Step:
    return Step(
        key=key,
        seq=seq,
        kind=kind,
        channel=channel,
        due=due,
        summary=summarize(kind, contact),
        missing=missing_for(channel, contact, profile),
        person=person,
        round=round_number,
    )


def refresh_wording(step: Step, contact: Contact, profile: Profile) -> Step:
    """An open step's summary and gaps as the contact and profile are now (a finished step keeps its own)."""
    if not step.is_open:
        return step
    return replace(step, summary=summarize(step.kind, contact), missing=missing_for(step.channel, contact, profile))


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


def reaching_them(day: date, preferred: tuple[time, ...], ours: tzinfo, theirs: tzinfo | None) -> datetime:
    """A time on `day` (their date) inside their business hours that is also a waking hour for us."""
    if theirs is None or theirs is ours:
        return local_at(day, preferred[0], ours)
    for wall in preferred:
        moment = local_at(day, wall, theirs).astimezone(ours)
        if OUR_WAKING_HOURS[0] <= moment.time() <= OUR_WAKING_HOURS[1]:
            return moment
    return local_at(day, preferred[0], theirs).astimezone(ours)


def key_for(base: str, round_number: int, person: int = 0) -> str:
    """'thank-you', 'thank-you-2' (the second interviewer's), 'r2-week-3' (round two's third week)."""
    prefix = f"r{round_number}-" if round_number > 1 else ""
    suffix = f"-{person + 1}" if person else ""
    return f"{prefix}{base}{suffix}"


def plan(
    contact: Contact,
    interview: datetime,
    profile: Profile,
    now: datetime,
    *,
    duration: timedelta = timedelta(hours=1),
    holiday_country: str = "",
    holiday_region: str = "",
    their_zone: tzinfo | None = None,
    horizon: timedelta = HORIZON,
    people: tuple[Contact, ...] = (),
    round_number: int = 1,
    present: tuple[int, ...] = (0,),
    until: datetime | None = None,
) -> tuple[Step, ...]:
    """The steps of the playbook for one interview (round), up to `horizon` past `now`.

    `people` are the other interviewers (person 1, 2, ...); each one `present` at this round gets a
    thank-you. Weekly steps stop before `until` (the next round's interview), else go on to the
    horizon (at least a full cycle). Call and email times fall in the interviewer's business hours
    in `their_zone`; days skip their weekend and holidays."""
    require_aware(interview, "interview time")
    require_aware(now, "current time")
    zone = interview.tzinfo
    assert zone is not None
    day = interview.date()
    work = work_calendar(holiday_country, holiday_region)
    base = (round_number - 1) * 1000
    everyone = (contact, *people)
    steps = []
    for index, person in enumerate(p for p in present if p < len(everyone)):
        steps.append(make_step(
            key_for("thank-you", round_number, person), base + index, StepKind.THANK_YOU, Channel.EMAIL,
            thank_you_due(interview, duration), everyone[person], profile, person=person, round_number=round_number,
        ))
    if round_number == 1:
        letter_day = next_business_day_after(day, work)
        steps.append(make_step(
            "cover-letter", base + 100, StepKind.COVER_LETTER, Channel.LETTER, local_at(letter_day, MORNING, zone),
            contact, profile,
        ))
    call_day = next_business_day_on_or_after(weekly_base_date(day, 0), work)
    steps.append(make_step(
        key_for("call-day5", round_number), base + 101, StepKind.FIRST_CALL, Channel.PHONE,
        reaching_them(call_day, CALL_HOURS, zone, their_zone), contact, profile, round_number=round_number,
    ))
    last_day = max(day, now.astimezone(zone).date()) + horizon
    week = 1
    while week <= MAX_WEEKS and (week <= len(WEEKLY_CHANNELS) or weekly_base_date(day, week) <= last_day):
        channel = weekly_channel(week)
        due_day = next_business_day_on_or_after(weekly_base_date(day, week), work)
        if channel is Channel.PHONE:
            due = reaching_them(due_day, CALL_HOURS, zone, their_zone)
        elif channel is Channel.EMAIL:
            due = reaching_them(due_day, (MORNING, *CALL_HOURS), zone, their_zone)
        else:
            due = local_at(due_day, MORNING, zone)
        if until is not None and due >= until:
            break
        steps.append(make_step(
            key_for(f"week-{week}", round_number), base + 101 + week, WEEKLY_KINDS[channel], channel, due, contact,
            profile, round_number=round_number,
        ))
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
            topic=old.topic,
            snoozed_until=old.snoozed_until,
            id=old.id,
            revision=old.revision,
            due=old.due,
            message_id=old.message_id,
            done_at=old.done_at,
            summary=old.summary if not old.is_open else step.summary,
        )
        if (old := kept.pop(step.key, None)) is not None
        else step
        for step in fresh
    ]
    merged.extend(kept.values())
    return tuple(sorted(merged, key=lambda s: s.seq))


def apply_outcome(steps: Iterable[Step], outcome: Outcome) -> tuple[Step, ...]:
    """A final outcome ends the plan: every open step is skipped, so nothing is due any more."""
    return skip_open(steps, f"plan ended: {outcome}")


def skip_open(steps: Iterable[Step], note: str, *, before: datetime | None = None) -> tuple[Step, ...]:
    """Open steps (due before `before`, if given) skipped with `note`."""
    return tuple(
        replace(
            step,
            state=StepState.SKIPPED,
            note=step.note or note,
            snoozed_until=None,
            revision=step.revision + 1,
        )
        if step.is_open and step.state is not StepState.SENDING and (before is None or step.effective_due < before)
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
