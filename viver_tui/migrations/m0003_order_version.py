"""Schema 3: ``order.version``, the version of an order's details (shelf, promised date,
notes) that a form was opened on; saving on an older one is refused (services/intake.py
``update_details``). Existing orders start at 1."""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.columns import add_missing_counter

    add_missing_counter(db, "order", "version")
