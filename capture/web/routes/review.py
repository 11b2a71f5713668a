"""The review page: the straightened card with its text boxes, the fields in a form, Save."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from capture.contact import CardResult
from capture.normalize import LOW_CONFIDENCE
from capture.web import services
from capture.web.edit import FormError, apply_form, contact_fields, typed_fields, warnings_by_group
from capture.web.pages import read_form, render, text_fields
from capture.web.state import get_state
from capture.web.workspace import CardKey

router = APIRouter(include_in_schema=False)
GROUP_LABELS = {"name": "Name", "title": "Title", "organization": "Company", "department": "Department",
                "emails": "Email", "phones": "Phone", "websites": "Website", "addresses": "Address",
                "note": "Note", "card": "Card"}


def card_key(text: str) -> CardKey:
    key = CardKey.parse(text)
    if key is None:
        raise HTTPException(404, "No such card.")
    return key


def next_keys(text: str | None) -> list[CardKey]:
    """The cards still to review after this one (from a multi-file upload), validated one by one."""
    keys = [CardKey.parse(part) for part in (text or "").split(",")[:50]]
    return [key for key in keys if key is not None]


def pending_card(request: Request, key: CardKey) -> CardResult:
    result = get_state(request).workspace.get(key)
    if result is None:
        raise HTTPException(404, "This card is no longer waiting for review; upload it again.")
    return result


def overlay_lines(result: CardResult) -> list[dict[str, object]]:
    return [
        {"text": line.text, "x": line.box[0], "y": line.box[1], "w": max(line.box[2] - line.box[0], 1),
         "h": max(line.box[3] - line.box[1], 1), "low": line.confidence < LOW_CONFIDENCE,
         "confidence": round(line.confidence * 100)}
        for line in result.page.lines
        if line.text.strip()
    ]


@router.get("/cards/{key}.jpg")
def card_image(request: Request, key: str) -> Response:
    path = get_state(request).workspace.image_path(card_key(key))
    if path is None:
        raise HTTPException(404, "No image for this card.")
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/review/{key}")
def review_page(request: Request, key: str, next: str | None = None) -> Response:
    parsed = card_key(key)
    result = pending_card(request, parsed)
    return render(request, "review.html", review_context(request, parsed, result, next_keys(next)))


def review_context(request: Request, key: CardKey, result: CardResult, rest: list[CardKey]) -> dict[str, object]:
    state = get_state(request)
    return {
        "key": key,
        "result": result,
        "contact": result.contact,
        "fields": contact_fields(result.contact),
        "warnings": warnings_by_group(result.contact),
        "lines": overlay_lines(result),
        "has_image": state.workspace.image_path(key) is not None,
        "next": ",".join(k.text for k in rest),
        "remaining": len(rest),
        "phone_types": ("work", "mobile", "fax", "other"),
        "group_labels": GROUP_LABELS,
    }


@router.post("/review/{key}")
async def save_review(request: Request, key: str) -> Response:
    state = get_state(request)
    parsed = card_key(key)
    form = text_fields(await read_form(request))
    result = pending_card(request, parsed)
    try:
        contact, edited = apply_form(result.contact, form, state.settings.region)
        if contact.is_empty:
            raise FormError("Nothing to save: every field is empty.")
    except FormError as error:
        context = review_context(request, parsed, result, next_keys(form.get("next")))
        context.update(error=str(error), fields=typed_fields(result.contact, form))
        return render(request, "review.html", context, 422)
    image = state.workspace.image_path(parsed)
    saved = await run_in_threadpool(services.save_reviewed, state, result, contact, edited, image)
    rest = next_keys(form.get("next"))
    if rest:
        tail = f"?next={','.join(k.text for k in rest[1:])}" if rest[1:] else ""
        return RedirectResponse(f"/review/{rest[0].text}{tail}", status_code=303)
    return RedirectResponse(f"/contacts/{saved.id}?done={saved.action}", status_code=303)
