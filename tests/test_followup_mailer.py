"""Sending an email step over SMTP to a real local server (aiosmtpd on 127.0.0.1), only when confirmed."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from followup_helpers import NOW, SAM, make_plan

from capture.errors import SettingsError, StoreError
from followup.drafts import render_draft
from followup.mailer import SmtpSettings, send_draft


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 (aiosmtpd's name)
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
    result = send_draft(draft, SmtpSettings("127.0.0.1", port, security="none"),
                        lambda message: shown.append(str(message["To"])) or True, now_timestamp=NOW.timestamp())
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
    with pytest.raises(StoreError, match="did not take the email"):
        send_draft(render_draft(plan, plan.step("thank-you"), SAM),
                   SmtpSettings("127.0.0.1", _free_port(), security="none", timeout=5), lambda m: True)
