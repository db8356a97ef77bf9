"""The customer card, and the form that registers or corrects a customer."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Checkbox, DataTable, Header, Input, Label, Select, Static

from viver_tui.config import default_backup_dir
from viver_tui.errors import FormErrors, ViverError
from viver_tui.locale import t
from viver_tui.locale.display import printable, shown
from viver_tui.locale.formatting import format_date, format_org_number, format_phone
from viver_tui.screens.admin_dialogs import (
    ConsentDialog,
    EraseDialog,
    InnsynDialog,
    consent_lines,
    is_admin,
    may_record_consent,
)
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.screens.login import may_see_contact
from viver_tui.services import customers, privacy
from viver_tui.services.customers import (
    CustomerCard,
    CustomerChanged,
    CustomerInput,
    CustomerView,
    DuplicatesFound,
    OrderSummary,
    Saved,
)
from viver_tui.services.privacy import AccessExport, ConsentView, ErasureResult
from viver_tui.widgets.field_input import run_own_binding
from viver_tui.widgets.fitted_table import WHOLE, WIDE, FittedTable
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.status_bar import StatusBar


class CustomerScreen(Screen[None]):
    """One customer: contact data, letter opt-out, orders, consents. Opening it is audited.

    F6 gives or withdraws a consent (counter and admin); for an admin, F7 writes an
    innsyn export and Delete erases the customer after a confirmation. The outcome —
    the refusal's reasons, or "pending" while another reader keeps the checkpoint
    busy — stays on the card.
    """

    DEFAULT_CSS = """
    #privacy-message { height: auto; }
    #privacy-message.-done { color: $success; }
    #privacy-message.-pending { color: $warning; }
    #privacy-message.-refused { color: $error; }
    """

    # Keys typed right behind these land in the form they open (widgets/type_ahead.py).
    OPENS_FORM = frozenset({"new-order"})
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="back"),
        Binding("f3", "edit", "key.edit", id="edit-customer"),
        Binding("f4", "new_order", "key.new_order", id="new-order"),
        Binding("f2", "documents", "key.customer_documents", id="customer-documents"),
        # Privacy (admin_dialogs.py): shown only to the roles that may use them.
        Binding("f6", "consents", "key.consents", id="consents"),
        Binding("f7", "innsyn", "key.innsyn", id="innsyn"),
        Binding("delete", "erase", "key.erase", id="erase-customer"),
    ]

    def __init__(self, customer_id: int) -> None:
        # A class, not an id: an admin may open a card from the access log while
        # another card is below it in the stack, and screen ids must be unique there.
        super().__init__(classes="customer-screen")
        localize_bindings(self)
        self.customer_id = customer_id
        self.customer: CustomerView | None = None
        self.orders: list[OrderSummary] = []
        self.shown_to: object = None  # the person the card was read for

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="customer-body"):
            yield Static("", id="customer-details")
            yield Static("", id="privacy-message")
            yield Label(t("card.orders"), classes="section-title")
            table = FittedTable(id="orders", cursor_type="row", zebra_stripes=True)
            table.add_column(t("col.order"), key="number")
            table.add_column(t("col.status"), key="status")
            table.add_column(t("col.received"), key="received")
            table.add_column(t("col.media"), key="media")
            table.set_shares({"number": WHOLE, "status": WIDE, "received": WHOLE, "media": WHOLE})
            yield table
            yield Label(t("card.consents"), classes="section-title")
            yield Static("", id="customer-consents")
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        # Read as the person at the counter may see it (production: no contact details).
        db, staff = self.app.db, self.app.who  # type: ignore[attr-defined]
        self.shown_to = staff
        run_service(
            self,
            partial(customers.open_card, db, self.customer_id, staff),
            on_done=self.show_card,
            on_error=self._failed,
        )

    def _failed(self, error: ViverError) -> None:
        self.query_one("#customer-details", Static).update(shown(error.message))

    def show_card(self, card: CustomerCard) -> None:
        self.show_customer(card.customer)
        self.show_orders(card.orders)
        self.load_consents()

    def show_customer(self, c: CustomerView) -> None:
        self.customer = c
        # Stored text is data: every value goes in as plain text (locale/display.py).
        details = shown(c.name)
        details.stylize("bold")
        details.append(f"  ({t('kind.' + c.kind)})")
        lines: list[str] = []
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
        if c.language is not None:  # production is sent none (names only)
            lines.append(f"{t('form.language')}: {t('customer.language.' + c.language)}")
        if not may_see_contact(self.app):
            lines.append(t("role.no_contact"))  # the service sent none
        if c.letters_opt_out_at:
            lines.append(t("card.opt_out", date=format_date(c.letters_opt_out_at)))
        lines.append(
            f"{t('card.created', date=format_date(c.created_at))} · "
            f"{t('card.updated', date=format_date(c.updated_at))}"
        )
        for line in lines:
            details.append("\n")
            details.append_text(shown(line))
        self.query_one("#customer-details", Static).update(details)

    def show_orders(self, orders: Sequence[OrderSummary]) -> None:
        self.orders = list(orders)
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
        # Someone else signed in over this card: read it again as they may see it (a
        # new access, logged for them).
        if self.shown_to != self.app.who:  # type: ignore[attr-defined]
            self.refresh_bindings()
            self.load()
            return
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
            CustomerFormDialog(
                customers.input_from_view(self.customer), self.customer_id, opened=self.customer
            ),
            self._edited,
        )

    def _edited(self, view: CustomerView | None) -> None:
        if view is not None:
            self.show_customer(view)

    def action_new_order(self) -> None:
        self.app.open_intake(self.customer_id)  # type: ignore[attr-defined]

    def action_documents(self) -> None:
        """F2: the customer's quotes, confirmations, invoices; a new quote."""
        self.app.open_documents(customer_id=self.customer_id)  # type: ignore[attr-defined]

    # --- privacy: consents (counter, admin), innsyn and erasure (admin) ------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # False hides the key from the footer and refuses it; the service refuses too.
        if action in ("edit", "documents"):  # production: no contact details, no documents
            return may_see_contact(self.app)
        if action in ("innsyn", "erase"):
            return is_admin(self.app)
        if action == "consents":
            return may_record_consent(self.app)
        return True

    def load_consents(self) -> None:
        run_service(
            self,
            partial(privacy.consents_for, self.app.db, self.customer_id),  # type: ignore[attr-defined]
            on_done=self.show_consents,
        )

    def show_consents(self, consents: list[ConsentView]) -> None:
        self.query_one("#customer-consents", Static).update(consent_lines(consents))

    def say(self, message: str, kind: str) -> None:
        """A privacy outcome on the card itself (kind: done, pending, refused), so it
        stays in view, unlike a notification."""
        line = self.query_one("#privacy-message", Static)
        line.update(shown(message, multiline=True))
        line.set_classes(f"-{kind}")

    def action_consents(self) -> None:
        if self.customer is not None:
            self.app.push_screen(ConsentDialog(self.customer_id), self._consents_changed)

    def _consents_changed(self, changed: bool | None) -> None:
        if changed:
            self.load_consents()

    def action_innsyn(self) -> None:
        if self.customer is not None:
            self.app.push_screen(InnsynDialog(self.customer_id), self._exported)

    def _exported(self, result: AccessExport | None) -> None:
        if result is None:
            return
        how = result.request.delivered_how
        self.say(
            t("innsyn_dialog.done", json=str(result.json_path), text=str(result.text_path),
              date=format_date(result.request.answered_on),
              how=how or t("innsyn_dialog.how_unsaid")),
            "done",
        )

    def action_erase(self) -> None:
        if self.customer is not None:
            self.app.push_screen(
                EraseDialog(self.customer_id, self.customer.name), self._erase_confirmed
            )

    def _erase_confirmed(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        app = self.app
        run_service(
            self,
            partial(
                privacy.erase_customer,
                app.db,  # type: ignore[attr-defined]
                self.customer_id,
                app.signed_in,  # type: ignore[attr-defined]
                spool_dir=app.settings.spool_dir,  # type: ignore[attr-defined]
                backups=privacy.Backups(
                    default_backup_dir(),
                    app.settings.backup_retention_days,  # type: ignore[attr-defined]
                ),
            ),
            on_done=self._erased,
            on_error=lambda error: self.say(error.message, "refused"),
        )

    def _erased(self, result: ErasureResult) -> None:
        # ``finished`` is True only when no byte of the person is left: a busy checkpoint
        # says "pending", never "erased".
        self.say(result.message, "done" if result.finished else "pending")
        queue = getattr(self.app, "print_queue", None)
        if queue is not None:  # the print preview may show this customer's name
            queue.forget_jobs(result.print_jobs)
        self.load()  # the card now shows what is left: "Slettet kunde #id"


_FIELDS = ("name", "phone", "email", "address", "postal_code", "city", "org_number")
# The choices that are no text field (Tab reaches them; Enter moves through _FIELDS only).
_CHOICES = ("kind", "language")


class FormField(Input):
    """A field of the customer form that loses no key typed ahead of the focus.

    Textual hands each key to the widget focused when the app reads it, so keys typed
    right after Enter land in this field's queue before the focus has moved. Enter (and
    Ctrl+S / F10) is therefore handled here, in the same queue as the characters: it
    moves the focus at once (or saves), and every key that arrives here afterwards is
    passed on, in order, to the field this one handed the focus to.
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.handed_to: FormField | None = None

    def _on_focus(self, event: events.Focus) -> None:
        self.handed_to = None
        super()._on_focus(event)

    async def _on_key(self, event: events.Key) -> None:
        if self.handed_to is not None and self.screen.focused is not self:
            event.stop()
            event.prevent_default()
            self.handed_to.post_message(events.Key(event.key, event.character))
            return
        if event.key in ("enter", "ctrl+s", "f10") and isinstance(self.screen, CustomerFormDialog):
            event.stop()
            event.prevent_default()
            self.screen.field_entered(self, save=event.key != "enter")
            return
        if await run_own_binding(self, event):  # ⌫, ←, Home …: in typing order
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


class CustomerFormDialog(ModalScreen[CustomerView | None]):
    """Register (no ``customer_id``) or correct a customer.

    Enter moves to the next field and saves from the last; Ctrl+S or F10 saves from
    anywhere. Saving is one service call (``customers.save``); this dialog only shows
    its answer. Errors show beside their field (and go when the field is edited);
    nothing typed is cleared. A phone or e-mail that already belongs to someone gives a
    warning first; saving again with the same values registers anyway (families share a
    phone, firms an e-mail). If someone else changed the customer since the form was
    opened, nothing is saved: the message names what changed, the fields this person
    did not touch show the stored values, and what they typed stays.
    """

    BINDINGS = [
        # Not a priority binding: in a field, Ctrl+S waits behind the keys typed before it.
        Binding("ctrl+s", "save", "key.save", id="save"),
        Binding("f10", "save", "key.save", show=False),
        Binding("escape", "cancel", "key.cancel", id="cancel"),
    ]

    def __init__(
        self,
        initial: CustomerInput,
        customer_id: int | None = None,
        *,
        opened: CustomerView | None = None,
    ) -> None:
        super().__init__(id="customer-form")
        localize_bindings(self)
        self.initial = initial
        self.customer_id = customer_id
        # The customer as this form showed it: its version is the form's optimistic lock.
        self.opened = opened
        self._warned_contact: tuple[str, str] | None = None  # (phone, e-mail) as typed
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
                    yield FormField(printable(getattr(self.initial, name)), id=name)
                    yield Label("", id=f"{name}-error", classes="field-error")
            # What the customer gets by e-mail, on one line (the form fits 80×24): the
            # letters opt-out, and the language of their e-mails (services/mail) —
            # bokmål unless chosen. By keys: Tab from the last field to the opt-out
            # (Space ticks it), Tab to the language, then Enter or ↓, N or E, Enter.
            with Horizontal(id="form-choices"):
                yield Checkbox(
                    t("form.letters_opt_out"), self.initial.letters_opt_out,
                    id="letters_opt_out",
                )
                yield Label(t("form.language"), id="language-label")
                yield Select(
                    [(t(f"customer.language.{code}"), code) for code in customers.LANGUAGES],
                    value=self.initial.language,
                    allow_blank=False,
                    id="language",
                )
            yield Static("", id="form-message")
            with Horizontal(id="form-keys"):
                yield Label(f"Ctrl+S {t('key.save')}   Esc {t('key.cancel')}")

    def on_screen_resume(self) -> None:
        # The counter was locked with this form open and someone who may not see
        # contact details signed in: the form goes, with what it showed.
        if not may_see_contact(self.app):
            role = t(f"staff.role.{self.app.signed_in.role}")  # type: ignore[attr-defined]
            self.app.notify(t("role.form_closed", role=role), severity="warning")
            self.dismiss(None)

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

    @on(Input.Changed)
    def field_edited(self, event: Input.Changed) -> None:
        # An error belongs to what was typed when it was found: editing the field
        # takes it away, so a corrected e-mail does not keep its old complaint.
        name = event.input.id
        if name in _FIELDS:
            self.query_one(f"#{name}-error", Label).update("")
            event.input.remove_class("-invalid")

    def field_entered(self, field: FormField, *, save: bool = False) -> None:
        """Enter in ``field``: on to the next visible field, or save from the last."""
        visible = [n for n in _FIELDS if self.query_one(f"#{n}", Input).display]
        if save or field.id == visible[-1] or field.id not in visible:
            self.action_save()
            return
        following = self.query_one(f"#{visible[visible.index(field.id) + 1]}", FormField)
        field.handed_to = following
        self.set_focus(following)  # now, not after a refresh: the next key is for it

    def form_input(self) -> CustomerInput:
        values = {name: self.query_one(f"#{name}", Input).value for name in _FIELDS}
        return CustomerInput(
            kind=str(self.query_one("#kind", Select).value),
            language=str(self.query_one("#language", Select).value),
            letters_opt_out=self.query_one("#letters_opt_out", Checkbox).value,
            **values,
        )

    def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        data = self.form_input()
        run_service(
            self,
            partial(
                customers.save,
                self.app.db,  # type: ignore[attr-defined]
                data,
                self.app.who,  # type: ignore[attr-defined]
                customer_id=self.customer_id,
                opened=self.opened,
                accept_duplicates=(data.phone, data.email) == self._warned_contact,
            ),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, result: Saved | DuplicatesFound) -> None:
        self._saving = False
        self._clear_errors()
        if isinstance(result, Saved):
            self.app.notify(printable(t("form.saved", name=result.customer.name)), markup=False)
            self.dismiss(result.customer)
            return
        data = self.form_input()
        self._warned_contact = (data.phone, data.email)
        if result.phone and result.email:
            what = t("form.duplicate.both")
        else:
            what = t("form.duplicate.phone" if result.phone else "form.duplicate.email")
        names = ", ".join(sorted({d.name for d in result.duplicates}))
        message = self.query_one("#form-message", Static)
        message.update(shown(t("form.duplicate", what=what, names=names)))
        message.set_class(True, "-warning")

    def _failed(self, error: ViverError) -> None:
        self._saving = False
        self._clear_errors()
        message = self.query_one("#form-message", Static)
        if isinstance(error, FormErrors):
            for name, text in error.errors.items():
                if name in _FIELDS:
                    self.query_one(f"#{name}-error", Label).update(shown(text))
                    self.query_one(f"#{name}", Input).add_class("-invalid")
            # A language other than the two is no choice the form offers: said as is.
            wrong_language = error.errors.get("language")
            message.update(shown(wrong_language) if wrong_language else t("form.fix_errors"))
            first = next((n for n in _FIELDS if n in error.errors), None)
            if first:
                self.query_one(f"#{first}", Input).focus()
        elif isinstance(error, CustomerChanged):
            self._rebase(error)
            message.update(
                shown(t("form.changed", fields=customers.field_names(error.fields)))
            )
        else:
            message.update(shown(error.message))
        message.set_class(True, "-error")

    def _rebase(self, error: CustomerChanged) -> None:
        """Someone saved first: fields this person left alone take the stored values;
        what they typed stays; the next save is checked against the new version."""
        if self.opened is None:
            return
        before = customers.input_from_view(self.opened)
        now = customers.input_from_view(error.current)
        for name in _FIELDS:
            field = self.query_one(f"#{name}", Input)
            if field.value == printable(getattr(before, name)):
                field.value = printable(getattr(now, name))
        for name in _CHOICES:
            choice = self.query_one(f"#{name}", Select)
            if choice.value == getattr(before, name):
                choice.value = getattr(now, name)
        opt_out = self.query_one("#letters_opt_out", Checkbox)
        if opt_out.value == before.letters_opt_out:
            opt_out.value = now.letters_opt_out
        self.opened = error.current

    def _clear_errors(self) -> None:
        for name in _FIELDS:
            self.query_one(f"#{name}-error", Label).update("")
            self.query_one(f"#{name}", Input).remove_class("-invalid")
        message = self.query_one("#form-message", Static)
        message.update("")
        message.remove_class("-error", "-warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
