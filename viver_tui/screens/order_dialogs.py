"""Small dialogs of the order workflows: status choice, note, details, close reason (the
pickup screen asks its own questions in its scan line). Key labels are catalogue keys,
put in the active language by localize_bindings."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from viver_tui.errors import EditConflict, FormErrors, ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.locale.formatting import format_date
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import intake, pickup
from viver_tui.services.codes import parse_code
from viver_tui.services.intake import OrderDetails
from viver_tui.services.orders import OPEN_STATUSES, WORK_STATUSES, OrderView
from viver_tui.widgets.field_input import FieldInput, move_focus


class StatusDialog(ModalScreen[str | None]):
    """Pick one of the work statuses; Enter chooses, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, current: str) -> None:
        super().__init__(id="status-dialog", classes="small-dialog")
        localize_bindings(self)
        self.title_text = title
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(shown(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(t(f"order.status.{s}"), id=s) for s in WORK_STATUSES],
                id="status-options",
            )
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in WORK_STATUSES:
            options.highlighted = WORK_STATUSES.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextDialog(ModalScreen[str | None]):
    """One line of text (a note); Enter returns it, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, title: str, placeholder: str = "") -> None:
        super().__init__(id="text-dialog", classes="small-dialog")
        localize_bindings(self)
        self.title_text = title
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="dialog-title")
            yield Input(placeholder=self.placeholder, id="dialog-text")
            yield Label("", id="dialog-error", classes="dialog-error")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class DetailsDialog(ModalScreen[OrderView | None]):
    """Shelf, promised date and notes of an order, saved on the version it was opened on.

    When someone saved the details since, the service refuses and says what is stored
    now; what this person typed stays, and saving again overwrites on purpose.
    """

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "save", "key.save"),
    ]
    FIELDS = ("shelf", "promised_on", "notes")

    def __init__(self, order: OrderView) -> None:
        super().__init__(id="details-dialog", classes="small-dialog")
        localize_bindings(self)
        self.order = order
        self.version = order.version
        self._saving = False

    def compose(self) -> ComposeResult:
        values = {
            "shelf": self.order.shelf,
            "promised_on": format_date(self.order.promised_on),
            "notes": self.order.notes,
        }
        labels = {
            "shelf": t("intake.shelf"),
            "promised_on": t("intake.promised"),
            "notes": t("intake.notes"),
        }
        with Vertical():
            yield Label(t("order.details_title", number=self.order.number), classes="dialog-title")
            for name in self.FIELDS:
                yield Label(labels[name])
                yield FieldInput(values[name], id=f"details-{name}", on_enter=self._entered)
                yield Label("", id=f"details-{name}-error", classes="dialog-error")
            yield Static("", id="details-message", classes="dialog-error")
            yield Label(t("details.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#details-shelf", FieldInput).focus()

    def _entered(self, field: FieldInput) -> None:
        name = (field.id or "").removeprefix("details-")
        index = self.FIELDS.index(name)
        if index + 1 < len(self.FIELDS):
            move_focus(self.query_one(f"#details-{self.FIELDS[index + 1]}", FieldInput))
        else:
            self.action_save()

    def typed(self) -> OrderDetails:
        def value(name: str) -> str:
            return self.query_one(f"#details-{name}", FieldInput).value

        return OrderDetails(value("shelf"), value("promised_on"), value("notes"))

    def action_save(self) -> None:
        if self._saving:
            return
        self._saving = True
        for name in self.FIELDS:
            self.query_one(f"#details-{name}-error", Label).update("")
        self.query_one("#details-message", Static).update("")
        app = self.app
        run_service(
            self,
            partial(
                intake.update_details,
                app.db,  # type: ignore[attr-defined]
                self.order.id,
                self.typed(),
                app.staff,  # type: ignore[attr-defined]
                version=self.version,
            ),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, view: OrderView) -> None:
        self._saving = False
        self.dismiss(view)

    def _failed(self, error: ViverError) -> None:
        self._saving = False
        if isinstance(error, EditConflict):
            self.version = error.version  # the next save overwrites, knowingly
        if isinstance(error, FormErrors):
            for name, text in error.errors.items():
                if name in self.FIELDS:
                    self.query_one(f"#details-{name}-error", Label).update(Text(text))
            return
        self.query_one("#details-message", Static).update(Text(error.message))

    def action_cancel(self) -> None:
        self.dismiss(None)


class CloseReasonDialog(ModalScreen[OrderView | str | None]):
    """Close an order with media missing: the typed reason is required and stored.

    The dialog calls the service itself so an error shows at the reason field and the
    typed text stays. A code scanned into the reason field (a medium turned up after
    all) closes nothing: the dialog hands the code back to the pickup screen as a scan.
    """

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, order: OrderView) -> None:
        super().__init__(id="reason-dialog", classes="small-dialog")
        localize_bindings(self)
        self.order = order
        self._saving = False

    def compose(self) -> ComposeResult:
        missing = self.order.missing
        if self.order.status not in OPEN_STATUSES:  # nothing left to close: say so first
            with Vertical():
                yield Label(t("reason.title", number=self.order.number), classes="dialog-title")
                status = t(f"order.status.{self.order.status}")
                yield Static(t("order.already_closed", status=status), id="reason-closed")
                yield Label(t("dialog.enter_esc"), classes="dialog-keys")
            return
        with Vertical():
            yield Label(t("reason.title", number=self.order.number), classes="dialog-title")
            yield Static(
                t(
                    "reason.prompt",
                    count=len(missing),
                    codes=", ".join(m.code for m in missing),
                )
            )
            yield Input(placeholder=t("reason.placeholder"), id="reason")
            yield Label("", id="reason-error", classes="dialog-error")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        if self.query("#reason"):
            self.query_one("#reason", Input).focus()

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and not self.query("#reason"):
            self.dismiss(None)

    @on(Input.Submitted, "#reason")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._saving:
            return
        if parse_code(event.value) is not None:
            self.dismiss(event.value.strip())
            return
        self._saving = True
        app = self.app
        run_service(
            self,
            partial(
                pickup.close_with_missing,
                app.db,  # type: ignore[attr-defined]
                self.order.id,
                event.value,
                app.staff,  # type: ignore[attr-defined]
                terminal=app.settings.terminal,  # type: ignore[attr-defined]
            ),
            on_done=self._after_close,
            on_error=self._failed,
        )

    def _after_close(self, view: OrderView) -> None:
        self._saving = False
        self.dismiss(view)

    def _failed(self, error: ViverError) -> None:
        self._saving = False
        self.query_one("#reason-error", Label).update(shown(error.message))
        self.query_one("#reason", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
