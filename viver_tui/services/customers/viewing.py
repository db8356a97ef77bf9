"""What each role sees of a customer: the card, the search, the orders.

The functions that hand customer data to a screen (``search_for``, ``get``,
``open_card``) take the person the call is made for and apply their role here (see the
package's docstring); ``customer_orders`` is the card's building block.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import peewee

from viver_tui.db import reading, writing
from viver_tui.errors import NotFound
from viver_tui.locale import t
from viver_tui.models import Customer, MediaItem, Order
from viver_tui.services import audit
from viver_tui.services.codes import parse_code
from viver_tui.services.customers.validation import _PHONE_CHARS
from viver_tui.services.search import CustomerHit, normalize_text, search
from viver_tui.services.staff import Who, initials_of, sees_contact


@dataclass(frozen=True)
class CustomerView:
    id: int
    kind: str
    name: str
    phone: str | None  # E.164
    email: str | None
    address: str | None
    postal_code: str | None
    city: str | None
    org_number: str | None
    letters_opt_out_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int = 1  # bumped by every change; the form's optimistic lock
    language: str | None = "nb"  # "nb" or "en"; None: not shown to this viewer

    @property
    def letters_opt_out(self) -> bool:
        return self.letters_opt_out_at is not None


@dataclass(frozen=True)
class OrderSummary:
    id: int
    number: int
    status: str
    received_on: datetime | None
    media_count: int
    returned_count: int


def _view(row: Customer) -> CustomerView:
    return CustomerView(
        id=row.id,
        kind=row.kind,
        name=row.name,
        phone=row.phone,
        email=row.email,
        address=row.address,
        postal_code=row.postal_code,
        city=row.city,
        org_number=row.org_number,
        letters_opt_out_at=row.letters_opt_out_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
        language=language_of(row),
    )


def language_of(row: Customer) -> str:
    """The customer's e-mail language: ``"en"``, or bokmål (also for NULL)."""
    return "en" if row.language == "en" else "nb"


def _hit(row: Customer) -> CustomerHit:
    return CustomerHit(row.id, row.name, row.kind, row.phone, row.email, row.city)


def _not_found(customer_id: int) -> NotFound:
    return NotFound(t("customer.error.not_found", id=customer_id))


# What production staff do not see of a customer (``CONTACT_FIELDS`` of CustomerView;
# CustomerHit has phone, email and city of them).
CONTACT_FIELDS = ("phone", "email", "address", "postal_code", "city", "org_number")


def for_viewer(view: CustomerView, who: Who) -> CustomerView:
    """``view`` as ``who`` may see it: without contact details (nor the language) for
    production."""
    if sees_contact(who):
        return view
    return replace(view, **dict.fromkeys(CONTACT_FIELDS), language=None)


def hit_for_viewer(hit: CustomerHit, who: Who) -> CustomerHit:
    """A search hit as ``who`` may see it: the name only for production."""
    if sees_contact(who):
        return hit
    return replace(hit, phone=None, email=None, city=None)


def get(db: peewee.Database | peewee.DatabaseProxy, customer_id: int, staff: Who) -> CustomerView:
    """Open a customer's record as ``staff`` may see it; the access is logged."""
    with writing(db):
        row = Customer.get_or_none(Customer.id == customer_id)
        if row is None:
            raise _not_found(customer_id)
        # Where it was seen (the card; orders and pickup say "order N" / "pickup N").
        audit.record(initials_of(staff), "view", customer_id, details="card")
        return for_viewer(_view(row), staff)


def search_for(
    db: peewee.Database | peewee.DatabaseProxy, text: str, who: Who
) -> list[CustomerHit]:
    """The search screen's search: ``search`` with the viewer's role applied.

    Counter and admin staff (and system jobs) get ``search`` as it is.
    Production staff get names only, and find by name or by order/medium code: an
    e-mail or phone number typed finds nobody, and a hit that matched only through an
    e-mail key is dropped — otherwise a hit would tell whose number or address it is.
    """
    if sees_contact(who):
        return search(db, text)
    typed = text.strip()
    code = parse_code(typed)
    if code is not None:
        hits = _order_customer(db, code.number)
    elif "@" in typed or (typed and _PHONE_CHARS.match(typed)):
        hits = []
    else:
        words = _words(typed)
        hits = [h for h in search(db, text) if _name_matches(words, h.name)]
    return [hit_for_viewer(h, who) for h in hits]


def record_list_shown(
    db: peewee.Database | peewee.DatabaseProxy,
    who: Who,
    customer_ids: Sequence[int],
    where: str = "search",
) -> None:
    """Log a list of customers that stayed on screen for ``who``: their numbers and the
    fields the list showed them with (production: names only) — never the query. The
    screen decides when a list has stayed (screens/search.py)."""
    ids = list(dict.fromkeys(int(i) for i in customer_ids))
    if not ids:
        return
    fields = ("name", "phone", "email", "city") if sees_contact(who) else ("name",)
    with writing(db):
        audit.record_list(initials_of(who), where, fields, ids)


_WORDS = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORDS.findall(normalize_text(text))


def _name_matches(typed: list[str], name: str) -> bool:
    """Every typed word begins some word of the name (how the name search matches)."""
    words = _words(name)
    return all(any(w.startswith(t) for w in words) for t in typed)


def _order_customer(
    db: peewee.Database | peewee.DatabaseProxy, number: int
) -> list[CustomerHit]:
    """The customer of order ``number`` (a typed order number or scanned medium code)."""
    with reading(db):
        rows = (
            Customer.select()
            .join(Order, on=(Order.customer == Customer.id))
            .where(Order.number == number)
            .limit(1)
        )
        return [_hit(r) for r in rows]


@dataclass(frozen=True)
class CustomerCard:
    """What the customer card shows: the customer and their orders, newest first."""

    customer: CustomerView
    orders: tuple[OrderSummary, ...]


def open_card(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int, staff: Who
) -> CustomerCard:
    """Open the customer card: the customer as ``staff`` may see it (the access is
    logged) and their orders, read in one transaction."""
    with writing(db):
        customer = get(db, customer_id, staff)
        return CustomerCard(customer, tuple(customer_orders(db, customer_id)))


def customer_orders(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int
) -> list[OrderSummary]:
    """The customer's orders, newest first, with media counts."""
    returned = peewee.fn.SUM(peewee.Case(None, [(MediaItem.returned_at.is_null(False), 1)], 0))
    with reading(db):
        rows = (
            Order.select(
                Order.id,
                Order.number,
                Order.status,
                Order.received_on,
                peewee.fn.COUNT(MediaItem.id).alias("media_count"),
                returned.alias("returned_count"),
            )
            .join(MediaItem, peewee.JOIN.LEFT_OUTER)
            .where(Order.customer == customer_id)
            .group_by(Order.id)
            .order_by(Order.number.desc())
        )
        return [
            OrderSummary(
                r.id, r.number, r.status, r.received_on, r.media_count, int(r.returned_count or 0)
            )
            for r in rows
        ]
