"""Innsyn requests (GDPR Art. 15) for an admin: received, deadline (one month),
answered, how delivered; overdue ones marked.

Open requests are listed, earliest deadline first (F4 shows answered ones too). F2
registers a request received for a customer (number and received date), F3 marks the
highlighted one answered with how the answer went out, Enter opens the customer's card
(where F7 writes the innsyn export, which answers the request by itself).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Header, Input, Label, Static

from viver_tui import clock
from viver_tui.errors import ValidationError, ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.locale.formatting import format_date
from viver_tui.screens.admin_dialogs import AdminScreen, is_admin
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import privacy
from viver_tui.services.privacy import AccessRequestRow, AccessRequestView
from viver_tui.widgets.field_input import FieldInput, move_focus
from viver_tui.widgets.footer import CounterFooter


class AccessRequestsScreen(AdminScreen):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="back"),
        Binding("f2", "new_request", "key.new_request", id="new-request"),
        Binding("f3", "answer", "key.answer_request", id="answer-request"),
        Binding("f4", "toggle_answered", "key.toggle_answered", id="toggle-answered"),
    ]
    DEFAULT_CSS = """
    #requests-info { margin: 1 2 0 2; height: auto; color: $text-muted; }
    #requests-message { margin: 0 2; height: auto; }
    #requests-message.-error { color: $error; }
    #requests { margin: 0 1; height: 1fr; }
    """

    def __init__(self) -> None:
        super().__init__(classes="access-requests-screen")  # may be stacked twice (F8 on it)
        localize_bindings(self)
        self.include_answered = False
        self.rows: list[AccessRequestRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="requests-info")
        yield Static("", id="requests-message")
        table: DataTable[Any] = DataTable(id="requests", cursor_type="row", zebra_stripes=True)
        table.add_column(t("requests.col.customer"), key="customer", width=8)
        table.add_column(t("requests.col.name"), key="name", width=26)
        table.add_column(t("requests.col.received"), key="received", width=11)
        table.add_column(t("requests.col.deadline"), key="deadline", width=11)
        table.add_column(t("requests.col.answered"), key="answered", width=11)
        table.add_column(t("requests.col.how"), key="how", width=18)
        table.add_column(t("requests.col.state"), key="state", width=12)
        yield table
        yield CounterFooter()

    def on_mount(self) -> None:
        self.query_one("#requests", DataTable).focus()

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if is_admin(self.app):
            self.load()  # fresh: an innsyn export on a card answers a request

    def load(self) -> None:
        app = self.app
        run_service(
            self,
            partial(
                privacy.access_request_rows,
                app.db,  # type: ignore[attr-defined]
                app.signed_in,  # type: ignore[attr-defined]
                include_answered=self.include_answered,
            ),
            on_done=self.show,
            on_error=lambda error: self.say(error.message, error=True),
        )

    def show(self, rows: list[AccessRequestRow]) -> None:
        self.rows = rows
        today = clock.today()
        table = self.query_one("#requests", DataTable)
        table.clear()
        overdue = 0
        for row in rows:
            request = row.request
            late = request.overdue(today)
            overdue += late
            state = (
                t("requests.state.answered") if request.answered_on is not None
                else t("requests.state.overdue") if late
                else t("requests.state.open")
            )
            cells = [
                Text(f"#{request.customer_id}"),
                shown(row.customer_name),
                Text(format_date(request.received_on)),
                Text(format_date(request.deadline)),
                Text(format_date(request.answered_on)),
                shown(request.delivered_how),
                Text(state),
            ]
            if late:  # overdue: the whole row in the error colour, and said in words
                for cell in cells:
                    cell.stylize("bold red")
            table.add_row(*cells, key=str(request.id))
        which = "requests.info.all" if self.include_answered else "requests.info.open"
        info = t(which, count=len(rows))
        if overdue:
            info += " · " + t("requests.info.overdue", count=overdue)
        self.query_one("#requests-info", Static).update(info)

    def say(self, message: str, *, error: bool = False) -> None:
        line = self.query_one("#requests-message", Static)
        line.update(shown(message))
        line.set_class(error, "-error")

    def highlighted(self) -> AccessRequestView | None:
        table = self.query_one("#requests", DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row].request

    @on(DataTable.RowSelected, "#requests")
    def open_customer(self) -> None:
        request = self.highlighted()
        if request is not None:
            self.app.open_customer(request.customer_id)  # type: ignore[attr-defined]

    def action_toggle_answered(self) -> None:
        self.include_answered = not self.include_answered
        self.load()

    def action_new_request(self) -> None:
        self.app.push_screen(NewRequestDialog(), self._registered)

    def _registered(self, request: AccessRequestView | None) -> None:
        if request is not None:
            self.say(t("requests.registered", id=request.customer_id,
                       deadline=format_date(request.deadline)))
            self.load()

    def action_answer(self) -> None:
        request = self.highlighted()
        if request is None:
            return
        if request.answered_on is not None:
            self.say(t("admin.requests.already_answered",
                       on=format_date(request.answered_on)), error=True)
            return
        self.app.push_screen(AnswerDialog(request), self._answered)

    def _answered(self, request: AccessRequestView | None) -> None:
        if request is not None:
            self.say(t("requests.answered", id=request.customer_id,
                       on=format_date(request.answered_on)))
            self.load()


class NewRequestDialog(ModalScreen[AccessRequestView | None]):
    """A request received: the customer's number and the day it came (empty: today)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self) -> None:
        super().__init__(id="new-request-dialog", classes="small-dialog")
        localize_bindings(self)
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("requests.new.title"), classes="dialog-title")
            yield Label(t("requests.new.customer"))
            yield FieldInput(
                placeholder=t("requests.new.customer_hint"), id="request-customer",
                on_enter=self.customer_done,
            )
            yield Label(t("requests.new.received"))
            yield FieldInput(
                placeholder=t("requests.new.received_hint"), id="request-received",
                on_enter=self.received_done,
            )
            yield Label("", id="request-error", classes="dialog-error")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#request-customer", Input).focus()

    # Enter moves on in the field's own key handler: "1042⏎01.11.2026⏎" typed faster
    # than focus moves still puts the date in the date field.
    def customer_done(self, _field: FieldInput) -> None:
        move_focus(self.query_one("#request-received", FieldInput))

    def received_done(self, field: FieldInput) -> None:
        from viver_tui.services.intake import parse_date
        from viver_tui.services.numbers import MAX_ID, whole_number

        if self._busy:
            return
        customer = self.query_one("#request-customer", Input).value.strip().lstrip("#")
        customer_id = whole_number(customer, 1, MAX_ID)
        if customer_id is None:
            self._show(t("log.customer_invalid"), "#request-customer")
            return
        try:
            received = parse_date(field.value, field="received") or clock.today()
        except ValidationError:
            self._show(t("log.date_invalid"), "#request-received")
            return
        if received > clock.today():
            self._show(t("requests.new.future"), "#request-received")
            return
        self._busy = True
        app = self.app
        run_service(
            self,
            partial(
                privacy.register_access_request,
                app.db,  # type: ignore[attr-defined]
                customer_id,
                app.signed_in,  # type: ignore[attr-defined]
                received_on=received,
            ),
            on_done=self.dismiss,
            on_error=self._failed,
        )

    def _show(self, message: str, field: str) -> None:
        self.query_one("#request-error", Label).update(shown(message))
        self.query_one(field, Input).focus()

    def _failed(self, error: ViverError) -> None:
        self._busy = False
        self._show(error.message, "#request-customer")

    def action_cancel(self) -> None:
        self.dismiss(None)


class AnswerDialog(ModalScreen[AccessRequestView | None]):
    """Mark a request answered: how the answer went out (e-post, utskrift, …)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, request: AccessRequestView) -> None:
        super().__init__(id="answer-dialog", classes="small-dialog")
        localize_bindings(self)
        self.request = request
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(
                t("requests.answer.title", id=self.request.customer_id,
                  received=format_date(self.request.received_on)),
                classes="dialog-title",
            )
            yield Label(t("innsyn_dialog.how"))
            yield Input(placeholder=t("innsyn_dialog.how_hint"), id="answer-how")
            yield Label("", id="answer-error", classes="dialog-error")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._busy:
            return
        self._busy = True
        app = self.app
        run_service(
            self,
            partial(
                privacy.answer_access_request,
                app.db,  # type: ignore[attr-defined]
                self.request.id,
                app.signed_in,  # type: ignore[attr-defined]
                event.value,
            ),
            on_done=self.dismiss,
            on_error=self._failed,
        )

    def _failed(self, error: ViverError) -> None:
        self._busy = False
        self.query_one("#answer-error", Label).update(shown(error.message))

    def action_cancel(self) -> None:
        self.dismiss(None)
