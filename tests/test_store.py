"""The store's operations: backup while terminals write, restore with a check first,
`check` on both stores."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from tests.intake_loop import MEDIA_PER_ORDER, PRINTS_PER_ORDER
from tests.signing_in import as_staff
from viver_tui.config import default_backup_dir
from viver_tui.db import reading, writing
from viver_tui.errors import DatabaseError
from viver_tui.models import Customer, Order
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.store import backup_database, check_database, open_database, restore_database

ROOT = Path(__file__).parent.parent


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, in key order."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    tables = [n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    rows = {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1, 2').fetchall() for t in tables}
    con.close()
    return rows


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    return tmp_path / "data-home"


def test_backup_while_a_terminal_writes_is_consistent_and_restores(
    tmp_path: Path, sqlite_url: str, data_home: Path
) -> None:
    db = open_database(sqlite_url)
    customer = customers.register(db, CustomerInput(name="Åse Ødegård", phone="91234567"),
        as_staff(db, "T"))
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.intake_loop", sqlite_url, str(customer.id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert writer.stdout is not None
    try:
        confirmed_before = 0
        for line in writer.stdout:  # let it get going
            if line.startswith("confirmed"):
                confirmed_before += 1
                if confirmed_before == 5:
                    break
        result = backup_database(sqlite_url, now=datetime(2026, 11, 25, 14, 5))
        confirmed_after = 0
        for line in writer.stdout:  # and it is still writing after the backup
            if line.startswith("confirmed"):
                confirmed_after += 1
                if confirmed_after == 3:
                    break
        assert confirmed_after == 3
    finally:
        writer.kill()
        writer.communicate(timeout=60)

    assert result.path == default_backup_dir() / "viver-2026-11-25-1405.db"
    assert str(result.path).startswith(str(data_home))
    assert mode(result.path) == 0o600
    assert mode(result.path.parent) == 0o700
    assert not Path(f"{result.path}-wal").exists()  # one self-contained file

    copy = dump(result.path)
    # One snapshot: every order confirmed in it is whole there.
    con = sqlite3.connect(result.path)
    confirmed = con.execute("SELECT id FROM \"order\" WHERE status = 'received'").fetchall()
    for (order_id,) in confirmed:
        media = con.execute("SELECT COUNT(*) FROM media_item WHERE order_id = ?", (order_id,))
        jobs = con.execute("SELECT COUNT(*) FROM print_job WHERE order_id = ?", (order_id,))
        assert (media.fetchone()[0], jobs.fetchone()[0]) == (MEDIA_PER_ORDER, PRINTS_PER_ORDER)
    con.close()
    assert len(copy["order"]) >= 5

    restored = tmp_path / "restored" / "viver.db"
    outcome = restore_database(f"sqlite:///{restored}", result.path)
    assert outcome.kept is None
    assert dump(restored) == copy
    assert mode(restored) == 0o600
    # …and the restored file opens as a shop database.
    db = open_database(f"sqlite:///{restored}")
    with reading(db):
        assert Customer.get().name == "Åse Ødegård"
    assert check_database(f"sqlite:///{restored}").ok


def test_backup_names_do_not_collide_and_an_existing_file_is_not_overwritten(
    tmp_path: Path, sqlite_url: str, data_home: Path
) -> None:
    open_database(sqlite_url).close()
    when = datetime(2026, 11, 25, 14, 5, 9)
    first = backup_database(sqlite_url, now=when).path
    second = backup_database(sqlite_url, now=when).path
    third = backup_database(sqlite_url, now=when).path
    assert [p.name for p in (first, second, third)] == [
        "viver-2026-11-25-1405.db",
        "viver-2026-11-25-140509.db",
        "viver-2026-11-25-140509-2.db",
    ]
    into_folder = backup_database(sqlite_url, tmp_path, now=when).path
    assert into_folder == tmp_path / "viver-2026-11-25-1405.db"
    with pytest.raises(DatabaseError, match="finnes allerede"):
        backup_database(sqlite_url, into_folder)


def _shop(url: str, *names: str) -> None:
    db = open_database(url)
    for name in names:
        customers.register(db, CustomerInput(name=name, email=f"{len(name)}@example.no"),
            as_staff(db, "T"))
    db.close()


def names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    result = [n for (n,) in con.execute("SELECT name FROM customer ORDER BY id")]
    con.close()
    return result


def test_restore_replaces_the_database_and_keeps_the_old_one(
    tmp_path: Path, sqlite_url: str, data_home: Path
) -> None:
    _shop(sqlite_url, "Kari Nordmann")
    backup = backup_database(sqlite_url).path
    _shop(sqlite_url, "Ola Nordmann")
    path = tmp_path / "viver.db"
    outcome = restore_database(sqlite_url, backup, now=datetime(2026, 11, 25, 16, 0))
    assert names(path) == ["Kari Nordmann"]
    assert outcome.kept == tmp_path / "viver.db.before-restore-2026-11-25-160000.db"
    assert names(outcome.kept) == ["Kari Nordmann", "Ola Nordmann"]
    assert mode(outcome.kept) == 0o600
    db = open_database(sqlite_url)  # the app opens what was restored
    with writing(db):
        assert [c.name for c in Customer.select()] == ["Kari Nordmann"]


def test_restore_refuses_while_the_database_is_open(
    tmp_path: Path, sqlite_url: str, data_home: Path
) -> None:
    _shop(sqlite_url, "Kari Nordmann")
    backup = backup_database(sqlite_url).path
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, sqlite_url],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "open"
        before = (tmp_path / "viver.db").read_bytes()
        with pytest.raises(DatabaseError, match="i bruk"):
            restore_database(sqlite_url, backup)
        assert (tmp_path / "viver.db").read_bytes() == before
        assert not list(tmp_path.glob("*.before-restore-*"))
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    restore_database(sqlite_url, backup)  # closed: now it may


# A terminal with the database open (idle, as a counter between customers).
_HOLD = """
import sys
from viver_tui.db import reading
from viver_tui.models import Customer
from viver_tui.store import open_database
db = open_database(sys.argv[1])
with reading(db):
    Customer.select().count()
print("open", flush=True)
sys.stdin.read()
"""


@pytest.mark.parametrize("how", ["damaged", "foreign", "too_new", "empty"])
def test_restore_checks_the_backup_first(
    tmp_path: Path, sqlite_url: str, data_home: Path, how: str
) -> None:
    _shop(sqlite_url, "Kari Nordmann")
    source = tmp_path / "backup.db"
    if how == "damaged":
        good = backup_database(sqlite_url).path.read_bytes()
        page = int.from_bytes(good[16:18], "big")
        source.write_bytes(good[: 2 * page] + b"\xff" * page + good[3 * page :])
    elif how == "foreign":
        sqlite3.connect(source).execute("CREATE TABLE invoices (id INTEGER)").connection.commit()
    elif how == "too_new":
        source.write_bytes(backup_database(sqlite_url).path.read_bytes())
        con = sqlite3.connect(source)
        con.execute("UPDATE schema_info SET value = '99' WHERE key = 'schema_version'")
        con.commit()
        con.close()
    else:
        source.write_bytes(b"")
    before = (tmp_path / "viver.db").read_bytes()
    with pytest.raises(DatabaseError, match="kan ikke legges tilbake"):
        restore_database(sqlite_url, source)
    assert (tmp_path / "viver.db").read_bytes() == before


def test_restore_over_a_damaged_database(tmp_path: Path, sqlite_url: str, data_home: Path) -> None:
    _shop(sqlite_url, "Kari Nordmann")
    backup = backup_database(sqlite_url).path
    path = tmp_path / "viver.db"
    damaged = b"\x00" * 100 + path.read_bytes()[100:]
    path.write_bytes(damaged)
    with pytest.raises(DatabaseError, match="skadet"):
        open_database(sqlite_url)
    outcome = restore_database(sqlite_url, backup)
    assert outcome.kept is not None and outcome.kept.read_bytes() == damaged
    assert names(path) == ["Kari Nordmann"]


def test_check_is_clean_on_a_sound_database(db_url: str) -> None:
    db = open_database(db_url)
    customer = customers.register(db, CustomerInput(name="Kari", phone="91234567"),
        as_staff(db, "T"))
    intake.open_order(db, customer.id, "T")
    db.close()
    report = check_database(db_url)
    assert report.findings == ()
    assert report.version is not None


def test_check_finds_orphans_and_a_sequence_behind_on_postgres(pg_url: str) -> None:
    db = open_database(pg_url)
    customer = customers.register(db, CustomerInput(name="Kari", phone="91234567"),
        as_staff(db, "T"))
    for _ in range(3):
        intake.open_order(db, customer.id, "T")
    with writing(db):
        top = max(o.number for o in Order.select())
        db.execute_sql("ALTER TABLE media_item DROP CONSTRAINT media_item_order_id_fkey")
        db.execute_sql(
            "INSERT INTO media_item (order_id, seq, code, kind, description, condition, units,"
            " estimate_ore, status, created_at) VALUES (987654, 1, '987654-01', 'vhs', '', '',"
            " 1, 0, 'received', now())"
        )
        db.execute_sql("SELECT setval('order_number_seq', %s, true)", (top - 2,))
    db.close()
    findings = check_database(pg_url).findings
    assert any("media_item.order_id" in f for f in findings), findings
    assert any("sekvensen" in f for f in findings), findings


def test_check_reports_an_unreachable_server_in_one_finding() -> None:
    report = check_database("postgresql://postgres:Hemmelig@127.0.0.1:1/x")
    assert len(report.findings) == 1
    assert "Hemmelig" not in report.findings[0] + report.url


def test_postgres_backup_runs_pg_dump(tmp_path: Path, pg_url: str) -> None:
    _shop(pg_url, "Kari Nordmann")
    (tmp_path / "backups").mkdir()
    result = backup_database(pg_url, tmp_path / "backups", now=datetime(2026, 11, 25, 14, 5))
    assert result.tool == "pg_dump"
    assert result.path == tmp_path / "backups" / "viver-2026-11-25-1405.dump"
    assert mode(result.path) == 0o600
    listing = subprocess.run(
        ["pg_restore", "--list", str(result.path)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA" in listing and " customer " in listing
    with pytest.raises(DatabaseError, match="pg_restore"):
        restore_database(pg_url, result.path)


def test_postgres_backup_without_pg_dump_says_what_to_do(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no pg_dump here
    url = pg_url.replace("postgres@", "postgres:Hemmelig@", 1)
    with pytest.raises(DatabaseError, match="pg_dump") as caught:
        backup_database(url, tmp_path)
    assert "Hemmelig" not in caught.value.message
    assert not os.listdir(tmp_path)
