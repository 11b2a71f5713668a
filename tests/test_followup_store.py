"""Plans in the real SQLite store through the library API: persistence, due steps, states, outcomes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from followup_helpers import BARE, BERLIN, INTERVIEW, JANE, NOW, SAM
from sqlalchemy import Engine, text

from capture.store.contacts import ContactStore
from capture.store.database import open_database
from followup import api, repository
from followup.model import Outcome, StepState
from followup.repository import NotFoundError, list_plans, load_plan


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    return open_database(f"sqlite:///{tmp_path / 'store.sqlite3'}")


def test_a_plan_round_trips_through_the_store_with_local_times(engine: Engine) -> None:
    started = api.start_plan(engine, JANE, INTERVIEW, SAM, NOW)
    assert started.holiday_country == "DE"  # from the card's country
    assert all(step.id is not None for step in started.steps)
    loaded = load_plan(engine, started.uid)
    assert loaded.contact == JANE
    assert loaded.interview == INTERVIEW and str(loaded.interview.tzinfo) == "Europe/Berlin"
    assert [(s.key, s.due, s.channel, s.summary) for s in loaded.steps] == [
        (s.key, s.due, s.channel, s.summary) for s in started.steps
    ]
    assert all(str(s.due.tzinfo) == "Europe/Berlin" for s in loaded.steps)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version FROM schema_versions WHERE component='followup'")).scalar() == 2


def test_a_fixed_offset_interview_time_is_kept(engine: Engine) -> None:
    zone = timezone(timedelta(hours=5, minutes=30))
    interview = datetime(2026, 12, 1, 11, 0, tzinfo=zone)
    started = api.start_plan(engine, JANE, interview, SAM, interview, holiday_country="")
    assert load_plan(engine, started.uid).interview.utcoffset() == timedelta(hours=5, minutes=30)


def test_due_done_snooze_and_outcome(engine: Engine) -> None:
    plan = api.start_plan(engine, JANE, INTERVIEW, SAM, NOW)
    assert [d.step.key for d in api.due_steps(engine, NOW)] == ["thank-you"]
    api.mark_step(engine, str(plan.step("thank-you").id), StepState.DONE, NOW, note="sent at 19:05")
    assert api.due_steps(engine, NOW) == ()
    next_day = NOW + timedelta(days=1)
    assert [d.step.key for d in api.due_steps(engine, next_day)] == ["cover-letter"]
    _, snoozed = api.mark_step(
        engine, f"{plan.uid[:8]}:cover-letter", StepState.SNOOZED, next_day, until=next_day + timedelta(days=2)
    )
    assert snoozed.state is StepState.SNOOZED and snoozed.revision == 1
    assert api.due_steps(engine, next_day) == ()
    assert [d.step.key for d in api.due_steps(engine, next_day + timedelta(days=2))] == ["cover-letter"]
    ended = api.record_outcome(engine, "Ødegård", Outcome.HIRED, next_day)
    assert ended.outcome is Outcome.HIRED
    assert api.due_steps(engine, NOW + timedelta(days=400)) == ()
    assert load_plan(engine, plan.uid).step("thank-you").note == "sent at 19:05"
    with pytest.raises(api.FollowupError, match="ended"):
        api.mark_step(engine, str(plan.step("week-1").id), StepState.SNOOZED, next_day)


def test_weekly_steps_keep_coming_until_an_outcome(engine: Engine) -> None:
    plan = api.start_plan(engine, JANE, INTERVIEW, SAM, NOW)
    months_later = NOW + timedelta(days=120)
    due = api.due_steps(engine, months_later, SAM)
    assert len(due) > len(plan.steps)  # the plan grew as time passed
    assert max(d.step.effective_due for d in due) <= months_later + timedelta(days=1)
    grown = load_plan(engine, plan.uid)
    assert grown.steps[-1].due > months_later + timedelta(days=21)


def test_a_plan_points_at_the_saved_contact_and_survives_its_deletion(engine: Engine) -> None:
    store = ContactStore(engine)
    saved = store.save_contact(JANE).stored
    plan = api.start_plan(engine, saved.contact, INTERVIEW, SAM, NOW, contact_id=saved.id, contact_uid=saved.uid)
    assert api.resolve_plan(engine, str(saved.id)).uid == plan.uid
    assert api.resolve_plan(engine, saved.uid).uid == plan.uid
    store.delete(saved.id)
    kept = load_plan(engine, plan.uid)
    assert kept.contact_id is None and kept.contact.formatted_name == "Jane Ødegård"


def test_references_that_match_nothing_or_several_plans_are_explained(engine: Engine) -> None:
    api.start_plan(engine, JANE, INTERVIEW, SAM, NOW)
    api.start_plan(engine, JANE, INTERVIEW + timedelta(days=30), SAM, NOW)
    with pytest.raises(NotFoundError, match="No follow-up plan"):
        api.resolve_plan(engine, "nobody")
    with pytest.raises(api.FollowupError, match="several plans"):
        api.resolve_plan(engine, "jane")
    with pytest.raises(NotFoundError, match="No follow-up step"):
        api.mark_step(engine, "99999", StepState.DONE, NOW)
    assert len(list_plans(engine)) == 2
    assert str(list_plans(engine)[0].interview.tzinfo) == str(BERLIN)


def test_a_step_is_claimed_for_sending_once(engine: Engine) -> None:
    """Two `followup run`s started by cron at the same moment: only one may send the email."""
    from followup.repository import claim_step

    plan = api.start_plan(engine, JANE, INTERVIEW, SAM, NOW)
    step_id = plan.step("thank-you").id or 0
    assert claim_step(engine, step_id, "<a@example.org>", NOW)
    assert not claim_step(engine, step_id, "<b@example.org>", NOW)
    claimed = repository.find_step(engine, str(step_id))[1]
    assert claimed.state == "sending" and claimed.message_id == "<a@example.org>"
    with pytest.raises(api.FollowupError, match="say first whether it went out"):  # snoozed, it would go again
        api.mark_step(engine, str(step_id), StepState.SNOOZED, NOW)


def test_a_store_another_program_keeps_busy_delays_then_refuses_a_plan_with_a_sentence(tmp_path: Path) -> None:
    """The planner's writes wait and try again as the contact store's do, then fail with its sentence."""
    from storecards import lock_held

    from capture.errors import StoreError
    from capture.store.database import BusyPolicy

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    busy = open_database(url, busy=BusyPolicy(wait=0.3, attempts=12, pause=0.1))
    with lock_held(url, 1.5) as holder:  # let go within the planner's patience: the plan is made
        plan = api.start_plan(busy, JANE, INTERVIEW, SAM, NOW)
        assert holder.wait(30) == 0
    assert load_plan(busy, plan.uid).steps == plan.steps

    impatient = open_database(url, busy=BusyPolicy(wait=0.2, attempts=2, pause=0.05))
    with lock_held(url, 120), pytest.raises(StoreError) as refused:
        api.start_plan(impatient, BARE, INTERVIEW, SAM, NOW)
    assert str(refused.value).endswith("is busy: another program has held its write lock for over 0.5 seconds, "
                                       "so nothing was written; try again once it is done.")  # fmt: skip
    assert [p.uid for p in list_plans(impatient)] == [plan.uid]  # nothing half-written
