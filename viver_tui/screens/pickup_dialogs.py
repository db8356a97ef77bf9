"""The pickup screen's questions: a photo series' count, and "not finished — hand out
anyway?". Both keep listening to the scanner while they are open: a scanned code is
handed to the screen's queue (``on_scan``) and handled after the answer, never lost,
and the box says so. Neither has a fixed id, so one can open while another closes.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from viver_tui.locale import t
from viver_tui.services import pickup
from viver_tui.widgets.scan_input import ScanInput

OnScan = Callable[[str], int]  # queue a scanned code; returns how many are queued


def _queued_text(code: str, queued: int) -> Text:
    if queued > 1:
        return Text(t("pickup.queued_many", count=queued))
    return Text(t("pickup.queued", code=code))


class CountDialog(ModalScreen[int | None]):
    """Confirm a photo series' count going back: Enter alone accepts the declared
    count (shown in the field); a number typed or scanned is the count (an order
    number never is: it is queued as a scan, as is any medium code). Esc cancels:
    nothing is registered. ``typed`` is what a scan had already put in the pickup
    field when this box opened: it goes on here, so the scan is not cut in two.
    """

    BINDINGS = [Binding("escape", "cancel", t("key.cancel"))]

    def __init__(self, code: str, declared: int, on_scan: OnScan, typed: str = "") -> None:
        super().__init__(classes="small-dialog count-dialog")
        self.code = code
        self.declared = declared
        self.on_scan = on_scan
        self.typed = typed

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(Text(t("count.title", code=self.code)), classes="dialog-title")
            yield Static(t("count.prompt", declared=self.declared))
            yield ScanInput(
                self.typed, placeholder=str(self.declared), id="count", submit_empty=True
            )
            yield Label("", id="count-error", classes="dialog-error")
            yield Label("", id="count-queued", classes="dialog-queued")
            yield Label(t("dialog.enter_esc"), classes="dialog-keys")

    def on_mount(self) -> None:
        self.query_one("#count", ScanInput).focus()

    def on_key(self, event: events.Key) -> None:
        """Keys that arrive before the field has focus belong to it."""
        field = self.query_one("#count", ScanInput)
        if self.focused is not field and field.feed(event):
            event.stop()
            event.prevent_default()
            field.focus()

    @on(ScanInput.Scanned, "#count")
    def entered(self, event: ScanInput.Scanned) -> None:
        event.stop()
        answer = pickup.read_count(event.code) if event.code else self.declared
        field = self.query_one("#count", ScanInput)
        if isinstance(answer, int):
            self.dismiss(answer)
            return
        if answer is not None:  # a scan: queued behind this box, the box stays
            queued = self.on_scan(event.code)
            self.query_one("#count-queued", Label).update(_queued_text(event.code, queued))
            self.query_one("#count-error", Label).update("")
            return
        field.value = event.code
        self.query_one("#count-error", Label).update(t("count.invalid"))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReleaseDialog(ModalScreen[bool]):
    """"The order is not finished — hand it out anyway?" J/Y answers yes, N or Esc no.

    Nothing here takes focus, so a scanner's keys reach this screen and are fed to a
    scan line that queues them; Enter never answers the question.
    """

    BINDINGS = [Binding("escape", "answer(False)", t("no"))]

    def __init__(self, number: int, status: str, on_scan: OnScan, typed: str = "") -> None:
        super().__init__(classes="small-dialog release-dialog")
        self.number = number
        self.status = status
        self.on_scan = on_scan
        self.typed = typed  # a scan cut off by this question opening (see CountDialog)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("pickup.not_ready.title", number=self.number), classes="dialog-title")
            yield Static(t("pickup.not_ready.question", status=self.status))
            scan = ScanInput(self.typed, id="release-scan")
            scan.can_focus = False
            yield scan
            yield Label("", id="release-queued", classes="dialog-queued")
            yield Label(t("pickup.not_ready.keys"), classes="dialog-keys")

    def on_key(self, event: events.Key) -> None:
        char = (event.character or "").lower()
        if char in ("j", "y"):
            event.stop()
            self.dismiss(True)
        elif char == "n":
            event.stop()
            self.dismiss(False)
        elif self.query_one("#release-scan", ScanInput).feed(event):
            event.stop()
            event.prevent_default()

    @on(ScanInput.Scanned, "#release-scan")
    def scanned(self, event: ScanInput.Scanned) -> None:
        event.stop()
        queued = self.on_scan(event.code)
        self.query_one("#release-queued", Label).update(_queued_text(event.code, queued))

    def action_answer(self, accepted: bool) -> None:
        self.dismiss(accepted)
