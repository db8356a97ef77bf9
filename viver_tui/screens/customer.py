"""The customer card, and the form that registers or corrects a customer."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Checkbox, DataTable, Footer, Header, Input, Label, Select, Static

from viver_tui.errors import FormErrors, ViverError
from viver_tui.locale import t
from viver_tui.locale.formatting import format_date, format_org_number, format_phone
from viver_tui.screens.base import run_service
from viver_tui.services import customers
from viver_tui.services.customers import CustomerHit, CustomerInput, CustomerView, OrderSummary
from viver_tui.widgets.status_bar import StatusBar


@dataclass(frozen=True)
class CustomerCard:
    customer: CustomerView
    orders: list[OrderSummary]


class CustomerScreen(Screen[None]):
    """One customer: contact data, letter opt-out, orders. Opening it is audited."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back"), id="back"),
        Binding("f3", "edit", t("key.edit"), id="edit-customer"),
        Binding("f4", "new_order", t("key.new_order"), id="new-order"),
    ]

    def __init__(self, customer_id: int) -> None:
        super().__init__(id="customer-screen")
        self.customer_id = customer_id
        self.customer: CustomerView | None = None
        self.orders: list[OrderSummary] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="customer-body"):
            yield Static("", id="customer-details")
            yield Label(t("card.orders"), classes="section-title")
            table: DataTable[str] = DataTable(id="orders", cursor_type="row", zebra_stripes=True)
            table.add_column(t("col.order"), key="number", width=10)
            table.add_column(t("col.status"), key="status", width=20)
            table.add_column(t("col.received"), key="received", width=12)
            table.add_column(t("col.media"), key="media", width=14)
            yield table
        yield StatusBar(id="status-bar")
        yield Footer()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        db, staff, cid = self.app.db, self.app.staff, self.customer_id

        def fetch() -> CustomerCard:
            return CustomerCard(customers.get(db, cid, staff), customers.customer_orders(db, cid))

        run_service(self, fetch, on_done=self.show_card, on_error=self._failed)

    def _failed(self, error: ViverError) -> None:
        self.query_one("#customer-details", Static).update(error.message)

    def show_card(self, card: CustomerCard) -> None:
        self.show_customer(card.customer)
        self.show_orders(card.orders)

    def show_customer(self, c: CustomerView) -> None:
        self.customer = c
        lines = [f"[b]{c.name}[/b]  ({t('kind.' + c.kind)})"]
        if c.phone:
            lines.append(f"{t('form.phone')}: {format_phone(c.phone)}")
        if c.email:
            lines.append(f"{t('form.email')}: {c.email}")
        address = ", ".join(
            p for p in (c.address, " ".join(filter(None, (c.postal_code, c.city)))) if p
        )
        if address:
            lines.append(f"{t('form.address')}: {address}")
        if c.org_number:
            lines.append(f"{t('form.org_number')}: {format_org_number(c.org_number)}")
        if c.letters_opt_out_at:
            lines.append(t("card.opt_out", date=format_date(c.letters_opt_out_at)))
        lines.append(
            f"{t('card.created', date=format_date(c.created_at))} · "
            f"{t('card.updated', date=format_date(c.updated_at))}"
        )
        self.query_one("#customer-details", Static).update("\n".join(lines))

    def show_orders(self, orders: list[OrderSummary]) -> None:
        self.orders = orders
        table = self.query_one("#orders", DataTable)
        table.clear()
        for order in orders:
            table.add_row(
                str(order.number),
                t(f"order.status.{order.status}"),
                format_date(order.received_on),
                f"{order.returned_count}/{order.media_count}",
                key=str(order.id),
            )
        if not orders:
            table.add_row(t("card.no_orders"), "", "", "")

    def on_screen_resume(self) -> None:
        # Back from an intake or an order: fresh order counts. Not the customer: reading
        # it again would log another access to their data, and a correction brings its
        # own fresh copy (_edited).
        if self.customer is not None:
            run_service(
                self,
                partial(customers.customer_orders, self.app.db, self.customer_id),
                on_done=self.show_orders,
            )

    @on(DataTable.RowSelected, "#orders")
    def open_order(self, event: DataTable.RowSelected) -> None:
        if self.orders and event.row_key.value is not None:
            self.app.open_order(int(event.row_key.value))  # type: ignore[attr-defined]

    def action_edit(self) -> None:
        if self.customer is None:
            return
        self.app.push_screen(
            CustomerFormDialog(customers.input_from_view(self.customer), self.customer_id),
            self._edited,
        )

    def _edited(self, view: CustomerView | None) -> None:
        if view is not None:
            self.show_customer(view)

    def action_new_order(self) -> None:
        self.app.open_intake(self.customer_id)  # type: ignore[attr-defined]


# What saving the form gives back: the saved customer, or the (phone, e-mail) pair and
# the customers that already have them.
SaveResult = CustomerView | tuple[tuple[object, object], list[CustomerHit]]

_FIELDS = ("name", "phone", "email", "address", "postal_code", "city", "org_number")


class CustomerFormDialog(ModalScreen[CustomerView | None]):
    """Register (no ``customer_id``) or correct a customer.

    Enter moves to the next field and saves from the last; Ctrl+S or F10 saves from
    anywhere. Errors show beside their field and nothing typed is cleared. A phone or
    e-mail that already belongs to someone gives a warning first; saving again with the
    same values registers anyway (families share a phone, firms an e-mail).
    """

    BINDINGS = [
        Binding("ctrl+s", "save", t("key.save"), id="save", priority=True),
        Binding("f10", "save", t("key.save"), show=False),
        Binding("escape", "cancel", t("key.cancel"), id="cancel"),
    ]

    def __init__(self, initial: CustomerInput, customer_id: int | None = None) -> None:
        super().__init__(id="customer-form")
        self.initial = initial
        self.customer_id = customer_id
        self._confirmed_duplicates: tuple[object, object] | None = None
        self._saving = False

    def compose(self) -> ComposeResult:
        title = "form.title.new" if self.customer_id is None else "form.title.edit"
        with Vertical(id="form-box"):
            yield Label(t(title), id="form-title")
            with Grid(id="form-grid"):
                yield Label(t("form.kind"))
                yield Select(
                    [(t("kind.private"), "private"), (t("kind.business"), "business")],
                    value=self.initial.kind,
                    allow_blank=False,
                    id="kind",
                )
                yield Static()
                for name in _FIELDS:
                    yield Label(t(f"form.{name}"), id=f"{name}-label")
                    yield Input(getattr(self.initial, name), id=name)
                    yield Label("", id=f"{name}-error", classes="field-error")
            yield Checkbox(
                t("form.letters_opt_out"), self.initial.letters_opt_out, id="letters_opt_out"
            )
            yield Static("", id="form-message")
            with Horizontal(id="form-keys"):
                yield Label(f"Ctrl+S {t('key.save')}   Esc {t('key.cancel')}")

    def on_mount(self) -> None:
        self._show_org_number(self.initial.kind)
        first_empty = next((n for n in _FIELDS if not getattr(self.initial, n)), "name")
        self.query_one(f"#{first_empty}", Input).focus()

    @on(Select.Changed, "#kind")
    def kind_changed(self, event: Select.Changed) -> None:
        self._show_org_number(str(event.value))

    def _show_org_number(self, kind: str) -> None:
        for widget_id in ("#org_number", "#org_number-label", "#org_number-error"):
            self.query_one(widget_id).display = kind == "business"

    @on(Input.Submitted)
    def next_field(self, event: Input.Submitted) -> None:
        event.stop()
        visible = [n for n in _FIELDS if self.query_one(f"#{n}", Input).display]
        if event.input.id == visible[-1]:
            self.action_save()
        else:
            self.focus_next()

    def form_input(self) -> CustomerInput:
        values = {name: self.query_one(f"#{name}", Input).value for name in _FIELDS}
        return CustomerInput(
            kind=str(self.query_one("#kind", Select).value),
            letters_opt_out=self.query_one("#letters_opt_out", Checkbox).value,
            **values,
        )

    def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        data = self.form_input()
        db, staff, cid = self.app.db, self.app.staff, self.customer_id
        confirmed = self._confirmed_duplicates

        def save() -> SaveResult:
            cleaned = customers.validate(data)
            key = (cleaned["phone"], cleaned["email"])
            if key != confirmed:
                duplicates = customers.find_duplicates(db, *key, exclude_id=cid)  # type: ignore[arg-type]
                if duplicates:
                    return key, duplicates
            if cid is None:
                return customers.register(db, data, staff)
            return customers.update(db, cid, data, staff)

        run_service(self, save, on_done=self._saved, on_error=self._failed)

    def _saved(self, result: SaveResult) -> None:
        self._saving = False
        self._clear_errors()
        if isinstance(result, CustomerView):
            self.app.notify(t("form.saved", name=result.name))
            self.dismiss(result)
            return
        key, duplicates = result
        self._confirmed_duplicates = key
        data = self.form_input()
        what = []
        if any(d.phone == key[0] for d in duplicates if key[0]):
            what.append(t("form.duplicate.phone"))
        if any(d.email == key[1] for d in duplicates if key[1]):
            what.append(t("form.duplicate.email"))
        names = ", ".join(sorted({d.name for d in duplicates}))
        message = self.query_one("#form-message", Static)
        message.update(t("form.duplicate", what=" og ".join(what), names=names))
        message.set_class(True, "-warning")
        self.initial = replace(data)

    def _failed(self, error: ViverError) -> None:
        self._saving = False
        self._clear_errors()
        message = self.query_one("#form-message", Static)
        if isinstance(error, FormErrors):
            for name, text in error.errors.items():
                if name in _FIELDS:
                    self.query_one(f"#{name}-error", Label).update(text)
                    self.query_one(f"#{name}", Input).add_class("-invalid")
            message.update(t("form.fix_errors"))
            first = next((n for n in _FIELDS if n in error.errors), None)
            if first:
                self.query_one(f"#{first}", Input).focus()
        else:
            message.update(error.message)
        message.set_class(True, "-error")

    def _clear_errors(self) -> None:
        for name in _FIELDS:
            self.query_one(f"#{name}-error", Label).update("")
            self.query_one(f"#{name}", Input).remove_class("-invalid")
        message = self.query_one("#form-message", Static)
        message.update("")
        message.remove_class("-error", "-warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
