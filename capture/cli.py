"""The `cardcap` command: a thin layer over the library (`capture.api`, `capture.batch`, ...)."""

from __future__ import annotations

import importlib
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from capture.cliutil import path_argument, path_option, reported_errors
from capture.errors import CardcapError, ExitCode, InputFileError
from capture.settings import Settings

if TYPE_CHECKING:
    from rich.console import Console

DEFAULTS = Settings()

EXIT_CODES_HELP = """
Exit codes: 0 done; 1 a batch finished but some files failed (or were not saved); 2 bad options;
3 a file is not a readable card image (or a folder has none); 4 no text found on the image;
5 Tesseract or another required part is not installed; 6 an invalid setting;
7 the contact store, a server (address book, calendar, mail) or the Dask cluster failed; 8 any other
request refused, with a sentence saying why (a follow-up plan that ended, a step already done, the same
interview twice, another batch writing to the same --out, an output that cannot be written).
"""

# The commands that live beside their library, as (module, attribute, one-line help): each is
# imported only when it runs or its own help is asked for, so `cardcap --help` and `cardcap scan`
# never load the store, the web app or the follow-up planner.
LAZY_COMMANDS = {
    "followup": (
        "followup.cli",
        "app",
        "The interview follow-up plan: start, due, done, run (sends and notices replies), export.",
    ),
    "contacts": ("capture.store.cli", "contacts_app", "The contact store: list, show, edit, merge, import."),
    "export": ("capture.store.cli", "export_command", "Export the contact store as vCard, CSV or JSON."),
    "serve": ("capture.web.cli", "serve_command", "Serve the web app: scan a card with a phone, review, save."),
}


class LazyCommands(TyperGroup):
    """A command group whose `LAZY_COMMANDS` are loaded on first use."""

    def list_commands(self, ctx: Any) -> list[str]:
        return [*super().list_commands(ctx), *(name for name in LAZY_COMMANDS if name not in self.commands)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            self.commands[cmd_name] = load_command(cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list, with the lazy commands' one-line help (nothing is imported for it)."""
        rows = []
        for name in self.list_commands(ctx):
            if name in LAZY_COMMANDS and name not in self.commands:
                rows.append((name, LAZY_COMMANDS[name][2]))
                continue
            command = super().get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 6 - len(name))))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def load_command(name: str) -> Any:
    """The click command for a `LAZY_COMMANDS` entry (a Typer app, or one command function), as
    `app.add_typer` / `app.command` would have made it."""
    module, attribute, short_help = LAZY_COMMANDS[name]
    target = getattr(importlib.import_module(module), attribute)
    holder = typer.Typer(add_completion=False, rich_markup_mode=None, pretty_exceptions_enable=False)
    if isinstance(target, typer.Typer):
        holder.add_typer(target, name=name, help=short_help)
        return typer.main.get_command(holder).commands[name]  # type: ignore[attr-defined]
    holder.command(name=name)(target)
    command = typer.main.get_command(holder)  # one command: Typer returns it, not a group
    command.name = name
    return command


app = typer.Typer(
    name="cardcap",
    cls=LazyCommands,
    help=(
        "Turn photos and scans of business cards into contacts (vCard, JSON, address book), "
        "and follow up after the interview.\n\n"
        "Examples:\n\n"
        "  cardcap scan card.jpg --region GB            # vCard 3.0 to the terminal\n\n"
        "  cardcap scan a.jpg b.heic --format json -o cards.json\n\n"
        "  cardcap batch ~/scans --out ~/contacts --workers 2\n\n"
        "  cardcap batch ~/scans --out ~/contacts --cluster tcp://10.0.0.5:8786\n\n"
        "  cardcap followup start card.jpg --interview '2026-12-01 14:00'\n\n"
        "  cardcap followup run     # from cron or a systemd timer\n\n"
        + EXIT_CODES_HELP
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)


RegionOpt = Annotated[
    str, typer.Option("--region", "-r", help="Country (ISO 3166, e.g. US, GB, BR) for numbers printed without +code.")
]
LangOpt = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="The language the cards are printed in (ja, zh-Hans, zh-Hant, ko, de, fr, es, it, nl, pt, en) or "
        "Tesseract's languages (eng+jpn). Default: told from each card.",
    ),
]
EngineOpt = Annotated[
    str, typer.Option("--engine", help="OCR reader: both (Tesseract and PP-OCR, reconciled), tesseract, or ppocr.")
]
VersionOpt = Annotated[str, typer.Option("--vcard-version", help="vCard version to write: 3.0 or 4.0.")]
ClusterOpt = Annotated[
    str | None,
    typer.Option(
        "--cluster",
        help="Read on the Dask cluster whose scheduler is at this address, e.g. tcp://HOST:8786 "
        "(default: $CARDCAP_CLUSTER; none: read on this machine).",
    ),
]
DbOpt = Annotated[
    str | None, typer.Option("--db", help="Contact store: a SQLAlchemy URL or SQLite file (default: $CARDCAP_DB).")
]


def build_settings(**values: Any) -> Any:
    from capture.settings import Settings, parse_languages

    if "languages" in values and values["languages"] is None:
        del values["languages"]  # told from each card
    elif "languages" in values and isinstance(values["languages"], str):
        values["languages"] = parse_languages(values["languages"])
        values["detect_language"] = False
    return Settings(**values)


@app.command()
def scan(
    images: Annotated[list[Path], path_argument("One or more card images (JPEG, PNG, TIFF, WebP, HEIC).")],
    region: RegionOpt = DEFAULTS.region,
    lang: LangOpt = None,
    engine: EngineOpt = DEFAULTS.engine,
    output_format: Annotated[str, typer.Option("--format", "-f", help="vcard (default) or json.")] = "vcard",
    output: Annotated[Path | None, path_option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    vcard_version: VersionOpt = DEFAULTS.vcard_version,
    embed_photo: Annotated[bool, typer.Option("--embed-photo", help="Put the card image in the vCard.")] = False,
    note: Annotated[bool, typer.Option("--note", help="Put the raw OCR text in the vCard's NOTE.")] = False,
    check_mx: Annotated[bool, typer.Option("--check-mx", help="Check email domains' DNS (needs network).")] = False,
    debug_dir: Annotated[
        Path | None, path_option("--debug-dir", help="Write the image after each preprocessing stage here.")
    ] = None,
    save: Annotated[bool, typer.Option("--save", help="Also save the contacts in the contact store.")] = False,
    db: DbOpt = None,
) -> None:
    """Read business cards and print them as vCards (or JSON).

    A scan holding several cards gives one contact per card. Files that cannot be read are
    named on stderr and the others are still printed.

    Examples:

      cardcap scan card.jpg

      cardcap scan card.jpg --region DE --format json

      cardcap scan *.jpg -o contacts.vcf --save
    """
    err = err_console()
    from capture.api import scan_image
    from capture.atomic import write_output
    from capture.export import contact_to_vcard, join_vcards, result_to_record
    from capture.export.photo import shrink_jpeg

    if output_format not in ("vcard", "json"):
        err.print(f"cardcap: --format must be vcard or json, not {output_format!r}.")
        raise typer.Exit(int(ExitCode.USAGE))
    with reported_errors():
        settings = build_settings(
            region=region,
            languages=lang,
            engine=engine,
            vcard_version=vcard_version,
            embed_photo=embed_photo,
            include_note=note,
            check_mx=check_mx,
            debug_dir=debug_dir,
        )
    store = _open_store(db) if save else None
    vcards: list[str] = []
    records: list[dict] = []
    failures: list[CardcapError] = []
    for image in images:
        try:
            results = scan_image(image, settings)
        except CardcapError as error:
            err.print(f"cardcap: {error}", markup=False, highlight=False)
            failures.append(error)
            continue
        for result in results:
            photo = shrink_jpeg(result.card_jpeg) if embed_photo and result.card_jpeg else None
            vcards.append(
                contact_to_vcard(
                    result.contact,
                    version=settings.vcard_version,
                    photo_jpeg=photo,
                    note=result.text if note else None,
                )
            )
            records.append(result_to_record(result))
            if store is not None:
                with reported_errors():
                    outcome = store.save_result(result, image_path=str(image.resolve()))
                err.print(f"saved {result.contact.formatted_name or image.name}: {outcome.action}", highlight=False)
    text = (
        join_vcards(vcards)
        if output_format == "vcard"
        else json.dumps(records[0] if len(records) == 1 and len(images) == 1 else records, indent=2, ensure_ascii=False)
        + "\n"
    )
    if records or output_format == "json":
        if output:
            with reported_errors():
                write_output(output, text)
        else:
            sys.stdout.write(text)
    if failures:
        codes = {int(f.exit_code) for f in failures}
        raise typer.Exit(codes.pop() if len(codes) == 1 and not records else int(ExitCode.PARTIAL))


def _open_store(db: str | None) -> Any:
    from capture.store.contacts import ContactStore

    with reported_errors():
        return ContactStore.open(db)


@app.command()
def batch(
    folder: Annotated[Path, path_argument("Folder of card images; subfolders are included.")],
    out: Annotated[Path, path_option("--out", "-o", help="Output folder for vCards, JSON and the report.")],
    region: RegionOpt = DEFAULTS.region,
    lang: LangOpt = None,
    engine: EngineOpt = DEFAULTS.engine,
    workers: Annotated[int, typer.Option("--workers", "-w", help="Worker processes (default: all cores).")] = 0,
    cluster: ClusterOpt = None,
    shared_paths: Annotated[
        bool,
        typer.Option(
            "--shared-paths",
            help="With --cluster: the workers see FOLDER at the same path (a shared disk), so they open "
            "the files themselves instead of being sent each image.",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Read again cards that an earlier run finished.")] = False,
    vcard_version: VersionOpt = DEFAULTS.vcard_version,
    note: Annotated[bool, typer.Option("--note", help="Put the raw OCR text in each vCard's NOTE.")] = False,
    save: Annotated[bool, typer.Option("--save", help="Also save the contacts in the contact store.")] = False,
    db: DbOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary instead of a table.")] = False,
) -> None:
    """Read every image under FOLDER into OUT: <name>.vcf and <name>.json per card,
    contacts.vcf with all of them, and report.csv with one row per file.

    A card is named after its image (card.jpg -> card; the cards of a sheet: pair-1, pair-2).
    Names never clash: of card.jpg and card.png the second becomes card_png, of a/card.jpg and
    b/card.jpg the second b__card, an image called contacts or report contacts_jpg; a name once
    given is kept on every rerun.

    Every file under FOLDER gets a row in the report: ok, failed, skipped, duplicate, not saved
    (the contact store was busy: run again), unsupported (a GIF, a PDF), unreadable (a subfolder
    that cannot be listed), skipped: symlink loop, skipped: dangling symlink, skipped: folder seen
    before. Each one not read is named on stderr, and the others go on. Running again skips cards
    already done (matched by content, so renamed files are not read twice) unless --force;
    outputs are written atomically, so an interrupted run loses nothing. One batch at a time
    writes to an OUT: a second is refused (exit 8).

    Examples:

      cardcap batch scans/ --out contacts/

      cardcap batch scans/ --out contacts/ --region GB --workers 2 --save

      cardcap batch scans/ --out contacts/ --cluster tcp://10.0.0.5:8786 --save --db postgresql://...

    With --cluster (or $CARDCAP_CLUSTER) the cards are read by the workers of a Dask cluster
    (`dask scheduler`, `dask worker ADDRESS --nthreads 1` on each machine); this machine writes
    the same files as a local run. A lost cluster exits with 7 after writing what was finished:
    run the same command again to resume.
    """
    err = err_console()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from capture.batch import BatchItem, run_batch
    from capture.cluster import cluster_address
    from capture.manifest import DUPLICATE, OK, SKIPPED

    with reported_errors():
        settings = build_settings(
            region=region, languages=lang, engine=engine, vcard_version=vcard_version, include_note=note
        )
        if folder.is_dir() and not os.access(folder, os.R_OK | os.X_OK):  # else it would look empty
            raise InputFileError(folder, "cannot be read (permission denied)")
        address = cluster_address(cluster)
    store = _open_store(db) if save else None

    def save_to_store(result: Any, path: Path) -> None:
        assert store is not None
        outcome = store.save_result(result, image_path=str(path.resolve()))
        if not as_json:
            err.print(f"saved {result.contact.formatted_name or path.name}: {outcome.action}", highlight=False)

    progress = Progress(
        TextColumn("reading cards"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[last]}"),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    )
    task_id = progress.add_task("cards", total=None, last="")

    def on_item(item: BatchItem) -> None:
        progress.update(task_id, advance=1, last=item.file)
        if item.status not in (OK, SKIPPED, DUPLICATE):  # a failure, or a file passed over: one line each
            progress.console.print(f"cardcap: {item.error}", markup=False, highlight=False)

    with reported_errors(), progress:
        summary = run_batch(
            folder,
            out,
            settings,
            workers=workers or None,
            force=force,
            cluster=address,
            shared_paths=shared_paths,
            on_item=on_item,
            on_start=lambda total: progress.update(task_id, total=total),
            sink=save_to_store if store is not None else None,
        )
    if as_json:
        print(
            json.dumps(
                {
                    "out": str(summary.out_dir),
                    "cards": summary.cards,
                    "failed": summary.failed,
                    "skipped": summary.skipped,
                    "seconds": round(summary.seconds, 2),
                    "files": [
                        {"file": i.file, "status": i.status, "outputs": list(i.outputs), "error": i.error}
                        for i in summary.items
                    ],
                },
                indent=2,
            )
        )
    else:
        print_batch_table(summary.out_dir, summary.items)
        done = sum(1 for i in summary.items if i.status == "ok")
        err.print(
            f"{summary.cards} cards in {out} ({done} read now, {summary.skipped} already done or duplicate, "
            f"{summary.failed} failed) in {summary.seconds:.1f} s; report: {out / 'report.csv'}",
            highlight=False,
        )
    if summary.failed:
        raise typer.Exit(int(ExitCode.PARTIAL))


def print_batch_table(out_dir: Path, items: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    from capture.manifest import FAILURES

    table = Table("name", "title", "company", "email", "phone", "file", show_lines=False)
    for item in items:
        for stem in item.outputs:
            record_path = out_dir / f"{stem}.json"
            if not record_path.exists():
                continue
            contact = json.loads(record_path.read_text(encoding="utf-8"))["contact"]
            table.add_row(
                (contact.get("name") or {}).get("full", ""),
                (contact.get("title") or {}).get("value", ""),
                (contact.get("organization") or {}).get("value", ""),
                ", ".join(e["address"] for e in contact.get("emails", [])),
                ", ".join(p["e164"] for p in contact.get("phones", [])[:2]),
                item.file + (f" #{stem.rsplit('-', 1)[-1]}" if len(item.outputs) > 1 else ""),
            )
        if item.status in FAILURES:
            table.add_row(f"[red]{item.status}[/red]", "", "", "", "", f"{item.file}: {item.error.split(': ', 1)[-1]}")
    Console(width=160).print(table)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
