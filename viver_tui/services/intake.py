"""Intake: open an order for a customer, register each original, confirm.

Order numbers are unique and rising even when several terminals open orders at the same
instant. On SQLite they come from the single ``OrderCounter`` row, incremented inside
the ``writing(db)`` transaction that inserts the order (the write lock is taken at
``BEGIN IMMEDIATE``): gap-free. On PostgreSQL they come from a SEQUENCE (see
``_next_number``). Either way the unique index on the number is the last guard: a clash
with a number written by something else moves the allocator past it and tries again.

Media get codes ``<order>-<nn>``. Until the order is confirmed media can be edited and
removed (later ones move up, so the codes stay 01, 02, 03 … without holes; nothing has
been printed yet). Confirming queues the prints in the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import peewee

from viver_tui import clock
from viver_tui.config import MAX_MINUTES, MAX_PHOTOS, MediaKind
from viver_tui.db import is_sqlite, retrying, writing
from viver_tui.errors import EditConflict, FormErrors, NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.locale.formatting import format_date, format_number
from viver_tui.locale.media import kind_name
from viver_tui.models import (
    FIRST_ORDER_NUMBER,
    ORDER_NUMBER_SEQUENCE,
    Customer,
    MediaItem,
    Order,
    OrderCounter,
)
from viver_tui.services import orders, print_jobs
from viver_tui.services.codes import format_code
from viver_tui.services.numbers import whole_number
from viver_tui.services.orders import DRAFT, RECEIVED, OrderView, medium_row, order_row
from viver_tui.services.text import NOTE_MAX, clean_line, clean_text

COUNTER_ID = 1
MAX_TEXT = 500  # what is written on a medium, its condition
MAX_SHELF = 50
DETAIL_FIELDS = ("shelf", "promised_on", "notes")
_DATE_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?$", re.ASCII)
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
_DAYS = re.compile(r"^\+(\d{1,3})([du]?)$", re.ASCII)


@dataclass(frozen=True)
class MediumInput:
    """One original as typed at the counter.

    ``units`` is text: minutes for a film or tape priced per minute, the declared count
    for a photo series (required), ignored for a kind priced per piece. Empty means the
    kind's default.
    """

    kind: str
    description: str = ""
    condition: str = ""
    units: str = ""


@dataclass(frozen=True)
class OrderDetails:
    """The order's own fields, as typed."""

    shelf: str = ""
    promised_on: str = ""  # 24.12.2026, 24.12, 2026-12-24 or +14 (days) / +3u (weeks)
    notes: str = ""


# --- parsing and pricing -----------------------------------------------------------------


def parse_date(text: str, *, today: date | None = None, field: str = "promised_on") -> date | None:
    """A date as staff type it; empty → None. Raises ValidationError at ``field``."""
    raw = text.strip()
    if not raw:
        return None
    today = today or clock.today()
    try:
        if m := _DAYS.match(raw):
            n = int(m.group(1))
            return today + (timedelta(weeks=n) if m.group(2) == "u" else timedelta(days=n))
        if m := _DATE_ISO.match(raw):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DATE_DMY.match(raw):
            day, month, year_text = int(m.group(1)), int(m.group(2)), m.group(3)
            if year_text is None:
                result = date(today.year, month, day)
                return result if result >= today else date(today.year + 1, month, day)
            year = int(year_text)
            return date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        pass
    raise ValidationError(t("intake.date_invalid"), field=field)


def estimate_ore(kind: MediaKind, units: int) -> int:
    """Price of ``units`` of ``kind`` in integer øre (half-øre rounded up)."""
    amount = kind.price * Decimal(units) * 100
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _kind(kinds: Sequence[MediaKind], key: str) -> MediaKind | None:
    return next((k for k in kinds if k.key == key), None)


def find_kind(text: str, kinds: Sequence[MediaKind]) -> MediaKind:
    """The kind staff mean by ``text``: its number in the list (1-based), its key, its
    name, or an unambiguous start of a key or name (``vhs``, ``bild``, ``3``).

    Raises ValidationError at ``kind``.
    """
    raw = " ".join(text.split()).casefold()
    if not raw:
        raise ValidationError(t("intake.kind_missing"), field="kind")
    number = whole_number(raw, 1, len(kinds))
    if number is not None:
        return kinds[number - 1]
    exact = [
        k for k in kinds if raw in (k.key.casefold(), k.name.casefold(), k.name_en.casefold())
    ]
    if exact:
        return exact[0]
    starts = [
        k
        for k in kinds
        if any(s.casefold().startswith(raw) for s in (k.key, k.name, k.name_en))
    ]
    if len(starts) == 1:
        return starts[0]
    if starts:
        names = ", ".join(kind_name(k) for k in starts)
        raise ValidationError(t("intake.kind.ambiguous", names=names), field="kind")
    raise ValidationError(t("intake.kind.unknown"), field="kind")


def _units(raw: str, message: str, high: int) -> int:
    units = whole_number(raw, 1, high)
    if units is None:
        raise ValidationError(message, field="units")
    return units


def validate_medium(data: MediumInput, kinds: Sequence[MediaKind]) -> dict[str, object]:
    """Check a medium as typed; return column values or raise FormErrors.

    Needs no database: a screen may call it before it sends the medium off.
    """
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    kind = _kind(kinds, data.kind)
    if kind is None:
        errors["kind"] = t("intake.kind_choose")
    for name in ("description", "condition"):
        try:
            values[name] = clean_line(getattr(data, name), field=name, max_length=MAX_TEXT)
        except ValidationError as exc:
            errors[name] = exc.message
    units = 1
    declared: int | None = None
    raw = data.units.strip().replace(" ", "")
    try:
        if kind is not None and kind.unit == "photo":
            if not raw:
                raise ValidationError(t("intake.photos_missing"), field="units")
            message = t("intake.photos_invalid", high=format_number(MAX_PHOTOS))
            units = declared = _units(raw, message, MAX_PHOTOS)
        elif kind is not None and kind.unit == "minute":
            message = t("intake.minutes_invalid", high=MAX_MINUTES)
            units = _units(raw, message, MAX_MINUTES) if raw else kind.default_units
    except ValidationError as exc:
        errors["units"] = exc.message
    if errors:
        raise FormErrors(errors)
    assert kind is not None
    return {
        "kind": kind.key,
        **values,
        "units": units,
        "declared_count": declared,
        "estimate_ore": estimate_ore(kind, units),
    }


# --- the order ---------------------------------------------------------------------------


SEQUENCE = ORDER_NUMBER_SEQUENCE  # PostgreSQL only; created with the schema
_MAX_NUMBER_ATTEMPTS = 5


def _resync_sequence(db: peewee.Database | peewee.DatabaseProxy) -> None:
    """Move the sequence past the counter and every order number (never back)."""
    db.execute_sql(
        f"SELECT setval('{SEQUENCE}', GREATEST("
        f"(SELECT last_value FROM {SEQUENCE}), "
        '(SELECT last_number FROM "order_counter" WHERE id = %s), '
        '(SELECT COALESCE(MAX(number), 0) FROM "order")))',
        (COUNTER_ID,),
    )


def _next_number(db: peewee.Database | peewee.DatabaseProxy) -> int:
    """Take the next order number; call inside ``writing(db)``.

    SQLite: the counter row, under the write lock ``BEGIN IMMEDIATE`` took — gap-free.
    PostgreSQL: a SEQUENCE. A counter row would be row-locked from the UPDATE until the
    commit's disk flush, so terminals would queue one flush at a time; ``nextval``
    holds no lock and lets commits share flushes. A number is lost only if the
    transaction that took it rolls back.
    """
    if not is_sqlite(db):
        return int(db.execute_sql(f"SELECT nextval('{SEQUENCE}')").fetchone()[0])
    updated = (
        OrderCounter.update(last_number=OrderCounter.last_number + 1)
        .where(OrderCounter.id == COUNTER_ID)
        .execute()
    )
    if not updated:  # a database created without the seed row
        OrderCounter.insert(id=COUNTER_ID, last_number=FIRST_ORDER_NUMBER).execute()
    return OrderCounter.select(OrderCounter.last_number).where(
        OrderCounter.id == COUNTER_ID
    ).scalar()


def skip_used_numbers(db: peewee.Database | peewee.DatabaseProxy) -> None:
    """Move the allocator past every number in use (after a clash, or a bulk load such
    as demo-data). Call inside ``writing(db)``."""
    if not is_sqlite(db):
        _resync_sequence(db)
        return
    top = Order.select(peewee.fn.MAX(Order.number)).scalar() or 0
    OrderCounter.update(last_number=peewee.fn.MAX(OrderCounter.last_number, top)).where(
        OrderCounter.id == COUNTER_ID
    ).execute()


def open_order(
    db: peewee.Database | peewee.DatabaseProxy,
    customer_id: int,
    staff: str,
    *,
    received_on: date | None = None,
    company: str = "",
) -> OrderView:
    """Open a draft order for a customer with the next order number, sold by
    ``company`` (a key of the settings' companies; "" = the terminal's default)."""
    now = clock.now()
    with writing(db):
        if not Customer.select().where(Customer.id == customer_id).exists():
            raise NotFound(t("intake.customer_not_found"))
        for attempt in range(_MAX_NUMBER_ATTEMPTS):
            number = _next_number(db)
            try:
                with db.atomic():  # a savepoint: a clash undoes only this insert
                    row = Order.create(
                        number=number,
                        customer=customer_id,
                        status=DRAFT,
                        staff=staff,
                        received_on=received_on or now.date(),
                        company=company,
                        created_at=now,
                        updated_at=now,
                    )
                break
            except peewee.IntegrityError:
                if attempt == _MAX_NUMBER_ATTEMPTS - 1:
                    raise
                skip_used_numbers(db)
        orders.record_event(row.id, "opened", staff, to_status=DRAFT, at=now)
    # Read back after the commit: every statement inside holds SQLite's write lock, which
    # all terminals opening orders queue for.
    return orders.load_for_reading(db, row.id, with_events=False)


def _draft(order_id: int) -> Order:
    """The draft order, locked until the transaction ends: adding, changing or removing a
    medium and confirming exclude each other (PostgreSQL ``FOR UPDATE``; SQLite holds
    its write lock from ``BEGIN IMMEDIATE``)."""
    row = order_row(order_id, lock=True)
    if row.status != DRAFT:
        raise ValidationError(t("intake.not_draft"), field="kind")
    return row


def _refresh_estimate(order_id: int) -> None:
    """The order's estimate is the sum of its media's (one UPDATE, no stale row)."""
    total = MediaItem.select(peewee.fn.COALESCE(peewee.fn.SUM(MediaItem.estimate_ore), 0)).where(
        MediaItem.order == order_id
    )
    Order.update(estimate_ore=total, updated_at=clock.now()).where(
        Order.id == order_id
    ).execute()


def add_medium(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    data: MediumInput,
    kinds: Sequence[MediaKind],
    staff: str,
) -> OrderView:
    """Register one original on a draft order; raises FormErrors at the fields."""
    values = validate_medium(data, kinds)

    def add() -> OrderView:
        with writing(db):
            order = _draft(order_id)  # locked: the next place is ours alone
            last = (
                MediaItem.select(peewee.fn.MAX(MediaItem.seq))
                .where(MediaItem.order == order_id)
                .scalar()
            )
            seq = int(last or 0) + 1
            MediaItem.create(
                order=order_id, seq=seq, code=format_code(order.number, seq), **values
            )
            _refresh_estimate(order_id)
            return orders.load(order_id)

    return retrying(db, add)


def update_medium(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    seq: int,
    data: MediumInput,
    kinds: Sequence[MediaKind],
    staff: str,
) -> OrderView:
    """Correct a medium of a draft order (kind, text, condition, units)."""
    values = validate_medium(data, kinds)

    def update() -> OrderView:
        with writing(db):
            _draft(order_id)
            item = medium_row(order_id, seq=seq)
            MediaItem.update(**values).where(MediaItem.id == item.id).execute()
            _refresh_estimate(order_id)
            return orders.load(order_id)

    return retrying(db, update)


def remove_medium(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, seq: int, staff: str
) -> OrderView:
    """Remove a medium from a draft order; the ones after it move up one place."""

    def remove() -> OrderView:
        with writing(db):
            order = _draft(order_id)
            item = medium_row(order_id, seq=seq)
            MediaItem.delete().where(MediaItem.id == item.id).execute()
            later = (
                MediaItem.select(MediaItem.id, MediaItem.seq)
                .where((MediaItem.order == order_id) & (MediaItem.seq > seq))
                .order_by(MediaItem.seq)
            )
            for other in list(later):  # ascending, so each moves into a place just freed
                new_seq = other.seq - 1
                MediaItem.update(seq=new_seq, code=format_code(order.number, new_seq)).where(
                    MediaItem.id == other.id
                ).execute()
            _refresh_estimate(order_id)
            return orders.load(order_id)

    return retrying(db, remove)


def validate_details(details: OrderDetails, *, today: date | None = None) -> dict[str, object]:
    """Check shelf, promised date and notes as typed; column values or FormErrors."""
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    try:
        values["shelf"] = clean_line(details.shelf, field="shelf", max_length=MAX_SHELF)
    except ValidationError as exc:
        errors["shelf"] = exc.message
    try:
        promised = parse_date(details.promised_on, today=today)
        if promised is not None and promised < (today or clock.today()):
            errors["promised_on"] = t("intake.promised_past")
        values["promised_on"] = promised
    except ValidationError as exc:
        errors["promised_on"] = exc.message
    try:
        values["notes"] = clean_text(details.notes, field="notes", max_length=NOTE_MAX)
    except ValidationError as exc:
        errors["notes"] = exc.message
    if errors:
        raise FormErrors(errors)
    return values


def _shown(field: str, value: object) -> str:
    if field == "promised_on":
        return format_date(value) if isinstance(value, date) else "–"  # type: ignore[arg-type]
    return str(value or "") or "–"


def _check_version(order: Order, values: dict[str, object], version: int | None) -> None:
    """Refuse a save on an older version: say what is stored now where it differs from
    what this person typed; nothing is written and their text stays in the form."""
    if version is None or version == order.version:
        return
    changed = {
        field: _shown(field, getattr(order, field))
        for field in DETAIL_FIELDS
        if getattr(order, field) != values[field]
    }
    if not changed:  # someone saved the very same: nothing to overwrite
        return
    lines = "; ".join(t(f"intake.conflict.{f}", value=v) for f, v in changed.items())
    raise EditConflict(t("intake.conflict", changes=lines), changed, order.version)


def update_details(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    details: OrderDetails,
    staff: str,
    *,
    version: int | None = None,
) -> OrderView:
    """Save shelf, promised date and notes (draft or confirmed; changes are history).

    ``version`` is the order's version the form was opened on: when someone saved the
    details since, raises EditConflict saying what is stored now (save again with the
    new version to overwrite on purpose).
    """
    values = validate_details(details)

    def save() -> OrderView:
        with writing(db):
            order = order_row(order_id, lock=True)
            _check_version(order, values, version)
            changed = [k for k, v in values.items() if getattr(order, k) != v]
            if changed:
                Order.update(
                    **values, updated_at=clock.now(), version=Order.version + 1
                ).where(Order.id == order_id).execute()
                if order.status != DRAFT:
                    orders.record_event(order_id, "edited", staff, detail={"fields": changed})
            return orders.load(order_id)

    return retrying(db, save)


def confirm_order(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    details: OrderDetails,
    staff: str,
    *,
    version: int | None = None,
    terminal: str | None = None,
) -> OrderView:
    """Save the details and confirm: status received, and the prints queued.

    One transaction, with the order locked against a medium added at the same moment:
    the details, the status, the history and the print jobs (a label per medium, the
    order form for the box and the customer's receipt) commit together or not at all.
    The jobs are ``terminal``'s (its printers print them; see ``print_jobs.request``).
    Raises FormErrors (``shelf``, ``promised_on``, ``notes``, ``media``), EditConflict
    when ``version`` is older than the stored details.
    """
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    try:
        values = validate_details(details)
    except FormErrors as exc:
        errors.update(exc.errors)
    if "shelf" not in errors and not values.get("shelf"):
        errors["shelf"] = t("intake.shelf_missing")

    def confirm() -> OrderView:
        now = clock.now()
        with writing(db):
            order = _draft(order_id)  # locked: no medium comes or goes until this commits
            media = list(
                MediaItem.select(MediaItem.id)
                .where(MediaItem.order == order_id)
                .order_by(MediaItem.seq)
            )
            if not media:
                errors["media"] = t("intake.media_missing")
            if errors:
                raise FormErrors(errors)
            _check_version(order, values, version)
            confirmed = (
                Order.update(
                    **values,
                    status=RECEIVED,
                    staff=staff or Order.staff,
                    confirmed_at=now,
                    updated_at=now,
                    version=Order.version + 1,
                )
                .where((Order.id == order_id) & (Order.status == DRAFT))
                .execute()
            )
            if confirmed != 1:  # cannot happen under the lock; never confirm twice
                raise ValidationError(t("intake.not_draft"), field="kind")
            _refresh_estimate(order_id)
            MediaItem.update(status=RECEIVED).where(MediaItem.order == order_id).execute()
            orders.record_event(
                order_id, "confirmed", staff, from_status=DRAFT, to_status=RECEIVED,
                detail={"media": len(media)}, at=now,
            )
            for item in media:
                print_jobs.request(
                    "media_label", order_id, media_item_id=item.id, staff=staff,
                    terminal=terminal,
                )
            print_jobs.request("order_form", order_id, staff=staff, terminal=terminal)
            print_jobs.request("receipt", order_id, staff=staff, terminal=terminal)
            return orders.load(order_id, with_events=True)

    return retrying(db, confirm)


def cancel_draft(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, staff: str
) -> OrderView:
    """Give up a draft: its media are removed, the order (and number) kept as cancelled."""

    def cancel() -> OrderView:
        with writing(db):
            _draft(order_id)
            MediaItem.delete().where(MediaItem.order == order_id).execute()
            Order.update(
                status=orders.CANCELLED, estimate_ore=0, updated_at=clock.now()
            ).where(Order.id == order_id).execute()
            orders.record_event(
                order_id, "cancelled", staff, from_status=DRAFT, to_status=orders.CANCELLED
            )
            return orders.load(order_id)

    return retrying(db, cancel)
