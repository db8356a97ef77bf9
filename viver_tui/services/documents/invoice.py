"""Invoices: issued at pickup or later, settled at the till or sent, paid later.

An invoice's lines are what was done on each medium (``work.work_done``: today the
intake estimate, later the production room's records), the storage media and other
products sold from the price list, and a discount with its reason. Its number comes
from the company's unbroken series in the same transaction (``numbering``); nobody can
type it. An order has at most one invoice that is not credited in full: asking for
another is refused with the number of the one it has.

Settlement: paid at the shop's till (card, cash or Vipps, recorded with the till's
receipt reference — this program is not a cash register; the certified till stays the
till), or sent as an invoice due in the company's ``invoice_days``, or a mix: the part
paid at the till shows on the invoice, the rest is due with account and KID. A payment
to the bank later is recorded on the order (``record_payment``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from viver_tui.config import Settings
from viver_tui.db import reading, retrying, writing
from viver_tui.errors import FormErrors, ValidationError, ViverError
from viver_tui.locale import t
from viver_tui.locale.formatting import format_money
from viver_tui.models import Document, Order, Payment
from viver_tui.services import mail, orders
from viver_tui.services.documents import numbering
from viver_tui.services.documents.core import (
    ISSUED,
    VOID,
    AlreadyInvoiced,
    Database,
    DocumentView,
    active_invoice,
    buyer_of,
    company_of,
    customer_row,
    document_row,
    invoicing_problem,
    load_model,
    now,
    require_invoicing,
    seller_of,
    view_of,
    write_document,
)
from viver_tui.services.documents.model import (
    ACTUAL,
    ESTIMATED,
    INVOICE,
    PAYMENT_METHODS,
    QUOTE,
    TILL_METHODS,
    VAT_RATE,
    DocumentModel,
    Line,
    Settled,
    kid_for,
    round_ore,
)
from viver_tui.services.documents.work import ESTIMATE, work_done
from viver_tui.services.numbers import whole_number
from viver_tui.services.staff import Who, initials_of, require_contact
from viver_tui.services.text import clean_line

MAX_QUANTITY = 999
MAX_AMOUNT_ORE = 100_000_000  # kr 1 000 000,00: more is a typing error
_AMOUNT = re.compile(r"^-?\d{1,9}(?:[.,]\d{1,2})?$", re.ASCII)


@dataclass(frozen=True)
class ProductLine:
    """A product from the price list (storage media, copies) and how many."""

    key: str
    quantity: int = 1


@dataclass(frozen=True)
class Discount:
    amount_ore: int  # positive: what is taken off
    reason: str


@dataclass(frozen=True)
class TillPayment:
    """Paid at the shop's till: the method and the till's receipt reference."""

    method: str  # card | cash | vipps
    amount_ore: int
    reference: str


@dataclass(frozen=True)
class InvoiceDraft:
    """What an invoice for the order would say now (shown before it is issued)."""

    order_id: int
    order_number: int
    company: str
    company_name: str
    lines: tuple[Line, ...]  # the media: the production room's record or the estimate
    total_ore: int
    estimate_total_ore: int  # the same media as estimated at intake
    products: tuple[ProductLine, ...]  # proposed: those of the order's accepted quote
    problem: str | None  # why it cannot be issued (said at the start), or None
    existing: int | None  # the number of the order's invoice, if it has one


def parse_amount(text: str, *, field: str = "amount") -> int:
    """An amount as staff type it (``500``, ``1 250,50``, ``kr 99,90``) in øre."""
    raw = text.strip().lower().removeprefix("kr").replace(" ", "").replace("\u00a0", "")
    if not _AMOUNT.match(raw):
        raise ValidationError(t("doc.amount_invalid"), field=field)
    try:
        ore = round_ore(Decimal(raw.replace(",", ".")) * 100)
    except InvalidOperation:
        raise ValidationError(t("doc.amount_invalid"), field=field) from None
    if abs(ore) > MAX_AMOUNT_ORE:
        raise ValidationError(t("doc.amount_invalid"), field=field)
    return ore


def _price_ore(price: Decimal) -> int:
    return round_ore(price * 100)


def media_lines(
    order_id: int, settings: Settings, vat_rate: int, *, actual: bool = True
) -> list[Line]:
    """The work on each medium, from ``work.work_done``: what production recorded as
    actually done where it did, else the estimate — each line of a kind charged by the
    minute or photo says which (``Line.basis``). ``actual=False`` (the order
    confirmation): the estimates only, as handed in, and no basis said."""
    lines = []
    for work in work_done(order_id):
        kind = settings.media_kind(work.kind)
        unit = kind.unit if kind else "piece"
        measured = unit != "piece"
        if not actual and work.actual:
            work = replace(work, units=work.estimate_units, amount_ore=work.estimate_ore,
                           source=ESTIMATE)
        units = work.units if measured else 1
        if work.actual:
            unit_price = work.unit_price_ore
        else:
            unit_price = _price_ore(kind.price) if kind else work.amount_ore
        basis = ""
        if actual and measured:
            basis = ACTUAL if work.actual else ESTIMATED
        lines.append(
            Line(
                text=f"{kind.name if kind else work.kind} {work.code}",
                quantity=units,
                unit=unit,
                unit_price_ore=unit_price,
                amount_ore=work.amount_ore,
                vat_rate=vat_rate,
                source="medium",
                key=work.kind,
                code=work.code,
                note=work.description,
                basis=basis,
                estimate_units=work.estimate_units if basis else 0,
            )
        )
    return lines


def product_lines(
    products: Sequence[ProductLine], settings: Settings, vat_rate: int
) -> list[Line]:
    lines = []
    for item in products:
        product = settings.product(item.key)
        if product is None:
            raise ValidationError(t("doc.product_unknown", key=item.key), field="products")
        if not 0 < item.quantity <= MAX_QUANTITY:
            raise ValidationError(t("doc.quantity_invalid"), field="products")
        price = _price_ore(product.price)
        lines.append(
            Line(
                text=product.name,
                quantity=item.quantity,
                unit="piece",
                unit_price_ore=price,
                amount_ore=price * item.quantity,
                vat_rate=vat_rate,
                source="product",
                key=product.key,
            )
        )
    return lines


def discount_line(discount: Discount, vat_rate: int) -> Line:
    reason = clean_line(discount.reason, field="discount", max_length=100)
    if not reason:
        raise ValidationError(t("doc.discount_reason"), field="discount")
    if discount.amount_ore <= 0:
        raise ValidationError(t("doc.amount_invalid"), field="discount")
    return Line(
        text=t("doc.discount_text", reason=reason),
        quantity=1,
        unit="piece",
        unit_price_ore=-discount.amount_ore,
        amount_ore=-discount.amount_ore,
        vat_rate=vat_rate,
        source="discount",
    )


def _settled(paid: Sequence[TillPayment]) -> tuple[Settled, ...]:
    errors: dict[str, str] = {}
    result = []
    for payment in paid:
        if payment.method not in TILL_METHODS:
            errors["paid"] = t("doc.method_invalid")
        elif payment.amount_ore <= 0:
            errors["paid"] = t("doc.amount_invalid")
        reference = clean_line(payment.reference, field="paid", max_length=60)
        if not reference:
            errors["paid"] = t("doc.reference_missing")
        result.append(Settled(payment.method, payment.amount_ore, reference))
    if errors:
        raise FormErrors(errors)
    return tuple(result)


def _accepted_quote_products(order_id: int) -> tuple[ProductLine, ...]:
    quote = (
        Document.select()
        .where((Document.order == order_id) & (Document.kind == QUOTE))
        .order_by(Document.id.desc())
        .first()
    )
    if quote is None:
        return ()
    return tuple(
        ProductLine(line.key, line.quantity)
        for line in load_model(quote).lines
        if line.source == "product"
    )


def draft_invoice(
    db: Database, order_id: int, settings: Settings, who: Who
) -> InvoiceDraft:
    """What the invoice of the order would hold now, and — at the start, before anything
    is typed — why it cannot be issued (the company's settings, the buyer's address)."""
    require_contact(who)
    with reading(db):
        order = orders.order_row(order_id)
        company = company_of(settings, order.company)
        vat = VAT_RATE if company.vat_registered else 0
        lines = media_lines(order_id, settings, vat)
        existing = active_invoice(order_id)
        problem = invoicing_problem(company)
        if problem is None and order.status in (orders.DRAFT, orders.CANCELLED):
            problem = t("doc.order_not_confirmed", number=order.number)
        if problem is None:
            try:
                buyer_of(customer_row(order.customer_id), need_address=True)
            except ViverError as exc:  # no address, erased: said at the start, not raised
                problem = exc.message
        return InvoiceDraft(
            order_id=order_id,
            order_number=order.number,
            company=company.key,
            company_name=company.name,
            lines=tuple(lines),
            total_ore=sum(line.amount_ore for line in lines),
            estimate_total_ore=sum(
                line.amount_ore for line in media_lines(order_id, settings, vat, actual=False)
            ),
            products=_accepted_quote_products(order_id),
            problem=problem,
            existing=existing.number if existing else None,
        )


def issue_invoice(
    db: Database,
    order_id: int,
    settings: Settings,
    who: Who,
    *,
    products: Sequence[ProductLine] = (),
    discount: Discount | None = None,
    paid: Sequence[TillPayment] = (),
    terminal: str | None = None,
    print_receipt: bool = False,
    email: bool = False,
) -> DocumentView:
    """Issue the order's invoice: lines, number, KID, settlement, in one transaction.

    Raises AlreadyInvoiced (with the number) when the order has an invoice not fully
    credited, CannotInvoice when the company's settings or the buyer lack what an
    invoice must say, ValidationError/FormErrors for bad lines or payments.
    ``print_receipt`` queues it for this terminal's receipt printer too; ``email``
    ("send as invoice") writes it to the outbox, PDF attached (services/mail/).
    """
    require_contact(who)
    staff = initials_of(who)
    settled = _settled(paid)

    def issue() -> DocumentView:
        issued_at = now()
        with writing(db):
            order = orders.order_row(order_id, lock=True)  # one invoice at a time per order
            if order.status in (orders.DRAFT, orders.CANCELLED):
                raise ValidationError(
                    t("doc.order_not_confirmed", number=order.number), field="order"
                )
            existing = active_invoice(order_id)
            if existing is not None:
                raise AlreadyInvoiced(
                    t("doc.already_invoiced", order=order.number, number=existing.number),
                    existing.number,
                )
            company = company_of(settings, order.company)
            require_invoicing(company)
            if not order.company:  # an order from before schema 15: now it is decided
                Order.update(company=company.key).where(Order.id == order_id).execute()
            buyer = buyer_of(customer_row(order.customer_id), need_address=True)
            vat = VAT_RATE if company.vat_registered else 0
            lines = media_lines(order_id, settings, vat)
            lines += product_lines(products, settings, vat)
            if discount is not None:
                lines.append(discount_line(discount, vat))
            total = sum(line.amount_ore for line in lines)
            if total < 0:
                raise ValidationError(t("doc.total_negative"), field="discount")
            if sum(s.amount_ore for s in settled) > total:
                raise ValidationError(
                    t("doc.paid_too_much", total=format_money(total)), field="paid"
                )
            number = numbering.next_number(company.key, INVOICE)
            seller = seller_of(company)
            delivered = order.closed_at.date() if order.closed_at else issued_at.date()
            model = DocumentModel(
                kind=INVOICE,
                number=number,
                seller=seller,
                buyer=buyer,
                issued_at=issued_at,
                lines=tuple(lines),
                order_number=order.number,
                due_on=issued_at.date() + timedelta(days=company.invoice_days),
                delivered_on=delivered,
                delivery_place=", ".join(company.address) or company.name,
                kid=kid_for(number),
                settled=settled,
                staff=staff,
            )
            row = write_document(
                model, series=INVOICE, order_id=order_id, customer_id=order.customer_id,
                staff=staff,
            )
            for s in settled:
                Payment.create(
                    document=row, method=s.method, amount_ore=s.amount_ore,
                    reference=s.reference, paid_on=issued_at.date(), staff=staff,
                    created_at=issued_at,
                )
            orders.record_event(
                order_id, "invoiced", staff, note=t("doc.title.invoice", number=number),
                at=issued_at,
            )
            if print_receipt:
                from viver_tui.services.documents.printouts import queue_print

                queue_print(row, staff, terminal)
            if email:
                mail.queue_invoice(row.id, staff)
            return view_of(row.id, settings)

    return retrying(db, issue)


def record_payment(
    db: Database,
    document_id: int,
    settings: Settings,
    who: Who,
    *,
    method: str = "bank",
    amount_ore: int | None = None,
    reference: str = "",
    paid_on: date | None = None,
) -> DocumentView:
    """Mark an invoice paid (by default: the rest of it, to the bank, today)."""
    require_contact(who)
    staff = initials_of(who)
    if method not in PAYMENT_METHODS:
        raise ValidationError(t("doc.method_invalid"), field="method")
    reference = clean_line(reference, field="reference", max_length=60)

    def pay() -> DocumentView:
        with writing(db):
            row = document_row(document_id, lock=True)
            if row.kind != INVOICE or row.status != ISSUED:
                raise ValidationError(t("doc.not_payable"), field="amount")
            view = view_of(document_id, settings)
            amount = view.due_ore if amount_ore is None else amount_ore
            if view.due_ore <= 0:
                raise ValidationError(t("doc.already_paid", title=view.title), field="amount")
            if not 0 < amount <= view.due_ore:
                raise ValidationError(
                    t("doc.pay_too_much", due=format_money(view.due_ore)), field="amount"
                )
            day = paid_on or now().date()
            Payment.create(
                document=row, method=method, amount_ore=amount, reference=reference,
                paid_on=day, staff=staff, created_at=now(),
            )
            if row.order_id is not None:
                orders.record_event(
                    row.order_id, "paid", staff,
                    note=t("doc.paid_note", title=view.title, amount=format_money(amount)),
                )
            return view_of(document_id, settings)

    return retrying(db, pay)


def void_invoice(
    db: Database, document_id: int, settings: Settings, who: Who, reason: str
) -> DocumentView:
    """A spoiled invoice (wrong from the start, never handed over, nothing paid) keeps
    its number as *void*, so the series stays unbroken; only the day it was issued.
    Later, a wrong invoice is credited (``credit.issue_credit_note``), never voided."""
    require_contact(who)
    staff = initials_of(who)
    reason = clean_line(reason, field="reason", max_length=200)
    if not reason:
        raise ValidationError(t("doc.void_reason"), field="reason")

    def void() -> DocumentView:
        with writing(db):
            row = document_row(document_id, lock=True)
            if row.kind != INVOICE or row.status != ISSUED:
                raise ValidationError(t("doc.not_voidable"), field="reason")
            view = view_of(document_id, settings)
            if view.paid_ore or view.credited_ore or row.issued_on != now().date():
                raise ValidationError(t("doc.void_too_late", title=view.title), field="reason")
            Document.update(status=VOID, void_reason=reason, voided_at=now()).where(
                Document.id == document_id
            ).execute()
            if row.order_id is not None:
                orders.record_event(
                    row.order_id, "voided", staff, note=f"{view.title}: {reason}"
                )
            return view_of(document_id, settings)

    return retrying(db, void)


_METHODS = {
    "k": "card", "kort": "card", "card": "card",
    "kontant": "cash", "kont": "cash", "cash": "cash",
    "v": "vipps", "vipps": "vipps",
}


def parse_method(text: str) -> str:
    """The till's payment method as typed: ``kort``/``k``, ``kontant``, ``vipps``/``v``."""
    method = _METHODS.get(text.strip().casefold())
    if method is None:
        raise ValidationError(t("doc.method_invalid"), field="method")
    return method


def parse_products(text: str, settings: Settings) -> list[ProductLine]:
    """Products as typed: ``usb-32 2, dvd`` (key or number on the list, then how many)."""
    lines = []
    for part in (p.strip() for p in text.replace(";", ",").split(",")):
        if not part:
            continue
        words = part.split()
        what, count = words[0], words[1] if len(words) > 1 else "1"
        product = settings.product(what)
        number = whole_number(what, 1, len(settings.products))
        if product is None and number is not None:
            product = settings.products[number - 1]
        if product is None:
            raise ValidationError(t("doc.product_unknown", key=what[:40]), field="products")
        quantity = whole_number(count, 1, MAX_QUANTITY)
        if quantity is None:
            raise ValidationError(t("doc.quantity_invalid"), field="products")
        lines.append(ProductLine(product.key, quantity))
    return lines
