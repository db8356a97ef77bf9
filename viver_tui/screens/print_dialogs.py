"""Print dialogs: choosing what to print again from an order (F8 there), and the prints
that wait or need checking (F9 anywhere)."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import print_jobs
from viver_tui.services.print_jobs import JobView, PrintOverview, ReprintOption
from viver_tui.widgets.print_status import wake_print_queue


class ReprintDialog(ModalScreen[ReprintOption | None]):
    """A list of the order's labels and receipts; Enter queues the highlighted one."""

    BINDINGS = [Binding("escape", "cancel", "key.cancel")]

    def __init__(self, options: list[ReprintOption]) -> None:
        super().__init__(id="reprint-dialog")
        localize_bindings(self)
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


def job_text(job: JobView) -> Text:
    reason = f": {job.last_error}" if job.last_error else ""
    # a quote belongs to no order: it is not said to be "ordre –"
    key = "print.jobs.row" if job.order_number is not None else "print.jobs.row_alone"
    return Text(
        t(key, what=job.what, number=job.order_number, state=job.state_text, reason=reason)
    )


class PrintJobsDialog(ModalScreen[None]):
    """This terminal's prints that wait, were sent unconfirmed, are uncertain or failed,
    and what it knows of its printers (what ``status = "auto"`` has learned, and why).

    Enter prints the highlighted one again (the same job, queued now), F2 marks it as
    printed (staff saw it come out), F9 makes every waiting job due now. The list is
    read again whenever a job's outcome comes in, so a job that has printed leaves it.
    """

    BINDINGS = [
        Binding("escape", "close", "key.back"),
        Binding("f2", "mark_printed", "key.mark_printed", id="mark-printed"),
        Binding("f9", "retry_now", "key.retry_now", id="retry-now"),
    ]

    DEFAULT_CSS = """
    PrintJobsDialog { align: center middle; }
    PrintJobsDialog #print-jobs-box { width: 90%; height: auto; max-height: 80%;
        border: round $accent; background: $surface; padding: 0 1; }
    PrintJobsDialog #print-jobs-list { height: auto; max-height: 20; }
    PrintJobsDialog #print-jobs-message { height: auto; }
    PrintJobsDialog #print-jobs-printers { height: auto; color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__(id="print-jobs-dialog")
        localize_bindings(self)
        self.jobs: list[JobView] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="print-jobs-box"):
            yield Label(t("print.jobs.title"))
            yield Static(t("print.jobs.help"), markup=False)
            yield Static("", id="print-jobs-printers", markup=False)
            yield OptionList(id="print-jobs-list")
            yield Static("", id="print-jobs-message", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        queue = getattr(self.app, "print_queue", None)
        if queue is not None:
            queue.listeners.append(self._outcome)
        self.reload()

    def on_unmount(self) -> None:
        queue = getattr(self.app, "print_queue", None)
        if queue is not None and self._outcome in queue.listeners:
            queue.listeners.remove(self._outcome)

    def _outcome(self, _outcome: object) -> None:
        self.reload()  # a job printed, failed or waits: show what it is now

    def reload(self) -> None:
        app = self.app
        call = partial(print_jobs.overview, app.db, app.settings)  # type: ignore[attr-defined]
        # exclusive: of reloads asked back to back only the last one's list is shown
        run_service(
            self,
            call,
            on_done=self._show,
            on_error=self._failed,
            exclusive=True,
            group="print-jobs",
        )

    def _show(self, overview: PrintOverview) -> None:
        jobs = overview.jobs
        self.jobs = jobs
        self.query_one("#print-jobs-printers", Static).update(
            "\n".join(printer.text for printer in overview.printers)
        )
        options = self.query_one(OptionList)
        highlighted = options.highlighted
        options.clear_options()
        queue = getattr(self.app, "print_queue", None)
        if queue is not None:
            queue.refreshed(overview.attention, {job.id: job.status for job in jobs})
        if not jobs:
            self.say(t("print.jobs.empty"))
            return
        options.add_options([Option(job_text(job), id=str(job.id)) for job in jobs])
        options.highlighted = min(highlighted or 0, len(jobs) - 1)

    def _current(self) -> JobView | None:
        index = self.query_one(OptionList).highlighted
        if index is None or not self.jobs:
            return None
        return self.jobs[index]

    def say(self, text: str) -> None:
        self.query_one("#print-jobs-message", Static).update(text)

    def _failed(self, error: ViverError) -> None:
        self.say(error.message)

    def _done(self, message: str) -> None:
        wake_print_queue(self.app)
        self.say(message)
        self.reload()

    @on(OptionList.OptionSelected)
    def print_again(self, event: OptionList.OptionSelected) -> None:
        self._settle_job(self.jobs[event.option_index], print_jobs.print_again, "print.jobs.again")

    def action_mark_printed(self) -> None:
        job = self._current()
        if job is not None:
            self._settle_job(job, print_jobs.mark_printed, "print.jobs.marked")

    def _settle_job(self, job: JobView, service: Any, done_key: str) -> None:
        """Staff decided about ``job`` (print it again, or it did print): ``service``
        records it, then the list says so."""
        app = self.app
        call = partial(service, app.db, job.id, app.who)  # type: ignore[attr-defined]
        run_service(
            self,
            call,
            on_done=lambda _: self._done(t(done_key, what=job.what)),
            on_error=self._failed,
        )

    def action_retry_now(self) -> None:
        app = self.app
        call = partial(print_jobs.retry_now, app.db, app.settings.terminal)  # type: ignore[attr-defined]
        run_service(
            self,
            call,
            on_done=lambda count: self._done(t("print.jobs.retried", count=count)),
            on_error=self._failed,
        )

    def action_close(self) -> None:
        self.dismiss(None)
