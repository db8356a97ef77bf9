"""What every kind of document shares: the seller and buyer it names, writing it once,
and how staff see it (``DocumentView``).

Documents name a customer and their address: only counter and admin staff see them
(``staff.require_contact``); production staff see nothing of documents.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import peewee

from viver_tui import clock
from viver_tui.config import Company, Settings
from viver_tui.errors import NotFound, ValidationError, ViverError
from viver_tui.locale import t
from viver_tui.models import Customer, Document, Order, Payment
from viver_tui.services import audit
from viver_tui.services.documents.model import (
    CONFIRMATION,
    CREDIT_NOTE,
    INVOICE,
    QUOTE,
    DocumentModel,
    Party,
    Seller,
)
from viver_tui.services.documents.render import sheet_of

Database = peewee.Database | peewee.DatabaseProxy
ISSUED, VOID, ACCEPTED = "issued", "void", "accepted"
ACCOUNTING_KINDS = (INVOICE, CREDIT_NOTE)  # accounting records (bokføringsloven §13)


class CannotInvoice(ViverError):
    """The company or the customer lacks what an invoice must say (a clear message)."""


class AlreadyInvoiced(ValidationError):
    """The order has an invoice that is not credited: ``number`` is its number."""

    def __init__(self, message: str, number: int) -> None:
        super().__init__(message, field="order")
        self.number = number


@dataclass(frozen=True)
class DocumentView:
    """A document as the documents screen lists it."""

    id: int
    kind: str
    company: str
    company_name: str
    number: int
    title: str  # "Faktura 17"
    status: str  # issued | void | accepted
    issued_on: date
    due_on: date | None
    valid_until: date | None
    total_ore: int  # VAT included; negative on a credit note
    vat_ore: int
    paid_ore: int  # invoices: paid at the till and later
    credited_ore: int  # invoices: credit notes against it (a positive amount)
    order_id: int | None
    order_number: int | None
    customer_id: int | None
    kid: str
    credits_number: int | None
    restricted: bool
    staff: str

    @property
    def due_ore(self) -> int:
        """Invoices: what is still to be paid (never below zero)."""
        if self.kind != INVOICE or self.status == VOID:
            return 0
        return max(self.total_ore - self.paid_ore - self.credited_ore, 0)

    def expired(self, today: date | None = None) -> bool:
        """A quote whose valid-until date has passed (and is not accepted)."""
        today = today or clock.today()
        return (
            self.kind == QUOTE
            and self.status == ISSUED
            and self.valid_until is not None
            and self.valid_until < today
        )

    @property
    def open_invoice(self) -> bool:
        return self.kind == INVOICE and self.status == ISSUED and self.credited_ore < self.total_ore


def title_of(kind: str, number: int) -> str:
    return t(f"doc.title.{kind}", number=number)


def company_of(settings: Settings, key: str) -> Company:
    company = settings.company(key)
    if company is None:
        raise ValidationError(t("doc.company_unknown", key=key), field="company")
    return company


def seller_of(company: Company) -> Seller:
    return Seller(
        key=company.key,
        name=company.name,
        org_number=company.org_number,
        vat_registered=company.vat_registered,
        address=company.address,
        bank_account=company.bank_account,
        email=company.email,
        phone=company.phone,
        terms=company.terms,
        logo=str(company.logo) if company.logo else "",
    )


def invoicing_problem(company: Company) -> str | None:
    """Why ``company`` cannot issue invoices (its settings lack what one must say)."""
    if not company.org_number:
        return t("doc.no_org_number", company=company.name)
    if not company.bank_account:
        return t("doc.no_bank_account", company=company.name)
    return None


def require_invoicing(company: Company) -> None:
    problem = invoicing_problem(company)
    if problem:
        raise CannotInvoice(problem)


def customer_row(customer_id: int | None) -> Customer:
    row = Customer.get_or_none(Customer.id == customer_id) if customer_id else None
    if row is None:
        raise NotFound(t("doc.customer_missing"))
    if row.erased_at is not None:
        raise ValidationError(t("doc.customer_erased"), field="customer")
    return row


def buyer_of(customer: Customer, *, need_address: bool = False) -> Party:
    """The buyer as a document names them; ``need_address``: an invoice must name the
    buyer's address (and a business's organisation number) — CannotInvoice if missing."""
    town = " ".join(p for p in (customer.postal_code, customer.city) if p)
    address = tuple(p for p in (customer.address, town) if p)
    business = customer.kind == "business"
    if need_address:
        if not customer.address or not town:
            raise CannotInvoice(t("doc.buyer_no_address", name=customer.name))
        if business and not customer.org_number:
            raise CannotInvoice(t("doc.buyer_no_org_number", name=customer.name))
    return Party(
        name=customer.name,
        address=address,
        org_number=(customer.org_number or "") if business else "",
        customer_id=customer.id,
    )


def write_document(
    model: DocumentModel,
    *,
    series: str,
    order_id: int | None,
    customer_id: int | None,
    staff: str,
    credits_id: int | None = None,
) -> Document:
    """Store ``model`` as issued, with its layout; call inside ``writing`` (with the
    number taken in the same transaction)."""
    totals = model.totals
    row = Document.create(
        kind=model.kind,
        company=model.seller.key,
        series=series,
        number=model.number,
        status=ISSUED,
        order=order_id,
        customer=customer_id,
        credits=credits_id,
        issued_on=model.issued_on,
        due_on=model.due_on,
        valid_until=model.valid_until,
        total_ore=totals.gross_ore,
        vat_ore=totals.vat_ore,
        kid=model.kid or None,
        content=model.to_json(),
        sheet=sheet_of(model).to_json(),
        staff=staff,
        created_at=model.issued_at,
    )
    if customer_id is not None:
        audit.record(staff, "create", customer_id, details=f"{model.kind} {model.number}")
    return row


def load_model(row: Document) -> DocumentModel:
    return DocumentModel.from_json(row.content)


def _sums(ids: list[int]) -> tuple[dict[int, int], dict[int, int]]:
    paid: dict[int, int] = {}
    credited: dict[int, int] = {}
    if not ids:
        return paid, credited
    for p in Payment.select(Payment.document, peewee.fn.SUM(Payment.amount_ore).alias("s")).where(
        Payment.document.in_(ids)
    ).group_by(Payment.document):
        paid[p.document_id] = int(p.s or 0)
    for c in Document.select(
        Document.credits, peewee.fn.SUM(Document.total_ore).alias("s")
    ).where(
        Document.credits.in_(ids) & (Document.kind == CREDIT_NOTE) & (Document.status == ISSUED)
    ).group_by(Document.credits):
        credited[c.credits_id] = -int(c.s or 0)
    return paid, credited


def views(query: peewee.ModelSelect, settings: Settings | None = None) -> list[DocumentView]:
    """DocumentViews of ``query``'s documents (inside a transaction), in its order."""
    rows = list(query)
    paid, credited = _sums([r.id for r in rows])
    order_numbers = {
        o.id: o.number
        for o in Order.select(Order.id, Order.number).where(
            Order.id.in_([r.order_id for r in rows if r.order_id] or [0])
        )
    }
    credited_numbers = {
        d.id: d.number
        for d in Document.select(Document.id, Document.number).where(
            Document.id.in_([r.credits_id for r in rows if r.credits_id] or [0])
        )
    }
    result = []
    for r in rows:
        company = settings.company(r.company) if settings else None
        number = order_numbers.get(r.order_id) if r.order_id else None
        result.append(
            DocumentView(
                id=r.id,
                kind=r.kind,
                company=r.company,
                company_name=company.name if company else r.company,
                number=r.number,
                title=title_of(r.kind, r.number),
                status=r.status,
                issued_on=r.issued_on,
                due_on=r.due_on,
                valid_until=r.valid_until,
                total_ore=r.total_ore,
                vat_ore=r.vat_ore,
                paid_ore=paid.get(r.id, 0),
                credited_ore=credited.get(r.id, 0),
                order_id=r.order_id,
                order_number=number,
                customer_id=r.customer_id,
                kid=r.kid or "",
                credits_number=credited_numbers.get(r.credits_id) if r.credits_id else None,
                restricted=r.restricted_at is not None,
                staff=r.staff,
            )
        )
    return result


def view_of(document_id: int, settings: Settings | None = None) -> DocumentView:
    found = views(Document.select().where(Document.id == document_id), settings)
    if not found:
        raise NotFound(t("doc.not_found"))
    return found[0]


def document_row(document_id: int, *, lock: bool = False) -> Document:
    from viver_tui.services.orders import locked

    query = Document.select().where(Document.id == document_id)
    row = (locked(query) if lock else query).first()
    if row is None:
        raise NotFound(t("doc.not_found"))
    return row


def active_invoice(order_id: int) -> Document | None:
    """The order's invoice that is not void and not fully credited, if any."""
    for row in Document.select().where(
        (Document.order == order_id) & (Document.kind == INVOICE) & (Document.status == ISSUED)
    ).order_by(Document.number):
        credited = -int(
            Document.select(peewee.fn.COALESCE(peewee.fn.SUM(Document.total_ore), 0))
            .where((Document.credits == row.id) & (Document.status == ISSUED))
            .scalar()
        )
        if credited < row.total_ore:
            return row
    return None


def now() -> datetime:
    """The issue time documents carry (whole seconds: it is printed and stored)."""
    return clock.now().replace(microsecond=0)


KIND_ORDER = {QUOTE: 0, CONFIRMATION: 1, INVOICE: 2, CREDIT_NOTE: 3}


def set_order_company(
    db: Database, order_id: int, company: str, settings: Settings, who: object
) -> str:
    """Choose the company that sells a draft order (intake); its key."""
    from viver_tui.db import writing
    from viver_tui.services import orders
    from viver_tui.services.staff import require_contact

    require_contact(who)  # type: ignore[arg-type]
    chosen = company_of(settings, company)
    with writing(db):
        order = orders.order_row(order_id, lock=True)
        if order.status != orders.DRAFT:
            raise ValidationError(t("doc.company_fixed"), field="company")
        Order.update(company=chosen.key).where(Order.id == order_id).execute()
    return chosen.key
