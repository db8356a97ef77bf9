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
PostgreSQL: the touched tables are VACUUMed; the server may still hold the old rows in
its WAL and backups, and the result says so.

Bookkeeping (bokføringsloven §13, ``retention``): an erased customer's orders carry
``deletable_from``; ``purge.purge_expired`` removes them when that date has come.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
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
    PendingErasure,
    PrintJob,
    ProductionNote,
)
from viver_tui.services import audit, media_files
from viver_tui.services.documents import retention as document_retention
from viver_tui.services.mail import privacy as mail_privacy
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
ERASURE_TABLES = (
    Customer, CustomerSearchToken, Order, MediaItem, OrderEvent, ProductionNote, Consent
)


class ErasureRefused(ViverError):
    """The customer cannot be erased yet (originals in the house, an order open)."""


@dataclass(frozen=True)
class ErasureResult:
    customer_id: int
    finished: bool  # True only when no byte of the person is left where we can reach
    message: str  # one line for staff
    spool_files_deleted: int = 0
    may_remain: tuple[str, ...] = ()  # places outside our reach (server WAL, backups)


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
            _erase_rows(row, now)
            PendingErasure.insert(
                customer_id=customer_id, requested_at=now, staff=staff.initials  # type: ignore[union-attr]
            ).on_conflict_ignore().execute()
            audit.record(staff.initials, "erase", customer_id)  # type: ignore[union-attr]
        pending = PendingErasure.select().where(PendingErasure.customer_id == customer_id).exists()
        kept_until = document_retention.kept_until(customer_id)
    if already and not pending:
        return ErasureResult(customer_id, True, t("privacy.erase.already", id=customer_id))
    result = _finish(db, customer_id, spool_dir)
    if kept_until is not None:  # the erasure says until when the accounting records stay
        result = replace(result, message=f"{result.message} "
                         f"{t('doc.erase_kept', date=kept_until.strftime('%d.%m.%Y'))}")
    return result


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


def _vacuum_postgres(db: peewee.Database | peewee.DatabaseProxy) -> None:
    tables = ", ".join(f'"{m._meta.table_name}"' for m in ERASURE_TABLES)
    with reading(db):
        db.execute_sql(f"VACUUM {tables}")


def _finish(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int, spool_dir: Path | None
) -> ErasureResult:
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
        _vacuum_postgres(db)
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
    db: peewee.Database | peewee.DatabaseProxy, *, spool_dir: Path | None = None
) -> list[ErasureResult]:
    """Complete erasures whose checkpoint was busy; one result per pending customer."""
    with reading(db):
        ids = [p.customer_id for p in PendingErasure.select().order_by(PendingErasure.id)]
    return [_finish(db, customer_id, spool_dir) for customer_id in ids]


def finish_pending_at_start(
    db: peewee.Database | peewee.DatabaseProxy, spool_dir: Path | None
) -> None:
    """At app start (in the thread that opened the database): finish erasures left
    pending; a failure here must not stop the counter (the next start tries again)."""
    try:
        finish_pending_erasures(db, spool_dir=spool_dir)
    except (ViverError, peewee.PeeweeException, OSError):
        log.warning("pending erasures not finished at start", exc_info=False)
