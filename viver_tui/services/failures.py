"""What a failure of the store means to the person at the counter.

``run_service`` (the one place screens call services from) hands every exception that
is not a ``ViverError`` here. A store error (locked, unreachable, read-only, disk full,
damaged) becomes a ``DatabaseError`` with one Norwegian line naming the database's file
and what to do (``db_errors.explain``: never the driver's own text), and this thread's
connection is dropped so the next call reconnects; anything else is a bug and is left to
the error funnel. Screens never import peewee or the store: this module does it for them.
"""

from __future__ import annotations

import sqlite3

import peewee

from viver_tui.db import explain_operational_error, forget_connection, url_of
from viver_tui.errors import DatabaseError


def is_store_error(error: BaseException) -> bool:
    """peewee's errors, and a driver's own that got past peewee (a cursor's rows are
    fetched outside peewee's wrapper: damage found while reading them comes raw)."""
    if isinstance(error, peewee.PeeweeException | sqlite3.Error):
        return True
    return type(error).__module__.startswith("psycopg2")


def store_failure(
    db: peewee.Database | peewee.DatabaseProxy, error: BaseException
) -> DatabaseError | None:
    """The counter's message for a store error, or None when ``error`` is not one."""
    if not is_store_error(error):
        return None
    forget_connection(db)
    return DatabaseError(explain_operational_error(error, url_of(db)))
