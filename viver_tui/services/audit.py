"""The access log: who looked at, changed, exported or deleted personal data.

``record`` is called inside the service transaction that does the thing, so the log
entry and the change commit (or fail) together. Details name fields, never values:
the log must not become a second copy of the personal data it guards.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from viver_tui.db import reading
from viver_tui.models import AuditEvent

ACTIONS = ("view", "create", "update", "export", "erase", "opt_out", "opt_in")
# Privacy and access control (services/staff.py, services/privacy.py). Subjects:
# "staff" (id of the staff row), "customer", "mailing_list", "purge", "audit_log" (id 0).
PRIVACY_ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "staff_add",
    "staff_disable",
    "pin_reset",
    "access_request",
    "consent_given",
    "consent_withdrawn",
    "purge",
    "read_log",
)
ACTIONS = (*ACTIONS, *PRIVACY_ACTIONS)


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    staff: str
    action: str
    subject: str
    subject_id: int
    details: str


def record(
    staff: str, action: str, subject_id: int, details: str = "", subject: str = "customer"
) -> None:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    AuditEvent.create(
        staff=staff, action=action, subject=subject, subject_id=subject_id, details=details
    )


def entries_for(
    db: peewee.Database | peewee.DatabaseProxy, subject_id: int, subject: str = "customer"
) -> list[AuditEntry]:
    with reading(db):
        rows = (
            AuditEvent.select()
            .where((AuditEvent.subject == subject) & (AuditEvent.subject_id == subject_id))
            .order_by(AuditEvent.at, AuditEvent.id)
        )
        return [
            AuditEntry(r.at, r.staff, r.action, r.subject, r.subject_id, r.details) for r in rows
        ]


def read_log(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: object,
    *,
    person: str | None = None,
    customer_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """The access log for an admin, newest first, filtered by who (initials), which
    customer, what and when. Reading it is itself logged (action ``read_log``)."""
    from viver_tui.db import writing
    from viver_tui.services.staff import require_admin

    reader = require_admin(staff)  # type: ignore[arg-type]
    query = AuditEvent.select()
    if person:
        query = query.where(AuditEvent.staff == person.strip().casefold())
    if customer_id is not None:
        query = query.where(
            (AuditEvent.subject == "customer") & (AuditEvent.subject_id == customer_id)
        )
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
    with writing(db):
        rows = list(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit))
        record(reader.initials, "read_log", 0, details=f"filters={filters}", subject="audit_log")
    return [AuditEntry(r.at, r.staff, r.action, r.subject, r.subject_id, r.details) for r in rows]
