"""The order confirmation (ordrebekreftelse): made when an order is confirmed.

``confirm_order`` is intake's confirm (details, status, history, prints) with the
confirmation document written in the same transaction: what was handed in (each
medium, its code and estimate), the promised date, the selling company and its terms.
Its number is the order number. It is printed on request and always available as a PDF
(``files.document_pdf``); when the customer has an e-mail address it is written to the
outbox in the same transaction, and sent with its PDF (services/mail/).
"""

from __future__ import annotations

from viver_tui.config import Settings
from viver_tui.db import retrying, writing
from viver_tui.models import Order
from viver_tui.services import intake, mail
from viver_tui.services.documents.core import (
    Database,
    buyer_of,
    company_of,
    customer_row,
    now,
    seller_of,
    write_document,
)
from viver_tui.services.documents.invoice import media_lines
from viver_tui.services.documents.model import CONFIRMATION, VAT_RATE, DocumentModel
from viver_tui.services.intake import OrderDetails
from viver_tui.services.orders import OrderView
from viver_tui.services.roles import Who, initials_of, require_contact


def record_confirmation(order_id: int, settings: Settings, staff: str) -> int:
    """Write the confirmation of a just-confirmed order; inside ``writing``. Its id."""
    order = Order.get_by_id(order_id)
    company = company_of(settings, order.company)
    if not order.company:
        Order.update(company=company.key).where(Order.id == order_id).execute()
    vat = VAT_RATE if company.vat_registered else 0
    model = DocumentModel(
        kind=CONFIRMATION,
        number=order.number,
        seller=seller_of(company),
        buyer=buyer_of(customer_row(order.customer_id)),
        issued_at=now(),
        lines=tuple(media_lines(order_id, settings, vat, actual=False)),
        order_number=order.number,
        received_on=order.received_on,
        promised_on=order.promised_on,
        staff=staff,
    )
    row = write_document(
        model, series=CONFIRMATION, order_id=order_id, customer_id=order.customer_id,
        staff=staff,
    )
    # By e-mail too, when the customer has an address (issue 23: the outbox).
    mail.queue_confirmation(order_id, staff)
    return row.id


def confirm_order(
    db: Database,
    order_id: int,
    details: OrderDetails,
    who: Who,
    settings: Settings,
    *,
    version: int | None = None,
    terminal: str | None = None,
) -> OrderView:
    """Confirm the order (``intake.confirm_order``) and write its confirmation, in one
    transaction: no confirmed order without its confirmation, nor the other way round.
    Counter and admin staff only: the confirmation and the order form it prints carry
    the customer's contact details."""
    require_contact(who)
    staff = initials_of(who)

    def confirm() -> OrderView:
        with writing(db):
            view = intake.confirm_order(
                db, order_id, details, staff, version=version, terminal=terminal
            )
            record_confirmation(order_id, settings, staff)
            return view

    return retrying(db, confirm)
