"""A print job's data, read from the database when it prints.

A ``PrintJob`` row holds references only (order, medium); ``job_data`` reads what the
layout needs at the moment it prints (a job printed again is built afresh).
"""

from __future__ import annotations

from viver_tui import clock
from viver_tui.config import Settings
from viver_tui.errors import NotFound
from viver_tui.locale import t
from viver_tui.models import Customer, Document, MediaItem, Order, PrintJob
from viver_tui.printing import document_receipt, layouts
from viver_tui.printing.sheet import Sheet


def kind_name(settings: Settings, key: str) -> str:
    """The name of a medium's kind as the settings give it (the key for one no longer listed)."""
    kind = settings.media_kind(key)
    return kind.name if kind else key


def outcome_words(settings: Settings, key: str | None) -> str | None:
    """A medium's outcome as the settings name it, in bokmål like all paper (the key
    itself for an outcome no longer listed; the catalogue words it then)."""
    if not key:
        return None
    found = settings.production_outcome(key)
    return found.name if found else key


def _customer_name(order: Order) -> str:
    customer = Customer.get_or_none(Customer.id == order.customer_id)
    return customer.name if customer else ""


def _lines(order: Order, settings: Settings) -> tuple[layouts.MediaLine, ...]:
    return tuple(
        layouts.MediaLine(
            code=m.code,
            kind=kind_name(settings, m.kind),
            description=m.description,
            declared_count=m.declared_count,
            returned=m.returned_at is not None,
            returned_count=m.returned_count,
            outcome=outcome_words(settings, m.outcome),
            outcome_note=m.outcome_note,
        )
        for m in order.media.order_by(MediaItem.seq)
    )


def job_data(job: PrintJob, settings: Settings) -> object:
    """The layout data of a job, read from the database now. Call inside ``reading``."""
    if job.kind == "document":  # its layout was stored when it was issued
        document = Document.get_or_none(Document.id == job.document_id)
        if document is None:
            raise NotFound(t("print.error.data_gone"))
        return Sheet.from_json(document.sheet)
    order = Order.get_or_none(Order.id == job.order_id)
    if order is None:
        raise NotFound(t("print.error.data_gone"))
    if job.kind == "media_label":
        item = MediaItem.get_or_none(MediaItem.id == job.media_item_id)
        if item is None:
            raise NotFound(t("print.error.data_gone"))
        return layouts.LabelData(
            customer_name=_customer_name(order),
            order_number=order.number,
            code=item.code,
            kind=kind_name(settings, item.kind),
            seq=item.seq,
            total=order.media.count(),
        )
    if job.kind == "order_form":
        from viver_tui.locale.formatting import format_phone

        customer = Customer.get_or_none(Customer.id == order.customer_id)
        contact = (format_phone(customer.phone), customer.email or "") if customer else ()
        return layouts.OrderFormData(
            customer_name=customer.name if customer else "",
            contact=contact,
            order_number=order.number,
            received_on=order.received_on,
            promised_on=order.promised_on,
            shelf=order.shelf,
            staff=order.staff,
            media=_lines(order, settings),
            notes=order.notes,
            reprint=job.reprint,
        )
    if job.kind == "receipt":
        return layouts.ReceiptData(
            shop_name=settings.shop_name,
            shop_contact=settings.shop_contact,
            order_number=order.number,
            received_on=order.received_on,
            media=_lines(order, settings),
            estimate_ore=order.estimate_ore,
            promised_on=order.promised_on,
            reprint=job.reprint,
        )
    if job.kind == "return_receipt":
        return layouts.ReturnReceiptData(
            shop_name=settings.shop_name,
            shop_contact=settings.shop_contact,
            order_number=order.number,
            on=job.created_at.date() if job.created_at else clock.today(),
            media=_lines(order, settings),
            close_reason=order.close_reason,
            reprint=job.reprint,
        )
    raise ValueError(f"unknown print kind {job.kind!r}")


def build_payload(kind: str, data: object, paper: layouts.Paper) -> bytes:
    """A job's exact ESC/POS bytes (a document has its own layout module)."""
    if kind == "document":
        printer = layouts.dummy_printer()
        document_receipt.document(printer, data, paper)  # type: ignore[arg-type]
        return printer.output  # type: ignore[no-any-return]
    return layouts.build(kind, data, paper)
