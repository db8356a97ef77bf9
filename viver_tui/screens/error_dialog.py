"""The error funnel's dialog (``ViverApp.show_error``): what went wrong, in words."""

from __future__ import annotations

from textual import on
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.screens.base import localize_bindings


class ErrorDialog(ModalScreen[None]):
    """A Norwegian explanation of something that went wrong; Enter or Esc closes it."""

    BINDINGS = [Binding("escape", "close", "key.back")]

    def __init__(self, message: str) -> None:
        super().__init__(classes="error-dialog")  # no id: a second error may come first
        localize_bindings(self)
        self.message = message

    def compose(self):  # type: ignore[no-untyped-def]
        with Vertical(id="error-box"):
            yield Label(t("error.title"), id="error-title")
            yield Static(shown(self.message, multiline=True), id="error-message")
            yield Button(t("button.ok"), id="error-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#error-ok", Button).focus()

    @on(Button.Pressed, "#error-ok")
    def action_close(self) -> None:
        self.dismiss(None)
