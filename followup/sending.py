"""Sending an email step exactly once, even when cardcap is killed half-way.

1. The step's Message-ID is chosen and saved with the state SENDING (committed) just before the
   message is handed to the SMTP server (after MAIL and RCPT were accepted).
2. The message goes out in one SMTP transaction to the interviewer(s) and, as a blind copy, to
   the candidate: a server takes DATA for all recipients or for none (RFC 5321), so a copy in the
   candidate's mailbox proves the interviewer's message went out too.
3. The step is saved DONE with the time it was sent.

A crash between 1 and 3 leaves the step SENDING. The next run looks for its Message-ID in the
candidate's mailbox over IMAP (the inbox and the sent folder): found, the step is recorded done
and nothing is sent again; not found after a grace time for delivery, or with no IMAP settings,
it is left for the user to decide ("it went out" or "send it again"), never sent twice on its own.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine

from capture.errors import CardcapError, StoreError
from followup import api, repository
from followup.drafts import Draft
from followup.mailer import SmtpSettings, connect, message_to_send, recipients_of
from followup.model import Channel, Plan, Profile, Step, StepState

DELIVERY_GRACE = timedelta(minutes=15)  # how long a blind copy may take to reach the candidate's mailbox


class ClaimedElsewhere(api.FollowupError):
    """Another cardcap (a second `run` started by cron at the same moment) is sending this step."""


@dataclass(frozen=True)
class Sent:
    plan: Plan
    step: Step
    recipients: tuple[str, ...]
    message_id: str


def check_sendable(plan: Plan, step: Step) -> None:
    """Refuses a step that is not an open email of an open plan, with the reason."""
    if step.channel is not Channel.EMAIL:
        raise api.FollowupError(f"Step #{step.id} is a {step.channel} step; only email steps can be sent.")
    if plan.is_closed:
        raise api.FollowupError(
            f"The plan for {plan.interviewer} ended ({plan.outcome} on {plan.outcome_at:%Y-%m-%d}); nothing more is "
            "sent."
        )
    if step.state is StepState.DONE:
        raise api.FollowupError(f"Step #{step.id} ({step.summary}) was already done"
                                + (f" ({step.note})" if step.note else "") + "; it is not sent again.")
    if step.state is StepState.SKIPPED:
        raise api.FollowupError(f"Step #{step.id} was skipped; it is not sent.")
    if step.state is StepState.SENDING:
        raise api.FollowupError(
            f"Step #{step.id} was being sent when cardcap stopped ({step.message_id}); check your sent mail, then "
            "mark it done, or retry it first."
        )


def _save_step(engine: Engine, plan: Plan, step: Step, now: datetime) -> tuple[Plan, Step]:
    saved = repository.save_plan(engine, plan.with_steps(tuple(step if s.key == step.key else s
                                                               for s in plan.steps)), now)
    return saved, saved.step(step.key)


def deliver(engine: Engine, plan: Plan, step: Step, draft: Draft, settings: SmtpSettings, profile: Profile,
            now: datetime) -> Sent:
    """Send one email step once: saved SENDING with its Message-ID, sent with a blind copy to the
    candidate, saved DONE."""
    check_sendable(plan, step)
    message = message_to_send(draft, now_timestamp=now.timestamp())
    message_id = str(message["Message-ID"])
    recipients = recipients_of(message)
    envelope = (*recipients, *([profile.email] if profile.email and profile.email not in recipients else []))
    client = connect(settings)
    with client:
        try:
            client.ehlo_or_helo_if_needed()
            code, answer = client.mail(profile.email or str(message["From"].addresses[0].addr_spec))
            if code != 250:
                raise smtplib.SMTPSenderRefused(code, answer, profile.email)
            for address in envelope:
                code, answer = client.rcpt(address)
                if code not in (250, 251):
                    raise smtplib.SMTPRecipientsRefused({address: (code, answer)})
        except (smtplib.SMTPException, OSError) as error:
            raise StoreError(f"The mail server {settings.host} refused the email to {', '.join(recipients)}: "
                             f"{error}") from error
        if step.id is None or not repository.claim_step(engine, step.id, message_id, now):
            raise ClaimedElsewhere(f"Step #{step.id} is already being sent by another cardcap.")
        plan, step = repository.find_step(engine, str(step.id))
        try:
            code, answer = client.data(message.as_bytes())
        except smtplib.SMTPResponseException as error:
            # The server answered "no": the message did not go out, the step is open again.
            _save_step(engine, plan, replace(step, state=StepState.PENDING, done_at=None, message_id="",
                                             revision=step.revision + 1, note=f"not sent: {error.smtp_error!r}"),
                       now)
            raise StoreError(f"The mail server {settings.host} did not take the email: {error}") from error
        except (smtplib.SMTPException, OSError) as error:
            # No answer: it may or may not have gone out; the next run checks the mailbox.
            raise StoreError(f"The connection to {settings.host} broke while sending ({error}); the next "
                             "run checks your mailbox before anything is sent again.") from error
    plan, step = _save_step(engine, plan, replace(step, state=StepState.DONE, done_at=now,
                                                  note=f"sent by email {message_id}"), now)
    return Sent(plan, step, recipients, message_id)


def confirm_interrupted(engine: Engine, plan: Plan, step: Step, found_in_mailbox: bool | None,
                        now: datetime) -> tuple[str, Step]:
    """A step left SENDING by a crash: ('sent', step) when its copy is in the mailbox, ('waiting', step)
    within the grace time, ('unsure', step) after it (the user decides)."""
    if found_in_mailbox:
        _, saved = _save_step(engine, plan, replace(step, state=StepState.DONE,
                                                    note=f"sent by email {step.message_id} (confirmed from your "
                                                         "mailbox after an interruption)"), now)
        return "sent", saved
    started = step.done_at or step.due
    if found_in_mailbox is not None and now - started < DELIVERY_GRACE:
        return "waiting", step
    return "unsure", step


def settle_by_hand(engine: Engine, step_ref: str, went_out: bool, now: datetime) -> tuple[Plan, Step]:
    """The user's answer for an interrupted send: it went out (done), or it did not (open again)."""
    plan, step = repository.find_step(engine, step_ref)
    if step.state is not StepState.SENDING:
        raise CardcapError(f"Step #{step.id} is not waiting for an answer about its sending.")
    if went_out:
        return _save_step(engine, plan, replace(step, state=StepState.DONE, note=f"sent by email {step.message_id}"),
                          now)
    return _save_step(engine, plan, replace(step, state=StepState.PENDING, message_id="", done_at=None,
                                            revision=step.revision + 1), now)
