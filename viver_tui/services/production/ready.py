"""An order becoming ready for pickup, and the counter's list of ready orders.

``mark_ready`` is THE transition into *ready*: every way an order gets there from the
production room goes through it, inside the transaction that finished its last medium
(a "ready for pickup" message to the customer is queued here, in that transaction).
``reopen`` takes an order back out when a medium is reopened. ``settle`` decides which
applies after a medium changed. All three run with the order row locked by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from viver_tui import clock
from viver_tui.db import writing
from viver_tui.models import Customer, MediaItem, Order
from viver_tui.services import audit, mail, orders
from viver_tui.services.orders import IN_PRODUCTION, READY, RECEIVED
from viver_tui.services.production.panel import is_done, step_of
from viver_tui.services.staff import Who, initials_of

READY_LIST_MAX = 200  # ready orders the counter's list shows (oldest first)


def mark_ready(
    db: peewee.Database | peewee.DatabaseProxy, order: Order, who: str,
    now: datetime | None = None,
) -> bool:
    """Make ``order`` ready for pickup, once; True if this call did it.

    Call with the order row locked (inside ``writing``). The conditional update is
    what makes it once: a second terminal that also saw the last medium done changes
    no row and records nothing.
    """
    now = now or clock.now()
    changed = (
        Order.update(status=READY, ready_at=now, updated_at=now)
        .where((Order.id == order.id) & (Order.status != READY))
        .execute()
    )
    if changed != 1:
        return False
    orders.record_event(
        order.id, "ready", who, from_status=order.status, to_status=READY, at=now
    )
    # In this transaction: the message exists exactly when the order is ready.
    mail.queue_ready_for_pickup(db, order.id, who)
    return True


def reopen(order: Order, who: str, now: datetime, reason: str = "") -> bool:
    """Take a ready order back out of *ready* (a medium was reopened); True if it was."""
    changed = (
        Order.update(status=IN_PRODUCTION, ready_at=None, updated_at=now)
        .where((Order.id == order.id) & (Order.status == READY))
        .execute()
    )
    if changed != 1:
        return False
    orders.record_event(
        order.id, "unready", who, from_status=READY, to_status=IN_PRODUCTION,
        note=reason, at=now,
    )
    return True


def settle(
    db: peewee.Database | peewee.DatabaseProxy, order: Order, who: str, now: datetime,
    reason: str = "",
) -> bool:
    """After a medium of ``order`` changed: ready when every medium still in the house is
    done, back out of ready when one is not, in production once work has begun.
    Returns True if the order became ready now. The order row is locked by the caller;
    the media are read after that lock, so every change committed before is seen."""
    statuses = [
        m.status
        for m in MediaItem.select(MediaItem.status).where(
            (MediaItem.order == order.id) & MediaItem.returned_at.is_null()
        )
    ]
    if statuses and all(is_done(s) for s in statuses):
        return mark_ready(db, order, who, now)
    if order.status == READY:
        reopen(order, who, now, reason)
    elif order.status == RECEIVED and any(step_of(s) != RECEIVED for s in statuses):
        Order.update(status=IN_PRODUCTION, updated_at=now).where(
            (Order.id == order.id) & (Order.status == RECEIVED)
        ).execute()
        orders.record_event(
            order.id, "status", who, from_status=RECEIVED, to_status=IN_PRODUCTION, at=now
        )
    return False


@dataclass(frozen=True)
class ReadyOrder:
    order_id: int
    number: int
    customer_name: str
    shelf: str
    ready_at: datetime | None
    days_waited: int | None


def ready_orders(
    db: peewee.Database | peewee.DatabaseProxy, who: Who, limit: int = READY_LIST_MAX
) -> list[ReadyOrder]:
    """Orders ready for pickup and not yet picked up, oldest first, with the days they
    have waited and their shelf. The names shown are a ``list`` in the access log."""
    today = clock.today()
    with writing(db):
        rows = list(
            Order.select(
                Order.id, Order.number, Order.shelf, Order.ready_at, Order.customer,
                Customer.name,
            )
            .join(Customer, peewee.JOIN.LEFT_OUTER)
            .where(Order.status == READY)
            .order_by(Order.ready_at, Order.id)
            .limit(limit)
            .objects()
        )
        found = [
            ReadyOrder(
                r.id, r.number, getattr(r, "name", None) or "", r.shelf, r.ready_at,
                (today - r.ready_at.date()).days if r.ready_at else None,
            )
            for r in rows
        ]
        ids = [r.customer_id for r in rows if r.customer_id is not None]
        if ids:
            audit.record_list(initials_of(who), "ready", ["name"], ids)
        return found
