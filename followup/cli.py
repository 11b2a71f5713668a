"""`cardcap followup ...`: a thin command-line face over `followup.api`.

The clock is injectable (`--now` / `$CARDCAP_NOW`, hidden) so tests and demos can live on any day.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy import Engine

from capture.cliutil import path_option, reported_errors
from capture.errors import ExitCode, SettingsError
from capture.store.database import open_database
from followup import api, caldav_push, gaps, mailer, mailsettings, runner, sending
from followup.drafts import write_draft
from followup.model import Outcome, Plan, Profile, Step, StepState
from followup.profile import PROFILE_FIELDS, load_profile, profile_to_dict, save_profile, update_profile
from followup.serialize import draft_to_dict, plan_to_dict, step_to_dict
from followup.sources import load_contact, local_zone, parse_when

app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help=(
        "The interview follow-up plan: thank-you email, letter, calls, weekly check-ins.\n\n"
        "Exit codes: 0 done; 2 bad options; 3 a card file cannot be read; 6 an invalid setting "
        "(a date, a time zone, a server); 7 the store or a mail or calendar server failed; 8 a request "
        "refused with a sentence (a plan that ended, a step already done or sent, an interview twice)."
    ),
)
profile_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Your own details, set once.")
app.add_typer(profile_app, name="profile")
mail_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                       help="Mail servers for `followup run`: SMTP to send due emails, IMAP to notice replies.")
app.add_typer(mail_app, name="mail")

DbOpt = Annotated[
    str | None, typer.Option("--db", help="Store: a SQLAlchemy URL or SQLite file (default: $CARDCAP_DB).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
NowOpt = Annotated[
    str | None,
    typer.Option("--now", envvar="CARDCAP_NOW", hidden=True, help="Pretend the time is this (tests, demos)."),
]
ProfileOpt = Annotated[Path | None, path_option("--profile", hidden=True, help="Profile file (default: config dir).")]
MailSettingsOpt = Annotated[
    Path | None, path_option("--mail-settings", hidden=True, help="Mail settings file (default: config dir).")
]
StepArg = Annotated[str, typer.Argument(help="The step's number (see `due` or `show`), or PLAN:KEY.")]
NoteOpt = Annotated[str, typer.Option("--note", "-n", help='A note, e.g. "left voicemail".')]
PlanArg = Annotated[str, typer.Argument(help="The plan: interviewer's name, contact id/uid, or plan id.")]


def current_time(now: str | None) -> datetime:
    zone = local_zone()
    return parse_when(now, zone) if now else datetime.now(zone)


def profile_or_empty(path: Path | None) -> Profile:
    return load_profile(path)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def step_line(step: Step) -> str:
    flag = {StepState.DONE: "done", StepState.SKIPPED: "skipped", StepState.SNOOZED: "snoozed"}.get(step.state, "")
    when = step.effective_due.strftime("%a %Y-%m-%d %H:%M")
    extra = f"  [{flag}{': ' + step.note if step.note else ''}]" if flag else ""
    return f"  #{step.id:<4} {when}  {step.channel:<6} {step.summary}{extra}"


def open_plan(db: str | None, now: str | None, ref: str) -> tuple[Engine, datetime, Plan]:
    """The store, the time, and the open plan `ref` names (one sentence when it names none or several)."""
    engine = open_database(db)
    return engine, current_time(now), api.resolve_plan(engine, ref, open_only=True)


def change_plan(ref: str, change: Callable[[Engine, datetime, Plan, Profile], Plan], db: str | None, now: str | None,
                profile_file: Path | None, as_json: bool) -> None:
    """Open the plan `ref` names, apply `change` (which returns the plan as saved), show the result."""
    with reported_errors():
        engine, moment, plan = open_plan(db, now, ref)
        echo_plan(change(engine, moment, plan, load_profile(profile_file)), as_json)


def echo_plan(plan: Plan, as_json: bool) -> None:
    if as_json:
        print_json(plan_to_dict(plan))
    else:
        print_plan(plan)


def print_plan(plan: Plan) -> None:
    from followup.language import LANGUAGE_NAMES

    company = f", {plan.contact.organization.value}" if plan.contact.organization else ""
    typer.echo(
        f"Plan {plan.uid[:8]}: {plan.interviewer}{company}, interview "
        f"{plan.interview:%a %Y-%m-%d %H:%M} ({plan.interview.tzinfo})"
        + (f", position {plan.position}" if plan.position else "")
        + (f", holidays of {plan.holiday_country}" if plan.holiday_country else "")
        + (f"-{plan.holiday_region}" if plan.holiday_region else "")
        + f", drafts in {LANGUAGE_NAMES.get(plan.language or 'en', plan.language)}"
    )
    for person in plan.people:
        typer.echo(f"  Also interviewed by: {person.name}")
    for extra in plan.rounds:
        typer.echo(f"  Round {extra.number}: {extra.interview:%a %Y-%m-%d %H:%M}")
    if plan.outcome:
        ending = "nothing more is due." if plan.is_closed else "the check-ins wait."
        note = f" ({plan.outcome_note})" if plan.outcome_note else ""
        typer.echo(f"  Outcome: {plan.outcome} on {plan.outcome_at:%Y-%m-%d}{note}; {ending}")
    for reply in plan.open_replies():
        typer.echo(f"  Reply from {reply.get('from')} ({reply.get('received')[:10]}): {reply.get('subject')!r}: "
                   f"{reply.get('snippet')[:120]}")
    if plan.paused_until is not None and not plan.is_closed:
        until = f" until {plan.pause_end:%Y-%m-%d}" if plan.pause_end else ""
        typer.echo(f"  Paused{until} ({plan.pause_reason}); `cardcap followup resume {plan.uid[:8]}` goes on.")
    for step in plan.steps:
        typer.echo(step_line(step))
        for note in gaps.for_terminal(plan, step) if step.is_open else ():
            typer.echo(f"         ! {note}")


@app.command()
def start(
    contact: Annotated[str, typer.Argument(help="A .vcf file, a card image, or a saved contact (id, uid, name).")],
    interview: Annotated[str, typer.Option("--interview", "-i", help='Start of the interview: "2026-12-01 14:00".')],
    tz: Annotated[
        str | None, typer.Option("--tz", help="Time zone of the interview (default: this machine's).")
    ] = None,
    position: Annotated[str, typer.Option("--position", "-p", help="The job (default: the profile's).")] = "",
    duration: Annotated[
        int, typer.Option("--duration", min=1, max=720, help="Length of the interview in minutes.")
    ] = 60,
    holidays: Annotated[
        str,
        typer.Option(
            "--holidays", help="Skip public holidays of: auto (the card's country), none, or an ISO code like DE."
        ),
    ] = "auto",
    language: Annotated[
        str | None,
        typer.Option("--language",
                     help="Drafts in: en, de, fr, es, pt or ja (default: your profile's, else the card's country's)."),
    ] = None,
    needs: Annotated[
        list[str] | None,
        typer.Option("--needs", help="What the job needs (repeat); the drafts tie your strengths to each."),
    ] = None,
    topic: Annotated[str, typer.Option("--topic", help='What the interview was about: "the data platform".')] = "",
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """Plan the follow-up for an interview and print the schedule."""
    with reported_errors():
        moment = current_time(now)
        when = parse_when(interview, local_zone(tz))
        engine = open_database(db)
        source = load_contact(contact, engine)
        country = None if holidays.lower() == "auto" else "" if holidays.lower() == "none" else holidays
        plan = api.start_plan(
            engine,
            source.contact,
            when,
            load_profile(profile_file),
            moment,
            position=position,
            duration=timedelta(minutes=duration),
            holiday_country=country,
            contact_id=source.contact_id,
            contact_uid=source.contact_uid,
            language_code=language,
            needs=tuple(needs or ()),
            topic=topic,
        )
        echo_plan(plan, as_json)


@app.command()
def due(
    date: Annotated[
        str | None, typer.Option("--date", help="Show what is due by the end of this day (YYYY-MM-DD).")
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """What is due or overdue today, each with its draft."""
    with reported_errors():
        moment = current_time(now)
        engine = open_database(db)
        profile = load_profile(profile_file)
        found = api.due_steps(engine, moment, profile, day=date)
        drafts = [api.render_draft(item.plan, item.step, profile, moment) for item in found]
        if as_json:
            print_json(
                [
                    {**step_to_dict(item.step, item.plan), "draft": draft_to_dict(draft)}
                    for item, draft in zip(found, drafts, strict=True)
                ]
            )
            return
        if not found:
            typer.echo("Nothing is due.")
        for item, draft in zip(found, drafts, strict=True):
            overdue = " (overdue)" if item.step.effective_due < moment else ""
            typer.echo(f"{step_line(item.step)}{overdue}")
            for note in gaps.for_terminal(item.plan, item.step):
                typer.echo(f"         ! {note}")
            if draft.kind == "pdf":
                typer.echo(f"         Letter: cardcap followup drafts {item.step.id} --out DIR  (PDF with envelope)")
            else:
                body = (f"Subject: {draft.subject}\n\n" if draft.kind == "eml" else "") + draft.text
                typer.echo("\n".join("         | " + line for line in body.rstrip().splitlines()))
            typer.echo("")


def _mark(
    step_ref: str, state: StepState, note: str, until: str | None, db: str | None, as_json: bool, now: str | None,
    topic: str = "",
) -> None:
    with reported_errors():
        moment = current_time(now)
        engine = open_database(db)
        plan, step = api.mark_step(engine, step_ref, state, moment, note=note, until=until, topic=topic)
        if as_json:
            print_json(step_to_dict(step, plan))
        else:
            typer.echo(f"{plan.interviewer}:{step_line(step)}")


TopicOpt = Annotated[
    str, typer.Option("--topic", "-t", help='What you talked about ("the data platform"); the next drafts use it.')
]


@app.command()
def done(step: StepArg, note: NoteOpt = "", topic: TopicOpt = "", db: DbOpt = None, as_json: JsonOpt = False,
         now: NowOpt = None) -> None:
    """Mark a step done (with what you talked about, for the next drafts)."""
    _mark(step, StepState.DONE, note, None, db, as_json, now, topic)


@app.command()
def note(step: StepArg, topic: TopicOpt = "", text: NoteOpt = "", db: DbOpt = None, as_json: JsonOpt = False,
         now: NowOpt = None) -> None:
    """Note what you talked about at a step (any state); the next drafts refer to it."""
    with reported_errors():
        plan, found = api.note_step(open_database(db), step, current_time(now), topic=topic, note=text)
        if as_json:
            print_json(step_to_dict(found, plan))
        else:
            typer.echo(f"{plan.interviewer}:{step_line(found)}" + (f"  topic: {found.topic}" if found.topic else ""))


@app.command()
def skip(step: StepArg, note: NoteOpt = "", db: DbOpt = None, as_json: JsonOpt = False, now: NowOpt = None) -> None:
    """Skip a step."""
    _mark(step, StepState.SKIPPED, note, None, db, as_json, now)


@app.command()
def snooze(
    step: StepArg,
    note: NoteOpt = "",
    until: Annotated[
        str | None,
        typer.Option("--until", help="When to be reminded again, in the plan's time zone (default: in a day)."),
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
) -> None:
    """Put a step off until later."""
    _mark(step, StepState.SNOOZED, note, until, db, as_json, now)


@app.command()
def outcome(
    contact: PlanArg,
    result: Annotated[Outcome, typer.Argument(help="hired, rejected, withdrawn (the plan ends), offer or 'on hold' "
                                                   "(the check-ins wait).")],
    note: NoteOpt = "",
    until: Annotated[str | None, typer.Option("--until", help="On hold until this day (then it goes on).")] = None,
    correct: Annotated[bool, typer.Option("--correct", help="Replace an outcome recorded by mistake.")] = False,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
) -> None:
    """Record how it went; hired, rejected or withdrawn end the plan, an offer or a hold pauses it."""
    with reported_errors():
        engine, moment, plan = open_plan(db, now, contact)
        until_time = parse_when(until, plan.interview.tzinfo or moment.tzinfo or local_zone()) if until else None
        plan = api.record_outcome(engine, plan.uid, result, moment, note=note, until=until_time, correct=correct)
        if as_json:
            print_json(plan_to_dict(plan))
        elif plan.is_closed:
            typer.echo(f"Plan {plan.uid[:8]} for {plan.interviewer}: {plan.outcome}. Nothing more is due.")
        else:
            typer.echo(f"Plan {plan.uid[:8]} for {plan.interviewer}: {plan.outcome}. The check-ins wait"
                       + (f" until {until_time:%Y-%m-%d}." if until_time else "; `followup resume` goes on."))


@app.command()
def resume(
    contact: PlanArg,
    db: DbOpt = None,
    now: NowOpt = None,
) -> None:
    """Go on with a paused plan (after a reply, an offer or a hold): the next check-in comes as planned."""
    with reported_errors():
        plan = api.resume_plan(open_database(db), contact, current_time(now))
        typer.echo(f"Plan {plan.uid[:8]} for {plan.interviewer} goes on.")


@app.command()
def edit(
    contact: PlanArg,
    interview: Annotated[str | None, typer.Option("--interview", "-i", help="A corrected interview time.")] = None,
    duration: Annotated[int | None, typer.Option("--duration", min=1, max=720, help="Minutes.")] = None,
    position: Annotated[str | None, typer.Option("--position", "-p")] = None,
    language: Annotated[str | None, typer.Option("--language", help="Drafts in: en, de, fr, es, pt or ja.")] = None,
    needs: Annotated[list[str] | None, typer.Option("--needs", help="What the job needs (replaces the list).")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="What the interview was about.")] = None,
    set_: Annotated[list[str] | None, typer.Option("--set", help="Correct the interviewer: email=...")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """Change a plan: its interview time, job, language, needs, topic, or the interviewer's details."""
    changes = {}
    for item in set_ or []:
        key, sep, value = item.partition("=")
        if not sep:
            with reported_errors():
                raise SettingsError(f"--set takes FIELD=VALUE, not {item!r}.")
        changes[key.strip()] = value
    options = {"position": position, "language_code": language, "topic": topic, "contact_changes": changes or None,
               "needs": tuple(needs) if needs is not None else None,
               "duration": timedelta(minutes=duration) if duration else None}
    change_plan(contact, partial(_edited, interview, options), db, now, profile_file, as_json)


def _edited(interview: str | None, options: dict[str, Any], engine: Engine, moment: datetime, plan: Plan,
            profile: Profile) -> Plan:
    when = parse_when(interview, plan.interview.tzinfo or local_zone()) if interview else None
    return api.edit_plan(engine, plan.uid, profile, moment, interview=when, **options)


@app.command("add-interviewer")
def add_interviewer(
    plan_ref: PlanArg,
    contact: Annotated[str, typer.Argument(help="The other interviewer: a .vcf, a card image or a saved contact.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """Add another interviewer of the interview: their own thank-you, and a copy of the check-in emails."""
    change_plan(plan_ref, partial(_with_person, contact), db, now, profile_file, as_json)


def _with_person(contact: str, engine: Engine, moment: datetime, plan: Plan, profile: Profile) -> Plan:
    source = load_contact(contact, engine)
    return api.add_person(engine, plan.uid, source.contact, profile, moment, contact_id=source.contact_id,
                          contact_uid=source.contact_uid)


@app.command("next-round")
def next_round(
    plan_ref: PlanArg,
    interview: Annotated[str, typer.Option("--interview", "-i", help='Start of the next interview.')],
    duration: Annotated[int, typer.Option("--duration", min=1, max=720, help="Minutes.")] = 60,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """A next interview round: the same plan goes on from it (thank-you, call on day five, weekly)."""
    change_plan(plan_ref, partial(_with_round, interview, timedelta(minutes=duration)), db, now, profile_file,
                as_json)


def _with_round(interview: str, duration: timedelta, engine: Engine, moment: datetime, plan: Plan,
                profile: Profile) -> Plan:
    when = parse_when(interview, plan.interview.tzinfo or local_zone())
    return api.add_round(engine, plan.uid, when, profile, moment, duration=duration)


@app.command()
def show(
    contact: Annotated[
        str | None, typer.Argument(help="One plan (name, contact id/uid, plan id); default all.")
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """Show one plan's schedule, or every plan, up to four weeks ahead."""
    with reported_errors():
        engine = open_database(db)
        moment, profile = current_time(now), load_profile(profile_file)
        plans = (
            (api.refresh_plan(engine, api.resolve_plan(engine, contact), profile, moment),)
            if contact
            else api.list_plans(engine, profile=profile, now=moment)
        )
        if as_json:
            print_json([plan_to_dict(plan) for plan in plans])
            return
        if not plans:
            typer.echo("No follow-up plans yet; start one with `cardcap followup start CARD --interview ...`.")
        for plan in plans:
            print_plan(plan)


@app.command()
def export(
    ics: Annotated[Path | None, path_option("--ics", help="Write the plans as an .ics calendar file.")] = None,
    caldav: Annotated[str | None, typer.Option("--caldav", help="Push the plans to this CalDAV server URL.")] = None,
    user: Annotated[str | None, typer.Option("--user", help="CalDAV user name.")] = None,
    password_env: Annotated[
        str | None, typer.Option("--password-env", help="Variable holding the CalDAV password.")
    ] = None,
    calendar: Annotated[str, typer.Option("--calendar", help="CalDAV calendar name.")] = caldav_push.DEFAULT_CALENDAR,
    todo: Annotated[bool, typer.Option("--todo", help="To-dos (VTODO) instead of events.")] = False,
    contact: Annotated[str | None, typer.Option("--contact", help="Only this plan.")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """Export the plans to a calendar (every step up to four weeks ahead, finished ones marked):
    an .ics file and/or a CalDAV server."""
    with reported_errors():
        if not ics and not caldav:
            raise SettingsError("Say where to: --ics FILE and/or --caldav URL.")
        if ics is not None and ics.is_dir():
            raise SettingsError(f"--ics {ics} is a folder; give the calendar file's name, e.g. {ics / 'plan.ics'}.")
        if ics is not None and not ics.parent.is_dir():
            raise SettingsError(f"--ics {ics}: the folder {ics.parent} does not exist.")
        moment, profile = current_time(now), load_profile(profile_file)
        engine = open_database(db)
        plans = (
            (api.refresh_plan(engine, api.resolve_plan(engine, contact), profile, moment),)
            if contact
            else api.list_plans(engine, profile=profile, now=moment)
        )
        report: dict[str, Any] = {"plans": len(plans), "steps": sum(len(p.steps) for p in plans)}
        if ics:
            temporary = ics.with_name(f".{ics.name}.tmp")
            try:
                temporary.write_bytes(api.export_ics(plans, moment, todo=todo))
                temporary.replace(ics)
            except OSError as error:
                raise SettingsError(f"--ics {ics} cannot be written: {error.strerror or error}.") from error
            report["ics"] = str(ics)
        if caldav:
            password = os.environ.get(password_env, "") if password_env else None
            pushed = caldav_push.push_plans(
                plans, caldav, moment, username=user, password=password, calendar_name=calendar, todo=todo
            )
            report["caldav"] = {
                "calendar": pushed.calendar_url,
                "created": pushed.created,
                "updated": pushed.updated,
                "unchanged": pushed.unchanged,
            }
        if as_json:
            print_json(report)
            return
        if ics:
            typer.echo(f"Wrote {report['steps']} steps of {report['plans']} plans to {ics}.")
        if caldav:
            c = report["caldav"]
            typer.echo(
                f"CalDAV {c['calendar']}: {c['created']} created, {c['updated']} updated, {c['unchanged']} unchanged."
            )


@app.command()
def drafts(
    step: StepArg,
    out: Annotated[Path, path_option("--out", "-o", help="Folder to write the draft into.")] = Path("."),
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """Write a step's draft: .eml for emails, .pdf (with envelope) for letters, .txt call script."""
    with reported_errors():

        moment, profile = current_time(now), load_profile(profile_file)
        plan, found = api.find_step(open_database(db), step, profile, moment)
        draft = api.render_draft(plan, found, profile, moment)
        path = write_draft(draft, out)
        if as_json:
            print_json({**draft_to_dict(draft), "path": str(path)})
            return
        typer.echo(str(path))
        for note in gaps.for_terminal(plan, found):
            typer.echo(f"! {note}", err=True)


@app.command()
def send(
    step: StepArg,
    smtp: Annotated[str, typer.Option("--smtp", help="Mail server HOST[:PORT].")],
    user: Annotated[str, typer.Option("--user", help="SMTP user name.")] = "",
    password_env: Annotated[str, typer.Option("--password-env", help="Variable holding the SMTP password.")] = "",
    security: Annotated[
        str, typer.Option("--security", help="starttls, ssl, or none (local servers only).")
    ] = "starttls",
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Send without asking.")] = False,
    db: DbOpt = None,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
) -> None:
    """Send an email step over SMTP (asks first), and mark it done."""
    with reported_errors():

        engine = open_database(db)
        moment = current_time(now)
        profile = load_profile(profile_file)
        plan, found = api.find_step(engine, step, profile, moment)
        sending.check_sendable(plan, found)
        draft = api.render_draft(plan, found, profile, moment)
        server = mailsettings.make_server(smtp, 587, "SMTP", security=security, user=user, password_env=password_env)
        settings = mailer.SmtpSettings(server.host, server.port, user, server.password(), security)
        message = mailer.message_to_send(draft, now_timestamp=moment.timestamp())
        typer.echo(f"To: {message['To']}" + (f"\nCc: {message['Cc']}" if message["Cc"] else "")
                   + f"\nSubject: {message['Subject']}\n\n{draft.text}")
        if not (yes or typer.confirm("Send this email now?", default=False)):
            typer.echo("Not sent.")
            return
        sent = sending.deliver(engine, plan, found, draft, settings, profile, moment)
        typer.echo(f"Sent to {', '.join(sent.recipients)} (a copy to you); step #{found.id} marked done.")


@app.command()
def sent(
    step: StepArg,
    yes: Annotated[bool, typer.Option("--yes/--no", help="It went out (done) / it did not (open again).")],
    db: DbOpt = None,
    now: NowOpt = None,
) -> None:
    """Settle an email whose sending was interrupted: say whether it went out."""
    with reported_errors():
        plan, found = sending.settle_by_hand(open_database(db), step, yes, current_time(now))
        typer.echo(f"{plan.interviewer}:{step_line(found)}")


@app.command()
def run(
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
    profile_file: ProfileOpt = None,
    mail_file: MailSettingsOpt = None,
) -> None:
    """Do what is due on its own: look for replies (IMAP), send due emails once (SMTP). Safe to run
    from cron or a systemd timer every few minutes; letters and calls stay yours (see `due`)."""
    with reported_errors():
        settings = mailsettings.load(mail_file)
        report = runner.run(open_database(db), settings, load_profile(profile_file), current_time(now))
        if as_json:
            print_json({**report.as_dict(), "smtp": settings.smtp is not None, "imap": settings.imap is not None})
        else:
            if settings.smtp is None:
                typer.echo("No SMTP settings: nothing is sent (`cardcap followup mail set --smtp HOST` opts in).")
            for title, lines in (("Sent", report.sent), ("Confirmed", report.confirmed), ("Replies", report.replies),
                                 ("Check", report.unsure), ("Not sent", report.waiting),
                                 ("Problems", report.problems)):
                for line in lines:
                    typer.echo(f"{title}: {line}")
        if report.problems:
            raise typer.Exit(int(ExitCode.STORE))


@mail_app.command("set")
def mail_set(
    smtp: Annotated[str | None, typer.Option("--smtp", help="SMTP server HOST[:PORT] (default port 587).")] = None,
    smtp_user: Annotated[str, typer.Option("--smtp-user")] = "",
    smtp_password_env: Annotated[str, typer.Option("--smtp-password-env", help="Variable holding the password.")]
    = "",
    smtp_security: Annotated[str, typer.Option("--smtp-security", help="starttls, ssl or none.")] = "starttls",
    imap: Annotated[str | None, typer.Option("--imap", help="IMAP server HOST[:PORT] (default port 993).")] = None,
    imap_user: Annotated[str, typer.Option("--imap-user")] = "",
    imap_password_env: Annotated[str, typer.Option("--imap-password-env")] = "",
    imap_security: Annotated[str, typer.Option("--imap-security", help="ssl, starttls or none.")] = "ssl",
    off: Annotated[bool, typer.Option("--off", help="Forget both servers: `run` sends nothing.")] = False,
    mail_file: MailSettingsOpt = None,
) -> None:
    """Opt in to sending due emails (SMTP) and noticing replies (IMAP); passwords stay in variables."""
    with reported_errors():
        current = mailsettings.load(mail_file)
        if off:
            current = mailsettings.MailSettings()
        if smtp:
            current = mailsettings.MailSettings(
                mailsettings.make_server(smtp, 587, "SMTP", security=smtp_security, user=smtp_user,
                                         password_env=smtp_password_env), current.imap, current.sent_folder)
        if imap:
            current = mailsettings.MailSettings(
                current.smtp, mailsettings.make_server(imap, 993, "IMAP", security=imap_security, user=imap_user,
                                                       password_env=imap_password_env), current.sent_folder)
        path = mailsettings.save(current, mail_file)
        typer.echo(f"Saved {path}: SMTP {current.smtp.host if current.smtp else 'off'}, "
                   f"IMAP {current.imap.host if current.imap else 'off'}.")


@profile_app.command("set")
def profile_set(
    name: Annotated[str | None, typer.Option(help="Your full name.")] = None,
    street: Annotated[str | None, typer.Option(help="Street and number.")] = None,
    city: Annotated[str | None, typer.Option()] = None,
    region: Annotated[str | None, typer.Option(help="State or region.")] = None,
    postal_code: Annotated[str | None, typer.Option("--postal-code")] = None,
    country: Annotated[str | None, typer.Option()] = None,
    phone: Annotated[str | None, typer.Option()] = None,
    email: Annotated[str | None, typer.Option()] = None,
    position: Annotated[str | None, typer.Option(help="The job you applied for.")] = None,
    strength: Annotated[
        list[str] | None,
        typer.Option("--strength", help="One of your strongest points; repeat for several (replaces the list)."),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option("--language", help="Your drafts' language: en, de, fr, es, pt, ja ('' = the interviewer's "
                                        "country's)."),
    ] = None,
    profile_file: ProfileOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Set your details (only the options given change)."""
    with reported_errors():
        changes: dict[str, Any] = {
            "name": name,
            "street": street,
            "city": city,
            "region": region,
            "postal_code": postal_code,
            "country": country,
            "phone": phone,
            "email": email,
            "position": position,
            "strengths": strength or None,
            "language": language,
        }
        profile = update_profile(load_profile(profile_file), changes)
        path = save_profile(profile, profile_file)
        if as_json:
            print_json({**profile_to_dict(profile), "path": str(path)})
        else:
            typer.echo(f"Saved {path}.")
            _print_profile(profile)


@profile_app.command("show")
def profile_show(profile_file: ProfileOpt = None, as_json: JsonOpt = False) -> None:
    """Show your details."""
    with reported_errors():
        profile = load_profile(profile_file)
        if as_json:
            print_json(profile_to_dict(profile))
        else:
            _print_profile(profile)


def _print_profile(profile: Profile) -> None:
    data = profile_to_dict(profile)
    for key in PROFILE_FIELDS:
        value = "; ".join(data[key]) if key == "strengths" else data[key]
        typer.echo(f"  {key:<12} {value}")
    if profile.missing:
        typer.echo(f"  Missing: {', '.join(profile.missing)} (letters and emails are poorer without them).")
