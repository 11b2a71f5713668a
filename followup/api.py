"""The follow-up library API: what the CLI and the web app call.

Every function takes the store's engine and `now` (timezone-aware) as parameters; the rules in
`followup.rules` stay pure and these functions only load, apply and save.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine

from capture.contact import Contact
from capture.errors import CardcapError
from followup import calendar, drafts, repository, rules
from followup.drafts import Draft
from followup.model import Outcome, Plan, Profile, Step, StepState
from followup.repository import NotFoundError


class FollowupError(CardcapError):
    """A follow-up request that cannot be carried out (a closed plan, an ambiguous reference, ...)."""


@dataclass(frozen=True)
class DueStep:
    plan: Plan
    step: Step


def holiday_country_for(contact: Contact, requested: str | None) -> str:
    """None = the interviewer's country from the card (if recognised); '' = weekends only; else a code."""
    if requested is not None:
        return requested.strip().upper()
    return rules.contact_country(contact)


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
) -> Plan:
    """Plan the follow-up for one interview and save it; returns the stored plan (steps have ids)."""
    country = holiday_country_for(contact, holiday_country)
    steps = rules.plan(contact, interview, profile, now, duration=duration, holiday_country=country)
    plan = Plan(
        uid=uuid.uuid4().hex,
        contact=contact,
        interview=interview,
        duration=duration,
        position=position or profile.position,
        holiday_country=country,
        steps=steps,
        contact_id=contact_id,
        contact_uid=contact_uid,
        created_at=now,
    )
    return repository.save_plan(engine, plan, now)


def refresh_plan(engine: Engine, plan: Plan, profile: Profile, now: datetime) -> Plan:
    """Add the weekly steps that came within the planning horizon since the plan was last saved."""
    if plan.is_closed:
        return plan
    fresh = rules.plan(
        plan.contact, plan.interview, profile, now, duration=plan.duration, holiday_country=plan.holiday_country
    )
    merged = rules.merge_steps(plan.steps, fresh)
    if {s.key for s in merged} == {s.key for s in plan.steps}:
        return plan
    return repository.save_plan(engine, plan.with_steps(merged), now)


def resolve_plan(engine: Engine, ref: str, *, open_only: bool = False) -> Plan:
    """The one plan `ref` names (plan uid or id, contact id/uid or name); a readable error otherwise."""
    found = repository.find_plans(engine, ref)
    if open_only and len(found) > 1:
        found = tuple(p for p in found if not p.is_closed) or found
    if not found:
        raise NotFoundError(f"No follow-up plan matches {ref!r}; `cardcap followup show` lists them.")
    if len(found) > 1:
        choices = ", ".join(f"{p.uid[:8]} ({p.interviewer}, {p.interview:%Y-%m-%d})" for p in found)
        raise FollowupError(f"{ref!r} matches several plans: {choices}; give the plan's id instead.")
    return found[0]


def list_plans(engine: Engine, *, open_only: bool = False) -> tuple[Plan, ...]:
    return repository.list_plans(engine, open_only=open_only)


def due_steps(
    engine: Engine, now: datetime, profile: Profile | None = None, *, until: datetime | None = None
) -> tuple[DueStep, ...]:
    """Open steps of open plans due by the end of `now`'s day (or by `until`), overdue ones first."""
    found: list[DueStep] = []
    for plan in repository.list_plans(engine, open_only=True):
        plan = refresh_plan(engine, plan, profile or Profile(), now)
        zone = plan.interview.tzinfo
        limit = until or rules.end_of_day(now.astimezone(zone))
        found += [DueStep(plan, step) for step in rules.due_by(plan.steps, limit)]
    return tuple(sorted(found, key=lambda d: (d.step.effective_due, d.plan.uid, d.step.seq)))


def mark_step(
    engine: Engine,
    step_ref: str,
    state: StepState,
    now: datetime,
    *,
    note: str = "",
    until: datetime | None = None,
) -> tuple[Plan, Step]:
    """Mark a step done, skipped or snoozed (default: for a day) with an optional note."""
    plan, step = repository.find_step(engine, step_ref)
    if plan.is_closed and state is not StepState.DONE:
        raise FollowupError(f"The plan for {plan.interviewer} ended ({plan.outcome}); its steps cannot be reopened.")
    snoozed_until = None
    if state is StepState.SNOOZED:
        snoozed_until = (until or now + timedelta(days=1)).astimezone(plan.interview.tzinfo)
        if snoozed_until <= now:
            raise FollowupError(f"Snooze until {snoozed_until:%Y-%m-%d %H:%M} is not in the future.")
    elif state is StepState.PENDING:
        snoozed_until = None
    changed = replace(
        step, state=state, note=note or step.note, snoozed_until=snoozed_until, revision=step.revision + 1
    )
    saved = repository.save_plan(
        engine, plan.with_steps(tuple(changed if s.key == step.key else s for s in plan.steps)), now
    )
    return saved, saved.step(step.key)


def record_outcome(engine: Engine, ref: str, outcome: Outcome, now: datetime, *, note: str = "") -> Plan:
    """Record hired, rejected or withdrawn: the plan ends and nothing of it is due any more."""
    plan = resolve_plan(engine, ref, open_only=True)
    ended = replace(
        plan, outcome=outcome, outcome_at=now, outcome_note=note, steps=rules.apply_outcome(plan.steps, outcome)
    )
    return repository.save_plan(engine, ended, now)


def render_draft(plan: Plan, step: Step, profile: Profile, now: datetime | None = None) -> Draft:
    """The step's ready draft; letters are dated `now`'s day (default: the step's due day)."""
    today = now.astimezone(plan.interview.tzinfo).date() if now else None
    return drafts.render_draft(plan, step, profile, today=today)


def export_ics(plans: Iterable[Plan], now: datetime, *, todo: bool = False) -> bytes:
    return calendar.export_ics(plans, now, todo=todo)
