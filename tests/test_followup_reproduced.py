"""The follow-up bugs reproduced end to end (issue 16), one test each, through the command line.

Each of these failed on the code before the fix: they are the regression net for a job seeker's
real use (a closed plan still sending, a US letter dated the European way, a thank-you missing
from `due --date` on a UTC machine, a Saudi card called on a Friday, ...).
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdf
import pytest
from followup_helpers import JANE, followup_cli
from icalendar import Calendar
from typer.testing import CliRunner

from capture.cli import app as cardcap_app
from capture.contact import Address, Contact, Email, PersonName, Phone, PhoneType, TextField
from capture.export.vcard import contact_to_vcard
from capture.store.contacts import ContactStore

runner = CliRunner()


def person(name: str, *, email: str = "", phone: str = "", address: Address | None = None,
           company: str = "Acme") -> Contact:
    given, family = name.split(" ", 1)
    return Contact(
        name=PersonName(name, given=given, family=family),
        organization=TextField(company),
        emails=(Email(email),) if email else (),
        phones=(Phone(phone, phone, PhoneType.WORK),) if phone else (),
        addresses=(address,) if address else (),
    )


NEW_YORK = person("John Poole", email="john.poole@acme-nyc.example", phone="+12125550134",
                  address=Address(street="350 Fifth Avenue", city="New York", region="NY", postal_code="10118",
                                  country="USA"))
TOKYO = person("Taro Yamada", email="yamada@example.co.jp", phone="+81335550123",
               address=Address(street="丸の内1-1-1", city="千代田区", region="東京都", postal_code="100-0005",
                               country="Japan"), company="山田商事株式会社")
MUMBAI = person("Priya Shah", email="priya@example.in",
                address=Address(street="12 Marine Drive", city="Mumbai", region="Maharashtra", postal_code="400020",
                                country="India"))
SAO_PAULO = person("Ana Souza", email="ana@example.com.br",
                   address=Address(street="Av. Paulista, 1000", city="São Paulo", region="SP",
                                   postal_code="01310-100", country="Brazil"))
RESTON = ("--name", "Alex Candidate", "--street", "12 Oak Lane", "--city", "Reston", "--region", "VA",
          "--postal-code", "20190", "--country", "USA", "--email", "alex@example.org")


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    # the machine's zone (UTC) differs from every plan's
    run = followup_cli(tmp_path, monkeypatch, tz="UTC", now="2026-12-01 16:30+01:00")

    def card(contact: Contact, name: str = "card") -> str:
        path = tmp_path / f"{name}.vcf"
        path.write_text(contact_to_vcard(contact), encoding="utf-8")
        return str(path)

    def plan(card_path: str, interview: str, *extra: str, now: str = "2026-12-01 16:30+01:00") -> dict:  # type: ignore[type-arg]
        return json.loads(run("start", card_path, "--interview", interview, *extra, "--json", now=now))

    run.card = card  # type: ignore[attr-defined]
    run.plan = plan  # type: ignore[attr-defined]
    return run


def steps_of(plan: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {s["key"]: s for s in plan["steps"]}


def due_day(step: dict) -> date:  # type: ignore[type-arg]
    return datetime.fromisoformat(step["due"]).date()


# -- a plan that ended, a step already done --------------------------------------------------------------


def test_send_refuses_a_step_of_an_ended_plan_and_a_thank_you_already_done(cli) -> None:  # type: ignore[no-untyped-def]
    cli("profile", "set", *RESTON)
    steps = steps_of(cli.plan(cli.card(JANE), "2026-12-01 14:00", "--tz", "Europe/Berlin"))
    cli("done", str(steps["thank-you"]["id"]), now="2026-12-01 19:05+01:00")
    # port 9 (discard) is closed here: a send that got as far as the server would fail with exit 7
    again = cli("send", str(steps["thank-you"]["id"]), "--smtp", "127.0.0.1:9", "--security", "none", "--yes",
                now="2026-12-01 19:10+01:00", code=8)
    assert "already done" in again
    cli("outcome", "Jane", "rejected", now="2026-12-03 12:00+01:00")
    ended = cli("send", str(steps["week-1"]["id"]), "--smtp", "127.0.0.1:9", "--security", "none", "--yes",
                now="2026-12-08 09:30+01:00", code=8)
    assert "ended" in ended and "rejected" in ended


def test_a_second_outcome_is_refused_and_every_outcome_note_is_shown(cli) -> None:  # type: ignore[no-untyped-def]
    cli.plan(cli.card(JANE), "2026-12-01 14:00", "--tz", "Europe/Berlin")
    cli("outcome", "Jane", "rejected", "--note", "they chose an internal candidate", now="2026-12-10 12:00+01:00")
    refused = cli("outcome", "Jane", "hired", now="2026-12-11 12:00+01:00", code=8)
    assert "already ended: rejected on 2026-12-10 (they chose an internal candidate)" in refused
    assert "they chose an internal candidate" in cli("show", "Jane")
    shown = json.loads(cli("show", "Jane", "--json"))[0]
    assert shown["outcome"] == "rejected" and shown["outcome_note"] == "they chose an internal candidate"
    cli("outcome", "Jane", "hired", "--note", "they called back", "--correct", now="2026-12-12 12:00+01:00")
    shown = json.loads(cli("show", "Jane", "--json"))[0]
    assert shown["outcome"] == "hired"
    assert [(e["value"], e["note"]) for e in shown["events"] if e["kind"] == "outcome"] == [
        ("rejected", "they chose an internal candidate"), ("hired", "they called back")]


# -- letters abroad -----------------------------------------------------------------------------------------


def letter(cli, contact: Contact, name: str) -> tuple[str, pypdf.PdfReader]:  # type: ignore[no-untyped-def]
    steps = steps_of(cli.plan(cli.card(contact, name), "2026-12-01 14:00", "--tz", "America/New_York",
                              now="2026-12-01 16:30-05:00"))
    out = json.loads(cli("drafts", str(steps["cover-letter"]["id"]), "--out", str(cli.tmp / name), "--json",
                         now="2026-12-04 10:00-05:00"))
    return out["text"], pypdf.PdfReader(io.BytesIO(Path(out["path"]).read_bytes()))


def at_home(contact: Contact, phone: str) -> Contact:
    """The card as printed at home: no country on the address, a national phone number that says it."""
    return replace(contact, addresses=tuple(replace(a, country="") for a in contact.addresses),
                   phones=(Phone(phone, phone, PhoneType.WORK),))


@pytest.mark.parametrize(("contact", "country_line"), [
    (at_home(JANE, "+4930123456789"), "GERMANY"), (at_home(MUMBAI, "+912222345678"), "INDIA"),
    (at_home(SAO_PAULO, "+551132345678"), "BRAZIL"), (at_home(TOKYO, "+81335550123"), "JAPAN"),
])
def test_a_letter_from_the_us_abroad_ends_its_address_with_the_destination_country(
    cli, contact: Contact, country_line: str  # type: ignore[no-untyped-def]
) -> None:
    cli("profile", "set", *RESTON)
    text, _ = letter(cli, contact, country_line.lower())
    block = text.split("\n\n")[1].splitlines()  # sender, recipient, date, body...
    assert block[-1] == country_line


def test_brazilian_and_japanese_addresses_are_in_their_own_order(cli) -> None:  # type: ignore[no-untyped-def]
    cli("profile", "set", *RESTON)
    text, _ = letter(cli, SAO_PAULO, "br")
    recipient = text.split("\n\n")[1].splitlines()
    assert recipient[-4:] == ["Av. Paulista, 1000", "SÃO PAULO-SP", "01310-100", "BRAZIL"]
    text, _ = letter(cli, TOKYO, "jp")
    recipient = text.split("\n\n")[1].splitlines()
    assert recipient[0] == "〒100-0005"  # postal code first, then prefecture, city, block, company, name
    assert recipient.index("東京都") < recipient.index("千代田区丸の内1-1-1") < recipient.index("山田商事株式会社")
    assert recipient[-1] == "JAPAN"


def test_a_us_letter_is_dated_the_american_way_on_us_letter_with_a_no_10_envelope(cli) -> None:  # type: ignore[no-untyped-def]
    cli("profile", "set", *RESTON)
    text, pdf = letter(cli, NEW_YORK, "ny")
    assert "\nDecember 4, 2026\n" in text and "Reston, 4 December 2026" not in text
    letter_page, envelope = pdf.pages[0].mediabox, pdf.pages[-1].mediabox
    assert (round(float(letter_page.width)), round(float(letter_page.height))) == (612, 792)  # 8.5 x 11 in
    assert (round(float(envelope.width)), round(float(envelope.height))) == (684, 297)  # 9.5 x 4.125 in


# -- time zones ----------------------------------------------------------------------------------------------


def test_due_date_is_the_plans_day_not_the_machines(cli) -> None:  # type: ignore[no-untyped-def]
    cli.plan(cli.card(NEW_YORK), "2026-12-01 14:00", "--tz", "America/New_York", now="2026-12-01 15:00-05:00")
    # 19:00 in New York is already 2 December on this UTC machine
    due = json.loads(cli("due", "--date", "2026-12-01", "--json", now="2026-12-01 15:00-05:00"))
    assert [d["key"] for d in due] == ["thank-you"]
    assert due[0]["due"] == "2026-12-01T19:00:00-05:00"


def test_snooze_until_is_read_in_the_plans_zone(cli) -> None:  # type: ignore[no-untyped-def]
    steps = steps_of(cli.plan(cli.card(NEW_YORK), "2026-12-01 14:00", "--tz", "America/New_York",
                              now="2026-12-01 15:00-05:00"))
    # the clock in the machine's zone (UTC): 00:30 on 2 December is 19:30 on 1 December in New York
    snoozed = json.loads(cli("snooze", str(steps["thank-you"]["id"]), "--until", "2026-12-02 08:00", "--json",
                             now="2026-12-02 00:30"))
    assert snoozed["effective_due"] == "2026-12-02T08:00:00-05:00"


def test_an_interview_given_with_an_offset_exports_a_valid_calendar(cli) -> None:  # type: ignore[no-untyped-def]
    cli.plan(cli.card(JANE), "2026-12-01T14:00+01:00")
    ics = cli.tmp / "plan.ics"
    cli("export", "--ics", str(ics))
    raw = ics.read_text(encoding="utf-8")
    calendar = Calendar.from_ical(raw)
    defined = {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")}
    for event in calendar.walk("VEVENT"):
        start = event["DTSTART"]
        tzid = start.params.get("TZID")
        assert tzid is None or tzid in defined, f"TZID {tzid} has no VTIMEZONE"
    thank_you = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).endswith("-thank-you@cardcap"))
    assert thank_you.decoded("DTSTART") == datetime(2026, 12, 1, 18, 0, tzinfo=ZoneInfo("UTC"))


def test_a_call_to_tokyo_from_new_york_is_in_tokyo_business_hours(cli) -> None:  # type: ignore[no-untyped-def]
    cli("profile", "set", *RESTON)
    plan = cli.plan(cli.card(TOKYO), "2026-12-01 14:00", "--tz", "America/New_York", now="2026-12-01 15:00-05:00")
    tokyo, new_york = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")
    calls = [s for s in plan["steps"] if s["channel"] == "phone"]
    assert calls
    for step in calls:
        moment = datetime.fromisoformat(step["due"])
        assert 9 <= moment.astimezone(tokyo).hour < 17, step
        assert 8 <= moment.astimezone(new_york).hour <= 20, step


# -- holidays and weekends -----------------------------------------------------------------------------------------


def test_englands_late_summer_bank_holiday_comes_from_the_cards_postcode(cli) -> None:  # type: ignore[no-untyped-def]
    london = person("Ann Clerk", email="ann@example.co.uk",
                    address=Address(street="1 Whitehall", city="London", postal_code="SW1A 2AA", country="UK"))
    plan = cli.plan(cli.card(london), "2026-08-26 14:00", "--tz", "Europe/London", now="2026-08-26 16:00+01:00")
    # day five is Monday 31 August 2026, England's (not Scotland's) summer bank holiday
    assert due_day(steps_of(plan)["call-day5"]) == date(2026, 9, 1)


def test_epiphany_counts_in_baden_wuerttemberg_not_in_berlin(cli) -> None:  # type: ignore[no-untyped-def]
    stuttgart = replace(JANE, addresses=(Address(street="Königstraße 1", city="Stuttgart", postal_code="70173",
                                                 country="Germany"),))
    now = "2027-01-05 16:00+01:00"
    south = cli.plan(cli.card(stuttgart, "stuttgart"), "2027-01-05 10:00", "--tz", "Europe/Berlin", now=now)
    north = cli.plan(cli.card(replace(JANE, emails=(Email("jo@example.de"),)), "berlin"), "2027-01-05 11:00",
                     "--tz", "Europe/Berlin", now=now)
    assert due_day(steps_of(south)["cover-letter"]) == date(2027, 1, 7)  # 6 January: Epiphany in BW
    assert due_day(steps_of(north)["cover-letter"]) == date(2027, 1, 6)


def test_a_card_without_a_country_gets_the_holidays_of_the_interviews_zone(cli) -> None:  # type: ignore[no-untyped-def]
    nowhere = person("Kim Doe", email="kim@example.org")
    plan = cli.plan(cli.card(nowhere), "2026-12-24 10:00", "--tz", "Europe/Berlin", now="2026-12-24 12:00+01:00")
    assert plan["holiday_country"] == "DE"
    assert due_day(steps_of(plan)["cover-letter"]) == date(2026, 12, 28)  # not on Christmas Day


def test_a_saudi_card_is_never_called_on_its_weekend(cli) -> None:  # type: ignore[no-untyped-def]
    riyadh = person("Omar Saleh", email="omar@example.sa", phone="+966112345678",
                    address=Address(street="King Fahd Road", city="Riyadh", country="Saudi Arabia"))
    plan = cli.plan(cli.card(riyadh), "2026-12-06 10:00", "--tz", "Asia/Riyadh", now="2026-12-06 12:00+03:00")
    steps = steps_of(plan)
    assert due_day(steps["call-day5"]) == date(2026, 12, 13)  # day five is a Friday: Sunday
    assert all(due_day(s).weekday() not in (4, 5) for k, s in steps.items() if k != "thank-you")


# -- the contact, the plan, bad input ----------------------------------------------------------------------------------


def test_a_contact_edit_reaches_the_plan(cli) -> None:  # type: ignore[no-untyped-def]
    saved = ContactStore.open(cli.db).save_contact(replace(JANE, emails=())).stored
    cli("start", str(saved.id), "--interview", "2026-12-01 14:00", "--tz", "Europe/Berlin")
    assert "no email address" in cli("show", "Jane")
    edited = runner.invoke(cardcap_app, ["contacts", "edit", str(saved.id), "--set", "email=jane@acme.example"])
    assert edited.exit_code == 0, edited.output
    shown = steps_of(json.loads(cli("show", "Jane", "--json"))[0])
    assert "jane@acme.example" in shown["thank-you"]["summary"] and shown["thank-you"]["gaps"] == []


def test_starting_the_same_interview_twice_is_refused(cli) -> None:  # type: ignore[no-untyped-def]
    card = cli.card(JANE)
    cli("start", card, "--interview", "2026-12-01 14:00", "--tz", "Europe/Berlin")
    assert "already a plan" in cli("start", card, "--interview", "2026-12-01 14:00", "--tz", "Europe/Berlin", code=8)
    assert len(json.loads(cli("show", "--json"))) == 1


@pytest.mark.parametrize("interview", ["1900-01-01 10:00", "9999-12-01 10:00"])
def test_an_interview_date_nobody_can_have_is_refused_in_one_sentence(cli, interview: str) -> None:  # type: ignore[no-untyped-def]
    out = cli("start", cli.card(JANE), "--interview", interview, "--tz", "Europe/Berlin", code=8)
    assert "give the date of a real interview" in out
    assert json.loads(cli("show", "--json")) == []


def test_bad_options_get_one_sentence_and_their_exit_code(cli) -> None:  # type: ignore[no-untyped-def]
    card = cli.card(JANE)
    assert "not a country whose holidays" in cli("start", card, "--interview", "2026-12-01 14:00", "--holidays", "XX",
                                                 code=8)
    assert "--duration" in cli("start", card, "--interview", "2026-12-01 14:00", "--duration", "-120", code=2)
    plan = steps_of(cli.plan(card, "2026-12-01 14:00", "--tz", "Europe/Berlin"))
    assert "does not exist" in cli("export", "--ics", str(cli.tmp / "nowhere" / "x.ics"), code=6)
    assert "is a folder" in cli("export", "--ics", str(cli.tmp), code=6)
    assert "must be a number" in cli("send", str(plan["thank-you"]["id"]), "--smtp", "mail.example:abc", "--yes",
                                     code=6)
    assert "is not an email address" in cli("profile", "set", "--email", "sam at example", code=6)
    assert "No follow-up step" in cli("done", "99999", code=8)


def test_show_and_export_carry_the_plan_past_what_due_created(cli) -> None:  # type: ignore[no-untyped-def]
    cli.plan(cli.card(JANE), "2026-12-01 14:00", "--tz", "Europe/Berlin")
    later = "2027-03-01 09:00+01:00"  # three months on; `due` was never run
    keys = [s["key"] for s in json.loads(cli("show", "Jane", "--json", now=later))[0]["steps"]]
    assert "week-16" in keys  # 2027-03-27: four weeks past "now"
    ics = cli.tmp / "plan.ics"
    cli("export", "--ics", str(ics), now="2027-03-02 09:00+01:00")
    uids = {str(e["UID"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert any(uid.endswith("-week-16@cardcap") for uid in uids)


# -- drafts worth reading ------------------------------------------------------------------------------------------


def test_weekly_emails_change_from_week_to_week_and_refer_to_the_last_contact(cli) -> None:  # type: ignore[no-untyped-def]
    cli("profile", "set", *RESTON)
    steps = steps_of(cli.plan(cli.card(NEW_YORK), "2026-12-01 14:00", "--tz", "America/New_York",
                              now="2026-12-01 15:00-05:00"))
    cli("done", str(steps["call-day5"]["id"]), "--topic", "the data platform", now="2026-12-07 11:00-05:00")
    texts = []
    for key, when in (("week-1", "2026-12-14 09:30-05:00"), ("week-4", "2027-01-04 09:30-05:00")):
        step = steps_of(json.loads(cli("show", "Poole", "--json", now=when))[0])[key]
        texts.append(json.loads(cli("drafts", str(step["id"]), "--out", str(cli.tmp / key), "--json", now=when)))
        cli("done", str(step["id"]), now=when)
    assert texts[0]["text"] != texts[1]["text"] and texts[0]["subject"] != texts[1]["subject"]
    assert "and on my call on Monday, December 7, 2026." in texts[0]["text"]
    assert "what we discussed, the data platform" in texts[0]["text"]
    assert "Since my email on Monday, December 14, 2026," in texts[1]["text"]


def test_a_thank_you_sent_the_same_evening_says_today_and_ties_strengths_to_the_job(cli) -> None:  # type: ignore[no-untyped-def]
    cli("profile", "set", *RESTON, "--strength", "Ten years of data pipelines in Python",
        "--strength", "Led a team of five")
    steps = steps_of(cli.plan(cli.card(NEW_YORK), "2026-12-01 14:00", "--tz", "America/New_York",
                              "--needs", "reliable data pipelines", now="2026-12-01 15:00-05:00"))
    draft = json.loads(cli("drafts", str(steps["thank-you"]["id"]), "--out", str(cli.tmp), "--json",
                           now="2026-12-01 19:00-05:00"))
    assert "to meet with me this afternoon" in draft["text"]
    assert "December 1" not in draft["text"] and "Tuesday" not in draft["text"]
    assert "- reliable data pipelines: ten years of data pipelines in Python." in draft["text"]
