"""Sending an email draft over SMTP: opt-in, and only after the caller's confirmation.

The draft `.eml` is the single source of truth: what is sent is what the person reviewed, with
a Date and Message-ID added and the draft marker removed.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from capture.errors import SettingsError, StoreError
from followup.drafts import Draft

SECURITY_MODES = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 587
    username: str = ""
    password: str = ""
    security: str = "starttls"  # starttls | ssl | none (only for a server on this machine)
    timeout: float = 30.0

    def __post_init__(self) -> None:
        if self.security not in SECURITY_MODES:
            raise SettingsError(f"SMTP security must be one of {', '.join(SECURITY_MODES)}, not {self.security!r}.")


@dataclass(frozen=True)
class SendResult:
    sent: bool
    recipients: tuple[str, ...]
    message_id: str = ""


def message_to_send(draft: Draft, *, now_timestamp: float | None = None) -> EmailMessage:
    """The draft as the message that goes out; refuses a draft without a recipient or sender."""
    if draft.kind != "eml":
        raise SettingsError(f"The step {draft.step_key} is not an email; only email drafts can be sent.")
    message = message_from_bytes(draft.content, policy=policy.default)
    assert isinstance(message, EmailMessage)
    if not message["To"]:
        raise SettingsError(f"The draft {draft.filename} has no recipient: {' '.join(draft.missing) or 'no email'}")
    if not message["From"]:
        raise SettingsError("The draft has no sender: your own email is not set.",
                            terminal_hint="Set it with `cardcap followup profile set --email ...`.")
    del message["X-Unsent"]
    message["Date"] = formatdate(now_timestamp, localtime=False)
    sender_domain = str(message["From"].addresses[0].domain or "localhost")
    message["Message-ID"] = make_msgid(domain=sender_domain)
    return message


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, logged-in SMTP session (STARTTLS or SSL as set); the caller closes it."""
    try:
        client: smtplib.SMTP
        if settings.security == "ssl":
            client = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        if settings.security == "starttls":
            client.starttls(context=ssl.create_default_context())
        if settings.username:
            client.login(settings.username, settings.password)
        return client
    except (smtplib.SMTPException, OSError) as error:
        raise StoreError(f"The mail server {settings.host}:{settings.port} cannot be used: {error}") from error


def recipients_of(message: EmailMessage) -> tuple[str, ...]:
    found: list[str] = []
    for header in ("To", "Cc"):
        if message[header]:
            found += [address.addr_spec for address in message[header].addresses]
    return tuple(found)


def send_draft(
    draft: Draft,
    settings: SmtpSettings,
    confirm: Callable[[EmailMessage], bool],
    *,
    now_timestamp: float | None = None,
) -> SendResult:
    """Send the draft if `confirm(message)` says yes; nothing is sent otherwise."""
    message = message_to_send(draft, now_timestamp=now_timestamp)
    recipients = recipients_of(message)
    if not confirm(message):
        return SendResult(False, recipients)
    client = connect(settings)
    try:
        with client:
            client.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        raise StoreError(f"The mail server {settings.host}:{settings.port} did not take the email: {error}") from error
    return SendResult(True, recipients, str(message["Message-ID"]))
