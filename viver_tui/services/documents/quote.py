"""Quotes (tilbud): the price list applied to what a customer means to hand in.

A quote names media kinds with how many and (for film and photos) the minutes or
photos each, and products; it is valid until a date (the company's ``quote_days`` by
default). Accepting it opens the order's draft with those media already registered —
nobody types them again — and the quote refers to the order from then on. An expired
quote says so and cannot be accepted; a new one is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from viver_tui.config import Settings
from viver_tui.db import retrying, writing
from viver_tui.errors import FormErrors, ValidationError
from viver_tui.locale import t
from viver_tui.locale.formatting import format_date
from viver_tui.models import Document
from viver_tui.services import intake, orders
from viver_tui.services.documents import numbering
from viver_tui.services.documents.core import (
    ACCEPTED,
    ISSUED,
    Database,
    DocumentView,
    buyer_of,
    company_of,
    customer_row,
    document_row,
    load_model,
    now,
    seller_of,
    view_of,
    write_document,
)
from viver_tui.services.documents.invoice import MAX_QUANTITY, ProductLine, product_lines
from viver_tui.services.documents.model import QUOTE, VAT_RATE, DocumentModel, Line
from viver_tui.services.intake import MediumInput
from viver_tui.services.orders import OrderView
from viver_tui.services.staff import Who, initials_of, require_contact


@dataclass(frozen=True)
class QuoteLineInput:
    """A line of a quote as typed: a media kind or product (its key, number or name),
    how many, and for a kind priced per minute or photo the minutes or photos each."""

    what: str
    count: str = "1"
    units: str = ""


def _count(text: str) -> int:
    raw = text.strip() or "1"
    if not (raw.isascii() and raw.isdigit()) or not 0 < int(raw) <= MAX_QUANTITY:
        raise ValidationError(t("doc.quantity_invalid"), field="count")
    return int(raw)


def quote_line(data: QuoteLineInput, settings: Settings, vat: int) -> Line:
    """Check one typed line and price it from the price list (no database)."""
    count = _count(data.count)
    product = settings.product(data.what.strip())
    if product is not None:
        return product_lines([ProductLine(product.key, count)], settings, vat)[0]
    kind = intake.find_kind(data.what, settings.media_kinds)
    values = intake.validate_medium(MediumInput(kind.key, units=data.units), settings.media_kinds)
    each = int(values["units"])  # type: ignore[call-overload]
    price = int(values["estimate_ore"])  # type: ignore[call-overload]
    return Line(
        text=kind.name,
        quantity=count,
        unit=kind.unit,
        unit_price_ore=price,
        amount_ore=price * count,
        vat_rate=vat,
        source="kind",
        key=kind.key,
        units_each=each if kind.unit != "piece" else 0,
    )


def make_quote(
    db: Database,
    customer_id: int,
    settings: Settings,
    who: Who,
    lines: Sequence[QuoteLineInput],
    *,
    company: str = "",
    valid_until: str = "",
    terminal: str | None = None,
    print_receipt: bool = False,
) -> DocumentView:
    """Issue a quote for the customer. Raises FormErrors (``lines`` with the line's
    number, ``valid_until``) for what was typed wrong."""
    require_contact(who)
    staff = initials_of(who)
    seller_company = company_of(settings, company)
    vat = VAT_RATE if seller_company.vat_registered else 0
    errors: dict[str, str] = {}
    priced: list[Line] = []
    for i, line in enumerate(lines, start=1):
        try:
            priced.append(quote_line(line, settings, vat))
        except (ValidationError, FormErrors) as exc:
            errors.setdefault("lines", t("doc.quote_line_invalid", line=i, error=exc.message))
    if not lines:
        errors["lines"] = t("doc.quote_empty")
    today = now().date()
    until = today + timedelta(days=seller_company.quote_days)
    try:
        typed = intake.parse_date(valid_until, today=today, field="valid_until")
        if typed is not None:
            if typed < today:
                raise ValidationError(t("doc.valid_until_past"), field="valid_until")
            until = typed
    except ValidationError as exc:
        errors["valid_until"] = exc.message
    if errors:
        raise FormErrors(errors)

    def issue() -> DocumentView:
        issued_at = now()
        with writing(db):
            buyer = buyer_of(customer_row(customer_id))
            number = numbering.next_number(seller_company.key, QUOTE)
            model = DocumentModel(
                kind=QUOTE,
                number=number,
                seller=seller_of(seller_company),
                buyer=buyer,
                issued_at=issued_at,
                lines=tuple(priced),
                valid_until=until,
                staff=staff,
            )
            row = write_document(
                model, series=QUOTE, order_id=None, customer_id=customer_id, staff=staff
            )
            if print_receipt:
                from viver_tui.services.documents.printouts import queue_print

                queue_print(row, staff, terminal)
            return view_of(row.id, settings)

    return retrying(db, issue)


def accept_quote(db: Database, quote_id: int, settings: Settings, who: Who) -> OrderView:
    """Turn the quote into an order's draft: a new order for its customer and company,
    with one medium per piece of each media line (minutes or photos as quoted). The
    quote then refers to the order. Refused for an expired or already accepted quote."""
    require_contact(who)
    staff = initials_of(who)

    def accept() -> OrderView:
        with writing(db):
            row = document_row(quote_id, lock=True)
            if row.kind != QUOTE:
                raise ValidationError(t("doc.not_a_quote"), field="quote")
            if row.status == ACCEPTED:
                number = orders.order_row(row.order_id).number if row.order_id else "?"
                raise ValidationError(
                    t("doc.quote_accepted", number=row.number, order=number), field="quote"
                )
            if row.status != ISSUED:
                raise ValidationError(t("doc.not_a_quote"), field="quote")
            if row.valid_until is not None and row.valid_until < now().date():
                raise ValidationError(
                    t("doc.quote_expired", number=row.number, date=format_date(row.valid_until)),
                    field="quote",
                )
            customer_row(row.customer_id)
            order = intake.open_order(db, row.customer_id, staff, company=row.company)
            for line in load_model(row).lines:
                if line.source != "kind":
                    continue  # products are proposed again on the invoice
                units = str(line.units_each) if line.units_each else ""
                for _ in range(line.quantity):
                    intake.add_medium(
                        db, order.id, MediumInput(line.key, units=units),
                        settings.media_kinds, staff,
                    )
            Document.update(status=ACCEPTED, order=order.id).where(
                Document.id == quote_id
            ).execute()
            orders.record_event(
                order.id, "from_quote", staff, note=t("doc.title.quote", number=row.number)
            )
            return orders.load(order.id, with_events=True)

    return retrying(db, accept)


def parse_quote_lines(text: str) -> list[QuoteLineInput]:
    """Quote lines as typed: ``vhs 3, super8 2 20, usb-128`` — what, how many, and the
    minutes or photos each (checked against the price list when the quote is made)."""
    lines = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if part:
            words = part.split()
            lines.append(QuoteLineInput(words[0], *words[1:3]))
    return lines
