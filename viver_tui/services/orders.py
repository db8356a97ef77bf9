"""An order's life after intake: what the order screen shows, and status changes.

Statuses, for the order and for each medium alike::

    received → in_production → done → ready → returned

An order starts as ``draft`` while media are registered (intake.py) and becomes
``received`` when confirmed. ``returned`` is reached only through pickup (pickup.py),
when every medium has gone back over the counter; an order closed with media missing
is ``closed`` and keeps its typed reason for ever. Every change is an ``OrderEvent``
with who and when; the order screen shows them as its history.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import peewee

from viver_tui import clock
from viver_tui.db import is_sqlite, reading, retrying, writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.locale.events import decode_detail, encode_detail
from viver_tui.models import Customer, MediaItem, Order, OrderEvent, ProductionNote
from viver_tui.services import audit
from viver_tui.services.codes import parse_code
from viver_tui.services.text import NOTE_MAX, clean_text

Query = peewee.ModelSelect

DRAFT = "draft"
RECEIVED = "received"
IN_PRODUCTION = "in_production"
DONE = "done"
READY = "ready"
RETURNED = "returned"
CLOSED = "closed"  # closed with media missing (close_reason says why)
CANCELLED = "cancelled"  # a draft given up before confirmation; its number is kept

# The statuses staff set by hand, in their natural order.
WORK_STATUSES = (RECEIVED, IN_PRODUCTION, DONE, READY)
STATUSES = (DRAFT, *WORK_STATUSES, RETURNED, CLOSED, CANCELLED)
OPEN_STATUSES = WORK_STATUSES  # confirmed and not yet finished


@dataclass(frozen=True)
class MediumView:
    id: int
    order_id: int
    seq: int
    code: str
    kind: str
    description: str
    condition: str
    units: int
    declared_count: int | None
    returned_count: int | None
    estimate_ore: int
    status: str
    outcome: str | None
    returned_at: datetime | None
    returned_by: str | None

    @property
    def is_returned(self) -> bool:
        return self.returned_at is not None


@dataclass(frozen=True)
class EventView:
    at: datetime
    staff: str
    action: str
    code: str | None  # the medium's code, None for an order-level event
    from_status: str | None
    to_status: str | None
    note: str
    detail: Mapping[str, object] = field(default_factory=dict)  # see locale/events.py


@dataclass(frozen=True)
class OrderView:
    id: int
    number: int
    status: str
    customer_id: int | None
    # The customer's name only: no screen that shows an order needs their contact
    # details, and production staff may not see them (services/customers/viewing.py).
    customer_name: str
    staff: str
    received_on: date
    promised_on: date | None
    shelf: str
    notes: str
    estimate_ore: int
    confirmed_at: datetime | None
    closed_at: datetime | None
    close_reason: str | None
    media: tuple[MediumView, ...]
    events: tuple[EventView, ...] = ()
    version: int = 1  # the details' version: a form saved on an older one is refused
    company: str = ""  # the selling company's key ("" before schema 15: the default)

    @property
    def total(self) -> int:
        return len(self.media)

    @property
    def returned(self) -> int:
        return sum(1 for m in self.media if m.is_returned)

    @property
    def missing(self) -> tuple[MediumView, ...]:
        return tuple(m for m in self.media if not m.is_returned)


# --- rows: the one "get or NotFound" per model, locked when the caller will write --------


def locked(query: Query) -> Query:
    """``SELECT … FOR UPDATE`` on PostgreSQL: the rows stay locked until the transaction
    ends, so a read-modify-write cannot interleave with another terminal's. SQLite
    needs nothing: ``writing`` took the database's write lock at ``BEGIN IMMEDIATE``."""
    return query if is_sqlite(query.model._meta.database) else query.for_update()


def order_row(order_id: int, *, lock: bool = False) -> Order:
    """The order, or NotFound; ``lock`` (inside ``writing``) holds it until commit."""
    query = Order.select().where(Order.id == order_id)
    row = (locked(query) if lock else query).first()
    if row is None:
        raise NotFound(t("order.not_found"))
    return row


def medium_row(
    order_id: int, *, seq: int | None = None, code: str | None = None, lock: bool = False
) -> MediaItem:
    """A medium of the order by its place or its code, or NotFound."""
    query = MediaItem.select().where(MediaItem.order == order_id)
    if seq is not None:
        query = query.where(MediaItem.seq == seq)
    if code is not None:
        query = query.where(MediaItem.code == code)
    row = (locked(query) if lock else query).first()
    if row is None:
        raise NotFound(t("order.medium_not_found", code=code or seq or ""))
    return row


def medium_view(row: MediaItem) -> MediumView:
    return MediumView(
        id=row.id,
        order_id=row.order_id,
        seq=row.seq,
        code=row.code,
        kind=row.kind,
        description=row.description,
        condition=row.condition,
        units=row.units,
        declared_count=row.declared_count,
        returned_count=row.returned_count,
        estimate_ore=row.estimate_ore,
        status=row.status,
        outcome=row.outcome,
        returned_at=row.returned_at,
        returned_by=row.returned_by,
    )


def load(order_id: int, *, with_events: bool = False) -> OrderView:
    """Build an OrderView inside the caller's connection; raise NotFound."""
    row = (
        Order.select(Order, Customer)
        .join(Customer, peewee.JOIN.LEFT_OUTER)
        .where(Order.id == order_id)
        .first()
    )
    if row is None:
        raise NotFound(t("order.not_found"))
    media = tuple(
        medium_view(m)
        for m in MediaItem.select().where(MediaItem.order == order_id).order_by(MediaItem.seq)
    )
    events: tuple[EventView, ...] = ()
    if with_events:
        codes = {m.id: m.code for m in media}
        events = tuple(
            EventView(
                at=e.at,
                staff=e.staff,
                action=e.action,
                code=codes.get(e.media_item_id) if e.media_item_id else None,
                from_status=e.from_status,
                to_status=e.to_status,
                note=e.note,
                detail=decode_detail(e.detail),
            )
            for e in OrderEvent.select()
            .where(OrderEvent.order == order_id)
            .order_by(OrderEvent.at, OrderEvent.id)
        )
        # The production room's notes are part of the order's history at the counter.
        notes = [
            EventView(
                at=n.at, staff=n.staff, action="production_note",
                code=codes.get(n.media_item_id) if n.media_item_id else None,
                from_status=None, to_status=None,
                note=f"#{n.id}" + (f" (→ #{n.corrects_id})" if n.corrects_id else "")
                + f": {n.text}",
            )
            for n in ProductionNote.select()
            .where(ProductionNote.order == order_id)
            .order_by(ProductionNote.at, ProductionNote.id)
        ]
        if notes:
            events = tuple(sorted((*events, *notes), key=lambda e: e.at))
    customer = row.customer if row.customer_id else None
    return OrderView(
        id=row.id,
        number=row.number,
        status=row.status,
        customer_id=row.customer_id,
        customer_name=customer.name if customer else "",
        staff=row.staff,
        received_on=row.received_on,
        promised_on=row.promised_on,
        shelf=row.shelf,
        notes=row.notes,
        estimate_ore=row.estimate_ore,
        confirmed_at=row.confirmed_at,
        closed_at=row.closed_at,
        close_reason=row.close_reason,
        media=media,
        events=events,
        version=row.version,
        company=row.company,
    )


def order_id_for_number(number: int) -> int:
    row = Order.select(Order.id).where(Order.number == number).first()
    if row is None:
        raise NotFound(t("order.no_such_number", number=number))
    return row.id


def get_order(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int | None = None,
    *,
    number: int | None = None,
    staff: str = "",
) -> OrderView:
    """The order screen's data: customer, media, notes and history.

    Shows the customer's name and contact, so the look is written to the access log.
    """
    with writing(db):
        if order_id is None:
            if number is None:
                raise ValueError("give order_id or number")
            order_id = order_id_for_number(number)
        view = load(order_id, with_events=True)
        if view.customer_id is not None:
            audit.record(staff, "view", view.customer_id, details=f"order {view.number}")
        return view


def record_event(
    order_id: int,
    action: str,
    staff: str,
    *,
    media_item_id: int | None = None,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str = "",
    detail: Mapping[str, object] | None = None,
    at: datetime | None = None,
) -> None:
    """Add to the order's history: ``note`` is text staff typed (kept as typed),
    ``detail`` the event's values (counts, codes), worded when shown, in the reader's
    language — never text in the writer's."""
    OrderEvent.create(
        order=order_id,
        media_item=media_item_id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        detail=encode_detail(detail),
        staff=staff,
        at=at or clock.now(),
    )


def _check_work_status(status: str) -> None:
    if status not in WORK_STATUSES:
        raise ValidationError(t("order.status_not_settable"), field="status")


def _open_order(order_id: int) -> Order:
    """The order, locked, if staff may still set its status."""
    row = order_row(order_id, lock=True)
    if row.status == DRAFT:
        raise ValidationError(t("order.not_confirmed"), field="status")
    if row.status not in OPEN_STATUSES:
        raise ValidationError(t("order.finished"), field="status")
    return row


def _note(text: str) -> str:
    return clean_text(text, field="note", max_length=NOTE_MAX)


def set_order_status(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    status: str,
    staff: str,
    note: str = "",
) -> OrderView:
    """Move a confirmed order (and its media not yet returned) to ``status``."""
    _check_work_status(status)
    note = _note(note)

    def change() -> OrderView:
        now = clock.now()
        with writing(db):
            row = _open_order(order_id)
            if row.status != status:
                record_event(
                    order_id, "status", staff, from_status=row.status, to_status=status,
                    note=note, at=now,
                )
                # Ready by hand counts from now in the counter's list of ready orders.
                ready_at = now if status == READY else None
                Order.update(status=status, updated_at=now, ready_at=ready_at).where(
                    Order.id == order_id
                ).execute()
            pending = locked(
                MediaItem.select().where(
                    (MediaItem.order == order_id)
                    & MediaItem.returned_at.is_null()
                    & (MediaItem.status != status)
                )
            )
            for item in pending:
                record_event(
                    order_id, "status", staff, media_item_id=item.id,
                    from_status=item.status, to_status=status, at=now,
                )
            MediaItem.update(status=status).where(
                (MediaItem.order == order_id) & MediaItem.returned_at.is_null()
            ).execute()
            return load(order_id, with_events=True)

    return retrying(db, change)


def set_medium_status(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    code: str,
    status: str,
    staff: str,
    note: str = "",
) -> OrderView:
    """Move one medium of a confirmed order to ``status`` (not to returned)."""
    _check_work_status(status)
    note = _note(note)
    scanned = parse_code(code)
    if scanned is None or scanned.seq is None:
        raise NotFound(t("order.medium_not_in_order", code=code.strip()))

    def change() -> OrderView:
        with writing(db):
            _open_order(order_id)
            try:
                item = medium_row(order_id, code=scanned.text, lock=True)
            except NotFound:
                raise NotFound(t("order.medium_not_in_order", code=scanned.text)) from None
            if item.returned_at is not None:
                raise ValidationError(t("order.medium_returned"), field="status")
            if item.status != status:
                record_event(
                    order_id, "status", staff, media_item_id=item.id,
                    from_status=item.status, to_status=status, note=note,
                )
                MediaItem.update(status=status).where(MediaItem.id == item.id).execute()
            return load(order_id, with_events=True)

    return retrying(db, change)


def add_note(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, text: str, staff: str
) -> OrderView:
    """Append a note to the order's history (the order's own notes stay as typed)."""
    text = _note(text)
    if not text:
        raise ValidationError(t("order.note_empty"), field="note")

    def append() -> OrderView:
        with writing(db):
            order_row(order_id)
            record_event(order_id, "note", staff, note=text)
            return load(order_id, with_events=True)

    return retrying(db, append)


def load_for_reading(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, *, with_events: bool = True
) -> OrderView:
    """An OrderView without logging a look (for screens that already logged one)."""
    with reading(db):
        return load(order_id, with_events=with_events)


def find_order_id(db: peewee.Database | peewee.DatabaseProxy, text: str) -> int | None:
    """The order a typed or scanned order number or medium code points at, if any."""
    scanned = parse_code(text)
    if scanned is None:
        return None
    with reading(db):
        if scanned.is_medium:
            row = MediaItem.select(MediaItem.order).where(MediaItem.code == scanned.text).first()
            return row.order_id if row else None
        found = Order.select(Order.id).where(Order.number == scanned.number).first()
        return found.id if found else None
