"""Pickup: every original goes back to the customer, scanned one by one.

``find_order`` takes what was scanned or typed — the receipt's order number or any
medium's code — and returns the order with each medium returned or missing.
``return_item`` marks one scanned medium returned and says what happened; it never
raises for a bad scan (a wrong, repeated or unknown code is an everyday event at the
counter, answered with a result, not an error). The order is delivered (``returned``)
when the last medium goes back; closing it with media missing needs a typed reason
that stays on the order for ever. Partial pickup ends a visit without closing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import peewee

from viver_tui.db import reading, writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.models import Customer, MediaItem, Order, OrderEvent
from viver_tui.services import audit, orders, print_jobs
from viver_tui.services.orders import (
    CLOSED,
    DRAFT,
    RETURNED,
    MediumView,
    OrderView,
    medium_view,
)

_CODE = re.compile(r"^(\d{4,9})(?:-(\d{1,3}))?$")
MIN_REASON_CHARS = 5

Outcome = Literal[
    "returned",  # marked returned now
    "already_returned",  # scanned before: harmless, nothing changed
    "other_order",  # the code belongs to another order: nothing marked
    "unknown",  # matches no medium
    "count_needed",  # a photo series: confirm the count going back, then call again
]


@dataclass(frozen=True)
class ReturnResult:
    outcome: Outcome
    code: str
    medium: MediumView | None = None
    other_order_number: int | None = None
    returned: int = 0  # media of this order returned so far
    total: int = 0
    order_status: str = ""
    count_mismatch: bool = False  # photo series came back with another count

    @property
    def order_complete(self) -> bool:
        return self.order_status == RETURNED


@dataclass(frozen=True)
class ScannedCode:
    """A scan parsed: an order number, maybe with a medium's place in it."""

    number: int
    seq: int | None

    @property
    def is_medium(self) -> bool:
        return self.seq is not None


def parse_code(text: str) -> ScannedCode | None:
    """``104233`` → order; ``104233-03`` → medium; anything else → None."""
    m = _CODE.match(text.strip())
    if m is None:
        return None
    return ScannedCode(int(m.group(1)), int(m.group(2)) if m.group(2) else None)


def find_order(
    db: peewee.Database | peewee.DatabaseProxy, code_or_number: str, staff: str = ""
) -> OrderView:
    """The order for a scanned receipt (order number) or any medium's code.

    Raises NotFound for a code that matches nothing, ValidationError for an order that
    was never confirmed. The look is logged (the screen shows the customer's name).
    """
    text = code_or_number.strip()
    parsed = parse_code(text)
    if parsed is None:
        raise NotFound(f"«{text}» er verken et ordrenummer eller en mediekode.")
    with writing(db):
        if parsed.is_medium:
            row = MediaItem.select(MediaItem.order).where(MediaItem.code == text).first()
            if row is None:
                raise NotFound(f"Ukjent mediekode {text}.")
            order_id = row.order_id
        else:
            order_id = orders.order_id_for_number(parsed.number)
        view = orders.load(order_id)
        if view.status in (DRAFT, orders.CANCELLED):
            raise ValidationError(
                f"Ordre {view.number} er ikke bekreftet og har ingen medier å levere ut.",
                field="scan",
            )
        if view.customer_id is not None:
            audit.record(staff, "view", view.customer_id, details=f"pickup {view.number}")
        return view


def lookup_medium(
    db: peewee.Database | peewee.DatabaseProxy, code: str
) -> tuple[MediumView, int, str] | None:
    """A medium by code with its order number and customer name (the bench's lookup)."""
    with reading(db):
        row = (
            MediaItem.select(MediaItem, Order.number, Customer.name)
            .join(Order)
            .join(Customer, peewee.JOIN.LEFT_OUTER)
            .where(MediaItem.code == code.strip())
            .objects()
            .first()
        )
        if row is None:
            return None
        return medium_view(row), row.number, row.name or ""


def _counts(order_id: int) -> tuple[int, int]:
    returned = peewee.fn.SUM(peewee.Case(None, [(MediaItem.returned_at.is_null(False), 1)], 0))
    row = (
        MediaItem.select(peewee.fn.COUNT(MediaItem.id), returned)
        .where(MediaItem.order == order_id)
        .tuples()
        .first()
    )
    return int(row[1] or 0), int(row[0] or 0)


def _deliver(order: Order, staff: str, now: datetime) -> None:
    """Every medium is back: the order is delivered, and the return receipt queued."""
    orders.record_event(
        order.id, "delivered", staff, from_status=order.status, to_status=RETURNED, at=now
    )
    order.status = RETURNED
    order.closed_at = order.closed_at or now
    order.updated_at = now
    order.save()
    print_jobs.request("return_receipt", order.id, staff=staff)


def return_item(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    code: str,
    staff: str,
    returned_count: int | None = None,
) -> ReturnResult:
    """Mark the scanned medium returned, if it belongs to this order.

    A photo series needs ``returned_count`` (the count going back); without it the
    result is ``count_needed`` and nothing is marked.
    """
    text = code.strip()
    if returned_count is not None and returned_count < 0:
        raise ValidationError("Antallet kan ikke være negativt.", field="count")
    now = datetime.now()
    with writing(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(f"Fant ikke ordre nr. {order_id}.")
        item = MediaItem.get_or_none(MediaItem.code == text)

        def result(
            outcome: Outcome, counts: tuple[int, int] | None = None, **extra: object
        ) -> ReturnResult:
            returned, total = counts or _counts(order_id)
            return ReturnResult(
                outcome, text, returned=returned, total=total, order_status=order.status,
                **extra,  # type: ignore[arg-type]
            )

        if item is None:
            return result("unknown")
        if item.order_id != order_id:
            other = Order.select(Order.number).where(Order.id == item.order_id).scalar()
            return result("other_order", medium=medium_view(item), other_order_number=other)
        if item.returned_at is not None:
            return result("already_returned", medium=medium_view(item))
        if item.declared_count is not None and returned_count is None:
            return result("count_needed", medium=medium_view(item))
        mismatch = (
            item.declared_count is not None and returned_count != item.declared_count
        )
        note = ""
        if item.declared_count is not None:
            note = f"{returned_count} av {item.declared_count} bilder"
        orders.record_event(
            order_id, "returned", staff, media_item_id=item.id,
            from_status=item.status, to_status=RETURNED, note=note, at=now,
        )
        item.status = RETURNED
        item.returned_at = now
        item.returned_by = staff
        item.returned_count = returned_count if item.declared_count is not None else None
        item.save()
        counts = _counts(order_id)
        if counts[0] == counts[1] and order.status != RETURNED:
            _deliver(order, staff, now)
        else:
            order.updated_at = now
            order.save()
        return result("returned", counts, medium=medium_view(item), count_mismatch=mismatch)


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
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, staff: str
) -> OrderView:
    """Partial pickup: the customer leaves with some media; the rest stay open.

    Queues a return receipt for what went back during this visit (none if nothing did).
    """
    with writing(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(f"Fant ikke ordre nr. {order_id}.")
        count = _returned_since_last_receipt(order_id)
        if count and order.status != RETURNED:
            returned, total = _counts(order_id)
            orders.record_event(
                order_id, "visit_ended", staff, note=f"{returned} av {total} utlevert"
            )
            print_jobs.request("return_receipt", order_id, staff=staff)
        return orders.load(order_id)


def close_with_missing(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, reason: str, staff: str
) -> OrderView:
    """Close an order although media are missing; the typed reason is kept for ever.

    With nothing missing the order is simply delivered. Raises ValidationError at
    ``reason`` when no real reason is given.
    """
    reason = " ".join(reason.split())
    now = datetime.now()
    with writing(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(f"Fant ikke ordre nr. {order_id}.")
        if order.status in (DRAFT, orders.CANCELLED):
            raise ValidationError("Ordren er ikke bekreftet.", field="reason")
        missing = [
            m.code
            for m in MediaItem.select(MediaItem.code)
            .where((MediaItem.order == order_id) & MediaItem.returned_at.is_null())
            .order_by(MediaItem.seq)
        ]
        if not missing:
            if order.status != RETURNED:
                _deliver(order, staff, now)
            return orders.load(order_id, with_events=True)
        if order.status == CLOSED:
            raise ValidationError("Ordren er allerede avsluttet.", field="reason")
        if len(reason) < MIN_REASON_CHARS:
            raise ValidationError(
                "Skriv hvorfor ordren avsluttes uten alle medier (minst "
                f"{MIN_REASON_CHARS} tegn).",
                field="reason",
            )
        orders.record_event(
            order_id, "closed_missing", staff, from_status=order.status, to_status=CLOSED,
            note=f"{reason} (mangler: {', '.join(missing)})", at=now,
        )
        order.status = CLOSED
        order.close_reason = reason
        order.closed_at = now
        order.updated_at = now
        order.save()
        print_jobs.request("return_receipt", order_id, staff=staff)
        return orders.load(order_id, with_events=True)
