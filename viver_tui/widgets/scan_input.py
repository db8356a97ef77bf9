"""An input for barcode scanners: every scan arrives whole, in order, none dropped.

A USB scanner types a code and Enter at about 1 ms per key. A stock ``Input`` submits on
an ``enter`` *binding*, and bindings run only after the key has bubbled up to the App
— by then the next scan's first characters have already been inserted into the field,
so codes come out glued together or split. ``ScanInput`` handles Enter in its own key
handler, in the same message queue as the characters, and posts ``Scanned(code)``
before it looks at the next key.

``feed(event)`` lets a screen hand over keys that reached it while another widget had
focus, so a scan is caught whatever is focused.

While a question is open in the same field (the pickup screen asks without moving the
focus, so no key of a scan can land elsewhere), ``answer_keys`` are letters that answer
it at once when the field is empty (``Answered``), and ``submit_empty`` lets Enter
alone post ``Scanned("")`` (accepting a proposed answer). A scanner types digits and
dashes only, so a letter is always a person answering.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.widgets import Input


class ScanInput(Input):
    """A one-line input whose Enter posts ``ScanInput.Scanned`` with the text, then clears."""

    DEFAULT_CSS = """
    ScanInput { border: tall $accent; }
    ScanInput:focus { border: tall $accent-lighten-2; }
    """

    class Scanned(Message):
        """A code was scanned (or typed) and Enter pressed."""

        def __init__(self, scan_input: ScanInput, code: str) -> None:
            super().__init__()
            self.scan_input = scan_input
            self.code = code

        @property
        def control(self) -> ScanInput:
            return self.scan_input

    class Answered(Message):
        """One of ``answer_keys`` was pressed in the empty field."""

        def __init__(self, scan_input: ScanInput, key: str) -> None:
            super().__init__()
            self.scan_input = scan_input
            self.key = key

        @property
        def control(self) -> ScanInput:
            return self.scan_input

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.submit_empty = False
        self.answer_keys = ""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()  # the base Input's handler and binding must not run
            self.submit_scan()
            return
        if self._answers(event):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)

    def _answers(self, event: events.Key) -> bool:
        char = event.character or ""
        if self.answer_keys and not self.value and char and char in self.answer_keys:
            self.post_message(self.Answered(self, char.lower()))
            return True
        return False

    def feed(self, event: events.Key) -> bool:
        """Take a key that reached the screen instead of this input; True if used."""
        if event.key == "enter":
            self.submit_scan()
            return True
        if self._answers(event):
            return True
        if event.is_printable and event.character is not None:
            self.insert_text_at_cursor(event.character)
            return True
        return False

    def catch(self, event: events.Key) -> None:
        """A screen's ``on_key``: a key that reached the screen from another widget
        belongs to the scan field (fed to it, and the focus comes back)."""
        if self.screen.focused is self:
            return
        if self.feed(event):
            event.stop()
            event.prevent_default()
            self.focus()

    def submit_scan(self) -> None:
        code = self.value.strip()
        self.value = ""
        if code or self.submit_empty:
            self.post_message(self.Scanned(self, code))
