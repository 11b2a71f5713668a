"""The follow-up on the phone, in-process (FastAPI TestClient): every plan action the CLI has, as a page.

A phone has no terminal: no page may ask for a command, and each thing a step lacks links to the
page that fills it in. Replies are looked for in a real Dovecot mailbox.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient
from followup_helpers import JANE

from capture.contact import Contact, PersonName, TextField
from capture.settings import Settings
from capture.store.contacts import ContactStore
from capture.web.app import create_app
from followup import api
from followup.model import Profile
from tests.conftest import ImapServer
from tests.web_helpers import FixedClock

BERLIN = ZoneInfo("Europe/Berlin")
COMMAND = re.compile(r"\bcardcap (followup|contacts|export|serve|scan|batch)\b|`|\s--[a-z]")  # never on a page


@dataclass
class Web:
    client: TestClient
    clock: FixedClock
    store: ContactStore
    folder: Path

    def csrf(self, path: str) -> str:
        page = self.client.get(path)
        assert page.status_code == 200, page.text
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert match
        return match.group(1)

    def post(self, path: str, data: dict[str, str], page: str, status: int = 303) -> str:
        response = self.client.post(path, data={"csrf_token": self.csrf(page), **data})
        assert response.status_code == status, response.text
        return response.headers.get("location", "") if status == 303 else response.text

    def page(self, path: str) -> str:
        response = self.client.get(path)
        assert response.status_code == 200, response.text
        text = re.sub(r"<[^>]+>", " ", response.text)  # what a person reads
        assert not COMMAND.search(text), f"{path} asks for a command: {COMMAND.search(text)}"
        return response.text

    def plan(self) -> api.Plan:
        """The plan as the pages show it: brought up to date (the contact as it is now, the weeks since)."""
        plans = api.list_plans(self.store.engine, now=self.clock())
        assert len(plans) == 1
        return plans[0]


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    clock = FixedClock(datetime(2026, 12, 1, 16, 30, tzinfo=BERLIN))
    app = create_app(Settings(region="DE"), url, None, now=clock, workspace_dir=tmp_path / "cards",
                     profile_path=tmp_path / "profile.json", mail_path=tmp_path / "mail.json")
    client = TestClient(app, base_url="http://127.0.0.1:8000", follow_redirects=False)
    yield Web(client, clock, ContactStore.open(url, region="DE"), tmp_path)
    client.close()


def start(web: Web, contact: Contact = JANE, **extra: str) -> int:
    """A saved contact and its plan, started from the contact page; returns the contact's id."""
    stored = web.store.save_contact(contact).stored
    location = web.post(f"/contacts/{stored.id}/followup",
                        {"date": "2026-12-01", "time": "14:00", "tz": "Europe/Berlin", **extra},
                        f"/contacts/{stored.id}")
    assert location.startswith("/plans/")
    return stored.id


def test_what_a_step_lacks_links_to_where_it_is_filled_in_and_no_page_asks_for_a_command(web: Web) -> None:
    bare = Contact(name=PersonName("Pat Lee", given="Pat", family="Lee"), organization=TextField("Lee & Co"))
    contact_id = start(web, bare)
    uid = web.plan().uid
    for path in ("/today", f"/contacts/{contact_id}", f"/plans/{uid}", f"/contacts/{contact_id}/edit", "/profile",
                 "/contacts", "/"):
        web.page(path)
    today = web.page("/today")
    assert "The card has no email address." in today
    assert f'href="/contacts/{contact_id}/edit?next=/plans/{uid}"' in today  # add the email
    plan_page = web.page(f"/plans/{uid}")
    assert 'href="/profile"' in plan_page  # the letter's sender block needs your street
    assert f'href="/contacts/{contact_id}/edit?next=/plans/{uid}"' in plan_page

    # the contact corrected on the phone: the plan follows, the gap goes, a later scan keeps the correction
    form = {"name": "Pat Lee", "organization": "Lee & Co", "email_0": "pat@lee.example", "phone_0": "030 1234567",
            "phone_0_type": "work", "address_0_street": "Torstraße 1", "address_0_city": "Berlin",
            "address_0_postal_code": "10119", "back": f"/plans/{uid}"}
    assert web.post(f"/contacts/{contact_id}/edit", form, f"/contacts/{contact_id}/edit") == \
        f"/plans/{uid}?done=edited"
    thank_you = web.plan().step("thank-you")
    assert "pat@lee.example" in thank_you.summary and thank_you.missing == ()
    assert "no email address" not in web.page("/today")
    assert {"emails", "phones", "addresses"} <= set(web.store.get(contact_id).edited_fields)


def test_every_plan_action_of_the_command_line_on_the_plan_page(web: Web) -> None:
    start(web, JANE, needs="reliable data pipelines", topic="the data platform", language="en")
    plan = web.plan()
    page = f"/plans/{plan.uid}"
    assert plan.needs == ("reliable data pipelines",) and plan.topic == "the data platform" and plan.language == "en"

    # a step done with what was talked about; a note on a step already done
    call = plan.step("call-day5")
    web.clock.moment = datetime(2026, 12, 7, 11, 0, tzinfo=BERLIN)
    assert web.post(f"/steps/{call.id}/done", {"topic": "the budget", "note": "friendly", "back": page}, page) == \
        f"{page}?done=done"
    web.post(f"/steps/{call.id}/note", {"topic": "the budget and the team", "back": page}, page)
    assert web.plan().step("call-day5").topic == "the budget and the team"
    week_1 = web.client.get(f"/steps/{web.plan().step('week-1').id}/draft").content.decode()
    assert "the budget and the team" in week_1

    # another interviewer, typed in: their own thank-you; their details corrected on the plan's own copy
    web.post(f"{page}/interviewers", {"name": "Omar Berg", "email_0": "omar@acme.example", "phone_0_type": "work"},
             page)
    plan = web.plan()
    assert [p.name for p in plan.people] == ["Omar Berg"] and "thank-you-2" in {s.key for s in plan.steps}
    assert "Omar Berg" in web.page(page)
    web.post(f"{page}/contact/1", {"name": "Omar Berg", "title": "CTO", "email_0": "omar.berg@acme.example",
                                   "phone_0_type": "work"}, f"{page}/contact/1")
    assert web.plan().people[0].contact.emails[0].address == "omar.berg@acme.example"

    # the interview moved by an hour, the job named
    web.post(f"{page}/edit", {"date": "2026-12-01", "time": "15:00", "duration": "60", "position": "Data Engineer",
                              "language": "en", "needs": "reliable data pipelines", "topic": "the data platform"}, page)
    plan = web.plan()
    assert plan.interview.hour == 15 and plan.position == "Data Engineer"

    # a next round continues the same plan
    web.post(f"{page}/rounds", {"date": "2026-12-15", "time": "10:00", "duration": "90"}, page)
    plan = web.plan()
    assert [r.number for r in plan.all_rounds] == [1, 2] and "r2-thank-you" in {s.key for s in plan.steps}

    # on hold until a day, then an outcome; a second one only as a correction
    web.post(f"{page}/outcome", {"outcome": "on hold", "until": "2027-01-10", "note": "budget freeze"}, page)
    plan = web.plan()
    assert plan.pause_end is not None and plan.pause_end.date().isoformat() == "2027-01-10"
    assert "budget freeze" in web.page(page)
    web.post(f"{page}/resume", {}, page)
    assert web.plan().paused_until is None
    web.post(f"{page}/outcome", {"outcome": "rejected", "note": "an internal candidate"}, page)
    refused = web.post(f"{page}/outcome", {"outcome": "hired"}, page, status=409)
    assert "already ended: rejected" in refused and not COMMAND.search(re.sub(r"<[^>]+>", " ", refused))
    web.post(f"{page}/outcome", {"outcome": "hired", "note": "they called back", "correct": "yes"}, page)
    assert web.plan().outcome == "hired"
    assert "Ended: hired" in web.page(page)


def test_a_plan_started_from_a_card_file_is_corrected_on_its_own_copy(web: Web) -> None:
    plan = api.start_plan(web.store.engine, replace(JANE, emails=()), datetime(2026, 12, 1, 14, 0, tzinfo=BERLIN),
                          Profile(), web.clock())
    today = web.page("/today")
    assert f'href="/plans/{plan.uid}/contact/0"' in today
    form = web.page(f"/plans/{plan.uid}/contact/0")
    assert 'value="Jane Ødegård"' in form
    web.post(f"/plans/{plan.uid}/contact/0", {"name": "Jane Ødegård", "organization": "Acme Analytics GmbH",
                                              "email_0": "jane@acme.example", "phone_0_type": "work"},
             f"/plans/{plan.uid}/contact/0")
    assert "jane@acme.example" in web.plan().step("thank-you").summary


def reply(sender: str, subject: str, body: str, when: datetime) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "sam@example.org", subject
    message["Date"], message["Message-ID"] = format_datetime(when), f"<reply-{when.timestamp():.0f}@acme.example>"
    message.set_content(body)
    return message.as_bytes()


def test_a_reply_found_in_the_mailbox_shows_on_today_and_waits_for_the_user(web: Web,
                                                                             imap_server: ImapServer) -> None:
    user = imap_server.add_user("sam-web")
    (web.folder / "mail.json").write_text(json.dumps({"imap": {
        "host": imap_server.host, "port": imap_server.port, "security": "none", "user": user,
        "password_file": str(web.folder / "imap-password")}}), encoding="utf-8")
    (web.folder / "imap-password").write_text(imap_server.passwords[user] + "\n", encoding="utf-8")
    start(web, JANE)
    plan = web.plan()
    web.clock.moment = datetime(2026, 12, 3, 9, 0, tzinfo=BERLIN)
    assert "Look for replies" in web.page("/today")  # Today looked in the mailbox: nothing yet
    when = datetime(2026, 12, 3, 9, 2, tzinfo=BERLIN)
    imap_server.deliver(user, reply("Jane Ødegård <jane.odegard@acme-analytics.example>",
                                    "Re: Thank you for the interview",
                                    "Dear Sam,\n\nwe will decide next week.\n\n> Thank you for", when), when)
    web.clock.moment = datetime(2026, 12, 3, 9, 5, tzinfo=BERLIN)
    assert "Re: Thank you" not in web.page("/today")  # looked at 9:00: not again so soon, unless asked
    assert web.post("/mail/check", {"back": "/today"}, "/today") == "/today?done=checked"
    today = web.page("/today")
    assert "Re: Thank you for the interview" in today and "we will decide next week." in today
    assert "Thank you for" not in today.split("we will decide next week.")[1].split("</p>")[0]  # quoted text left out
    assert web.plan().paused_until is not None
    web.clock.moment = datetime(2026, 12, 14, 9, 30, tzinfo=BERLIN)  # the check-in email's day: the plan waits
    assert 'data-step="week-1"' not in web.page("/today")
    web.post(f"/plans/{plan.uid}/resume", {}, "/today")
    assert "Re: Thank you for the interview" not in web.page("/today")
    assert "Re: Thank you for the interview" in web.page(f"/plans/{plan.uid}")  # kept on the plan

    # a second answer: Today finds it by itself once ten minutes have passed
    later = datetime(2026, 12, 14, 11, 0, tzinfo=BERLIN)
    imap_server.deliver(user, reply("HR <hr@acme-analytics.example>", "Your second interview", "Are you free on "
                                    "Friday?", later), later)
    web.clock.moment = datetime(2026, 12, 14, 11, 30, tzinfo=BERLIN)
    assert "Your second interview" in web.page("/today") and web.plan().paused_until is not None


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append((list(envelope.rcpt_tos), bytes(envelope.original_content)))  # type: ignore[attr-defined]
        return "250 Message accepted for delivery"


def test_send_now_and_an_interrupted_send_settled_on_the_phone(web: Web) -> None:
    from aiosmtpd.controller import Controller

    from followup import repository
    from tests.conftest import free_port

    inbox, port = Inbox(), free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        (web.folder / "mail.json").write_text(json.dumps({"smtp": {"host": "127.0.0.1", "port": port,
                                                                   "security": "none"}}), encoding="utf-8")
        (web.folder / "profile.json").write_text(json.dumps({"name": "Sam Candidate", "email": "sam@example.org"}),
                                                 encoding="utf-8")
        start(web, JANE)
        page = f"/plans/{web.plan().uid}"
        web.post(f"{page}/interviewers", {"name": "Omar Berg", "email_0": "omar@acme-analytics.example"}, page)
        assert [e.address for e in web.plan().people[0].contact.emails] == ["omar@acme-analytics.example"]
        web.clock.moment = datetime(2026, 12, 1, 19, 5, tzinfo=BERLIN)
        thank_you, theirs = web.plan().step("thank-you"), web.plan().step("thank-you-2")
        assert "Send now" in web.page("/today")
        assert web.post(f"/steps/{thank_you.id}/send", {}, "/today") == "/today?done=sent"
        assert [r for r, _ in inbox.messages] == [["jane.odegard@acme-analytics.example", "sam@example.org"]]
        assert web.plan().step("thank-you").state == "done"
        again = web.post(f"/steps/{thank_you.id}/send", {}, "/today", status=409)
        assert "already done" in again and len(inbox.messages) == 1

        # cardcap stopped half-way through sending the other thank-you: the phone asks whether it went out
        assert repository.claim_step(web.store.engine, theirs.id or 0, "<m1@example.org>", web.clock())
        today = web.page("/today")
        assert "Sending this email was interrupted" in today and "Send now" not in today.split("interrupted")[1][:300]
        web.post(f"/steps/{theirs.id}/sent", {"went_out": "no"}, "/today")
        assert web.plan().step("thank-you-2").state == "pending"
        web.post(f"/steps/{theirs.id}/send", {}, "/today")
        assert [r for r, _ in inbox.messages][-1] == ["omar@acme-analytics.example", "sam@example.org"]
    finally:
        controller.stop()
