"""The app's print queue: its threads, and what the status bar says about printing.

``AppPrintQueue(app).start()`` starts a ``printing.queue.QueueRunner`` driving
``services.print_worker.QueueWorker`` (daemon threads: one per printer, and a heartbeat;
the UI thread never waits for a printer or for the queue's database work). Each job's
outcome is posted to the UI thread (``post_from_thread``, never waited for) and sets the app's
``printer_status`` and ``printer_problem`` reactives, which every screen's ``StatusBar``
follows.

**Notices are kept per job**: a job that waits (its printer is out), is uncertain or
failed keeps its notice until that very job prints or staff deal with it in the F9 list
— another label printing never hides it. The printer line shows the newest waiting
notice of each printer (why it is out), the newest uncertain or failed one (what staff
must decide), and how many jobs wait for a decision ("4 etiketter ikke bekreftet — F9":
sent to a printer that did not confirm them); it stays in warning colour until there
are none. With nothing wrong it shows the last job's outcome. F9 opens the list
(``screens/print_dialogs.PrintJobsDialog``), which follows each outcome through
``listeners``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from viver_tui.locale import t
from viver_tui.printing.queue import (
    FAILED,
    UNCERTAIN,
    UNCONFIRMED,
    WAITING,
    Attention,
    PrintOutcome,
    QueueRunner,
)

KEPT = (WAITING, UNCERTAIN, FAILED)  # outcomes whose notice stays until the job is dealt with


@dataclass(frozen=True)
class Notice:
    role: str
    state: str
    message: str


class AppPrintQueue:
    """Owns the app's queue threads and turns their outcomes into UI state."""

    def __init__(self, app: Any) -> None:
        from viver_tui.services.print_worker import QueueWorker

        self.app = app
        self.last_preview = ""
        self.last_preview_job: int | None = None  # whose print the preview shows
        self.notices: dict[int, Notice] = {}  # job id → its problem, oldest first
        self.latest = ""  # the last outcome's message
        self.latest_job: tuple[int, str] | None = None  # (id, state) of the job it is about
        self.fault = ""  # the queue itself failed (the database): shown until it works
        self.attention = Attention()
        # Called on the UI thread with each outcome (the F9 list refreshes itself).
        self.listeners: list[Callable[[PrintOutcome], None]] = []
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
            self.app.post_from_thread(partial(self._show, outcome))

    def _error(self, error: BaseException) -> None:
        if self.stopped:
            return
        with contextlib.suppress(RuntimeError):
            self.app.post_from_thread(partial(self._fail, t("error.database", error=error)))

    def _fail(self, message: str) -> None:
        self.fault = message
        self._render()

    def _show(self, outcome: PrintOutcome) -> None:
        self.fault = ""
        self.attention = outcome.attention
        self.notices.pop(outcome.job_id, None)
        if outcome.state in KEPT:
            self.notices[outcome.job_id] = Notice(outcome.role, outcome.state, outcome.message)
        self.latest = " · ".join(p for p in (outcome.message, outcome.learned) if p)
        self.latest_job = (outcome.job_id, outcome.state)
        self._render()
        if outcome.preview:
            self.last_preview = outcome.preview
            self.last_preview_job = outcome.job_id
            from viver_tui.widgets.print_status import PrintPreview

            for pane in self.app.screen.query(PrintPreview):
                pane.show(outcome.preview)
        for listener in list(self.listeners):
            listener(outcome)

    def forget_jobs(self, job_ids: Iterable[int]) -> None:
        """An erased customer's prints: if the preview shows one of them, it goes (from
        every screen's pane); on the UI thread."""
        if self.last_preview_job is None or self.last_preview_job not in set(job_ids):
            return
        from viver_tui.widgets.print_status import PrintPreview

        self.last_preview, self.last_preview_job = "", None
        for screen in self.app.screen_stack:
            for pane in screen.query(PrintPreview):
                pane.show("")

    def printer_line(self) -> tuple[str, bool]:
        """What the status bar says about printing, and whether it is a warning."""
        newest = list(reversed(self.notices.values()))
        shown: list[Notice] = []
        for notice in newest:  # the newest waiting notice of each printer ...
            if notice.state == WAITING and all(n.role != notice.role for n in shown):
                shown.append(notice)
        decide = next((n for n in newest if n.state != WAITING), None)
        if decide is not None:  # ... and the newest job staff must decide about
            shown.append(decide)
        parts = [self.fault] if self.fault else []
        parts += [notice.message for notice in shown]
        if not parts and self.latest:
            parts.append(self.latest)
        if self.attention.total:
            parts.append(self.attention.text)
        warning = bool(self.fault or self.notices or self.attention.total)
        return " · ".join(parts), warning

    def _render(self) -> None:
        self.app.printer_status, self.app.printer_problem = self.printer_line()

    def refreshed(self, attention: Attention, jobs: dict[int, str]) -> None:
        """The F9 list has read the jobs again (``jobs``: id → state of those it lists):
        notices of jobs no longer in that state (staff marked them printed, asked for
        them again) leave the status bar; ``attention`` is the count now."""
        self.attention = attention
        self.notices = {
            job_id: notice
            for job_id, notice in self.notices.items()
            if jobs.get(job_id) == notice.state
        }
        if self.latest_job is not None:
            job_id, state = self.latest_job
            if state in (*KEPT, UNCONFIRMED) and jobs.get(job_id) != state:
                self.latest, self.latest_job = "", None  # dealt with: nothing to repeat
        self._render()
