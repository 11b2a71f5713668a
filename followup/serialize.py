"""Plans, steps and drafts as plain JSON-ready data (the CLI's --json, the web app's API)."""

from __future__ import annotations

from typing import Any

from capture.export.record import contact_to_record
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
        "missing": list(step.missing),
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
        "steps": [step_to_dict(step) for step in plan.steps],
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
        "missing": list(draft.missing),
    }
