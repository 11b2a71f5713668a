"""The user's mail settings for `followup run`: SMTP to send due emails, IMAP to notice replies.

Kept beside the profile (`mail.json` in the config folder, mode 0600, `CARDCAP_MAIL` elsewhere).
Passwords are never stored: each server names the environment variable (or a file) that holds
its password, read when `run` runs, so cron and systemd can pass it in their own way.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from capture.atomic import write_atomic
from capture.errors import SettingsError
from followup.profile import read_settings_file

SECURITY_MODES = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class Server:
    host: str
    port: int
    security: str = "starttls"  # starttls | ssl | none (only for a server on this machine)
    user: str = ""
    password_env: str = ""  # the environment variable holding the password
    password_file: str = ""  # or a file holding it (first line)
    timeout: float = 30.0

    def password(self) -> str:
        if self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise SettingsError(f"The variable {self.password_env} (the password for {self.host}) is not set.")
            return value
        if self.password_file:
            try:
                return Path(self.password_file).expanduser().read_text(encoding="utf-8").splitlines()[0]
            except (OSError, IndexError) as error:
                raise SettingsError(f"{self.password_file}: the password for {self.host} cannot be read.") from error
        return ""


@dataclass(frozen=True)
class MailSettings:
    smtp: Server | None = None  # None: `run` sends nothing (the user has not opted in)
    imap: Server | None = None  # None: `run` does not look for replies
    sent_folder: str = ""  # where the IMAP server keeps sent mail ('' = found by its \\Sent flag)


def parse_server(text: str, default_port: int, what: str) -> tuple[str, int]:
    """HOST[:PORT] as given on the command line; one sentence when the port is not a number."""
    host, sep, port = text.strip().rpartition(":") if ":" in text else (text.strip(), "", "")
    if not host:
        raise SettingsError(f"Give the {what} server as HOST or HOST:PORT, not {text!r}.")
    if sep and not (port.isdigit() and 0 < int(port) < 65536):
        raise SettingsError(f"The {what} port in {text!r} must be a number from 1 to 65535.")
    return host, int(port) if sep else default_port


def make_server(text: str, default_port: int, what: str, **options: Any) -> Server:
    host, port = parse_server(text, default_port, what)
    security = options.get("security") or "starttls"
    if security not in SECURITY_MODES:
        raise SettingsError(f"{what} security must be one of {', '.join(SECURITY_MODES)}, not {security!r}.")
    return Server(host, port, security, options.get("user") or "", options.get("password_env") or "",
                  options.get("password_file") or "")


def default_path() -> Path:
    configured = os.environ.get("CARDCAP_MAIL", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_config_dir("cardcap")) / "mail.json"


def _server(data: Any) -> Server | None:
    if not data:
        return None
    try:
        return Server(**{k: v for k, v in data.items() if k in {f.name for f in dataclasses.fields(Server)}})
    except TypeError as error:
        raise SettingsError(f"The mail settings are damaged ({error}); set them again.") from error


def load(path: Path | None = None) -> MailSettings:
    data = read_settings_file(path or default_path(), "the mail settings")
    if data is None:
        return MailSettings()
    return MailSettings(_server(data.get("smtp")), _server(data.get("imap")), str(data.get("sent_folder", "")))


def save(settings: MailSettings, path: Path | None = None) -> Path:
    data = {
        "smtp": dataclasses.asdict(settings.smtp) if settings.smtp else None,
        "imap": dataclasses.asdict(settings.imap) if settings.imap else None,
        "sent_folder": settings.sent_folder,
    }
    path = write_atomic(path or default_path(), json.dumps(data, indent=2) + "\n")
    path.chmod(0o600)  # no password is kept here, but which servers and user names you use are yours
    return path
