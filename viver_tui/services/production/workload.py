"""The workload view: media by state and kind, oldest first, late ones marked.

The counts come from the index on ``media_item (status, kind, id)`` alone (schema 18),
never from a scan of the table, each capped at ``COUNT_CAP``; the lists read each
state's oldest media through the same index (or ``status``'s, without a kind). Names
only, no contact details; the names shown are a ``list`` in the access log.
"""

from __future__ import annotations

from collections.abc import Sequence
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
COUNT_CAP = 1_000  # a count above this shows as "1 000+"


@dataclass(frozen=True)
class Count:
    status: str
    kind: str
    count: int
    capped: bool = False  # there are more than ``count``


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


def _counts(kinds: Sequence[str], cap: int) -> tuple[Count, ...]:
    """How many media wait in each state, per kind: each count one range of the
    ``(status, kind, id)`` index, read no further than ``cap`` + 1 entries — a shop with
    more than ``cap`` of one kind waiting in one state sees "cap+", and the view stays
    as quick with a million open media as with a hundred."""
    found = []
    for status in WAITING:
        for kind in kinds:
            count = (
                MediaItem.select(MediaItem.id)
                .where((MediaItem.status == status) & (MediaItem.kind == kind))
                .limit(cap + 1)
                .count()
            )
            if count:
                found.append(Count(status, kind, min(count, cap), count > cap))
    return tuple(found)


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
    db: peewee.Database | peewee.DatabaseProxy, who: Who, kinds: Sequence[str], *,
    kind: str | None = None, per_state: int = PER_STATE, cap: int = COUNT_CAP,
) -> Workload:
    """How many media wait in each state, by kind (``kinds``: the settings' media kind
    keys), and the oldest of each state; ``kind`` shows that kind only."""
    today = clock.today()
    kind = kind or None
    with writing(db):
        counts = _counts([kind] if kind else kinds, cap)
        rows = [row for status in WAITING for row in _oldest(status, kind, today, per_state)]
        ids = [cid for _, cid in rows if cid is not None]
        if ids:
            audit.record_list(initials_of(who), "workload", ["name"], ids)
        return Workload(counts, tuple(w for w, _ in rows), kind)
