"""Sending an email step over SMTP to a real local server (aiosmtpd on 127.0.0.1), only when confirmed."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from followup_helpers import INTERVIEW, JANE, NOW, SAM, make_plan

from capture.errors import SettingsError, StoreError
from followup.drafts import render_draft
from followup.mailer import SmtpSettings, send_draft


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_a_confirmed_email_arrives_as_drafted(smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    plan = make_plan()
    draft = render_draft(plan, plan.step("thank-you"), SAM)
    shown: list[str] = []
    result = send_draft(
        draft,
        SmtpSettings("127.0.0.1", port, security="none"),
        lambda message: shown.append(str(message["To"])) or True,
        now_timestamp=NOW.timestamp(),
    )
    assert result.sent and result.recipients == ("jane.odegard@acme-analytics.example",)
    assert shown == ["Jane Ødegård <jane.odegard@acme-analytics.example>"]
    assert len(inbox.messages) == 1
    mail_from, rcpt, data = inbox.messages[0]
    assert mail_from == SAM.email and rcpt == ["jane.odegard@acme-analytics.example"]
    received = message_from_bytes(data, policy=policy.default)
    assert received["Subject"] == "Thank you for the interview for the Senior Data Engineer position"
    assert received["X-Unsent"] is None and received["Message-ID"] == result.message_id
    assert received.get_body(("plain",)).get_content().replace("\r\n", "\n") == draft.text


def test_nothing_is_sent_without_confirmation(smtp_server: tuple[Inbox, int]) -> None:
    inbox, port = smtp_server
    plan = make_plan()
    draft = render_draft(plan, plan.step("week-1"), SAM)
    result = send_draft(draft, SmtpSettings("127.0.0.1", port, security="none"), lambda message: False)
    assert not result.sent and inbox.messages == []


def test_letters_and_unreachable_servers_give_one_sentence_errors() -> None:
    plan = make_plan()
    with pytest.raises(SettingsError, match="not an email"):
        send_draft(render_draft(plan, plan.step("cover-letter"), SAM), SmtpSettings("127.0.0.1"), lambda m: True)
    with pytest.raises(StoreError, match=r"cannot be used|did not take the email"):
        send_draft(
            render_draft(plan, plan.step("thank-you"), SAM),
            SmtpSettings("127.0.0.1", _free_port(), security="none", timeout=5),
            lambda m: True,
        )


def test_cli_send_asks_first_and_marks_the_step_done(
    smtp_server: tuple[Inbox, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from capture.store.database import open_database
    from followup import api
    from followup.cli import app

    inbox, port = smtp_server
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("CARDCAP_PROFILE", str(tmp_path / "profile.json"))
    monkeypatch.setenv("CARDCAP_NOW", "2026-12-01 19:00+01:00")
    runner = CliRunner()
    assert runner.invoke(app, ["profile", "set", "--name", SAM.name, "--email", SAM.email]).exit_code == 0
    plan = api.start_plan(open_database(db), JANE, INTERVIEW, SAM, NOW)
    step_id = str(plan.step("thank-you").id)
    args = ["send", step_id, "--smtp", f"127.0.0.1:{port}", "--security", "none", "--db", db]
    declined = runner.invoke(app, args, input="n\n")
    assert declined.exit_code == 0 and "Not sent." in declined.output and inbox.messages == []
    accepted = runner.invoke(app, args, input="y\n")
    assert accepted.exit_code == 0, accepted.output
    assert "To: Jane Ødegård <jane.odegard@acme-analytics.example>" in accepted.output
    assert len(inbox.messages) == 1
    assert api.due_steps(open_database(db), NOW) == ()  # the sent thank-you is done
