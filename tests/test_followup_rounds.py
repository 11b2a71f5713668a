"""Interviews as they happen, through the command line: several interviewers, a next round, an offer or
a hold, notes that the next drafts use, and a plan whose interview or contact is corrected."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from followup_helpers import JANE, followup_cli

from capture.contact import Contact, Email, PersonName, TextField
from capture.export.vcard import contact_to_vcard

OMAR = Contact(name=PersonName("Omar Berg", given="Omar", family="Berg"), title=TextField("CTO"),
               organization=TextField("Acme Analytics GmbH"), emails=(Email("omar.berg@acme-analytics.example"),))


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    run = followup_cli(tmp_path, monkeypatch, tz="Europe/Berlin", now="2026-12-01 16:30")
    for name, contact in (("jane", JANE), ("omar", OMAR)):
        (tmp_path / f"{name}.vcf").write_text(contact_to_vcard(contact), encoding="utf-8")
    run("profile", "set", "--name", "Sam Candidate", "--email", "sam@example.org", "--language", "en")
    run("start", str(tmp_path / "jane.vcf"), "--interview", "2026-12-01 14:00")
    return run


def steps(cli, now: str = "2026-12-01 16:30") -> dict[str, dict]:  # type: ignore[no-untyped-def, type-arg]
    return {s["key"]: s for s in json.loads(cli("show", "Jane", "--json", now=now))[0]["steps"]}


def eml(cli, step: dict, now: str) -> object:  # type: ignore[no-untyped-def, type-arg]
    out = json.loads(cli("drafts", str(step["id"]), "--out", str(cli.tmp / "drafts"), "--json", now=now))
    return message_from_bytes(Path(out["path"]).read_bytes(), policy=policy.default)


def test_each_interviewer_gets_a_thank_you_and_a_copy_of_the_check_ins(cli) -> None:  # type: ignore[no-untyped-def]
    shown = cli("add-interviewer", "Jane", str(cli.tmp / "omar.vcf"))
    assert "Also interviewed by: Omar Berg" in shown
    assert "already in the plan" in cli("add-interviewer", "Jane", str(cli.tmp / "omar.vcf"), code=8)
    plan = steps(cli)
    assert plan["thank-you-2"]["due"] == plan["thank-you"]["due"] == "2026-12-01T19:00:00+01:00"
    theirs = eml(cli, plan["thank-you-2"], "2026-12-01 19:00")
    assert str(theirs["To"]) == "Omar Berg <omar.berg@acme-analytics.example>" and theirs["Cc"] is None  # type: ignore[index]
    assert "Dear Mr Berg," in theirs.get_body(("plain",)).get_content()  # type: ignore[attr-defined]
    assert eml(cli, plan["thank-you"], "2026-12-01 19:00")["Cc"] is None  # type: ignore[index]
    check_in = eml(cli, plan["week-1"], "2026-12-14 09:00")
    assert str(check_in["To"]).endswith("<jane.odegard@acme-analytics.example>")  # type: ignore[index]
    assert str(check_in["Cc"]) == "Omar Berg <omar.berg@acme-analytics.example>"  # type: ignore[index]
    assert "call-day5-2" not in plan and "week-1-2" not in plan  # the calls and letters go to the main contact


def test_a_next_round_continues_the_same_plan(cli) -> None:  # type: ignore[no-untyped-def]
    cli("done", str(steps(cli)["thank-you"]["id"]), now="2026-12-01 19:05")
    assert "must come after" in cli("next-round", "Jane", "--interview", "2026-11-30 10:00", code=8)
    shown = cli("next-round", "Jane", "--interview", "2026-12-15 10:00", now="2026-12-08 12:00")
    assert "Round 2: Tue 2026-12-15 10:00" in shown
    plan = steps(cli, now="2026-12-08 12:00")
    assert plan["thank-you"]["state"] == "done"  # the first round's past stays as it was
    assert plan["r2-thank-you"]["due"] == "2026-12-15T19:00:00+01:00"
    assert plan["r2-call-day5"]["due"].startswith("2026-12-21")  # day five is a Sunday
    assert "r2-cover-letter" not in plan  # one reverse cover letter per plan
    assert plan["week-2"]["state"] == "skipped" and "round-2" in plan["week-2"]["note"]  # replaced by round 2
    assert plan["week-1"]["state"] == "pending"  # due before the next interview
    assert len(json.loads(cli("show", "--json", now="2026-12-08 12:00"))) == 1


def test_a_hold_pauses_until_its_day_and_skips_what_fell_due_meanwhile(cli) -> None:  # type: ignore[no-untyped-def]
    out = cli("outcome", "Jane", "on hold", "--until", "2026-12-20", "--note", "budget freeze",
              now="2026-12-08 12:00")
    assert "The check-ins wait until 2026-12-20." in out
    assert "Nothing is due." in cli("due", now="2026-12-14 09:30")  # week 1 fell in the hold
    due = json.loads(cli("due", "--json", now="2026-12-21 09:30"))
    assert [d["key"] for d in due] == ["week-2"]
    plan = json.loads(cli("show", "Jane", "--json", now="2026-12-21 09:30"))[0]
    keyed = {s["key"]: s for s in plan["steps"]}
    assert keyed["week-1"]["state"] == "skipped" and "waited" in keyed["week-1"]["note"]
    assert plan["outcome"] is None and not plan["paused"]
    assert [(e["kind"], e["value"]) for e in plan["events"]][:1] == [("outcome", "on hold")]


def test_an_offer_pauses_until_the_user_goes_on_and_is_not_final(cli) -> None:  # type: ignore[no-untyped-def]
    assert "The check-ins wait" in cli("outcome", "Jane", "offer", "--note", "start in May", now="2026-12-08 12:00")
    assert "Nothing is due." in cli("due", now="2026-12-28 10:30")
    assert "Paused (offer)" in cli("show", "Jane", now="2026-12-28 10:30")
    assert "hired" in cli("outcome", "Jane", "hired", now="2026-12-29 10:00")  # an offer is not an ending: no --correct
    assert "nothing more is due." in cli("show", "Jane", now="2026-12-29 10:05")


def test_a_moved_interview_moves_the_open_steps_and_keeps_what_was_done(cli) -> None:  # type: ignore[no-untyped-def]
    cli("done", str(steps(cli)["thank-you"]["id"]), "--note", "sent from my phone", now="2026-12-01 19:05")
    cli("edit", "Jane", "--interview", "2026-12-02 10:00", now="2026-12-01 19:30")
    plan = steps(cli, now="2026-12-01 19:30")
    assert plan["thank-you"]["state"] == "done" and plan["thank-you"]["note"] == "sent from my phone"
    assert plan["cover-letter"]["due"].startswith("2026-12-03")  # the next business day after the new date
    assert plan["call-day5"]["due"].startswith("2026-12-07")


def test_a_plan_from_a_card_file_takes_a_corrected_contact(cli) -> None:  # type: ignore[no-untyped-def]
    cli("edit", "Jane", "--set", "email=jane@acme.example", "--needs", "reliable data pipelines", "--topic",
        "the data platform")
    plan = json.loads(cli("show", "Jane", "--json"))[0]
    thanks = {s["key"]: s for s in plan["steps"]}["thank-you"]
    assert "jane@acme.example" in thanks["summary"]
    assert plan["needs"] == ["reliable data pipelines"] and plan["topic"] == "the data platform"
    text = eml(cli, thanks, "2026-12-01 19:00").get_body(("plain",)).get_content()  # type: ignore[attr-defined]
    assert "I particularly enjoyed our conversation about the data platform." in text
    assert "- reliable data pipelines:" in text
