"""Ready-to-use drafts for each step, from Jinja2 templates a user can override.

Emails become `.eml` files any mail client opens (To: the card's email), letters a printable PDF
with an envelope page (`followup.letters`), calls a text file with the number to dial, the call
script and the voicemail script. Templates ship in `followup/templates/`; a file of the same name
in the user's templates folder (`CARDCAP_TEMPLATES`, else `<config dir>/cardcap/templates`) wins.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from email.headerregistry import Address as MailAddress
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

import jinja2
import platformdirs

from capture.errors import SettingsError
from followup.letters import Letter, address_lines, page_size_for, render_letter_pdf
from followup.model import Channel, Plan, Profile, Step, StepKind
from followup.rules import best_address, best_email, best_phone, contact_country, resolve_country

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE_NAMES = {
    StepKind.THANK_YOU: "thank-you.eml.j2",
    StepKind.WEEKLY_EMAIL: "weekly-email.eml.j2",
    StepKind.COVER_LETTER: "cover-letter.txt.j2",
    StepKind.WEEKLY_LETTER: "weekly-letter.txt.j2",
    StepKind.FIRST_CALL: "call.txt.j2",
    StepKind.WEEKLY_CALL: "call.txt.j2",
}


@dataclass(frozen=True)
class Draft:
    step_key: str
    kind: str  # eml | pdf | txt
    filename: str  # suggested file name, e.g. "thank-you.eml"
    media_type: str
    content: bytes
    text: str  # what a person reads: the email body, the letter text, the call script
    subject: str = ""
    to: str = ""  # the email address, the number to dial, or the address's first line
    missing: tuple[str, ...] = ()


def default_template_dir() -> Path:
    configured = os.environ.get("CARDCAP_TEMPLATES", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_config_dir("cardcap")) / "templates"


def template_environment(template_dir: Path | None = None) -> jinja2.Environment:
    user_dir = template_dir or default_template_dir()
    loaders: list[jinja2.BaseLoader] = []
    if user_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(user_dir)))
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES)))
    # Plain text out (emails, letters drawn as text, scripts): nothing to HTML-escape.
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sentence"] = end_sentence
    return env


def end_sentence(text: str) -> str:
    """`text` closed by one full stop, so that a company called "Acme, Inc." gets no second one."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?")) else text + "."


def long_date(day: date) -> str:
    return f"{day:%A}, {day.day} {day:%B} {day.year}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%B} {day.year}"


def salutation(plan: Plan) -> str:
    name = plan.contact.name
    if name and name.prefix and name.family:
        return f"Dear {name.prefix} {name.family},"
    if name and name.full:
        return f"Dear {name.full},"
    return "Dear Hiring Manager,"


def template_context(plan: Plan, step: Step, profile: Profile) -> dict[str, Any]:
    contact = plan.contact
    phone = best_phone(contact)
    number = (phone.e164 if phone.valid else phone.raw) if phone else ""
    name = contact.name
    return {
        "step": step,
        "plan": plan,
        "candidate": profile,
        "interviewer": plan.interviewer,
        "short_name": (
            f"{name.prefix} {name.family}"
            if name and name.prefix and name.family
            else (name.given or name.full)
            if name
            else "there"
        ),
        "salutation": salutation(plan),
        "title": contact.title.value if contact.title else "",
        "company": contact.organization.value if contact.organization else "",
        "position": plan.position or profile.position,
        "interview_date": long_date(plan.interview.date()),
        "strengths": list(profile.strengths),
        "first_call": step.kind is StepKind.FIRST_CALL,
        "number": number,
        "extension": phone.extension if phone else "",
        "tel_uri": f"tel:{number}" if phone and phone.valid else "",
    }


def render_text(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateError as error:
        raise SettingsError(f"The follow-up template {name} cannot be rendered: {error}") from error


def _split_subject(text: str) -> tuple[str, str]:
    """An email template starts with 'Subject: ...' and a blank line, then the body."""
    head, _, body = text.lstrip().partition("\n\n")
    if head.lower().startswith("subject:"):
        # A header is one line: a template (or card text) with line breaks must not forge headers.
        return " ".join(head.split(":", 1)[1].split()), body.lstrip("\n")
    return "", text


def _email_draft(plan: Plan, step: Step, profile: Profile, text: str) -> Draft:
    subject, body = _split_subject(text)
    message = EmailMessage()
    email = best_email(plan.contact)
    if profile.email:
        message["From"] = MailAddress(display_name=profile.name, addr_spec=profile.email)
    if email:
        message["To"] = MailAddress(
            display_name=plan.contact.name.full if plan.contact.name else "", addr_spec=email.address
        )
    message["Subject"] = subject
    message["X-Unsent"] = "1"  # mail clients open the file as a draft ready to send
    message.set_content(body)
    return Draft(
        step.key,
        "eml",
        f"{step.key}.eml",
        "message/rfc822",
        message.as_bytes(policy=SMTP),
        body,
        subject=subject,
        to=email.address if email else "",
        missing=step.missing,
    )


def build_letter(plan: Plan, step: Step, profile: Profile, body: str, today: date) -> Letter:
    contact = plan.contact
    address = best_address(contact)
    recipient_country = contact_country(contact)
    sender_country = resolve_country(profile.country)
    crosses_border = bool(address and address.country and recipient_country != sender_country)
    recipient = [
        contact.name.full if contact.name else "",
        contact.title.value if contact.title else "",
        contact.department.value if contact.department else "",
        contact.organization.value if contact.organization else "",
    ]
    if address:
        recipient += address_lines(address, recipient_country, include_country=crosses_border)
    sender = [
        profile.name,
        *address_lines(profile.address, sender_country, include_country=crosses_border),
        profile.phone,
        profile.email,
    ]
    place = profile.city.strip()
    return Letter(
        sender=tuple(line for line in sender if line),
        recipient=tuple(line for line in recipient if line),
        date_line=f"{place}, {short_date(today)}" if place else short_date(today),
        body=body.rstrip("\n"),
        closing="Yours sincerely,",
        signature=profile.name or "[your name]",
        page_size=page_size_for(sender_country or recipient_country),
    )


def _letter_draft(plan: Plan, step: Step, profile: Profile, text: str, today: date) -> Draft:
    letter = build_letter(plan, step, profile, text, today)
    plain = (
        "\n".join(
            [
                *letter.sender,
                "",
                *letter.recipient,
                "",
                letter.date_line,
                "",
                letter.body,
                "",
                letter.closing,
                letter.signature,
            ]
        )
        + "\n"
    )
    address = best_address(plan.contact)
    return Draft(
        step.key,
        "pdf",
        f"{step.key}.pdf",
        "application/pdf",
        render_letter_pdf(letter),
        plain,
        subject=text.splitlines()[0] if text else "",
        to=address.street if address else "",
        missing=step.missing,
    )


def render_draft(
    plan: Plan, step: Step, profile: Profile, *, today: date | None = None, template_dir: Path | None = None
) -> Draft:
    """The draft for one step. `today` dates letters (default: the step's due date)."""
    env = template_environment(template_dir)
    text = render_text(env, TEMPLATE_NAMES[step.kind], template_context(plan, step, profile))
    if step.channel is Channel.EMAIL:
        return _email_draft(plan, step, profile, text)
    if step.channel is Channel.LETTER:
        return _letter_draft(plan, step, profile, text, today or step.due.date())
    number = template_context(plan, step, profile)["number"]
    return Draft(
        step.key,
        "txt",
        f"{step.key}.txt",
        "text/plain; charset=utf-8",
        text.encode("utf-8"),
        text,
        subject=step.summary,
        to=number,
        missing=step.missing,
    )


def write_draft(draft: Draft, directory: Path) -> Path:
    """Write the draft into `directory` (created if needed); returns the file's path."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / draft.filename
    path.write_bytes(draft.content)
    return path
