"""An erasure reaches every terminal's spool and every restore (issue 17, findings 8
and 9): the erasure ledger (ids and dates), applied by each terminal to its own spool
folder; ``viver restore`` of a backup taken before an erasure erases the person again
before the restored database is used; backups have a retention and the erasure says
until when a backup may still hold the person."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import peewee

from tests.services.erasure_helpers import delivered_order, erased
from tests.test_cli import viver
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.models import Customer, ErasureLedger, PrintJob
from viver_tui.services import privacy, staff
from viver_tui.services.print_worker import QueueWorker
from viver_tui.services.privacy import ledger
from viver_tui.services.staff import StaffView
from viver_tui.store import backup_database, open_database, prune_backups

NAME = "Zyxwvø Bjørnæsdóttir"
NEEDLES = ["Zyxwvø".encode(), "Bjørnæsdóttir".encode(), "Zyxwv".encode("cp865"),
           b"91234567", b"zyxwvo@example.no"]


def _sqlite_shop(path: Path) -> tuple[peewee.Database, StaffView, StaffView]:
    """A SQLite database at ``path`` with an admin and a counter worker."""
    db = open_database(f"sqlite:///{path}")
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    counter = staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357",
                        by=admin)
    return db, admin, counter


def _files_holding(folder: Path) -> list[str]:
    """The files in ``folder`` that hold any of the customer's details. Asked while an
    app may be deleting them: a file gone between the listing and its reading holds
    nothing (it failed once in CI with FileNotFoundError)."""
    found = []
    for path in sorted(folder.iterdir()):
        try:
            content = path.read_bytes() if path.is_file() else b""
        except FileNotFoundError:
            continue
        found.extend(f"{path.name}: {n!r}" for n in NEEDLES if n in content)
    return found


def test_another_terminals_spool_files_of_an_erased_customer_are_deleted_by_the_ledger(
    db: peewee.Database, admin: StaffView, counter: StaffView, tmp_path: Path
) -> None:
    cid, _ = delivered_order(db, counter, NAME, "91234567", "zyxwvo@example.no")
    other, _ = delivered_order(db, counter, "Per Hansen", "41234567", "per@example.no")
    terminal_b = replace(Settings(), spool_dir=tmp_path / "spool-b")
    QueueWorker(db, terminal_b).run_once()  # terminal B printed the labels and receipts
    assert _files_holding(terminal_b.spool_dir)
    # Terminal A erases: its own spool (empty) is cleaned, B's is out of its reach.
    result = erased(db, cid, admin, spool_dir=tmp_path / "spool-a")
    assert result.finished, result.message
    assert _files_holding(terminal_b.spool_dir)  # the finding: still there
    with reading(db):
        (entry,) = ErasureLedger.select()
        jobs = {j.id for j in PrintJob.select().join_from(PrintJob, PrintJob.order.rel_model)
                .where(PrintJob.order.rel_model.customer == cid)}
        assert (entry.customer_id, set(map(int, entry.print_jobs.split(",")))) == (cid, jobs)
    # Terminal B applies the ledger (at start and daily): the person's files go.
    deleted = ledger.apply_to_spool(db, terminal_b.spool_dir, 14)
    assert deleted == len(jobs)
    assert _files_holding(terminal_b.spool_dir) == []
    assert any(p.read_bytes() for p in terminal_b.spool_dir.iterdir())  # Per's stay
    assert other != cid


async def test_the_app_applies_the_ledger_to_its_spool_when_it_starts(
    sqlite_url: str, tmp_path: Path, settings: Settings
) -> None:
    from tests.screens.helpers import wait_for
    from viver_tui.app import make_app

    db, admin, counter = _sqlite_shop(Path(sqlite_url.removeprefix("sqlite:///")))
    cid, _ = delivered_order(db, counter, NAME, "91234567", "zyxwvo@example.no")
    spool = tmp_path / "spool-b"
    QueueWorker(db, replace(Settings(), spool_dir=spool)).run_once()
    assert privacy.erase_customer(db, cid, admin, spool_dir=tmp_path / "spool-a").finished
    assert _files_holding(spool)
    db.close()
    app = make_app(replace(settings, spool_dir=spool), open_database_later=True)
    async with app.run_test(size=(120, 36)):
        assert await wait_for(lambda: not _files_holding(spool))


def _erase_message(db: peewee.Database, cid: int, admin: StaffView, folder: Path,
                   now: datetime) -> str:
    result = erased(db, cid, admin, now=now, backups=privacy.Backups(folder, 30))
    assert result.finished, result.message
    return result.message


def test_the_erasure_says_until_when_a_backup_may_hold_the_person(
    db: peewee.Database, admin: StaffView, counter: StaffView, tmp_path: Path
) -> None:
    cid, _ = delivered_order(db, counter, NAME, "91234567", "zyxwvo@example.no")
    message = _erase_message(db, cid, admin, tmp_path / "backups", datetime(2026, 12, 7, 9))
    assert (f"Sikkerhetskopier i {tmp_path / 'backups'} kan inneholde kunden til og med "
            "06.01.2027") in message
    assert "backup_retention_days" in message and "viver backup --prune" in message


def test_restoring_a_backup_taken_before_an_erasure_erases_the_person_again(
    tmp_path: Path,
) -> None:
    path = tmp_path / "viver.db"
    db, admin, counter = _sqlite_shop(path)
    cid, _ = delivered_order(db, counter, NAME, "91234567", "zyxwvo@example.no")
    kept, _ = delivered_order(db, counter, "Per Hansen", "41234567", "per@example.no")
    backup = backup_database(f"sqlite:///{path}", tmp_path / "backups").path
    assert _files_holding(backup.parent)  # the backup holds the person
    assert privacy.erase_customer(db, cid, admin).finished
    db.close()
    # The live database's ledger is lost with it (damaged beyond reading): the sidecar
    # file beside it still knows.
    assert ledger.read_for_restore(path)[0].customer_id == cid
    result = viver(tmp_path, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert f"Slettet på nytt etter gjenopprettingen: 1 kunde ({cid})." in result.stdout
    holding = [f"{p.name}: {n!r}" for p in (path, Path(f"{path}-wal")) if p.exists()
               for n in NEEDLES if n in p.read_bytes()]
    assert holding == []
    assert not list(tmp_path.glob(".viver.db.prepared*"))  # the working copy is gone
    con = sqlite3.connect(path)
    try:
        rows = dict(con.execute("SELECT id, name FROM customer").fetchall())
        assert rows == {cid: f"Slettet kunde #{cid}", kept: "Per Hansen"}
        assert con.execute("SELECT customer_id FROM erasure_ledger").fetchall() == [(cid,)]
    finally:
        con.close()


def test_restore_reads_the_ledger_of_the_live_database_without_its_sidecar(
    tmp_path: Path,
) -> None:
    path = tmp_path / "viver.db"
    db, admin, counter = _sqlite_shop(path)
    cid, _ = delivered_order(db, counter, NAME, "91234567", "zyxwvo@example.no")
    backup = backup_database(f"sqlite:///{path}", tmp_path / "backups").path
    assert privacy.erase_customer(db, cid, admin).finished
    db.close()
    ledger.sidecar_for(path).unlink()
    result = viver(tmp_path, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    db = open_database(f"sqlite:///{path}")
    with reading(db):
        assert Customer.get_by_id(cid).erased_at is not None
    db.close()


def test_backup_prune_deletes_backups_older_than_the_retention(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    now = datetime(2026, 12, 7, 9)
    made = {}
    for name, age in (("viver-2026-10-01-0300.db", 67), ("viver-2026-11-30-0300.db", 7),
                      ("viver-2026-10-02-0300.dump", 66), ("notes.txt", 90)):
        path = folder / name
        path.write_bytes(b"x")
        stamp = (now - timedelta(days=age)).timestamp()
        os.utime(path, (stamp, stamp))
        made[name] = path
    database = tmp_path / "viver.db"
    database.write_bytes(b"x")
    upgrade = tmp_path / "viver.db.before-v15.bak"
    upgrade.write_bytes(b"x")
    old = (now - timedelta(days=40)).timestamp()
    os.utime(upgrade, (old, old))
    deleted = prune_backups(folder, 30, database=database, now=now)
    assert sorted(p.name for p in deleted) == [
        "viver-2026-10-01-0300.db", "viver-2026-10-02-0300.dump", "viver.db.before-v15.bak"]
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt", "viver-2026-11-30-0300.db"]
    assert prune_backups(folder, 0, now=now) == []


def test_viver_backup_prune_from_the_command_line(tmp_path: Path) -> None:
    assert viver(tmp_path, "init").returncode == 0
    data_home = tmp_path / "data-home"
    old = data_home / "viver_tui" / "backups" / "viver-2020-01-01-0300.db"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"x")
    os.utime(old, (0, 0))
    result = viver(tmp_path, "backup", "--prune", XDG_DATA_HOME=str(data_home))
    assert result.returncode == 0, result.stderr
    assert "Slettet 1 sikkerhetskopi eldre enn 30 dager" in result.stdout
    assert not old.exists()
    assert len(list(old.parent.glob("viver-*.db"))) == 1  # tonight's


def test_viver_maintain_finishes_a_pending_erasure_from_the_command_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "viver.db"
    db, admin, counter = _sqlite_shop(path)
    cid, _ = delivered_order(db, counter, NAME, "91234567", "zyxwvo@example.no")
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT name FROM customer").fetchall()
    assert not privacy.erase_customer(db, cid, admin).finished
    db.close()
    waiting = viver(tmp_path, "maintain")
    assert waiting.returncode == 3, waiting.stderr
    assert "Venter fortsatt: 1." in waiting.stdout
    reader.execute("COMMIT")
    reader.close()
    done = viver(tmp_path, "maintain")
    assert done.returncode == 0, done.stderr
    assert "Ventende slettinger fullført: 1. Venter fortsatt: 0." in done.stdout
    assert not [n for n in NEEDLES[:2] for p in (path, Path(f"{path}-wal"))
                if p.exists() and n in p.read_bytes()]
