"""Innsyn requests: the register (received, deadline one month, answered)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import peewee

from viver_tui import clock
from viver_tui.db import writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.models import (
    AccessRequest,
    Customer,
)
from viver_tui.services import audit
from viver_tui.services.privacy.retention import chunks
from viver_tui.services.staff import ADMIN, COUNTER, StaffView, require_admin, require_role


@dataclass(frozen=True)
class AccessRequestView:
    id: int
    customer_id: int
    received_on: date
    deadline: date
    answered_on: date | None
    delivered_how: str
    staff: str

    def overdue(self, today: date) -> bool:
        return self.answered_on is None and today > self.deadline


def one_month_after(day: date) -> date:
    """The same day next month, or that month's last day (31 Jan → 28/29 Feb)."""
    import calendar

    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def request_view(row: AccessRequest) -> AccessRequestView:
    return AccessRequestView(
        row.id, row.customer_id, _as_date(row.received_on), _as_date(row.deadline),
        _as_date(row.answered_on) if row.answered_on else None, row.delivered_how, row.staff,
    )


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def register_access_request(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    staff: StaffView | None,
    *,
    received_on: date | None = None,
) -> AccessRequestView:
    """Register an innsyn request as received (deadline: one month later)."""
    require_role(staff, COUNTER, ADMIN)
    received = received_on or clock.today()
    with writing(db):
        if not Customer.select().where(Customer.id == customer_id).exists():
            raise NotFound(t("privacy.customer_unknown", id=customer_id))
        row = AccessRequest.create(
            customer_id=customer_id, received_on=received, deadline=one_month_after(received),
            staff=staff.initials,  # type: ignore[union-attr]
        )
        audit.record(
            staff.initials, "access_request", customer_id, details="received"  # type: ignore[union-attr]
        )
        return request_view(row)


def access_requests(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: StaffView | None,
    *,
    open_only: bool = False,
    where: str = "",
) -> list[AccessRequestView]:
    """The innsyn request register, earliest deadline first (admin). Reading it is
    logged (``read_requests``: open or all, and ``where`` — e.g. "cli")."""
    reader = require_admin(staff)
    with writing(db):
        query = AccessRequest.select().order_by(AccessRequest.deadline, AccessRequest.id)
        if open_only:
            query = query.where(AccessRequest.answered_on.is_null())
        rows = [request_view(r) for r in query]
        _record_read(reader, all_of_them=not open_only, where=where)
        return rows


def _record_read(reader: StaffView, *, all_of_them: bool, where: str) -> None:
    details = " ".join(filter(None, ("all" if all_of_them else "open", where)))
    audit.record(reader.initials, "read_requests", 0, details=details, subject="access_request")


def clean_how(text: str) -> str:
    from viver_tui.services.text import clean_line

    return clean_line(text, field="delivered_how", max_length=100)


@dataclass(frozen=True)
class AccessRequestRow:
    request: AccessRequestView
    customer_name: str  # "Slettet kunde #id" once erased; "" when purged


def access_request_rows(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: StaffView | None,
    *,
    include_answered: bool = False,
) -> list[AccessRequestRow]:
    """Innsyn requests for the admin screen, earliest deadline first, each with the
    customer's name (open ones only unless ``include_answered``). The read is logged."""
    reader = require_admin(staff)
    with writing(db):
        query = AccessRequest.select().order_by(
            AccessRequest.answered_on.is_null(False), AccessRequest.deadline, AccessRequest.id
        )
        if not include_answered:
            query = query.where(AccessRequest.answered_on.is_null())
        requests = [request_view(r) for r in query]
        ids = sorted({r.customer_id for r in requests})
        names: dict[int, str] = {}
        for chunk in chunks(ids):
            names.update(
                Customer.select(Customer.id, Customer.name)
                .where(Customer.id.in_(chunk))
                .tuples()
            )
        _record_read(reader, all_of_them=include_answered, where="")
    return [AccessRequestRow(r, names.get(r.customer_id, "")) for r in requests]


def answer_access_request(
    db: peewee.Database | peewee.DatabaseProxy,
    request_id: int,
    staff: StaffView | None,
    delivered_how: str,
    *,
    answered_on: date | None = None,
) -> AccessRequestView:
    """Mark an innsyn request answered (admin), saying how the answer was delivered
    (e.g. handed over printed, after an export made elsewhere). Audited."""
    reader = require_admin(staff)
    how = clean_how(delivered_how)
    if not how:
        raise ValidationError(t("admin.requests.how_required"), field="delivered_how")
    with writing(db):
        row = AccessRequest.get_or_none(AccessRequest.id == request_id)
        if row is None:
            raise NotFound(t("admin.requests.unknown", id=request_id))
        if row.answered_on is not None:
            raise ValidationError(
                t("admin.requests.already_answered",
                  on=_as_date(row.answered_on).strftime("%d.%m.%Y")),
                field="delivered_how",
            )
        row.answered_on = answered_on or clock.today()
        row.delivered_how = how
        row.save()
        audit.record(reader.initials, "access_request", row.customer_id, details="answered")
        return request_view(row)
