"""Today: replies waiting for you, emails whose sending was interrupted, and the follow-up steps due or
overdue, each with its ready draft, what it lacks (with a link to fill it in) and done / skip / snooze."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from capture.errors import CardcapError
from capture.web import services
from capture.web.pages import local_path, read_form, render, text_fields
from capture.web.state import WebState, get_state
from followup import gaps
from followup.drafts import Draft
from followup.gaps import GapNote
from followup.model import Channel, Plan, Step

router = APIRouter(include_in_schema=False)

ACTIONS = ("done", "skip", "snooze")
SNOOZE_CHOICES = ((3, "3 hours"), (24, "a day"), (72, "3 days"), (168, "a week"))
NOTICES = {
    "done": "Marked done.", "skip": "Skipped.", "snooze": "Snoozed.", "note": "Noted; the next drafts refer to it.",
    "outcome": "Outcome recorded.", "resume": "The plan goes on.", "edit": "Plan changed.",
    "interviewer": "Interviewer added: they get their own thank-you.", "round": "Next round planned.",
    "contact": "Contact corrected; the plan uses it from now on.", "sent": "Sent, with a copy to you.",
    "settled": "Noted.", "checked": "Mailbox checked.", "started": "Follow-up plan started.",
}


@dataclass(frozen=True)
class DueItem:
    plan: Plan
    step: Step
    draft: Draft | None
    overdue: bool
    mailto: str = ""
    tel: str = ""
    problem: str = ""
    gaps: tuple[GapNote, ...] = ()


def mailto_link(draft: Draft) -> str:
    if not draft.to or "@" not in draft.to:
        return ""
    body = draft.text if len(draft.text) < 1800 else draft.text[:1800] + "\n…"
    return f"mailto:{quote(draft.to, safe='@')}?subject={quote(draft.subject)}&body={quote(body)}"


def tel_link(number: str) -> str:
    digits = re.sub(r"[^0-9+]", "", number or "")
    return f"tel:{digits}" if len(digits.lstrip("+")) >= 5 else ""


def safe_filename(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip(".-") or "draft"


def due_items(state: WebState) -> list[DueItem]:
    now = state.now()
    items = []
    for due in services.due_today(state):
        overdue = due.step.effective_due < now
        try:
            plan, step, draft = services.draft_for(state, due.step.id or 0)
        except CardcapError as error:
            items.append(DueItem(due.plan, due.step, None, overdue, problem=str(error)))
            continue
        items.append(DueItem(
            plan, step, draft, overdue,
            mailto=mailto_link(draft) if step.channel is Channel.EMAIL else "",
            tel=tel_link(draft.to) if step.channel is Channel.PHONE else "",
            gaps=gaps.for_web(plan, step),
        ))
    return items


def today_view(state: WebState) -> dict[str, object]:
    settings = services.mail(state)
    mailbox_problem = services.check_mail_if_due(state)  # replies first: a reply pauses its plan's steps
    return {
        "mailbox_problem": mailbox_problem,
        "items": due_items(state), "now": state.now(), "snooze_choices": SNOOZE_CHOICES,
        "replies": services.waiting_replies(state), "interrupted": services.interrupted_sends(state),
        "imap": settings.imap is not None, "smtp": settings.smtp is not None,
    }


@router.get("/today")
async def today_page(request: Request) -> Response:
    state = get_state(request)
    try:
        context = await run_in_threadpool(today_view, state)
    except CardcapError as error:
        return render(request, "error.html", {"status": 500, "heading": "Today cannot be shown",
                                              "message": str(error)}, 500)
    return render(request, "today.html", {**context, "notice": NOTICES.get(request.query_params.get("done", ""))})


@router.get("/steps/{step_id}/draft")
async def step_draft(request: Request, step_id: int) -> Response:
    state = get_state(request)
    try:
        _, _, draft = await run_in_threadpool(services.draft_for, state, step_id)
    except CardcapError as error:
        return render(request, "error.html", {"status": 404, "heading": "No such step", "message": str(error)}, 404)
    return Response(draft.content, media_type=draft.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{safe_filename(draft.filename)}"'})


@router.post("/steps/{step_id}/{action}")
async def step_action(request: Request, step_id: int, action: str) -> Response:
    state = get_state(request)
    form = text_fields(await read_form(request))
    if action not in ACTIONS:
        return render(request, "error.html", {"status": 404, "heading": "Unknown action",
                                              "message": "Steps can be marked done, skipped or snoozed."}, 404)
    hours = int(form["hours"]) if form.get("hours", "").isdigit() else 24
    note = " ".join(form.get("note", "").split())[:500]
    topic = " ".join(form.get("topic", "").split())[:500]
    try:
        await run_in_threadpool(services.mark, state, step_id, action, note, max(1, min(hours, 24 * 60)), topic)
    except CardcapError as error:
        return render(request, "error.html", {"status": 409, "heading": "Not changed", "message": str(error)}, 409)
    return RedirectResponse(f"{local_path(form.get('back', ''), '/today')}?done={action}", status_code=303)
