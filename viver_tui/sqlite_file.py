"""A SQLite database file, looked at before SQLite opens it (stdlib only, no peewee).

SQLite opened on a damaged file answers with "file is not a database" or "database disk
image is malformed" half-way through whatever it was doing, and opened on a read-only
file (or beside a read-only ``-wal``/``-shm``) it starts, then fails at the first
write. ``check_sqlite_file`` refuses such files first, in one line saying what to do,
without writing a byte — cheap enough (a stat and 100 bytes) for the CLI to run before
the counter app starts.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from viver_tui.config import default_backup_dir
from viver_tui.errors import DatabaseError
from viver_tui.locale import t
from viver_tui.private import is_writable

SQLITE_MAGIC = b"SQLite format 3\x00"


def check_sqlite_file(path: Path) -> None:
    """Refuse, before SQLite touches it, a file viver cannot safely open for writing."""
    if path.is_dir():
        raise DatabaseError(t("store.is_folder", path=path))
    if not path.exists():
        return  # created private by db.connect_url
    if not os.access(path, os.R_OK):
        raise DatabaseError(t("store.not_readable", path=path))
    # The -wal and -shm too: a read-only one left behind (by a read-only opener of old)
    # made every save fail later with "attempt to write a readonly database".
    if not is_writable(path.parent):
        raise DatabaseError(t("store.folder_read_only", path=path.parent))
    for file in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if file.exists() and not is_writable(file):
            raise DatabaseError(t("store.read_only", path=file))
    problem = sqlite_file_problem(path)
    if problem is not None:
        raise DatabaseError(corrupt_message(path, problem))


def sqlite_file_problem(path: Path) -> str | None:
    """Why the file at ``path`` is not a usable SQLite database (a ``store.what.*`` key
    suffix), judged from its 100-byte header and size alone; None if it looks sound.

    Damage inside the pages is found by ``check_database`` (integrity_check).
    """
    size = path.stat().st_size
    if size == 0:
        return None  # SQLite's empty database: the schema is created in it
    with path.open("rb") as file:
        header = file.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_MAGIC):
        return "not_sqlite"
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "not_sqlite"
    (pages,) = struct.unpack(">I", header[28:32])
    # The page count is trusted only when the header says it is current (bytes 92–95 =
    # change counter), and only with no frames waiting in the WAL: until a checkpoint,
    # pages may live there rather than in the file.
    wal = Path(f"{path}-wal")
    wal_pending = wal.exists() and wal.stat().st_size > 32
    if header[92:96] == header[24:28] and not wal_pending and pages * page_size > size:
        return "truncated"
    return None


def corrupt_message(path: Path, what: str) -> str:
    return t(
        "store.corrupt",
        path=path,
        what=t(f"store.what.{what}"),
        backups=default_backup_dir(),
    )
