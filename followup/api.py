"""The follow-up library API: what the CLI and the web app call.

Every function takes the store's engine and `now` (timezone-aware) as parameters; the rules in
`followup.rules` stay pure and these functions only check, load, apply and save. Every refusal is
a `FollowupError` (exit code 8) with one sentence saying why.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta, tzinfo

from sqlalchemy import Engine

from capture.contact import Contact
from capture.errors import CardcapError
from followup import calendar, drafts, language, repository, rules, workdays
from followup.drafts import Draft
from followup.model import UNTIL_RESUMED, Event, Outcome, Person, Plan, Profile, Round, Step, StepState
from followup.repository import NotFoundError

EARLIEST_INTERVIEW = timedelta(days=366)  # a plan for an interview more than a year ago helps nobody
LATEST_INTERVIEW = timedelta(days=2 * 366)
LONGEST_INTERVIEW = timedelta(hours=12)


class FollowupError(CardcapError):
    """A follow-up request that cannot be carried out (a closed plan, an ambiguous reference, ...)."""


@dataclass(frozen=True)
class DueStep:
    plan: Plan
    step: Step


# -- checks at the edge ------------------------------------------------------------------------------


def check_interview(interview: datetime, now: datetime, duration: timedelta = timedelta(hours=1)) -> None:
    rules.require_aware(interview, "interview time")
    if interview < now - EARLIEST_INTERVIEW or interview > now + LATEST_INTERVIEW:
        raise FollowupError(
            f"The interview date {interview:%Y-%m-%d} is more than a year before or two years after today "
            f"({now:%Y-%m-%d}); give the date of a real interview."
        )
    if not timedelta(minutes=1) <= duration <= LONGEST_INTERVIEW:
        minutes = int(duration.total_seconds() // 60)
        raise FollowupError(f"An interview of {minutes} minutes cannot be; give its length in minutes (1 to 720).")


def holiday_country_for(contact: Contact, requested: str | None, zone: tzinfo | None = None,
                        profile: Profile | None = None) -> str:
    """None = the interviewer's country from the card, else the interview zone's, else the candidate's;
    '' = weekends only; else an ISO code the holidays library knows."""
    if requested is not None:
        code = requested.strip().upper()
        if code and not workdays.known_country(code):
            raise FollowupError(f"{requested!r} is not a country whose holidays cardcap knows; give an ISO code "
                                "like DE, GB or US, auto, or none.")
        return code
    return (
        rules.contact_country(contact)
        or workdays.country_of_zone(zone)
        or (rules.resolve_country(profile.country) if profile else "")
    )


def holiday_region_for(contact: Contact, country: str) -> str:
    address = rules.best_address(contact)
    if address is None or (address.country.strip() and rules.resolve_country(address.country) != country):
        return ""
    if not address.country.strip() and rules.contact_country(contact) not in ("", country):
        return ""
    return workdays.region_of(address, country)


def their_zone(plan: Plan) -> tzinfo:
    zone = plan.interview.tzinfo
    assert zone is not None
    return workdays.contact_zone(plan.contact, plan.holiday_country, zone, plan.interview)


# -- making and keeping the schedule -------------------------------------------------------------------


def schedule(plan: Plan, profile: Profile, now: datetime) -> tuple[Step, ...]:
    """Every step the rules give for the plan's rounds and people, as of `now`."""
    zone = their_zone(plan)
    rounds = plan.all_rounds
    steps: list[Step] = []
    for index, this in enumerate(rounds):
        following = rounds[index + 1].interview if index + 1 < len(rounds) else None
        steps += rules.plan(
            plan.contact, this.interview, profile, now, duration=this.duration,
            holiday_country=plan.holiday_country, holiday_region=plan.holiday_region, their_zone=zone,
            people=tuple(p.contact for p in plan.people), round_number=this.number, present=this.people,
            until=following,
        )
    return tuple(steps)


def current(plan: Plan, profile: Profile, now: datetime) -> Plan:
    """The plan with every step the rules give by now, and open steps worded for the contacts as they are."""
    merged = rules.merge_steps(plan.steps, schedule(plan, profile, now)) if not plan.is_closed else plan.steps
    reworded = tuple(rules.refresh_wording(s, plan.person_contact(s.person), profile) for s in merged)
    plan = plan.with_steps(reworded)
    if plan.paused_until is not None and now >= plan.paused_until and plan.outcome is not Outcome.OFFER:
        plan = _resumed(plan, now, "the hold ended", skip_before=plan.paused_until)
    return plan


def refresh_plan(engine: Engine, plan: Plan, profile: Profile, now: datetime) -> Plan:
    """`current(plan)`, saved when it changed (new weekly steps, new wording, a hold that ended)."""
    fresh = current(plan, profile, now)
    if fresh == plan:
        return plan
    return repository.save_plan(engine, fresh, now)


def start_plan(
    engine: Engine,
    contact: Contact,
    interview: datetime,
    profile: Profile,
    now: datetime,
    *,
    position: str = "",
    duration: timedelta = timedelta(hours=1),
    holiday_country: str | None = None,
    contact_id: int | None = None,
    contact_uid: str = "",
    language_code: str | None = None,
    needs: tuple[str, ...] = (),
    topic: str = "",
) -> Plan:
    """Plan the follow-up for one interview and save it; returns the stored plan (steps have ids)."""
    check_interview(interview, now, duration)
    twin = _same_interview(engine, contact, contact_id, contact_uid, interview)
    if twin is not None:
        raise FollowupError(
            f"There is already a plan for the interview with {twin.interviewer} on {twin.interview:%Y-%m-%d %H:%M} "
            f"(plan {twin.uid[:8]}); a second one would send every step twice."
        )
    country = holiday_country_for(contact, holiday_country, interview.tzinfo, profile)
    plan = Plan(
        uid=uuid.uuid4().hex,
        contact=contact,
        interview=interview,
        duration=duration,
        position=position or profile.position,
        holiday_country=country,
        holiday_region=holiday_region_for(contact, country) if holiday_country is None else "",
        contact_id=contact_id,
        contact_uid=contact_uid,
        created_at=now,
        language=language.choose(language_code, profile, rules.contact_country(contact) or country),
        needs=tuple(n.strip() for n in needs if n.strip()),
        topic=topic.strip(),
    )
    return repository.save_plan(engine, current(plan, profile, now), now)


def _same_interview(engine: Engine, contact: Contact, contact_id: int | None, contact_uid: str,
                    interview: datetime) -> Plan | None:
    emails = {e.address.lower() for e in contact.emails}
    for plan in repository.list_plans(engine, open_only=True):
        if plan.interview != interview:
            continue
        same = (
            (contact_id is not None and plan.contact_id == contact_id)
            or (contact_uid and plan.contact_uid == contact_uid)
            or bool(emails & {e.address.lower() for e in plan.contact.emails})
            or (contact.formatted_name and plan.contact.formatted_name == contact.formatted_name)
        )
        if same:
            return plan
    return None


def resolve_plan(engine: Engine, ref: str, *, open_only: bool = False) -> Plan:
    """The one plan `ref` names (plan uid or id, contact id/uid or name); a readable error otherwise."""
    found = repository.find_plans(engine, ref)
    if open_only and len(found) > 1:
        found = tuple(p for p in found if not p.is_closed) or found
    if not found:
        raise NotFoundError(f"No follow-up plan matches {ref!r}.",
                            terminal_hint="`cardcap followup show` lists them.")
    if len(found) > 1:
        choices = ", ".join(f"{p.uid[:8]} ({p.interviewer}, {p.interview:%Y-%m-%d})" for p in found)
        raise FollowupError(f"{ref!r} matches several plans: {choices}; give the plan's id instead.")
    return found[0]


def list_plans(engine: Engine, *, open_only: bool = False, profile: Profile | None = None,
               now: datetime | None = None) -> tuple[Plan, ...]:
    """The plans; with `now`, each brought up to date first (the weeks since, the contact's edits)."""
    plans = repository.list_plans(engine, open_only=open_only)
    if now is None:
        return plans
    return tuple(refresh_plan(engine, p, profile or Profile(), now) for p in plans)


def due_steps(
    engine: Engine, now: datetime, profile: Profile | None = None, *, until: datetime | None = None,
    day: str | None = None,
) -> tuple[DueStep, ...]:
    """Open steps of open, unpaused plans due by the end of today in each plan's zone (or of `day`,
    read in each plan's zone, or by `until`), overdue ones first."""
    found: list[DueStep] = []
    for plan in list_plans(engine, open_only=True, profile=profile, now=now):
        zone = plan.interview.tzinfo
        assert zone is not None
        if day is not None:
            limit = rules.end_of_day(parse_day(day, zone))
        else:
            limit = until or rules.end_of_day(now.astimezone(zone))
        if plan.is_paused(limit):
            continue
        found += [DueStep(plan, step) for step in rules.due_by(plan.steps, limit)]
    return tuple(sorted(found, key=lambda d: (d.step.effective_due, d.plan.uid, d.step.seq)))


def parse_day(text: str, zone: tzinfo) -> datetime:
    from datetime import date

    try:
        return rules.local_at(date.fromisoformat(text.strip()), time(12, 0), zone)
    except ValueError:
        raise FollowupError(f"{text!r} is not a day like 2026-12-01.") from None


# -- changing steps -------------------------------------------------------------------------------------


def find_step(engine: Engine, step_ref: str, profile: Profile | None = None,
              now: datetime | None = None) -> tuple[Plan, Step]:
    plan, step = repository.find_step(engine, step_ref)
    if now is not None:
        plan = current(plan, profile or Profile(), now)
        step = plan.step(step.key)
    return plan, step


def mark_step(
    engine: Engine,
    step_ref: str,
    state: StepState,
    now: datetime,
    *,
    note: str = "",
    until: datetime | str | None = None,
    topic: str = "",
) -> tuple[Plan, Step]:
    """Mark a step done, skipped or snoozed (default: for a day) with an optional note and topic.
    A text `until` ("2026-12-08 10:00") is read in the plan's time zone."""
    plan, step = repository.find_step(engine, step_ref)
    zone = plan.interview.tzinfo
    assert zone is not None
    if plan.is_closed:
        raise FollowupError(f"The plan for {plan.interviewer} ended ({plan.outcome}); its steps cannot change.")
    if state is StepState.DONE and step.state is StepState.DONE:
        raise FollowupError(f"Step #{step.id} ({step.summary}) is already done.")
    if state is StepState.SNOOZED and step.state is StepState.SENDING:
        # snoozed, it would be sent again: first say whether the interrupted send went out
        raise FollowupError(f"Step #{step.id} was being sent when cardcap stopped; say first whether it went out.",
                            terminal_hint=f"(`cardcap followup sent {step.id} --yes` or `--no`)")
    if isinstance(until, str):
        from followup.sources import parse_when

        until = parse_when(until, zone)
    snoozed_until = None
    if state is StepState.SNOOZED:
        snoozed_until = (until or now + timedelta(days=1)).astimezone(zone)
        if snoozed_until <= now:
            raise FollowupError(f"Snooze until {snoozed_until:%Y-%m-%d %H:%M} is not in the future.")
    changed = replace(
        step, state=state, note=note or step.note, snoozed_until=snoozed_until, revision=step.revision + 1,
        topic=topic or step.topic, done_at=now if state is StepState.DONE else step.done_at,
    )
    saved = repository.save_plan(
        engine, plan.with_steps(tuple(changed if s.key == step.key else s for s in plan.steps)), now
    )
    return saved, saved.step(step.key)


def note_step(engine: Engine, step_ref: str, now: datetime, *, topic: str = "", note: str = "") -> tuple[Plan, Step]:
    """Record what was talked about at a step (the next drafts refer to it) and/or a note, any state."""
    plan, step = repository.find_step(engine, step_ref)
    if not topic.strip() and not note.strip():
        raise FollowupError("Say what you talked about, or write a note.",
                            terminal_hint="(--topic \"the data platform\" or --note ...)")
    changed = replace(step, topic=topic.strip() or step.topic, note=note.strip() or step.note,
                      revision=step.revision + 1)
    saved = repository.save_plan(engine, plan.with_steps(tuple(changed if s.key == step.key else s
                                                               for s in plan.steps)), now)
    return saved, saved.step(step.key)


# -- outcomes, pauses, replies ------------------------------------------------------------------------------


def record_outcome(engine: Engine, ref: str, outcome: Outcome, now: datetime, *, note: str = "",
                   until: datetime | None = None, correct: bool = False) -> Plan:
    """Record hired, rejected or withdrawn (the plan ends), or an offer or a hold (the plan pauses;
    a hold until `until` if given). A second final outcome is refused unless `correct`."""
    plan = resolve_plan(engine, ref, open_only=True)
    if plan.is_closed and not correct:
        raise FollowupError(
            f"The plan for {plan.interviewer} already ended: {plan.outcome} on {plan.outcome_at:%Y-%m-%d}"
            + (f" ({plan.outcome_note})" if plan.outcome_note else "") + ".",
            terminal_hint="Give --correct to replace it.",
        )
    event = Event("outcome", now, str(outcome), note.strip())
    if outcome.is_final:
        ended = replace(
            plan, outcome=outcome, outcome_at=now, outcome_note=note.strip(), paused_until=None, pause_reason="",
            steps=rules.apply_outcome(plan.steps, outcome), events=(*_handled(plan.events), event),
        )
        return repository.save_plan(engine, ended, now)
    if until is not None and until <= now:
        raise FollowupError(f"The hold until {until:%Y-%m-%d} is not in the future.")
    paused = replace(
        plan, outcome=outcome, outcome_at=now, outcome_note=note.strip(),
        paused_until=until or UNTIL_RESUMED,
        pause_reason=str(outcome), events=(*_handled(plan.events), event),
    )
    return repository.save_plan(engine, paused, now)


def _handled(events: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(replace(e, handled=True) if e.kind == "reply" else e for e in events)


def _resumed(plan: Plan, now: datetime, why: str, *, skip_before: datetime | None = None) -> Plan:
    """The plan going on: steps that fell due while it waited (before `skip_before`, by default now) are
    skipped; the next ones come as planned."""
    return replace(
        plan,
        paused_until=None,
        pause_reason="",
        outcome=None if plan.outcome is not None and not plan.outcome.is_final else plan.outcome,
        outcome_at=None if plan.outcome is not None and not plan.outcome.is_final else plan.outcome_at,
        steps=rules.skip_open(plan.steps, "skipped while the plan waited", before=skip_before or now),
        events=(*_handled(plan.events), Event("resume", now, note=why)),
    )


def resume_plan(engine: Engine, ref: str, now: datetime) -> Plan:
    plan = resolve_plan(engine, ref, open_only=True)
    if plan.is_closed:
        raise FollowupError(f"The plan for {plan.interviewer} ended ({plan.outcome}); it cannot resume.")
    if plan.paused_until is None and not plan.open_replies():
        raise FollowupError(f"The plan for {plan.interviewer} is not paused.")
    return repository.save_plan(engine, _resumed(plan, now, "resumed"), now)


def record_reply(engine: Engine, plan: Plan, now: datetime, *, message_id: str, sender: str, subject: str,
                 snippet: str, received: datetime, automatic: bool = False) -> Plan | None:
    """A reply found in the mailbox: kept once (by Message-ID); a person's reply pauses the plan."""
    if any(e.kind == "reply" and e.value == message_id for e in plan.events):
        return None
    detail = (("from", sender), ("received", received.isoformat()), ("snippet", snippet), ("subject", subject))
    event = Event("reply", now, message_id, "automatic reply" if automatic else "", tuple(sorted(detail)),
                  handled=automatic)
    changed = replace(plan, events=(*plan.events, event))
    if not automatic and not plan.is_closed:
        changed = replace(changed, paused_until=UNTIL_RESUMED,
                          pause_reason=f"reply from {sender}")
    return repository.save_plan(engine, changed, now)


# -- editing the plan ---------------------------------------------------------------------------------------


def edit_plan(engine: Engine, ref: str, profile: Profile, now: datetime, *, interview: datetime | None = None,
              duration: timedelta | None = None, position: str | None = None, language_code: str | None = None,
              needs: tuple[str, ...] | None = None, topic: str | None = None,
              contact_changes: dict[str, str] | None = None, region: str = "US") -> Plan:
    """Change the interview time (open steps move with it), the job, the drafts' language, the job's
    needs, the interview's topic, or the plan's own copy of the contact."""
    plan = resolve_plan(engine, ref, open_only=True)
    if plan.is_closed:
        raise FollowupError(f"The plan for {plan.interviewer} ended ({plan.outcome}); it cannot change.")
    changed = plan
    if interview is not None or duration is not None:
        check_interview(interview or plan.interview, now, duration or plan.duration)
        changed = replace(changed, interview=interview or plan.interview, duration=duration or plan.duration)
        # Open steps move to the new times; what was done stays as it was.
        kept = tuple(s for s in plan.steps if not s.is_open or s.state is StepState.SENDING)
        changed = changed.with_steps(kept)
    if position is not None:
        changed = replace(changed, position=position.strip())
    if language_code is not None:
        changed = replace(changed, language=language.choose(language_code, profile, ""))
    if needs is not None:
        changed = replace(changed, needs=tuple(n.strip() for n in needs if n.strip()))
    if topic is not None:
        changed = replace(changed, topic=topic.strip())
    if contact_changes:
        if plan.contact_id is not None:
            from capture.store.contacts import ContactStore

            ContactStore(engine, region=region).edit(plan.contact_id, contact_changes)
            changed = replace(changed, contact=repository.load_plan(engine, plan.uid).contact)
        else:
            from capture.store.merging import apply_edits

            contact, _ = apply_edits(plan.contact, contact_changes, region)
            changed = replace(changed, contact=contact)
    changed = replace(changed, events=(*changed.events, Event("edit", now)))
    return repository.save_plan(engine, current(changed, profile, now), now)


def set_contact(engine: Engine, ref: str, person: int, contact: Contact, profile: Profile, now: datetime) -> Plan:
    """Correct the plan's own copy of an interviewer (0 the main one, n the n-th other one) who is not a
    saved contact; a saved contact is corrected in the contact store, and the plan reads it from there."""
    plan = resolve_plan(engine, ref)
    if plan.is_closed:
        raise FollowupError(f"The plan for {plan.interviewer} ended ({plan.outcome}); it cannot change.")
    if not 0 <= person <= len(plan.people):
        raise NotFoundError(f"The plan for {plan.interviewer} has no interviewer number {person}.")
    if contact.is_empty:
        raise FollowupError("Nothing to keep: every field is empty.")
    if (plan.contact_id if person == 0 else plan.people[person - 1].contact_id) is not None:
        raise FollowupError("This interviewer is a saved contact: correct them in the contact store, and the plan "
                            "follows.")
    if person == 0:
        changed = replace(plan, contact=contact)
    else:
        people = list(plan.people)
        people[person - 1] = replace(people[person - 1], contact=contact)
        changed = replace(plan, people=tuple(people))
    changed = replace(changed, events=(*changed.events, Event("edit", now, note=f"interviewer {person}")))
    return repository.save_plan(engine, current(changed, profile, now), now)


def add_person(engine: Engine, ref: str, contact: Contact, profile: Profile, now: datetime, *,
               contact_id: int | None = None, contact_uid: str = "") -> Plan:
    """Another interviewer of the latest round: they get their own thank-you, and a copy of check-in emails."""
    plan = resolve_plan(engine, ref, open_only=True)
    if plan.is_closed:
        raise FollowupError(f"The plan for {plan.interviewer} ended ({plan.outcome}); it cannot change.")
    emails = {e.address.lower() for e in contact.emails}
    for existing in (plan.contact, *(p.contact for p in plan.people)):
        if (emails & {e.address.lower() for e in existing.emails}) or (
            contact.formatted_name and existing.formatted_name == contact.formatted_name
        ):
            raise FollowupError(f"{contact.formatted_name or 'This contact'} is already in the plan.")
    people = (*plan.people, Person(contact, contact_id, contact_uid))
    number = len(people)
    rounds = plan.rounds
    if rounds:
        last = rounds[-1]
        rounds = (*rounds[:-1], replace(last, people=(*last.people, number)))
        changed = replace(plan, people=people, rounds=rounds)
    else:
        changed = replace(plan, people=people)
        # the first round's people: everyone added while it is the latest round
    return repository.save_plan(engine, current(changed, profile, now), now)


def add_round(engine: Engine, ref: str, interview: datetime, profile: Profile, now: datetime, *,
              duration: timedelta = timedelta(hours=1), people: tuple[int, ...] = (0,)) -> Plan:
    """A next interview: the same plan goes on from it (a thank-you that evening, a call on day five,
    then weekly); open steps of the earlier round due after it are skipped."""
    plan = resolve_plan(engine, ref, open_only=True)
    if plan.is_closed:
        raise FollowupError(f"The plan for {plan.interviewer} ended ({plan.outcome}); start a new one.")
    check_interview(interview, now, duration)
    if interview <= plan.latest.interview:
        raise FollowupError(
            f"The next round must come after the last interview ({plan.latest.interview:%Y-%m-%d %H:%M})."
        )
    number = plan.latest.number + 1
    changed = replace(plan, rounds=(*plan.rounds, Round(number, interview, duration, people)),
                      steps=_skip_after(plan.steps, interview, number),
                      events=(*plan.events, Event("round", now, str(number))))
    return repository.save_plan(engine, current(changed, profile, now), now)


def _skip_after(steps: tuple[Step, ...], moment: datetime, number: int) -> tuple[Step, ...]:
    """Open steps due after the next round's interview are skipped (weekly ones not yet kept are dropped:
    the schedule of the next round takes over)."""
    return tuple(
        replace(s, state=StepState.SKIPPED, note=s.note or f"replaced by the round-{number} interview",
                revision=s.revision + 1)
        if s.is_open and s.state is not StepState.SENDING and s.due >= moment
        else s
        for s in steps
    )


# -- drafts and calendars ----------------------------------------------------------------------------------


def render_draft(plan: Plan, step: Step, profile: Profile, now: datetime | None = None) -> Draft:
    """The step's ready draft; `now` dates letters and words the thank-you ("today")."""
    return drafts.render_draft(plan, step, profile, now=now)


def export_ics(plans: Iterable[Plan], now: datetime, *, todo: bool = False) -> bytes:
    return calendar.export_ics(plans, now, todo=todo)
