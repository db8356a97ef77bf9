"""Documents after a customer's erasure: kept as accounting records, restricted, and
removed when their time has come.

Invoices and credit notes (and the quotes and confirmations of the same sales) are
accounting documentation: kept 5 years after the end of the fiscal year they were
issued in (bokføringsloven § 13). When their customer is erased they are
*restricted*: kept as issued (the law requires the buyer's name on them), never
listed for contact, never sent, never searchable — the customer's search keys are gone
and documents are found by number only. ``viver purge-expired`` removes them (rows and
PDF files) once ``deletable_from`` has come.

services/privacy calls in here (``restrict_for_erasure`` from the erasure,
``purge_due`` and ``delete_orphan_pdfs`` from the purge); this package never imports
privacy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import peewee

from viver_tui.db import reading
from viver_tui.models import Document, PrintJob
from viver_tui.services.documents.files import file_name


def restrict_for_erasure(
    customer_id: int, now: datetime, keep_until: Callable[[date], date]
) -> date | None:
    """Restrict the customer's documents and set when each may be deleted
    (``keep_until(issued_on)``); inside the erasure's transaction. Returns the latest
    such date (the erased customer's row stays until then), or None without documents."""
    latest: date | None = None
    for row in Document.select(Document.id, Document.issued_on).where(
        Document.customer == customer_id
    ):
        until = keep_until(row.issued_on)
        latest = until if latest is None else max(latest, until)
        Document.update(restricted_at=now, deletable_from=until).where(
            Document.id == row.id
        ).execute()
    return latest


def kept_until(customer_id: int) -> date | None:
    """The last day an erased customer's documents are kept (inside a transaction)."""
    return (
        Document.select(peewee.fn.MAX(Document.deletable_from))
        .where(Document.customer == customer_id)
        .scalar()
    )


def print_job_ids(customer_id: int) -> list[int]:
    """Print jobs of the customer's documents (a quote's have no order): their spooled
    previews go with the customer's erasure."""
    return [
        j.id
        for j in PrintJob.select(PrintJob.id)
        .join(Document)
        .where(Document.customer == customer_id)
    ]


def purge_due(today: date, *, dry_run: bool = False) -> list[str]:
    """Delete restricted documents whose ``deletable_from`` has come (their payments and
    print jobs go with them); inside the purge's transaction. Returns what went, as
    ``<company> <kind> <number>``."""
    due = list(
        Document.select(Document.id, Document.company, Document.kind, Document.number)
        .where(
            Document.restricted_at.is_null(False)
            & Document.deletable_from.is_null(False)
            & (Document.deletable_from <= today)
        )
        .order_by(Document.company, Document.kind, Document.number)
    )
    if due and not dry_run:
        ids = [d.id for d in due]
        Document.update(credits=None).where(Document.credits.in_(ids)).execute()
        Document.delete().where(Document.id.in_(ids)).execute()
    return [f"{d.company} {d.kind} {d.number}" for d in due]


def delete_orphan_pdfs(db: peewee.Database | peewee.DatabaseProxy, documents_dir: Path) -> int:
    """Delete kept PDF files whose document is gone (purged); returns how many."""
    if not documents_dir.is_dir():
        return 0
    with reading(db):
        kept = {
            file_name(d) for d in Document.select(Document.company, Document.kind, Document.number)
        }
    removed = 0
    for path in documents_dir.glob("*/*.pdf"):
        if path.name not in kept:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
