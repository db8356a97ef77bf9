"""The app's print queue: its threads, and what the status bar says about printing.

``AppPrintQueue(app).start()`` starts a ``printing.queue.QueueRunner`` driving
``services.print_jobs.QueueWorker`` (daemon threads: one per printer, and a heartbeat;
the UI thread never waits for a printer or for the queue's database work). Each job's
outcome comes back to the UI thread with ``call_from_thread`` and sets the app's
``printer_status`` and ``printer_problem`` reactives, which every screen's ``StatusBar``
follows: which job waits and why ("… svarer ikke (tcp://…): tilkoblingen ble avvist –
etikett 104233-01 for ordre 104233 venter, nytt forsøk om 5 s (F9: prøv nå)"), a job
that was sent but not confirmed, or one that is uncertain. F9 opens the list of such
jobs (``screens/print_dialogs.PrintJobsDialog``): print again, mark printed, retry now.
"""

from __future__ import annotations

import contextlib
from typing import Any

from viver_tui.locale import t
from viver_tui.printing.queue import (
    FAILED,
    PRINTED,
    UNCERTAIN,
    UNCONFIRMED,
    PrintOutcome,
    QueueRunner,
)


class AppPrintQueue:
    """Owns the app's queue threads and turns their outcomes into UI state."""

    def __init__(self, app: Any) -> None:
        from viver_tui.services.print_jobs import QueueWorker

        self.app = app
        self.last_preview = ""
        # role → (state, message) while that printer or its last job has a problem
        self.problems: dict[str, tuple[str, str]] = {}
        self.attention = 0
        self.stopped = False
        self.worker = QueueWorker(app.db, app.settings, printer_factory=app.printer_factory)
        self.runner = QueueRunner(self.worker, on_outcome=self._from_thread, on_error=self._error)

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
        if self.stopped:
            return
        message = t("error.database", error=error)
        with contextlib.suppress(RuntimeError):
            self.app.call_from_thread(self._set_status, message, True)

    def _set_status(self, message: str, problem: bool) -> None:
        self.app.printer_status = message
        self.app.printer_problem = problem

    def _show(self, outcome: PrintOutcome) -> None:
        self.attention = outcome.attention
        if outcome.state in (PRINTED, UNCONFIRMED):
            self.problems.pop(outcome.role, None)
        else:
            self.problems[outcome.role] = (outcome.state, outcome.message)
        self._render(outcome.message)
        if outcome.preview:
            self.last_preview = outcome.preview
            from viver_tui.widgets.print_status import PrintPreview

            for pane in self.app.screen.query(PrintPreview):
                pane.show(outcome.preview)

    def _render(self, latest: str = "") -> None:
        parts = [message for _, message in self.problems.values()]
        if not parts and latest:
            parts.append(latest)
        if self.attention and not any("F9" in p for p in parts):
            parts.append(t("print.status.attention", count=self.attention))
        self._set_status(" · ".join(parts), bool(self.problems) or self.attention > 0)

    def refreshed(self, attention: int) -> None:
        """Staff acted on jobs (F9): ``attention`` jobs still need them. Problems they
        have dealt with (uncertain, failed) leave the status bar; a printer that is out
        stays until it prints again."""
        self.attention = attention
        if not attention:
            self.problems = {
                role: (state, message)
                for role, (state, message) in self.problems.items()
                if state not in (UNCERTAIN, FAILED)
            }
        self._render()
