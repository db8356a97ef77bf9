"""Opening the store: schema creation, versioning, upgrades, and clear failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee
import pytest
from playhouse.migrate import SchemaMigrator, migrate

from viver_tui import migrations
from viver_tui.db import open_database, reading, writing
from viver_tui.errors import DatabaseError, DatabaseTooNew
from viver_tui.models import Customer, OrderCounter, SchemaInfo


def test_first_open_creates_schema_and_stamps_version(db: peewee.Database) -> None:
    with reading(db):
        assert migrations.schema_version(db) == migrations.latest_version()
        assert OrderCounter.get_by_id(1).last_number == 100_000
    assert "customer" in db.get_tables()


def test_sqlite_runs_with_wal_foreign_keys_and_secure_delete(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with reading(db):
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA secure_delete").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] > 0


def test_reopening_keeps_data(db_url: str) -> None:
    db = open_database(db_url)
    with writing(db):
        Customer.create(name="Kari Nordmann")
    db.close()
    db = open_database(db_url)
    assert Customer.select().count() == 1


def test_database_from_a_newer_release_is_refused_with_advice(db_url: str) -> None:
    db = open_database(db_url)
    with writing(db):
        SchemaInfo.update(value="99").where(SchemaInfo.key == "schema_version").execute()
    db.close()
    with pytest.raises(DatabaseTooNew) as caught:
        open_database(db_url)
    assert "nyere versjon" in caught.value.message
    assert "Oppdater programmet" in caught.value.message


def test_upgrade_runs_pending_migrations_and_keeps_data(db_url: str) -> None:
    """A shop at the latest version gets the next one (a new column) without losing a row."""
    db = open_database(db_url)
    with writing(db):
        Customer.create(name="Åse Ødegård", phone="+4791234567")

    def add_customer_note(db: peewee.Database, migrator: SchemaMigrator) -> None:
        migrate(migrator.add_column("customer", "note", peewee.TextField(default="")))

    latest = migrations.latest_version()
    with reading(db):
        version = migrations.check_and_upgrade(db, migrations={latest + 1: add_customer_note})
        assert version == latest + 1
        assert migrations.schema_version(db) == latest + 1
        row = db.execute_sql("SELECT name, phone, note FROM customer").fetchone()
    assert tuple(row) == ("Åse Ødegård", "+4791234567", "")


def test_sqlite_upgrade_keeps_a_backup_of_the_old_file(sqlite_url: str) -> None:
    db = open_database(sqlite_url)
    with writing(db):
        Customer.create(name="Kari")

    def noop(db: peewee.Database, migrator: SchemaMigrator) -> None:
        pass

    latest = migrations.latest_version()
    with reading(db):
        migrations.check_and_upgrade(db, migrations={latest + 1: noop})
    backup = Path(f"{db.database}.before-v{latest}.bak")
    names = sqlite3.connect(backup).execute("SELECT name FROM customer").fetchall()
    assert names == [("Kari",)]


def test_upgrade_only_when_asked(sqlite_url: str) -> None:
    db = open_database(sqlite_url)

    def noop(db: peewee.Database, migrator: SchemaMigrator) -> None:
        pass

    with reading(db), pytest.raises(DatabaseError, match="viver init"):
        migrations.check_and_upgrade(
            db, upgrade=False, migrations={migrations.latest_version() + 1: noop}
        )


def test_foreign_database_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE invoices (id INTEGER)").connection.commit()
    with pytest.raises(DatabaseError, match="ikke er fra viver"):
        open_database(f"sqlite:///{path}")


def test_unknown_scheme_and_unreachable_server_give_clear_messages() -> None:
    with pytest.raises(DatabaseError, match="Ukjent database-adresse"):
        open_database("mongodb://localhost/x")
    with pytest.raises(DatabaseError, match="databaseserveren"):
        open_database("postgresql://postgres@127.0.0.1:1/test")


def test_locked_database_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'v.db'}"
    open_database(url).close()
    monkeypatch.setattr("viver_tui.db.SQLITE_BUSY_TIMEOUT_S", 0.2)
    holder = sqlite3.connect(tmp_path / "v.db", isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseError, match="låst"):
            open_database(url)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
