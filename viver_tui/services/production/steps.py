"""Steps: scan a medium to open it, step it along, undo a step with a reason.

received → in production → digitized → checked → done. One call per scan or key, one
transaction, the panel refreshed inside it. Each step is an ``OrderEvent`` (action
``step``) with who and when; an undo is ``step_undone`` with the reason, kept.
Bad input — an unknown code, a returned or erased order, a step that does not follow,
a medium another terminal moved meanwhile — raises NotFound / ValidationError with the
reason in words, and nothing is changed (the transaction rolls back).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, TypeVar

import peewee

from viver_tui import clock
from viver_tui.db import retrying, writing
from viver_tui.errors import ValidationError
from viver_tui.locale import t
from viver_tui.models import MediaItem, OrderEvent
from viver_tui.services import audit, orders
from viver_tui.services.production import panel, ready
from viver_tui.services.production.panel import STEPS, MediumPanel, step_of
from viver_tui.services.staff import Who, initials_of
from viver_tui.services.text import clean_line

MIN_REASON_CHARS = 5
REASON_MAX = 500

T = TypeVar("T")
Database = peewee.Database | peewee.DatabaseProxy


def transaction(db: Database, work: Callable[[], T]) -> T:
    """``work`` in one write transaction, run again if PostgreSQL aborts it."""

    def once() -> T:
        with writing(db):
            return work()

    return retrying(db, once)


@dataclass(frozen=True)
class Scanned:
    """What one scan did: ``opened`` a medium (a look, logged) or ``stepped`` it."""

    what: Literal["opened", "stepped"]
    panel: MediumPanel
    became_ready: bool = False


def _label(status: str) -> str:
    return t(f"production.step.{status}")


def _advance(
    db: Database, medium_id: int, who: Who, expected: str | None, to: str | None
) -> tuple[MediumPanel, bool]:
    order, item = panel.locked_medium(db, medium_id)
    current = step_of(item.status)
    if expected is not None and step_of(expected) != current:
        raise ValidationError(
            t("production.moved", code=item.code, status=_label(current)), field="code"
        )
    index = STEPS.index(current)
    if index == len(STEPS) - 1:
        raise ValidationError(t("production.already_done", code=item.code), field="code")
    following = STEPS[index + 1]
    if to is not None and to != following:
        raise ValidationError(
            t("production.not_next", code=item.code, status=_label(current),
              to=_label(to) if to in STEPS else to),
            field="code",
        )
    now = clock.now()
    initials = initials_of(who)
    changed = (
        MediaItem.update(status=following)
        .where((MediaItem.id == item.id) & (MediaItem.status == item.status))
        .execute()
    )
    if changed != 1:  # cannot happen with the order row locked
        raise ValidationError(t("production.moved", code=item.code, status="?"), field="code")
    orders.record_event(
        order.id, "step", initials, media_item_id=item.id, from_status=item.status,
        to_status=following, at=now,
    )
    became_ready = ready.settle(db, order, initials, now)
    return panel.build(medium_id), became_ready


def step(
    db: Database, medium_id: int, who: Who, *, expected: str | None = None,
    to: str | None = None,
) -> Scanned:
    """Move a medium one step on. ``expected``: the step the screen showed (another
    terminal that moved it since is refused, not doubled); ``to``: the step asked for,
    refused unless it is the next one."""
    return transaction(db, lambda: Scanned("stepped", *_advance(db, medium_id, who, expected, to)))


def scan(
    db: Database, code: str, who: Who, *, shown_id: int | None = None,
    shown_status: str | None = None,
) -> Scanned:
    """One scan (or typed code) in the production room: the medium shown scanned again
    steps it on; any other medium opens (a ``view`` of its customer in the access
    log, the production screen named)."""

    def work() -> Scanned:
        item = panel.medium_by_code(code)
        if item.id == shown_id:
            return Scanned("stepped", *_advance(db, item.id, who, shown_status, None))
        order = orders.order_row(item.order_id)
        panel.check_workable(order, item, panel.customer_erased(order))
        if order.customer_id is not None:
            audit.record(
                initials_of(who), "view", order.customer_id,
                details=f"production {order.number} {item.code}",
            )
        return Scanned("opened", panel.build(item.id))

    return transaction(db, work)


def undo(
    db: Database, medium_id: int, who: Who, reason: str, *, expected: str | None = None
) -> MediumPanel:
    """Take a medium one step back (to where its last step came from); the reason is
    kept with the step. A ready order goes back out of *ready*."""
    reason = clean_line(reason, field="reason", max_length=REASON_MAX)
    if len(reason) < MIN_REASON_CHARS:
        raise ValidationError(t("production.reason_needed", min=MIN_REASON_CHARS), field="reason")

    def work() -> MediumPanel:
        order, item = panel.locked_medium(db, medium_id)
        current = step_of(item.status)
        if expected is not None and step_of(expected) != current:
            raise ValidationError(
                t("production.moved", code=item.code, status=_label(current)), field="code"
            )
        if current == STEPS[0]:
            raise ValidationError(t("production.nothing_to_undo", code=item.code), field="code")
        came_from = (
            OrderEvent.select(OrderEvent.from_status)
            .where(
                (OrderEvent.media_item == item.id)
                & (OrderEvent.action == "step")
                & (OrderEvent.to_status == item.status)
            )
            .order_by(OrderEvent.id.desc())
            .scalar()
        )
        back = came_from if came_from in STEPS else STEPS[STEPS.index(current) - 1]
        now = clock.now()
        initials = initials_of(who)
        MediaItem.update(status=back).where(MediaItem.id == item.id).execute()
        orders.record_event(
            order.id, "step_undone", initials, media_item_id=item.id,
            from_status=item.status, to_status=back, note=reason, at=now,
        )
        ready.settle(db, order, initials, now, reason=item.code)
        return panel.build(medium_id)

    return transaction(db, work)
