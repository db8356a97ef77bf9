"""Schema 4: ``customer.version``, the optimistic lock of the customer form.

Existing customers start at version 1; every save bumps it, and a form opened on an
older version is refused instead of overwriting what changed since.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.columns import add_missing_counter

    add_missing_counter(db, "customer", "version")
