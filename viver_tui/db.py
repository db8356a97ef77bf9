"""Opening the store: one ``DatabaseProxy`` for SQLite (default) and PostgreSQL alike.

``open_database(url)`` connects ``sqlite:///path`` or ``postgresql://…`` through
``playhouse.db_url``, checks the schema version and creates or upgrades the schema.
Services wrap their work in ``reading(db)`` or ``writing(db)``: a connection per thread
(Textual workers are threads), and for writes a transaction that takes SQLite's write
lock up front (``BEGIN IMMEDIATE``), which is what keeps concurrent terminals from
failing with "database is locked" half-way through.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import peewee
from playhouse.db_url import connect

from viver_tui.errors import DatabaseError

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "secure_delete": 1,  # erased personal data is overwritten, not left in free pages
    "synchronous": "normal",  # safe with WAL; a power cut loses at most the last commit
    "cache_size": -2_000,  # 2 MB a connection: the OS caches the file; see screens/base.py
}
SQLITE_BUSY_TIMEOUT_S = 10.0


def is_sqlite(db: peewee.Database | peewee.DatabaseProxy) -> bool:
    target = db.obj if isinstance(db, peewee.DatabaseProxy) else db
    return isinstance(target, peewee.SqliteDatabase)


def connect_url(url: str) -> peewee.Database:
    """Make (not yet open) a peewee Database for ``url``; raise DatabaseError if unusable."""
    scheme = urlparse(url).scheme
    if scheme.startswith("sqlite"):
        path = urlparse(url).path
        if path and path != "/:memory:":
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(
                    f"Kan ikke opprette mappen for databasen {path}: {exc.strerror}."
                ) from exc
        return connect(url, pragmas=SQLITE_PRAGMAS, timeout=SQLITE_BUSY_TIMEOUT_S)
    if scheme.startswith("postgres"):
        try:
            return connect(url)
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise DatabaseError(
                "PostgreSQL-driveren mangler. Installer med: pip install 'viver_tui[postgres]'."
            ) from exc
    raise DatabaseError(
        f"Ukjent database-adresse «{url}». Bruk sqlite:///sti/til/fil.db eller "
        "postgresql://bruker@vert/database."
    )


def open_database(url: str, *, upgrade: bool = True) -> peewee.Database:
    """Bind the global proxy to ``url`` and bring its schema up to date.

    Raises DatabaseError (with a message saying what to do) when the database cannot
    be reached, is locked, or was written by a newer release.
    """
    from viver_tui import migrations  # models import this module; import late

    db = connect_url(url)
    database.initialize(db)
    try:
        with reading(db):
            migrations.check_and_upgrade(db, upgrade=upgrade)
    except peewee.OperationalError as exc:
        raise DatabaseError(explain_operational_error(exc, url)) from exc
    return db


def explain_operational_error(exc: Exception, url: str = "") -> str:
    text = str(exc)
    if "locked" in text:
        return (
            "Databasen er låst av et annet program. Vent litt og prøv igjen; "
            "hjelper ikke det, lukk andre vinduer med viver."
        )
    if "unable to open" in text or "readonly" in text:
        return f"Kan ikke åpne databasen {url}: {text}. Sjekk sti og tilganger."
    if "could not connect" in text or "Connection refused" in text:
        return f"Får ikke kontakt med databaseserveren ({url}). Sjekk at den kjører."
    return f"Databasefeil: {text}"


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
            with db.atomic("IMMEDIATE"):
                yield
        else:
            with db.atomic():
                yield
