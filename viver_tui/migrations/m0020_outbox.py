"""Schema 20: e-mail (services/mail/): the outbox, customer letters, a customer's language.

New tables ``letter`` and ``outbox_message``; new column ``customer.language`` (NULL:
bokmål), added with a plain ``ALTER TABLE … ADD COLUMN`` (instant on SQLite, no table
rebuilt).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

VERSION = 20


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.models import Letter, OutboxMessage

    if "language" not in {c.name for c in db.get_columns("customer")}:
        db.execute_sql('ALTER TABLE "customer" ADD COLUMN language VARCHAR(2) NULL')
    db.create_tables([Letter, OutboxMessage], safe=True)
