"""`cardcap followup run` against real mail servers: aiosmtpd for SMTP, Debian's Dovecot for IMAP.

The SMTP server here plays the mail system: what it accepts for the candidate's own address
(the blind copy of every email sent) it delivers into the candidate's Dovecot inbox, where the
next run looks for it. `run` is a real `cardcap` process, so a crash is a real SIGKILL sent while
the server holds the message.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from conftest import ImapServer, free_port
from followup_helpers import BERLIN, JANE
from typer.testing import CliRunner

from capture.contact import Contact, Email, PersonName, TextField
from capture.export.vcard import contact_to_vcard
from followup.cli import app as followup_app

CANDIDATE = "alex@example.org"
CARDCAP = [sys.executable, "-m", "capture.cli"]
pytestmark = pytest.mark.slow  # a real IMAP server, and `cardcap followup run` in processes of its own
OMAR = Contact(name=PersonName("Omar Berg", given="Omar", family="Berg"), organization=TextField("Acme Analytics GmbH"),
               emails=(Email("omar.berg@acme-analytics.example"),))


@dataclass
class MailSystem:
    """What the SMTP server accepted, per recipient; the candidate's copies go on to their IMAP inbox."""

    imap: ImapServer
    mailbox_user: str
    messages: list[tuple[list[str], bytes]] = field(default_factory=list)
    on_data: Callable[[list[str], bytes], str | None] | None = None  # may crash the sender; a reply to give

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        recipients, content = list(envelope.rcpt_tos), bytes(envelope.original_content)
        if self.on_data is not None:
            answer = self.on_data(recipients, content)
            if answer is not None:
                return answer
        self.accept(recipients, content)
        return "250 Message accepted for delivery"

    def accept(self, recipients: list[str], content: bytes) -> None:
        self.messages.append((recipients, content))
        if CANDIDATE in recipients:
            self.imap.deliver(self.mailbox_user, content)

    def received_by(self, address: str) -> list[EmailMessage]:
        found = []
        for recipients, content in self.messages:
            if address in recipients:
                message = message_from_bytes(content, policy=policy.default)
                assert isinstance(message, EmailMessage)
                found.append(message)
        return found


@dataclass
class Setup:
    folder: Path
    env: dict[str, str]
    mail: MailSystem
    running: subprocess.Popen[str] | None = None

    def cardcap(self, *args: str, now: str, code: int = 0) -> str:
        """`cardcap followup ...` in this process (fast); `start_run` is the one in a process of its own."""
        result = CliRunner().invoke(followup_app, list(args), env={**self.env, "CARDCAP_NOW": now})
        assert result.exit_code == code, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.output

    def run(self, now: str, code: int = 0) -> dict[str, Any]:
        return json.loads(self.cardcap("run", "--json", now=now, code=code))

    def start_run(self, now: str) -> subprocess.Popen[str]:
        """`followup run` as a process the mail server can kill."""
        env = {**{k: v for k, v in os.environ.items() if not k.startswith("CARDCAP_")}, **self.env, "CARDCAP_NOW": now}
        self.running = subprocess.Popen([*CARDCAP, "followup", "run", "--json"], env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return self.running

    def kill_sender(self) -> None:
        assert self.running is not None
        os.kill(self.running.pid, signal.SIGKILL)

    def steps(self) -> dict[str, dict[str, Any]]:
        plan = json.loads(self.cardcap("show", "Jane", "--json", now="2026-12-01 16:00"))[0]
        return {s["key"]: s for s in plan["steps"]}

    def plan(self, now: str = "2026-12-01 16:00") -> dict[str, Any]:
        return dict(json.loads(self.cardcap("show", "Jane", "--json", now=now))[0])


@pytest.fixture
def setup(tmp_path: Path, imap_server: ImapServer) -> Iterator[Setup]:
    user = imap_server.add_user(f"alex{free_port()}")
    mail = MailSystem(imap_server, user)
    smtp_port = free_port()
    controller = Controller(mail, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    env = {
        "TZ": "Europe/Berlin",
        "CARDCAP_DB": f"sqlite:///{tmp_path / 'store.sqlite3'}",
        "CARDCAP_PROFILE": str(tmp_path / "profile.json"),
        "CARDCAP_MAIL": str(tmp_path / "mail.json"),
        "CARDCAP_TEMPLATES": str(tmp_path / "no-templates"),
        "ALEX_IMAP_PASSWORD": imap_server.passwords[user],
    }
    setup = Setup(tmp_path, env, mail)
    setup.cardcap("profile", "set", "--name", "Alex Candidate", "--email", CANDIDATE, "--language", "en",
                  now="2026-12-01 16:00")
    jane = tmp_path / "jane.vcf"
    jane.write_text(contact_to_vcard(JANE), encoding="utf-8")
    setup.cardcap("start", str(jane), "--interview", "2026-12-01 14:00", now="2026-12-01 16:00")
    setup.cardcap("mail", "set", "--smtp", f"127.0.0.1:{smtp_port}", "--smtp-security", "none",
                  "--imap", f"127.0.0.1:{imap_server.port}", "--imap-security", "none", "--imap-user", user,
                  "--imap-password-env", "ALEX_IMAP_PASSWORD", now="2026-12-01 16:00")
    try:
        yield setup
    finally:
        if setup.running is not None and setup.running.poll() is None:
            setup.running.kill()
            setup.running.wait()
        controller.stop()


def test_a_due_thank_you_goes_out_once_across_two_runs_and_a_crash(setup: Setup) -> None:
    omar = setup.folder / "omar.vcf"
    omar.write_text(contact_to_vcard(OMAR), encoding="utf-8")
    setup.cardcap("add-interviewer", "Jane", str(omar), now="2026-12-01 16:05")
    assert setup.run("2026-12-01 18:55")["sent"] == []  # nothing is due before 19:00

    def crash_after_delivery(recipients: list[str], content: bytes) -> str | None:
        if "omar.berg@acme-analytics.example" in recipients:  # the second thank-you of the run
            setup.mail.accept(recipients, content)  # the mail system has it and delivers it...
            setup.kill_sender()  # ...and cardcap dies before it hears so
            return "250 Message accepted for delivery"
        return None

    setup.mail.on_data = crash_after_delivery
    first = setup.start_run("2026-12-01 19:05")
    out, err = first.communicate(timeout=120)
    assert first.returncode == -signal.SIGKILL, out + err
    steps = setup.steps()
    assert steps["thank-you"]["state"] == "done"  # recorded before the next one was considered
    assert steps["thank-you-2"]["state"] == "sending"

    setup.mail.on_data = None
    second = setup.run("2026-12-01 19:10")
    assert second["sent"] == [] and len(second["confirmed"]) == 1
    assert "found in your mailbox" in second["confirmed"][0]
    third = setup.run("2026-12-01 19:20")
    assert third["sent"] == [] and third["confirmed"] == []

    steps = setup.steps()
    assert steps["thank-you"]["state"] == steps["thank-you-2"]["state"] == "done"
    jane, omar_mail = (setup.mail.received_by(a) for a in (JANE.emails[0].address, OMAR.emails[0].address))
    assert len(jane) == 1 and len(omar_mail) == 1
    assert jane[0]["Subject"] == "Thank you for the interview" and "Dear Ms Ødegård," in jane[0].get_content()
    assert "Dear Mr Berg," in omar_mail[0].get_content()
    assert jane[0]["Bcc"] is None and len(setup.mail.received_by(CANDIDATE)) == 2  # your copies, unseen by them


def test_an_interrupted_send_that_never_arrived_is_not_repeated_until_the_user_says_so(setup: Setup) -> None:
    def crash_before_delivery(recipients: list[str], content: bytes) -> str | None:
        setup.kill_sender()
        return "451 Requested action aborted"

    setup.mail.on_data = crash_before_delivery
    first = setup.start_run("2026-12-01 19:05")
    first.communicate(timeout=120)
    assert first.returncode == -signal.SIGKILL and setup.mail.messages == []
    setup.mail.on_data = None

    soon = setup.run("2026-12-01 19:08")  # the copy may still be on its way: wait
    assert soon["sent"] == [] and soon["unsure"] == []
    later = setup.run("2026-12-01 19:40")  # long enough: not in the mailbox, so ask
    assert later["sent"] == [] and len(later["unsure"]) == 1
    step_id = str(setup.steps()["thank-you"]["id"])
    assert f"cardcap followup sent {step_id} --yes" in later["unsure"][0]
    assert setup.mail.messages == []

    setup.cardcap("sent", step_id, "--no", now="2026-12-01 19:45")  # it did not go out: send it again
    again = setup.run("2026-12-01 19:50")
    assert len(again["sent"]) == 1
    assert len(setup.mail.received_by(JANE.emails[0].address)) == 1
    assert setup.steps()["thank-you"]["state"] == "done"


def reply(sender: str, subject: str, body: str, when: datetime, **headers: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = CANDIDATE
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message["Message-ID"] = make_msgid(domain=sender.split("@")[1])
    for name, value in headers.items():
        message[name.replace("_", "-")] = value
    message.set_content(body)
    return message.as_bytes()


def test_a_reply_in_the_mailbox_pauses_the_plan_until_the_user_acts(setup: Setup) -> None:
    assert len(setup.run("2026-12-01 19:05")["sent"]) == 1  # the thank-you
    imap, user = setup.mail.imap, setup.mail.mailbox_user
    when = datetime(2026, 12, 3, 9, 12, tzinfo=BERLIN)
    imap.deliver(user, reply("Automatic <noreply@acme-analytics.example>", "Out of office",
                             "I am away until Monday.", when, Auto_Submitted="auto-replied"), when)
    imap.deliver(user, reply("News <news@shop.example>", "Deals of the week", "Buy now.", when), when)
    imap.deliver(user, reply("Jane Ødegård <jane.odegard@acme-analytics.example>", "Re: Thank you for the interview",
                             "Dear Alex,\n\nthank you for your note. We will decide next week and I will call you.\n\n"
                             "> Thank you for taking the time", when), when)

    found = setup.run("2026-12-03 10:00")
    assert len(found["replies"]) == 2
    assert any("Re: Thank you for the interview" in line and "waits for you" in line for line in found["replies"])
    assert setup.run("2026-12-03 10:05")["replies"] == []  # each reply is recorded once

    shown = setup.cardcap("show", "Jane", now="2026-12-03 10:10")
    assert "Reply from jane.odegard@acme-analytics.example" in shown
    assert "We will decide next week and I will call you." in shown
    assert "Paused" in shown and "Out of office" not in shown
    plan = setup.plan("2026-12-03 10:10")
    assert plan["paused"] and [r["subject"] for r in plan["replies"] if not r["handled"]] == [
        "Re: Thank you for the interview"]

    # a week on, the check-in email is due, and not sent: the plan waits for the user
    assert setup.run("2026-12-14 09:30")["sent"] == []
    assert "Nothing is due." in setup.cardcap("due", now="2026-12-14 09:30")
    setup.cardcap("resume", "Jane", now="2026-12-14 09:40")
    assert setup.run("2026-12-21 09:30")["sent"] == []  # week 2 is a letter; week 1's email was skipped
    plan = setup.plan("2026-12-21 09:40")
    assert not plan["paused"] and {s["key"]: s["state"] for s in plan["steps"]}["week-1"] == "skipped"
    assert len(setup.mail.received_by(JANE.emails[0].address)) == 1


def test_run_sends_nothing_without_smtp_settings_and_nothing_after_an_outcome(setup: Setup) -> None:
    settings = json.loads(Path(setup.env["CARDCAP_MAIL"]).read_text(encoding="utf-8"))
    setup.cardcap("mail", "set", "--off", now="2026-12-01 19:00")
    quiet = setup.run("2026-12-01 19:05")
    assert quiet["sent"] == [] and quiet["smtp"] is False
    assert "nothing is sent" in setup.cardcap("run", now="2026-12-01 19:06")
    Path(setup.env["CARDCAP_MAIL"]).write_text(json.dumps(settings), encoding="utf-8")
    setup.cardcap("outcome", "Jane", "rejected", now="2026-12-01 19:07")
    assert setup.run("2026-12-01 19:10")["sent"] == []
    assert setup.run("2026-12-14 09:30")["sent"] == []
    assert setup.mail.messages == []


def test_a_long_overdue_email_is_left_to_the_user(setup: Setup) -> None:
    late = setup.run("2026-12-04 10:00")  # the machine was off for three days
    assert late["sent"] == [] and "send or skip it yourself" in late["waiting"][0]
    assert setup.mail.messages == []
