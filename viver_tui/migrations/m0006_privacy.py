"""Version 6: privacy and access control.

New tables ``staff``, ``consent``, ``access_request`` and ``pending_erasure``; new
columns ``customer.erased_at``, ``customer.deletable_from`` and ``order.deletable_from``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

VERSION = 6


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.columns import add_missing_columns
    from viver_tui.models import AccessRequest, Consent, PendingErasure, Staff

    db.create_tables([Staff, Consent, AccessRequest, PendingErasure], safe=True)
    add_missing_columns(
        db,
        migrator,
        "customer",
        {
            "erased_at": peewee.DateTimeField(null=True),
            "deletable_from": peewee.DateField(null=True),
        },
    )
    add_missing_columns(
        db, migrator, "order", {"deletable_from": peewee.DateField(null=True)}
    )
