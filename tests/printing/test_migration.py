"""Migration 2 (print delivery): a database made at schema 1 is upgraded in place."""

from __future__ import annotations

from datetime import datetime

import peewee

from tests.printing.conftest import make_order
from viver_tui import migrations
from viver_tui.db import reading, writing
from viver_tui.models import PrinterMemory, PrintJob, SchemaInfo
from viver_tui.store import open_database


def make_version_1(db_url: str) -> None:
    """A database as schema 1 left it: no heartbeat/confirmation, no printer memory."""
    db = open_database(db_url)
    make_order(db, 2)
    with writing(db):
        db.execute_sql('ALTER TABLE "print_job" DROP COLUMN "heartbeat_at"')
        db.execute_sql('ALTER TABLE "print_job" DROP COLUMN "confirmation"')
        db.execute_sql('DROP TABLE "printer_memory"')
        SchemaInfo.update(value="1").where(SchemaInfo.key == "schema_version").execute()
        # one job printed, one in flight when the old release stopped, two queued
        ids = [r.id for r in PrintJob.select(PrintJob.id).order_by(PrintJob.id)]
        db.execute_sql(
            'UPDATE "print_job" SET status = %s, printed_at = %s WHERE id = %s'.replace(
                "%s", db.param
            ),
            ("printed", datetime.now(), ids[0]),
        )
        db.execute_sql(
            'UPDATE "print_job" SET status = %s, claimed_by = %s WHERE id = %s'.replace(
                "%s", db.param
            ),
            ("printing", "old-host:123:abcd", ids[1]),
        )
    db.close()


def test_schema_1_is_upgraded_and_keeps_every_job(db_url: str) -> None:
    make_version_1(db_url)
    db = open_database(db_url)
    with reading(db):
        assert migrations.schema_version(db) == migrations.latest_version() >= 2
        columns = {c.name for c in db.get_columns("print_job")}
        assert {"heartbeat_at", "confirmation"} <= columns
        assert db.table_exists(PrinterMemory._meta.table_name)
        jobs = list(PrintJob.select().order_by(PrintJob.id))
    assert [j.status for j in jobs] == ["printed", "uncertain", "queued", "queued"]
    assert jobs[0].confirmation == "printer"
    assert jobs[1].claimed_by is None  # in flight at the upgrade: staff decide
    with writing(db):
        PrinterMemory.create(terminal="t", url="tcp://x", answers_status=True)
    db.close()


def test_upgrade_is_a_no_op_on_a_new_database(db: peewee.Database) -> None:
    with reading(db):
        assert migrations.check_and_upgrade(db) == migrations.latest_version()
