"""The erasure ledger: every erasure, as ids and a date (no personal data), so an
erasure reaches what the erasing terminal cannot.

- Other terminals' spool folders: the preview printer spools each print job's bytes
  (names, phone numbers) on the terminal that printed it. Each terminal deletes the
  files of the ledger's print jobs from its own spool folder at start and daily
  (``apply_to_spool``, called by the app).
- Backups: ``viver restore`` of a backup taken before an erasure would bring the person
  back. The ledger is read from the live database before it is replaced (and, on
  SQLite, from ``<database>.erasures`` beside it, a copy that survives a damaged file),
  and every erasure in it is made again in the restored copy before that copy is put in
  place (``read_for_restore``, ``reapply``).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import peewee

from viver_tui import clock
from viver_tui.db import is_sqlite, reading
from viver_tui.models import ErasureLedger

log = logging.getLogger(__name__)

SIDECAR_SUFFIX = ".erasures"


@dataclass(frozen=True)
class Entry:
    customer_id: int
    erased_at: datetime
    print_jobs: tuple[int, ...]


def _jobs_text(job_ids: Iterable[int]) -> str:
    return ",".join(str(j) for j in sorted(set(job_ids)))


def _jobs(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part.strip().isdigit())


def record(entry: Entry) -> None:
    """Write ``entry`` into the ledger table; inside the erasure's transaction."""
    (
        ErasureLedger.insert(
            customer_id=entry.customer_id, erased_at=entry.erased_at,
            print_jobs=_jobs_text(entry.print_jobs),
        )
        .on_conflict_ignore()
        .execute()
    )


def sidecar(db: peewee.Database | peewee.DatabaseProxy) -> Path | None:
    """``<database>.erasures`` beside a SQLite file (None for PostgreSQL, memory)."""
    if not is_sqlite(db) or db.database in ("", ":memory:"):
        return None
    return Path(f"{db.database}{SIDECAR_SUFFIX}")


def sidecar_for(database: Path) -> Path:
    return Path(f"{database}{SIDECAR_SUFFIX}")


def append_sidecar(path: Path | None, entry: Entry) -> None:
    """One JSON line per erasure, the file private (0600); after the commit."""
    if path is None:
        return
    line = json.dumps({"customer": entry.customer_id, "erased_at": entry.erased_at.isoformat(),
                       "print_jobs": list(entry.print_jobs)})
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        os.write(fd, (line + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def entries(
    db: peewee.Database | peewee.DatabaseProxy, since: datetime | None = None
) -> list[Entry]:
    with reading(db):
        query = ErasureLedger.select().order_by(ErasureLedger.id)
        if since is not None:
            query = query.where(ErasureLedger.erased_at >= since)
        return [Entry(e.customer_id, e.erased_at, _jobs(e.print_jobs)) for e in query]


def erased_jobs(db: peewee.Database | peewee.DatabaseProxy, keep_days: int) -> set[int]:
    """The print jobs of customers erased in the last ``keep_days`` + 1 days (all when
    ``keep_days`` is 0)."""
    since = clock.now() - timedelta(days=keep_days + 1) if keep_days > 0 else None
    return {j for entry in entries(db, since) for j in entry.print_jobs}


def apply_to_spool(
    db: peewee.Database | peewee.DatabaseProxy, spool_dir: Path, keep_days: int
) -> int:
    """Delete this terminal's spool files of every erased customer's print jobs; the
    number deleted. ``keep_days`` > 0: only erasures of the last ``keep_days`` + 1
    days are read (older spool files are gone by the spool's own retention)."""
    from viver_tui.printing.preview import spool_files_for_jobs

    if not spool_dir.is_dir():
        return 0
    job_ids = erased_jobs(db, keep_days)
    deleted = 0
    for path in spool_files_for_jobs(spool_dir, job_ids):
        path.unlink(missing_ok=True)
        deleted += 1
    return deleted


def _read_sidecar(path: Path) -> list[Entry]:
    found: list[Entry] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return found
    for line in lines:
        try:
            data = json.loads(line)
            found.append(Entry(int(data["customer"]), datetime.fromisoformat(data["erased_at"]),
                               tuple(int(j) for j in data.get("print_jobs", ()))))
        except (ValueError, KeyError, TypeError):
            log.warning("a line of %s is not an erasure; skipped", path.name)
    return found


def _read_live_table(database: Path) -> list[Entry]:
    """The ledger of the SQLite database about to be replaced, read-only; nothing when
    it cannot be read (damaged, or older than schema 22: then the sidecar is all)."""
    if not database.is_file():
        return []
    try:
        con = sqlite3.connect(f"file:{quote(str(database))}?mode=ro", uri=True)
        try:
            rows = con.execute(
                "SELECT customer_id, erased_at, print_jobs FROM erasure_ledger"
            ).fetchall()
        finally:
            con.close()
    except sqlite3.Error:
        return []
    return [Entry(int(c), datetime.fromisoformat(str(at)), _jobs(jobs or ""))
            for c, at, jobs in rows]


def read_for_restore(database: Path) -> list[Entry]:
    """Every erasure known for the SQLite database at ``database``: its ledger table
    and its sidecar file, one entry per customer (the earliest date)."""
    merged: dict[int, Entry] = {}
    for entry in _read_live_table(database) + _read_sidecar(sidecar_for(database)):
        known = merged.get(entry.customer_id)
        if known is None or entry.erased_at < known.erased_at:
            merged[entry.customer_id] = Entry(
                entry.customer_id, entry.erased_at,
                tuple(sorted(set(entry.print_jobs) | set(known.print_jobs if known else ()))),
            )
    return sorted(merged.values(), key=lambda e: (e.erased_at, e.customer_id))
