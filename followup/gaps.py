"""What a step lacks, said for the face that shows it: a command for the terminal, a link for the web.

A phone has no terminal, so the web never tells anyone to run a command: it links to the page
where the missing detail is filled in (the contact's edit form, the "You" page).
"""

from __future__ import annotations

from dataclasses import dataclass

from followup.model import Gap, Plan, Step
from followup.rules import best_phone

WHAT = {
    Gap.EMAIL: "The card has no email address",
    Gap.PHONE: "The card has no phone number",
    Gap.STREET: "The card has no street address",
    Gap.SENDER: "Your details have no name or street address for the letter's sender block",
}
FIELD = {Gap.EMAIL: "email", Gap.PHONE: "phone", Gap.STREET: "street"}


@dataclass(frozen=True)
class GapNote:
    text: str  # one sentence
    link: str = ""  # web only: where to fix it
    link_text: str = ""


def _unchecked(plan: Plan, step: Step) -> str:
    phone = best_phone(plan.person_contact(step.person))
    raw = phone.raw if phone else ""
    return f"The number {raw!r} could not be validated; check it before dialling."


def for_terminal(plan: Plan, step: Step) -> tuple[str, ...]:
    """Each gap as a sentence with the command that fills it."""
    notes = []
    for gap in step.missing:
        if gap is Gap.PHONE_UNCHECKED:
            notes.append(_unchecked(plan, step))
        elif gap is Gap.SENDER:
            notes.append(WHAT[gap] + "; set them with `cardcap followup profile set --name ... --street ...`.")
        else:
            contact_id = plan.contact_id if step.person == 0 else plan.people[step.person - 1].contact_id
            how = (
                f"add it with `cardcap contacts edit {contact_id} --set {FIELD[gap]}=...` (the plan follows the edit)"
                if contact_id is not None
                else f"add it with `cardcap followup edit {plan.uid[:8]} --set {FIELD[gap]}=...`"
            )
            notes.append(f"{WHAT[gap]}; {how}.")
    return tuple(notes)


def for_calendar(plan: Plan, step: Step) -> tuple[str, ...]:
    """Each gap as a plain sentence (a calendar entry has room for no command and no link)."""
    return tuple(_unchecked(plan, step) if gap is Gap.PHONE_UNCHECKED else WHAT[gap] + "." for gap in step.missing)


def for_web(plan: Plan, step: Step) -> tuple[GapNote, ...]:
    """Each gap as a sentence and a link to the page that fills it."""
    notes = []
    for gap in step.missing:
        if gap is Gap.PHONE_UNCHECKED:
            notes.append(GapNote(_unchecked(plan, step), *_contact_link(plan, step, "Correct the number")))
        elif gap is Gap.SENDER:
            notes.append(GapNote(WHAT[gap] + ".", "/profile", "Fill in your details"))
        else:
            notes.append(GapNote(WHAT[gap] + ".", *_contact_link(plan, step, f"Add the {FIELD[gap]}")))
    return tuple(notes)


def _contact_link(plan: Plan, step: Step, text: str) -> tuple[str, str]:
    contact_id = plan.contact_id if step.person == 0 else plan.people[step.person - 1].contact_id
    if contact_id is not None:  # a saved contact: corrected in the store, then back to the plan
        return f"/contacts/{contact_id}/edit?next=/plans/{plan.uid}", text
    return f"/plans/{plan.uid}/contact/{step.person}", text
