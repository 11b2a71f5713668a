"""The JSON API under /api/: the same operations as the pages, documented at /openapi.json."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from capture.errors import CardcapError
from capture.export.record import result_to_record
from capture.store.contacts import StoredContact
from capture.store.exports import stored_to_record
from capture.web import services
from capture.web.edit import contact_fields
from capture.web.pages import csrf_token
from capture.web.queueview import entry_of, job_json, queue_json, queue_view
from capture.web.reviewing import FINAL_WAIT_SECONDS, corrected, load_review, save
from capture.web.routes.contacts import download_name, parse_zone
from capture.web.routes.today import mailto_link, safe_filename, tel_link
from capture.web.scanning import UploadProblem, accept_uploads, read_uploads, uploaded_files
from capture.web.state import MAX_UPLOAD_FILES, get_state
from capture.web.workspace import CardKey, Stage
from followup.model import Plan, Profile, Step
from followup.profile import profile_to_dict

router = APIRouter(prefix="/api", tags=["cardcap"])

SCAN_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}}}


class Problem(BaseModel):
    name: str
    message: str
    status: int


class ScannedCard(BaseModel):
    key: str = Field(description="Names the card in /api/cards/{key} and /review/{key}.")
    review_url: str
    record: dict[str, Any]


class ScanResponse(BaseModel):
    cards: list[ScannedCard]
    problems: list[Problem]


class Saved(BaseModel):
    id: int
    action: Literal["created", "updated", "unchanged"]
    url: str


class FollowupRequest(BaseModel):
    interview: datetime = Field(description="Start of the interview, e.g. 2026-12-01T14:00 (+ tz or offset).")
    tz: str = Field("", description="IANA zone when `interview` has no offset; default the server's zone.")
    position: str = ""


class StepAction(BaseModel):
    note: str = ""
    hours: int = Field(24, ge=1, le=24 * 60, description="How long to snooze.")


def step_json(step: Step) -> dict[str, Any]:
    return {
        "id": step.id, "key": step.key, "kind": str(step.kind), "channel": str(step.channel),
        "due": step.due.isoformat(), "effective_due": step.effective_due.isoformat(), "summary": step.summary,
        "state": str(step.state), "note": step.note, "missing": list(step.missing),
        "draft_url": f"/api/steps/{step.id}/draft" if step.id else None,
    }


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "uid": plan.uid, "contact_id": plan.contact_id, "interviewer": plan.interviewer,
        "interview": plan.interview.isoformat(), "position": plan.position,
        "outcome": str(plan.outcome) if plan.outcome else None, "steps": [step_json(s) for s in plan.steps],
    }


def key_or_404(key: str) -> CardKey:
    parsed = CardKey.parse(key)
    if parsed is None:
        raise HTTPException(404, "No such card.")
    return parsed


async def stored_or_404(request: Request, contact_id: int) -> StoredContact:
    try:
        return await run_in_threadpool(services.get_contact, get_state(request), contact_id)
    except CardcapError as error:
        raise HTTPException(404, str(error)) from None


async def posted_files(request: Request) -> tuple[list[UploadFile], list[UploadProblem]]:
    """The photos posted under `files`. The form is read here, not declared as a parameter: a part
    without a file name gets cardcap's sentence, where FastAPI's own check answers with a
    validation error in JSON."""
    return uploaded_files(await request.form(max_files=MAX_UPLOAD_FILES, max_fields=MAX_UPLOAD_FILES))


@router.post("/scan", response_model=ScanResponse, responses={
    413: {"description": "The image is larger than the byte or pixel limit."},
    415: {"description": "The file is not an image (checked by content, not by name)."},
    422: {"description": "An image, but damaged or without readable text; or a part that is not a file."},
    503: {"description": "The cluster reading the scans cannot be reached."}},
    openapi_extra=SCAN_BODY)
async def scan(request: Request) -> JSONResponse:
    """Read the cards on one or more uploaded photos (multipart form-data, each a part named `files`
    with a file name), answering once every reader is done with them; each card waits for review
    under its key. (/api/uploads answers at once and lets you follow.)"""
    state = get_state(request)
    files, refused = await posted_files(request)
    keys, problems = await read_uploads(files, state.settings, state.queue, refused)
    cards = []
    for key in keys:
        result = state.workspace.get(key)
        if result is not None:
            cards.append({"key": key.text, "review_url": f"/review/{key.text}", "record": result_to_record(result)})
    body: dict[str, Any] = {"cards": cards, "problems": [p.__dict__ for p in problems]}
    status = 200 if cards or not problems else max(p.status for p in problems)
    if status != 200:
        body["detail"] = " ".join(p.message for p in problems)
    return JSONResponse(body, status_code=status)


@router.post("/uploads", status_code=202, responses={
    413: {"description": "The image is larger than the byte limit."},
    415: {"description": "The file is not an image (checked by content, not by name)."},
    422: {"description": "A part that is not a file."}},
    openapi_extra=SCAN_BODY)
async def uploads(request: Request) -> JSONResponse:
    """Keep one or more photos (multipart form-data, as for /api/scan) for reading and answer at once:
    each becomes a job read in the order sent (GET /api/uploads/{id} follows it; its cards can be
    reviewed as soon as they appear). The same photo sent again is the same job."""
    state = get_state(request)
    files, refused = await posted_files(request)
    outcome = await accept_uploads(files, state.settings, state.queue, refused)
    body: dict[str, Any] = {
        "jobs": [job_json(entry_of(state.queue, job)) for job in outcome.jobs],
        "problems": [p.__dict__ for p in outcome.problems],
    }
    if outcome.status != 202:
        body["detail"] = " ".join(p.message for p in outcome.problems)
    return JSONResponse(body, status_code=outcome.status)


@router.get("/uploads/{job_id}")
def upload_job(request: Request, job_id: str) -> dict[str, Any]:
    """One photo: where it is (queued, reading, ready, done, failed), its cards, its timings."""
    queue = get_state(request).queue
    job = queue.get(job_id)
    if job is None:
        raise HTTPException(404, "No such upload.")
    return job_json(entry_of(queue, job))


@router.get("/queue")
def review_queue(request: Request) -> dict[str, Any]:
    """The photos being read and the cards waiting for review, oldest first; `next` is the card to review next."""
    return queue_json(queue_view(get_state(request).queue))


@router.get("/session")
def session(request: Request) -> dict[str, str]:
    """This session's CSRF token (the X-CSRF-Token header of API calls made with the session cookie):
    a page kept offline asks for a fresh one before sending the photos taken meanwhile."""
    return {"csrf": csrf_token(request)}


@router.get("/cards/{key}")
def card(request: Request, key: str) -> dict[str, Any]:
    """A scanned card waiting for review: fields, confidences, warnings, text lines and their boxes.
    `stage` is "first" while the second reader is still at work on it, then "final"."""
    workspace = get_state(request).workspace
    parsed = key_or_404(key)
    result = workspace.get(parsed)
    if result is None:
        raise HTTPException(404, "This card is no longer waiting for review.")
    return {**result_to_record(result), "stage": str(workspace.stage(parsed) or Stage.FINAL)}


@router.get("/cards/{key}/stage")
def card_stage(request: Request, key: str) -> dict[str, str]:
    """Only the card's stage, which a review page shown from the first answer asks for."""
    stage = get_state(request).workspace.stage(key_or_404(key))
    if stage is None:
        raise HTTPException(404, "This card is no longer waiting for review.")
    return {"stage": str(stage)}


@router.post("/cards/{key}/save", response_model=Saved)
async def save_card(request: Request, key: str, fields: dict[str, str] | None = None) -> Saved:
    """Store a scanned card (its final reading, waiting for it if need be), with corrections named like
    the review form's fields ({"title": "CTO"})."""
    state = get_state(request)
    parsed = key_or_404(key)
    await run_in_threadpool(state.queue.wait_final, parsed, FINAL_WAIT_SECONDS)
    review = load_review(state.workspace, parsed)
    if review is None:
        raise HTTPException(404, "This card is no longer waiting for review.")
    shown = contact_fields(review.contact)
    form = {f.name: f.value for f in shown} | {f"{f.name}_type": f.phone_type for f in shown if f.kind == "tel"}
    try:
        contact, edited = await run_in_threadpool(corrected, state, review, {**form, **(fields or {})})
    except CardcapError as error:
        raise HTTPException(422, str(error)) from None
    saved = await run_in_threadpool(save, state, review, contact, edited)
    return Saved(id=saved.id, action=saved.action, url=f"/api/contacts/{saved.id}")  # type: ignore[arg-type]


@router.get("/contacts")
async def contacts(request: Request, search: str = "") -> list[dict[str, Any]]:
    """Every stored contact, or those matching every word of `search`."""
    found = await run_in_threadpool(services.list_contacts, get_state(request), search.strip()[:200])
    return [stored_to_record(s) for s in found]


@router.get("/contacts/{contact_id}")
async def contact(request: Request, contact_id: int) -> dict[str, Any]:
    stored = await stored_or_404(request, contact_id)
    plans = await run_in_threadpool(services.plans_for, get_state(request), stored.id)
    return {**stored_to_record(stored), "plans": [plan_json(p) for p in plans]}


@router.patch("/contacts/{contact_id}")
async def edit_contact(request: Request, contact_id: int, changes: dict[str, str]) -> dict[str, Any]:
    """Set fields by hand ({"title": "CTO", "email": "a@b.example"}); later scans keep them."""
    stored = await stored_or_404(request, contact_id)
    try:
        edited = await run_in_threadpool(services.edit_contact, get_state(request), stored.id, changes)
    except CardcapError as error:
        raise HTTPException(422, str(error)) from None
    return stored_to_record(edited)


@router.get("/contacts/{contact_id}/vcard", response_class=Response,
            responses={200: {"content": {"text/vcard": {}}}})
async def contact_vcard(request: Request, contact_id: int) -> Response:
    stored = await stored_or_404(request, contact_id)
    return Response(services.vcard_for(get_state(request), stored), media_type="text/vcard; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{download_name(stored, ".vcf")}"'})


@router.post("/contacts/{contact_id}/carddav")
async def contact_push(request: Request, contact_id: int) -> dict[str, str]:
    """Put the contact into the CardDAV address book the server was started with."""
    stored = await stored_or_404(request, contact_id)
    try:
        message = await run_in_threadpool(services.push_carddav, get_state(request), stored)
    except CardcapError as error:
        raise HTTPException(502, str(error)) from None
    return {"message": message}


@router.post("/contacts/{contact_id}/followup", status_code=201)
async def start_followup(request: Request, contact_id: int, body: FollowupRequest) -> dict[str, Any]:
    """Start the follow-up plan for an interview with this contact."""
    state = get_state(request)
    stored = await stored_or_404(request, contact_id)
    interview = body.interview
    try:
        if interview.tzinfo is None:
            interview = interview.replace(tzinfo=parse_zone(body.tz, state.now().tzinfo or ZoneInfo("UTC")))
        plan = await run_in_threadpool(services.start_followup, state, stored, interview, body.position.strip()[:200])
    except CardcapError as error:
        raise HTTPException(422, str(error)) from None
    return plan_json(plan)


@router.get("/today")
async def today(request: Request) -> list[dict[str, Any]]:
    """Steps due by the end of today (the server's clock) or overdue, each with its draft's links."""
    state = get_state(request)
    due = await run_in_threadpool(services.due_today, state)
    items = []
    for entry in due:
        item = {"plan": entry.plan.uid, "interviewer": entry.plan.interviewer, **step_json(entry.step)}
        try:
            _, _, draft = await run_in_threadpool(services.draft_for, state, entry.step.id or 0)
            item.update(subject=draft.subject, to=draft.to, text=draft.text, mailto=mailto_link(draft) or None,
                        tel=tel_link(draft.to) if str(entry.step.channel) == "phone" else None)
        except CardcapError as error:
            item["problem"] = str(error)
        items.append(item)
    return items


@router.post("/steps/{step_id}/{action}")
async def step_action(request: Request, step_id: int, action: Literal["done", "skip", "snooze"],
                      body: StepAction | None = None) -> dict[str, Any]:
    body = body or StepAction(note="", hours=24)
    try:
        step = await run_in_threadpool(services.mark, get_state(request), step_id, action, body.note, body.hours)
    except CardcapError as error:
        raise HTTPException(409, str(error)) from None
    return step_json(step)


@router.get("/steps/{step_id}/draft", response_class=Response)
async def step_draft(request: Request, step_id: int) -> Response:
    """The step's draft: an .eml, a letter PDF or a call script."""
    try:
        _, _, draft = await run_in_threadpool(services.draft_for, get_state(request), step_id)
    except CardcapError as error:
        raise HTTPException(404, str(error)) from None
    return Response(draft.content, media_type=draft.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{safe_filename(draft.filename)}"'})


def profile_json(profile: Profile) -> dict[str, Any]:
    return {**profile_to_dict(profile), "missing": list(profile.missing)}


@router.get("/profile")
async def get_profile(request: Request) -> dict[str, Any]:
    """Your details, which sign the follow-up letters and emails."""
    try:
        profile = await run_in_threadpool(services.profile, get_state(request))
    except CardcapError as error:
        raise HTTPException(500, str(error)) from None
    return profile_json(profile)


@router.patch("/profile")
async def edit_profile(request: Request, changes: dict[str, str | list[str]]) -> dict[str, Any]:
    """Change some of your details ({"name": "Ana Lima", "strengths": ["...", "..."]})."""
    try:
        profile = await run_in_threadpool(services.save_profile_changes, get_state(request), changes)
    except CardcapError as error:
        raise HTTPException(422, str(error)) from None
    return profile_json(profile)
