"""Shared test data for the follow-up tests: an interviewer's card and a candidate profile."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from capture.contact import Address, Contact, Email, PersonName, Phone, PhoneType, TextField
from followup.model import Plan, Profile
from followup.rules import plan

BERLIN = ZoneInfo("Europe/Berlin")

JANE = Contact(
    name=PersonName("Jane Ødegård", given="Jane", family="Ødegård"),
    title=TextField("Head of Data Engineering"),
    organization=TextField("Acme Analytics GmbH"),
    emails=(Email("jane.odegard@acme-analytics.example"),),
    phones=(
        Phone("+4930123456789", "030 1234 56789", PhoneType.WORK),
        Phone("+4930123456780", "030 1234 56780", PhoneType.FAX),
    ),
    addresses=(Address(street="Friedrichstraße 123", city="Berlin", postal_code="10117", country="Germany"),),
)

BARE = Contact(name=PersonName("Pat Lee", given="Pat", family="Lee"), organization=TextField("Lee & Co"))

SAM = Profile(
    name="Sam Candidate",
    street="742 Evergreen Terrace",
    city="Springfield",
    region="IL",
    postal_code="62704",
    country="USA",
    phone="+1 217 555 0100",
    email="sam.candidate@example.org",
    position="Senior Data Engineer",
    strengths=("Eight years building data pipelines in Python.", "Led a team of five through a cloud migration."),
)

INTERVIEW = datetime(2026, 12, 1, 14, 0, tzinfo=BERLIN)  # a Tuesday
NOW = datetime(2026, 12, 1, 16, 30, tzinfo=BERLIN)


def make_plan(contact: Contact = JANE, profile: Profile = SAM, uid: str = "0123456789abcdef") -> Plan:
    steps = plan(contact, INTERVIEW, profile, NOW, holiday_country="DE")
    return Plan(
        uid=uid, contact=contact, interview=INTERVIEW, position=profile.position, holiday_country="DE", steps=steps
    )


def followup_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *, tz: str, now: str) -> Callable[..., str]:
    """`cardcap followup ...` in this process with its own store, profile and no user templates, on a
    machine in `tz`; `run(*args, now=..., code=...)` checks the exit code and returns the output."""
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("CARDCAP_DB", db)
    monkeypatch.setenv("CARDCAP_PROFILE", str(tmp_path / "profile.json"))
    monkeypatch.setenv("CARDCAP_TEMPLATES", str(tmp_path / "no-templates"))
    monkeypatch.setenv("TZ", tz)
    runner = CliRunner()
    default_now = now

    def run(*args: str, now: str = default_now, code: int = 0) -> str:
        from followup.cli import app

        result = runner.invoke(app, list(args), env={"CARDCAP_NOW": now})
        assert result.exit_code == code, result.output
        assert "Traceback" not in result.output
        return result.output

    attributes: Any = run
    attributes.db, attributes.tmp = db, tmp_path
    return run
