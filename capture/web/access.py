"""The LAN password: from CARDCAP_WEB_TOKEN, else the hash kept in the user's config folder.

Only the scrypt hash is written (mode 0600); the password itself exists only in the person's head
(or, for a generated token, on the terminal once).
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path

import platformdirs

from capture.errors import SettingsError
from capture.web.security import MIN_PASSWORD_LENGTH, WebAuth, hash_password

TOKEN_ENV = "CARDCAP_WEB_TOKEN"


def default_auth_path() -> Path:
    return Path(platformdirs.user_config_dir("cardcap")) / "web-auth.json"


def read_password_hash(path: Path) -> str | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise SettingsError(
            f"{path}: the web password file cannot be read ({error}); delete it to set a new one."
        ) from None
    value = data.get("password_hash") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value.startswith("scrypt$") else None


def write_password_hash(path: Path, password_hash: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump({"password_hash": password_hash}, out)
    temporary.replace(path)


def check_new_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise SettingsError(f"The web password must be at least {MIN_PASSWORD_LENGTH} characters long.")
    return password


def lan_auth(
    path: Path | None = None,
    *,
    ask: Callable[[], str] | None = None,
    announce: Callable[[str], None] = print,
    reset: bool = False,
) -> WebAuth:
    """The password rule for a server others can reach; set on first run.

    `ask` prompts for a new password (interactive runs); without it a random token is made and
    shown once through `announce`.
    """
    token = os.environ.get(TOKEN_ENV, "")
    if token:
        return WebAuth(hash_password(check_new_password(token)))
    path = path or default_auth_path()
    stored = None if reset else read_password_hash(path)
    if stored:
        return WebAuth(stored)
    if ask is not None:
        password = check_new_password(ask())
    else:
        password = secrets.token_urlsafe(12)
        announce(f"Web password (shown once, keep it): {password}")
    stored = hash_password(password)
    write_password_hash(path, stored)
    announce(f"The web password's hash is kept in {path}; `cardcap serve --reset-password` sets a new one.")
    return WebAuth(stored)
