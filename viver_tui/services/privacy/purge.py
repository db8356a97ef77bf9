"""Retention: delete erased customers' sales records when they are due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import peewee

from viver_tui import clock
from viver_tui.db import is_sqlite, writing
from viver_tui.models import (
    Customer,
    Order,
)
from viver_tui.services import audit
from viver_tui.services.documents import retention as document_retention
from viver_tui.services.privacy.erasure import (
    ErasureResult,
    checkpoint_sqlite,
    finish_pending_erasures,
)
from viver_tui.services.privacy.retention import chunks
from viver_tui.services.staff import StaffView, require_admin


@dataclass(frozen=True)
class PurgeResult:
    order_numbers: tuple[int, ...]
    customer_ids: tuple[int, ...]
    dry_run: bool
    pending: tuple[ErasureResult, ...] = ()
    documents: tuple[str, ...] = ()  # "<company> <kind> <number>" of documents deleted


def purge_expired(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: StaffView | None,
    *,
    today: date | None = None,
    dry_run: bool = False,
    spool_dir: Path | None = None,
    documents_dir: Path | None = None,
) -> PurgeResult:
    """Delete erased customers' orders and documents whose ``deletable_from`` has come
    (and the documents' PDF files in ``documents_dir``), and erased customers with
    nothing left; finish pending erasures first."""
    require_admin(staff)
    today = today or clock.today()
    pending = () if dry_run else tuple(finish_pending_erasures(db, spool_dir=spool_dir))
    with writing(db):
        due_documents = document_retention.purge_due(today, dry_run=dry_run)
        due_orders = list(
            Order.select(Order.id, Order.number, Order.customer)
            .join(Customer)
            .where(
                Customer.erased_at.is_null(False)
                & Order.deletable_from.is_null(False)
                & (Order.deletable_from <= today)
            )
            .order_by(Order.number)
        )
        due_ids = [o.id for o in due_orders]
        remaining = Order.select(Order.customer).where(Order.id.not_in(due_ids or [0]))
        due_customers = [
            c.id
            for c in Customer.select(Customer.id)
            .where(
                Customer.erased_at.is_null(False)
                & Customer.deletable_from.is_null(False)
                & (Customer.deletable_from <= today)
                & Customer.id.not_in(remaining.where(Order.customer.is_null(False)))
            )
            .order_by(Customer.id)
        ]
        if not dry_run and due_documents:
            audit.record(
                staff.initials, "purge", 0,  # type: ignore[union-attr]
                details=f"documents={len(due_documents)}", subject="purge",
            )
        if not dry_run and (due_ids or due_customers):
            for chunk in chunks(due_ids):
                Order.delete().where(Order.id.in_(chunk)).execute()
            for chunk in chunks(due_customers):
                Customer.delete().where(Customer.id.in_(chunk)).execute()
            audit.record(
                staff.initials, "purge", 0,  # type: ignore[union-attr]
                details=f"orders={len(due_ids)} customers={len(due_customers)}",
                subject="purge",
            )
    if not dry_run and documents_dir is not None:
        document_retention.delete_orphan_pdfs(db, documents_dir)
    if not dry_run and (due_ids or due_customers or due_documents) and is_sqlite(db):
        checkpoint_sqlite(db)
    return PurgeResult(
        tuple(o.number for o in due_orders), tuple(due_customers), dry_run, pending,
        tuple(due_documents),
    )
