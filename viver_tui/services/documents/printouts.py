"""A document on the receipt printer: a job in the print queue, like the labels.

The job refers to the document; the queue prints the document's stored layout
(``Document.sheet``) with ``printing/document_receipt.py``, so a reprint is the same
text as the first print and as the PDF. Asking for one is in the access log (it
carries the buyer's name and address).
"""

from __future__ import annotations

from viver_tui.db import retrying, writing
from viver_tui.models import Document
from viver_tui.services import audit, print_jobs
from viver_tui.services.documents.core import Database, document_row
from viver_tui.services.staff import Who, initials_of, require_contact


def queue_print(row: Document, staff: str, terminal: str | None, *, reprint: bool = False) -> int:
    """Queue ``row`` for the receipt printer; call inside ``writing``. Returns the job id."""
    job = print_jobs.request(
        "document", row.order_id, document_id=row.id, staff=staff, terminal=terminal,
        reprint=reprint,
    )
    if row.customer_id is not None:
        audit.record(staff, "print", row.customer_id, details=f"{row.kind} {row.number}")
    return job


def print_document(
    db: Database, document_id: int, who: Who, *, terminal: str | None = None
) -> int:
    """Print a document (again) on this terminal's receipt printer; the job's id."""
    require_contact(who)
    staff = initials_of(who)

    def queue() -> int:
        with writing(db):
            row = document_row(document_id)
            return queue_print(row, staff, terminal, reprint=True)

    return retrying(db, queue)
