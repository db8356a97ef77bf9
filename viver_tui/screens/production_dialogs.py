"""The production screen's questions: an outcome from the settings' list with a note.
(The undo reason and notes use the order screen's one-line ``TextDialog``.)"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from viver_tui.config import ProductionOutcome
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.screens.base import localize_bindings


class OutcomeDialog(ModalScreen[tuple[str, str] | None]):
    """Pick an outcome (Enter), then write its note (Enter saves, empty is fine)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(
        self, title: str, outcomes: Sequence[ProductionOutcome], current: str | None,
        english: bool,
    ) -> None:
        super().__init__(id="outcome-dialog", classes="small-dialog")
        localize_bindings(self)
        self.title_text = title
        self.outcomes = tuple(outcomes)
        self.current = current
        self.english = english
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(shown(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(o.name_en if self.english else o.name, id=o.key) for o in self.outcomes],
                id="outcome-options",
            )
            yield Input(placeholder=t("production.outcome.note"), id="outcome-note")
            yield Label(t("production.warning"), classes="dialog-error")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        keys = [o.key for o in self.outcomes]
        if self.current in keys:
            options.highlighted = keys.index(self.current)
        options.focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.chosen = event.option.id
        self.query_one("#outcome-note", Input).focus()

    @on(Input.Submitted, "#outcome-note")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.chosen is None:
            options = self.query_one(OptionList)
            if options.highlighted is None:
                return
            self.chosen = self.outcomes[options.highlighted].key
        self.dismiss((self.chosen, event.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
