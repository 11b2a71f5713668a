"""The web app's calls into the contact store and the follow-up planner (thin, typed wrappers).

The store is opened once per app on first use; the follow-up planner shares its database engine.
Everything here is synchronous; routes run it in the thread pool.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from capture.contact import CardResult, Contact
from capture.errors import CardcapError, StoreError
from capture.store.contacts import ContactStore, SaveOutcome, StoredContact
from capture.store.exports import stored_vcard
from capture.web.state import WebState
from followup import api as followup
from followup import mailsettings, runner, sending
from followup.drafts import Draft
from followup.mailer import SmtpSettings
from followup.mailsettings import MailSettings
from followup.model import Event, Outcome, Plan, Profile, Step, StepState
from followup.profile import load_profile, save_profile, update_profile
from followup.runner import RunReport


@dataclass(frozen=True)
class Saved:
    id: int
    action: str  # created | updated | unchanged


def store(state: WebState) -> ContactStore:
    with state.lock:
        if state.store is None:
            state.store = ContactStore.open(state.db_url, region=state.settings.region)
        return state.store


def profile(state: WebState) -> Profile:
    return load_profile(state.profile_path)


def save_profile_changes(state: WebState, changes: dict[str, Any]) -> Profile:
    """Change the candidate's profile (the fields given; strengths as a list) and save it."""
    with state.lock:
        changed = update_profile(load_profile(state.profile_path), changes)
        save_profile(changed, state.profile_path)
    return changed


def save_reviewed(state: WebState, result: CardResult, contact: Contact, edited: frozenset[str],
                  image: Path | None) -> Saved:
    """Store a reviewed card; the groups the person corrected are kept against later scans."""
    outcome: SaveOutcome = store(state).save_result(
        replace(result, contact=contact),
        image_path=str(image) if image else None,
        edited=sorted(edited),
        review_state="reviewed",
    )
    return Saved(outcome.stored.id, outcome.action)


def list_contacts(state: WebState, search: str | None) -> list[StoredContact]:
    return store(state).list(search or None)


def get_contact(state: WebState, contact_id: int) -> StoredContact:
    return store(state).get(contact_id)


def edit_contact(state: WebState, contact_id: int, changes: dict[str, str]) -> StoredContact:
    return store(state).edit(contact_id, changes)


def vcard_for(state: WebState, stored: StoredContact) -> str:
    return stored_vcard(stored, state.settings.vcard_version)


def carddav_configured(state: WebState) -> bool:
    return state.carddav is not None and bool(state.carddav.url)


def push_carddav(state: WebState, stored: StoredContact) -> str:
    """Put the contact (only it) into the configured CardDAV address book; returns a sentence
    saying what happened."""
    book = state.carddav
    if book is None or not book.url:
        raise StoreError("No CardDAV address book is configured; start `cardcap serve` with --carddav URL.")
    from capture.store import carddav

    with carddav.CardDavClient(book.url, book.user or None, book.password or None) as client:
        return carddav.push_contact(store(state), client, stored)


# ---- follow-up -----------------------------------------------------------------------------------


def plans_for(state: WebState, contact_id: int) -> list[Plan]:
    """The plans this contact is the main or another interviewer of, each brought up to date."""
    engine, now, you = store(state).engine, state.now(), profile(state)
    return [
        followup.refresh_plan(engine, plan, you, now)
        for plan in followup.list_plans(engine)
        if plan.contact_id == contact_id or any(p.contact_id == contact_id for p in plan.people)
    ]


def plan(state: WebState, uid: str) -> Plan:
    """One plan by its uid, brought up to date (the weeks since, the contact's edits)."""
    engine = store(state).engine
    return followup.refresh_plan(engine, followup.resolve_plan(engine, uid), profile(state), state.now())


def start_followup(state: WebState, stored: StoredContact, interview: datetime, position: str, *,
                   duration: timedelta = timedelta(hours=1), language: str | None = None,
                   needs: tuple[str, ...] = (), topic: str = "") -> Plan:
    return followup.start_plan(
        store(state).engine, stored.contact, interview, profile(state), state.now(),
        position=position, contact_id=stored.id, contact_uid=stored.uid, duration=duration,
        language_code=language, needs=needs, topic=topic,
    )


def due_today(state: WebState) -> tuple[followup.DueStep, ...]:
    return followup.due_steps(store(state).engine, state.now(), profile(state))


def find_step(state: WebState, step_id: int) -> tuple[Plan, Step]:
    from followup import repository

    return repository.find_step(store(state).engine, str(step_id))


def mark(state: WebState, step_id: int, action: str, note: str = "", snooze_hours: int = 24,
         topic: str = "") -> Step:
    states = {"done": StepState.DONE, "skip": StepState.SKIPPED, "snooze": StepState.SNOOZED}
    now = state.now()
    until = now + timedelta(hours=snooze_hours) if action == "snooze" else None
    _, step = followup.mark_step(store(state).engine, str(step_id), states[action], now, note=note, until=until,
                                 topic=topic)
    return step


def note_step(state: WebState, step_id: int, topic: str, note: str) -> tuple[Plan, Step]:
    return followup.note_step(store(state).engine, str(step_id), state.now(), topic=topic, note=note)


def draft_for(state: WebState, step_id: int) -> tuple[Plan, Step, Draft]:
    plan, step = find_step(state, step_id)
    return plan, step, followup.render_draft(plan, step, profile(state), state.now())


def record_outcome(state: WebState, uid: str, outcome: Outcome, note: str, until: datetime | None,
                   correct: bool) -> Plan:
    return followup.record_outcome(store(state).engine, uid, outcome, state.now(), note=note, until=until,
                                   correct=correct)


def resume(state: WebState, uid: str) -> Plan:
    return followup.resume_plan(store(state).engine, uid, state.now())


def edit_plan(state: WebState, uid: str, **changes: Any) -> Plan:
    return followup.edit_plan(store(state).engine, uid, profile(state), state.now(), **changes)


def add_interviewer(state: WebState, uid: str, contact: Contact, contact_id: int | None = None,
                    contact_uid: str = "") -> Plan:
    return followup.add_person(store(state).engine, uid, contact, profile(state), state.now(),
                               contact_id=contact_id, contact_uid=contact_uid)


def next_round(state: WebState, uid: str, interview: datetime, duration: timedelta) -> Plan:
    return followup.add_round(store(state).engine, uid, interview, profile(state), state.now(), duration=duration)


def set_plan_contact(state: WebState, uid: str, person: int, contact: Contact) -> Plan:
    return followup.set_contact(store(state).engine, uid, person, contact, profile(state), state.now())


def replace_contact(state: WebState, contact_id: int, contact: Contact, edited: frozenset[str]) -> StoredContact:
    return store(state).replace_edited(contact_id, contact, edited)


# ---- mail: replies, interrupted and immediate sends --------------------------------------------------


def mail(state: WebState) -> MailSettings:
    return mailsettings.load(state.mail_path)


def check_mail(state: WebState) -> RunReport:
    """Look for replies and settle interrupted sends, as `followup run` does (no due email is sent here)."""
    report = RunReport()
    settings, engine, now = mail(state), store(state).engine, state.now()
    runner.look_for_replies(engine, settings, profile(state), now, report)
    runner.settle_interrupted(engine, settings, now, report)
    return report


MAIL_CHECK_EVERY = timedelta(minutes=10)  # Today looks in the mailbox itself at most this often


def check_mail_if_due(state: WebState) -> str:
    """Look for replies when Today opens, at most every MAIL_CHECK_EVERY; a sentence when the mailbox
    could not be read ('' otherwise), so the page still shows what is due."""
    if mail(state).imap is None:
        return ""
    now = state.now()
    with state.lock:
        last = state.mail_checked
        if last is not None and now - last < MAIL_CHECK_EVERY:
            return ""
        state.mail_checked = now
    try:
        report = check_mail(state)
    except CardcapError as error:
        return str(error)
    return " ".join(report.problems)


def settle(state: WebState, step_id: int, went_out: bool) -> Step:
    _, step = sending.settle_by_hand(store(state).engine, str(step_id), went_out, state.now())
    return step


def send_step(state: WebState, step_id: int) -> sending.Sent:
    """Send one email step now over the configured SMTP server (the person pressed Send on its draft)."""
    settings = mail(state)
    if settings.smtp is None:
        raise StoreError("No mail server is set up for sending; open the draft in your mail app instead.")
    plan, step, draft = draft_for(state, step_id)
    sending.check_sendable(plan, step)
    server = settings.smtp
    smtp = SmtpSettings(server.host, server.port, server.user, server.password(), server.security, server.timeout)
    return sending.deliver(store(state).engine, plan, step, draft, smtp, profile(state), state.now())


def waiting_replies(state: WebState) -> list[tuple[Plan, Event]]:
    """Replies from interviewers that nobody acted on yet, newest first."""
    plans = followup.list_plans(store(state).engine, open_only=True)
    found = [(p, e) for p in plans for e in p.open_replies()]
    return sorted(found, key=lambda item: item[1].get("received"), reverse=True)


def interrupted_sends(state: WebState) -> list[tuple[Plan, Step]]:
    plans = followup.list_plans(store(state).engine)
    return [(p, s) for p in plans for s in p.steps if s.state is StepState.SENDING]
