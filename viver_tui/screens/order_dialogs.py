"""Small dialogs of the order workflows: status choice, note, close reason (the photo
count at pickup is in ``pickup_dialogs.py``)."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.screens.base import run_service
from viver_tui.services import pickup
from viver_tui.services.orders import WORK_STATUSES, OrderView


class StatusDialog(ModalScreen[str | None]):
    """Pick one of the work statuses; Enter chooses, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]

    def __init__(self, title: str, current: str) -> None:
        super().__init__(id="status-dialog", classes="small-dialog")
        self.title_text = title
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="dialog-title")
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

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]

    def __init__(self, title: str, placeholder: str = "") -> None:
        super().__init__(id="text-dialog", classes="small-dialog")
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


class CloseReasonDialog(ModalScreen[OrderView | None]):
    """Close an order with media missing: the typed reason is required and stored.

    The dialog calls the service itself so an error shows at the reason field and the
    typed text stays.
    """

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]

    def __init__(self, order: OrderView) -> None:
        super().__init__(id="reason-dialog", classes="small-dialog")
        self.order = order
        self._saving = False

    def compose(self) -> ComposeResult:
        missing = self.order.missing
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
        self.query_one("#reason", Input).focus()

    @on(Input.Submitted, "#reason")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self._saving:
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
            ),
            on_done=self._after_close,
            on_error=self._failed,
        )

    def _after_close(self, view: OrderView) -> None:
        self._saving = False
        self.dismiss(view)

    def _failed(self, error: ViverError) -> None:
        self._saving = False
        self.query_one("#reason-error", Label).update(error.message)
        self.query_one("#reason", Input).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
