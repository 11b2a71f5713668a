"""Plans, steps and drafts as plain JSON-ready data (the CLI's --json, the web app's API)."""

from __future__ import annotations

from typing import Any

from capture.export.record import contact_to_record
from followup import gaps
from followup.drafts import Draft
from followup.model import Plan, Step


def step_to_dict(step: Step, plan: Plan | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": step.id,
        "key": step.key,
        "kind": str(step.kind),
        "channel": str(step.channel),
        "due": step.due.isoformat(),
        "effective_due": step.effective_due.isoformat(),
        "summary": step.summary,
        "state": str(step.state),
        "note": step.note,
        "snoozed_until": step.snoozed_until.isoformat() if step.snoozed_until else None,
        "missing": list(gaps.for_terminal(plan, step)) if plan is not None else [str(g) for g in step.missing],
        "gaps": [str(g) for g in step.missing],
        "topic": step.topic,
        "person": step.person,
        "round": step.round,
    }
    if plan is not None:
        data["plan"] = plan.uid
        data["interviewer"] = plan.interviewer
    return data


def plan_to_dict(plan: Plan, *, with_contact: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": plan.id,
        "uid": plan.uid,
        "interviewer": plan.interviewer,
        "organization": plan.contact.organization.value if plan.contact.organization else "",
        "interview": plan.interview.isoformat(),
        "timezone": str(plan.interview.tzinfo),
        "duration_minutes": int(plan.duration.total_seconds() // 60),
        "position": plan.position,
        "holiday_country": plan.holiday_country,
        "outcome": str(plan.outcome) if plan.outcome else None,
        "outcome_at": plan.outcome_at.isoformat() if plan.outcome_at else None,
        "contact_id": plan.contact_id,
        "contact_uid": plan.contact_uid,
        "holiday_region": plan.holiday_region,
        "language": plan.language,
        "needs": list(plan.needs),
        "topic": plan.topic,
        "outcome_note": plan.outcome_note,
        "paused_until": plan.pause_end.isoformat() if plan.pause_end else None,
        "paused": plan.paused_until is not None,
        "pause_reason": plan.pause_reason,
        "people": [p.name for p in plan.people],
        "rounds": [{"number": r.number, "interview": r.interview.isoformat()} for r in plan.all_rounds],
        "replies": [dict(e.detail) | {"message_id": e.value, "handled": e.handled} for e in plan.events
                    if e.kind == "reply"],
        "events": [{"kind": e.kind, "at": e.at.isoformat(), "value": e.value, "note": e.note} for e in plan.events],
        "steps": [step_to_dict(step, plan) for step in plan.steps],
    }
    if with_contact:
        data["contact"] = contact_to_record(plan.contact)
    return data


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    return {
        "step": draft.step_key,
        "kind": draft.kind,
        "filename": draft.filename,
        "media_type": draft.media_type,
        "subject": draft.subject,
        "to": draft.to,
        "text": draft.text,
        "missing": [str(g) for g in draft.missing],
    }
