"""`cardcap followup run`: what a cron job or systemd timer calls every few minutes.

1. With IMAP settings: replies from the interviewers since the interview are recorded once each;
   a person's reply pauses its plan (shown on Today for the user to act on).
2. Steps a crash left half-sent are settled by their Message-ID in the mailbox (`followup.sending`).
3. With SMTP settings (the user's opt-in): every email step due by now, of a plan that is open and
   not paused, is sent once, recorded before the next one is considered.
Letters and calls stay the user's to do. Each problem is reported and the others still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from capture.errors import CardcapError
from followup import api, mailbox, repository, sending
from followup.mailer import SmtpSettings
from followup.mailsettings import MailSettings
from followup.model import Channel, Profile, StepState

# An email more overdue than this is not sent on its own: after a machine was off for a week, a burst
# of a thank-you and two check-ins at once would read oddly. The user sends or skips it (Today page).
SEND_LATE_AT_MOST = timedelta(days=2)


@dataclass
class RunReport:
    sent: list[str] = field(default_factory=list)  # one line per email sent
    confirmed: list[str] = field(default_factory=list)  # interrupted sends found in the mailbox
    unsure: list[str] = field(default_factory=list)  # interrupted sends for the user to settle
    replies: list[str] = field(default_factory=list)  # replies found (and the plans they paused)
    waiting: list[str] = field(default_factory=list)  # due emails not sent, and why
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[str]]:
        return dict(self.__dict__)


def look_for_replies(engine: Engine, settings: MailSettings, profile: Profile, now: datetime,
                     report: RunReport) -> None:
    if settings.imap is None:
        return
    for plan in api.list_plans(engine, open_only=True):
        people = (plan.contact, *(p.contact for p in plan.people))
        try:
            found = mailbox.find_replies(settings.imap, people, plan.interview, profile.email)
        except CardcapError as error:
            report.problems.append(str(error))
            return
        for reply in found:
            saved = api.record_reply(engine, plan, now, message_id=reply.message_id, sender=reply.sender,
                                     subject=reply.subject, snippet=reply.snippet, received=reply.received,
                                     automatic=reply.automatic)
            if saved is not None:
                plan = saved
                paused = "" if reply.automatic else "; the plan waits for you"
                report.replies.append(f"{plan.interviewer}: reply from {reply.sender}, {reply.subject!r}{paused}")


def settle_interrupted(engine: Engine, settings: MailSettings, now: datetime, report: RunReport) -> None:
    for plan in api.list_plans(engine):
        for step in plan.steps:
            if step.state is not StepState.SENDING:
                continue
            found: bool | None = None
            if settings.imap is not None:
                try:
                    found = mailbox.has_message(settings.imap, step.message_id, settings.sent_folder)
                except CardcapError as error:
                    report.problems.append(str(error))
                    continue
            outcome, _ = sending.confirm_interrupted(engine, plan, step, found, now)
            line = f"#{step.id} {step.summary}"
            if outcome == "sent":
                report.confirmed.append(f"{line}: it went out before the interruption (found in your mailbox).")
            elif outcome == "unsure":
                report.unsure.append(
                    f"{line}: cardcap was interrupted while sending it and cannot tell whether it went out; "
                    f"check your sent mail, then `cardcap followup sent {step.id} --yes` or `--no`."
                )


def send_due(engine: Engine, settings: MailSettings, profile: Profile, now: datetime, report: RunReport) -> None:
    if settings.smtp is None:
        return
    smtp = SmtpSettings(settings.smtp.host, settings.smtp.port, settings.smtp.user, settings.smtp.password(),
                        settings.smtp.security, settings.smtp.timeout)
    for due in api.due_steps(engine, now, profile, until=now):
        plan, step = due.plan, due.step
        if step.channel is not Channel.EMAIL or step.state is StepState.SENDING:
            continue
        if step.missing or not profile.email:
            report.waiting.append(f"#{step.id} {step.summary}: not sent, "
                                  + ("the card has no email address." if step.missing else "your email is not set."))
            continue
        if now - step.effective_due > SEND_LATE_AT_MOST:
            report.waiting.append(f"#{step.id} {step.summary}: not sent on its own, it was due "
                                  f"{step.effective_due:%Y-%m-%d %H:%M}; send or skip it yourself.")
            continue
        plan = repository.load_plan(engine, plan.uid)  # as it is now: an earlier send may have changed it
        if plan.is_closed or plan.is_paused(now) or not plan.step(step.key).is_open:
            continue
        step = plan.step(step.key)
        try:
            draft = api.render_draft(plan, step, profile, now)
            sent = sending.deliver(engine, plan, step, draft, smtp, profile, now)
        except sending.ClaimedElsewhere:
            continue  # the other run sends it
        except CardcapError as error:
            report.problems.append(f"#{step.id} {step.summary}: {error}")
            continue
        report.sent.append(f"#{step.id} {sent.step.summary} ({', '.join(sent.recipients)})")


def run(engine: Engine, settings: MailSettings, profile: Profile, now: datetime) -> RunReport:
    """One pass: replies, interrupted sends, due emails."""
    report = RunReport()
    look_for_replies(engine, settings, profile, now, report)
    settle_interrupted(engine, settings, now, report)
    send_due(engine, settings, profile, now, report)
    return report


