"""Bookkeeping retention: how long a sales record must be kept (bokføringsloven §13)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from viver_tui.models import (
    Order,
)

RETENTION_YEARS = 5


def deletable_from(order_day: date) -> date:
    """The first day a sales record from ``order_day`` may be deleted: 5 years after
    the end of its fiscal year (the calendar year)."""
    return date(order_day.year + RETENTION_YEARS + 1, 1, 1)


def order_day(order: Order) -> date:
    """The day the sale is dated: delivery (closed) if it happened, else intake."""
    if order.closed_at is not None:
        return order.closed_at.date() if isinstance(order.closed_at, datetime) else order.closed_at
    received = order.received_on
    return received if isinstance(received, date) else date.fromisoformat(str(received))


def chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
