"""The candidate's profile, set once: a JSON file in the user's config directory.

A file rather than the store because it belongs to the person, not to a team's shared contact
database (the store may be PostgreSQL shared by several people). `CARDCAP_PROFILE` points
elsewhere (tests, several personas).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import platformdirs

from capture.atomic import write_atomic
from capture.contact import Email
from capture.errors import SettingsError
from capture.validate import check_email
from followup.model import Profile

PROFILE_FIELDS = tuple(f.name for f in dataclasses.fields(Profile))


def default_profile_path() -> Path:
    configured = os.environ.get("CARDCAP_PROFILE", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_config_dir("cardcap")) / "profile.json"


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    data = dataclasses.asdict(profile)
    data["strengths"] = list(profile.strengths)
    return data


def profile_from_dict(data: dict[str, Any]) -> Profile:
    unknown = set(data) - set(PROFILE_FIELDS)
    if unknown:
        raise SettingsError(f"The profile has unknown fields: {', '.join(sorted(unknown))}.")
    values = {key: data[key] for key in PROFILE_FIELDS if key in data}
    strengths = values.get("strengths", ())
    if isinstance(strengths, str):
        strengths = [strengths]
    values["strengths"] = tuple(str(s).strip() for s in strengths if str(s).strip())
    for key, value in values.items():
        if key != "strengths":
            values[key] = str(value).strip()
    return Profile(**values)


def read_settings_file(path: Path, what: str) -> dict[str, Any] | None:
    """A JSON settings file of the user's (the profile, the mail settings): None when there is none yet,
    one sentence naming the file when it cannot be read."""
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SettingsError(f"{path}: {what} cannot be read ({error}).") from error
    if not isinstance(data, dict):
        raise SettingsError(f"{path}: {what} must be a JSON object.")
    return data


def load_profile(path: Path | None = None) -> Profile:
    """The saved profile, or an empty one when none was set yet (plans still work; drafts say what is missing)."""
    data = read_settings_file(path or default_profile_path(), "the profile")
    return Profile() if data is None else profile_from_dict(data)


def save_profile(profile: Profile, path: Path | None = None) -> Path:
    # atomic: a crash never leaves half a profile
    return write_atomic(path or default_profile_path(),
                        json.dumps(profile_to_dict(profile), indent=2, ensure_ascii=False) + "\n")


def checked_email(text: str) -> str:
    """Your email as it will sign every message, normalised; one sentence when it is not an address."""
    if not text.strip():
        return ""
    email, problem = check_email(Email(text.strip()), check_mx=False)
    if problem is not None:
        reason = problem.message.removeprefix(f"{text.strip()}: ").rstrip(".")
        raise SettingsError(f"Your email {text.strip()!r} is not an email address: {reason[:1].lower()}{reason[1:]}.")
    return email.address


def update_profile(profile: Profile, changes: dict[str, Any]) -> Profile:
    """`profile` with the given fields replaced (None values are left alone); a new email is checked."""
    data = profile_to_dict(profile)
    data.update({key: value for key, value in changes.items() if value is not None})
    if changes.get("email") is not None:
        data["email"] = checked_email(str(changes["email"]))
    return profile_from_dict(data)
