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
from capture.errors import StoreError
from capture.store.contacts import ContactStore, SaveOutcome, StoredContact
from capture.store.exports import stored_vcard
from capture.web.state import WebState
from followup import api as followup
from followup.drafts import Draft
from followup.model import Plan, Profile, Step, StepState
from followup.profile import load_profile, save_profile, update_profile


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
    engine = store(state).engine
    return [plan for plan in followup.list_plans(engine) if plan.contact_id == contact_id]


def start_followup(state: WebState, stored: StoredContact, interview: datetime, position: str) -> Plan:
    return followup.start_plan(
        store(state).engine, stored.contact, interview, profile(state), state.now(),
        position=position, contact_id=stored.id, contact_uid=stored.uid,
    )


def due_today(state: WebState) -> tuple[followup.DueStep, ...]:
    return followup.due_steps(store(state).engine, state.now(), profile(state))


def find_step(state: WebState, step_id: int) -> tuple[Plan, Step]:
    from followup import repository

    return repository.find_step(store(state).engine, str(step_id))


def mark(state: WebState, step_id: int, action: str, note: str = "", snooze_hours: int = 24) -> Step:
    states = {"done": StepState.DONE, "skip": StepState.SKIPPED, "snooze": StepState.SNOOZED}
    now = state.now()
    until = now + timedelta(hours=snooze_hours) if action == "snooze" else None
    _, step = followup.mark_step(store(state).engine, str(step_id), states[action], now, note=note, until=until)
    return step


def draft_for(state: WebState, step_id: int) -> tuple[Plan, Step, Draft]:
    plan, step = find_step(state, step_id)
    return plan, step, followup.render_draft(plan, step, profile(state), state.now())
