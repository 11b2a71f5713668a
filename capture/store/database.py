"""Opening the store and keeping its schema current.

Each component (the contact store, the follow-up planner) owns a numbered list of migration
steps. A `schema_versions` table remembers how many steps of each component a database has run,
so an older database upgrades in place when it is opened, and a new component can be added
without touching the others. Every step runs in its own transaction.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.orm import DeclarativeBase

from capture.errors import StoreError

Migration = Callable[[Connection], None]

# Modules that register migrations when imported; opened in this order.
COMPONENT_MODULES = ("capture.store.tables", "followup.tables")

_MIGRATIONS: dict[str, list[Migration]] = {}

WRITE_OPTION = "cardcap_write"
ADVISORY_LOCK_KEY = 0x63617264  # "card": one lock for every cardcap writer on a PostgreSQL server


class Base(DeclarativeBase):
    """Declarative base for every table cardcap keeps."""


def register_migrations(component: str, steps: Sequence[Migration]) -> None:
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
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's own is deferred and
        # skips DDL), so every transaction, DDL included, is one real SQLite transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # The busy timeout first: switching to WAL needs a lock another process may hold.
        cursor.execute("PRAGMA busy_timeout=30000")
        # WAL lets a batch's workers and a web request write without losing each other's rows.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A writer takes the write lock up front: a deferred transaction that reads, then writes,
        # fails at once with "database is locked" when another process wrote in between.
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def writer(engine: Engine) -> Engine:
    """The same engine, whose transactions are serialized writers (read-check-write is atomic)."""
    return engine.execution_options(**{WRITE_OPTION: True})


def lock_for_writing(conn: Connection) -> None:
    """Serialize writers on servers too: PostgreSQL takes a transaction-scoped advisory lock.

    SQLite needs nothing here: `writer()` connections already began with BEGIN IMMEDIATE.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})


def _load_components() -> None:
    for module in COMPONENT_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise


def _schema_version(conn: Connection, component: str) -> int:
    row = conn.execute(text("SELECT version FROM schema_versions WHERE component = :c"), {"c": component}).first()
    return int(row[0]) if row else 0


def _run_step(conn: Connection, component: str, steps: list[Migration]) -> bool:
    """Run the next step of one component, if any; False when it is already current.

    Reading the version and running the step happen in one locked transaction, so two processes
    opening a new database at once cannot both run the same step.
    """
    current = _schema_version(conn, component)
    if current > len(steps):
        raise StoreError(
            f"The database's {component} schema is version {current}, newer than this cardcap "
            f"knows ({len(steps)}); upgrade cardcap."
        )
    if current == len(steps):
        return False
    steps[current](conn)
    if current == 0:
        conn.execute(text("INSERT INTO schema_versions (component, version) VALUES (:c, 1)"), {"c": component})
    else:
        conn.execute(
            text("UPDATE schema_versions SET version = :v WHERE component = :c"),
            {"v": current + 1, "c": component},
        )
    return True


def migrate(engine: Engine, only: dict[str, int] | None = None) -> dict[str, int]:
    """Run every step not yet run; returns each component's version afterwards.

    `only` limits components to a number of steps (tests build an old database with it).
    """
    _load_components()
    engine = writer(engine)
    with engine.begin() as conn:
        lock_for_writing(conn)
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS schema_versions "
                "(component VARCHAR(64) PRIMARY KEY, version INTEGER NOT NULL)"
            )
        )
    versions: dict[str, int] = {}
    for component, all_steps in _MIGRATIONS.items():
        steps = all_steps if only is None else all_steps[: only.get(component, len(all_steps))]
        while True:
            with engine.begin() as conn:
                lock_for_writing(conn)
                if not _run_step(conn, component, steps):
                    versions[component] = _schema_version(conn, component)
                    break
    return versions


def _with_driver(url: str) -> str:
    """A file path means a SQLite file; a bare postgresql:// URL means psycopg 3, not psycopg2."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def open_database(url: str | None = None, *, migrate_only: dict[str, int] | None = None) -> Engine:
    """An engine for the store at `url` (default: `default_database_url()`), schema brought up to date."""
    url = _with_driver(url or default_database_url())
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine)
        migrate(engine, migrate_only)
    except StoreError:
        raise
    except Exception as error:  # SQLAlchemy/driver errors: one sentence, no traceback
        raise StoreError(f"The contact store at {url} cannot be opened: {error}") from error
    return engine
