"""Property tests of the playbook's rules for any interview time and time zone, plus known cases."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from followup_helpers import BARE, JANE, SAM
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.model import Channel, Outcome, Profile, StepKind, StepState
from followup.rules import (
    CALL_TIME,
    EVENING,
    HORIZON,
    SOON_AFTER,
    apply_outcome,
    due_by,
    is_business_day,
    merge_steps,
    plan,
    public_holidays,
    resolve_country,
)

interviews = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2036, 12, 31), timezones=st.timezones(), allow_imaginary=False
)
durations = st.integers(min_value=15, max_value=300).map(lambda m: timedelta(minutes=m))
countries = st.sampled_from(["", "US", "DE", "GB", "FR", "JP", "BR"])
lags = st.integers(min_value=0, max_value=120).map(lambda d: timedelta(days=d))


def _plan(interview: datetime, duration: timedelta, country: str, lag: timedelta = timedelta(0)):  # type: ignore[no-untyped-def]
    return plan(JANE, interview, SAM, interview + lag, duration=duration, holiday_country=country)


def _wall_time_exists(day: date, wall: time, zone: ZoneInfo) -> bool:
    aware = datetime.combine(day, wall, tzinfo=zone)
    return aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == datetime.combine(day, wall)


@settings(max_examples=150, deadline=None)
@given(interviews, durations, countries)
def test_thank_you_is_due_the_same_evening_or_soon_after_a_late_interview(interview, duration, country):
    steps = _plan(interview, duration, country)
    thanks = steps[0]
    zone = interview.tzinfo
    end = interview + duration
    assert thanks.kind is StepKind.THANK_YOU and thanks.channel is Channel.EMAIL
    assert thanks.due >= end
    local = thanks.due.astimezone(zone)
    if end.astimezone(zone) <= datetime.combine(interview.date(), EVENING, tzinfo=zone):
        assert local.date() == interview.date()
        if _wall_time_exists(interview.date(), EVENING, zone):
            assert local.time() == EVENING
    else:
        assert thanks.due - end == SOON_AFTER


@settings(max_examples=150, deadline=None)
@given(interviews, durations, countries)
def test_letter_next_business_day_and_call_on_day_five_or_next_business_day(interview, duration, country):
    steps = _plan(interview, duration, country)
    holidays = public_holidays(country)
    letter, call = steps[1], steps[2]
    assert letter.kind is StepKind.COVER_LETTER and letter.channel is Channel.LETTER
    assert call.kind is StepKind.FIRST_CALL and call.channel is Channel.PHONE
    day = interview.date()
    letter_day = letter.due.astimezone(interview.tzinfo).date()
    assert letter_day > day
    skipped = [day + timedelta(days=n) for n in range(1, (letter_day - day).days)]
    if is_business_day(letter_day, holidays):  # never jumped over a business day to get there
        assert not any(is_business_day(d, holidays) for d in skipped)
    call_day = call.due.astimezone(interview.tzinfo).date()
    day5 = day + timedelta(days=5)
    assert 0 <= (call_day - day5).days <= 6
    assert call_day.weekday() < 5
    if is_business_day(day5, holidays):
        assert call_day == day5
    elif is_business_day(call_day, holidays):
        assert not any(is_business_day(day5 + timedelta(days=n), holidays) for n in range((call_day - day5).days))
    if _wall_time_exists(call_day, CALL_TIME, interview.tzinfo):
        assert call.due.astimezone(interview.tzinfo).time() == CALL_TIME  # DST-safe: 10:00 stays 10:00


@settings(max_examples=150, deadline=None)
@given(interviews, durations, countries, lags)
def test_weekly_steps_alternate_channels_once_a_week_up_to_the_horizon(interview, duration, country, lag):
    steps = _plan(interview, duration, country, lag)
    weekly = [s for s in steps if s.is_weekly]
    chain = [steps[2], *weekly]  # the day-5 call is the first phone step of the rotation
    assert len(weekly) >= 3
    for before, after in itertools.pairwise(chain):
        assert before.channel != after.channel
        assert after.due > before.due
    day5 = interview.date() + timedelta(days=5)
    for number, step in enumerate(weekly, start=1):
        slot_start = day5 + timedelta(weeks=number)
        local_day = step.due.astimezone(interview.tzinfo).date()
        assert slot_start <= local_day < slot_start + timedelta(days=7)  # exactly one step per week
        assert step.channel == [Channel.PHONE, Channel.EMAIL, Channel.LETTER][number % 3]
    now_day = (interview + lag).astimezone(interview.tzinfo).date()
    assert weekly[-1].due.astimezone(interview.tzinfo).date() >= now_day + HORIZON - timedelta(days=7)
    assert len({s.key for s in steps}) == len(steps)


@settings(max_examples=100, deadline=None)
@given(interviews, countries, st.sampled_from(list(Outcome)), lags)
def test_nothing_is_due_after_an_outcome(interview, country, outcome, lag):
    steps = _plan(interview, timedelta(hours=1), country, lag)
    ended = apply_outcome(steps, outcome)
    assert due_by(ended, datetime.max.replace(tzinfo=UTC) - timedelta(days=2)) == ()
    assert all(not s.is_open for s in ended)
    assert due_by(steps, steps[-1].due)  # before the outcome, the same steps were due


@settings(max_examples=50, deadline=None)
@given(interviews, lags)
def test_replanning_later_keeps_states_and_only_adds_steps(interview, lag):
    first = plan(JANE, interview, SAM, interview)
    marked = tuple(replace(s, state=StepState.DONE, note="sent") if s.seq == 0 else s for s in first)
    merged = merge_steps(marked, plan(JANE, interview, SAM, interview + lag))
    assert merged[0].state is StepState.DONE and merged[0].note == "sent"
    assert [s.key for s in merged[: len(first)]] == [s.key for s in first]
    assert len(merged) >= len(first)


def test_dst_change_keeps_local_wall_time():
    berlin = ZoneInfo("Europe/Berlin")
    steps = plan(JANE, datetime(2026, 3, 24, 11, 0, tzinfo=berlin), SAM, datetime(2026, 3, 24, 12, tzinfo=berlin))
    call = steps[2]  # day 5 = Sunday 29 March (DST starts) -> Monday 30 March, 10:00 CEST
    assert call.due.date() == date(2026, 3, 30)
    assert call.due.astimezone(UTC).time() == time(8, 0)
    assert steps[0].due.astimezone(UTC).time() == time(18, 0)  # 19:00 CET before the change


def test_public_holiday_moves_the_call_to_the_next_business_day():
    new_york = ZoneInfo("America/New_York")
    interview = datetime(2026, 11, 21, 10, 0, tzinfo=new_york)  # Saturday; day 5 = Thanksgiving, Thu 26th
    without = plan(JANE, interview, SAM, interview)[2]
    with_us = plan(JANE, interview, SAM, interview, holiday_country="US")[2]
    assert without.due.date() == date(2026, 11, 26)
    assert with_us.due.date() == date(2026, 11, 27)


def test_missing_data_is_named_with_how_to_add_it_on_each_face():
    from followup import gaps
    from followup.model import Gap, Plan

    steps = plan(BARE, datetime(2026, 12, 1, 14, tzinfo=UTC), Profile(), datetime(2026, 12, 1, 15, tzinfo=UTC))
    by_channel = {s.channel: s for s in steps}
    assert by_channel[Channel.EMAIL].missing == (Gap.EMAIL,)
    assert by_channel[Channel.PHONE].missing == (Gap.PHONE,)
    assert by_channel[Channel.LETTER].missing == (Gap.STREET, Gap.SENDER)
    saved = Plan("u" * 32, BARE, steps[0].due, steps=steps, contact_id=7)
    terminal = gaps.for_terminal(saved, by_channel[Channel.EMAIL])
    assert "no email address" in terminal[0] and "contacts edit 7 --set email=" in terminal[0]
    # a phone has no terminal: the web links to the page that fills the gap, and names no command
    web = gaps.for_web(saved, by_channel[Channel.LETTER])
    assert [(n.link, n.link_text) for n in web] == [(f"/contacts/7/edit?next=/plans/{'u' * 32}", "Add the street"),
                                                    ("/profile", "Fill in your details")]
    assert not any("cardcap" in n.text for n in web)
    complete = plan(JANE, datetime(2026, 12, 1, 14, tzinfo=UTC), SAM, datetime(2026, 12, 1, 15, tzinfo=UTC))
    assert all(not s.missing for s in complete)


def test_naive_times_are_refused():
    try:
        plan(JANE, datetime(2026, 12, 1, 14), SAM, datetime(2026, 12, 1, 15, tzinfo=UTC))
    except ValueError as error:
        assert "time zone" in str(error)
    else:
        raise AssertionError("a naive interview time was accepted")


def test_countries_as_printed_on_cards_resolve_to_iso_codes():
    assert resolve_country("Deutschland") == "DE"
    assert resolve_country("United States") == "US"
    assert resolve_country("USA") == "US"
    assert resolve_country("united kingdom") == "GB"
    assert resolve_country("FRA") == "FR"
    assert resolve_country("Atlantis") == ""
