"""Import: a medium's files copied into the store, each verified and registered.

Per file: the source is stat-ed (and refused at once when the store has no room for
it), copied in chunks (hashed while copying), the copy read back and compared
(``media_store``), the source stat-ed again — a file that changed or grew during the
copy, or gave fewer bytes than its size, is refused — then a duplicate (same SHA-256)
is refused, and the row is inserted and the file published in one transaction: a
failure at any step (a full disk included) discards the copy, so there is never a file
without its row nor a row without its file. The source is untouched unless ``move``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.errors import NotFound, ViverError
from viver_tui.locale import t
from viver_tui.locale.sizes import format_size
from viver_tui.media_store import CHUNK, MediaStore, Staged, StoreError
from viver_tui.models import MediaFile, MediaItem
from viver_tui.services.media_files.probe import Probe, mime_for, probe
from viver_tui.services.staff import ADMIN, PRODUCTION, StaffView, require_role

Progress = Callable[[int], None]  # bytes copied of the current file so far


class ImportRefused(ViverError):
    """One file was not imported (changed while copied, short read, duplicate, disk)."""


@dataclass(frozen=True)
class ImportedFile:
    name: str  # the opaque name in the store
    size: int
    sha256: str
    format: str


@dataclass
class ImportResult:
    medium: str
    imported: list[ImportedFile] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (source, message)

    @property
    def ok(self) -> bool:
        return not self.refused


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_ino, st.st_dev, st.st_size, st.st_mtime_ns)


def medium_id(db: peewee.Database | peewee.DatabaseProxy, code: str) -> int:
    with reading(db):
        row = MediaItem.get_or_none(MediaItem.code == code.strip())
    if row is None:
        raise NotFound(t("media.import.unknown_medium", code=code.strip()[:20]))
    return row.id


def source_files(folder: Path) -> list[Path]:
    """The regular files under ``folder`` (hidden ones and symlinks skipped), in order."""
    if not folder.is_dir():
        raise NotFound(t("media.import.no_folder", folder=folder))
    found: list[Path] = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(top) / name
            if not name.startswith(".") and path.is_file() and not path.is_symlink():
                found.append(path)
    return found


def import_folder(
    db: peewee.Database | peewee.DatabaseProxy,
    store: MediaStore,
    folder: Path,
    medium_code: str,
    staff: StaffView | None,
    *,
    move: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import every file under ``folder`` for the medium ``medium_code``; one file
    refused does not stop the others (each is its own transaction)."""
    require_role(staff, PRODUCTION, ADMIN)
    item = medium_id(db, medium_code)
    result = ImportResult(medium_code.strip())
    for path in source_files(folder):
        try:
            result.imported.append(
                import_file(db, store, path, item, staff, move=move, progress=progress)
            )
        except ImportRefused as exc:
            result.refused.append((str(path.relative_to(folder)), exc.message))
    return result


def import_file(
    db: peewee.Database | peewee.DatabaseProxy,
    store: MediaStore,
    path: Path,
    media_item_id: int,
    staff: StaffView | None,
    *,
    move: bool = False,
    progress: Progress | None = None,
) -> ImportedFile:
    """Copy, verify and register one file (see the module docstring)."""
    who = require_role(staff, PRODUCTION, ADMIN)
    shown = path.name
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        raise ImportRefused(t("media.import.unreadable", file=shown, error=exc.strerror)) from exc
    try:
        before = os.fstat(fd)
        free = store.free_bytes()
        if free is not None and before.st_size > free:
            raise ImportRefused(t("media.import.no_room", file=shown,
                                  size=format_size(before.st_size), free=format_size(free)))
        described = probe(path)
        ext = path.suffix
        try:
            staged = store.put(_chunks(fd, before.st_size, shown, progress), ext)
        except StoreError as exc:
            raise ImportRefused(f"{shown}: {exc.message}") from exc
        try:
            after = os.stat(path, follow_symlinks=False)
        except OSError:
            after = None
        if after is None or _identity(after) != _identity(before) or (
            _identity(os.fstat(fd)) != _identity(before)
        ):
            staged.discard()
            raise ImportRefused(t("media.import.changed", file=shown))
    finally:
        os.close(fd)
    row = _register(db, staged, media_item_id, who, described, shown)
    if move:
        try:
            path.unlink()
        except OSError as exc:
            raise ImportRefused(
                t("media.import.not_moved", file=shown, error=exc.strerror)
            ) from exc
    return row


def _register(
    db: peewee.Database | peewee.DatabaseProxy,
    staged: Staged,
    media_item_id: int,
    who: StaffView,
    described: Probe,
    shown: str,
) -> ImportedFile:
    try:
        with writing(db):
            twin = MediaFile.get_or_none(MediaFile.sha256 == staged.sha256)
            if twin is not None:
                twin_code = MediaItem.get_by_id(twin.media_item_id).code
                raise ImportRefused(
                    t("media.import.duplicate", file=shown, name=twin.name, code=twin_code)
                )
            MediaFile.create(
                name=staged.name, media_item=media_item_id, size=staged.size,
                sha256=staged.sha256, format=described.format[:40],
                codec=described.codec[:40], mime=mime_for(staged.name),
                duration_s=described.duration_s, width=described.width,
                height=described.height, created_at=clock.now(), created_by=who.initials,
            )
            staged.publish()  # inside: a failed publish rolls the row back
    except ImportRefused:
        staged.discard()
        raise
    except peewee.IntegrityError as exc:  # another terminal registered the same bytes
        staged.discard()
        raise ImportRefused(t("media.import.duplicate_now", file=shown)) from exc
    except StoreError as exc:
        staged.discard()
        raise ImportRefused(f"{shown}: {exc.message}") from exc
    except BaseException:
        staged.discard()  # the row did not commit: neither stays the file
        raise
    return ImportedFile(staged.name, staged.size, staged.sha256, described.format)


def _chunks(fd: int, expected: int, shown: str, progress: Progress | None) -> Iterator[bytes]:
    copied = 0
    while True:
        data = os.read(fd, CHUNK)
        if not data:
            break
        copied += len(data)
        if copied > expected:
            raise ImportRefused(t("media.import.changed", file=shown))
        yield data
        if progress is not None:
            progress(copied)
    if copied < expected:
        raise ImportRefused(t("media.import.short_read", file=shown, got=copied, size=expected))
