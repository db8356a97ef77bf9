"""The outbox: every e-mail is written here in the transaction that caused it.

``queue_*`` are called inside the caller's ``writing`` block (the order confirmed, the
invoice issued, the order made ready): no cause without its message, nor a message
without its cause. A row holds references and the address, not the text: the text is
made when the message is sent (``compose``) and kept then, as sent. What staff see
and do with the outbox is here too (``outbox_page``, ``retry_now``, ``cancel``,
``mark_sent``); it shows no address — the order and customer number say whose it is.

Every message queued is in the access log (``mail``: who, which customer, which kind
and number, never the text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from viver_tui import clock
from viver_tui.db import is_sqlite, reading, writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.models import Customer, Document, Order, OutboxMessage
from viver_tui.services import audit
from viver_tui.services.staff import Who, initials_of

Database = peewee.Database | peewee.DatabaseProxy

CONFIRMATION, INVOICE, READY, LETTER = "confirmation", "invoice", "ready", "letter"
KINDS = (CONFIRMATION, INVOICE, READY, LETTER)
QUEUED, SENDING, SENT = "queued", "sending", "sent"
FAILED, UNCERTAIN, CANCELLED, SKIPPED = "failed", "uncertain", "cancelled", "skipped"
OPEN = (QUEUED, SENDING, FAILED, UNCERTAIN)  # what the outbox screen shows first
NEEDS_STAFF = (FAILED, UNCERTAIN)


def language_of(customer: Customer) -> str:
    return "en" if customer.language == "en" else "nb"


def _address(customer: Customer | None) -> str:
    if customer is None or customer.erased_at is not None:
        return ""
    return (customer.email or "").strip()


def _queue(
    kind: str,
    customer: Customer | None,
    staff: str,
    *,
    company: str,
    order_id: int | None = None,
    document_id: int | None = None,
    number: int | None = None,
) -> int | None:
    """Write one message to the outbox (inside the caller's transaction) and log it;
    None when the customer has no address to send to."""
    address = _address(customer)
    if customer is None or not address:
        return None
    row = OutboxMessage.create(
        kind=kind,
        company=company,
        customer=customer.id,
        order=order_id,
        document=document_id,
        to_address=address,
        language=language_of(customer),
        staff=staff,
        created_at=clock.now(),
    )
    details = f"{kind} {number}" if number is not None else kind
    audit.record(staff, "mail", customer.id, details=details)
    return row.id


def _order_and_customer(order_id: int) -> tuple[Order, Customer | None]:
    order = Order.get_or_none(Order.id == order_id)
    if order is None:
        raise NotFound(t("order.not_found", id=order_id))
    customer = Customer.get_or_none(Customer.id == order.customer_id) if order.customer_id else None
    return order, customer


def queue_confirmation(order_id: int, staff: str, default_company: str = "") -> int | None:
    """The order confirmation, with its PDF; inside the confirming transaction."""
    order, customer = _order_and_customer(order_id)
    document = (
        Document.select(Document.id)
        .where((Document.order == order_id) & (Document.kind == CONFIRMATION))
        .order_by(Document.id.desc())
        .first()
    )
    return _queue(
        CONFIRMATION, customer, staff, company=order.company or default_company,
        order_id=order_id, document_id=document.id if document else None, number=order.number,
    )


def queue_invoice(document_id: int, staff: str) -> int | None:
    """An invoice by e-mail ("send as invoice"), PDF attached; inside the issuing
    transaction (or its own)."""
    document = Document.get_by_id(document_id)
    customer = Customer.get_or_none(Customer.id == document.customer_id)
    return _queue(
        INVOICE, customer, staff, company=document.company, order_id=document.order_id,
        document_id=document_id, number=document.number,
    )


def queue_ready_for_pickup(db: Database, order_id: int, initials: str) -> int | None:
    """"Ready for pickup" for the order's customer, if they have an address. A service
    message about their own order: sent also to those who opted out of letters.
    ``initials``: who made the order ready (recorded on the message); nothing is
    returned or shown to them, so no role is asked here.

    Must be called inside the transaction that makes the order ready (so the message
    exists exactly when the order is ready); raises AssertionError otherwise."""
    if not db.in_transaction():
        raise AssertionError(t("mail.not_in_transaction"))
    already = OutboxMessage.select().where(
        (OutboxMessage.order == order_id) & (OutboxMessage.kind == READY)
        & (OutboxMessage.status != "cancelled")
    ).exists()
    if already:  # ready again after a medium was reopened: the customer knows already
        return None
    order, customer = _order_and_customer(order_id)
    return _queue(
        READY, customer, initials, company=order.company, order_id=order_id,
        number=order.number,
    )


# --- what staff see and do ---------------------------------------------------------


@dataclass(frozen=True)
class MessageView:
    id: int
    kind: str
    status: str
    order_number: int | None
    customer_id: int | None
    letter_id: int | None
    attempts: int
    created_at: datetime
    sent_at: datetime | None
    last_error: str

    @property
    def kind_text(self) -> str:
        return t(f"mail.kind.{self.kind}")

    @property
    def status_text(self) -> str:
        return t(f"mail.status.{self.status}")

    @property
    def what(self) -> str:
        """The message in words, without personal data: kind and order number."""
        number = f" {self.order_number}" if self.order_number else ""
        return f"{self.kind_text}{number} (#{self.id})"


def _views(query: peewee.ModelSelect) -> list[MessageView]:
    rows = list(
        query.select(
            OutboxMessage.id, OutboxMessage.kind, OutboxMessage.status, OutboxMessage.customer,
            OutboxMessage.letter, OutboxMessage.attempts, OutboxMessage.created_at,
            OutboxMessage.sent_at, OutboxMessage.last_error, Order.number,
        )
        .join(Order, peewee.JOIN.LEFT_OUTER, on=(OutboxMessage.order == Order.id))
        .objects()
    )
    return [
        MessageView(
            r.id, r.kind, r.status, r.number, r.customer_id, r.letter_id, r.attempts,
            r.created_at, r.sent_at, r.last_error or "",
        )
        for r in rows
    ]


def outbox_page(db: Database, *, everything: bool = False, limit: int = 200) -> list[MessageView]:
    """The outbox as staff see it, newest first: what is open (queued, sending, failed,
    uncertain), or everything. Letters show once per letter run in the progress line,
    not 100 000 rows: only a letter's failed and uncertain messages are listed."""
    open_only = OutboxMessage.status.in_(OPEN)
    not_letters = OutboxMessage.letter.is_null() | OutboxMessage.status.in_(NEEDS_STAFF)
    where = not_letters if everything else open_only & not_letters
    with reading(db):
        return _views(
            OutboxMessage.select().where(where).order_by(OutboxMessage.id.desc()).limit(limit)
        )


def message_view(db: Database, message_id: int) -> MessageView:
    with reading(db):
        found = _views(OutboxMessage.select().where(OutboxMessage.id == message_id))
    if not found:
        raise NotFound(t("mail.not_found", id=message_id))
    return found[0]


@dataclass(frozen=True)
class Attention:
    """The outbox's messages that need staff: failed (5xx) and uncertain."""

    failed: int = 0
    uncertain: int = 0

    @property
    def total(self) -> int:
        return self.failed + self.uncertain

    @property
    def text(self) -> str:
        return t("mail.attention", failed=self.failed, uncertain=self.uncertain)


def count_attention() -> Attention:
    """Inside a connection: how many messages need staff."""
    counts = dict(
        OutboxMessage.select(OutboxMessage.status, peewee.fn.COUNT(OutboxMessage.id))
        .where(OutboxMessage.status.in_(NEEDS_STAFF))
        .group_by(OutboxMessage.status)
        .tuples()
    )
    return Attention(counts.get(FAILED, 0), counts.get(UNCERTAIN, 0))


def attention(db: Database) -> Attention:
    with reading(db):
        return count_attention()


def _locked_row(db: Database, message_id: int) -> OutboxMessage:
    query = OutboxMessage.select().where(OutboxMessage.id == message_id)
    if not is_sqlite(db):  # READ COMMITTED: lock what is read, changed and written
        query = query.for_update()
    row = query.first()
    if row is None:
        raise NotFound(t("mail.not_found", id=message_id))
    return row


def retry_now(db: Database, message_id: int, who: Who) -> MessageView:
    """Send a queued message now (no waiting for its back-off), a failed one again, or
    an uncertain one again (staff checked: it did not arrive)."""
    with writing(db):
        row = _locked_row(db, message_id)
        if row.status not in (QUEUED, FAILED, UNCERTAIN):
            status = t(f"mail.status.{row.status}")
            raise ValidationError(t("mail.cannot.retry", id=message_id, status=status))
        OutboxMessage.update(
            status=QUEUED, next_attempt_at=None, last_error=None
        ).where(OutboxMessage.id == message_id).execute()
    return message_view(db, message_id)


def cancel(db: Database, message_id: int, who: Who) -> MessageView:
    """Never send it (queued, failed or uncertain)."""
    with writing(db):
        row = _locked_row(db, message_id)
        if row.status not in (QUEUED, FAILED, UNCERTAIN):
            status = t(f"mail.status.{row.status}")
            raise ValidationError(t("mail.cannot.cancel", id=message_id, status=status))
        OutboxMessage.update(
            status=CANCELLED, next_attempt_at=None, last_error=f"({initials_of(who)})"
        ).where(OutboxMessage.id == message_id).execute()
    return message_view(db, message_id)


def mark_sent(db: Database, message_id: int, who: Who) -> MessageView:
    """Staff checked that an uncertain message did arrive."""
    with writing(db):
        row = _locked_row(db, message_id)
        if row.status != UNCERTAIN:
            raise ValidationError(t("mail.cannot.mark_sent"))
        OutboxMessage.update(
            status=SENT, sent_at=clock.now(), last_error=f"({initials_of(who)})"
        ).where(OutboxMessage.id == message_id).execute()
    return message_view(db, message_id)
