"""The store's connection layer: one ``DatabaseProxy`` for SQLite (default) and PostgreSQL.

``connect_database(url)`` makes the peewee ``Database`` for ``sqlite:///path`` or
``postgresql://…`` (through ``playhouse.db_url``) and binds the global proxy to it; it
does not look at the schema. ``viver_tui.store.open_database`` is what callers use: it
checks the file, connects and brings the schema up to date (this module sits below the
models and migrations, and imports neither).

Services wrap their work in ``reading(db)`` or ``writing(db)``: a connection per thread
(Textual workers are threads), and for writes a transaction that takes SQLite's write
lock up front (``BEGIN IMMEDIATE``), which is what keeps concurrent terminals from
failing with "database is locked" half-way through.

A SQLite file, its ``-wal``/``-shm`` files (SQLite gives them the database file's mode)
and its folder are created private (0600 / 0700) whatever the umask. A password in a
PostgreSQL URL is never shown: ``mask_url`` and ``redact`` (from ``viver_tui.private``,
stdlib only, so the app can mask before peewee is imported) are the one place that hides
it.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar
from urllib.parse import urlparse

import peewee
from playhouse.db_url import connect

from viver_tui.db_errors import explain
from viver_tui.errors import DatabaseError
from viver_tui.locale import t
from viver_tui.private import (
    create_private_file,
    is_sqlite_url,
    mask_url,
    private_dir,
    redact,
    sqlite_path,
)

__all__ = [  # the URL and file helpers are offered here too, with the store
    "create_private_file",
    "is_sqlite_url",
    "mask_url",
    "private_dir",
    "redact",
    "sqlite_path",
]

database = peewee.DatabaseProxy()
T = TypeVar("T")


SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "secure_delete": 1,  # erased personal data is overwritten, not left in free pages
    # FULL: every commit is on disk (the WAL is synced) before it is reported done. With
    # NORMAL a power cut can roll back *several* of the last commits (everything since
    # the last checkpoint's sync), i.e. orders staff were told were confirmed. FULL cost
    # 0.5 ms p99 per commit here (NORMAL 0.1 ms).
    "synchronous": "full",
    "cache_size": -2_000,  # 2 MB a connection: the OS caches the file; see screens/base.py
}
SQLITE_BUSY_TIMEOUT_S = 10.0


def is_sqlite(db: peewee.Database | peewee.DatabaseProxy) -> bool:
    target = db.obj if isinstance(db, peewee.DatabaseProxy) else db
    return isinstance(target, peewee.SqliteDatabase)


def connect_url(url: str) -> peewee.Database:
    """Make (not yet open) a peewee Database for ``url``; raise DatabaseError if unusable.

    A SQLite file that does not exist yet is created here, private, with its folder.
    """
    scheme = urlparse(url).scheme
    if scheme.startswith("sqlite"):
        path = sqlite_path(url)
        if path is not None:
            try:
                private_dir(path.parent)
                create_private_file(path)
            except OSError as exc:
                raise DatabaseError(
                    t("db.cannot_create", path=path, error=exc.strerror)
                ) from exc
        return connect(url, pragmas=SQLITE_PRAGMAS, timeout=SQLITE_BUSY_TIMEOUT_S)
    if scheme.startswith("postgres"):
        try:
            return connect(url)
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise DatabaseError(t("db.no_pg_driver")) from exc
    raise DatabaseError(t("db.unknown_url", url=mask_url(url)))


def connect_database(url: str) -> peewee.Database:
    """Make the Database for ``url`` and bind the global proxy (models use it) to it."""
    db = connect_url(url)
    database.initialize(db)
    return db


def explain_operational_error(exc: BaseException, url: str = "") -> str:
    """One line saying what a store error means (``db_errors.explain``)."""
    return explain(exc, url)


def url_of(db: peewee.Database | peewee.DatabaseProxy) -> str:
    """The URL of the database ``db`` is connected to, for messages (SQLite: its file;
    PostgreSQL: host and database, no password)."""
    target = db.obj if isinstance(db, peewee.DatabaseProxy) else db
    if target is None:
        return ""
    if isinstance(target, peewee.SqliteDatabase):
        return f"sqlite:///{target.database}"
    params = getattr(target, "connect_params", {}) or {}
    host = params.get("host", "")
    return f"postgresql://{host}/{target.database}"


@contextmanager
def reading(db: peewee.Database | peewee.DatabaseProxy) -> Iterator[None]:
    """Make sure this thread has a connection for the block.

    The connection stays open afterwards: Textual runs thread workers on a reused pool,
    and reconnecting (SQLite pragmas, a PostgreSQL handshake) would cost more than the
    queries it serves. ``forget_connection`` drops a connection after an error.
    """
    if db.is_closed():
        db.connect()
    yield


def forget_connection(db: peewee.Database | peewee.DatabaseProxy) -> None:
    """Close this thread's connection (after a failure) so the next call reconnects."""
    try:
        if not db.is_closed() and not db.in_transaction():
            db.close()
    except peewee.PeeweeException:
        pass


@contextmanager
def writing(db: peewee.Database | peewee.DatabaseProxy) -> Iterator[None]:
    """A connection and one transaction; SQLite takes its write lock at BEGIN."""
    with reading(db):
        if db.in_transaction():
            with db.atomic():  # nested: a savepoint inside the caller's transaction
                yield
        elif is_sqlite(db):
            failed: peewee.PeeweeException | None = None
            try:
                with db.atomic("IMMEDIATE"):
                    yield
            except peewee.OperationalError as exc:
                failed = _what_failed(exc)
                if failed is exc:
                    raise
            if failed is not None:
                # Raised outside the except block, so it keeps its own context (the
                # driver's error, with the code that says what happened).
                raise failed
        else:
            with db.atomic():
                yield


def _what_failed(exc: peewee.OperationalError) -> peewee.PeeweeException:
    """The error that ended the transaction. When a write fails with the disk full or
    an I/O error, SQLite rolls the transaction back itself, and peewee's own rollback
    then fails with "cannot rollback - no transaction is active" — which would hide the
    cause (nothing was corrupted, and the disk needs space)."""
    seen: BaseException | None = exc
    while seen is not None and "no transaction is active" in str(seen):
        seen = seen.__context__
    return seen if isinstance(seen, peewee.PeeweeException) else exc


# SQLSTATEs of transactions PostgreSQL aborted because of another one: serialization
# failure and deadlock detected. Both roll the whole transaction back, so running it
# again from the start is safe — and the cure.
CONFLICT_SQLSTATES = frozenset({"40001", "40P01"})
RETRY_ATTEMPTS = 5


def is_conflict(exc: BaseException) -> bool:
    """True for a PostgreSQL serialization failure or deadlock (peewee wraps the
    driver's error: it may be the error's first argument, its cause or its context)."""
    seen: BaseException | None = exc
    for _ in range(4):
        if seen is None:
            return False
        if getattr(seen, "pgcode", None) in CONFLICT_SQLSTATES:
            return True
        inner = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        seen = inner or seen.__cause__ or seen.__context__
    return False


def retrying(
    db: peewee.Database | peewee.DatabaseProxy,
    transaction: Callable[[], T],
    *,
    attempts: int = RETRY_ATTEMPTS,
) -> T:
    """Run ``transaction`` (a function that opens and commits its own ``writing``
    block) and run it again, a bounded number of times with a short random pause, if
    PostgreSQL aborted it as a concurrency conflict; then give up with a DatabaseError
    that says so. Inside a caller's transaction nothing can be retried: it runs once.
    """
    if db.in_transaction():
        return transaction()
    for attempt in range(1, attempts + 1):
        try:
            return transaction()
        except peewee.PeeweeException as exc:
            if not is_conflict(exc):
                raise
            if attempt == attempts:
                from viver_tui.locale import t

                raise DatabaseError(t("error.db_conflict", count=attempts)) from exc
            time.sleep(random.uniform(0, 0.005 * 2**attempt))
    raise AssertionError("unreachable")  # pragma: no cover
