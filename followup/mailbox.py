"""The candidate's mailbox over IMAP: replies from the interviewer, and copies of what was sent.

Replies are messages in the inbox since the interview from the interviewer's address, or from
anyone at their company's domain (a colleague from HR answers too), unless the domain is a public
mail service. Automatic answers (out of office: `Auto-Submitted`, RFC 3834) are kept but pause
nothing.
"""

from __future__ import annotations

import imaplib
import re
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime

from capture.contact import Contact
from capture.errors import StoreError
from followup.mailsettings import Server

PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "ymail.com",
    "icloud.com", "me.com", "aol.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "proton.me",
    "protonmail.com", "mail.ru", "yandex.ru", "qq.com", "163.com", "126.com", "naver.com", "uol.com.br",
    "bol.com.br", "orange.fr", "free.fr", "laposte.net", "libero.it", "yahoo.co.jp", "docomo.ne.jp",
})
SNIPPET_CHARS = 300
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Reply:
    message_id: str
    sender: str
    subject: str
    snippet: str  # the first lines of the text
    received: datetime
    automatic: bool


@contextmanager
def connect(server: Server) -> Iterator[imaplib.IMAP4]:
    try:
        client: imaplib.IMAP4
        if server.security == "ssl":
            client = imaplib.IMAP4_SSL(server.host, server.port, ssl_context=ssl.create_default_context(),
                                       timeout=server.timeout)
        else:
            client = imaplib.IMAP4(server.host, server.port, timeout=server.timeout)
            if server.security == "starttls":
                client.starttls(ssl.create_default_context())
        client.login(server.user, server.password())
    except (imaplib.IMAP4.error, OSError) as error:
        raise StoreError(f"The mail server {server.host}:{server.port} cannot be read: {error}") from error
    try:
        yield client
    finally:
        with suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sent_folders(client: imaplib.IMAP4, configured: str = "") -> list[str]:
    """The folders to look in for a sent message: the inbox (blind copies) and the \\Sent folder."""
    folders = ["INBOX"]
    if configured:
        return [*folders, configured]
    status, listing = client.list()
    if status == "OK":
        for line in listing or []:
            text = line.decode(errors="replace") if isinstance(line, bytes) else str(line)
            if "\\Sent" in text:
                name = text.rsplit(" ", 1)[-1].strip('"')
                folders.append(name)
    return folders


def has_message(server: Server, message_id: str, sent_folder: str = "") -> bool:
    """Is a message with this Message-ID in the candidate's inbox or sent folder?"""
    with connect(server) as client:
        for folder in sent_folders(client, sent_folder):
            status, _ = client.select(_quote(folder), readonly=True)
            if status != "OK":
                continue
            status, found = client.search(None, "HEADER", "Message-ID", _quote(message_id))
            if status == "OK" and found and found[0].split():
                return True
    return False


def senders_for(contact: Contact) -> tuple[str, ...]:
    """What FROM to search for: each address, and each company domain that is not a public mail service."""
    terms: list[str] = []
    for email in contact.emails:
        address = email.address.lower()
        terms.append(address)
        domain = address.rsplit("@", 1)[-1]
        if domain not in PUBLIC_MAIL_DOMAINS and f"@{domain}" not in terms:
            terms.append(f"@{domain}")
    return tuple(terms)


def _snippet(message: EmailMessage) -> str:
    body = message.get_body(("plain", "html"))
    text = body.get_content() if body is not None else ""
    if body is not None and body.get_content_type() == "text/html":
        text = re.sub(r"<[^>]+>", " ", text)
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith(">")]
    return " ".join(lines)[:SNIPPET_CHARS]


def find_replies(server: Server, people: tuple[Contact, ...], since: datetime, own_address: str = "") -> list[Reply]:
    """Messages in the inbox since `since` (a day's precision, as IMAP searches) from any of `people`."""
    terms = [t for contact in people for t in senders_for(contact)]
    if not terms:
        return []
    day = f"{since.day:02d}-{MONTHS[since.month - 1]}-{since.year}"
    found: dict[str, Reply] = {}
    with connect(server) as client:
        status, _ = client.select("INBOX", readonly=True)
        if status != "OK":
            raise StoreError(f"The mail server {server.host} has no INBOX to read.")
        for term in terms:
            status, numbers = client.search(None, "SINCE", day, "FROM", _quote(term))
            if status != "OK" or not numbers or not numbers[0]:
                continue
            for number in numbers[0].split():
                status, data = client.fetch(number, "(BODY.PEEK[])")
                raw = next((part[1] for part in data or [] if isinstance(part, tuple)), None)
                if status != "OK" or not isinstance(raw, bytes):
                    continue
                message = message_from_bytes(raw, policy=policy.default)
                assert isinstance(message, EmailMessage)
                sender = message["From"].addresses[0].addr_spec.lower() if message["From"] else ""
                if own_address and sender == own_address.lower():
                    continue
                message_id = str(message["Message-ID"] or f"<imap-{number.decode()}>").strip()
                try:
                    received = parsedate_to_datetime(str(message["Date"])) if message["Date"] else since
                except (TypeError, ValueError):
                    received = since
                if received.tzinfo is None:
                    received = received.replace(tzinfo=since.tzinfo)
                if received < since:
                    continue
                automatic = (str(message.get("Auto-Submitted", "no")).lower() != "no"
                             or message.get("X-Autoreply") is not None)
                found[message_id] = Reply(message_id, sender, str(message["Subject"] or ""), _snippet(message),
                                          received, automatic)
    return sorted(found.values(), key=lambda r: r.received)
