"""Schema 15: customer documents (quote, order confirmation, invoice, credit note).

New tables ``document``, ``document_counter`` and ``payment``; new columns
``order.company`` (the selling company; "" on older orders, which then belong to the
terminal's default company) and ``print_job.document_id`` (a document printed on the
receipt printer). Columns are added with a plain ``ALTER TABLE … ADD COLUMN``: no
table that others refer to is rebuilt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

VERSION = 15


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.models import Document, DocumentCounter, Payment

    db.create_tables([Document, DocumentCounter, Payment], safe=True)
    if "company" not in {c.name for c in db.get_columns("order")}:
        db.execute_sql("ALTER TABLE \"order\" ADD COLUMN company VARCHAR(40) NOT NULL DEFAULT ''")
    if "document_id" not in {c.name for c in db.get_columns("print_job")}:
        db.execute_sql(
            'ALTER TABLE "print_job" ADD COLUMN document_id INTEGER NULL '
            'REFERENCES "document" (id) ON DELETE CASCADE'
        )
        db.execute_sql(
            'CREATE INDEX IF NOT EXISTS "print_job_document_id" ON "print_job" (document_id)'
        )
