"""The production screen's questions: a line of text (an undo's reason, a note) and an
outcome from the settings' list with a note (and, for a kind charged by the minute or
photo, what was actually done). A label scanned while one is open is a
scan, not text: the dialog closes with ``Scan(code)`` and the screen handles it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from viver_tui.config import ProductionOutcome
from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.screens.base import localize_bindings
from viver_tui.screens.order_dialogs import TextDialog
from viver_tui.services.codes import parse_code
from viver_tui.services.production import actuals
from viver_tui.services.production.outcomes import UNCHANGED, Unchanged


@dataclass(frozen=True)
class Scan:
    """A code scanned into a dialog's text box: handled as a scan, never stored as text."""

    code: str


def scanned(text: str) -> Scan | None:
    """``Scan`` if ``text`` is exactly a medium's code (what a scanner types)."""
    parsed = parse_code(text)
    return Scan(parsed.text) if parsed is not None and parsed.is_medium else None


class LineDialog(TextDialog):
    """The order screen's one-line ``TextDialog`` (an undo's reason, a note), where a
    label scanned into the box comes back as ``Scan(code)``, never as the text."""

    @on(Input.Submitted)
    def submitted_or_scanned(self, event: Input.Submitted) -> None:
        event.stop()
        event.prevent_default()  # TextDialog's own handler would return it as text
        if event.value.strip():
            self.dismiss(scanned(event.value) or event.value)  # type: ignore[arg-type]


@dataclass(frozen=True)
class OutcomeAnswer:
    """The outcome chosen, its note, and — for a kind counted by the minute or photo —
    what was actually done (None: no record, the invoice charges the estimate)."""

    key: str
    note: str
    actual: int | Unchanged | None = UNCHANGED


class OutcomeDialog(ModalScreen[OutcomeAnswer | Scan | None]):
    """Pick an outcome (Enter); for a kind charged by the minute or photo, say what was
    actually done (Enter: checked here, the message at the field); then write its note
    (Enter saves, empty is fine)."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(
        self, title: str, outcomes: Sequence[ProductionOutcome], current: str | None,
        english: bool, *, unit: str | None = None, actual: int | None = None,
        estimate: int = 0,
    ) -> None:
        super().__init__(id="outcome-dialog", classes="small-dialog")
        localize_bindings(self)
        self.title_text = title
        self.outcomes = tuple(outcomes)
        self.current = current
        self.english = english
        self.unit = unit  # "minute" | "photo" | None (priced per piece: not asked)
        self.actual = actual
        self.estimate = estimate
        self.chosen: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(shown(self.title_text), classes="dialog-title")
            yield OptionList(
                *[Option(o.name_en if self.english else o.name, id=o.key) for o in self.outcomes],
                id="outcome-options",
            )
            if self.unit is not None:
                what = "photos" if self.unit == "photo" else "minutes"
                yield Label(t(f"production.actual.{what}", estimate=self.estimate),
                            id="outcome-actual-label")
                yield Input(
                    "" if self.actual is None else str(self.actual),
                    placeholder=str(self.estimate), id="outcome-actual",
                )
                yield Label("", id="outcome-actual-error", classes="dialog-error")
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
        field = "#outcome-actual" if self.unit is not None else "#outcome-note"
        self.query_one(field, Input).focus()

    def _actual(self) -> int | Unchanged | None:
        """The amount typed, checked by the service's rule; the message at the field
        (and the field focused) when it is not a whole number within bounds."""
        if self.unit is None:
            return UNCHANGED
        field = self.query_one("#outcome-actual", Input)
        error = self.query_one("#outcome-actual-error", Label)
        try:
            value = actuals.parse_actual(field.value, self.unit)
        except ViverError as exc:
            error.update(shown(exc.message))
            field.focus()
            raise
        error.update("")
        return value

    @on(Input.Submitted, "#outcome-actual")
    def actual_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        scan = scanned(event.value)
        if scan is not None:
            self.dismiss(scan)
            return
        try:
            self._actual()
        except ViverError:
            return
        self.query_one("#outcome-note", Input).focus()

    @on(Input.Submitted, "#outcome-note")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        scan = scanned(event.value)
        if scan is not None:
            self.dismiss(scan)
            return
        if self.chosen is None:
            options = self.query_one(OptionList)
            if options.highlighted is None:
                return
            self.chosen = self.outcomes[options.highlighted].key
        try:
            actual = self._actual()
        except ViverError:
            return
        self.dismiss(OutcomeAnswer(self.chosen, event.value, actual))

    def action_cancel(self) -> None:
        self.dismiss(None)
