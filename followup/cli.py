"""`cardcap followup ...`: a thin command-line face over `followup.api`.

The clock is injectable (`--now` / `$CARDCAP_NOW`, hidden) so tests and demos can live on any day.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer

from capture.cliutil import path_option, reported_errors
from capture.errors import SettingsError
from capture.store.database import open_database
from followup import api, caldav_push, mailer
from followup.drafts import write_draft
from followup.model import Outcome, Plan, Profile, Step, StepState
from followup.profile import PROFILE_FIELDS, load_profile, profile_to_dict, save_profile, update_profile
from followup.serialize import draft_to_dict, plan_to_dict, step_to_dict
from followup.sources import load_contact, local_zone, parse_when

app = typer.Typer(
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    help="The interview follow-up plan: thank-you email, letter, calls, weekly check-ins.",
)
profile_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Your own details, set once.")
app.add_typer(profile_app, name="profile")

DbOpt = Annotated[
    str | None, typer.Option("--db", help="Store: a SQLAlchemy URL or SQLite file (default: $CARDCAP_DB).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
NowOpt = Annotated[
    str | None,
    typer.Option("--now", envvar="CARDCAP_NOW", hidden=True, help="Pretend the time is this (tests, demos)."),
]
ProfileOpt = Annotated[Path | None, path_option("--profile", hidden=True, help="Profile file (default: config dir).")]
StepArg = Annotated[str, typer.Argument(help="The step's number (see `due` or `show`), or PLAN:KEY.")]
NoteOpt = Annotated[str, typer.Option("--note", "-n", help='A note, e.g. "left voicemail".')]


def current_time(now: str | None) -> datetime:
    zone = local_zone()
    return parse_when(now, zone) if now else datetime.now(zone)


def print_json(data: Any) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def step_line(step: Step) -> str:
    flag = {StepState.DONE: "done", StepState.SKIPPED: "skipped", StepState.SNOOZED: "snoozed"}.get(step.state, "")
    when = step.effective_due.strftime("%a %Y-%m-%d %H:%M")
    extra = f"  [{flag}{': ' + step.note if step.note else ''}]" if flag else ""
    return f"  #{step.id:<4} {when}  {step.channel:<6} {step.summary}{extra}"


def print_plan(plan: Plan) -> None:
    company = f", {plan.contact.organization.value}" if plan.contact.organization else ""
    typer.echo(
        f"Plan {plan.uid[:8]}: {plan.interviewer}{company}, interview "
        f"{plan.interview:%a %Y-%m-%d %H:%M} ({plan.interview.tzinfo})"
        + (f", position {plan.position}" if plan.position else "")
        + (f", holidays of {plan.holiday_country}" if plan.holiday_country else "")
    )
    if plan.outcome:
        typer.echo(f"  Outcome: {plan.outcome} on {plan.outcome_at:%Y-%m-%d}; nothing more is due.")
    for step in plan.steps:
        typer.echo(step_line(step))
        for note in step.missing if step.is_open else ():
            typer.echo(f"         ! {note}")


@app.command()
def start(
    contact: Annotated[str, typer.Argument(help="A .vcf file, a card image, or a saved contact (id, uid, name).")],
    interview: Annotated[str, typer.Option("--interview", "-i", help='Start of the interview: "2026-12-01 14:00".')],
    tz: Annotated[
        str | None, typer.Option("--tz", help="Time zone of the interview (default: this machine's).")
    ] = None,
    position: Annotated[str, typer.Option("--position", "-p", help="The job (default: the profile's).")] = "",
    duration: Annotated[int, typer.Option("--duration", help="Length of the interview in minutes.")] = 60,
    holidays: Annotated[
        str,
        typer.Option(
            "--holidays", help="Skip public holidays of: auto (the card's country), none, or an ISO code like DE."
        ),
    ] = "auto",
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
        )
        if as_json:
            print_json(plan_to_dict(plan))
        else:
            print_plan(plan)


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
        until = parse_when(date, local_zone(), default_time=time(23, 59, 59)) if date else None
        engine = open_database(db)
        profile = load_profile(profile_file)
        found = api.due_steps(engine, moment, profile, until=until)
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
            for note in item.step.missing:
                typer.echo(f"         ! {note}")
            if draft.kind == "pdf":
                typer.echo(f"         Letter: cardcap followup drafts {item.step.id} --out DIR  (PDF with envelope)")
            else:
                body = (f"Subject: {draft.subject}\n\n" if draft.kind == "eml" else "") + draft.text
                typer.echo("\n".join("         | " + line for line in body.rstrip().splitlines()))
            typer.echo("")


def _mark(
    step_ref: str, state: StepState, note: str, until: str | None, db: str | None, as_json: bool, now: str | None
) -> None:
    with reported_errors():
        moment = current_time(now)
        engine = open_database(db)
        until_time = parse_when(until, moment.tzinfo or local_zone()) if until else None
        plan, step = api.mark_step(engine, step_ref, state, moment, note=note, until=until_time)
        if as_json:
            print_json(step_to_dict(step, plan))
        else:
            typer.echo(f"{plan.interviewer}:{step_line(step)}")


@app.command()
def done(step: StepArg, note: NoteOpt = "", db: DbOpt = None, as_json: JsonOpt = False, now: NowOpt = None) -> None:
    """Mark a step done."""
    _mark(step, StepState.DONE, note, None, db, as_json, now)


@app.command()
def skip(step: StepArg, note: NoteOpt = "", db: DbOpt = None, as_json: JsonOpt = False, now: NowOpt = None) -> None:
    """Skip a step."""
    _mark(step, StepState.SKIPPED, note, None, db, as_json, now)


@app.command()
def snooze(
    step: StepArg,
    note: NoteOpt = "",
    until: Annotated[str | None, typer.Option("--until", help="When to be reminded again (default: in a day).")] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
) -> None:
    """Put a step off until later."""
    _mark(step, StepState.SNOOZED, note, until, db, as_json, now)


@app.command()
def outcome(
    contact: Annotated[str, typer.Argument(help="The plan: interviewer's name, contact id/uid, or plan id.")],
    result: Annotated[Outcome, typer.Argument(help="hired, rejected or withdrawn.")],
    note: NoteOpt = "",
    db: DbOpt = None,
    as_json: JsonOpt = False,
    now: NowOpt = None,
) -> None:
    """Record how it ended; the plan stops and nothing more is due."""
    with reported_errors():
        plan = api.record_outcome(open_database(db), contact, result, current_time(now), note=note)
        if as_json:
            print_json(plan_to_dict(plan))
        else:
            typer.echo(f"Plan {plan.uid[:8]} for {plan.interviewer}: {plan.outcome}. Nothing more is due.")


@app.command()
def show(
    contact: Annotated[
        str | None, typer.Argument(help="One plan (name, contact id/uid, plan id); default all.")
    ] = None,
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one plan's schedule, or every plan."""
    with reported_errors():
        engine = open_database(db)
        plans = (api.resolve_plan(engine, contact),) if contact else api.list_plans(engine)
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
) -> None:
    """Export the plans to a calendar: an .ics file and/or a CalDAV server."""
    with reported_errors():
        if not ics and not caldav:
            raise SettingsError("Say where to: --ics FILE and/or --caldav URL.")
        moment = current_time(now)
        engine = open_database(db)
        plans = (api.resolve_plan(engine, contact),) if contact else api.list_plans(engine)
        report: dict[str, Any] = {"plans": len(plans), "steps": sum(len(p.steps) for p in plans)}
        if ics:
            ics.write_bytes(api.export_ics(plans, moment, todo=todo))
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
        from followup.repository import find_step

        plan, found = find_step(open_database(db), step)
        draft = api.render_draft(plan, found, load_profile(profile_file), current_time(now))
        path = write_draft(draft, out)
        if as_json:
            print_json({**draft_to_dict(draft), "path": str(path)})
            return
        typer.echo(str(path))
        for note in draft.missing:
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
        from followup.repository import find_step

        engine = open_database(db)
        moment = current_time(now)
        plan, found = find_step(engine, step)
        draft = api.render_draft(plan, found, load_profile(profile_file), moment)
        host, _, port = smtp.partition(":")
        settings = mailer.SmtpSettings(
            host, int(port or 587), user, os.environ.get(password_env, "") if password_env else "", security
        )

        def confirm(message: Any) -> bool:
            typer.echo(f"To: {message['To']}\nSubject: {message['Subject']}\n\n{draft.text}")
            return yes or typer.confirm("Send this email now?", default=False)

        result = mailer.send_draft(draft, settings, confirm, now_timestamp=moment.timestamp())
        if not result.sent:
            typer.echo("Not sent.")
            return
        api.mark_step(engine, str(found.id), StepState.DONE, moment, note=f"sent by email {result.message_id}")
        typer.echo(f"Sent to {', '.join(result.recipients)}; step #{found.id} marked done.")


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
