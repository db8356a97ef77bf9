"""Document numbers: one unbroken series per company (and kind), assigned by the program.

Invoices must be numbered without gaps (bokføringsforskriften § 5-1-1): the counter row
of the series is incremented inside the transaction that writes the document, so the
number and the document commit together — or, if anything fails, roll back together
and the number is handed out again. On SQLite the write lock taken at
``BEGIN IMMEDIATE`` serialises the terminals; on PostgreSQL the ``UPDATE`` locks the
counter row until commit, so a second terminal waits for the first and then gets the
next number. (Order numbers may use a sequence because a gap there breaks no rule; a
sequence is not transactional, so invoices do not.) The unique index on
``(company, series, number)`` is the last guard.
"""

from __future__ import annotations

from viver_tui.models import Document, DocumentCounter


def next_number(company: str, series: str) -> int:
    """Take the next number of ``company``'s ``series``; call inside ``writing(db)``
    (the document is written in the same transaction)."""
    DocumentCounter.insert(company=company, series=series, last_number=0).on_conflict_ignore(
    ).execute()
    DocumentCounter.update(last_number=DocumentCounter.last_number + 1).where(
        (DocumentCounter.company == company) & (DocumentCounter.series == series)
    ).execute()
    return int(
        DocumentCounter.select(DocumentCounter.last_number)
        .where((DocumentCounter.company == company) & (DocumentCounter.series == series))
        .scalar()
    )


def series_numbers(company: str, series: str) -> list[tuple[int, str]]:
    """Every number of a series in order, with its status (issued / void / accepted)."""
    return [
        (d.number, d.status)
        for d in Document.select(Document.number, Document.status)
        .where((Document.company == company) & (Document.series == series))
        .order_by(Document.number)
    ]


def gaps(numbers: list[int]) -> list[int]:
    """Numbers missing between the first and the last of ``numbers``."""
    present = set(numbers)
    if not present:
        return []
    return [n for n in range(min(present), max(present) + 1) if n not in present]
