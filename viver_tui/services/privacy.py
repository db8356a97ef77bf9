"""Privacy: the mailing list that honours opt-out, innsyn, erasure, consents, retention.

Erasure ("sletting") keeps what the shop must keep and removes the person from it:
the customer row is emptied ("Slettet kunde #id"), search keys and consents go, orders
keep their numbers, dates, amounts and media codes, and every free text that stays
(order notes, close reasons, inscriptions, history notes) has the customer's name,
phone number (however it was written) and e-mail replaced by ``[slettet]``. All of that
is one transaction.

"Erased" means gone from the bytes, not just from the rows. SQLite: every connection
runs with ``secure_delete=ON`` from the database's creation (db.py), so freed space is
zeroed; after the commit ``PRAGMA wal_checkpoint(TRUNCATE)`` must return ``(0, 0, 0)``
— the old pages in the main file are overwritten and the WAL is emptied. While another
connection holds a read transaction the checkpoint is busy and the old bytes stay: the
erasure is then reported as not finished, remembered in ``pending_erasure``, and
``finish_pending_erasures`` (run again by ``purge-expired`` and at start) completes it.
PostgreSQL: the touched tables are VACUUMed; the server may still hold the old rows in
its WAL and backups, and the result says so.

Bookkeeping (bokføringsloven §13): sales records are kept until 5 years after the end
of the fiscal year (the calendar year) of the order. An erased customer's orders carry
``deletable_from``; ``purge_expired`` removes them when that date has come.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

import peewee

from viver_tui import clock
from viver_tui.db import SQLITE_BUSY_TIMEOUT_S, is_sqlite, reading, writing
from viver_tui.errors import NotFound, ValidationError, ViverError
from viver_tui.locale import t
from viver_tui.locale.catalog import CATALOGS
from viver_tui.models import (
    AccessRequest,
    AuditEvent,
    Consent,
    Customer,
    CustomerSearchToken,
    MediaItem,
    Order,
    OrderEvent,
    PendingErasure,
    PrintJob,
)
from viver_tui.services import audit
from viver_tui.services.staff import ADMIN, COUNTER, StaffView, require_admin, require_role

log = logging.getLogger(__name__)

RETENTION_YEARS = 5
REDACTED = "[slettet]"
ERASED_NAME = "Slettet kunde #{id}"
DONE_ORDER_STATUSES = ("returned", "closed", "cancelled")
# A medium of an order closed with media missing (or cancelled) is accounted for.
SETTLED_ORDER_STATUSES = ("closed", "cancelled")
CHECKPOINT_BUSY_TIMEOUT_MS = 200  # how long a checkpoint waits for readers to finish
# The tables an erasure rewrites (PostgreSQL VACUUMs them afterwards).
ERASURE_TABLES = (Customer, CustomerSearchToken, Order, MediaItem, OrderEvent, Consent)

PURPOSES = ("streaming", "keep_past_warranty", "sample")
CONSENT_VERSION = "2026-11"


class ErasureRefused(ViverError):
    """The customer cannot be erased yet (originals in the house, an order open)."""


# --- retention --------------------------------------------------------------------------


def deletable_from(order_day: date) -> date:
    """The first day a sales record from ``order_day`` may be deleted: 5 years after
    the end of its fiscal year (the calendar year)."""
    return date(order_day.year + RETENTION_YEARS + 1, 1, 1)


def _order_day(order: Order) -> date:
    """The day the sale is dated: delivery (closed) if it happened, else intake."""
    if order.closed_at is not None:
        return order.closed_at.date() if isinstance(order.closed_at, datetime) else order.closed_at
    received = order.received_on
    return received if isinstance(received, date) else date.fromisoformat(str(received))


# --- mailing list -----------------------------------------------------------------------

MAILING_COLUMNS = ("name", "email", "address", "postal_code", "city")


def export_mailing_list(
    db: peewee.Database | peewee.DatabaseProxy, staff: StaffView | None, out: IO[str]
) -> int:
    """Write the customer-letter list as CSV to ``out``; returns how many rows.

    Leaves out everyone opted out of letters, erased, or without an e-mail address.
    """
    require_admin(staff)
    with writing(db):
        rows = (
            Customer.select(*(getattr(Customer, c) for c in MAILING_COLUMNS))
            .where(
                Customer.letters_opt_out_at.is_null()
                & Customer.erased_at.is_null()
                & Customer.email.is_null(False)
                & (Customer.email != "")
            )
            .order_by(Customer.id)
            .tuples()
        )
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([t(f"privacy.mailing.column.{c}") for c in MAILING_COLUMNS])
        count = 0
        for row in rows.iterator():
            writer.writerow(["" if v is None else v for v in row])
            count += 1
        audit.record(
            staff.initials, "export", 0, details=f"mailing_list rows={count}",  # type: ignore[union-attr]
            subject="mailing_list",
        )
    return count


# --- erasure ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureResult:
    customer_id: int
    finished: bool  # True only when no byte of the person is left where we can reach
    message: str  # one line for staff
    spool_files_deleted: int = 0
    may_remain: tuple[str, ...] = ()  # places outside our reach (server WAL, backups)


def erasure_blockers(customer_id: int) -> list[str]:
    """Why the customer cannot be erased now (Norwegian, one reason per line); call
    inside a transaction."""
    reasons: list[str] = []
    open_orders = (
        Order.select(Order.number, Order.status)
        .where((Order.customer == customer_id) & Order.status.not_in(DONE_ORDER_STATUSES))
        .order_by(Order.number)
    )
    for order in open_orders:
        reasons.append(
            t("privacy.erase.order_open", number=order.number,
              status=t(f"privacy.status.{order.status}"))
        )
    in_house = (
        MediaItem.select(MediaItem.code)
        .join(Order)
        .where(
            (Order.customer == customer_id)
            & (MediaItem.status != "returned")
            & Order.status.not_in(SETTLED_ORDER_STATUSES)
        )
        .order_by(MediaItem.code)
    )
    codes = [m.code for m in in_house]
    if codes:
        shown = ", ".join(codes[:5]) + (" …" if len(codes) > 5 else "")
        reasons.append(t("privacy.erase.media_in_house", count=len(codes), codes=shown))
    return reasons


def redaction_pattern(
    name: str, phone: str | None, email: str | None, address: str | None = None
) -> re.Pattern[str] | None:
    """A pattern matching the person's name (whole and each word), phone number in any
    common form (``+47 912 34 567``, ``912 34 567``, ``91234567``, ``0047-912…``) and
    e-mail, case-insensitively. Longest alternatives first, so an e-mail is replaced
    whole before a name word inside it."""
    parts: list[str] = []
    if email:
        parts.append(re.escape(email))
    if phone:
        parts.append(_phone_pattern(phone))
    if address:
        parts.append(re.escape(address.strip()))
    if name.strip():
        parts.append(re.escape(name.strip()))
        words = sorted({w for w in re.findall(r"\w+", name) if len(w) >= 2}, key=len, reverse=True)
        parts.extend(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def _phone_pattern(e164: str) -> str:
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
        country = str(number.country_code)
        national = phonenumbers.national_significant_number(number)
    except phonenumbers.NumberParseException:
        country, national = "", re.sub(r"\D", "", e164)
    sep = r"[\s.\-()/]*"
    digits = sep.join(national)
    prefix = rf"(?:\(?(?:\+|00){sep}{country}{sep}|0{sep})?" if country else ""
    return rf"(?<!\d){prefix}{digits}(?!\d)"


def redact(text: str | None, pattern: re.Pattern[str] | None) -> str | None:
    if text is None or pattern is None:
        return text
    return pattern.sub(REDACTED, text)


def erase_customer(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    staff: StaffView | None,
    *,
    spool_dir: Path | None = None,
    now: datetime | None = None,
) -> ErasureResult:
    """Erase a customer's personal data (admin only); see the module docstring.

    Raises ErasureRefused (with the reasons) while originals are in the house or an
    order is not delivered, NotFound for an unknown id.
    """
    require_admin(staff)
    now = now or clock.now()
    with writing(db):
        row = Customer.get_or_none(Customer.id == customer_id)
        if row is None:
            raise NotFound(t("privacy.customer_unknown", id=customer_id))
        already = row.erased_at is not None
        if not already:
            reasons = erasure_blockers(customer_id)
            if reasons:
                raise ErasureRefused(t("privacy.erase.refused", reasons="; ".join(reasons)))
            _erase_rows(row, now)
            PendingErasure.insert(
                customer_id=customer_id, requested_at=now, staff=staff.initials  # type: ignore[union-attr]
            ).on_conflict_ignore().execute()
            audit.record(staff.initials, "erase", customer_id)  # type: ignore[union-attr]
        pending = PendingErasure.select().where(PendingErasure.customer_id == customer_id).exists()
    if already and not pending:
        return ErasureResult(customer_id, True, t("privacy.erase.already", id=customer_id))
    return _finish(db, customer_id, spool_dir)


def _erase_rows(row: Customer, now: datetime) -> None:
    pattern = redaction_pattern(row.name, row.phone, row.email, row.address)
    latest = now.date()
    orders = list(Order.select().where(Order.customer == row.id))
    for order in orders:
        keep_until = deletable_from(_order_day(order))
        latest = max(latest, keep_until)
        Order.update(
            notes=redact(order.notes, pattern) or "",
            close_reason=redact(order.close_reason, pattern),
            deletable_from=keep_until,
        ).where(Order.id == order.id).execute()
    order_ids = [o.id for o in orders]
    if order_ids:
        for item in MediaItem.select().where(MediaItem.order.in_(order_ids)):
            description = redact(item.description, pattern)
            condition = redact(item.condition, pattern)
            if (description, condition) != (item.description, item.condition):
                MediaItem.update(description=description, condition=condition).where(
                    MediaItem.id == item.id
                ).execute()
        for event in OrderEvent.select().where(
            OrderEvent.order.in_(order_ids) & (OrderEvent.note != "")
        ):
            note = redact(event.note, pattern)
            if note != event.note:
                OrderEvent.update(note=note).where(OrderEvent.id == event.id).execute()
    CustomerSearchToken.delete().where(CustomerSearchToken.customer == row.id).execute()
    Consent.delete().where(Consent.customer == row.id).execute()
    Customer.update(
        name=ERASED_NAME.format(id=row.id),
        phone=None,
        email=None,
        address=None,
        postal_code=None,
        city=None,
        org_number=None,
        letters_opt_out_at=row.letters_opt_out_at or now,
        erased_at=now,
        deletable_from=latest,
        updated_at=now,
    ).where(Customer.id == row.id).execute()


def _print_job_ids(customer_id: int) -> list[int]:
    return [
        j.id
        for j in PrintJob.select(PrintJob.id)
        .join(Order)
        .where(Order.customer == customer_id)
    ]


def _delete_spool_files(spool_dir: Path | None, job_ids: Iterable[int]) -> int:
    if spool_dir is None:
        return 0
    from viver_tui.printing.preview import spool_files_for_jobs

    deleted = 0
    for path in spool_files_for_jobs(spool_dir, job_ids):
        path.unlink(missing_ok=True)
        deleted += 1
    return deleted


def checkpoint_sqlite(db: peewee.Database | peewee.DatabaseProxy) -> tuple[int, int, int]:
    """``PRAGMA wal_checkpoint(TRUNCATE)`` waiting at most a moment for readers;
    ``(0, 0, 0)`` means every committed page is in the main file and the WAL is empty."""
    with reading(db):
        db.execute_sql(f"PRAGMA busy_timeout = {CHECKPOINT_BUSY_TIMEOUT_MS}")
        try:
            row = db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            db.execute_sql(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
    return tuple(row)  # type: ignore[return-value]


def _vacuum_postgres(db: peewee.Database | peewee.DatabaseProxy) -> None:
    tables = ", ".join(f'"{m._meta.table_name}"' for m in ERASURE_TABLES)
    with reading(db):
        db.execute_sql(f"VACUUM {tables}")


def _finish(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int, spool_dir: Path | None
) -> ErasureResult:
    with reading(db):
        job_ids = _print_job_ids(customer_id)
    try:
        spooled = _delete_spool_files(spool_dir, job_ids)
    except OSError as exc:
        return ErasureResult(
            customer_id, False, t("privacy.erase.spool_failed", id=customer_id, error=exc.strerror)
        )
    may_remain: tuple[str, ...] = ()
    if is_sqlite(db):
        # (0, 0, 0): all in the main file, WAL emptied. (0, -1, -1): not in WAL mode (an
        # in-memory database), so there is no WAL to hold old pages.
        if checkpoint_sqlite(db) not in ((0, 0, 0), (0, -1, -1)):
            return ErasureResult(
                customer_id, False, t("privacy.erase.pending", id=customer_id), spooled
            )
        backups = sorted(Path(db.database).parent.glob(Path(db.database).name + ".before-v*.bak"))
        if backups:
            may_remain = (t("privacy.erase.backups", files=", ".join(p.name for p in backups)),)
    else:
        _vacuum_postgres(db)
        may_remain = (t("privacy.erase.postgres_remains"),)
    with writing(db):
        PendingErasure.delete().where(PendingErasure.customer_id == customer_id).execute()
    if is_sqlite(db):
        checkpoint_sqlite(db)  # the pending row's page; no personal data in it either way
    message = t("privacy.erase.done", id=customer_id)
    if may_remain:
        message += " " + " ".join(may_remain)
    return ErasureResult(customer_id, True, message, spooled, may_remain)


def finish_pending_erasures(
    db: peewee.Database | peewee.DatabaseProxy, *, spool_dir: Path | None = None
) -> list[ErasureResult]:
    """Complete erasures whose checkpoint was busy; one result per pending customer."""
    with reading(db):
        ids = [p.customer_id for p in PendingErasure.select().order_by(PendingErasure.id)]
    return [_finish(db, customer_id, spool_dir) for customer_id in ids]


def finish_pending_at_start(
    db: peewee.Database | peewee.DatabaseProxy, spool_dir: Path | None
) -> None:
    """At app start (in the thread that opened the database): finish erasures left
    pending; a failure here must not stop the counter (the next start tries again)."""
    try:
        finish_pending_erasures(db, spool_dir=spool_dir)
    except (ViverError, peewee.PeeweeException, OSError):
        log.warning("pending erasures not finished at start", exc_info=False)


# --- retention: purge what is due ----------------------------------------------------------


@dataclass(frozen=True)
class PurgeResult:
    order_numbers: tuple[int, ...]
    customer_ids: tuple[int, ...]
    dry_run: bool
    pending: tuple[ErasureResult, ...] = ()


def purge_expired(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: StaffView | None,
    *,
    today: date | None = None,
    dry_run: bool = False,
    spool_dir: Path | None = None,
) -> PurgeResult:
    """Delete erased customers' orders whose ``deletable_from`` has come, and erased
    customers with nothing left; finish pending erasures first."""
    require_admin(staff)
    today = today or clock.today()
    pending = () if dry_run else tuple(finish_pending_erasures(db, spool_dir=spool_dir))
    with writing(db):
        due_orders = list(
            Order.select(Order.id, Order.number, Order.customer)
            .join(Customer)
            .where(
                Customer.erased_at.is_null(False)
                & Order.deletable_from.is_null(False)
                & (Order.deletable_from <= today)
            )
            .order_by(Order.number)
        )
        due_ids = [o.id for o in due_orders]
        remaining = Order.select(Order.customer).where(Order.id.not_in(due_ids or [0]))
        due_customers = [
            c.id
            for c in Customer.select(Customer.id)
            .where(
                Customer.erased_at.is_null(False)
                & Customer.deletable_from.is_null(False)
                & (Customer.deletable_from <= today)
                & Customer.id.not_in(remaining.where(Order.customer.is_null(False)))
            )
            .order_by(Customer.id)
        ]
        if not dry_run and (due_ids or due_customers):
            for chunk in _chunks(due_ids):
                Order.delete().where(Order.id.in_(chunk)).execute()
            for chunk in _chunks(due_customers):
                Customer.delete().where(Customer.id.in_(chunk)).execute()
            audit.record(
                staff.initials, "purge", 0,  # type: ignore[union-attr]
                details=f"orders={len(due_ids)} customers={len(due_customers)}",
                subject="purge",
            )
    if not dry_run and (due_ids or due_customers) and is_sqlite(db):
        checkpoint_sqlite(db)
    return PurgeResult(
        tuple(o.number for o in due_orders), tuple(due_customers), dry_run, pending
    )


def _chunks(ids: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# --- consents ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ConsentView:
    id: int
    customer_id: int
    purpose: str
    text_version: str
    text: str
    given_at: datetime
    given_by: str
    withdrawn_at: datetime | None
    withdrawn_by: str | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


def consent_text(purpose: str, version: str = CONSENT_VERSION) -> str:
    """The wording the customer agrees to (always bokmål: it is what they signed)."""
    key = f"consent.{purpose}.{version}"
    text = CATALOGS["nb"].get(key)
    if purpose not in PURPOSES or text is None:
        raise ValidationError(t("privacy.consent.unknown", purpose=purpose), field="purpose")
    return text


def _consent_view(row: Consent) -> ConsentView:
    return ConsentView(
        row.id, row.customer_id, row.purpose, row.text_version, row.text, row.given_at,
        row.given_by, row.withdrawn_at, row.withdrawn_by,
    )


def give_consent(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    purpose: str,
    staff: StaffView | None,
    *,
    version: str = CONSENT_VERSION,
    now: datetime | None = None,
) -> ConsentView:
    """Record the customer's consent to ``purpose`` (an active one is kept as it is)."""
    require_role(staff, COUNTER, ADMIN)
    text = consent_text(purpose, version)
    with writing(db):
        customer = Customer.get_or_none(Customer.id == customer_id)
        if customer is None or customer.erased_at is not None:
            raise NotFound(t("privacy.customer_unknown", id=customer_id))
        current = Consent.get_or_none(
            (Consent.customer == customer_id)
            & (Consent.purpose == purpose)
            & Consent.withdrawn_at.is_null()
        )
        if current is not None:
            return _consent_view(current)
        row = Consent.create(
            customer=customer_id, purpose=purpose, text_version=version, text=text,
            given_at=now or clock.now(), given_by=staff.initials,  # type: ignore[union-attr]
        )
        audit.record(
            staff.initials, "consent_given", customer_id,  # type: ignore[union-attr]
            details=f"{purpose} {version}",
        )
        return _consent_view(row)


def withdraw_consent(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    purpose: str,
    staff: StaffView | None,
    *,
    now: datetime | None = None,
) -> ConsentView | None:
    """Withdraw the active consent to ``purpose``; None if there was none."""
    require_role(staff, COUNTER, ADMIN)
    if purpose not in PURPOSES:
        raise ValidationError(t("privacy.consent.unknown", purpose=purpose), field="purpose")
    with writing(db):
        row = Consent.get_or_none(
            (Consent.customer == customer_id)
            & (Consent.purpose == purpose)
            & Consent.withdrawn_at.is_null()
        )
        if row is None:
            return None
        row.withdrawn_at = now or clock.now()
        row.withdrawn_by = staff.initials  # type: ignore[union-attr]
        row.save()
        audit.record(
            staff.initials, "consent_withdrawn", customer_id, details=purpose  # type: ignore[union-attr]
        )
        return _consent_view(row)


def consents_for(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int
) -> list[ConsentView]:
    """Every consent the customer has given, withdrawn ones included, oldest first."""
    with reading(db):
        rows = Consent.select().where(Consent.customer == customer_id).order_by(
            Consent.given_at, Consent.id
        )
        return [_consent_view(r) for r in rows]


def has_consent(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int, purpose: str
) -> bool:
    """What anything depending on a consent checks before it acts."""
    with reading(db):
        return (
            Consent.select()
            .where(
                (Consent.customer == customer_id)
                & (Consent.purpose == purpose)
                & Consent.withdrawn_at.is_null()
            )
            .exists()
        )


# --- innsyn (access requests) ------------------------------------------------------------


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


def _request_view(row: AccessRequest) -> AccessRequestView:
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
        return _request_view(row)


def access_requests(
    db: peewee.Database | peewee.DatabaseProxy, *, open_only: bool = False
) -> list[AccessRequestView]:
    with reading(db):
        query = AccessRequest.select().order_by(AccessRequest.deadline, AccessRequest.id)
        if open_only:
            query = query.where(AccessRequest.answered_on.is_null())
        return [_request_view(r) for r in query]


@dataclass(frozen=True)
class AccessExport:
    customer_id: int
    json_path: Path
    text_path: Path
    request: AccessRequestView


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _row(model: peewee.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {f: _value(getattr(model, f)) for f in fields}


_CUSTOMER_FIELDS = (
    "id", "kind", "name", "phone", "email", "address", "postal_code", "city", "org_number",
    "letters_opt_out_at", "created_at", "updated_at", "erased_at", "deletable_from",
)
_ORDER_FIELDS = (
    "number", "status", "staff", "received_on", "promised_on", "shelf", "notes",
    "estimate_ore", "confirmed_at", "closed_at", "close_reason", "deletable_from",
)
_MEDIUM_FIELDS = (
    "code", "kind", "description", "condition", "units", "declared_count", "returned_count",
    "estimate_ore", "status", "outcome", "returned_at", "returned_by", "created_at",
)
_EVENT_FIELDS = ("at", "action", "from_status", "to_status", "note", "staff")
_JOB_FIELDS = ("kind", "printer", "status", "reprint", "staff", "created_at", "printed_at")


def collect_customer_data(customer_id: int) -> dict[str, Any]:
    """Everything held about one customer, as plain JSON-ready data (in a transaction)."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound(t("privacy.customer_unknown", id=customer_id))
    orders = []
    for order in Order.select().where(Order.customer == customer_id).order_by(Order.number):
        media = []
        for item in MediaItem.select().where(MediaItem.order == order.id).order_by(MediaItem.seq):
            entry = _row(item, _MEDIUM_FIELDS)
            entry["history"] = [
                _row(e, _EVENT_FIELDS)
                for e in OrderEvent.select()
                .where(OrderEvent.media_item == item.id)
                .order_by(OrderEvent.at, OrderEvent.id)
            ]
            media.append(entry)
        entry = _row(order, _ORDER_FIELDS)
        entry["media"] = media
        entry["history"] = [
            _row(e, _EVENT_FIELDS)
            for e in OrderEvent.select()
            .where((OrderEvent.order == order.id) & OrderEvent.media_item.is_null())
            .order_by(OrderEvent.at, OrderEvent.id)
        ]
        entry["print_jobs"] = [
            {**_row(j, _JOB_FIELDS), "medium": j.media_item.code if j.media_item_id else None}
            for j in PrintJob.select().where(PrintJob.order == order.id).order_by(PrintJob.id)
        ]
        orders.append(entry)
    consents = [
        _row(c, ("purpose", "text_version", "text", "given_at", "given_by", "withdrawn_at",
                 "withdrawn_by"))
        for c in Consent.select().where(Consent.customer == customer_id).order_by(Consent.id)
    ]
    log = [
        _row(a, ("at", "staff", "action", "details"))
        for a in AuditEvent.select()
        .where((AuditEvent.subject == "customer") & (AuditEvent.subject_id == customer_id))
        .order_by(AuditEvent.at, AuditEvent.id)
    ]
    requests = [
        _row(r, ("received_on", "deadline", "answered_on", "delivered_how"))
        for r in AccessRequest.select()
        .where(AccessRequest.customer_id == customer_id)
        .order_by(AccessRequest.id)
    ]
    return {
        "customer": _row(customer, _CUSTOMER_FIELDS),
        "orders": orders,
        "consents": consents,
        "access_log": log,
        "access_requests": requests,
    }


def export_customer(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    staff: StaffView | None,
    out_dir: Path,
    *,
    delivered_how: str = "",
    today: date | None = None,
) -> AccessExport:
    """Innsyn: write everything held about a customer to ``out_dir`` as JSON and as a
    Norwegian text document (files readable by the owner only), and register the
    request as answered (an open one is closed; otherwise one is made, received today).
    """
    require_admin(staff)
    today = today or clock.today()
    how = clean_how(delivered_how)
    with writing(db):
        data = collect_customer_data(customer_id)
        open_request = (
            AccessRequest.select()
            .where((AccessRequest.customer_id == customer_id) & AccessRequest.answered_on.is_null())
            .order_by(AccessRequest.id)
            .first()
        )
        if open_request is None:
            open_request = AccessRequest.create(
                customer_id=customer_id, received_on=today, deadline=one_month_after(today),
                staff=staff.initials,  # type: ignore[union-attr]
            )
        data["generated"] = {"at": _value(clock.now()), "by": staff.initials}  # type: ignore[union-attr]
        stem = f"innsyn-kunde-{customer_id}-{today:%Y%m%d}"
        json_path = out_dir / f"{stem}.json"
        text_path = out_dir / f"{stem}.txt"
        try:
            out_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            _write_private(json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
            _write_private(text_path, render_access_document(data))
        except OSError as exc:
            raise ViverError(
                t("privacy.export.write_failed", path=str(out_dir), error=exc.strerror)
            ) from exc
        open_request.answered_on = today
        open_request.delivered_how = how
        open_request.save()
        audit.record(staff.initials, "export", customer_id, details="innsyn")  # type: ignore[union-attr]
        return AccessExport(customer_id, json_path, text_path, _request_view(open_request))


def clean_how(text: str) -> str:
    from viver_tui.services.text import clean_line

    return clean_line(text, field="delivered_how", max_length=100)


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


_DATE_KEYS = ("received_on", "promised_on", "deletable_from", "deadline", "answered_on")
_STATUS_KEYS = ("status", "from_status", "to_status")


def _pretty(key: str, value: Any) -> str:
    """A value as the person reads it: Norwegian dates, kroner, words for codes."""
    nb = CATALOGS["nb"]
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return nb["yes"] if value else nb["no"]
    if key.endswith("_at") or key == "at":
        return datetime.fromisoformat(value).strftime("%d.%m.%Y %H:%M")
    if key in _DATE_KEYS:
        return date.fromisoformat(value).strftime("%d.%m.%Y")
    if key == "estimate_ore":
        kroner = f"{value / 100:,.2f}".replace(",", "\u00a0").replace(".", ",")
        return f"kr {kroner}"
    if key == "phone":
        from viver_tui.locale.formatting import format_phone

        return format_phone(value)
    if key in _STATUS_KEYS:
        return nb.get(f"privacy.status.{value}", value)
    if key == "purpose":
        return nb.get(f"consent.purpose.{value}", value)
    if key == "action":
        return nb.get(f"innsyn.action.{value}", value)
    if key == "kind":
        return nb.get(f"innsyn.kind.{value}") or nb.get(f"print.kind.{value}") or value
    return str(value)


def render_access_document(data: dict[str, Any]) -> str:
    """The person's copy: plain UTF-8 Norwegian text, the same content as the JSON."""
    nb = CATALOGS["nb"]

    def label(key: str) -> str:
        text = nb.get(f"innsyn.{key}", key)
        return text[:1].upper() + text[1:]

    def lines_for(record: dict[str, Any], indent: str = "  ") -> list[str]:
        return [
            f"{indent}{label(k)}: {_pretty(k, v)}"
            for k, v in record.items()
            if not isinstance(v, list)
        ]

    def one_line(record: dict[str, Any]) -> str:
        return ", ".join(
            f"{label(k)}: {_pretty(k, v)}" for k, v in record.items() if v not in (None, "")
        )

    out = [nb["innsyn.title"], "=" * len(nb["innsyn.title"]), "", nb["innsyn.intro"], ""]
    out += [nb["innsyn.section.customer"], *lines_for(data["customer"]), ""]
    out.append(nb["innsyn.section.orders"].format(count=len(data["orders"])))
    for order in data["orders"]:
        out.append(f"  {label('order')} {order['number']}")
        out += lines_for(order, "    ")
        for medium in order["media"]:
            out.append(f"    {label('medium')} {medium['code']}")
            out += lines_for(medium, "      ")
            for event in medium["history"]:
                out.append("      - " + _event_line(event))
        if order["history"]:
            out.append(f"    {label('history')}:")
            out += ["      - " + _event_line(e) for e in order["history"]]
        if order["print_jobs"]:
            out.append(f"    {label('print_jobs')}:")
            out += ["      - " + one_line(j) for j in order["print_jobs"]]
    out.append("")
    out.append(nb["innsyn.section.consents"].format(count=len(data["consents"])))
    for consent in data["consents"]:
        out += lines_for(consent)
        out.append("")
    out.append(nb["innsyn.section.access_log"].format(count=len(data["access_log"])))
    out += ["  - " + one_line(e) for e in data["access_log"]]
    out.append("")
    out.append(nb["innsyn.section.requests"].format(count=len(data["access_requests"])))
    out += ["  - " + one_line(r) for r in data["access_requests"]]
    out.append("")
    return "\n".join(out)


def _event_line(event: dict[str, Any]) -> str:
    nb = CATALOGS["nb"]
    parts = [_pretty("at", event["at"]), nb.get(f"innsyn.action.{event['action']}",
                                                 event["action"])]
    if event.get("from_status") or event.get("to_status"):
        parts.append(
            f"{_pretty('status', event.get('from_status'))} → "
            f"{_pretty('status', event.get('to_status'))}"
        )
    if event.get("note"):
        parts.append(f"{nb['innsyn.note']}: {event['note']}")
    if event.get("staff"):
        parts.append(f"{nb['innsyn.staff']}: {event['staff']}")
    return ", ".join(parts)


def _log_query(
    *,
    person: str | None,
    customer_id: int | None,
    action: str | None,
    since: datetime | None,
    until: datetime | None,
) -> tuple[peewee.ModelSelect, str]:
    """The filtered access log query and the filters' names (never their values) for
    the read's own log entry."""
    query = AuditEvent.select()
    if person and person.strip():
        # Initials are stored lower-cased, but staff named by the settings (VIVER_STAFF)
        # are stored as written: compare case-blind.
        query = query.where(peewee.fn.LOWER(AuditEvent.staff) == person.strip().casefold())
    if customer_id is not None:
        query = query.where(
            (AuditEvent.subject == "customer") & (AuditEvent.subject_id == customer_id)
        )
    if action:
        query = query.where(AuditEvent.action == action)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    if until is not None:
        query = query.where(AuditEvent.at < until)
    filters = ",".join(
        name
        for name, value in (("person", person), ("customer", customer_id), ("action", action),
                            ("since", since), ("until", until))
        if value not in (None, "")
    )
    return query, filters


def read_access_log(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: object,
    *,
    person: str | None = None,
    customer_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
) -> list[audit.AuditEntry]:
    """The access log for an admin, newest first, filtered by who (initials), which
    customer, what and when. Reading it is itself logged (action ``read_log``)."""
    reader = require_admin(staff)  # type: ignore[arg-type]
    query, filters = _log_query(
        person=person, customer_id=customer_id, action=action, since=since, until=until
    )
    with writing(db):
        rows = list(query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit))
        audit.record(
            reader.initials, "read_log", 0, details=f"filters={filters}", subject="audit_log"
        )
    return [
        audit.AuditEntry(r.at, r.staff, r.action, r.subject, r.subject_id, r.details)
        for r in rows
    ]


# --- the access log, a page at a time (the admin screen) -----------------------------------

LOG_PAGE_SIZE = 100


@dataclass(frozen=True)
class LogRow(audit.AuditEntry):
    """An access log entry with its id (the pages of the admin's log screen go by it)."""

    id: int


LogCursor = tuple[datetime, int]  # (at, id) of the last row shown: the next page is older


@dataclass(frozen=True)
class AccessLogPage:
    rows: tuple[LogRow, ...]
    older: LogCursor | None  # where the next (older) page starts; None: this is the last


def access_log_page(
    db: peewee.Database | peewee.DatabaseProxy,
    staff: StaffView | None,
    *,
    person: str | None = None,
    customer_id: int | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before: LogCursor | None = None,
    limit: int = LOG_PAGE_SIZE,
) -> AccessLogPage:
    """One page of the access log for an admin, newest first, older than ``before``.

    Keyset paging on ``(at, id)``: each page is a short walk down the ``at`` index from
    where the last one ended, as fast on the millionth entry as on the first (an OFFSET
    would re-read every row before it). Each page read is itself logged (``read_log``).
    """
    reader = require_admin(staff)
    query, filters = _log_query(
        person=person, customer_id=customer_id, action=action, since=since, until=until
    )
    if before is not None:
        at, row_id = before
        query = query.where(
            (AuditEvent.at < at) | ((AuditEvent.at == at) & (AuditEvent.id < row_id))
        )
        filters = ",".join(filter(None, (filters, "page")))
    with writing(db):
        rows = [
            LogRow(r.at, r.staff, r.action, r.subject, r.subject_id, r.details, r.id)
            for r in query.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit + 1)
        ]
        audit.record(
            reader.initials, "read_log", 0, details=f"filters={filters}", subject="audit_log"
        )
    more = len(rows) > limit
    rows = rows[:limit]
    return AccessLogPage(tuple(rows), (rows[-1].at, rows[-1].id) if more else None)


# --- innsyn requests: the admin screen -------------------------------------------------------


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
    customer's name (open ones only unless ``include_answered``)."""
    require_admin(staff)
    with reading(db):
        query = AccessRequest.select().order_by(
            AccessRequest.answered_on.is_null(False), AccessRequest.deadline, AccessRequest.id
        )
        if not include_answered:
            query = query.where(AccessRequest.answered_on.is_null())
        requests = [_request_view(r) for r in query]
        ids = sorted({r.customer_id for r in requests})
        names: dict[int, str] = {}
        for chunk in _chunks(ids):
            names.update(
                Customer.select(Customer.id, Customer.name)
                .where(Customer.id.in_(chunk))
                .tuples()
            )
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
        return _request_view(row)
