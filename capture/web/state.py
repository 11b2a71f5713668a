"""What every request handler needs, built once by `create_app` and kept on `app.state.cardcap`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request
from fastapi.templating import Jinja2Templates

from capture.settings import Settings
from capture.web.queue import ReviewQueue
from capture.web.security import WebAuth
from capture.web.throttle import LoginThrottle
from capture.web.workspace import Workspace
from followup.sources import local_zone

if TYPE_CHECKING:
    from capture.store.contacts import ContactStore

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
MAX_UPLOAD_FILES = 20


def local_now() -> datetime:
    """Now, in the computer's named time zone (Europe/Berlin, not a bare +01:00): interview times
    typed without a zone are in it, and it knows when summer time starts."""
    return datetime.now(local_zone())


@dataclass(frozen=True)
class CardDavSettings:
    """The address book "Push to address book" puts contacts in (`cardcap serve --carddav URL`)."""

    url: str
    user: str = ""
    password: str = ""


@dataclass
class WebState:
    settings: Settings
    db_url: str | None
    auth: WebAuth
    workspace: Workspace
    templates: Jinja2Templates
    queue: ReviewQueue  # the photos being read and the cards waiting for review
    now: Callable[[], datetime] = local_now
    profile_path: Path | None = None  # the candidate's profile for follow-up drafts (None: the default)
    mail_path: Path | None = None  # the mail settings (SMTP to send, IMAP to notice replies; None: the default)
    carddav: CardDavSettings | None = None  # None: no "push to address book"
    sessions: set[str] = field(default_factory=set)  # logged-in session ids
    throttle: LoginThrottle = field(default_factory=LoginThrottle)
    store: ContactStore | None = None  # opened on first use (`capture.web.services.store`)
    mail_checked: datetime | None = None  # when Today last looked in the mailbox for replies
    lock: threading.Lock = field(default_factory=threading.Lock)


def get_state(request: Request) -> WebState:
    state: WebState = request.app.state.cardcap
    return state
