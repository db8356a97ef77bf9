"""Pickup: every original goes back to the customer, scanned one by one.

One call per counter action, one transaction, one result:

- ``scan(db, shown_order_id, code, staff, returned_count=None)`` decides what was
  scanned — the receipt's order number, a medium of the order shown, a medium of
  another order, a photo series whose count must be confirmed, or nothing known —
  writes what follows, logs the look, and returns a ``ScanOutcome`` holding the order
  view refreshed in the same transaction. A bad scan is an everyday event at the
  counter: it is an outcome, never an exception.
- ``open(db, order_id, staff)`` starts pickup from an order the screen already knows.
- ``release(db, order_id, staff, accepted)`` records staff's answer when an order that
  is not finished is handed out anyway (asked once; the answer is an ``OrderEvent``).
- ``end_visit`` (partial pickup) and ``close_with_missing`` (a typed reason, kept for
  ever) end a visit.

Concurrency: several terminals may scan the media of one order at the same moment.
Every change locks the order row first and then the medium (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite's writer holds the database lock from ``BEGIN IMMEDIATE``), writes
with conditional ``UPDATE … WHERE returned_at IS NULL`` / ``WHERE status <> …`` and
checks how many rows changed. So a medium is returned once, and an order is delivered
once with one return receipt, whoever scans what. Transactions PostgreSQL still aborts
(deadlock, serialization) are run again a few times (``db.retrying``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeVar

import peewee

from viver_tui import clock
from viver_tui.config import MAX_PHOTOS
from viver_tui.db import is_sqlite, reading, retrying, writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.locale.formatting import format_number
from viver_tui.models import FIRST_ORDER_NUMBER, Customer, MediaItem, Order, OrderEvent
from viver_tui.services import audit, orders, print_jobs
from viver_tui.services.codes import ScannedCode, parse_code
from viver_tui.services.numbers import whole_number
from viver_tui.services.orders import (
    CANCELLED,
    CLOSED,
    DRAFT,
    IN_PRODUCTION,
    RECEIVED,
    RETURNED,
    MediumView,
    OrderView,
    medium_view,
)
from viver_tui.services.text import clean_line

MIN_REASON_CHARS = 5
REASON_MAX = 500
# A photo count typed (or scanned) into the count box is 1 to MAX_PHOTOS (10 000, as at
# intake): below the first order number, so a receipt scanned into the box is never
# mistaken for a count; 0 is no count (it used to mark a series returned).
# Handing these out asks staff first (production has not finished with them).
NOT_FINISHED = (RECEIVED, IN_PRODUCTION)

RELEASED = "released_unfinished"  # OrderEvent: staff said yes, hand it out anyway
RELEASE_DECLINED = "release_declined"  # OrderEvent: staff said no

Outcome = Literal[
    "loaded",  # an order number (or a medium with no order shown): that order is shown
    "returned",  # the medium is marked returned now
    "already_returned",  # scanned before: harmless, nothing changed
    "other_order",  # the medium belongs to another order: nothing marked
    "unknown",  # matches no order or medium: nothing changed
    "count_needed",  # a photo series: confirm the count going back, then scan again
    "not_ready",  # the order is not finished: ask staff (``release``), then scan again
    "not_confirmed",  # a draft or cancelled order: nothing to hand out
]


@dataclass(frozen=True)
class ScanOutcome:
    """What one scan did, with the order to show afterwards (None: no order shown)."""

    outcome: Outcome
    code: str  # as scanned
    order: OrderView | None
    medium: MediumView | None = None
    other_order_number: int | None = None  # other_order / not_confirmed
    count_mismatch: bool = False  # a photo series came back with another count
    delivered: bool = False  # this scan delivered the order; a return receipt is queued
    loaded_from_medium: bool = False  # "loaded" by a medium's code, not the receipt
    needs_release: bool = False  # the order shown is not finished and not yet released

    @property
    def order_complete(self) -> bool:
        return self.order is not None and self.order.status == RETURNED


@dataclass(frozen=True)
class VisitEnded:
    """A partial pickup ended: the order, and whether a return receipt was queued."""

    order: OrderView
    receipt_queued: bool
    returned_now: int  # media that went back during this visit


T = TypeVar("T")


def _locked(db: peewee.Database | peewee.DatabaseProxy, query: peewee.Select) -> peewee.Select:
    """``query`` with its rows locked until commit (PostgreSQL); SQLite's BEGIN IMMEDIATE
    already made this transaction the only writer."""
    return query if is_sqlite(db) else query.for_update()


def _transaction(db: peewee.Database | peewee.DatabaseProxy, work: Callable[[], T]) -> T:
    def once() -> T:
        with writing(db):
            return work()

    return retrying(db, once)


def _read(db: peewee.Database | peewee.DatabaseProxy, work: Callable[[], T]) -> T:
    """One read-only transaction: a consistent view, no write lock (SQLite's deferred
    BEGIN), nothing to flush at commit."""
    with reading(db), db.atomic():
        return work()


def _answer_without_writing(
    shown_order_id: int, parsed: ScannedCode, code: str
) -> ScanOutcome | None:
    """The scans that change nothing — a medium already returned, another order's
    medium, a code that matches nothing — answered in a read-only transaction; None
    when the medium may be returned now (the locked write path decides that again).
    A return is never undone, so a medium seen returned here stays returned."""
    seen = MediaItem.select().where(MediaItem.code == parsed.text).first()
    if seen is None:
        return ScanOutcome("unknown", code, _view(shown_order_id))
    if seen.order_id != shown_order_id:
        other = Order.select(Order.number).where(Order.id == seen.order_id).scalar()
        return ScanOutcome(
            "other_order", code, _view(shown_order_id), medium_view(seen),
            other_order_number=other,
        )
    if seen.returned_at is not None:
        return ScanOutcome("already_returned", code, orders.load(shown_order_id), medium_view(seen))
    return None


def read_count(text: str) -> int | ScannedCode | None:
    """What was entered while a photo count is asked: a count, a scanned code (to be
    queued behind the question), or None (neither). An order number is never a count."""
    count = whole_number(text, 1, MAX_PHOTOS)
    if count is not None:
        return count
    code = parse_code(text.replace(" ", "").strip())
    if code is not None and not code.is_medium and code.number < FIRST_ORDER_NUMBER:
        return None  # digits that are no count in range and no receipt either: say so
    return code


def count_invalid() -> str:
    """What the count box says to anything ``read_count`` cannot read: its range."""
    return t("count.invalid", high=format_number(MAX_PHOTOS))


def needs_release(order_id: int, status: str) -> bool:
    """True if handing out this order must be confirmed first (inside a connection)."""
    if status not in NOT_FINISHED:
        return False
    return not (
        OrderEvent.select()
        .where((OrderEvent.order == order_id) & (OrderEvent.action == RELEASED))
        .exists()
    )


def _view(order_id: int | None) -> OrderView | None:
    if order_id is None:
        return None
    try:
        return orders.load(order_id)
    except NotFound:
        return None


def _load(
    db: peewee.Database | peewee.DatabaseProxy,
    order: Order,
    code: str,
    staff: str,
    shown_order_id: int | None,
    *,
    from_medium: bool,
) -> ScanOutcome:
    if order.status in (DRAFT, CANCELLED):
        return ScanOutcome(
            "not_confirmed", code, _view(shown_order_id), other_order_number=order.number
        )
    view = orders.load(order.id)
    if view.customer_id is not None:
        audit.record(staff, "view", view.customer_id, details=f"pickup {view.number}")
    return ScanOutcome(
        "loaded", code, view, loaded_from_medium=from_medium,
        needs_release=needs_release(order.id, order.status),
    )


def _queue_return_receipt(order_id: int, staff: str, terminal: str | None) -> None:
    print_jobs.request("return_receipt", order_id, staff=staff, terminal=terminal)


def _deliver_once(order: Order, staff: str, now: datetime, terminal: str | None) -> bool:
    """Every medium is back: mark the order delivered, record it and queue the return
    receipt — once. The conditional update is what makes it once: a second terminal
    that also saw the last medium go back changes no row and queues nothing."""
    delivered = (
        Order.update(status=RETURNED, closed_at=order.closed_at or now, updated_at=now)
        .where((Order.id == order.id) & (Order.status != RETURNED))
        .execute()
        == 1
    )
    if delivered:
        orders.record_event(
            order.id, "delivered", staff, from_status=order.status, to_status=RETURNED,
            at=now,
        )
        _queue_return_receipt(order.id, staff, terminal)
    return delivered


def _return(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    parsed: ScannedCode,
    code: str,
    staff: str,
    returned_count: int | None,
    terminal: str | None,
) -> ScanOutcome | None:
    """Mark one medium of the shown order returned; None if the code is none of its
    media. Locks the order row: every return (and every delivery or closing) of one
    order holds that lock, so they run one after the other, and the media read after
    taking it (a new snapshot per statement under READ COMMITTED) include every return
    committed before. Locking the media rows too would only cost more WAL."""
    order = _locked(db, Order.select().where(Order.id == order_id)).first()
    if order is None:
        raise NotFound(t("pickup.order_gone"))
    media = list(MediaItem.select().where(MediaItem.order == order_id).order_by(MediaItem.seq))
    item = next((m for m in media if m.code == parsed.text), None)
    if item is None:
        return None
    if item.returned_at is not None:
        return ScanOutcome("already_returned", code, orders.load(order_id), medium_view(item))
    if order.status in (DRAFT, CANCELLED):
        return ScanOutcome(
            "not_confirmed", code, orders.load(order_id), other_order_number=order.number
        )
    if needs_release(order_id, order.status):
        return ScanOutcome(
            "not_ready", code, orders.load(order_id), medium_view(item), needs_release=True
        )
    photos = item.declared_count is not None
    if photos and returned_count is None:
        return ScanOutcome("count_needed", code, orders.load(order_id), medium_view(item))
    now = clock.now()
    changed = (
        MediaItem.update(
            status=RETURNED,
            returned_at=now,
            returned_by=staff,
            returned_count=returned_count if photos else None,
        )
        .where((MediaItem.id == item.id) & MediaItem.returned_at.is_null())
        .execute()
    )
    if changed != 1:  # cannot happen with the row locked; never report a double return
        return ScanOutcome("already_returned", code, orders.load(order_id), medium_view(item))
    counted = {"returned": returned_count, "declared": item.declared_count} if photos else None
    orders.record_event(
        order_id, "returned", staff, media_item_id=item.id,
        from_status=item.status, to_status=RETURNED, detail=counted, at=now,
    )
    missing = sum(1 for m in media if m.returned_at is None and m.id != item.id)
    delivered = missing == 0 and _deliver_once(order, staff, now, terminal)
    # A medium going back is recorded on the medium and in the history; the order row
    # itself changes only when it is delivered (no write that a form editing the
    # order's details could take for a conflicting edit).
    view = orders.load(order_id)
    returned = next(m for m in view.media if m.id == item.id)
    mismatch = photos and returned_count != item.declared_count
    return ScanOutcome(
        "returned", code, view, returned, count_mismatch=mismatch, delivered=delivered
    )


def scan(
    db: peewee.Database | peewee.DatabaseProxy,
    shown_order_id: int | None,
    code: str,
    staff: str,
    returned_count: int | None = None,
    *,
    terminal: str | None = None,
) -> ScanOutcome:
    """Handle one scan at the pickup counter (see the module docstring).

    ``shown_order_id`` is the order on screen (None before the first receipt);
    ``returned_count`` is the confirmed count of a photo series (after
    ``count_needed``); ``terminal`` is the one asking, whose printer prints the
    return receipt (``print_jobs.request``). Raises ValidationError for a negative
    count, and NotFound when the order shown no longer exists.
    """
    text = code.strip()
    if returned_count is not None and not 1 <= returned_count <= MAX_PHOTOS:
        raise ValidationError(
            t("pickup.count_invalid", high=format_number(MAX_PHOTOS)), field="count"
        )
    parsed = parse_code(text)
    if parsed is not None and parsed.is_medium and shown_order_id is not None:
        answered = _read(db, lambda: _answer_without_writing(shown_order_id, parsed, text))
        if answered is not None:
            return answered

    def work() -> ScanOutcome:
        if parsed is None:
            return ScanOutcome("unknown", text, _view(shown_order_id))
        if not parsed.is_medium:  # the receipt: show that order
            order = Order.get_or_none(Order.number == parsed.number)
            if order is None:
                return ScanOutcome("unknown", text, _view(shown_order_id))
            return _load(db, order, text, staff, shown_order_id, from_medium=False)
        if shown_order_id is not None:  # the everyday case: a medium of the order shown
            returned = _return(
                db, shown_order_id, parsed, text, staff, returned_count, terminal
            )
            if returned is not None:
                return returned
        row = (
            MediaItem.select(MediaItem.id, MediaItem.order)
            .where(MediaItem.code == parsed.text)
            .first()
        )
        if row is None:
            return ScanOutcome("unknown", text, _view(shown_order_id))
        if shown_order_id is None:  # a medium before any receipt: show its order
            order = Order.get_by_id(row.order_id)
            return _load(db, order, text, staff, None, from_medium=True)
        other = Order.select(Order.number).where(Order.id == row.order_id).scalar()
        medium = medium_view(MediaItem.get_by_id(row.id))
        return ScanOutcome(
            "other_order", text, _view(shown_order_id), medium, other_order_number=other
        )

    return _transaction(db, work)


def open(  # shadows the builtin inside this module only; called as pickup.open(...)
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, staff: str
) -> ScanOutcome:
    """Start pickup of a known order (from the order screen): a ``loaded`` outcome, or
    ``not_confirmed`` for a draft. Raises NotFound. The look is logged."""

    def work() -> ScanOutcome:
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(t("pickup.order_gone"))
        return _load(db, order, str(order.number), staff, None, from_medium=False)

    return _transaction(db, work)


def release(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, staff: str, accepted: bool
) -> OrderView:
    """Record staff's answer to "not finished — hand out anyway?" on the order.

    A yes lets the order's media be returned from now on (asked once per order).
    """

    def work() -> OrderView:
        order = _locked(db, Order.select().where(Order.id == order_id)).first()
        if order is None:
            raise NotFound(t("pickup.order_gone"))
        if not accepted:
            orders.record_event(order_id, RELEASE_DECLINED, staff, from_status=order.status)
        elif needs_release(order_id, order.status):
            orders.record_event(order_id, RELEASED, staff, from_status=order.status)
        return orders.load(order_id)

    return _transaction(db, work)


def lookup_medium(
    db: peewee.Database | peewee.DatabaseProxy, code: str
) -> tuple[MediumView, int, str] | None:
    """A medium by code with its order number and customer name (the bench's lookup)."""
    parsed = parse_code(code)
    if parsed is None or not parsed.is_medium:
        return None
    with reading(db):
        row = (
            MediaItem.select(MediaItem, Order.number, Customer.name)
            .join(Order)
            .join(Customer, peewee.JOIN.LEFT_OUTER)
            .where(MediaItem.code == parsed.text)
            .objects()
            .first()
        )
        if row is None:
            return None
        return medium_view(row), row.number, row.name or ""


def _returned_since_last_receipt(order_id: int) -> int:
    last = (
        OrderEvent.select(peewee.fn.MAX(OrderEvent.id))
        .where(
            (OrderEvent.order == order_id)
            & OrderEvent.action.in_(("visit_ended", "delivered", "closed_missing"))
        )
        .scalar()
    )
    query = OrderEvent.select().where(
        (OrderEvent.order == order_id) & (OrderEvent.action == "returned")
    )
    if last is not None:
        query = query.where(OrderEvent.id > last)
    return query.count()


def end_visit(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    staff: str,
    *,
    terminal: str | None = None,
) -> VisitEnded:
    """Partial pickup: the customer leaves with some media; the rest stay open.

    Queues a return receipt for what went back during this visit (none if nothing did,
    or if the order was delivered: delivery queued its own).
    """

    def work() -> VisitEnded:
        order = _locked(db, Order.select().where(Order.id == order_id)).first()
        if order is None:
            raise NotFound(t("pickup.order_gone"))
        count = _returned_since_last_receipt(order_id)
        queued = bool(count) and order.status not in (RETURNED, CLOSED)
        if queued:
            view = orders.load(order_id)
            orders.record_event(
                order_id, "visit_ended", staff,
                detail={"returned": view.returned, "total": view.total},
            )
            _queue_return_receipt(order_id, staff, terminal)
        return VisitEnded(orders.load(order_id), queued, count)

    return _transaction(db, work)


def close_with_missing(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    reason: str,
    staff: str,
    *,
    terminal: str | None = None,
) -> OrderView:
    """Close an order although media are missing; the typed reason is kept for ever.

    With nothing missing the order is simply delivered. Raises ValidationError at
    ``reason`` when no real reason is given (or it is too long or holds control
    characters).
    """
    reason = clean_line(reason, field="reason", max_length=REASON_MAX)

    def work() -> OrderView:
        now = clock.now()
        order = _locked(db, Order.select().where(Order.id == order_id)).first()
        if order is None:
            raise NotFound(t("pickup.order_gone"))
        if order.status in (DRAFT, CANCELLED):
            raise ValidationError(t("pickup.close.not_confirmed"), field="reason")
        missing = [
            m.code
            for m in MediaItem.select(MediaItem.code)
            .where((MediaItem.order == order_id) & MediaItem.returned_at.is_null())
            .order_by(MediaItem.seq)
        ]
        if not missing:
            _deliver_once(order, staff, now, terminal)
            return orders.load(order_id, with_events=True)
        if order.status == CLOSED:
            raise ValidationError(t("pickup.close.already"), field="reason")
        if len(reason) < MIN_REASON_CHARS:
            raise ValidationError(
                t("pickup.close.reason_needed", min=MIN_REASON_CHARS), field="reason"
            )
        closed = (
            Order.update(status=CLOSED, close_reason=reason, closed_at=now, updated_at=now)
            .where((Order.id == order_id) & (Order.status == order.status))
            .execute()
        )
        if closed != 1:  # cannot happen with the row locked
            raise ValidationError(t("pickup.close.already"), field="reason")
        orders.record_event(
            order_id, "closed_missing", staff, from_status=order.status, to_status=CLOSED,
            note=reason, detail={"codes": ", ".join(missing)}, at=now,
        )
        # An override at the counter: in the access log too (ids and a count only — the
        # typed reason may name people and stays on the order).
        audit.record(
            staff,
            "pickup_override",
            order.customer_id or order_id,
            details=f"order {order.number} missing {len(missing)}",
            subject="customer" if order.customer_id else "order",
        )
        _queue_return_receipt(order_id, staff, terminal)
        return orders.load(order_id, with_events=True)

    return _transaction(db, work)
