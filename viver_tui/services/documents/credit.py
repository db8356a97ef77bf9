"""Credit notes (kreditnota): a wrong invoice is never edited or deleted — it is
credited, in whole or in part, by a credit note that refers to it.

The credit note's number comes from its own series or from the invoice series, as the
shop sets (``[documents] credit_notes = "own" | "invoice"``); either way unbroken. Its
lines are the invoice's with the amounts negated (whole), or one line of the amount
credited at the invoice's VAT rate (part). Together, the credit notes of an invoice
never credit more than it was; once it is credited in full the order may be invoiced
again.
"""

from __future__ import annotations

from dataclasses import replace

from viver_tui.config import Settings
from viver_tui.db import retrying, writing
from viver_tui.errors import ValidationError
from viver_tui.locale import t
from viver_tui.locale.formatting import format_money
from viver_tui.services import orders
from viver_tui.services.documents import numbering
from viver_tui.services.documents.core import (
    ISSUED,
    Database,
    DocumentView,
    document_row,
    load_model,
    now,
    view_of,
    write_document,
)
from viver_tui.services.documents.model import CREDIT_NOTE, INVOICE, VAT_RATE, DocumentModel, Line
from viver_tui.services.staff import Who, initials_of, require_contact
from viver_tui.services.text import clean_line


def credit_series(settings: Settings) -> str:
    """The series credit notes are numbered in: their own, or the invoices'."""
    return INVOICE if settings.credit_note_series == "invoice" else CREDIT_NOTE


def issue_credit_note(
    db: Database,
    invoice_id: int,
    settings: Settings,
    who: Who,
    *,
    reason: str,
    amount_ore: int | None = None,
    terminal: str | None = None,
    print_receipt: bool = False,
) -> DocumentView:
    """Credit ``invoice_id``: all that is not credited yet (``amount_ore`` None) or
    ``amount_ore`` of it (VAT included). ``reason`` is required and printed."""
    require_contact(who)
    staff = initials_of(who)
    reason = clean_line(reason, field="reason", max_length=200)
    if not reason:
        raise ValidationError(t("doc.credit_reason_missing"), field="reason")

    def issue() -> DocumentView:
        issued_at = now()
        with writing(db):
            invoice = document_row(invoice_id, lock=True)
            if invoice.kind != INVOICE or invoice.status != ISSUED:
                raise ValidationError(t("doc.not_creditable"), field="amount")
            view = view_of(invoice_id, settings)
            left = view.total_ore - view.credited_ore
            if left <= 0:
                raise ValidationError(t("doc.credited_already", title=view.title), field="amount")
            if amount_ore is not None and not 0 < amount_ore <= left:
                raise ValidationError(
                    t("doc.credit_too_much", left=format_money(left)), field="amount"
                )
            original = load_model(invoice)
            if amount_ore is None and view.credited_ore == 0:
                lines = tuple(
                    replace(line, unit_price_ore=-line.unit_price_ore,
                            amount_ore=-line.amount_ore, source="credit")
                    for line in original.lines
                )
            else:
                amount = left if amount_ore is None else amount_ore
                rate = original.lines[0].vat_rate if original.lines else VAT_RATE
                lines = (
                    Line(
                        text=t("doc.credit_text", number=original.number),
                        quantity=1,
                        unit="piece",
                        unit_price_ore=-amount,
                        amount_ore=-amount,
                        vat_rate=rate,
                        source="credit",
                    ),
                )
            series = credit_series(settings)
            number = numbering.next_number(invoice.company, series)
            model = DocumentModel(
                kind=CREDIT_NOTE,
                number=number,
                seller=original.seller,
                buyer=original.buyer,
                issued_at=issued_at,
                lines=lines,
                order_number=original.order_number,
                credits_number=original.number,
                credits_issued_on=original.issued_on,
                reason=reason,
                staff=staff,
            )
            row = write_document(
                model, series=series, order_id=invoice.order_id,
                customer_id=invoice.customer_id, staff=staff, credits_id=invoice.id,
            )
            if invoice.order_id is not None:
                orders.record_event(
                    invoice.order_id, "credited", staff,
                    note=f"{t('doc.title.credit_note', number=number)} → {view.title}",
                    at=issued_at,
                )
            if print_receipt:
                from viver_tui.services.documents.printouts import queue_print

                queue_print(row, staff, terminal)
            return view_of(row.id, settings)

    return retrying(db, issue)
