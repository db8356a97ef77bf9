"""Choosing what to print again from an order."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.printing.queue import ReprintOption


class ReprintDialog(ModalScreen[ReprintOption | None]):
    """A list of the order's labels and receipts; Enter queues the highlighted one."""


    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]

    def __init__(self, options: list[ReprintOption]) -> None:
        super().__init__(id="reprint-dialog")
        self.options = options

    def compose(self) -> ComposeResult:
        with Vertical(id="reprint-box"):
            yield Label(t("print.reprint.title"))
            yield OptionList(
                *(Option(shown(o.text), id=str(i)) for i, o in enumerate(self.options)),
                id="reprint-options",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.options[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
