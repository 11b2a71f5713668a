"""The review page: the straightened card, docked above the form, with its text boxes, the
doubtful words and the box of each field; the fields in a form; Accept, and on to the next card."""

from __future__ import annotations

from dataclasses import dataclass, replace

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from capture.contact import CardResult
from capture.normalize import LOW_CONFIDENCE
from capture.ocr.result import Box
from capture.web.edit import FormError, FormField, contact_fields, typed_fields
from capture.web.pages import read_form, render, text_fields
from capture.web.queueview import queue_view
from capture.web.reviewing import Review, corrected, load_review, save
from capture.web.state import get_state
from capture.web.workspace import CardKey, Workspace

router = APIRouter(include_in_schema=False)
GROUP_LABELS = {"name": "Name", "title": "Title", "organization": "Company", "department": "Department",
                "emails": "Email", "phones": "Phone", "websites": "Website", "addresses": "Address",
                "note": "Note", "card": "Card"}
PHONE_TYPES = ("work", "mobile", "fax", "other")


def card_key(text: str) -> CardKey:
    key = CardKey.parse(text)
    if key is None:
        raise HTTPException(404, "No such card.")
    return key


def pending_review(request: Request, key: CardKey) -> Review:
    review = load_review(get_state(request).workspace, key)
    if review is None:
        raise HTTPException(404, "This card is no longer waiting for review; upload it again.")
    return review


def rect(box: Box) -> dict[str, int]:
    return {"x": box[0], "y": box[1], "w": max(box[2] - box[0], 1), "h": max(box[3] - box[1], 1)}


@dataclass(frozen=True)
class Side:
    """One face of the card on the review page, with what is drawn over it."""

    name: str  # front | back
    key: CardKey
    width: int
    height: int
    image: bool
    lines: list[dict[str, object]]  # every line read, faintly
    words: list[dict[str, object]]  # the words read with little confidence, outlined
    entries: list[dict[str, object]]  # each field's box: tap it to edit the field


def side_of(workspace: Workspace, name: str, key: CardKey, result: CardResult, fields: list[FormField]) -> Side:
    page = result.page
    lines = [{**rect(line.box), "text": line.text, "confidence": round(line.confidence * 100)}
             for line in page.lines if line.text.strip()]
    words = [{**rect(word.box), "text": word.text, "confidence": round(word.confidence * 100)}
             for word in page.words if word.text.strip() and word.confidence < LOW_CONFIDENCE]
    entries = [{**rect(field.box), "field": field.name, "label": field.label, "value": field.value,
                "doubtful": field.doubtful}
               for field in fields if field.box and field.value and field.side == name]
    # the parts of an address share one box: drawn once, for its first part
    entries = list({(e["x"], e["y"], str(e["field"]).split("_")[0]): e for e in entries}.values())
    return Side(name, key, page.width or 1, page.height or 1, workspace.image_path(key) is not None, lines, words,
                entries)


def placed_fields(review: Review, fields: list[FormField]) -> list[FormField]:
    """The form's fields, each knowing which face of the card its box is on."""
    if review.back is None:
        return fields
    on_front = {(f.group, f.value) for f in contact_fields(review.result.contact) if f.value}
    return [replace(f, side="front" if (f.group, f.value) in on_front else "back") for f in fields]


def remaining_after(request: Request, key: CardKey) -> int:
    """Cards still to review after this one, the photos still being read included."""
    view = queue_view(get_state(request).queue)
    cards = sum(1 for card in view.cards if card.reviewable and card.key != key)
    reading = sum(1 for entry in view.entries if not entry.cards and entry.job.state != "failed")
    return cards + reading


def review_context(request: Request, review: Review, fields: list[FormField] | None = None) -> dict[str, object]:
    workspace = get_state(request).workspace
    contact = review.contact
    fields = placed_fields(review, fields or contact_fields(contact))
    sides = [side_of(workspace, "front", review.key, review.result, fields)]
    if review.back is not None and review.back_key is not None:
        sides.append(side_of(workspace, "back", review.back_key, review.back, fields))
    return {
        "key": review.key,
        "result": review.result,
        "contact": contact,
        "stage": str(review.stage),
        "fields": fields,
        "sides": sides,
        "warning_list": [(w.field or "card", w.message) for w in contact.warnings],
        "remaining": remaining_after(request, review.key),
        "phone_types": PHONE_TYPES,
        "group_labels": GROUP_LABELS,
    }


@router.get("/cards/{key}.jpg")
def card_image(request: Request, key: str) -> Response:
    path = get_state(request).workspace.image_path(card_key(key))
    if path is None:
        raise HTTPException(404, "No image for this card.")
    return FileResponse(path, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/review/{key}")
def review_page(request: Request, key: str) -> Response:
    review = pending_review(request, card_key(key))
    return render(request, "review.html", review_context(request, review))


@router.post("/review/{key}")
async def save_review(request: Request, key: str) -> Response:
    state = get_state(request)
    parsed = card_key(key)
    form = text_fields(await read_form(request))
    review = pending_review(request, parsed)
    try:
        contact, edited = await run_in_threadpool(corrected, state, review, form)
    except FormError as error:
        context = review_context(request, review, typed_fields(review.contact, form))
        context.update(error=str(error))
        return render(request, "review.html", context, 422)
    saved = await run_in_threadpool(save, state, review, contact, edited)
    view = queue_view(state.queue)
    following = view.after(parsed)
    if following is not None:
        return RedirectResponse(f"/review/{following.text}", status_code=303)
    if view.pending:
        return RedirectResponse("/?next=wait", status_code=303)  # the Scan page opens the next card once read
    return RedirectResponse(f"/contacts/{saved.id}?done={saved.action}", status_code=303)
