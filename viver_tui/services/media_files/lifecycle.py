"""A media file's life after import: its state, the store's use, files due for
deletion, freeing space, the warranty purge, and ``viver files check``.

States: ``undelivered`` (never delivered), ``warranty`` (delivered, the warranty not
over: ``delivered_at`` + ``warranty_days``, that last day included), ``kept`` (past it,
the customer gave ``keep_past_warranty`` and has not withdrawn it) and ``expired``.
Only ``expired`` files are ever deleted by the purge or ``free`` — every deletion
goes through ``delete_files``, which checks the state again in the transaction that
removes the row; erasure (the customer's own request) is the one other reason.
Each deletion leaves a ``MediaDeletion`` record: name, SHA-256, size, date, reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import peewee

from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.locale import t
from viver_tui.media_store import MediaStore, StoreError
from viver_tui.models import Consent, MediaDeletion, MediaFile, MediaItem, Order, StreamLink

STATES = ("undelivered", "warranty", "kept", "expired")


@dataclass(frozen=True)
class FileState:
    id: int
    name: str
    size: int
    sha256: str
    medium: str
    order_id: int
    customer_id: int | None
    delivered_at: datetime | None
    warranty_until: date | None
    state: str


@dataclass(frozen=True)
class Usage:
    by_state: dict[str, tuple[int, int]]  # state → (files, bytes)
    free_bytes: int | None
    where: str


@dataclass(frozen=True)
class Freed:
    wanted: int
    freed: int
    names: tuple[str, ...]
    failed: tuple[str, ...] = ()

    @property
    def enough(self) -> bool:
        return self.freed >= self.wanted


def warranty_until(delivered_at: datetime | None, warranty_days: int) -> date | None:
    if delivered_at is None:
        return None
    day = delivered_at.date() if isinstance(delivered_at, datetime) else delivered_at
    return day + timedelta(days=warranty_days)


def _keepers() -> set[int]:
    return {
        c.customer_id
        for c in Consent.select(Consent.customer).where(
            (Consent.purpose == "keep_past_warranty") & Consent.withdrawn_at.is_null()
        )
    }


def _states(rows: Iterable[MediaFile], warranty_days: int, today: date) -> list[FileState]:
    keepers = _keepers()
    out = []
    for row in rows:
        until = warranty_until(row.delivered_at, warranty_days)
        customer = row.media_item.order.customer_id
        if until is None:
            state = "undelivered"
        elif today <= until:
            state = "warranty"
        elif customer in keepers:
            state = "kept"
        else:
            state = "expired"
        out.append(FileState(row.id, row.name, row.size, row.sha256, row.media_item.code,
                             row.media_item.order_id, customer, row.delivered_at, until,
                             state))
    return out


def _query() -> peewee.ModelSelect:
    return (
        MediaFile.select(MediaFile, MediaItem, Order)
        .join(MediaItem)
        .join(Order)
        .order_by(MediaFile.delivered_at, MediaFile.id)
    )


def file_states(
    db: peewee.Database | peewee.DatabaseProxy, warranty_days: int, today: date | None = None,
    *, where: peewee.Expression | None = None,
) -> list[FileState]:
    """Every registered file (or those matching ``where``) with its state, delivered
    longest ago first (never delivered last)."""
    today = today or clock.today()
    with reading(db):
        query = _query() if where is None else _query().where(where)
        return _states(query, warranty_days, today)


def due(
    db: peewee.Database | peewee.DatabaseProxy, warranty_days: int, today: date | None = None
) -> list[FileState]:
    """Files past their warranty and not kept by consent, oldest delivery first."""
    return [
        f for f in file_states(db, warranty_days, today, where=MediaFile.delivered_at.is_null(
            False)) if f.state == "expired"
    ]


def usage(
    db: peewee.Database | peewee.DatabaseProxy, store: MediaStore, warranty_days: int,
    today: date | None = None,
) -> Usage:
    totals = dict.fromkeys(STATES, (0, 0))
    for f in file_states(db, warranty_days, today):
        count, size = totals[f.state]
        totals[f.state] = (count + 1, size + f.size)
    return Usage(totals, store.free_bytes(), store.describe())


def delete_files(
    db: peewee.Database | peewee.DatabaseProxy,
    store: MediaStore,
    files: Iterable[FileState],
    reason: str,
    warranty_days: int,
    *,
    today: date | None = None,
) -> tuple[list[FileState], list[str]]:
    """Delete ``files`` (bytes first, then the row, a deletion record in its place, and
    the streaming links of the orders left without files). Unless ``reason`` is
    ``erasure``, a file whose state is not ``expired`` now is left alone. Returns the
    files deleted and one message per file that could not be."""
    today = today or clock.today()
    now = clock.now()
    deleted: list[FileState] = []
    failed: list[str] = []
    for f in files:
        if reason != "erasure":
            current = file_states(db, warranty_days, today, where=MediaFile.id == f.id)
            if not current or current[0].state != "expired":
                continue
        try:
            store.delete(f.name)
        except StoreError as exc:
            failed.append(exc.message)
            continue
        with writing(db):
            MediaFile.delete().where(MediaFile.id == f.id).execute()
            MediaDeletion.create(name=f.name, sha256=f.sha256, size=f.size, deleted_at=now,
                                 reason=reason)
            left = (
                MediaFile.select().join(MediaItem).where(MediaItem.order == f.order_id).exists()
            )
            if not left:
                StreamLink.update(revoked_at=now, revoked_why=reason).where(
                    (StreamLink.order == f.order_id) & StreamLink.revoked_at.is_null()
                ).execute()
        deleted.append(f)
    return deleted, failed


def purge_expired_files(
    db: peewee.Database | peewee.DatabaseProxy, store: MediaStore, warranty_days: int,
    *, today: date | None = None, dry_run: bool = False,
) -> tuple[list[FileState], list[str]]:
    """``viver purge-expired``'s part: every expired file goes (see ``delete_files``)."""
    expired = due(db, warranty_days, today)
    if dry_run:
        return expired, []
    return delete_files(db, store, expired, "warranty", warranty_days, today=today)


def free_space(
    db: peewee.Database | peewee.DatabaseProxy, store: MediaStore, wanted_bytes: int,
    warranty_days: int, *, today: date | None = None, dry_run: bool = False,
) -> Freed:
    """Delete expired files, oldest delivery first, until ``wanted_bytes`` are freed
    (or none is left: ``Freed.enough`` says whether it was)."""
    chosen: list[FileState] = []
    total = 0
    for f in due(db, warranty_days, today):
        if total >= wanted_bytes:
            break
        chosen.append(f)
        total += f.size
    if dry_run:
        return Freed(wanted_bytes, total, tuple(f.name for f in chosen))
    deleted, failed = delete_files(db, store, chosen, "space", warranty_days, today=today)
    return Freed(wanted_bytes, sum(f.size for f in deleted), tuple(f.name for f in deleted),
                 tuple(failed))


def check(
    db: peewee.Database | peewee.DatabaseProxy, store: MediaStore, *, quick: bool = False
) -> list[str]:
    """One line per finding: a registered file missing, of another size or (unless
    ``quick``) another SHA-256; a file in the store nobody registered; a stage a crash
    left behind."""
    findings: list[str] = []
    with reading(db):
        rows = [(r.name, r.size, r.sha256) for r in MediaFile.select(
            MediaFile.name, MediaFile.size, MediaFile.sha256).order_by(MediaFile.name)]
    known = {name for name, _, _ in rows}
    for name, size, sha in rows:
        try:
            actual = store.size(name)
        except StoreError as exc:
            findings.append(exc.message)
            continue
        if actual is None:
            findings.append(t("media.check.missing", name=name))
        elif actual != size:
            findings.append(t("media.check.size", name=name, size=size, actual=actual))
        elif not quick:
            try:
                if _sha256(store, name) != sha:
                    findings.append(t("media.check.hash", name=name))
            except StoreError as exc:
                findings.append(exc.message)
    for name in sorted(store.names()):
        if name not in known:
            findings.append(t("media.check.unregistered", name=name))
    findings.extend(t("media.check.leftover", name=n) for n in store.leftovers())
    return findings


def _sha256(store: MediaStore, name: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    for chunk in store.read(name):
        digest.update(chunk)
    return digest.hexdigest()


def deletion_records(db: peewee.Database | peewee.DatabaseProxy) -> list[MediaDeletion]:
    with reading(db):
        return list(MediaDeletion.select().order_by(MediaDeletion.id))
