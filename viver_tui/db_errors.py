"""What a database driver's error means to the shop: one line, with the right advice.

SQLite and PostgreSQL report faults in their own words (English, PostgreSQL's with lines
of SQL and a caret), and the telling error may hide behind a later one: a full disk
surfaced as "cannot rollback - no transaction is active", the rollback that failed
after SQLite had already rolled back. ``explain(exc, url)`` finds the driver's own
errors in the chain (peewee's wrapper, ``__cause__``, ``__context__``), picks the one
whose code says most, and names the fault by that code, never by the driver's text:

- read-only (SQLITE_READONLY, PostgreSQL 25006): "Skrivebeskyttet: <the file or folder
  that is> …";
- disk full (SQLITE_FULL, or an I/O error with nothing free; PostgreSQL 53100): "Disken
  er full: X MB ledig … — frigjør plass; ingenting er tapt" (the transaction was rolled
  back whole: what was typed is still on the screen);
- damaged (SQLITE_CORRUPT/NOTADB, PostgreSQL XX001/XX002): "Databasen er skadet —
  `viver check`, deretter `viver restore`";
- locked/busy, cannot open, I/O error, no server, a missing PostgreSQL schema (3F000),
  no privilege (42501);
- anything else: the first line of the driver's message, its SQL left out.

stdlib + locale only (the drivers' errors are recognised by their attributes), so the
connection layer and the services' failure funnel share it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

from viver_tui.locale import t
from viver_tui.locale.formatting import format_number
from viver_tui.private import is_writable, mask_url, redact, sqlite_path

# SQLite's primary result codes (extended codes keep them in their low byte).
SQLITE_ERROR = 1
SQLITE_PERM = 3
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
DAMAGED = frozenset({SQLITE_CORRUPT, SQLITE_NOTADB})
# PostgreSQL SQLSTATEs
PG_READ_ONLY = "25006"
PG_DISK_FULL = "53100"
PG_NO_SCHEMA = "3F000"
PG_NO_PRIVILEGE = "42501"
PG_DAMAGED = frozenset({"XX001", "XX002"})
NEARLY_FULL_BYTES = 1_000_000  # an I/O error with less than this free is a full disk


def sqlite_code(error: BaseException) -> int | None:
    """SQLite's primary result code of a ``sqlite3`` error, or None."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def driver_errors(exc: BaseException) -> Iterator[BaseException]:
    """The driver's errors behind ``exc``, nearest first: peewee puts the driver's error
    in its first argument and its cause; a failed rollback keeps the real error as its
    context."""
    seen: set[int] = set()
    queue = [exc]
    while queue and len(seen) < 12:
        error = queue.pop(0)
        if id(error) in seen:
            continue
        seen.add(id(error))
        if sqlite_code(error) is not None or getattr(error, "pgcode", None) is not None:
            yield error
        inner = error.args[0] if error.args and isinstance(error.args[0], BaseException) else None
        queue += [e for e in (inner, error.__cause__, error.__context__) if e is not None]


def telling(exc: BaseException) -> BaseException:
    """The error in ``exc``'s chain that says most: a specific code over SQLite's
    generic SQLITE_ERROR ("cannot rollback …"), else the nearest driver error, else
    ``exc`` itself."""
    found = list(driver_errors(exc))
    specific = [e for e in found if sqlite_code(e) not in (None, SQLITE_ERROR)]
    specific += [e for e in found if getattr(e, "pgcode", None)]
    return (specific or found or [exc])[0]


def is_damage(exc: BaseException) -> bool:
    """True when the driver says the database file or its pages are damaged."""
    error = telling(exc)
    return sqlite_code(error) in DAMAGED or getattr(error, "pgcode", None) in PG_DAMAGED


def first_line(exc: BaseException, url: str = "") -> str:
    """The driver's message without its SQL: its first line, password masked."""
    text = redact(str(exc), url) if url else str(exc)
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else type(exc).__name__


def explain(exc: BaseException, url: str = "") -> str:
    """One line for the person at the counter (or the CLI) saying what happened."""
    error = telling(exc)
    path = sqlite_path(url) if url else None
    code = sqlite_code(error)
    pgcode = getattr(error, "pgcode", None)
    if code is not None:
        return _sqlite(error, code, path, url)
    if pgcode is not None:
        return _postgres(error, pgcode, url)
    text = first_line(error, url)
    if "locked" in text:
        return t("db.locked")
    if "could not connect" in text or "Connection refused" in text:
        return t("db.no_server", url=mask_url(url))
    return t("db.error", error=text)


def _sqlite(error: BaseException, code: int, path: Path | None, url: str) -> str:
    where = str(path) if path is not None else mask_url(url) or "?"
    if code in DAMAGED:
        return t("db.damaged", path=where)
    if code == SQLITE_FULL or (code == SQLITE_IOERR and _nearly_full(path)):
        return disk_full(path)
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return t("db.read_only", path=read_only_place(path) if path is not None else where)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return t("db.locked")
    if code == SQLITE_CANTOPEN:
        return t("db.cannot_open", url=where, error=first_line(error, url))
    if code == SQLITE_IOERR:
        return t("db.io_error", path=where)
    return t("db.error", error=first_line(error, url))


def _postgres(error: BaseException, pgcode: str, url: str) -> str:
    if pgcode in PG_DAMAGED:
        return t("db.damaged", path=mask_url(url) or "PostgreSQL")
    if pgcode == PG_DISK_FULL:
        return t("db.pg_disk_full")
    if pgcode == PG_READ_ONLY:
        return t("db.pg_read_only", url=mask_url(url))
    if pgcode == PG_NO_SCHEMA:
        return t("db.pg_no_schema", url=mask_url(url))
    if pgcode == PG_NO_PRIVILEGE:
        return t("db.pg_no_privilege", error=first_line(error, url))
    return t("db.error", error=first_line(error, url))


def read_only_place(path: Path) -> Path:
    """The database's folder if it cannot be written (a read-only disk, too), else the
    first of its files that cannot; the file itself when none can be named."""
    if not is_writable(path.parent):
        return path.parent
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        if candidate.exists() and not is_writable(candidate):
            return candidate
    return path


def _nearly_full(path: Path | None) -> bool:
    free = _free_bytes(path)
    return free is not None and free < NEARLY_FULL_BYTES


def _free_bytes(path: Path | None) -> int | None:
    if path is None:
        return None
    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return None


def disk_full(path: Path | None) -> str:
    """"Disken er full: 0,4 MB ledig (folder) — …" for the disk ``path`` is on."""
    megabytes = round((_free_bytes(path) or 0) / 1_000_000, 1)
    return t("db.disk_full", free=format_number(megabytes), folder=path.parent if path else "?")
