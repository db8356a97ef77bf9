"""PostgreSQL: removing an erased person's bytes from the table files.

An erasure's ``UPDATE``/``DELETE`` leaves the old row versions in the table and index
files; a plain ``VACUUM`` marks their space free but does not overwrite it (the bytes
stay until the space is reused). Only a table rewrite — ``VACUUM FULL``, which writes
each table, its indexes and its TOAST table anew and drops the old files — removes
them. It locks each table (ACCESS EXCLUSIVE) while it copies it, so:

- it runs at once, after the erasure, when the tables that held the person are small
  (``REWRITE_NOW_MAX_BYTES`` in all: a rewrite well under two seconds) and their locks
  are had within ``lock_timeout`` 2 s; otherwise it waits for ``viver maintain`` (a
  nightly cron job, docs/operations.md), which rewrites whatever the size;
- it can only be run by the tables' owner (or a superuser). The app's own role made by
  ``viver init --app-role`` is not the owner: its erasures wait for ``viver maintain``
  run as the owner;
- a row version that a snapshot can still see is copied by the rewrite, not removed.
  Which snapshots: another session of this database whose ``backend_xmin`` is not
  newer than the erasing transaction (a REPEATABLE READ transaction, a long report
  begun before the erasure), a replication slot's ``xmin`` — and, because ``VACUUM
  FULL``'s own snapshot counts and a snapshot's xmin is the oldest transaction running
  anywhere on the server, any transaction of any database on the server that began
  before the erasure and is still running (``backend_xid``), or a prepared one. The
  rewrite waits a moment for those to end (``WAIT_NOW_S``; ``viver maintain`` longer)
  and otherwise leaves the erasure pending.

The server's WAL and its own backups still hold the rows until they are recycled.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import peewee

from viver_tui.db import reading
from viver_tui.db_errors import driver_errors

REWRITE_NOW_MAX_BYTES = 64 * 1024 * 1024
LOCK_TIMEOUT_NOW = "2s"
LOCK_TIMEOUT_MAINTAIN = "60s"
WAIT_NOW_S = 2.0  # for transactions older than the erasure to end, before the rewrite
WAIT_MAINTAIN_S = 60.0
_POLL_S = 0.05
_XID_SPACE = 1 << 32
LOCK_NOT_AVAILABLE = "55P03"  # SQLSTATE of a lock_timeout

# Why a removal waits: the catalogue key's last part (privacy.erase.pg_pending.<why>).
SNAPSHOT, NOT_OWNER, TOO_LARGE, LOCKED = "snapshot", "not_owner", "too_large", "locked"


@dataclass(frozen=True)
class Removal:
    done: bool
    waits_for: str = ""  # SNAPSHOT | NOT_OWNER | TOO_LARGE | LOCKED when not done


def current_xid(db: peewee.Database | peewee.DatabaseProxy) -> int:
    """The running transaction's id (64 bits, never wraps); call inside the erasure."""
    return int(db.execute_sql("SELECT pg_current_xact_id()::text").fetchone()[0])


def snapshots_older_than(db: peewee.Database | peewee.DatabaseProxy, xid: int) -> int:
    """How many other sessions of this database (or replication slots) hold a snapshot
    taken before transaction ``xid`` committed: they may still see its old rows."""
    short = str(xid % _XID_SPACE)
    (sessions,) = db.execute_sql(
        "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
        " AND datname = current_database() AND backend_type = 'client backend'"
        " AND backend_xmin IS NOT NULL AND age(backend_xmin) >= age(%s::xid)",
        (short,),
    ).fetchone()
    (running,) = db.execute_sql(
        "SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
        " AND backend_xid IS NOT NULL AND age(backend_xid) >= age(%s::xid)",
        (short,),
    ).fetchone()
    (slots,) = db.execute_sql(
        "SELECT count(*) FROM pg_replication_slots WHERE (database IS NULL OR"
        " database = current_database()) AND xmin IS NOT NULL AND age(xmin) >= age(%s::xid)",
        (short,),
    ).fetchone()
    (prepared,) = db.execute_sql(
        "SELECT count(*) FROM pg_prepared_xacts WHERE age(transaction) >= age(%s::xid)",
        (short,),
    ).fetchone()
    return int(sessions) + int(running) + int(slots) + int(prepared)


def _snapshots_end(
    db: peewee.Database | peewee.DatabaseProxy, xid: int, wait_s: float
) -> bool:
    """Wait at most ``wait_s`` for every snapshot older than ``xid`` to end (a
    terminal's transaction in flight ends in milliseconds; an open REPEATABLE READ
    session does not); True when none is left."""
    deadline = time.monotonic() + wait_s
    while snapshots_older_than(db, xid):
        if time.monotonic() >= deadline:
            return False
        db.execute_sql("SELECT pg_sleep(%s)", (_POLL_S,))
    return True


def _owns_all(db: peewee.Database | peewee.DatabaseProxy, tables: list[str]) -> bool:
    (owns,) = db.execute_sql(
        "SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE'))"
        " FROM pg_class c WHERE c.oid = ANY(%s::regclass[])",
        ([f'"{name}"' for name in tables],),
    ).fetchone()
    return bool(owns)


def _size(db: peewee.Database | peewee.DatabaseProxy, tables: list[str]) -> int:
    (size,) = db.execute_sql(
        "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
        " WHERE c.oid = ANY(%s::regclass[])",
        ([f'"{name}"' for name in tables],),
    ).fetchone()
    return int(size)


def rewrite(
    db: peewee.Database | peewee.DatabaseProxy,
    tables: list[str],
    newest_xid: int | None,
    *,
    maintain: bool = False,
    wait_s: float | None = None,
) -> Removal:
    """Rewrite ``tables`` (``VACUUM FULL``) so no old row version is left in their
    files, if it can be done now (see the module docstring); ``newest_xid``: the newest
    pending erasure's transaction. ``maintain``: the nightly run, any size, a longer
    lock wait; ``wait_s``: how long to wait for older snapshots to end (default by
    ``maintain``). Must run outside a transaction (VACUUM cannot run inside one)."""
    if wait_s is None:
        wait_s = WAIT_MAINTAIN_S if maintain else WAIT_NOW_S
    with reading(db):
        if not _owns_all(db, tables):
            return Removal(False, NOT_OWNER)
        if newest_xid is not None and not _snapshots_end(db, newest_xid, wait_s):
            return Removal(False, SNAPSHOT)
        if not maintain and _size(db, tables) > REWRITE_NOW_MAX_BYTES:
            return Removal(False, TOO_LARGE)
        timeout = LOCK_TIMEOUT_MAINTAIN if maintain else LOCK_TIMEOUT_NOW
        db.execute_sql(f"SET lock_timeout = '{timeout}'")
        try:
            db.execute_sql("VACUUM FULL " + ", ".join(f'"{name}"' for name in tables))
        except (peewee.PeeweeException, *_driver_errors()) as exc:
            if any(getattr(e, "pgcode", None) == LOCK_NOT_AVAILABLE for e in driver_errors(exc)):
                return Removal(False, LOCKED)
            raise
        finally:
            db.execute_sql("RESET lock_timeout")
    return Removal(True)


def _driver_errors() -> tuple[type[BaseException], ...]:
    """psycopg2's base error: a lock timeout is not one peewee wraps."""
    import psycopg2

    return (psycopg2.Error,)
