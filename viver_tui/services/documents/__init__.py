"""Customer documents: quote, order confirmation, invoice and credit note, for both
companies — one model each (``model``), rendered for the 80 mm receipt printer and as
an A4 PDF from one layout (``render`` → ``printing/sheet.py``).

- ``model``: the document and its arithmetic (øre, VAT per document, KID).
- ``numbering``: one unbroken series per company, assigned in the issuing transaction.
- ``work``: what was done on each medium — the ONE place an invoice reads it.
- ``quote``, ``confirmation``, ``invoice``, ``credit``: making each kind.
- ``files``: the PDFs, private and byte-identical; ``document_pdf`` for e-mail.
- ``printouts``: a document on the receipt printer.
- ``export``: ``viver export invoices``; ``retention``: after an erasure.

Screens use ``from viver_tui.services import documents`` and the names below.
"""

from __future__ import annotations

from viver_tui.services.documents.confirmation import confirm_order, record_confirmation
from viver_tui.services.documents.core import (
    ACCEPTED,
    ISSUED,
    VOID,
    AlreadyInvoiced,
    CannotInvoice,
    DocumentView,
    invoicing_problem,
    set_order_company,
)
from viver_tui.services.documents.credit import issue_credit_note
from viver_tui.services.documents.export import InvoiceExport, SeriesCheck, export_invoices
from viver_tui.services.documents.files import DocumentPdf, PdfMismatch, document_pdf
from viver_tui.services.documents.invoice import (
    Discount,
    InvoiceDraft,
    ProductLine,
    TillPayment,
    draft_invoice,
    issue_invoice,
    parse_amount,
    parse_method,
    parse_products,
    record_payment,
    void_invoice,
)
from viver_tui.services.documents.listing import (
    documents_for_customer,
    documents_for_order,
    get_document,
)
from viver_tui.services.documents.model import (
    ACTUAL,
    CONFIRMATION,
    CREDIT_NOTE,
    ESTIMATED,
    INVOICE,
    QUOTE,
    TILL_METHODS,
    Line,
)
from viver_tui.services.documents.printouts import print_document
from viver_tui.services.documents.quote import (
    QuoteLineInput,
    accept_quote,
    make_quote,
    parse_quote_lines,
)

__all__ = [
    "ACCEPTED",
    "ACTUAL",
    "CONFIRMATION",
    "CREDIT_NOTE",
    "ESTIMATED",
    "INVOICE",
    "ISSUED",
    "QUOTE",
    "TILL_METHODS",
    "VOID",
    "AlreadyInvoiced",
    "CannotInvoice",
    "Discount",
    "DocumentPdf",
    "DocumentView",
    "InvoiceDraft",
    "InvoiceExport",
    "Line",
    "PdfMismatch",
    "ProductLine",
    "QuoteLineInput",
    "SeriesCheck",
    "TillPayment",
    "accept_quote",
    "confirm_order",
    "document_pdf",
    "documents_for_customer",
    "documents_for_order",
    "draft_invoice",
    "export_invoices",
    "get_document",
    "invoicing_problem",
    "issue_credit_note",
    "issue_invoice",
    "make_quote",
    "parse_amount",
    "parse_method",
    "parse_products",
    "parse_quote_lines",
    "print_document",
    "record_confirmation",
    "record_payment",
    "set_order_company",
    "void_invoice",
]
