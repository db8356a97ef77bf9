"""The print queue inside the app: a background thread, the status bar, a preview pane.

``start_print_queue(app)`` starts a ``QueueRunner`` (a daemon thread; the UI thread
never waits for a printer or for the queue's database work). Each outcome comes back
to the UI thread with ``call_from_thread`` and sets the app's ``printer_status`` and
``printer_problem`` reactives, which every screen's ``StatusBar`` follows — e.g.
"Etikettskriveren svarer ikke (tcp://…): tilkoblingen ble avvist". A ``PrintPreview``
on the current screen shows the last job as text (the ``preview`` printer).

Screens that queue prints call ``wake_print_queue(self.app)`` so the jobs go out at
once instead of at the next poll (at most ``queue.POLL_S`` later).
"""

from __future__ import annotations

import contextlib
from typing import Any

from textual.message import Message
from textual.widgets import Static

from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.printing.queue import PrintOutcome, QueueRunner, QueueWorker


class PrintPreview(Static):
    """The last printed job as the printer would print it (text, barcodes as values)."""

    DEFAULT_CSS = """
    PrintPreview { width: auto; min-width: 34; height: auto; padding: 0 1;
                   border: round $panel-lighten-2; }
    """

    def __init__(self, *, id: str | None = "print-preview") -> None:
        super().__init__("", id=id)
        self.border_title = t("print.preview.title")

    def on_mount(self) -> None:
        bridge = getattr(self.app, "print_queue", None)
        self.show(bridge.last_preview if bridge is not None else "")

    def show(self, text: str) -> None:
        """Show ``text``; the pane takes no room until something has been printed."""
        self.update(shown(text, multiline=True))  # names on labels are data, not markup
        self.display = bool(text)


class PrintQueueBridge:
    """Owns the app's queue thread and turns its outcomes into UI state."""

    class Printed(Message):
        """Posted to the current screen after each job (printed or not)."""

        def __init__(self, outcome: PrintOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, app: Any) -> None:
        self.app = app
        self.last_preview = ""
        self.failing: dict[str, str] = {}  # role → message, while that printer is out
        self.stopped = False
        worker = QueueWorker(app.db, app.settings, printer_factory=app.printer_factory)
        self.runner = QueueRunner(worker, on_outcome=self._from_thread, on_error=self._error)

    def start(self) -> None:
        self.runner.start()

    def stop(self) -> None:
        self.stopped = True  # a job still hanging on a printer reports to nobody
        self.runner.stop(timeout=0.5)

    def wake(self) -> None:
        self.runner.wake()

    def _from_thread(self, outcome: PrintOutcome) -> None:
        if self.stopped:
            return
        # RuntimeError: the app has stopped; the job's state is in the database
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self._show, outcome)

    def _error(self, error: BaseException) -> None:
        message = t("error.database", error=error)
        if self.stopped:
            return
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self._set_status, message, True)

    def _set_status(self, message: str, problem: bool) -> None:
        self.app.printer_status = message
        self.app.printer_problem = problem

    def _show(self, outcome: PrintOutcome) -> None:
        if outcome.printed:
            self.failing.pop(outcome.role, None)
        else:
            self.failing[outcome.role] = outcome.message
        if self.failing:
            self._set_status(" · ".join(self.failing.values()), True)
        else:
            self._set_status(outcome.message, False)
        if outcome.preview:
            self.last_preview = outcome.preview
            for pane in self.app.screen.query(PrintPreview):
                pane.show(outcome.preview)
        self.app.screen.post_message(self.Printed(outcome))


def start_print_queue(app: Any) -> PrintQueueBridge:
    """Start draining the print queue for ``app`` (needs ``db``, ``settings``,
    ``printer_factory``, ``printer_status`` and ``printer_problem`` on it)."""
    bridge = PrintQueueBridge(app)
    bridge.start()
    return bridge


def wake_print_queue(app: Any) -> None:
    bridge = getattr(app, "print_queue", None)
    if bridge is not None:
        bridge.wake()
