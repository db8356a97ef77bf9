"""Schema 2: print delivery that can be trusted.

``print_job`` gets ``heartbeat_at`` (a live claim renews it; a dead one is taken back at
once) and ``confirmation`` (what confirmed "printed"); a new table ``printer_memory``
remembers, per terminal and printer, whether the printer answers status queries.
Existing rows keep their status; a job that was ``printing`` when the shop upgraded
was in flight, so it becomes ``uncertain`` (staff decide), never silently re-sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.columns import add_missing_columns
    from viver_tui.models import PrinterMemory, PrintJob

    add_missing_columns(
        db,
        migrator,
        PrintJob._meta.table_name,
        {
            "heartbeat_at": peewee.DateTimeField(null=True),
            "confirmation": peewee.CharField(max_length=20, null=True),
        },
    )
    db.create_tables([PrinterMemory], safe=True)
    PrintJob.update(status="uncertain", claimed_by=None, claimed_at=None).where(
        PrintJob.status == "printing"
    ).execute()
    PrintJob.update(confirmation="printer").where(PrintJob.status == "printed").execute()
