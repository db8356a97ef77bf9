"""The documents of an order (F10 on the order, F7 at pickup) or of a customer (F2 on
the customer card): quotes, the order confirmation, invoices, credit notes.

F2 issues the order's invoice (or makes a quote for the customer), F3 prints the
highlighted document on the receipt printer, F4 keeps it as a PDF and says where,
F6 marks an invoice paid (to the bank, later), F7 credits it, F8 voids a spoiled one,
F10 accepts a quote (its media become an order's draft, opened for intake). Why an
invoice cannot be issued (the company's settings, the buyer's address) is said at the
top as soon as the screen opens, before anything is typed.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.locale.formatting import format_date, format_money
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.screens.document_dialogs import Field, FieldsDialog
from viver_tui.services import documents
from viver_tui.services.documents import DocumentView, InvoiceDraft
from viver_tui.widgets.fitted_table import WHOLE, WIDE, FittedTable, Share
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.print_status import wake_print_queue
from viver_tui.widgets.status_bar import StatusBar

YES = ("j", "ja", "y", "yes")


def state_text(view: DocumentView) -> str:
    """What the list says of a document's state: paid, due, credited, expired …"""
    if view.status == documents.VOID:
        return t("doc.state.void")
    if view.restricted:
        return t("doc.state.restricted")
    if view.kind == documents.QUOTE:
        if view.status == documents.ACCEPTED:
            return t("doc.state.accepted", number=view.order_number or "")
        if view.expired():
            return t("doc.state.expired", date=format_date(view.valid_until))
        return t("doc.state.valid_until", date=format_date(view.valid_until))
    if view.kind == documents.INVOICE:
        if view.credited_ore >= view.total_ore:
            return t("doc.state.credited")
        if view.due_ore == 0:
            return t("doc.state.paid")
        return t("doc.state.due", amount=format_money(view.due_ore),
                 date=format_date(view.due_on))
    if view.kind == documents.CREDIT_NOTE:
        return t("doc.state.credits", number=view.credits_number or "")
    return t("doc.state.issued")


def _units(unit: str, count: int) -> str:
    return t("production.units.photos" if unit == "photo" else "production.units.minutes",
             count=count)


def basis_words(line: documents.Line) -> str:
    """What a medium line of the invoice to come charges, in the screen's language:
    "faktisk 94 min, anslått 20 min" or "anslått 20 min – ikke målt"; empty else."""
    if line.basis == documents.ACTUAL:
        return t("doc.screen.basis.actual", amount=_units(line.unit, line.quantity),
                 estimate=_units(line.unit, line.estimate_units))
    if line.basis == documents.ESTIMATED:
        return t("doc.screen.basis.estimate", amount=_units(line.unit, line.quantity))
    return ""


def actual_vs_estimate(draft: InvoiceDraft) -> str:
    """The difference the counter sees before issuing: what production recorded against
    what was estimated at intake; empty when nothing was recorded."""
    if not any(line.basis == documents.ACTUAL for line in draft.lines):
        return ""
    difference = draft.total_ore - draft.estimate_total_ore
    sign = "+" if difference >= 0 else "−"
    return t("doc.screen.actual", estimate=format_money(draft.estimate_total_ore),
             actual=format_money(draft.total_ore),
             difference=f"{sign} {format_money(abs(difference))}")


class DocumentsScreen(Screen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="back"),
        Binding("f2", "new", "key.doc_new", id="doc-new"),
        Binding("f3", "print", "key.doc_print", id="doc-print"),
        Binding("f4", "pdf", "key.doc_pdf", id="doc-pdf"),
        Binding("f6", "paid", "key.doc_paid", id="doc-paid"),
        Binding("f7", "credit", "key.doc_credit", id="doc-credit"),
        Binding("f8", "void", "key.doc_void", id="doc-void"),
        Binding("f10", "accept", "key.doc_accept", id="doc-accept"),
    ]
    DEFAULT_CSS = """
    DocumentsScreen #documents-body { padding: 0 1; }
    DocumentsScreen #documents-info { height: auto; margin-bottom: 1; }
    DocumentsScreen #documents-problem { height: auto; color: $warning; }
    DocumentsScreen #documents-message { height: auto; margin-top: 1; }
    DocumentsScreen #documents-message.-error { color: $error; }
    DocumentsScreen #documents-table { height: 1fr; }
    """

    def __init__(self, *, order_id: int | None = None, customer_id: int | None = None) -> None:
        super().__init__()  # no id: see OrderScreen
        localize_bindings(self)
        self.order_id = order_id
        self.customer_id = customer_id
        self.documents: list[DocumentView] = []
        self.draft: InvoiceDraft | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="documents-body"):
            yield Static(t("doc.screen.loading"), id="documents-info")
            yield Static("", id="documents-problem")
            table = FittedTable(id="documents-table", cursor_type="row", zebra_stripes=True)
            table.add_column(t("doc.col.document"), key="document")
            table.add_column(t("doc.col.company"), key="company")
            table.add_column(t("doc.col.date"), key="date")
            table.add_column(t("doc.col.total"), key="total")
            table.add_column(t("doc.col.state"), key="state")
            table.set_shares({"document": WIDE, "date": WHOLE, "total": WHOLE, "state": Share(2)})
            yield table
            yield Static("", id="documents-message")
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    @property
    def _app(self):  # type: ignore[no-untyped-def]
        return self.app

    def on_mount(self) -> None:
        self.query_one("#documents-table", DataTable).focus()
        self.reload()

    def on_screen_resume(self) -> None:
        if self.documents:  # back from the intake of an accepted quote, or a dialog
            self.reload()

    def reload(self, select: int | None = None) -> None:
        app = self._app
        if self.order_id is not None:
            call = partial(documents.documents_for_order, app.db, self.order_id, app.settings,
                           app.who)
            run_service(self, partial(documents.draft_invoice, app.db, self.order_id,
                                      app.settings, app.who),
                        on_done=self.show_draft, on_error=self.failed)
        else:
            call = partial(documents.documents_for_customer, app.db, self.customer_id,
                           app.settings, app.who)
        run_service(self, call, on_done=partial(self.show, select=select),
                    on_error=self.failed)

    def show_draft(self, draft: InvoiceDraft) -> None:
        self.draft = draft
        info = t("doc.screen.order", number=draft.order_number, company=draft.company_name,
                 amount=format_money(draft.total_ore))
        compared = actual_vs_estimate(draft)
        self.query_one("#documents-info", Static).update(
            shown(f"{info}\n{compared}" if compared else info)
        )
        problem = draft.problem
        if draft.existing is not None:
            problem = t("doc.screen.invoiced", number=draft.existing)
        self.query_one("#documents-problem", Static).update(shown(problem or ""))
        self.refresh_bindings()

    def show(self, views: list[DocumentView], select: int | None = None) -> None:
        self.documents = views
        if self.order_id is None:
            self.query_one("#documents-info", Static).update(
                t("doc.screen.customer", id=self.customer_id, count=len(views))
            )
        table = self.query_one("#documents-table", DataTable)
        row = table.cursor_row
        table.clear()
        for view in views:
            table.add_row(
                Text(view.title), shown(view.company_name), Text(format_date(view.issued_on)),
                Text(format_money(view.total_ore)), Text(state_text(view)), key=str(view.id),
            )
        if views:
            if select is not None:
                row = next((i for i, v in enumerate(views) if v.id == select), row)
            table.move_cursor(row=min(max(row, 0), len(views) - 1))
        if not views:
            self.say(t("doc.screen.none"))
        self.refresh_bindings()

    def selected(self) -> DocumentView | None:
        if not self.documents:
            return None
        row = self.query_one("#documents-table", DataTable).cursor_row
        return self.documents[max(0, min(row, len(self.documents) - 1))]

    def say(self, text: str, *, error: bool = False) -> None:
        line = self.query_one("#documents-message", Static)
        line.update(shown(text))
        line.set_class(error, "-error")

    def failed(self, error: ViverError) -> None:
        self.say(error.message, error=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        view = self.selected()
        if action == "accept":
            return self.order_id is None and view is not None and view.kind == documents.QUOTE
        if action in ("paid", "credit", "void"):
            return view is not None and view.kind == documents.INVOICE
        if action in ("print", "pdf"):
            return view is not None
        return True

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()

    # --- the keys ------------------------------------------------------------------------

    def action_new(self) -> None:
        if self.order_id is not None:
            self._new_invoice()
        else:
            self._new_quote()

    def _issued(self, view: DocumentView | None) -> None:
        if view is None:
            return
        wake_print_queue(self.app)
        self.say(t("doc.screen.issued", title=view.title))
        self.reload(select=view.id)

    def _new_invoice(self) -> None:
        draft = self.draft
        if draft is None:
            return
        app = self._app
        about = Text()
        for line in draft.lines:
            about.append(f"{line.text}  {format_money(line.amount_ore)}")
            basis = basis_words(line)
            if basis:
                about.append(f"  ({basis})", "bold" if line.basis == documents.ACTUAL else "")
            about.append("\n")
        about.append(t("doc.invoice.total", amount=format_money(draft.total_ore)), "bold")
        compared = actual_vs_estimate(draft)
        if compared:
            about.append(f"\n{compared}")
        products = ", ".join(f"{p.key} {p.quantity}" for p in draft.products)
        blocked = draft.problem or (
            t("doc.screen.invoiced", number=draft.existing) if draft.existing else None
        )

        def make_call(values: dict[str, str]):  # type: ignore[no-untyped-def]
            chosen = documents.parse_products(values["products"], app.settings)
            discount = None
            if values["discount"].strip():
                discount = documents.Discount(
                    documents.parse_amount(values["discount"], field="discount"),
                    values["reason"],
                )
            paid = []
            if values["paid"].strip():
                paid.append(documents.TillPayment(
                    documents.parse_method(values["method"] or "kort"),
                    documents.parse_amount(values["paid"], field="paid"),
                    values["reference"],
                ))
            return partial(
                documents.issue_invoice, app.db, draft.order_id, app.settings, app.who,
                products=chosen, discount=discount, paid=paid,
                terminal=app.settings.terminal, print_receipt=True,
                email=values["email"].strip().lower() in YES,
            )

        fields = [
            Field("products", t("doc.invoice.products"), t("doc.invoice.products_hint"),
                  products),
            Field("discount", t("doc.invoice.discount"), "0"),
            Field("reason", t("doc.invoice.reason")),
            Field("paid", t("doc.invoice.paid"), t("doc.invoice.paid_hint")),
            Field("method", t("doc.invoice.method"), t("doc.invoice.method_hint")),
            Field("reference", t("doc.invoice.reference")),
            # "send as invoice": by e-mail, PDF attached (services/mail/)
            Field("email", t("mail.invoice.send"), t("mail.invoice.send_hint")),
        ]
        title = t("doc.invoice.title", number=draft.order_number, company=draft.company_name)
        self.app.push_screen(FieldsDialog(title, about, fields, make_call, blocked=blocked),
                             self._issued)

    def _new_quote(self) -> None:
        app = self._app
        kinds = ", ".join(k.key for k in app.settings.media_kinds[:6])
        about = Text(t("doc.quote.about", kinds=kinds,
                       products=", ".join(p.key for p in app.settings.products)))

        def make_call(values: dict[str, str]):  # type: ignore[no-untyped-def]
            return partial(
                documents.make_quote, app.db, self.customer_id, app.settings, app.who,
                documents.parse_quote_lines(values["lines"]), company=values["company"].strip(),
                valid_until=values["valid_until"], terminal=app.settings.terminal,
                print_receipt=True,
            )

        fields = [
            Field("lines", t("doc.quote.lines"), "vhs 3, super8 2 20, usb-128"),
            Field("valid_until", t("doc.quote.valid_until"), t("doc.quote.valid_hint")),
            Field("company", t("doc.quote.company"), app.settings.default_company,
                  app.settings.default_company),
        ]
        self.app.push_screen(FieldsDialog(t("doc.quote.title"), about, fields, make_call),
                             self._issued)

    def action_print(self) -> None:
        view = self.selected()
        if view is None:
            return
        app = self._app

        def queued(_job: int) -> None:
            wake_print_queue(self.app)
            self.say(t("doc.screen.printing", title=view.title))

        run_service(self, partial(documents.print_document, app.db, view.id, app.who,
                                  terminal=app.settings.terminal),
                    on_done=queued, on_error=self.failed)

    def action_pdf(self) -> None:
        view = self.selected()
        if view is None:
            return
        app = self._app
        run_service(
            self, partial(documents.document_pdf, app.db, view.id, app.settings, app.who),
            on_done=lambda pdf: self.say(t("doc.screen.pdf", title=view.title, path=pdf.path)),
            on_error=self.failed,
        )

    def _invoice_dialog(self, title_key: str, fields: list[Field], make_call) -> None:  # type: ignore[no-untyped-def]
        view = self.selected()
        if view is None or view.kind != documents.INVOICE:
            return
        about = Text(t("doc.invoice.summary", title=view.title,
                       total=format_money(view.total_ore), state=state_text(view)))
        self.app.push_screen(
            FieldsDialog(t(title_key, title=view.title), about, fields,
                         partial(make_call, view)),
            self._changed,
        )

    def _changed(self, view: DocumentView | None) -> None:
        if view is not None:
            self.say(t("doc.screen.saved", title=view.title, state=state_text(view)))
            self.reload(select=view.id)

    def action_paid(self) -> None:
        app = self._app

        def make_call(view: DocumentView, values: dict[str, str]):  # type: ignore[no-untyped-def]
            amount = (documents.parse_amount(values["amount"])
                      if values["amount"].strip() else None)
            return partial(documents.record_payment, app.db, view.id, app.settings, app.who,
                           amount_ore=amount, reference=values["reference"])

        view = self.selected()
        rest = format_money(view.due_ore) if view else ""
        self._invoice_dialog("doc.paid.title", [
            Field("amount", t("doc.paid.amount", rest=rest), rest),
            Field("reference", t("doc.paid.reference")),
        ], make_call)

    def action_credit(self) -> None:
        app = self._app

        def make_call(view: DocumentView, values: dict[str, str]):  # type: ignore[no-untyped-def]
            amount = (documents.parse_amount(values["amount"])
                      if values["amount"].strip() else None)
            return partial(documents.issue_credit_note, app.db, view.id, app.settings,
                           app.who, reason=values["reason"], amount_ore=amount,
                           terminal=app.settings.terminal, print_receipt=True)

        self._invoice_dialog("doc.credit.title", [
            Field("amount", t("doc.credit.amount"), t("doc.credit.amount_hint")),
            Field("reason", t("doc.credit.reason")),
        ], make_call)

    def action_void(self) -> None:
        app = self._app

        def make_call(view: DocumentView, values: dict[str, str]):  # type: ignore[no-untyped-def]
            return partial(documents.void_invoice, app.db, view.id, app.settings, app.who,
                           values["reason"])

        self._invoice_dialog("doc.void.title", [
            Field("reason", t("doc.void.reason")),
        ], make_call)

    def action_accept(self) -> None:
        view = self.selected()
        if view is None or view.kind != documents.QUOTE:
            return
        app = self._app

        def accepted(order) -> None:  # type: ignore[no-untyped-def]
            self.say(t("doc.screen.accepted", title=view.title, number=order.number))
            app.open_intake(order.customer_id, order.id)

        run_service(self, partial(documents.accept_quote, app.db, view.id, app.settings,
                                  app.who), on_done=accepted, on_error=self.failed)
