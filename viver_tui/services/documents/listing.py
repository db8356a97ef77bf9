"""The documents of an order or a customer, as the documents screen lists them."""

from __future__ import annotations

from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.models import Document
from viver_tui.services.documents.core import Database, DocumentView, view_of, views
from viver_tui.services.staff import Who, require_contact


def documents_for_order(
    db: Database, order_id: int, settings: Settings, who: Who
) -> list[DocumentView]:
    """The order's documents (its accepted quote, confirmation, invoices, credit
    notes), oldest first."""
    require_contact(who)
    with reading(db):
        return views(
            Document.select().where(Document.order == order_id).order_by(Document.id), settings
        )


def documents_for_customer(
    db: Database, customer_id: int, settings: Settings, who: Who
) -> list[DocumentView]:
    """Every document of the customer, newest first."""
    require_contact(who)
    with reading(db):
        return views(
            Document.select()
            .where(Document.customer == customer_id)
            .order_by(Document.id.desc()),
            settings,
        )


def get_document(db: Database, document_id: int, settings: Settings, who: Who) -> DocumentView:
    require_contact(who)
    with reading(db):
        return view_of(document_id, settings)
