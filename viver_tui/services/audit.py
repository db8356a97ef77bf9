"""The access log: who looked at, changed, exported or deleted personal data.

``record`` is called inside the service transaction that does the thing, so the log
entry and the change commit (or fail) together. Details name fields, never values:
the log must not become a second copy of the personal data it guards.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import peewee

from viver_tui.db import reading
from viver_tui.models import AuditEvent, Customer

ACTIONS = ("view", "create", "update", "export", "erase", "opt_out", "opt_in")
# What ``record_fields`` may name: the customer's columns and the form's opt-out flag.
LOGGED_FIELDS = frozenset(Customer._meta.sorted_field_names) | {"letters_opt_out"}

# Privacy and access control (services/staff.py, services/privacy/). Subjects:
# "staff" (id of the staff row), "customer", "mailing_list", "purge", "audit_log" (id 0).
PRIVACY_ACTIONS = (
    "sign_in",
    "sign_in_failed",
    "sign_out",  # details: "lock" (Ctrl+L, the next person), "idle" or "quit" (Ctrl+Q)
    "staff_add",
    "staff_disable",
    "pin_reset",
    "access_request",
    "consent_given",
    "consent_withdrawn",
    "purge",
    "read_log",
)
# Counter overrides and paper that carries a name (services/pickup.py, print_jobs.py):
# "pickup_override" (an order closed with media missing; details: order number and how
# many are missing, never the typed reason), "print" (a label or order form with the
# customer's name queued; details: the kind and the order number or medium code).
COUNTER_ACTIONS = ("pickup_override", "print")
ACTIONS = (*ACTIONS, *PRIVACY_ACTIONS, *COUNTER_ACTIONS)


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


def record_fields(staff: str, action: str, subject_id: int, fields: Iterable[str]) -> None:
    """Record a change naming the changed fields; anything that is not a known field
    name is refused, so a value can never slip into the log."""
    names = list(fields)
    unknown = [n for n in names if n not in LOGGED_FIELDS]
    if unknown:
        raise ValueError("the access log names fields, never values")
    record(staff, action, subject_id, details=",".join(names))


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
