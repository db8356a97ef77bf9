"""The access log as the admin reads it: filtered, a page at a time, each read logged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from viver_tui.db import writing
from viver_tui.models import (
    AuditEvent,
)
from viver_tui.services import audit
from viver_tui.services.staff import StaffView, require_admin


def _log_query(
    *,
    person: str | None,
    customer_id: int | None,
    action: str | None,
    since: datetime | None,
    until: datetime | None,
) -> tuple[peewee.ModelSelect, str]:
    """The filtered access log query and the filters' names (never their values) for
    the read's own log entry."""
    query = AuditEvent.select()
    if person and person.strip():
        # Initials are stored lower-cased, but initials from before sign-in existed
        # are stored as written: compare case-blind.
        query = query.where(peewee.fn.LOWER(AuditEvent.staff) == person.strip().casefold())
    if customer_id is not None:
        # Their own entries, and the lists they were shown in.
        query = query.where(audit.about_customer(customer_id))
    if action:
        query = query.where(AuditEvent.action == action)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    filters = ",".join(
        name
        for name, value in (("person", person), ("customer", customer_id), ("action", action),
                            ("since", since), ("until", until))
        if value not in (None, "")
    )
    return query, filters


def read_access_log(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: object,
    *,
    person: str | None = None,
    customer_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
) -> list[audit.AuditEntry]:
    """The access log for an admin, newest first, filtered by who (initials), which
    customer, what and when. Reading it is itself logged (action ``read_log``)."""
    reader = require_admin(staff)  # type: ignore[arg-type]
    query, filters = _log_query(
        person=person, customer_id=customer_id, action=action, since=since, until=until
    )
    with writing(db):
        rows = list(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit))
        audit.record(
            reader.initials, "read_log", 0, details=f"filters={filters}", subject="audit_log"
        )
    return [
        audit.AuditEntry(r.at, r.staff, r.action, r.subject, r.subject_id, r.details)
        for r in rows
    ]


# --- the access log, a page at a time (the admin screen) -----------------------------------

LOG_PAGE_SIZE = 100


@dataclass(frozen=True)
class LogRow(audit.AuditEntry):
    """An access log entry with its id (the pages of the admin's log screen go by it)."""

    id: int


LogCursor = tuple[datetime, int]  # (at, id) of the last row shown: the next page is older


@dataclass(frozen=True)
class AccessLogPage:
    rows: tuple[LogRow, ...]
    older: LogCursor | None  # where the next (older) page starts; None: this is the last


def access_log_page(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: StaffView | None,
    *,
    person: str | None = None,
    customer_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before: LogCursor | None = None,
    limit: int = LOG_PAGE_SIZE,
) -> AccessLogPage:
    """One page of the access log for an admin, newest first, older than ``before``.

    Keyset paging on ``(at, id)``: each page is a short walk down the ``at`` index from
    where the last one ended, as fast on the millionth entry as on the first (an OFFSET
    would re-read every row before it). Each page read is itself logged (``read_log``).
    """
    reader = require_admin(staff)
    query, filters = _log_query(
        person=person, customer_id=customer_id, action=action, since=since, until=until
    )
    if before is not None:
        at, row_id = before
        query = query.where(
            (AuditEvent.at < at) | ((AuditEvent.at == at) & (AuditEvent.id < row_id))
        )
        filters = ",".join(filter(None, (filters, "page")))
    with writing(db):
        rows = [
            LogRow(r.at, r.staff, r.action, r.subject, r.subject_id, r.details, r.id)
            for r in query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit + 1)
        ]
        audit.record(
            reader.initials, "read_log", 0, details=f"filters={filters}", subject="audit_log"
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return AccessLogPage(tuple(rows), (rows[-1].at, rows[-1].id) if more else None)
