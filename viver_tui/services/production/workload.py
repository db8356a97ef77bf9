"""The workload view: media by state and kind, oldest first, late ones marked.

The counts come from the index on ``media_item (status, kind, id)`` alone (schema 18),
never from a scan of the table; the lists read each state's oldest media through the
same index (or ``status``'s, without a kind). Names only: no contact details; the names
shown are a ``list`` in the access log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import peewee

from viver_tui import clock
from viver_tui.db import writing
from viver_tui.models import Customer, MediaItem, Order
from viver_tui.services import audit
from viver_tui.services.orders import CANCELLED, CLOSED, DRAFT, RETURNED
from viver_tui.services.production.panel import STEPS
from viver_tui.services.staff import Who, initials_of

# The states work waits in (done media wait at the counter, not here).
WAITING = STEPS[:-1]
PER_STATE = 25  # oldest media listed per state


@dataclass(frozen=True)
class Count:
    status: str
    kind: str
    count: int


@dataclass(frozen=True)
class Waiting:
    code: str
    kind: str
    status: str
    order_number: int
    customer_name: str
    received_on: date
    promised_on: date | None
    late: bool  # the promised date has passed


@dataclass(frozen=True)
class Workload:
    counts: tuple[Count, ...]
    media: tuple[Waiting, ...]  # per state in step order, oldest first
    kind: str | None


def _counts(kind: str | None) -> tuple[Count, ...]:
    query = (
        MediaItem.select(MediaItem.status, MediaItem.kind, peewee.fn.COUNT(MediaItem.id))
        .where(MediaItem.status.in_(WAITING))
        .group_by(MediaItem.status, MediaItem.kind)
    )
    if kind:
        query = query.where(MediaItem.kind == kind)
    found = [Count(s, k, n) for s, k, n in query.tuples()]
    return tuple(sorted(found, key=lambda c: (WAITING.index(c.status), c.kind)))


def _oldest(status: str, kind: str | None, today: date, limit: int) -> list[tuple[Waiting, int]]:
    query = (
        MediaItem.select(
            MediaItem.code, MediaItem.kind, MediaItem.status, Order.number, Order.received_on,
            Order.promised_on, Order.customer, Customer.name,
        )
        .join(Order)
        .join(Customer, peewee.JOIN.LEFT_OUTER)
        .where(
            (MediaItem.status == status)
            & MediaItem.returned_at.is_null()
            & Order.status.not_in((DRAFT, CANCELLED, CLOSED, RETURNED))
        )
        .order_by(MediaItem.id)
        .limit(limit)
        .objects()
    )
    if kind:
        query = query.where(MediaItem.kind == kind)
    return [
        (
            Waiting(
                r.code, r.kind, r.status, r.number, r.name or "", r.received_on,
                r.promised_on, r.promised_on is not None and r.promised_on < today,
            ),
            r.customer,
        )
        for r in query
    ]


def workload(
    db: peewee.Database | peewee.DatabaseProxy, who: Who, *, kind: str | None = None,
    per_state: int = PER_STATE,
) -> Workload:
    """How many media wait in each state, by kind, and the oldest of each state."""
    today = clock.today()
    kind = kind or None
    with writing(db):
        counts = _counts(kind)
        rows = [row for status in WAITING for row in _oldest(status, kind, today, per_state)]
        ids = [cid for _, cid in rows if cid is not None]
        if ids:
            audit.record_list(initials_of(who), "workload", ["name"], ids)
        return Workload(counts, tuple(w for w, _ in rows), kind)
