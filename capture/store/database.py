"""Opening the store and keeping its schema current.

Each component (the contact store, the follow-up planner) owns a numbered list of migration
steps. A `schema_versions` table remembers how many steps of each component a database has run,
so an older database upgrades in place when it is opened, and a new component can be added
without touching the others. Every step runs in its own transaction.
"""

from __future__ import annotations

import importlib
import os
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Session

from capture.errors import StoreError

Migration = Callable[[Connection], None]

# Modules that register migrations when imported; opened in this order.
COMPONENT_MODULES = ("capture.store.tables", "followup.tables")

_MIGRATIONS: dict[str, list[Migration]] = {}

WRITE_OPTION = "cardcap_write"
ADVISORY_LOCK_KEY = 0x63617264  # "card": one lock for every cardcap writer on a PostgreSQL server


T = TypeVar("T")


@dataclass(frozen=True)
class BusyPolicy:
    """How long a writer waits while another process holds the store's write lock.

    Each of `attempts` tries waits up to `wait` seconds for the lock (SQLite's busy timeout,
    PostgreSQL's lock_timeout); between tries the writer pauses `pause`, then twice that, and so
    on, so a lock held for a minute (a long import, a database browser left open) costs a few
    retries instead of a failed batch; after the last try the write fails with a `StoreError`."""

    # 30 s a try, as SQLite's busy timeout always was: writers that do not try again (the
    # follow-up planner's) keep the patience they had.
    wait: float = 30.0
    attempts: int = 3
    pause: float = 1.0
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    @property
    def patience(self) -> float:
        """Seconds a write waits in all before it gives up."""
        return self.wait * self.attempts + self.pause * (2 ** (self.attempts - 1) - 1)


DEFAULT_BUSY = BusyPolicy()
# The policy each engine was opened with, so every writer of that store (contacts, follow-up plans,
# CardDAV bookkeeping) waits and tries again the same way.
_BUSY_OF: weakref.WeakKeyDictionary[Engine, BusyPolicy] = weakref.WeakKeyDictionary()
BUSY_SQLSTATES = frozenset({"55P03", "40001", "40P01"})  # lock not available, serialization failure, deadlock
BUSY_SQLITE_CODES = frozenset({5, 6})  # SQLITE_BUSY, SQLITE_LOCKED


def is_busy(error: BaseException) -> bool:
    """Whether a database error means another process holds a lock (worth trying again)."""
    original = getattr(error, "orig", error)
    if getattr(original, "sqlstate", None) in BUSY_SQLSTATES:
        return True
    if getattr(original, "sqlite_errorcode", None) in BUSY_SQLITE_CODES:
        return True
    return "database is locked" in str(original).lower()


def where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def store_failure(engine: Engine, error: SQLAlchemyError) -> StoreError:
    """A database error as one sentence naming the store."""
    original = getattr(error, "orig", None) or error
    detail = " ".join(str(original).split()) or type(original).__name__
    return StoreError(f"The contact store at {where(engine)} failed: {detail}.")


def busy_of(engine: Engine) -> BusyPolicy:
    """The `BusyPolicy` the store was opened with (`open_database`), else the default."""
    return _BUSY_OF.get(engine, DEFAULT_BUSY)


def run_writing(engine: Engine, work: Callable[[Connection], T], busy: BusyPolicy | None = None) -> T:
    """Run `work` in one serialized write transaction, again after a pause while another process
    holds the lock (see `BusyPolicy`; by default the store's own); any database failure becomes a
    `StoreError` sentence. `work` may run more than once: it must only read and write the database."""
    busy = busy or busy_of(engine)
    for attempt in range(1, busy.attempts + 1):
        try:
            with writer(engine).begin() as conn:
                lock_for_writing(conn, busy.wait)
                return work(conn)
        except DBAPIError as error:
            if not is_busy(error):
                raise store_failure(engine, error) from error
            if attempt == busy.attempts:
                raise StoreError(
                    f"The contact store at {where(engine)} is busy: another program has held its write lock "
                    f"for over {round(busy.patience, 1):g} seconds, so nothing was written; try again once it is done."
                ) from None
            busy.sleep(busy.pause * 2 ** (attempt - 1))
        except SQLAlchemyError as error:
            raise store_failure(engine, error) from error
    raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover


def run_writing_session(engine: Engine, work: Callable[[Session], T], busy: BusyPolicy | None = None) -> T:
    """`run_writing` for ORM work: `work` gets a session inside the write transaction, flushed
    before it commits; what it returns must not be ORM rows (they end with the session)."""

    def in_session(conn: Connection) -> T:
        with Session(bind=conn) as session:
            result = work(session)
            session.flush()
            return result

    return run_writing(engine, in_session, busy)


def run_reading(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run `work` on a connection; any database failure becomes a `StoreError` sentence."""
    try:
        with engine.connect() as conn:
            return work(conn)
    except SQLAlchemyError as error:
        raise store_failure(engine, error) from error


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


def _configure_sqlite(engine: Engine, busy: BusyPolicy) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's own is deferred and
        # skips DDL), so every transaction, DDL included, is one real SQLite transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # The busy timeout first: switching to WAL needs a lock another process may hold.
        cursor.execute(f"PRAGMA busy_timeout={int(busy.wait * 1000)}")
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


def lock_for_writing(conn: Connection, wait: float | None = None) -> None:
    """Serialize writers on servers too: PostgreSQL takes a transaction-scoped advisory lock,
    waiting at most `wait` seconds for it and any other lock of the transaction (None: no limit).

    SQLite needs nothing here: `writer()` connections already began with BEGIN IMMEDIATE (and
    wait as long as the busy timeout set when the store was opened).
    """
    if conn.dialect.name == "postgresql":
        if wait is not None:
            conn.execute(text(f"SET LOCAL lock_timeout = {max(1, int(wait * 1000))}"))
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


def migrate(engine: Engine, only: dict[str, int] | None = None, busy: BusyPolicy = DEFAULT_BUSY) -> dict[str, int]:
    """Run every step not yet run; returns each component's version afterwards.

    `only` limits components to a number of steps (tests build an old database with it).
    """
    _load_components()

    def create_versions(conn: Connection) -> None:
        conn.execute(
            text(
                "CREATE TABLE IF NOT EXISTS schema_versions "
                "(component VARCHAR(64) PRIMARY KEY, version INTEGER NOT NULL)"
            )
        )

    run_writing(engine, create_versions, busy)
    versions: dict[str, int] = {}
    for component, all_steps in _MIGRATIONS.items():
        steps = all_steps if only is None else all_steps[: only.get(component, len(all_steps))]

        def next_step(conn: Connection, component: str = component, steps: list[Migration] = steps) -> int | None:
            return None if _run_step(conn, component, steps) else _schema_version(conn, component)

        while (version := run_writing(engine, next_step, busy)) is None:
            pass
        versions[component] = version
    return versions


def _with_driver(url: str) -> str:
    """A file path means a SQLite file; a bare postgresql:// URL means psycopg 3, not psycopg2."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def open_database(
    url: str | None = None, *, migrate_only: dict[str, int] | None = None, busy: BusyPolicy = DEFAULT_BUSY
) -> Engine:
    """An engine for the store at `url` (default: `default_database_url()`), schema brought up to date;
    `busy` says how long its writers wait for another process's lock."""
    url = _with_driver(url or default_database_url())
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            _configure_sqlite(engine, busy)
        _BUSY_OF[engine] = busy
        migrate(engine, migrate_only, busy)
    except StoreError:
        raise
    except Exception as error:  # SQLAlchemy/driver errors: one sentence, no traceback
        raise StoreError(f"The contact store at {url} cannot be opened: {error}") from error
    return engine
