"""Delivery on the customer's own drive, and the sample export (only with consent).

Each file is copied from the store to the target folder with the same verification as
an import (``.part`` written and fsynced, read back, its SHA-256 compared with the
registered one, renamed into place), under its opaque name; beside them
``SHA256SUMS`` (checkable with ``sha256sum -c``) and ``manifest.csv`` (name, size,
SHA-256, medium code, format) — no name, contact data or order text. The delivery is
recorded (when, by whom, what kind of drive as typed) and starts the warranty of files
not delivered before.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import io
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import peewee

from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.errors import NotFound, ViverError
from viver_tui.locale import t
from viver_tui.locale.sizes import format_size
from viver_tui.media_store import MediaStore
from viver_tui.models import Consent, MediaDelivery, MediaFile, MediaItem, Order
from viver_tui.private import PRIVATE_FILE_MODE
from viver_tui.services import audit
from viver_tui.services.staff import ADMIN, COUNTER, PRODUCTION, StaffView, require_role
from viver_tui.services.text import clean_line

DRIVE_ROLES = (COUNTER, PRODUCTION, ADMIN)  # who may copy an order's files to a drive
MANIFEST_ROOM = 64 * 1024  # bytes kept free for SHA256SUMS and manifest.csv


class DeliveryFailed(ViverError):
    """A copy did not verify, the drive is full or not writable: the delivery is not
    recorded, and the files it had copied are removed again."""


class SampleRefused(ViverError):
    """The customer has not consented to the file's use as a sample."""


@dataclass(frozen=True)
class Delivered:
    files: int
    bytes: int
    folder: Path


Progress = Callable[[int, int], None]  # (bytes copied so far, bytes in all)


def may_deliver(who: object) -> bool:
    """Whether ``who`` may copy an order's files to the customer's drive (the roles
    ``deliver_to_drive`` allows: a signed-in counter, production or admin person)."""
    return isinstance(who, StaffView) and who.active and who.role in DRIVE_ROLES


def _os_failure(exc: OSError, name: str, folder: Path) -> DeliveryFailed:
    """A clear message for what the customer's drive said, by its errno."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DeliveryFailed(t("media.deliver.full", name=name))
    if exc.errno == errno.EFBIG:
        return DeliveryFailed(t("media.deliver.too_big", name=name))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DeliveryFailed(t("media.deliver.not_writable", folder=folder))
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return DeliveryFailed(t("media.import.no_folder", folder=folder))
    return DeliveryFailed(t("media.deliver.failed", name=name, error=exc.strerror or exc))


def copy_out(store: MediaStore, name: str, sha256: str, folder: Path,
             progress: Callable[[int], None] | None = None) -> int:
    """Copy one stored file to ``folder/name``, verified; the bytes copied. On any
    failure the ``.part`` is gone and nothing is under ``name`` that was not before."""
    target = folder / name
    temp = folder / f".{name}.part"
    digest = hashlib.sha256()
    size = 0
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
        try:
            for chunk in store.read(name):
                digest.update(chunk)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(fd, view):]
                size += len(chunk)
                if progress is not None:
                    progress(size)
            os.fsync(fd)
        finally:
            os.close(fd)
        back = hashlib.sha256()
        with open(temp, "rb", buffering=0) as f:
            while data := f.read(4 * 1024 * 1024):
                back.update(data)
        if not digest.hexdigest() == back.hexdigest() == sha256:
            raise DeliveryFailed(t("media.deliver.verify_failed", name=name))
        os.replace(temp, target)
    except OSError as exc:
        _remove(temp)
        raise _os_failure(exc, name, folder) from exc
    except BaseException:
        _remove(temp)
        raise
    return size


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def deliver_to_drive(
    db: peewee.Database | peewee.DatabaseProxy, store: MediaStore, order_id: int,
    folder: Path, drive: str, staff: StaffView | None, *, names: list[str] | None = None,
    progress: Progress | None = None,
) -> Delivered:
    """Copy the order's files (or those ``names``) to ``folder`` on the customer's drive.

    All or nothing: the free space is checked first (a drive without room for every
    file is refused before a byte is written), and if a copy fails anyway — the drive
    full, a file too big for it (FAT32: 4 GB), not writable, a copy that does not
    verify, the database — every file this delivery put there is removed again and
    nothing is recorded: no file leaves the shop without its delivery on record."""
    who = require_role(staff, *DRIVE_ROLES)
    drive = clean_line(drive, field="drive", max_length=100)
    with reading(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(t("media.link.no_order"))
        query = (MediaFile.select(MediaFile, MediaItem).join(MediaItem)
                 .where(MediaItem.order == order_id).order_by(MediaItem.seq, MediaFile.id))
        rows = [r for r in query if names is None or r.name in names]
    if not rows:
        raise NotFound(t("media.link.no_files", number=order.number))
    if not folder.is_dir():
        raise NotFound(t("media.import.no_folder", folder=folder))
    wanted = sum(r.size for r in rows)
    try:
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise _os_failure(exc, "", folder) from exc
    if wanted + MANIFEST_ROOM > free:
        raise DeliveryFailed(t("media.deliver.no_room", need=format_size(wanted),
                               free=format_size(free)))
    placed: list[Path] = []  # files this delivery created (removed again on failure)
    total = 0
    try:
        for row in rows:
            target = folder / row.name
            existed = target.exists()
            done_before = total

            def step(copied: int, before: int = done_before) -> None:
                if progress is not None:
                    progress(before + copied, wanted)

            total += copy_out(store, row.name, row.sha256, folder, step)
            if not existed:
                placed.append(target)
        placed += _write_manifest(folder, rows)
        now = clock.now()
        with writing(db):
            MediaFile.update(delivered_at=now).where(
                MediaFile.id.in_([r.id for r in rows]) & MediaFile.delivered_at.is_null()
            ).execute()
            MediaDelivery.create(order=order_id, kind="drive", drive=drive, files=len(rows),
                                 bytes=total, at=now, staff=who.initials)
            if order.customer_id is not None:
                audit.record(who.initials, "media_delivery", order.customer_id,
                             details=f"drive order={order.number} files={len(rows)}")
    except BaseException:
        for path in placed:
            _remove(path)
        raise
    return Delivered(len(rows), total, folder)


REMOVABLE_ROOTS = ("/media", "/run/media", "/mnt")  # where desktops mount a plugged drive


def removable_drives(mounts: Path = Path("/proc/self/mounts"),
                     roots: tuple[str, ...] = REMOVABLE_ROOTS) -> list[str]:
    """Where a customer's drive is likely mounted: the mount points under ``roots``
    in the kernel's mount table, the latest mounted first (none where there is no
    such table). What the dialog offers as the target folder while staff type."""
    try:
        table = mounts.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    found: list[str] = []
    for line in table.splitlines():
        fields = line.split()
        if len(fields) < 2:
            continue
        # The table escapes a space, tab, newline and backslash as \040 \011 \012 \134.
        point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])
        if point not in roots and any(point.startswith(root + "/") for root in roots):
            found.append(point)
    return list(dict.fromkeys(reversed(found)))


def _write_manifest(folder: Path, rows: list[MediaFile]) -> list[Path]:
    """``SHA256SUMS`` and ``manifest.csv`` beside the files (each written whole or not
    at all); the paths created."""
    sums = "".join(f"{r.sha256}  {r.name}\n" for r in rows)
    table = io.StringIO()
    out = csv.writer(table, lineterminator="\n")
    out.writerow(["file", "bytes", "sha256", "medium", "format", "seconds", "width", "height"])
    for r in rows:
        out.writerow([r.name, r.size, r.sha256, r.media_item.code, r.format,
                      "" if r.duration_s is None else r.duration_s, r.width or "",
                      r.height or ""])
    created: list[Path] = []
    try:
        for name, text in (("SHA256SUMS", sums), ("manifest.csv", table.getvalue())):
            path, temp = folder / name, folder / f".{name}.part"
            existed = path.exists()
            try:
                temp.write_text(text, encoding="utf-8")
                os.replace(temp, path)
            except OSError as exc:
                _remove(temp)
                raise _os_failure(exc, name, folder) from exc
            if not existed:
                created.append(path)
    except BaseException:
        for path in created:
            _remove(path)
        raise
    return created


def export_sample(
    db: peewee.Database | peewee.DatabaseProxy, store: MediaStore, name: str, folder: Path,
    staff: StaffView | None,
) -> int:
    """Copy one file out as a sample (admin only), refused without the customer's
    ``sample`` consent; recorded as a delivery of kind ``sample``."""
    who = require_role(staff, ADMIN)
    with reading(db):
        row = (MediaFile.select(MediaFile, MediaItem, Order).join(MediaItem).join(Order)
               .where(MediaFile.name == name).first())
        if row is None:
            raise NotFound(t("media.file_unknown", name=name[:40]))
        customer = row.media_item.order.customer_id
        consented = customer is not None and Consent.select().where(
            (Consent.customer == customer) & (Consent.purpose == "sample")
            & Consent.withdrawn_at.is_null()).exists()
    if not consented:
        raise SampleRefused(t("media.sample.no_consent", name=name))
    size = copy_out(store, row.name, row.sha256, folder)
    with writing(db):
        MediaDelivery.create(order=row.media_item.order_id, kind="sample", files=1, bytes=size,
                             at=clock.now(), staff=who.initials)
        audit.record(who.initials, "media_delivery", customer,  # type: ignore[arg-type]
                     details=f"sample file={row.name}")
    return size
