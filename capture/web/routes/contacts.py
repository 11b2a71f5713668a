"""Contacts: the searchable list, one contact's page, its correction form, its vCard, CardDAV push, and
starting a follow-up."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from capture.errors import CardcapError
from capture.store.contacts import StoredContact
from capture.web import services
from capture.web.edit import apply_form, contact_fields, warnings_by_group
from capture.web.pages import local_path, posted_to, read_form, render
from capture.web.state import WebState, get_state
from followup import gaps
from followup.language import LANGUAGE_NAMES
from followup.repository import zone_name

router = APIRouter(include_in_schema=False)

NOTICES = {
    "created": "Saved as a new contact.",
    "updated": "Saved: this card updated a contact you already had.",
    "unchanged": "Saved: you already had this contact, nothing changed.",
    "pushed": "Sent to the CardDAV address book.",
    "started": "Follow-up plan started.",
    "edited": "Saved: your corrections are kept, also against later scans of the card.",
}
PHONE_TYPES = ("work", "mobile", "fax", "other")


def download_name(stored: StoredContact, suffix: str) -> str:
    """An ASCII file name from the contact's name (never used on this server's file system)."""
    ascii_name = unicodedata.normalize("NFKD", stored.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()[:60]
    return f"{slug or 'contact-' + str(stored.id)}{suffix}"


def parse_zone(name: str, fallback: tzinfo) -> tzinfo:
    if not name.strip():
        return fallback
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise CardcapError(f"{name!r} is not a time zone name such as Europe/Berlin or America/New_York.") from None


def parse_interview(form: dict[str, str], state: WebState) -> datetime:
    """The interview's start from the form's date, time and zone; one readable sentence when it is wrong."""
    try:
        day = date.fromisoformat(form.get("date", "").strip())
        at = time.fromisoformat(form.get("time", "").strip())
    except ValueError:
        raise CardcapError("Give the interview's date and time, for example 2026-12-01 and 14:00.") from None
    now = state.now()
    zone = parse_zone(form.get("tz", ""), now.tzinfo or ZoneInfo("UTC"))
    return datetime.combine(day, at).replace(tzinfo=zone)


async def contact_or_404(request: Request, contact_id: int) -> StoredContact | Response:
    try:
        return await run_in_threadpool(services.get_contact, get_state(request), contact_id)
    except CardcapError as error:
        return render(request, "error.html", {"status": 404, "heading": "No such contact", "message": str(error)}, 404)


@router.get("/contacts")
async def contacts_page(request: Request, q: str = "") -> Response:
    search = q.strip()[:200]
    found = await run_in_threadpool(services.list_contacts, get_state(request), search)
    return render(request, "contacts.html", {"contacts": list(reversed(found)), "q": search})


async def contact_view(request: Request, stored: StoredContact, **extra: object) -> dict[str, object]:
    state = get_state(request)
    plans = await run_in_threadpool(services.plans_for, state, stored.id)
    now = state.now()
    return {
        "stored": stored,
        "contact": stored.contact,
        "plans": plans,
        "gaps": {(p.uid, s.key): gaps.for_web(p, s) for p in plans for s in p.steps if s.is_open},
        "languages": LANGUAGE_NAMES,
        "carddav": services.carddav_configured(state),
        "notice": NOTICES.get(request.query_params.get("done", "")),
        "today": now.date().isoformat(),
        "zone": zone_name(now.tzinfo),
        "now": now,
        **extra,
    }


@router.get("/contacts/{contact_id}")
async def contact_page(request: Request, contact_id: int) -> Response:
    stored = await contact_or_404(request, contact_id)
    if isinstance(stored, Response):
        return stored
    return render(request, "contact.html", await contact_view(request, stored))


@router.get("/contacts/{contact_id}/vcard")
async def contact_vcard(request: Request, contact_id: int) -> Response:
    stored = await contact_or_404(request, contact_id)
    if isinstance(stored, Response):
        return stored
    text = services.vcard_for(get_state(request), stored)
    return Response(text, media_type="text/vcard; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{download_name(stored, ".vcf")}"'})


@router.post("/contacts/{contact_id}/carddav")
async def contact_push(request: Request, contact_id: int) -> Response:
    await read_form(request)
    stored = await contact_or_404(request, contact_id)
    if isinstance(stored, Response):
        return stored
    try:
        message = await run_in_threadpool(services.push_carddav, get_state(request), stored)
    except CardcapError as error:
        return render(request, "contact.html", await contact_view(request, stored, error=str(error)), 502)
    return render(request, "contact.html", await contact_view(request, stored, pushed=message))


def edit_context(stored: StoredContact, back: str, **extra: object) -> dict[str, object]:
    return {
        "stored": stored, "contact": stored.contact, "fields": contact_fields(stored.contact),
        "warnings": warnings_by_group(stored.contact), "phone_types": PHONE_TYPES,
        "action": f"/contacts/{stored.id}/edit", "back": back, **extra,
    }


@router.get("/contacts/{contact_id}/edit")
async def contact_edit_page(request: Request, contact_id: int, next: str = "") -> Response:
    stored = await contact_or_404(request, contact_id)
    if isinstance(stored, Response):
        return stored
    return render(request, "contact_edit.html", edit_context(stored, local_path(next, f"/contacts/{stored.id}")))


@router.post("/contacts/{contact_id}/edit")
async def contact_edit_save(request: Request, contact_id: int) -> Response:
    state, form, stored = await posted_to(request, services.get_contact, contact_id)
    back = local_path(form.get("back", ""), f"/contacts/{stored.id}")
    contact, edited = apply_form(stored.contact, form, state.settings.region)
    if contact.is_empty:
        return render(request, "contact_edit.html",
                      edit_context(stored, back, error="Nothing to save: every field is empty."), 422)
    if edited:
        try:
            await run_in_threadpool(services.replace_contact, state, stored.id, contact, edited)
        except CardcapError as error:
            return render(request, "contact_edit.html", edit_context(stored, back, error=str(error)), 409)
    joiner = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{joiner}done=edited", status_code=303)


@router.post("/contacts/{contact_id}/followup")
async def contact_followup(request: Request, contact_id: int) -> Response:
    state, form, stored = await posted_to(request, services.get_contact, contact_id)
    try:
        interview = parse_interview(form, state)
        position = " ".join(form.get("position", "").split())[:200]
        minutes = int(form.get("duration", "60") or 60)
        language = form.get("language", "") if form.get("language", "") in LANGUAGE_NAMES else None
        needs = tuple(" ".join(line.split())[:300] for line in form.get("needs", "").splitlines() if line.strip())
        plan = await run_in_threadpool(
            lambda: services.start_followup(state, stored, interview, position, duration=timedelta(minutes=minutes),
                                            language=language, needs=needs[:10],
                                            topic=" ".join(form.get("topic", "").split())[:300]))
    except ValueError:
        return render(request, "contact.html", await contact_view(
            request, stored, error="Give the interview's length in minutes, like 60."), 422)
    except CardcapError as error:
        return render(request, "contact.html", await contact_view(request, stored, error=str(error)), 422)
    return RedirectResponse(f"/plans/{plan.uid}?done=started", status_code=303)
