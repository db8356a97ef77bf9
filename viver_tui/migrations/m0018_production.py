"""Schema 18: the production room (services/production/).

New table ``production_note`` (immutable notes, a correction refers to the old one);
new columns ``media_item.outcome_note`` (what production wrote with the outcome) and
``order.ready_at`` (when the order became ready for pickup); indexes on
``media_item (status, kind, id)`` (the workload view reads it alone) and
``order (status, ready_at)`` (the counter's ready list, oldest first). Steps and their
undo reasons are ``order_event`` rows, as every other change of a medium.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

VERSION = 18


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.models import ProductionNote

    if "outcome_note" not in {c.name for c in db.get_columns("media_item")}:
        db.execute_sql(
            "ALTER TABLE \"media_item\" ADD COLUMN outcome_note TEXT NOT NULL DEFAULT ''"
        )
    if "ready_at" not in {c.name for c in db.get_columns("order")}:
        kind = "TIMESTAMP" if not isinstance(db, peewee.SqliteDatabase) else "DATETIME"
        db.execute_sql(f'ALTER TABLE "order" ADD COLUMN ready_at {kind} NULL')
    db.create_tables([ProductionNote], safe=True)
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "media_item_status_kind_id" '
        'ON "media_item" (status, kind, id)'
    )
    db.execute_sql(
        'CREATE INDEX IF NOT EXISTS "order_status_ready_at" ON "order" (status, ready_at)'
    )
