"""`cardcap followup` end to end through typer's CliRunner: a card in, a schedule, drafts, a calendar out."""

from __future__ import annotations

import io
import json
from email import message_from_bytes, policy
from pathlib import Path

import pypdf
import pytest
from cardimages import save_card
from followup_helpers import JANE, followup_cli
from icalendar import Calendar

from capture.export.vcard import contact_to_vcard
from capture.store.contacts import ContactStore


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return followup_cli(tmp_path, monkeypatch, tz="Europe/Berlin", now="2026-12-01 16:30")


def _profile(cli) -> None:  # type: ignore[no-untyped-def]
    cli(
        "profile",
        "set",
        "--name",
        "Sam Candidate",
        "--street",
        "Musterweg 1",
        "--city",
        "Hamburg",
        "--postal-code",
        "20095",
        "--country",
        "Germany",
        "--email",
        "sam@example.org",
        "--phone",
        "+49 40 5550100",
        "--position",
        "Data Engineer",
        "--strength",
        "Ten years of Python",
        "--strength",
        "Led a team of five",
    )


def test_from_a_vcf_to_drafts_calendar_and_outcome(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _profile(cli)
    assert json.loads(cli("profile", "show", "--json"))["strengths"] == ["Ten years of Python", "Led a team of five"]
    card = tmp_path / "jane.vcf"
    card.write_text(contact_to_vcard(JANE, uid="urn:uuid:jane-1"), encoding="utf-8")
    schedule = cli("start", str(card), "--interview", "2026-12-01 14:00")
    assert "Tue 2026-12-01 19:00  email  Email a thank-you to Jane Ødegård" in schedule
    plan = json.loads(cli("show", "Jane", "--json"))[0]
    assert plan["contact_uid"] == "urn:uuid:jane-1" and plan["holiday_country"] == "DE"
    steps = {s["key"]: s for s in plan["steps"]}
    assert steps["call-day5"]["due"] == "2026-12-07T10:00:00+01:00"  # day 5 is a Sunday: Monday

    due = json.loads(cli("due", "--json"))
    assert [d["key"] for d in due] == ["thank-you"]
    assert due[0]["draft"]["to"] == "jane.odegard@acme-analytics.example"
    assert "Sehr geehrte Frau Ødegård," in due[0]["draft"]["text"]  # a German card: a German thank-you

    out = tmp_path / "drafts"
    eml = Path(cli("drafts", str(steps["thank-you"]["id"]), "--out", str(out)).strip())
    message = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "jane.odegard@acme-analytics.example"
    pdf = Path(cli("drafts", str(steps["cover-letter"]["id"]), "--out", str(out)).strip())
    letter = pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "Friedrichstraße 123" in letter and "10117 Berlin" in letter
    script = Path(cli("drafts", str(steps["call-day5"]["id"]), "--out", str(out)).strip()).read_text()
    assert "Nummer: +4930123456789" in script

    cli("done", str(steps["thank-you"]["id"]), "--note", "sent")
    assert json.loads(cli("due", "--json")) == []
    day5 = json.loads(cli("due", "--json", now="2026-12-07 08:00"))
    assert [d["key"] for d in day5] == ["cover-letter", "call-day5"]
    snoozed = json.loads(
        cli("snooze", str(steps["call-day5"]["id"]), "--until", "2026-12-08 10:00", "--json", now="2026-12-07 08:00")
    )
    assert snoozed["state"] == "snoozed" and snoozed["effective_due"] == "2026-12-08T10:00:00+01:00"

    ics = tmp_path / "plan.ics"
    cli("export", "--ics", str(ics))
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    current = json.loads(cli("show", "--json"))[0]["steps"]  # the plan grew as the days passed
    assert len(events) == len(current) > len(plan["steps"])
    cli("export", "--ics", str(ics))
    assert [str(e["UID"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")] == [
        str(e["UID"]) for e in events
    ]

    assert "hired" in cli("outcome", "Jane", "hired", now="2026-12-09 12:00")
    assert "Nothing is due." in cli("due", now="2027-03-01 12:00")
    assert json.loads(cli("due", "--json", "--date", "2027-12-31", now="2027-03-01 12:00")) == []


def test_a_saved_contact_and_a_card_without_email(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    store = ContactStore.open(cli.db)
    saved = store.save_contact(replace(JANE, emails=())).stored
    out = cli("start", str(saved.id), "--interview", "2026-12-01 14:00", "--holidays", "none", "--json")
    plan = json.loads(out)
    assert plan["contact_id"] == saved.id and plan["holiday_country"] == ""
    thanks = plan["steps"][0]
    assert any("no email address" in note for note in thanks["missing"])
    assert "no email address" in cli("show", str(saved.id))


@pytest.mark.slow
@pytest.mark.xdist_group("ppocr")
def test_a_card_image_is_read_with_ocr(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    image = save_card(
        tmp_path / "card.png",
        [
            ("Jane Q. Example", 52),
            ("Head of Engineering", 32),
            ("Examplary Widgets Inc.", 32),
            ("jane.example@example.com", 30),
            ("Tel: +1 415 555 0134", 30),
        ],
    )
    plan = json.loads(cli("start", str(image), "--interview", "2026-12-01 14:00", "--tz", "America/New_York", "--json"))
    assert plan["timezone"] == "America/New_York"
    assert plan["interview"] == "2026-12-01T14:00:00-05:00"
    thanks = plan["steps"][0]
    assert "jane.example@example.com" in thanks["summary"]


def test_errors_are_one_sentence_with_an_exit_code(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert "does not exist" in cli("start", str(tmp_path / "missing.vcf"), "--interview", "2026-12-01 14:00", code=3)
    assert "not a date" in cli("start", "x.vcf", "--interview", "next tuesday", code=6)
    assert "Unknown time zone" in cli("start", "x.vcf", "--interview", "2026-12-01 14:00", "--tz", "Mars/Base", code=6)
    assert "No follow-up step" in cli("done", "12345", code=8)  # refused (8), not a store failure (7)
    assert "Say where to" in cli("export", code=6)
