"""`cardcap contacts ...` and `cardcap export ...`: thin commands over `ContactStore` and the exporters.

Every command takes --db URL (a SQLAlchemy URL or a SQLite file path); without it CARDCAP_DB,
else a SQLite file in the user's data directory.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from capture.atomic import write_atomic
from capture.cliutil import path_argument, path_option, reported_errors
from capture.errors import ExitCode, SettingsError
from capture.store.contacts import ContactStore, StoredContact

contacts_app = typer.Typer(
    help="The contact store: list, show, edit, delete, merge and import contacts.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="Contact store: a SQLAlchemy URL or SQLite file (default: $CARDCAP_DB, else data dir)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]
RefArg = Annotated[str, typer.Argument(help="Contact ID, UID, email address, or a search matching one contact.")]


def open_store(db: str | None) -> ContactStore:
    return ContactStore.open(db)  # a URL, a SQLite file path, or None for the default


def _summary(stored: StoredContact) -> str:
    contact = stored.contact
    parts = [
        contact.formatted_name or "(no name)",
        contact.title.value if contact.title else "",
        contact.organization.value if contact.organization and contact.name else "",
        contact.emails[0].address if contact.emails else "",
        contact.phones[0].e164 if contact.phones else "",
    ]
    flag = " [review]" if stored.review_state == "needs_review" else ""
    return f"{stored.id:>5}  " + " · ".join(p for p in parts if p) + flag


def _details(stored: StoredContact) -> str:
    contact = stored.contact
    lines = [f"#{stored.id}  {contact.formatted_name or '(no name)'}", f"  uid: {stored.uid}"]
    for label, field in (("title", contact.title), ("organization", contact.organization),
                         ("department", contact.department)):  # fmt: skip
        if field:
            lines.append(f"  {label}: {field.value}  ({field.confidence:.0%})")
    lines += [f"  email: {e.address}  ({e.confidence:.0%})" for e in contact.emails]
    for phone in contact.phones:
        shown = phone.e164 if phone.valid else f"{phone.raw} (not validated)"
        lines.append(f"  phone ({phone.type}): {shown}{' x' + phone.extension if phone.extension else ''}")
    lines += [f"  web: {w.url}" for w in contact.websites]
    for address in contact.addresses:
        parts = (address.street, address.city, address.region, address.postal_code, address.country)
        lines.append("  address: " + ", ".join(p for p in parts if p))
    if contact.note:
        lines.append(f"  note: {contact.note}")
    lines += [f"  warning ({w.field or 'card'}): {w.message}" for w in contact.warnings]
    lines.append(f"  review: {stored.review_state}; source: {stored.source}")
    if stored.edited_fields:
        lines.append(f"  edited by hand: {', '.join(stored.edited_fields)}")
    if stored.image_path:
        lines.append(f"  image: {stored.image_path}")
    lines.append(f"  created {stored.created_at:%Y-%m-%d %H:%M} UTC, updated {stored.updated_at:%Y-%m-%d %H:%M} UTC")
    return "\n".join(lines)


def _as_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contacts_app.command("list")
def list_contacts(
    search: Annotated[str | None, typer.Option("--search", "-s", help="Only contacts matching every word.")] = None,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """List the stored contacts (ID, name, title, company, first email and phone)."""
    from capture.store.exports import stored_to_record

    with reported_errors():
        found = open_store(db).list(search)
    if as_json:
        _as_json([stored_to_record(s) for s in found])
        return
    for stored in found:
        typer.echo(_summary(stored))
    if not found:
        typer.echo("No contacts." if not search else f"No contact matches {search!r}.", err=True)


@contacts_app.command()
def show(ref: RefArg, as_json: JsonOpt = False, db: DbOpt = None) -> None:
    """Show one contact with every field, its confidence and warnings."""
    from capture.store.exports import stored_to_record

    with reported_errors():
        stored = open_store(db).get(ref)
    if as_json:
        _as_json(stored_to_record(stored))
    else:
        typer.echo(_details(stored))


@contacts_app.command()
def edit(
    ref: RefArg,
    set_: Annotated[
        list[str],
        typer.Option("--set", help='field=value, repeatable: --set title="CTO" --set email=a@b.example'),
    ],
    db: DbOpt = None,
) -> None:
    """Correct fields by hand; a later scan of the same person never overwrites them."""
    changes: dict[str, str] = {}
    for item in set_:
        field, sep, value = item.partition("=")
        if not sep or not field.strip():
            typer.echo(f"cardcap: --set {item!r} is not field=value.", err=True)
            raise typer.Exit(int(ExitCode.USAGE))
        changes[field.strip()] = value
    with reported_errors():
        stored = open_store(db).edit(ref, changes)
    typer.echo(_details(stored))


@contacts_app.command()
def delete(
    ref: RefArg,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: DbOpt = None,
) -> None:
    """Delete a contact."""
    with reported_errors():
        store = open_store(db)
        stored = store.get(ref)
        if not yes and not typer.confirm(f"Delete #{stored.id} {stored.name}?"):
            raise typer.Exit(1)
        store.delete(stored.id)
    typer.echo(f"deleted #{stored.id} {stored.name}")


@contacts_app.command()
def merge(
    a: Annotated[str, typer.Argument(help="The contact to keep.")],
    b: Annotated[str, typer.Argument(help="The duplicate, folded into the first and removed.")],
    db: DbOpt = None,
) -> None:
    """Merge a duplicate into another contact (the first keeps its ID, UID and values)."""
    with reported_errors():
        stored = open_store(db).merge(a, b)
    typer.echo(_details(stored))


@contacts_app.command("import")
def import_vcf(
    file: Annotated[Path, path_argument("A .vcf file with one or more vCards.")],
    db: DbOpt = None,
) -> None:
    """Import contacts from a vCard file (matched to existing ones by UID, email or phone).

    vCard 2.1 (older phones, Outlook: quoted-printable, charsets), 3.0 and 4.0 are read. A NOTE
    longer than 20,000 characters is cut and any other value over 1,000 characters left out, each
    with a warning on stderr and on the contact."""
    with reported_errors():
        outcomes = open_store(db).import_vcf(file, on_warning=lambda line: typer.echo(f"warning: {line}", err=True))
    for outcome in outcomes:
        typer.echo(f"{outcome.action:>9}  #{outcome.stored.id} {outcome.stored.name}")


def export_command(
    format_: Annotated[str, typer.Option("--format", "-f", help="vcf, csv or json.")] = "vcf",
    csv_style: Annotated[str, typer.Option("--csv-style", help="CSV columns for: google or outlook.")] = "google",
    output: Annotated[Path | None, path_option("--output", "-o", help="File to write (default: stdout).")] = None,
    carddav: Annotated[
        str | None, typer.Option("--carddav", help="Sync to this CardDAV address book URL instead of a file.")
    ] = None,
    user: Annotated[str | None, typer.Option("--user", help="CardDAV user name.")] = None,
    password_env: Annotated[
        str | None, typer.Option("--password-env", help="Name of the environment variable holding the password.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite cards that were changed on the server.")] = False,
    vcard_version: Annotated[str, typer.Option("--vcard-version", help="3.0 or 4.0.")] = "3.0",
    search: Annotated[str | None, typer.Option("--search", "-s", help="Only contacts matching every word.")] = None,
    db: DbOpt = None,
) -> None:
    """Export the contact store: a vCard, CSV (Google/Outlook) or JSON file, or a CardDAV address book."""
    with reported_errors():
        store = open_store(db)
        if carddav:
            _sync(store, carddav, user, password_env, force)
            return
        text = _render(store.list(search), format_, csv_style, vcard_version)
        if output:
            write_atomic(output, text)
            typer.echo(f"wrote {output}", err=True)
        else:
            sys.stdout.write(text)


def _render(contacts: list[StoredContact], format_: str, csv_style: str, vcard_version: str) -> str:
    from capture.store.csvexport import CSV_STYLES, export_csv
    from capture.store.exports import export_json, export_vcf

    if format_ == "vcf":
        if vcard_version not in ("3.0", "4.0"):
            raise SettingsError(f"The vCard version {vcard_version!r} is not supported; choose 3.0 or 4.0.")
        return export_vcf(contacts, vcard_version)
    if format_ == "json":
        return export_json(contacts)
    if format_ == "csv":
        if csv_style not in CSV_STYLES:
            raise SettingsError(f"The CSV style {csv_style!r} is unknown; choose google or outlook.")
        return export_csv(contacts, csv_style)
    raise SettingsError(f"The export format {format_!r} is unknown; choose vcf, csv or json.")


def _sync(store: ContactStore, url: str, user: str | None, password_env: str | None, force: bool) -> None:
    from capture.store.carddav import CardDavClient, sync_store

    password = None
    if password_env:
        password = os.environ.get(password_env)
        if password is None:
            raise SettingsError(f"The environment variable {password_env} (for --password-env) is not set.")
    with CardDavClient(url, user=user, password=password) as client:
        report = sync_store(store, client, force=force)
    typer.echo(report.summary)
    if report.conflicts:
        raise typer.Exit(int(ExitCode.PARTIAL))
