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
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import peewee

from viver_tui.config import MediaKind
from viver_tui.db import is_sqlite, writing
from viver_tui.errors import FormErrors, NotFound, ValidationError
from viver_tui.models import (
    FIRST_ORDER_NUMBER,
    ORDER_NUMBER_SEQUENCE,
    Customer,
    MediaItem,
    Order,
    OrderCounter,
)
from viver_tui.services import orders, print_jobs
from viver_tui.services.orders import DRAFT, RECEIVED, OrderView, format_code

COUNTER_ID = 1
MAX_UNITS = 100_000
MAX_TEXT = 500
_DATE_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})(?:[./-](\d{2}|\d{4}))?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAYS = re.compile(r"^\+(\d{1,3})([du]?)$")


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
    today = today or date.today()
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
    raise ValidationError(
        "Ugyldig dato. Skriv for eksempel 24.12.2026, 24.12 eller +14 (dager).", field=field
    )


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
        raise ValidationError("Velg type medium: skriv nummer eller navn.", field="kind")
    if raw.isdigit():
        index = int(raw) - 1
        if 0 <= index < len(kinds):
            return kinds[index]
    exact = [
        k for k in kinds if raw in (k.key.casefold(), k.name.casefold(), k.name_en.casefold())
    ]
    if exact:
        return exact[0]
    starts = [
        k
        for k in kinds
        if any(
            s.casefold().startswith(raw) for s in (k.key, k.name, k.name_en)
        )
    ]
    if len(starts) == 1:
        return starts[0]
    if starts:
        names = ", ".join(k.name for k in starts)
        raise ValidationError(f"Flere typer passer: {names}. Skriv mer.", field="kind")
    raise ValidationError(
        "Ukjent type. Skriv nummeret eller navnet fra listen.", field="kind"
    )


def validate_medium(data: MediumInput, kinds: Sequence[MediaKind]) -> dict[str, object]:
    """Check a medium as typed; return column values or raise FormErrors."""
    errors: dict[str, str] = {}
    kind = _kind(kinds, data.kind)
    if kind is None:
        errors["kind"] = "Velg type medium fra listen."
    description = " ".join(data.description.split())
    condition = " ".join(data.condition.split())
    if len(description) > MAX_TEXT:
        errors["description"] = f"For langt (høyst {MAX_TEXT} tegn)."
    if len(condition) > MAX_TEXT:
        errors["condition"] = f"For langt (høyst {MAX_TEXT} tegn)."
    units = 1
    declared: int | None = None
    raw = data.units.strip().replace(" ", "")
    if kind is not None:
        if kind.unit == "photo":
            if not raw:
                errors["units"] = "Skriv antall bilder i serien."
            elif not raw.isdigit() or not 0 < int(raw) <= MAX_UNITS:
                errors["units"] = "Antall må være et helt tall større enn 0."
            else:
                units = declared = int(raw)
        elif kind.unit == "minute":
            if not raw:
                units = max(kind.default_units, 1)
            elif not raw.isdigit() or not 0 < int(raw) <= MAX_UNITS:
                errors["units"] = "Minutter må være et helt tall større enn 0."
            else:
                units = int(raw)
    if errors:
        raise FormErrors(errors)
    assert kind is not None
    return {
        "kind": kind.key,
        "description": description,
        "condition": condition,
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
) -> OrderView:
    """Open a draft order for a customer with the next order number."""
    now = datetime.now()
    with writing(db):
        if not Customer.select().where(Customer.id == customer_id).exists():
            raise NotFound(f"Fant ikke kunde nr. {customer_id}.")
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
    row = Order.get_or_none(Order.id == order_id)
    if row is None:
        raise NotFound(f"Fant ikke ordre nr. {order_id}.")
    if row.status != DRAFT:
        raise ValidationError(
            "Ordren er bekreftet; medier kan ikke legges til, endres eller fjernes.",
            field="kind",
        )
    return row


def _refresh_estimate(order: Order) -> None:
    total = (
        MediaItem.select(peewee.fn.COALESCE(peewee.fn.SUM(MediaItem.estimate_ore), 0))
        .where(MediaItem.order == order.id)
        .scalar()
    )
    order.estimate_ore = int(total or 0)
    order.updated_at = datetime.now()
    order.save()


def add_medium(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    data: MediumInput,
    kinds: Sequence[MediaKind],
    staff: str,
) -> OrderView:
    """Register one original on a draft order; raises FormErrors at the fields."""
    values = validate_medium(data, kinds)
    with writing(db):
        order = _draft(order_id)
        last = (
            MediaItem.select(peewee.fn.MAX(MediaItem.seq))
            .where(MediaItem.order == order_id)
            .scalar()
        )
        seq = int(last or 0) + 1
        MediaItem.create(order=order_id, seq=seq, code=format_code(order.number, seq), **values)
        _refresh_estimate(order)
        return orders.load(order_id)


def _medium_of(order_id: int, seq: int) -> MediaItem:
    item = MediaItem.get_or_none((MediaItem.order == order_id) & (MediaItem.seq == seq))
    if item is None:
        raise NotFound(f"Fant ikke medium nr. {seq} på ordren.")
    return item


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
    with writing(db):
        order = _draft(order_id)
        item = _medium_of(order_id, seq)
        MediaItem.update(**values).where(MediaItem.id == item.id).execute()
        _refresh_estimate(order)
        return orders.load(order_id)


def remove_medium(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, seq: int, staff: str
) -> OrderView:
    """Remove a medium from a draft order; the ones after it move up one place."""
    with writing(db):
        order = _draft(order_id)
        item = _medium_of(order_id, seq)
        item.delete_instance()
        later = (
            MediaItem.select()
            .where((MediaItem.order == order_id) & (MediaItem.seq > seq))
            .order_by(MediaItem.seq)
        )
        for other in later:  # ascending, so each moves into a place just freed
            new_seq = other.seq - 1
            MediaItem.update(seq=new_seq, code=format_code(order.number, new_seq)).where(
                MediaItem.id == other.id
            ).execute()
        _refresh_estimate(order)
        return orders.load(order_id)


def validate_details(details: OrderDetails, *, today: date | None = None) -> dict[str, object]:
    errors: dict[str, str] = {}
    shelf = " ".join(details.shelf.split())
    if len(shelf) > 50:
        errors["shelf"] = "For langt (høyst 50 tegn)."
    promised: date | None = None
    try:
        promised = parse_date(details.promised_on, today=today)
    except ValidationError as exc:
        errors["promised_on"] = exc.message
    if promised is not None and promised < (today or date.today()):
        errors["promised_on"] = "Lovet dato kan ikke være før i dag."
    notes = details.notes.strip()
    if len(notes) > 5000:
        errors["notes"] = "Notatet er for langt (høyst 5000 tegn)."
    if errors:
        raise FormErrors(errors)
    return {"shelf": shelf, "promised_on": promised, "notes": notes}


def update_details(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    details: OrderDetails,
    staff: str,
) -> OrderView:
    """Save shelf, promised date and notes (draft or confirmed; changes are history)."""
    values = validate_details(details)
    with writing(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(f"Fant ikke ordre nr. {order_id}.")
        changed = [k for k, v in values.items() if getattr(order, k) != v]
        if changed:
            for key, value in values.items():
                setattr(order, key, value)
            order.updated_at = datetime.now()
            order.save()
            if order.status != DRAFT:
                orders.record_event(order_id, "edited", staff, note=",".join(changed))
        return orders.load(order_id)


def confirm_order(
    db: peewee.Database | peewee.DatabaseProxy,
    order_id: int,
    details: OrderDetails,
    staff: str,
) -> OrderView:
    """Save the details and confirm: status received, and the prints queued.

    Queues, in the same transaction: a label per medium, the order form for the box and
    the customer's receipt. Raises FormErrors (``shelf``, ``promised_on``, ``media``).
    """
    errors: dict[str, str] = {}
    values: dict[str, object] = {}
    try:
        values = validate_details(details)
    except FormErrors as exc:
        errors.update(exc.errors)
    if not " ".join(details.shelf.split()):
        errors["shelf"] = "Skriv hvor boksen står (hylle/plassering)."
    now = datetime.now()
    with writing(db):
        order = _draft(order_id)
        media = list(
            MediaItem.select().where(MediaItem.order == order_id).order_by(MediaItem.seq)
        )
        if not media:
            errors["media"] = "Registrer minst ett medium før ordren bekreftes."
        if errors:
            raise FormErrors(errors)
        for key, value in values.items():
            setattr(order, key, value)
        order.status = RECEIVED
        order.staff = staff or order.staff
        order.confirmed_at = now
        order.updated_at = now
        order.save()
        _refresh_estimate(order)
        MediaItem.update(status=RECEIVED).where(MediaItem.order == order_id).execute()
        orders.record_event(
            order_id, "confirmed", staff, from_status=DRAFT, to_status=RECEIVED,
            note=f"{len(media)} medier", at=now,
        )
        for item in media:
            print_jobs.request("media_label", order_id, media_item_id=item.id, staff=staff)
        print_jobs.request("order_form", order_id, staff=staff)
        print_jobs.request("receipt", order_id, staff=staff)
        return orders.load(order_id, with_events=True)


def cancel_draft(
    db: peewee.Database | peewee.DatabaseProxy, order_id: int, staff: str
) -> OrderView:
    """Give up a draft: its media are removed, the order (and number) kept as cancelled."""
    with writing(db):
        order = _draft(order_id)
        MediaItem.delete().where(MediaItem.order == order_id).execute()
        order.status = orders.CANCELLED
        order.estimate_ore = 0
        order.updated_at = datetime.now()
        order.save()
        orders.record_event(
            order_id, "cancelled", staff, from_status=DRAFT, to_status=orders.CANCELLED
        )
        return orders.load(order_id)
