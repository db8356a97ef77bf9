"""What a failure of the store means to the person at the counter.

``run_service`` (the one place screens call services from) hands every exception that
is not a ``ViverError`` here. A driver error (locked, unreachable, disk full) becomes a
``DatabaseError`` with a Norwegian message, and this thread's connection is dropped so
the next call reconnects; anything else is a bug and is left to the error funnel.
Screens never import peewee or the store: this module does it for them.
"""

from __future__ import annotations

import peewee

from viver_tui.db import explain_operational_error, forget_connection
from viver_tui.errors import DatabaseError


def store_failure(
    db: peewee.Database | peewee.DatabaseProxy, error: BaseException
) -> DatabaseError | None:
    """The counter's message for a store error, or None when ``error`` is not one."""
    if not isinstance(error, peewee.PeeweeException):
        return None
    forget_connection(db)
    return DatabaseError(explain_operational_error(error))
