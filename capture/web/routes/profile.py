"""Your details: the candidate's profile that signs the follow-up letters and emails, edited on a
page (a phone has no terminal for `cardcap followup profile set`)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from capture.errors import CardcapError, SettingsError
from capture.web import services
from capture.web.pages import read_form, render, text_fields
from capture.web.state import get_state
from followup.language import LANGUAGE_NAMES
from followup.model import Profile
from followup.profile import profile_from_dict, profile_to_dict

router = APIRouter(include_in_schema=False)

# (field, label, input type, autocomplete hint) in the order a person fills them in
TEXT_FIELDS = (
    ("name", "Your name", "text", "name"),
    ("email", "Email", "email", "email"),
    ("phone", "Phone", "tel", "tel"),
    ("street", "Street", "text", "street-address"),
    ("postal_code", "Postal code", "text", "postal-code"),
    ("city", "City", "text", "address-level2"),
    ("region", "State or region", "text", "address-level1"),
    ("country", "Country", "text", "country-name"),
    ("position", "The job you applied for", "text", "organization-title"),
)
MAX_LENGTH = 300


def changes_from_form(form: dict[str, str]) -> dict[str, object]:
    """The posted fields as profile changes: text trimmed, strengths one per line."""
    changes: dict[str, object] = {
        name: " ".join(form.get(name, "").split())[:MAX_LENGTH] for name, _, _, _ in TEXT_FIELDS
    }
    changes["strengths"] = [line.strip()[:MAX_LENGTH] for line in form.get("strengths", "").splitlines()][:10]
    changes["language"] = form.get("language", "") if form.get("language", "") in LANGUAGE_NAMES else ""
    return changes


def page(request: Request, profile: Profile, notice: str = "", problem: str = "", status: int = 200) -> Response:
    return render(request, "profile.html", {
        "profile": profile, "fields": TEXT_FIELDS, "notice": notice, "problem": problem, "languages": LANGUAGE_NAMES,
    }, status)


@router.get("/profile")
async def profile_page(request: Request) -> Response:
    state = get_state(request)
    try:
        profile = await run_in_threadpool(services.profile, state)
    except CardcapError as error:
        return page(request, Profile(), problem=str(error), status=500)
    return page(request, profile, notice="Saved." if request.query_params.get("saved") else "")


@router.post("/profile")
async def save_profile(request: Request) -> Response:
    state = get_state(request)
    changes = changes_from_form(text_fields(await read_form(request)))
    try:
        await run_in_threadpool(services.save_profile_changes, state, changes)
    except SettingsError as error:  # a value that cannot be (an email that is not one): fix it in the form
        return page(request, profile_from_dict({**profile_to_dict(Profile()), **changes}), problem=str(error),
                    status=422)
    except (CardcapError, OSError) as error:
        return page(request, Profile(), problem=f"The profile was not saved: {error}", status=500)
    return RedirectResponse("/profile?saved=1", status_code=303)
