"""Erasure ("sletting") keeps what the shop must keep and removes the person from it:
the customer row is emptied ("Slettet kunde #id"), search keys and consents go, orders
keep their numbers, dates, amounts and media codes, and every free text that stays
(order notes, close reasons, inscriptions, history notes) has the customer's name,
phone number (however it was written) and e-mail replaced by ``[slettet]``. All of that
is one transaction.

"Erased" means gone from the bytes, not just from the rows. SQLite: every connection
runs with ``secure_delete=ON`` from the database's creation (db.py), so freed space is
zeroed; after the commit ``PRAGMA wal_checkpoint(TRUNCATE)`` must return ``(0, 0, 0)``
— the old pages in the main file are overwritten and the WAL is emptied. While another
connection holds a read transaction the checkpoint is busy and the old bytes stay: the
erasure is then reported as not finished, remembered in ``pending_erasure``, and
``finish_pending_erasures`` (run again by ``purge-expired`` and at start) completes it.
PostgreSQL: the tables that held the person are rewritten (``VACUUM FULL``, see
``physical``) at once when that is quick and allowed, else the erasure stays pending
("venter på fysisk sletting", with its date) until ``viver maintain`` rewrites them;
the server may still hold the old rows in its WAL and backups, and the result says so.

Every erasure is also written to the ledger (``ledger``: ids and a date) so other
terminals delete their spool files and ``viver restore`` erases the person again in an
older backup; the result says until which date a backup may still hold the person.

Bookkeeping (bokføringsloven §13, ``retention``): an erased customer's orders carry
``deletable_from``; ``purge.purge_expired`` removes them when that date has come.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

import peewee

from viver_tui import clock
from viver_tui.db import SQLITE_BUSY_TIMEOUT_S, is_sqlite, reading, writing
from viver_tui.errors import NotFound, ViverError
from viver_tui.locale import t
from viver_tui.models import (
    Consent,
    Customer,
    CustomerSearchToken,
    MediaItem,
    Order,
    OrderEvent,
    OutboxMessage,
    PendingErasure,
    PrintJob,
    ProductionNote,
)
from viver_tui.services import audit, media_files
from viver_tui.services.documents import retention as document_retention
from viver_tui.services.mail import privacy as mail_privacy
from viver_tui.services.privacy import ledger, physical
from viver_tui.services.privacy.redaction import redact, redaction_pattern
from viver_tui.services.privacy.retention import deletable_from, order_day
from viver_tui.services.staff import NotAllowed, StaffView, require_admin

log = logging.getLogger(__name__)

ERASED_NAME = "Slettet kunde #{id}"
DONE_ORDER_STATUSES = ("returned", "closed", "cancelled")
# A medium of an order closed with media missing (or cancelled) is accounted for.
SETTLED_ORDER_STATUSES = ("closed", "cancelled")
CHECKPOINT_BUSY_TIMEOUT_MS = 200  # how long a checkpoint waits for readers to finish
# The tables an erasure rewrites (PostgreSQL VACUUMs them afterwards).
# The tables an erased person's bytes may be left in (PostgreSQL rewrites them): rows
# redacted in place, and the outbox's deleted e-mails (address and text).
ERASURE_TABLES = (
    Customer, CustomerSearchToken, Order, MediaItem, OrderEvent, ProductionNote, Consent,
    OutboxMessage,
)


@dataclass(frozen=True)
class Backups:
    """Where backups are kept and for how long (``backup_retention_days``; 0: kept
    until deleted by hand)."""

    folder: Path
    days: int


class ErasureRefused(ViverError):
    """The customer cannot be erased yet (originals in the house, an order open)."""


@dataclass(frozen=True)
class ErasureResult:
    customer_id: int
    finished: bool  # True only when no byte of the person is left where we can reach
    message: str  # one line for staff
    spool_files_deleted: int = 0
    may_remain: tuple[str, ...] = ()  # places outside our reach (server WAL, backups)
    print_jobs: tuple[int, ...] = ()  # the customer's print jobs (a preview may show one)


def erasure_blockers(customer_id: int) -> list[str]:
    """Why the customer cannot be erased now (Norwegian, one reason per line); call
    inside a transaction."""
    reasons: list[str] = []
    open_orders = (
        Order.select(Order.number, Order.status)
        .where((Order.customer == customer_id) & Order.status.not_in(DONE_ORDER_STATUSES))
        .order_by(Order.number)
    )
    for order in open_orders:
        reasons.append(
            t("privacy.erase.order_open", number=order.number,
              status=t(f"privacy.status.{order.status}"))
        )
    in_house = (
        MediaItem.select(MediaItem.code)
        .join(Order)
        .where(
            (Order.customer == customer_id)
            & (MediaItem.status != "returned")
            & Order.status.not_in(SETTLED_ORDER_STATUSES)
        )
        .order_by(MediaItem.code)
    )
    codes = [m.code for m in in_house]
    if codes:
        shown = ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")
        reasons.append(t("privacy.erase.media_in_house", count=len(codes), codes=shown))
    return reasons


def erase_customer(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    staff: StaffView | None,
    *,
    spool_dir: Path | None = None,
    now: datetime | None = None,
    backups: Backups | None = None,
) -> ErasureResult:
    """Erase a customer's personal data (admin only); see the module docstring.

    Raises ErasureRefused (with the reasons) while originals are in the house or an
    order is not delivered, NotFound for an unknown id.
    """
    try:
        require_admin(staff)
    except NotAllowed:
        _record_refusal(db, staff, customer_id, "role")
        raise
    now = now or clock.now()
    with _refusal_logged(db, staff, customer_id), writing(db):
        row = Customer.get_or_none(Customer.id == customer_id)
        if row is None:
            raise NotFound(t("privacy.customer_unknown", id=customer_id))
        already = row.erased_at is not None
        if not already:
            reasons = erasure_blockers(customer_id)
            if reasons:
                raise ErasureRefused(t("privacy.erase.refused", reasons="; ".join(reasons)))
            entry = _erase_and_record(row, now, staff.initials)  # type: ignore[union-attr]
            audit.record(staff.initials, "erase", customer_id)  # type: ignore[union-attr]
        pending = PendingErasure.select().where(PendingErasure.customer_id == customer_id).exists()
        kept_until = document_retention.kept_until(customer_id)
    if already and not pending:
        return ErasureResult(customer_id, True, t("privacy.erase.already", id=customer_id))
    if not already:
        ledger.append_sidecar(ledger.sidecar(db), entry)
    result = _finish(db, customer_id, spool_dir)
    if kept_until is not None:  # the erasure says until when the accounting records stay
        result = replace(result, message=f"{result.message} "
                         f"{t('doc.erase_kept', date=kept_until.strftime('%d.%m.%Y'))}")
    if backups is not None and not already:
        result = replace(result, message=f"{result.message} {backup_notice(backups, now)}")
    if not already:
        result = replace(result, print_jobs=entry.print_jobs)
    return result


def backup_notice(backups: Backups, now: datetime) -> str:
    """Which backups may still hold the person, and until when (the last backup taken
    before the erasure is deleted ``days`` after it was taken: by ``now + days``)."""
    if backups.days <= 0:
        return t("privacy.erase.backups_kept", folder=str(backups.folder))
    until: date = (now + timedelta(days=backups.days)).date()
    return t("privacy.erase.backups_until", folder=str(backups.folder),
             date=until.strftime("%d.%m.%Y"))


def _erase_and_record(row: Customer, now: datetime, by: str) -> ledger.Entry:
    """Empty the rows, remember the erasure as pending (with PostgreSQL's transaction
    id) and write it to the ledger; inside the erasure's transaction."""
    _erase_rows(row, now)
    xid = None if is_sqlite(Customer._meta.database) else physical.current_xid(
        Customer._meta.database)
    PendingErasure.insert(
        customer_id=row.id, requested_at=now, staff=by, xid=xid
    ).on_conflict_ignore().execute()
    entry = ledger.Entry(row.id, now, tuple(_print_job_ids(row.id)))
    ledger.record(entry)
    return entry


def reapply(
    db: peewee.Database | peewee.DatabaseProxy, entries: Iterable[ledger.Entry], by: str
) -> list[int]:
    """Erase again, in a database restored from a backup, every customer the ledger
    says was erased (whatever their orders' state then: the erasure happened). Returns
    the customers erased now; the bytes are finished like any erasure (pending while
    the file is in use). ``by``: who restores, for the access log."""
    erased: list[int] = []
    with writing(db):
        for entry in entries:
            row = Customer.get_or_none(Customer.id == entry.customer_id)
            if row is not None and row.erased_at is None:
                _erase_and_record(row, entry.erased_at, by)
                audit.record(by, "erase", row.id, details="restore")
                erased.append(row.id)
            else:
                ledger.record(entry)
    for customer_id in erased:
        _finish(db, customer_id, None)
    return erased


@contextmanager
def _refusal_logged(
    db: peewee.Database | peewee.DatabaseProxy, staff: object, customer_id: int
) -> Iterator[None]:
    """Around the erasure's transaction: a refusal (originals in the house, an order
    open) is logged once that transaction has rolled back."""
    try:
        yield
    except ErasureRefused:
        _record_refusal(db, staff, customer_id, "blocked")
        raise


def _record_refusal(
    db: peewee.Database | peewee.DatabaseProxy, staff: object, customer_id: int, why: str
) -> None:
    """A refused erasure is in the access log too (its own transaction: the refused
    one was rolled back): who asked, for whom, and why — ``blocked`` (originals in the
    house, an order open) or ``role``. Nobody signed in is not logged: nobody asked."""
    if isinstance(staff, StaffView):
        with writing(db):
            audit.record(staff.initials, "erase_refused", customer_id, details=why)


def _erase_rows(row: Customer, now: datetime) -> None:
    pattern = redaction_pattern(row.name, row.phone, row.email, row.address)
    latest = now.date()
    orders = list(Order.select().where(Order.customer == row.id))
    for order in orders:
        keep_until = deletable_from(order_day(order))
        latest = max(latest, keep_until)
        Order.update(
            notes=redact(order.notes, pattern) or "",
            shelf=redact(order.shelf, pattern) or "",
            close_reason=redact(order.close_reason, pattern),
            deletable_from=keep_until,
        ).where(Order.id == order.id).execute()
    order_ids = [o.id for o in orders]
    if order_ids:
        for item in MediaItem.select().where(MediaItem.order.in_(order_ids)):
            description = redact(item.description, pattern)
            condition = redact(item.condition, pattern)
            outcome_note = redact(item.outcome_note, pattern) or ""
            if (description, condition, outcome_note) != (
                item.description, item.condition, item.outcome_note
            ):
                MediaItem.update(
                    description=description, condition=condition, outcome_note=outcome_note
                ).where(MediaItem.id == item.id).execute()
        for note in ProductionNote.select().where(ProductionNote.order.in_(order_ids)):
            text = redact(note.text, pattern) or ""
            if text != note.text:
                ProductionNote.update(text=text).where(ProductionNote.id == note.id).execute()
        for event in OrderEvent.select().where(
            OrderEvent.order.in_(order_ids) & (OrderEvent.note != "")
        ):
            note = redact(event.note, pattern)
            if note != event.note:
                OrderEvent.update(note=note).where(OrderEvent.id == event.id).execute()
    # Documents (invoices …) are accounting records: kept, restricted, until they are due.
    kept = document_retention.restrict_for_erasure(row.id, now, deletable_from)
    if kept is not None:
        latest = max(latest, kept)
    CustomerSearchToken.delete().where(CustomerSearchToken.customer == row.id).execute()
    mail_privacy.forget_customer(row.id)  # e-mails to them, sent or not (services/mail/)
    Consent.delete().where(Consent.customer == row.id).execute()
    Customer.update(
        name=ERASED_NAME.format(id=row.id),
        phone=None,
        email=None,
        address=None,
        postal_code=None,
        city=None,
        org_number=None,
        language=None,
        letters_opt_out_at=row.letters_opt_out_at or now,
        erased_at=now,
        deletable_from=latest,
        updated_at=now,
    ).where(Customer.id == row.id).execute()


def _print_job_ids(customer_id: int) -> list[int]:
    return [
        j.id
        for j in PrintJob.select(PrintJob.id)
        .join(Order)
        .where(Order.customer == customer_id)
    ] + document_retention.print_job_ids(customer_id)


def _delete_spool_files(spool_dir: Path | None, job_ids: Iterable[int]) -> int:
    if spool_dir is None:
        return 0
    from viver_tui.printing.preview import spool_files_for_jobs

    deleted = 0
    for path in spool_files_for_jobs(spool_dir, job_ids):
        path.unlink(missing_ok=True)
        deleted += 1
    return deleted


def checkpoint_sqlite(db: peewee.Database | peewee.DatabaseProxy) -> tuple[int, int, int]:
    """``PRAGMA wal_checkpoint(TRUNCATE)`` waiting at most a moment for readers;
    ``(0, 0, 0)`` means every committed page is in the main file and the WAL is empty."""
    with reading(db):
        db.execute_sql(f"PRAGMA busy_timeout = {CHECKPOINT_BUSY_TIMEOUT_MS}")
        try:
            row = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            db.execute_sql(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    return tuple(row)  # type: ignore[return-value]


def erasure_table_names() -> list[str]:
    return [m._meta.table_name for m in ERASURE_TABLES]


def _pg_pending(customer_id: int, waits_for: str, requested_at: datetime) -> str:
    return t(f"privacy.erase.pg_pending.{waits_for}", id=customer_id,
             date=requested_at.strftime("%d.%m.%Y"))


def _finish(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    spool_dir: Path | None,
    removal: physical.Removal | None = None,
) -> ErasureResult:
    """Finish one erasure's bytes: spool files, then the checkpoint (SQLite) or the
    table rewrite (PostgreSQL; ``removal``: one already made for several erasures)."""
    # The customer's media files and streaming links; one left keeps the erasure pending.
    if left := media_files.erase_customer_files(db, customer_id):
        return ErasureResult(customer_id, False, t("media.erase.pending", id=customer_id,
                                                   count=len(left), first=left[0]))
    with reading(db):
        job_ids = _print_job_ids(customer_id)
    try:
        spooled = _delete_spool_files(spool_dir, job_ids)
    except OSError as exc:
        return ErasureResult(
            customer_id, False, t("privacy.erase.spool_failed", id=customer_id, error=exc.strerror)
        )
    may_remain: tuple[str, ...] = ()
    if is_sqlite(db):
        # (0, 0, 0): all in the main file, WAL emptied. (0, -1, -1): not in WAL mode (an
        # in-memory database), so there is no WAL to hold old pages.
        if checkpoint_sqlite(db) not in ((0, 0, 0), (0, -1, -1)):
            return ErasureResult(
                customer_id, False, t("privacy.erase.pending", id=customer_id), spooled
            )
        backups = sorted(Path(db.database).parent.glob(Path(db.database).name + ".before-v*.bak"))
        if backups:
            may_remain = (t("privacy.erase.backups", files=", ".join(p.name for p in backups)),)
    else:
        with reading(db):
            pending = PendingErasure.get_or_none(PendingErasure.customer_id == customer_id)
        if pending is not None:
            if removal is None:
                removal = physical.rewrite(db, erasure_table_names(), pending.xid)
            if not removal.done:
                message = _pg_pending(customer_id, removal.waits_for, pending.requested_at)
                return ErasureResult(customer_id, False, message, spooled)
        may_remain = (t("privacy.erase.postgres_remains"),)
    with writing(db):
        PendingErasure.delete().where(PendingErasure.customer_id == customer_id).execute()
    if is_sqlite(db):
        checkpoint_sqlite(db)  # the pending row's page; no personal data in it either way
    message = t("privacy.erase.done", id=customer_id)
    if may_remain:
        message += " " + " ".join(may_remain)
    return ErasureResult(customer_id, True, message, spooled, may_remain)


def finish_pending_erasures(
    db: peewee.Database | peewee.DatabaseProxy,
    *,
    spool_dir: Path | None = None,
    maintain: bool = False,
    wait_s: float | None = None,
) -> list[ErasureResult]:
    """Complete erasures whose checkpoint was busy (SQLite) or whose tables are not yet
    rewritten (PostgreSQL: one rewrite for all of them; ``maintain``: the nightly run,
    whatever the tables' size); one result per pending customer."""
    with reading(db):
        pending = list(PendingErasure.select().order_by(PendingErasure.id))
    removal = None
    if pending and not is_sqlite(db):
        xids = [p.xid for p in pending if p.xid is not None]
        removal = physical.rewrite(db, erasure_table_names(), max(xids) if xids else None,
                                   maintain=maintain, wait_s=wait_s)
    return [_finish(db, p.customer_id, spool_dir, removal) for p in pending]


def finish_pending_at_start(
    db: peewee.Database | peewee.DatabaseProxy, spool_dir: Path | None
) -> None:
    """At app start (in the thread that opened the database): finish erasures left
    pending; a failure here must not stop the counter (the next start tries again)."""
    try:
        finish_pending_erasures(db, spool_dir=spool_dir)
    except (ViverError, peewee.PeeweeException, OSError):
        log.warning("pending erasures not finished at start", exc_info=False)
