"""The dialogs of the documents screen: issuing an invoice (with its settlement), a
quote, a payment, a credit note, a void — each a few fields filled in by keyboard.

``FieldsDialog`` is all of them: Enter moves to the next field and, on the last one,
makes the service call the caller built from what was typed. An error shows in the
dialog and nothing typed is lost; the dialog closes with the service's answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from viver_tui.errors import FormErrors, ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.screens.base import localize_bindings, run_service


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    placeholder: str = ""
    value: str = ""


class FieldsDialog(ModalScreen[Any]):
    """A title, what it is about (text), fields; the last Enter (or Ctrl+S) makes
    ``make_call(values)()`` on the store threads and closes with its result."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel"),
        Binding("ctrl+s", "submit", "key.save", show=False),
    ]
    DEFAULT_CSS = """
    FieldsDialog > Vertical { width: 78; }
    FieldsDialog #fields-about { height: auto; max-height: 12; margin-bottom: 1; }
    FieldsDialog Input { margin-bottom: 1; }
    FieldsDialog #dialog-error { width: 100%; }
    """

    def __init__(
        self,
        title: str,
        about: Text | str,
        fields: Sequence[Field],
        make_call: Callable[[dict[str, str]], Callable[[], Any]],
        *,
        blocked: str | None = None,
    ) -> None:
        super().__init__(classes="small-dialog fields-dialog")
        localize_bindings(self)
        self.title_text = title
        self.about = about
        self.fields = tuple(fields)
        self.make_call = make_call
        self.blocked = blocked  # said at once: e.g. the company cannot invoice
        self._busy = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="dialog-title")
            yield Static(self.about, id="fields-about")
            for f in self.fields:
                yield Label(f.label)
                # compact: one line each, so six fields and their labels fit 80×24
                yield Input(value=f.value, placeholder=f.placeholder, id=f"field-{f.name}",
                            compact=True)
            yield Label(shown(self.blocked or ""), id="dialog-error", classes="dialog-error")
            yield Label(t("doc.dialog.keys"), classes="dialog-keys")

    def on_mount(self) -> None:
        inputs = list(self.query(Input))
        if inputs:
            inputs[0].focus()

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self.fields}

    @on(Input.Submitted)
    def entered(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_submit()

    def action_submit(self) -> None:
        if self._busy or self.blocked:
            return
        try:
            call = self.make_call(self.values())
        except ViverError as exc:  # typed wrong: said here, nothing sent
            self._failed(exc)
            return
        self._busy = True
        run_service(self, call, on_done=self._done, on_error=self._failed)

    def _done(self, result: Any) -> None:
        self._busy = False
        self.dismiss(result)

    def _failed(self, error: ViverError) -> None:
        self._busy = False
        message = (
            " ".join(error.errors.values()) if isinstance(error, FormErrors) else error.message
        )
        self.query_one("#dialog-error", Label).update(shown(message))

    def action_cancel(self) -> None:
        self.dismiss(None)
