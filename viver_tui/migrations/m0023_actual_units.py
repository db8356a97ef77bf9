"""Schema 23: what the production room actually did on a medium (``media_item.actual_units``).

Minutes digitized or photos scanned, in the unit the medium's kind is charged by; the
invoice charges it instead of the intake estimate where it is recorded
(services/documents/work.py). A nullable column: every medium of an older database
comes in without a record (its invoice charges the estimate, as before). A plain
``ADD COLUMN``: ``media_item`` is referred to by other tables and must not be rebuilt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

VERSION = 23


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    if "actual_units" not in {c.name for c in db.get_columns("media_item")}:
        db.execute_sql('ALTER TABLE "media_item" ADD COLUMN actual_units INTEGER NULL')
