"""A follow-up plan on the phone: everything `cardcap followup` does for one plan, as pages.

The plan page shows the interview, the replies found in the mailbox, every step with its draft and
what is missing, and forms for what happens next: a step done (with what was talked about), a note,
an outcome, a pause ended, a corrected interview, another interviewer, a next round. The contact
pages correct an interviewer's details; no page asks for a terminal.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from capture.contact import Contact
from capture.errors import CardcapError
from capture.web import services
from capture.web.edit import apply_form, contact_fields, warnings_by_group
from capture.web.pages import local_path, posted_to, read_form, render, text_fields
from capture.web.routes.contacts import parse_interview
from capture.web.routes.today import NOTICES, SNOOZE_CHOICES
from capture.web.state import WebState, get_state
from followup import gaps
from followup.language import LANGUAGE_NAMES
from followup.model import Outcome, Plan

router = APIRouter(include_in_schema=False)

PHONE_TYPES = ("work", "mobile", "fax", "other")
MAX_TEXT = 500


def clean(form: dict[str, str], name: str, limit: int = MAX_TEXT) -> str:
    return " ".join(form.get(name, "").split())[:limit]


def lines_of(form: dict[str, str], name: str) -> tuple[str, ...]:
    return tuple(" ".join(line.split())[:MAX_TEXT] for line in form.get(name, "").splitlines() if line.strip())[:10]


def plan_view(state: WebState, plan: Plan, **extra: object) -> dict[str, Any]:
    return {
        "plan": plan,
        "now": state.now(),
        "gaps": {step.key: gaps.for_web(plan, step) for step in plan.steps if step.is_open},
        "replies": [e for e in plan.events if e.kind == "reply"],
        "outcomes": [o.value for o in Outcome],
        "languages": LANGUAGE_NAMES,
        "snooze_choices": SNOOZE_CHOICES,
        "smtp": services.mail(state).smtp is not None,
        "saved_contacts": [s for s in services.list_contacts(state, None)
                           if s.id != plan.contact_id and s.id not in {p.contact_id for p in plan.people}],
        **extra,
    }


async def show_plan(request: Request, uid: str, status: int = 200, **extra: object) -> Response:
    state = get_state(request)
    try:
        plan = await run_in_threadpool(services.plan, state, uid)
    except CardcapError as error:
        return render(request, "error.html", {"status": 404, "heading": "No such plan", "message": str(error)}, 404)
    context = await run_in_threadpool(plan_view, state, plan, **extra)
    context["notice"] = NOTICES.get(request.query_params.get("done", ""))
    return render(request, "plan.html", context, status)


def timing(form: dict[str, str], plan: Plan, state: WebState) -> tuple[datetime, timedelta]:
    """An interview's start (the form's date and time in the plan's zone) and length; ValueError when the
    length is not a number, CardcapError when the date or time is not one."""
    interview = parse_interview({**form, "tz": str(plan.interview.tzinfo)}, state)
    return interview.replace(tzinfo=plan.interview.tzinfo), timedelta(minutes=int(form.get("duration", "60") or 60))


def back_to_plan(uid: str, done: str, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/plans/{uid}?done={done}{anchor}", status_code=303)


@router.get("/plans/{uid}")
async def plan_page(request: Request, uid: str) -> Response:
    return await show_plan(request, uid)


async def act(request: Request, uid: str, done: str, action: Any, *args: Any, **kwargs: Any) -> Response:
    """Run one change of the plan; back to the plan page, or the page again with the sentence why not."""
    try:
        await run_in_threadpool(action, get_state(request), *args, **kwargs)
    except CardcapError as error:
        return await show_plan(request, uid, 409, error=str(error))
    return back_to_plan(uid, done)


@router.post("/plans/{uid}/outcome")
async def outcome(request: Request, uid: str) -> Response:
    _, form, plan = await posted_to(request, services.plan, uid)
    try:
        result = Outcome(form.get("outcome", ""))
        until = None
        if form.get("until", "").strip() and result is Outcome.ON_HOLD:
            day = datetime.fromisoformat(form["until"].strip()).date()
            until = datetime.combine(day, time(9, 0)).replace(tzinfo=plan.interview.tzinfo)
    except ValueError:
        return await show_plan(request, uid, 422, error="Choose an outcome, and for a hold a day like 2027-01-15.")
    return await act(request, uid, "outcome", services.record_outcome, uid, result, clean(form, "note"), until,
                     form.get("correct") == "yes")


@router.post("/plans/{uid}/resume")
async def resume(request: Request, uid: str) -> Response:
    await read_form(request)
    return await act(request, uid, "resume", services.resume, uid)


@router.post("/plans/{uid}/edit")
async def edit(request: Request, uid: str) -> Response:
    state, form, plan = await posted_to(request, services.plan, uid)
    try:
        changes: dict[str, Any] = {
            "position": clean(form, "position", 200), "needs": lines_of(form, "needs"), "topic": clean(form, "topic"),
        }
        if form.get("language", "") in LANGUAGE_NAMES and form["language"] != (plan.language or "en"):
            changes["language_code"] = form["language"]
        interview, duration = timing(form, plan, state)
        if interview != plan.interview or duration != plan.duration:
            changes["interview"], changes["duration"] = interview, duration
    except ValueError:
        return await show_plan(request, uid, 422, error="Give the interview's length in minutes, like 60.")
    except CardcapError as error:
        return await show_plan(request, uid, 422, error=str(error))
    return await act(request, uid, "edit", services.edit_plan, uid, **changes)


@router.post("/plans/{uid}/interviewers")
async def add_interviewer(request: Request, uid: str) -> Response:
    form = text_fields(await read_form(request))
    state = get_state(request)
    saved = form.get("contact_id", "")
    if saved.isdigit():
        try:
            stored = await run_in_threadpool(services.get_contact, state, int(saved))
        except CardcapError as error:
            return await show_plan(request, uid, 404, error=str(error))
        return await act(request, uid, "interviewer", services.add_interviewer, uid, stored.contact, stored.id,
                         stored.uid)
    contact, _ = apply_form(Contact(), form, state.settings.region)
    if contact.is_empty or contact.name is None:
        return await show_plan(request, uid, 422, error="Give the other interviewer's name, or choose a contact.")
    return await act(request, uid, "interviewer", services.add_interviewer, uid, contact)


@router.post("/plans/{uid}/rounds")
async def next_round(request: Request, uid: str) -> Response:
    state, form, plan = await posted_to(request, services.plan, uid)
    try:
        interview, duration = timing(form, plan, state)
    except ValueError:
        return await show_plan(request, uid, 422, error="Give the interview's length in minutes, like 60.")
    except CardcapError as error:
        return await show_plan(request, uid, 422, error=str(error))
    return await act(request, uid, "round", services.next_round, uid, interview, duration)


# -- the plan's own copy of an interviewer (one that is not a saved contact) ------------------------------------


def contact_form_context(plan: Plan, person: int, contact: Contact, **extra: object) -> dict[str, Any]:
    return {
        "plan": plan, "person": person, "contact": contact, "fields": contact_fields(contact),
        "warnings": warnings_by_group(contact), "phone_types": PHONE_TYPES,
        "action": f"/plans/{plan.uid}/contact/{person}", "back": f"/plans/{plan.uid}", **extra,
    }


@router.get("/plans/{uid}/contact/{person}")
async def plan_contact_page(request: Request, uid: str, person: int) -> Response:
    state = get_state(request)
    try:
        plan = await run_in_threadpool(services.plan, state, uid)
        saved_id = plan.contact_id if person == 0 else plan.people[person - 1].contact_id
        contact = plan.person_contact(person)
    except (CardcapError, IndexError):
        return render(request, "error.html", {"status": 404, "heading": "No such interviewer",
                                              "message": "This plan has no such interviewer."}, 404)
    if saved_id is not None:  # a saved contact is corrected in the store; the plan reads it from there
        return RedirectResponse(f"/contacts/{saved_id}/edit?next=/plans/{uid}", status_code=303)
    return render(request, "contact_edit.html", contact_form_context(plan, person, contact))


@router.post("/plans/{uid}/contact/{person}")
async def plan_contact_save(request: Request, uid: str, person: int) -> Response:
    form = text_fields(await read_form(request))
    state = get_state(request)
    try:
        plan = await run_in_threadpool(services.plan, state, uid)
        contact, _ = apply_form(plan.person_contact(person), form, state.settings.region)
        await run_in_threadpool(services.set_plan_contact, state, uid, person, contact)
    except IndexError:
        return render(request, "error.html", {"status": 404, "heading": "No such interviewer",
                                              "message": "This plan has no such interviewer."}, 404)
    except CardcapError as error:
        try:
            plan = await run_in_threadpool(services.plan, state, uid)
        except CardcapError:
            return render(request, "error.html", {"status": 404, "heading": "No such plan", "message": str(error)},
                          404)
        return render(request, "contact_edit.html",
                      contact_form_context(plan, person, plan.person_contact(person), error=str(error)), 422)
    return back_to_plan(uid, "contact")


# -- steps: notes, interrupted sends, sending now ----------------------------------------------------------------


async def step_action(request: Request, step_id: int, done: str, heading: str, call: Any, *args: Any) -> Response:
    """A change to one step from a form: back where the form was (`back`), or a page saying why not."""
    form = text_fields(await read_form(request))
    try:
        await run_in_threadpool(call, get_state(request), step_id, *(arg(form) for arg in args))
    except CardcapError as error:
        return render(request, "error.html", {"status": 409, "heading": heading, "message": str(error)}, 409)
    return RedirectResponse(local_path(form.get("back", ""), "/today") + f"?done={done}", status_code=303)


@router.post("/steps/{step_id}/note")
async def note(request: Request, step_id: int) -> Response:
    return await step_action(request, step_id, "note", "Not noted", services.note_step,
                             lambda form: clean(form, "topic"), lambda form: clean(form, "note"))


@router.post("/steps/{step_id}/sent")
async def settle(request: Request, step_id: int) -> Response:
    """The person's answer for an interrupted send: it went out (done), or it did not (open again)."""
    return await step_action(request, step_id, "settled", "Not changed", services.settle,
                             lambda form: form.get("went_out") == "yes")


@router.post("/steps/{step_id}/send")
async def send(request: Request, step_id: int) -> Response:
    return await step_action(request, step_id, "sent", "Not sent", services.send_step)


@router.post("/mail/check")
async def check_mail(request: Request) -> Response:
    form = text_fields(await read_form(request))
    try:
        report = await run_in_threadpool(services.check_mail, get_state(request))
    except CardcapError as error:
        return render(request, "error.html", {"status": 502, "heading": "Mailbox not read", "message": str(error)},
                      502)
    if report.problems:
        return render(request, "error.html", {"status": 502, "heading": "Mailbox not read",
                                              "message": " ".join(report.problems)}, 502)
    return RedirectResponse(local_path(form.get("back", ""), "/today") + "?done=checked", status_code=303)
