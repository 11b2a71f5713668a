"""What every `cardcap` subcommand shares: cardcap's errors become one sentence and an exit code."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

from capture.errors import CardcapError, ExitCode


@contextmanager
def reported_errors() -> Iterator[None]:
    """Turn cardcap's errors into one sentence on stderr and the documented exit code.

    Anything else is a bug and keeps its traceback; Ctrl-C ends quietly, since every output
    cardcap writes is written atomically and nothing half-done is left behind."""
    try:
        yield
    except CardcapError as error:
        hint = getattr(error, "terminal_hint", "")
        typer.echo(f"cardcap: {error}" + (f" {hint}" if hint else ""), err=True)
        raise typer.Exit(int(error.exit_code)) from None
    except KeyboardInterrupt:
        typer.echo("cardcap: interrupted; what was already written is kept.", err=True)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


# Paths are given to Click unchecked: cardcap opens them itself and says in one sentence what is
# wrong (exit 3), where Click's own check ("Invalid value ... is not readable") would exit 2.
def path_argument(help: str) -> Any:
    return typer.Argument(help=help, readable=False)


def path_option(*names: str, help: str, **options: Any) -> Any:
    return typer.Option(*names, help=help, readable=False, **options)
