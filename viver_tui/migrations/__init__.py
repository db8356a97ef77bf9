"""Schema version and forward-only migrations.

``viver_tui.store.open_database`` runs ``check_and_upgrade`` whenever a database opens
(this package sits above ``db`` and ``models``; neither imports it).

A new database gets the current schema from ``models.MODELS`` and is stamped with
``LATEST``. An existing one at version N < LATEST runs ``MIGRATIONS[N+1] … [LATEST]``,
each in its own transaction, each stamping its version as it commits — so an upgrade
interrupted half-way resumes where it stopped. A SQLite file is first copied beside
itself (``<name>.before-v<N>.bak``, 0600) so a shop can go back.

To change the schema: edit ``models.py``, then add ``m000N_<what>.py`` with
``apply(db, migrator)`` using ``playhouse.migrate`` operations, register it in
``MIGRATIONS`` under N, and a test that upgrades a database made at N-1.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import peewee

from viver_tui.db import create_private_file, is_sqlite, writing
from viver_tui.errors import DatabaseError, DatabaseTooNew
from viver_tui.locale import t
from viver_tui.models import (
    CHAIN_GENESIS,
    FIRST_ORDER_NUMBER,
    MODELS,
    ORDER_NUMBER_SEQUENCE,
    AuditChainHead,
    OrderCounter,
    SchemaInfo,
)

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

# playhouse.migrate is imported only when an upgrade runs: it is not needed to start.
Migration = Callable[[peewee.Database, "SchemaMigrator"], None]

BASELINE = 1

def _m0002(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0002_print_delivery import apply

    apply(db, migrator)


def _m0003(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0003_order_version import apply

    apply(db, migrator)


def _m0004(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0004_customer_version import apply

    apply(db, migrator)


def _m0005(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0005_search_pairs import apply

    apply(db, migrator)


def _m0006(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0006_privacy import apply

    apply(db, migrator)


def _m0007(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0007_search_hits import apply

    apply(db, migrator)


def _m0008(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0008_access_log_indexes import apply

    apply(db, migrator)


def _m0010(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0010_access_log_chain import apply

    apply(db, migrator)


def _m0015(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0015_documents import apply

    apply(db, migrator)


def _m0018(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0018_production import apply

    apply(db, migrator)


def _m0019(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0019_media_files import apply

    apply(db, migrator)


def _m0020(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0020_outbox import apply

    apply(db, migrator)


def _m0021(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0021_event_values import apply

    apply(db, migrator)


def _m0022(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0022_never_reused_ids import apply

    apply(db, migrator)


def _m0023(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0023_actual_units import apply

    apply(db, migrator)


def _m0024(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.m0024_ready_count_index import apply

    apply(db, migrator)


def _reserved(db: peewee.Database, migrator: SchemaMigrator) -> None:
    """Versions 9 and 11–14 are other branches' migrations, written at the same time as
    10 and 15; until they are merged, they change nothing here (the coordinator
    renumbers)."""


# version → migration that brings version-1 to version.
MIGRATIONS: Mapping[int, Migration] = {
    2: _m0002,
    3: _m0003,
    4: _m0004,
    5: _m0005,
    6: _m0006,
    7: _m0007,
    8: _m0008,
    **dict.fromkeys((9, 11, 12, 13, 14), _reserved),
    10: _m0010,
    15: _m0015,
    # 16 and 17: released numbers that change nothing (the branches that held them
    # landed as 21 and 22, after 18–20 had shipped).
    **dict.fromkeys((16, 17), _reserved),
    18: _m0018,
    19: _m0019,
    20: _m0020,
    21: _m0021,
    22: _m0022,
    23: _m0023,
    24: _m0024,
}
VERSION_KEY = "schema_version"


def latest_version(migrations: Mapping[int, Migration] = MIGRATIONS) -> int:
    return max([BASELINE, *migrations])


def schema_version(db: peewee.Database) -> int | None:
    """The stamped version, or None for a database viver_tui has never touched."""
    if not db.table_exists(SchemaInfo._meta.table_name):
        return None
    row = SchemaInfo.get_or_none(SchemaInfo.key == VERSION_KEY)
    return int(row.value) if row else None


def check_and_upgrade(
    db: peewee.Database,
    *,
    upgrade: bool = True,
    migrations: Mapping[int, Migration] = MIGRATIONS,
) -> int:
    """Create or upgrade the schema; return the version the database is now at."""
    latest = latest_version(migrations)
    current = schema_version(db)
    if current is None:
        if db.get_tables():
            raise DatabaseError(t("db.foreign_tables"))
        if not upgrade:
            raise DatabaseError(t("db.not_created"))
        create_schema(db, latest)
        return latest
    if current > latest:
        raise DatabaseTooNew(t("db.too_new", current=current, latest=latest))
    if current < latest:
        if not upgrade:
            raise DatabaseError(t("db.needs_upgrade", current=current, latest=latest))
        from playhouse.migrate import SchemaMigrator

        backup_sqlite(db, current)
        with _foreign_keys_off(db):
            for version in range(current + 1, latest + 1):
                with writing(db):
                    migrations[version](db, SchemaMigrator.from_database(db))
                    _stamp(version)
    return latest


@contextmanager
def _foreign_keys_off(db: peewee.Database) -> Iterator[None]:
    """SQLite: foreign keys off while migrations run (a rebuilt table is dropped and
    made anew; with them on, dropping it would cascade into the tables that refer to
    it). A migration that rebuilds checks them itself (``PRAGMA foreign_key_check``)
    before it commits. The pragma is a no-op inside a transaction: this is outside."""
    if not is_sqlite(db) or db.in_transaction():
        yield
        return
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def create_schema(db: peewee.Database, version: int) -> None:
    with writing(db):
        db.create_tables(MODELS, safe=True)
        _stamp(version)
        OrderCounter.insert(id=1, last_number=FIRST_ORDER_NUMBER - 1).on_conflict_ignore().execute()
        # The access log's chain starts empty (services/audit.py).
        AuditChainHead.insert(id=1, seq=0, row_hash=CHAIN_GENESIS).on_conflict_ignore().execute()
        if not is_sqlite(db):
            db.execute_sql(
                f"CREATE SEQUENCE IF NOT EXISTS {ORDER_NUMBER_SEQUENCE} START {FIRST_ORDER_NUMBER}"
            )


def backup_sqlite(db: peewee.Database, version: int) -> Path | None:
    if not is_sqlite(db) or db.database in ("", ":memory:"):
        return None
    target = Path(f"{db.database}.before-v{version}.bak")
    if not target.exists() or target.stat().st_size == 0:
        create_private_file(target)  # VACUUM INTO fills an empty file, keeping its mode
        db.execute_sql("VACUUM INTO ?", (str(target),))
    return target


def _stamp(version: int) -> None:
    (
        SchemaInfo.insert(key=VERSION_KEY, value=str(version))
        .on_conflict(conflict_target=[SchemaInfo.key], update={SchemaInfo.value: str(version)})
        .execute()
    )
