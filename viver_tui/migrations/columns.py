"""Adding columns so that a migration can run again: on a database that already has
the column (an upgrade that stopped half-way on a store without transactional DDL, or
a test database made from the current models and stamped back), it is left alone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def add_missing_columns(
    db: peewee.Database, migrator: SchemaMigrator, table: str, columns: dict[str, peewee.Field]
) -> None:
    """Add each of ``columns`` (name → field) that ``table`` does not have yet."""
    from playhouse.migrate import migrate

    present = {c.name for c in db.get_columns(table)}
    operations = [
        migrator.add_column(table, name, field)
        for name, field in columns.items()
        if name not in present
    ]
    if operations:
        migrate(*operations)


def add_missing_counter(db: peewee.Database, table: str, name: str, default: int = 1) -> None:
    """Add ``name INTEGER NOT NULL DEFAULT default`` to ``table`` unless it is there.

    One plain ``ALTER TABLE … ADD COLUMN`` on SQLite and PostgreSQL alike: playhouse's
    migrator adds a NOT NULL column on SQLite by rebuilding the table, which fails
    ("FOREIGN KEY constraint failed") as soon as another table's rows refer to it.
    """
    if name in {c.name for c in db.get_columns(table)}:
        return
    db.execute_sql(
        f'ALTER TABLE "{table}" ADD COLUMN "{name}" INTEGER NOT NULL DEFAULT {int(default)}'
    )
