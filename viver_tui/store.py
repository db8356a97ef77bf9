"""Operations on the store: open it, check it, back it up, restore it.

This module sits above ``db`` (connections), ``models`` and ``migrations`` and composes
them, so none of those imports another upwards:

- ``open_database(url)``: a SQLite file is looked at first (damaged, truncated or
  read-only files are refused in one line and left untouched), then connected and its
  schema created or upgraded. What the app, the CLI and the tests call.
- ``check_database(url)``: SQLite's ``integrity_check`` and ``foreign_key_check``;
  PostgreSQL's equivalents (tables, orphan rows, constraints left NOT VALID, invalid
  indexes, the order number sequence). One finding per line.
- ``backup_database(url, target)``: SQLite's online backup API (a consistent copy while
  terminals write), checked, 0600; PostgreSQL through ``pg_dump`` when it is installed.
- ``restore_database(url, source)``: checks the backup, refuses while the database is in
  use, keeps a copy of what it replaces.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, unquote, urlparse, urlunparse

import peewee

from viver_tui import migrations
from viver_tui.config import default_backup_dir
from viver_tui.db import (
    SQLITE_BUSY_TIMEOUT_S,
    connect_database,
    connect_url,
    create_private_file,
    explain_operational_error,
    mask_url,
    private_dir,
    reading,
    redact,
    sqlite_path,
)
from viver_tui.db_errors import (
    SQLITE_NOTADB,
    first_line,
    is_damage,
    read_only_place,
    sqlite_code,
    telling,
)
from viver_tui.errors import DatabaseError
from viver_tui.locale import t
from viver_tui.models import MODELS, ORDER_NUMBER_SEQUENCE, Order
from viver_tui.private import is_writable
from viver_tui.sqlite_file import check_sqlite_file, corrupt_message, sqlite_file_problem

if TYPE_CHECKING:
    from viver_tui.services.audit import NotedHead

MAX_FINDINGS = 20  # lines `viver check` prints before summarising the rest
PG_DUMP_TIMEOUT_S = 3600


# --- opening ----------------------------------------------------------------------


def open_database(url: str, *, upgrade: bool = True) -> peewee.Database:
    """Bind the global proxy to ``url`` and bring its schema up to date.

    Raises DatabaseError (one line saying what to do) when the database cannot be
    reached, is locked, damaged, read-only, or was written by a newer release. A
    damaged SQLite file is not written to.
    """
    path = sqlite_path(url)
    if path is not None:
        check_sqlite_file(path)
    db = connect_database(url)
    try:
        with reading(db):
            migrations.check_and_upgrade(db, upgrade=upgrade)
    except peewee.DatabaseError as exc:  # OperationalError included
        _close(db)
        raise DatabaseError(_explain(exc, url)) from exc
    except DatabaseError:
        _close(db)
        raise
    return db


def _explain(exc: Exception, url: str) -> str:
    path = sqlite_path(url)
    if path is not None and is_damage(exc):
        return corrupt_message(path, _what_is_damaged(exc))
    return explain_operational_error(exc, url)


def _close(db: peewee.Database) -> None:
    with contextlib.suppress(peewee.PeeweeException, sqlite3.Error):
        if not db.is_closed():
            db.close()


# --- checking ---------------------------------------------------------------------


@dataclass(frozen=True)
class CheckReport:
    """What ``viver check`` found: ``findings`` is empty for a sound database."""

    url: str  # masked
    version: int | None
    findings: tuple[str, ...]
    checks: str  # which checks ran, for the summary line

    @property
    def ok(self) -> bool:
        return not self.findings


def check_database(url: str, noted_head: NotedHead | None = None) -> CheckReport:
    """Check the database at ``url`` without changing it; ``noted_head``: a head of the
    access log's chain printed by an earlier check, which must still be in it."""
    path = sqlite_path(url)
    if path is not None:
        return _check_sqlite(url, path, noted_head)
    return _check_postgres(url, noted_head)


def _check_sqlite(url: str, path: Path, noted_head: NotedHead | None = None) -> CheckReport:
    shown = mask_url(url)
    if not path.is_file():
        raise DatabaseError(t("check.no_database", path=path))
    problem = sqlite_file_problem(path)
    if problem is not None:
        return CheckReport(shown, None, (corrupt_message(path, problem),), "")
    findings: list[str] = []
    version = None
    read_only = _read_only_part(path)
    checks = t("check.names.sqlite")
    try:
        con = sqlite3.connect(_checking_uri(path, read_only), uri=True, timeout=5)
        try:
            con.execute("PRAGMA query_only = 1")
            rows = con.execute("PRAGMA integrity_check(100)").fetchall()
            if [tuple(r) for r in rows] != [("ok",)]:
                findings += [t("check.integrity", detail=r[0]) for r in rows]
            version = _schema_findings(_sqlite_query(con), findings)
            for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check"):
                findings.append(t("check.foreign_key", table=table, rowid=rowid, parent=parent))
            if not findings:
                checks += _access_log_findings(_sqlite_query(con), findings, noted_head)
        finally:
            con.close()
    except sqlite3.Error as exc:
        # Damage only when SQLite says the pages are damaged (reading them for the
        # integrity check); a folder it may not write in or a busy file is no damage.
        if is_damage(exc):
            findings.append(corrupt_message(path, _what_is_damaged(exc)))
        else:
            findings.append(explain_operational_error(exc, url))
    if read_only is not None and not findings:
        findings.append(t("check.read_only", path=read_only))
    return CheckReport(shown, version, tuple(findings), checks)


def _read_only_part(path: Path) -> Path | None:
    """The database's file or folder that cannot be written, or None."""
    place = read_only_place(path)
    return None if is_writable(place) else place


def _checking_uri(path: Path, read_only: Path | None) -> str:
    """How ``viver check`` opens the file so that it leaves nothing it did not find.

    A read-only SQLite connection creates ``-wal``/``-shm`` beside a WAL database and,
    being read-only, never removes them: beside a read-only file they stay read-only,
    and every later save failed. So: without a ``-wal`` and ``-shm`` (nobody has the
    database open) a normal connection, made read-only by ``query_only``, which removes
    them as the last one to close; with both, read-only (they are someone's, and stay);
    where nothing may be written, ``immutable`` — SQLite then creates nothing and takes
    no locks, which is right only because no viver writes a read-only database."""
    name = quote(str(path))
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if read_only is not None and not (wal.exists() and shm.exists()):
        return f"file:{name}?mode=ro&immutable=1"
    if not wal.exists() and not shm.exists():
        return f"file:{name}?mode=rw"
    return f"file:{name}?mode=ro"


def _what_is_damaged(exc: BaseException) -> str:
    return "not_sqlite" if sqlite_code(telling(exc)) == SQLITE_NOTADB else "malformed"


def _sqlite_query(con: sqlite3.Connection):  # type: ignore[no-untyped-def]
    def query(sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        return con.execute(sql.replace("%s", "?"), params).fetchall()

    query.tables = lambda: {  # type: ignore[attr-defined]
        name for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    return query


def _schema_findings(query, findings: list[str]) -> int | None:  # type: ignore[no-untyped-def]
    """Schema version and tables; appends findings, returns the version."""
    tables = query.tables()
    version = None
    if "schema_info" in tables:
        rows = query("SELECT value FROM schema_info WHERE key = %s", (migrations.VERSION_KEY,))
        version = int(rows[0][0]) if rows else None
    latest = migrations.latest_version()
    if version is None:
        findings.append(t("check.no_schema"))
        return None
    if version > latest:
        findings.append(t("check.too_new", current=version, latest=latest))
    elif version < latest:
        findings.append(t("check.needs_upgrade", current=version, latest=latest))
    else:
        for model in MODELS:
            if model._meta.table_name not in tables:
                findings.append(t("check.missing_table", table=model._meta.table_name))
    return version


def _check_postgres(url: str, noted_head: NotedHead | None = None) -> CheckReport:
    shown = mask_url(url)
    findings: list[str] = []
    version = None
    checks = t("check.names.postgres")
    db = connect_url(url)
    try:
        db.connect()
    except peewee.PeeweeException as exc:
        return CheckReport(shown, None, (t("check.unreachable", error=first_line(exc, url)),), "")
    try:

        def query(sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
            return list(db.execute_sql(sql, params).fetchall())

        query.tables = lambda: set(db.get_tables())  # type: ignore[attr-defined]
        if query("SELECT current_schema()")[0][0] is None:  # search_path names no schema
            return CheckReport(shown, None, (t("db.pg_no_schema", url=shown),), "")
        version = _schema_findings(query, findings)
        if version is not None and not findings:
            findings += _orphans(query)
            findings += [
                t("check.not_validated", name=name, table=table)
                for name, table in query(
                    "SELECT c.conname, r.relname FROM pg_constraint c "
                    "JOIN pg_class r ON r.oid = c.conrelid "
                    "JOIN pg_namespace n ON n.oid = r.relnamespace "
                    "WHERE NOT c.convalidated AND n.nspname = current_schema()"
                )
            ]
            findings += [
                t("check.invalid_index", name=name)
                for (name,) in query(
                    "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                    "JOIN pg_namespace n ON n.oid = i.relnamespace "
                    "WHERE NOT x.indisvalid AND n.nspname = current_schema()"
                )
            ]
            findings += _sequence_findings(query)
            if not findings:
                checks += _access_log_findings(query, findings, noted_head)
    except peewee.PeeweeException as exc:
        findings.append(explain_operational_error(exc, url))
    finally:
        _close(db)
    return CheckReport(shown, version, tuple(findings), checks)


def _access_log_findings(  # type: ignore[no-untyped-def]
    query, findings: list[str], noted_head: NotedHead | None = None
) -> str:
    """The access log's hash chain (services/audit.py): a finding per changed or
    missing entry; returns the summary for the check's line (with the head to note)."""
    from viver_tui.services.audit import verify_chain

    chain = verify_chain(query, noted_head)
    findings += chain.problems
    return ", " + chain.summary()


def _orphans(query) -> list[str]:  # type: ignore[no-untyped-def]
    """Rows whose foreign key points nowhere (PostgreSQL enforces keys; this finds rows
    that got past a dropped or disabled constraint)."""
    found = []
    for model in MODELS:
        for fk in model._meta.refs:
            child, column = model._meta.table_name, fk.column_name
            parent, key = fk.rel_model._meta.table_name, fk.rel_field.column_name
            (count,) = query(
                f'SELECT COUNT(*) FROM "{child}" c LEFT JOIN "{parent}" p '
                f'ON c."{column}" = p."{key}" '
                f'WHERE c."{column}" IS NOT NULL AND p."{key}" IS NULL'
            )[0]
            if count:
                found.append(
                    t("check.orphan", count=count, table=child, column=column, parent=parent)
                )
    return found


def _sequence_findings(query) -> list[str]:  # type: ignore[no-untyped-def]
    top = query(f'SELECT MAX(number) FROM "{Order._meta.table_name}"')[0][0]
    last, called = query(f"SELECT last_value, is_called FROM {ORDER_NUMBER_SEQUENCE}")[0]
    following = last + 1 if called else last
    if top is not None and following <= top:
        return [t("check.sequence_behind", value=following, top=top)]
    return []


# --- backup -----------------------------------------------------------------------


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    tool: str  # "sqlite" | "pg_dump"


def backup_name(now: datetime, suffix: str, *, seconds: bool = False) -> str:
    stamp = f"{now:%Y-%m-%d-%H%M%S}" if seconds else f"{now:%Y-%m-%d-%H%M}"
    return f"viver-{stamp}{suffix}"


def _backup_target(target: Path | None, suffix: str, now: datetime) -> Path:
    folder = default_backup_dir() if target is None else target
    if target is not None and not target.is_dir():
        if target.exists():
            raise DatabaseError(t("backup.exists", path=target))
        private_dir(target.parent)
        return target
    private_dir(folder)
    for name in (backup_name(now, suffix), backup_name(now, suffix, seconds=True)):
        if not (folder / name).exists():
            return folder / name
    n = 2
    while (folder / backup_name(now, f"-{n}{suffix}", seconds=True)).exists():
        n += 1
    return folder / backup_name(now, f"-{n}{suffix}", seconds=True)


def backup_database(
    url: str, target: Path | None = None, *, now: datetime | None = None
) -> BackupResult:
    """Back the database up to ``target`` (a file, or a folder for a dated name; default
    ``backups/`` in the user data folder). Safe while terminals are working."""
    now = now or datetime.now()
    path = sqlite_path(url)
    if path is None:
        return _backup_postgres(url, target, now)
    if not path.is_file() or path.stat().st_size == 0:
        raise DatabaseError(t("backup.no_database", path=path))
    problem = sqlite_file_problem(path)
    if problem is not None:
        raise DatabaseError(corrupt_message(path, problem))
    destination = _backup_target(target, ".db", now)
    create_private_file(destination)
    try:
        _sqlite_copy(path, destination)
    except sqlite3.Error as exc:
        destination.unlink(missing_ok=True)
        raise DatabaseError(t("backup.failed", error=exc)) from exc
    detail = _integrity(destination)
    if detail is not None:
        destination.unlink(missing_ok=True)
        raise DatabaseError(t("backup.bad_copy", path=destination, detail=detail))
    return BackupResult(destination, destination.stat().st_size, "sqlite")


def _sqlite_copy(source_path: Path, destination: Path) -> None:
    """Online backup: one step, so the copy is one snapshot while writers carry on (WAL
    readers never block them)."""
    source = sqlite3.connect(
        f"file:{quote(str(source_path))}?mode=ro", uri=True, timeout=SQLITE_BUSY_TIMEOUT_S
    )
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
        # One self-contained file: no -wal beside it to lose when it is copied away.
        target.execute("PRAGMA journal_mode=DELETE")
    finally:
        target.close()
        source.close()
    os.chmod(destination, 0o600)


def _integrity(path: Path) -> str | None:
    """None if ``path`` passes integrity_check, else the first complaint."""
    try:
        con = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
        try:
            rows = con.execute("PRAGMA integrity_check(10)").fetchall()
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    return None if [tuple(r) for r in rows] == [("ok",)] else str(rows[0][0])


def _backup_postgres(url: str, target: Path | None, now: datetime) -> BackupResult:
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DatabaseError(t("backup.pg_missing", url=mask_url(url)))
    parts = urlparse(url)
    env = dict(os.environ)
    netloc = parts.netloc
    if parts.password is not None:
        # On the environment, not the command line, where `ps` would show it.
        env["PGPASSWORD"] = unquote(parts.password)
        netloc = f"{parts.username or ''}@{netloc.rsplit('@', 1)[-1]}"
    conninfo = urlunparse(parts._replace(scheme="postgresql", netloc=netloc))
    command = [pg_dump, "--format=custom", "--no-owner", f"--dbname={conninfo}"]
    schema = _search_path(parts.query)
    if schema:
        command.append(f"--schema={schema}")
    destination = _backup_target(target, ".dump", now)
    create_private_file(destination)
    command.append(f"--file={destination}")
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=PG_DUMP_TIMEOUT_S
        )
    except (OSError, subprocess.SubprocessError) as exc:
        destination.unlink(missing_ok=True)
        raise DatabaseError(t("backup.pg_failed", error=type(exc).__name__)) from exc
    if result.returncode != 0:
        destination.unlink(missing_ok=True)
        lines = redact(result.stderr, url).strip().splitlines() or [str(result.returncode)]
        raise DatabaseError(t("backup.pg_failed", error=lines[0]))
    os.chmod(destination, 0o600)
    return BackupResult(destination, destination.stat().st_size, "pg_dump")


def _search_path(query: str) -> str | None:
    """The schema a ``?options=-csearch_path=…`` URL works in (the tests use one)."""
    for option in parse_qs(query).get("options", []):
        for word in option.split():
            if word.startswith("-csearch_path="):
                return word.split("=", 1)[1].split(",")[0].strip('"') or None
    return None


def prune_backups(
    folder: Path, days: int, *, database: Path | None = None, now: datetime | None = None
) -> list[Path]:
    """Delete backups older than ``days`` days (by when they were written): ``viver-*``
    files made by ``viver backup`` in ``folder``, and beside a SQLite ``database`` the
    copies its upgrades and restores keep. They hold erased customers; this is what
    bounds how long. ``days`` 0 deletes nothing. Returns what was deleted."""
    if days <= 0:
        return []
    cutoff = (now or datetime.now()).timestamp() - days * 24 * 3600
    candidates: list[Path] = []
    if folder.is_dir():
        candidates += [p for p in folder.iterdir()
                       if p.name.startswith("viver-") and p.suffix in (".db", ".dump")]
    if database is not None and database.parent.is_dir():
        candidates += sorted(database.parent.glob(f"{database.name}.before-v*.bak"))
        candidates += sorted(database.parent.glob(f"{database.name}.before-restore-*.db"))
    deleted = []
    for path in sorted(candidates):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                deleted.append(path)
        except FileNotFoundError:
            continue
    return deleted


# --- restore ----------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreResult:
    path: Path
    kept: Path | None  # the database that was replaced, copied here first


def restore_database(
    url: str,
    source: Path,
    *,
    now: datetime | None = None,
    prepare: Callable[[Path], None] | None = None,
) -> RestoreResult:
    """Put the backup ``source`` in place of the SQLite database at ``url``.

    The backup is checked first (a SQLite file, integrity_check, a viver schema this
    program can open); a database in use by any viver process is refused; the database
    it replaces is kept beside it as ``<name>.before-restore-<date>.db``. ``prepare``
    is handed a private copy of the backup to change before it is put in place (the
    CLI erases again everyone the ledger names); the copy is deleted afterwards.
    """
    now = now or datetime.now()
    path = sqlite_path(url)
    if path is None:
        raise DatabaseError(t("restore.postgres"))
    if not source.is_file():
        raise DatabaseError(t("restore.missing", path=source))
    if path.exists() and source.resolve() == path.resolve():
        raise DatabaseError(t("restore.same_file"))
    detail = _restorable(source)
    if detail is not None:
        raise DatabaseError(t("restore.bad_source", path=source, detail=detail))
    private_dir(path.parent)
    if prepare is None:
        return _restore(path, source, now)
    prepared = path.with_name(f".{path.name}.prepared")
    for leftover in _with_companions(prepared):
        leftover.unlink(missing_ok=True)
    create_private_file(prepared)
    try:
        _sqlite_copy(source, prepared)
        prepare(prepared)
        return _restore(path, prepared, now)
    finally:
        for made in _with_companions(prepared):
            made.unlink(missing_ok=True)


def _with_companions(path: Path) -> list[Path]:
    """A SQLite file, its -wal/-shm, and the copies an upgrade keeps beside it."""
    return [path, Path(f"{path}-wal"), Path(f"{path}-shm"),
            *path.parent.glob(f"{path.name}.before-v*.bak")]


def _restore(path: Path, source: Path, now: datetime) -> RestoreResult:
    if not path.exists() or path.stat().st_size == 0:
        create_private_file(path)
        _sqlite_copy(source, path)
        return RestoreResult(path, None)
    kept = path.with_name(f"{path.name}.before-restore-{now:%Y-%m-%d-%H%M%S}.db")
    if sqlite_file_problem(path) is not None:
        # A damaged file cannot be locked through SQLite (and no viver can have it
        # open: they refuse it). Keep its bytes, then put the backup in its place.
        create_private_file(kept)
        shutil.copyfile(path, kept)
        _replace_file(source, path)
        return RestoreResult(path, kept)
    lock = sqlite3.connect(path, timeout=0.5, isolation_level=None)
    try:
        try:
            # Held until close: any other connection (an open viver) makes this fail.
            lock.execute("PRAGMA locking_mode=EXCLUSIVE")
            lock.execute("BEGIN EXCLUSIVE")
            lock.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise DatabaseError(t("restore.in_use", path=path)) from exc
            raise
        except sqlite3.DatabaseError:
            lock.close()
            create_private_file(kept)
            shutil.copyfile(path, kept)
            _replace_file(source, path)
            return RestoreResult(path, kept)
        create_private_file(kept)
        keeper = sqlite3.connect(kept)
        try:
            lock.backup(keeper)
            keeper.execute("PRAGMA journal_mode=DELETE")
        finally:
            keeper.close()
        os.chmod(kept, 0o600)
        backup = sqlite3.connect(f"file:{quote(str(source))}?mode=ro&immutable=1", uri=True)
        try:
            backup.backup(lock)
        finally:
            backup.close()
    finally:
        lock.close()
    return RestoreResult(path, kept)


def _replace_file(source: Path, path: Path) -> None:
    temporary = path.with_name(f".{path.name}.restoring")
    temporary.unlink(missing_ok=True)
    create_private_file(temporary)
    _sqlite_copy(source, temporary)
    # The old file's -wal/-shm would be replayed into the new one: remove them first.
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.replace(temporary, path)


def _restorable(source: Path) -> str | None:
    """Why ``source`` cannot be restored, or None."""
    problem = sqlite_file_problem(source)
    if problem is not None or source.stat().st_size == 0:
        return t(f"store.what.{problem or 'not_sqlite'}")
    detail = _integrity(source)
    if detail is not None:
        return detail
    try:
        con = sqlite3.connect(f"file:{quote(str(source))}?mode=ro&immutable=1", uri=True)
        try:
            findings: list[str] = []
            version = _schema_findings(_sqlite_query(con), findings)
        finally:
            con.close()
    except sqlite3.Error as exc:
        return str(exc)
    if version is None or version > migrations.latest_version():
        return findings[0] if findings else t("check.no_schema")
    return None
