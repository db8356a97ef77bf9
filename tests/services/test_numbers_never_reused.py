"""Numbers of customers, orders, media and print jobs are never handed out twice
(issue 17, finding 7): register X, erase X, purge X's records, register Y — Y gets a
new number. SQLite tables have AUTOINCREMENT (schema 22); PostgreSQL's sequences never
go back. And schema 21 → 22 keeps every number, index, trigger and foreign key."""

from __future__ import annotations

import re
from datetime import date

import peewee
import pytest

from tests.services.erasure_helpers import delivered_order, erased
from viver_tui import migrations
from viver_tui.db import reading, writing
from viver_tui.migrations.m0022_never_reused_ids import TABLES
from viver_tui.models import Customer, MediaItem, Order, PrintJob, SchemaInfo
from viver_tui.services import privacy, staff
from viver_tui.services.staff import StaffView
from viver_tui.store import open_database


def _highest(db: peewee.Database) -> dict[str, int]:
    with reading(db):
        return {m.__name__: m.select(peewee.fn.MAX(m.id)).scalar() or 0
                for m in (Customer, Order, MediaItem, PrintJob)}


def test_a_customer_registered_after_the_newest_was_erased_and_purged_gets_a_new_number(
    db: peewee.Database, admin: StaffView, counter: StaffView
) -> None:
    x, _ = delivered_order(db, counter, "Xena Xylofon", "91234567", "xena@example.no")
    before = _highest(db)
    assert erased(db, x, admin).finished
    purged = privacy.purge_expired(db, admin, today=date(2100, 1, 1))
    assert purged.customer_ids == (x,)
    with reading(db):
        assert _highest(db) == dict.fromkeys(before, 0)  # X's rows are all gone
    y, _ = delivered_order(db, counter, "Yngve Yr", "41234567", "yngve@example.no")
    after = _highest(db)
    assert y != x
    assert all(after[table] > before[table] for table in before), (before, after)
    # Y's innsyn holds Y alone: nothing of X's history comes with the number.
    with reading(db):
        assert Customer.get_by_id(y).name == "Yngve Yr"
        assert not Customer.select().where(Customer.id == x).exists()


def _schema(db: peewee.Database) -> dict[str, object]:
    """What the rebuild must keep: every index and trigger, and each table's foreign
    keys and columns."""
    rows = db.execute_sql(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('index', 'trigger')"
        " ORDER BY name").fetchall()
    keys = {t: db.execute_sql(f'PRAGMA foreign_key_list("{t}")').fetchall()
            for t in db.get_tables()}
    columns = {t: [c.name for c in db.get_columns(t)] for t in db.get_tables()}
    return {"indexes": rows, "keys": keys, "columns": columns}


def _as_before_schema_22(db: peewee.Database) -> None:
    """Rebuild the four tables without AUTOINCREMENT, as schema 15 made them."""
    db.execute_sql("PRAGMA foreign_keys = OFF")
    with writing(db):
        for table in TABLES:
            (create,) = db.execute_sql(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
            extras = [s for (s,) in db.execute_sql(
                "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type != 'table'"
                " AND sql IS NOT NULL", (table,)).fetchall()]
            old = create.replace(" AUTOINCREMENT", "").replace(f'"{table}"', '"old15"', 1)
            db.execute_sql(old)
            db.execute_sql(f'INSERT INTO "old15" SELECT * FROM "{table}"')
            db.execute_sql(f'DROP TABLE "{table}"')
            db.execute_sql(f'ALTER TABLE "old15" RENAME TO "{table}"')
            for sql in extras:
                db.execute_sql(sql)
        db.execute_sql(f"DELETE FROM sqlite_sequence WHERE name IN {tuple(TABLES)}")
        db.execute_sql('DROP TABLE "erasure_ledger"')
        db.execute_sql('ALTER TABLE "pending_erasure" DROP COLUMN xid')
        SchemaInfo.update(value="21").where(SchemaInfo.key == "schema_version").execute()
    db.execute_sql("PRAGMA foreign_keys = ON")


def test_schema_22_keeps_every_number_index_and_key_and_numbers_are_not_reused_after(
    sqlite_url: str,
) -> None:
    db = open_database(sqlite_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    counter = staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357",
                        by=admin)
    kept, _ = delivered_order(db, counter, "Åse Ødegård", "91234567", "ase@example.no")
    x, _ = delivered_order(db, counter, "Xena Xylofon", "41234567", "xena@example.no")
    with reading(db):
        db.execute_sql("CREATE TRIGGER keep_me AFTER UPDATE ON customer BEGIN SELECT 1; END")
        _as_before_schema_22(db)
        assert not re.search("AUTOINCREMENT", db.execute_sql(
            "SELECT group_concat(sql) FROM sqlite_master").fetchone()[0])
        schema, highest = _schema(db), _highest(db)
        rows = {t: db.execute_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall() for t in TABLES}
        assert migrations.check_and_upgrade(db, migrations={22: migrations.MIGRATIONS[22]}) == 22
        assert {"erasure_ledger"} == set(db.get_tables()) - set(schema["columns"])
        assert "xid" in [c.name for c in db.get_columns("pending_erasure")]
        now = _schema(db)
        for part in ("keys", "columns"):
            now[part].pop("erasure_ledger")
        now["columns"]["pending_erasure"].remove("xid")
        now["indexes"] = [i for i in now["indexes"] if i[2] != "erasure_ledger"]
        assert now == schema
        assert {t: db.execute_sql(f'SELECT * FROM "{t}" ORDER BY id').fetchall()
                for t in TABLES} == rows
        assert db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute_sql("PRAGMA foreign_keys").fetchone() == (1,)  # on again
        for table in TABLES:
            (create,) = db.execute_sql(
                "SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
            assert "PRIMARY KEY AUTOINCREMENT" in create, table
        # The foreign keys still act: an order keeps its customer.
        with pytest.raises(peewee.IntegrityError), writing(db):
            Customer.delete().where(Customer.id == kept).execute()
    assert privacy.erase_customer(db, x, admin).finished
    privacy.purge_expired(db, admin, today=date(2100, 1, 1))
    y, _ = delivered_order(db, counter, "Yngve Yr", "99887766", "yngve@example.no")
    after = _highest(db)
    assert y > x and all(after[t] > highest[t] for t in highest), (highest, after)


def test_schema_22_adds_the_erasure_ledger_and_the_pending_transaction_id(
    db: peewee.Database,
) -> None:
    """21 → 22 on both stores: the ledger table and ``pending_erasure.xid`` come in (on
    PostgreSQL nothing is rebuilt: its sequences never went back)."""
    with reading(db):
        with writing(db):
            db.execute_sql('DROP TABLE "erasure_ledger"')
            db.execute_sql('ALTER TABLE "pending_erasure" DROP COLUMN xid')
            SchemaInfo.update(value="21").where(SchemaInfo.key == "schema_version").execute()
        assert "erasure_ledger" not in db.get_tables()
        assert migrations.check_and_upgrade(db, migrations={22: migrations.MIGRATIONS[22]}) == 22
        assert "erasure_ledger" in db.get_tables()
        assert "xid" in [c.name for c in db.get_columns("pending_erasure")]
