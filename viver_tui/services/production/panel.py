"""What the production screen shows of one medium, and the checks every change makes.

A ``MediumPanel`` holds the medium, its order's number, status, shelf and dates, the
customer's *name* (never phone, e-mail or address — production does not see them), the
order's other media with their states, and the history of the medium and its order
(steps, undos with reasons, outcomes, notes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee

from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.locale.events import decode_detail, detail_text
from viver_tui.models import Customer, MediaItem, Order, OrderEvent, ProductionNote
from viver_tui.services import orders
from viver_tui.services.codes import parse_code
from viver_tui.services.orders import (
    CANCELLED,
    CLOSED,
    DONE,
    DRAFT,
    IN_PRODUCTION,
    READY,
    RECEIVED,
    RETURNED,
    MediumView,
    medium_view,
)

DIGITIZED = "digitized"
CHECKED = "checked"
# A medium's steps in the production room, in order.
STEPS = (RECEIVED, IN_PRODUCTION, DIGITIZED, CHECKED, DONE)
# Statuses set by hand on the order screen that count as a step: "ready" is done.
_AS_STEP = {READY: DONE}


def step_of(status: str) -> str:
    """The production step a medium's status stands for."""
    return _AS_STEP.get(status, status) if status in (*STEPS, *_AS_STEP) else RECEIVED


def is_done(status: str) -> bool:
    return step_of(status) == DONE


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    staff: str
    action: str  # step, step_undone, outcome, note, ready, unready, status, …
    code: str | None  # the medium's code; None for the order
    from_status: str | None = None
    to_status: str | None = None
    note: str = ""
    note_id: int | None = None  # a production note: its number (a correction names it)
    corrects: int | None = None  # a correction: the note it corrects


@dataclass(frozen=True)
class MediumPanel:
    medium: MediumView
    outcome_note: str
    actual_units: int | None  # what production recorded as done (actuals.py), or None
    estimate_units: int  # what intake estimated, in the same unit
    order_id: int
    order_number: int
    order_status: str
    customer_name: str  # the name only
    shelf: str
    received_on: date
    promised_on: date | None
    ready_at: datetime | None
    media: tuple[MediumView, ...]  # every medium of the order, this one included
    history: tuple[HistoryLine, ...]

    @property
    def step(self) -> str:
        return step_of(self.medium.status)

    @property
    def done(self) -> int:
        return sum(1 for m in self.media if is_done(m.status) or m.is_returned)


def medium_by_code(code: str) -> MediaItem:
    """The medium a scanned or typed code names, or NotFound with the code in words."""
    parsed = parse_code(code.replace(" ", ""))
    if parsed is None:
        raise NotFound(t("production.unknown", code=code.strip()))
    if not parsed.is_medium:
        raise ValidationError(t("production.order_code", code=parsed.text), field="code")
    item = MediaItem.get_or_none(MediaItem.code == parsed.text)
    if item is None:
        raise NotFound(t("production.unknown", code=parsed.text))
    return item


def check_workable(order: Order, item: MediaItem, customer_erased: bool) -> None:
    """ValidationError, with the reason in words, if production may not touch ``item``."""
    if customer_erased:
        raise ValidationError(t("production.erased", code=item.code), field="code")
    if order.status in (DRAFT, CANCELLED):
        raise ValidationError(
            t("production.not_confirmed", code=item.code, number=order.number), field="code"
        )
    if order.status in (RETURNED, CLOSED) or item.returned_at is not None:
        raise ValidationError(
            t("production.returned", code=item.code, number=order.number), field="code"
        )


def customer_erased(order: Order) -> bool:
    if order.customer_id is None:
        return False
    return (
        Customer.select(Customer.id)
        .where((Customer.id == order.customer_id) & Customer.erased_at.is_null(False))
        .exists()
    )


def locked_medium(
    db: peewee.Database | peewee.DatabaseProxy, medium_id: int
) -> tuple[Order, MediaItem]:
    """The medium's order, locked (the order row: every change of its media holds it),
    and the medium read after the lock; checked workable. Inside ``writing``."""
    order_id = MediaItem.select(MediaItem.order).where(MediaItem.id == medium_id).scalar()
    if order_id is None:
        raise NotFound(t("production.gone"))
    order = orders.order_row(order_id, lock=True)
    item = MediaItem.get_or_none(MediaItem.id == medium_id)
    if item is None:
        raise NotFound(t("production.gone"))
    check_workable(order, item, customer_erased(order))
    return order, item


def _history(order_id: int, item: MediaItem) -> tuple[HistoryLine, ...]:
    lines = [
        HistoryLine(
            e.at, e.staff, e.action, item.code if e.media_item_id else None,
            e.from_status, e.to_status,
            # the actual amount is stored as values: worded for the reader
            detail_text(e.action, decode_detail(e.detail), e.note)
            if e.action == "actual" else e.note,
        )
        for e in OrderEvent.select()
        .where(
            (OrderEvent.order == order_id)
            & ((OrderEvent.media_item == item.id) | OrderEvent.media_item.is_null())
        )
        .order_by(OrderEvent.at, OrderEvent.id)
    ]
    lines += [
        HistoryLine(
            n.at, n.staff, "note", item.code if n.media_item_id else None,
            note=n.text, note_id=n.id, corrects=n.corrects_id,
        )
        for n in ProductionNote.select()
        .where(
            (ProductionNote.order == order_id)
            & ((ProductionNote.media_item == item.id) | ProductionNote.media_item.is_null())
        )
        .order_by(ProductionNote.at, ProductionNote.id)
    ]
    return tuple(sorted(lines, key=lambda line: line.at))


def build(medium_id: int) -> MediumPanel:
    """The panel of a medium, read inside the caller's transaction."""
    item = MediaItem.get_or_none(MediaItem.id == medium_id)
    if item is None:
        raise NotFound(t("production.gone"))
    row = (
        Order.select(Order, Customer.name)
        .join(Customer, peewee.JOIN.LEFT_OUTER)
        .where(Order.id == item.order_id)
        .objects()
        .first()
    )
    media = tuple(
        medium_view(m)
        for m in MediaItem.select().where(MediaItem.order == item.order_id).order_by(MediaItem.seq)
    )
    return MediumPanel(
        medium=medium_view(item),
        outcome_note=item.outcome_note,
        actual_units=item.actual_units,
        estimate_units=item.units,
        order_id=row.id,
        order_number=row.number,
        order_status=row.status,
        customer_name=getattr(row, "name", None) or "",
        shelf=row.shelf,
        received_on=row.received_on,
        promised_on=row.promised_on,
        ready_at=row.ready_at,
        media=media,
        history=_history(row.id, item),
    )


__all__ = [
    "CHECKED", "DIGITIZED", "IN_PRODUCTION", "STEPS", "HistoryLine", "MediumPanel",
    "build", "check_workable", "is_done", "locked_medium", "medium_by_code", "step_of",
]
