"""Opening the store and keeping its schema current.

Each component (the contact store, the follow-up planner) owns a numbered list of migration
steps. A `schema_versions` table remembers how many steps of each component a database has run,
so an older database upgrades in place when it is opened, and a new component can be added
without touching the others. Every step runs in its own transaction.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import DeclarativeBase

from capture.errors import StoreError

Migration = Callable[[Connection], None]

# Modules that register migrations when imported; opened in this order.
COMPONENT_MODULES = ("capture.store.tables", "followup.tables")

_MIGRATIONS: dict[str, list[Migration]] = {}


class Base(DeclarativeBase):
    """Declarative base for every table cardcap keeps."""


def register_migrations(component: str, steps: list[Migration]) -> None:
    """Declare a component's schema as an ordered list of steps; never reorder or edit old steps."""
    _MIGRATIONS[component] = list(steps)


def default_database_url() -> str:
    """`CARDCAP_DB` if set (a SQLAlchemy URL or a file path), else a SQLite file in the user's data dir."""
    configured = os.environ.get("CARDCAP_DB", "").strip()
    if configured:
        return configured if "://" in configured else f"sqlite:///{Path(configured).expanduser()}"
    data_dir = Path(platformdirs.user_data_dir("cardcap"))
    return f"sqlite:///{data_dir / 'cardcap.sqlite3'}"


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        # WAL lets a batch's workers and a web request write without losing each other's rows.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


def _load_components() -> None:
    for module in COMPONENT_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise


def migrate(engine: Engine) -> dict[str, int]:
    """Run every step not yet run; returns each component's version afterwards."""
    _load_components()
    with engine.begin() as conn:
        conn.execute(
            text("CREATE TABLE IF NOT EXISTS schema_versions (component VARCHAR(64) PRIMARY KEY, version INTEGER NOT NULL)")
        )
    versions: dict[str, int] = {}
    for component, steps in _MIGRATIONS.items():
        with engine.begin() as conn:
            row = conn.execute(
                text("SELECT version FROM schema_versions WHERE component = :c"), {"c": component}
            ).first()
            current = row[0] if row else 0
            if current > len(steps):
                raise StoreError(
                    f"The database's {component} schema is version {current}, newer than this cardcap "
                    f"knows ({len(steps)}); upgrade cardcap."
                )
        for number in range(current, len(steps)):
            with engine.begin() as conn:
                steps[number](conn)
                if number == 0 and current == 0:
                    conn.execute(
                        text("INSERT INTO schema_versions (component, version) VALUES (:c, 1)"), {"c": component}
                    )
                else:
                    conn.execute(
                        text("UPDATE schema_versions SET version = :v WHERE component = :c"),
                        {"v": number + 1, "c": component},
                    )
        versions[component] = len(steps)
    return versions


def open_database(url: str | None = None) -> Engine:
    """An engine for the store at `url` (default: `default_database_url()`), schema brought up to date."""
    url = url or default_database_url()
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)
        migrate(engine)
    except StoreError:
        raise
    except Exception as error:  # SQLAlchemy/driver errors: one sentence, no traceback
        raise StoreError(f"The contact store at {url} cannot be opened: {error}") from error
    return engine
