"""Schema 22: numbers of customers, orders, media and print jobs are never reused.

SQLite hands a plain ``INTEGER PRIMARY KEY`` table's highest number out again once the
newest row is deleted: register X, erase X, purge it, register Y — and Y had X's
number, X's history in Y's innsyn export, two people under one number in the access
log. ``AUTOINCREMENT`` remembers the highest number ever used (``sqlite_sequence``).
SQLite cannot add it to a table in place, so each of the four tables is rebuilt as
SQLite's documentation prescribes (create the new table, copy every row with its
number, drop the old one, rename, recreate its indexes and triggers) with foreign keys
off for the upgrade (``migrations.check_and_upgrade``) and checked before the commit.
The table's own ``CREATE`` text is kept (columns added by later migrations included),
only ``AUTOINCREMENT`` is added.

PostgreSQL's ``SERIAL`` sequences never go back: nothing to rebuild there.

Both stores: the erasure ledger (``erasure_ledger``, ids and dates) and the erasing
transaction's id on ``pending_erasure`` (PostgreSQL's physical removal, erasure.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import peewee

from viver_tui.db import is_sqlite
from viver_tui.errors import DatabaseError

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

VERSION = 22
TABLES = ("customer", "order", "media_item", "print_job")
_ID = re.compile(r'("id"|\bid)\s+INTEGER\s+NOT\s+NULL\s+PRIMARY\s+KEY(?!\s+AUTOINCREMENT)',
                 re.IGNORECASE)


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.models import ErasureLedger

    db.create_tables([ErasureLedger], safe=True)
    if "xid" not in {c.name for c in db.get_columns("pending_erasure")}:
        db.execute_sql('ALTER TABLE "pending_erasure" ADD COLUMN xid BIGINT NULL')
    if not is_sqlite(db):
        return
    for table in TABLES:
        _rebuild_with_autoincrement(db, table)
    broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
    if broken:  # rolls the upgrade back: nothing is half done
        raise DatabaseError(f"schema 22: foreign keys broken after the rebuild: {broken[:5]}")


def _rebuild_with_autoincrement(db: peewee.Database, table: str) -> None:
    (create,) = db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    if re.search(r"\bAUTOINCREMENT\b", create, re.IGNORECASE):
        return  # made at schema 22 or later
    new_create, replaced = _ID.subn(r"\1 INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT", create, 1)
    if replaced != 1:
        raise DatabaseError(f"schema 22: no integer id in table {table!r}: {create}")
    temporary = f"{table}__v22"
    head = re.compile(r'^\s*CREATE\s+TABLE\s+("[^"]+"|\S+)', re.IGNORECASE)
    new_create = head.sub(f'CREATE TABLE "{temporary}"', new_create, 1)
    extras = [
        sql for (sql,) in db.execute_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger')"
            " AND sql IS NOT NULL ORDER BY type, name", (table,)
        ).fetchall()
    ]
    db.execute_sql(new_create)
    db.execute_sql(f'INSERT INTO "{temporary}" SELECT * FROM "{table}"')
    db.execute_sql(f'DROP TABLE "{table}"')
    db.execute_sql(f'ALTER TABLE "{temporary}" RENAME TO "{table}"')
    for sql in extras:
        db.execute_sql(sql)
