"""Schema 8: the access log's person and action filters get indexes.

The admin's access log screen pages newest first; filtered by a person (compared
case-blind) or an action that matches little, it walked the whole log (a person not in
a log of a million entries: 0.4 s). ``(lower(staff), at)`` and ``(action, at)`` make
each page a short index range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.models import AuditEvent

    AuditEvent._schema.create_indexes(safe=True)  # IF NOT EXISTS: the others are there
