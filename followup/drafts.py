"""Ready-to-use drafts for each step, from Jinja2 templates a user can override.

Emails become `.eml` files any mail client opens (To: the card's email), letters a printable PDF
with an envelope page (`followup.letters`), calls a text file with the number to dial, the call
script and the voicemail script. Templates ship in `followup/templates/`; a file of the same name
in the user's templates folder (`CARDCAP_TEMPLATES`, else `<config dir>/cardcap/templates`) wins.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime
from email.errors import HeaderDefect
from email.headerregistry import Address as MailAddress
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

import jinja2
import platformdirs

from capture.contact import Address, Contact
from capture.errors import SettingsError
from followup import language as lang
from followup import postal
from followup.letters import Letter, paper_for, render_letter_pdf
from followup.model import Channel, Gap, Plan, Profile, Step, StepKind, StepState
from followup.postal import address_lines
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
    missing: tuple[Gap, ...] = ()


def default_template_dir() -> Path:
    configured = os.environ.get("CARDCAP_TEMPLATES", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_config_dir("cardcap")) / "templates"


def template_environment(template_dir: Path | None = None, language: str = "en") -> jinja2.Environment:
    """Templates for `language`: the user's `<dir>/<language>/` (for English also `<dir>/`), then the package's."""
    user_dir = template_dir or default_template_dir()
    folders = [user_dir / language, *([user_dir] if language == "en" else []), PACKAGE_TEMPLATES / language]
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(str(f)) for f in folders if f.is_dir()]
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
    env.filters["lower_first"] = lower_first
    return env


def end_sentence(text: str) -> str:
    """`text` closed by one full stop, so that a company called "Acme, Inc." gets no second one."""
    text = str(text).rstrip()
    return text if text.endswith((".", "!", "?", "。")) else text + "."


def lower_first(text: str) -> str:
    """A strength written as a sentence ("Led a team of five.") continuing another ("…: led a team of five")."""
    text = str(text).strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def topic_of(text: str) -> str:
    """What was talked about, without a lead-in the user may have typed ("we discussed the data platform")."""
    cleaned = " ".join(text.split()).rstrip(".")
    lowered = cleaned.lower()
    for lead in ("we discussed ", "we talked about ", "discussed ", "talked about ", "about "):
        if lowered.startswith(lead):
            return cleaned[len(lead):]
    return cleaned


def _words(text: str) -> set[str]:
    """What two phrases can share: word stems (6 letters) in spaced scripts, character pairs in Japanese
    and Chinese, which put no spaces between words."""
    found = {w.strip(".,;:()").lower()[:6] for w in text.split() if len(w.strip(".,;:()")) > 2 and not _cjk(w)}
    for run in re.findall(r"[\u3040-\u30ff\u3400-\u9fff]+", text):
        found |= {run[i:i + 2] for i in range(len(run) - 1)}
    return found


def _cjk(text: str) -> bool:
    return bool(re.search(r"[\u3040-\u30ff\u3400-\u9fff]", text))


def tied_strengths(needs: tuple[str, ...], strengths: tuple[str, ...]) -> list[tuple[str, str]]:
    """Each need of the job with the candidate's strength that shares the most words with it.

    (need, strength) pairs in the order of the needs; strengths that no need matched follow with
    an empty need, so nothing the candidate wrote is lost."""
    left = list(strengths)
    pairs: list[tuple[str, str]] = []
    for need in needs:
        scored = sorted(left, key=lambda s: -len(_words(s) & _words(need)))
        if scored and _words(scored[0]) & _words(need):
            pairs.append((need, scored[0]))
            left.remove(scored[0])
        else:
            pairs.append((need, ""))
    pairs += [("", s) for s in left]
    return pairs


def previous_contact(plan: Plan, step: Step) -> Step | None:
    """The last step with the main interviewer done before this one: what the draft follows up."""
    done = [s for s in plan.steps if s.state is StepState.DONE and s.due < step.due and s.person == 0]
    return max(done, key=lambda s: s.done_at or s.due) if done else None


DAY_WORDS = {
    "en": {"today": "today", "afternoon": "this afternoon", "yesterday": "yesterday", "on": "on {date}"},
    "de": {"today": "heute", "afternoon": "heute", "yesterday": "gestern", "on": "am {date}"},
    "fr": {"today": "aujourd'hui", "afternoon": "cet après-midi", "yesterday": "hier", "on": "le {date}"},
    "es": {"today": "hoy", "afternoon": "esta tarde", "yesterday": "ayer", "on": "el {date}"},
    "pt": {"today": "hoje", "afternoon": "hoje à tarde", "yesterday": "ontem", "on": "no dia {day}"},
    "ja": {"today": "本日", "afternoon": "本日", "yesterday": "昨日", "on": "{day}"},
}
# After a noun: "mon appel d'hier", "mi llamada del lunes", "a minha ligação do dia 7 de dezembro".
DAY_WORDS_AFTER_NOUN = {
    "fr": {"today": "d'aujourd'hui", "afternoon": "de cet après-midi", "yesterday": "d'hier", "on": "du {date}"},
    "es": {"today": "de hoy", "afternoon": "de esta tarde", "yesterday": "de ayer", "on": "del {date}"},
    "pt": {"today": "de hoje", "afternoon": "de hoje à tarde", "yesterday": "de ontem", "on": "do dia {day}"},
}


def when_words(moment: datetime, now: datetime | None, language: str, country: str, *,
               after_noun: bool = False) -> str:
    """"today", "this afternoon", "yesterday", else "on Friday, 4 December 2026", in the draft's language."""
    words = (DAY_WORDS_AFTER_NOUN.get(language) if after_noun else None) or DAY_WORDS.get(language, DAY_WORDS["en"])
    if now is not None:
        here = now.astimezone(moment.tzinfo)
        if here.date() == moment.date():
            return words["afternoon"] if moment.hour >= 12 else words["today"]
        if (here.date() - moment.date()).days == 1:
            return words["yesterday"]
    return words["on"].format(date=lang.full_date(moment.date(), language, country),
                              day=lang.long_date(moment.date(), language, country))


def template_context(plan: Plan, step: Step, profile: Profile, now: datetime | None = None) -> dict[str, Any]:
    contact = plan.person_contact(step.person)
    language = plan.language or "en"
    country = contact_country(contact) or plan.holiday_country
    phone = best_phone(contact)
    number = (phone.e164 if phone.valid else phone.raw) if phone else ""
    name = contact.name
    this_round = next((r for r in plan.all_rounds if r.number == step.round), plan.latest)
    previous = previous_contact(plan, step)
    weekly_index = int(step.key.rsplit("week-", 1)[1]) if "week-" in step.key else 0
    company = contact.organization.value if contact.organization else ""
    return {
        "step": step,
        "plan": plan,
        "candidate": profile,
        "language": language,
        "interviewer": contact.formatted_name or "the interviewer",
        "family_name": lang.family_name(contact),
        "short_name": (
            f"{name.prefix} {name.family}"
            if name and name.prefix and name.family
            else (name.given or name.full)
            if name
            else "there"
        ),
        "salutation": lang.salutation(contact, language, country),
        "letter_salutation": lang.salutation(contact, language, country, letter=True),
        "closing": lang.closing(language, country, letter=False),
        "title": contact.title.value if contact.title else "",
        "company": company,
        "company_acc": lang.german_company(company, "accusative") if language == "de" else company,  # über die X GmbH
        "company_dat": lang.german_company(company, "dative") if language == "de" else company,  # bei der X GmbH
        "position": plan.position or profile.position,
        "interview_date": lang.full_date(this_round.interview.date(), language, country),
        "interview_day": lang.long_date(this_round.interview.date(), language, country),
        "interview_when": when_words(this_round.interview, now, language, country),
        "round": step.round,
        "season": lang.season((now or step.due).date()),
        "topic": topic_of(plan.topic) if step.round == 1 else "",
        "strengths": list(profile.strengths),
        "ties": tied_strengths(plan.needs, profile.strengths),
        "variant": (weekly_index // 3) % 3,
        "previous": previous,
        "previous_when": (when_words(previous.done_at or previous.due, now, language, country, after_noun=True)
                          if previous else ""),
        "previous_topic": topic_of(previous.topic) if previous else "",
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


def _mailbox(contact: Contact) -> MailAddress | None:
    email = best_email(contact)
    if email is None:
        return None
    return MailAddress(display_name=contact.name.full if contact.name else "", addr_spec=email.address)


def _sender(profile: Profile) -> MailAddress | None:
    """The candidate as the From address; none when the profile's email (edited by hand) is not one."""
    if not profile.email:
        return None
    try:
        return MailAddress(display_name=profile.name, addr_spec=profile.email)
    except (ValueError, IndexError, HeaderDefect):
        return None


def copied(plan: Plan, step: Step) -> tuple[MailAddress, ...]:
    """The other interviewers, copied on the main interviewer's check-in emails (not on thank-yous,
    which each get their own)."""
    if step.kind is not StepKind.WEEKLY_EMAIL or step.person != 0:
        return ()
    found = (_mailbox(p.contact) for p in plan.people)
    return tuple(m for m in found if m is not None)


def _email_draft(plan: Plan, step: Step, profile: Profile, text: str) -> Draft:
    subject, body = _split_subject(text)
    message = EmailMessage()
    to = _mailbox(plan.person_contact(step.person))
    sender = _sender(profile)
    if sender:
        message["From"] = sender
    if to:
        message["To"] = to
    cc = copied(plan, step)
    if cc:
        message["Cc"] = cc
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
        to=to.addr_spec if to else "",
        missing=step.missing,
    )


def build_letter(plan: Plan, step: Step, profile: Profile, body: str, today: date) -> Letter:
    """The letter in the conventions of its language and the countries it goes between."""
    contact = plan.contact
    language = plan.language or "en"
    address = best_address(contact)
    recipient_country = contact_country(contact) or plan.holiday_country
    sender_country = resolve_country(profile.country) or recipient_country
    international = bool(recipient_country and sender_country and recipient_country != sender_country)
    name = contact.name.full if contact.name else ""
    title = contact.title.value if contact.title else ""
    department = contact.department.value if contact.department else ""
    company = contact.organization.value if contact.organization else ""
    if recipient_country == "JP" and language == "ja":
        name_lines: tuple[str, ...] = (" ".join(p for p in (title, f"{name} 様" if name else "ご担当者 様") if p),)
        organization_lines: tuple[str, ...] = tuple(p for p in (company, department) if p)
    else:
        name_lines = tuple(p for p in (lang.addressee(contact, language), title) if p)
        organization_lines = tuple(p for p in (department, company) if p)
    recipient = address_lines(
        address or Address(), recipient_country, name_lines=name_lines, organization_lines=organization_lines,
        international=international, sender_language=postal.post_language(sender_country),
    )
    own_address = (
        *address_lines(profile.address, sender_country, sender_language=language),
        *([postal.country_name(sender_country, language)] if international else []),
    )
    # A Japanese sender block gives the address first, then the name; elsewhere the name comes first.
    return_address = (*own_address, profile.name) if language == "ja" else (profile.name, *own_address)
    sender = (*return_address, profile.phone, profile.email)
    paper, envelope = paper_for(sender_country)
    day = lang.long_date(today, language, sender_country or recipient_country)
    place = profile.city.strip()
    if language == "ja":
        date_line = day
    elif language == "fr":
        date_line = f"{place}, le {day}" if place else f"Le {day}"
    elif language == "en" and sender_country in ("US", "CA", "PH"):
        date_line = day  # American letters date without the place
    else:
        date_line = f"{place}, {day}" if place else day
    layout = {"de": "din", "fr": "french", "ja": "japanese"}.get(language, "block")
    return_line = " · ".join(p for p in (profile.name, *address_lines(profile.address, sender_country)) if p)
    return Letter(
        sender=tuple(line for line in sender if line),
        recipient=recipient,
        date_line=date_line,
        body=body.rstrip("\n"),
        closing=lang.closing(language, sender_country, letter=True, contact=contact),
        signature=profile.name or "[your name]",
        page_size=paper,
        envelope=envelope,
        layout=layout,
        return_line=return_line if layout == "din" else "",
        postal_code=address.postal_code if address else "",
        return_address=tuple(line for line in return_address if line),
    )


def _letter_draft(plan: Plan, step: Step, profile: Profile, text: str, today: date) -> Draft:
    letter = build_letter(plan, step, profile, text, today)
    plain = "\n".join(
        [*letter.sender, "", *letter.recipient, "", letter.date_line, "", letter.body, "", letter.closing,
         letter.signature]
    ) + "\n"
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
    plan: Plan, step: Step, profile: Profile, *, today: date | None = None, template_dir: Path | None = None,
    now: datetime | None = None,
) -> Draft:
    """The draft for one step. Letters are dated `today` (else `now`'s day in the plan's zone, else the
    step's due day); `now` also words the thank-you ("today", "this afternoon")."""
    env = template_environment(template_dir, plan.language or "en")
    context = template_context(plan, step, profile, now)
    text = render_text(env, TEMPLATE_NAMES[step.kind], context)
    if step.channel is Channel.EMAIL:
        return _email_draft(plan, step, profile, text)
    if step.channel is Channel.LETTER:
        day = today or (now.astimezone(plan.interview.tzinfo).date() if now else step.due.date())
        return _letter_draft(plan, step, profile, text, day)
    return Draft(
        step.key,
        "txt",
        f"{step.key}.txt",
        "text/plain; charset=utf-8",
        text.encode("utf-8"),
        text,
        subject=step.summary,
        to=context["number"],
        missing=step.missing,
    )


def write_draft(draft: Draft, directory: Path) -> Path:
    """Write the draft into `directory` (created if needed) atomically; returns the file's path."""
    from capture.errors import InputFileError

    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / draft.filename
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_bytes(draft.content)
        temporary.replace(path)
    except OSError as error:
        raise InputFileError(directory, f"cannot hold the draft: {error.strerror or error}.") from error
    return path
