"""The print runner: it is handed what to print, prints it, and says what happened.

This module knows printers, not the shop: it never reads the database. A *source*
(``services.print_worker.QueueWorker``) claims jobs, builds their bytes and records the
results; this module gives it

- ``PrintTask`` (what to print, where) and ``print_task(task, …) → PrintResult``: the
  job spooled for the ``preview`` printer, or delivered and — if the printer can — its
  delivery confirmed (``delivery.deliver``);
- ``PrintOutcome``: what the app shows for one job, with ``Attention``: how many of
  the terminal's jobs wait for a staff decision;
- ``QueueRunner``: the threads that drive a source — one per printer (jobs for two
  printers never wait for each other; two roles on one printer share a thread, so a
  printer has one job at a time) and one that renews the source's claims (a heartbeat),
  so another process can tell a live claim from one whose process is gone.

Nothing here imports Textual or, at import time, python-escpos.
"""

from __future__ import annotations

import contextvars
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from viver_tui.config import PrinterSettings
from viver_tui.locale import t
from viver_tui.locale.media import plural
from viver_tui.printing.connection import (
    BadPrinterAddress,
    PrinterFactory,
    PrinterUnavailable,
    is_preview,
)
from viver_tui.printing.delivery import deliver

log = logging.getLogger(__name__)

POLL_S = 2.0  # how often an idle lane looks for jobs queued by other processes
HEARTBEAT_S = 5.0  # how often a runner renews its claims

# Job states (``PrintJob.status``) as the runner reports them.
PRINTED = "printed"  # the printer confirmed it (or it was spooled, or staff said so)
UNCONFIRMED = "unconfirmed"  # sent to a printer that cannot confirm: staff check
UNCERTAIN = "uncertain"  # bytes may have reached the printer, no confirmation: staff decide
WAITING = "queued"  # nothing of it left: retried automatically
FAILED = "failed"  # its data could not be built, or its printer's address is invalid


@dataclass(frozen=True)
class PrintTask:
    """One job, ready to print: its bytes and the printer they go to."""

    job_id: int
    kind: str
    role: str  # label | receipt
    printer: PrinterSettings
    payload: bytes
    what: str = ""  # "etikett 104233-03", for messages
    order_number: int | None = None
    code: str | None = None
    answers: bool | None = None  # is this printer known to answer status queries?
    ask: bool = True  # ask a printer that has not answered after this job (learning)
    columns: int = 48
    code_page: str = "CP865"


@dataclass(frozen=True)
class PrintResult:
    """What became of a task's bytes (see the state names above)."""

    state: str
    confirmation: str | None = None  # printer | process_id | spooled
    error: PrinterUnavailable | None = None
    answered: bool | None = None  # for what "auto" learns
    spool_path: Path | None = None
    preview: str | None = None


@dataclass(frozen=True)
class Attention:
    """A terminal's jobs that wait for a staff decision (F9): ``check`` uncertain or
    failed; ``unconfirmed`` sent but not confirmed by a printer that is not set to
    ``status = "no"`` (``labels`` of them labels)."""

    check: int = 0
    unconfirmed: int = 0
    labels: int = 0

    @property
    def total(self) -> int:
        return self.check + self.unconfirmed

    @property
    def text(self) -> str:
        """``4 etiketter ikke bekreftet, 1 utskrift må sjekkes — F9`` (empty if none)."""
        parts = []
        if self.unconfirmed:
            key = "labels" if self.labels == self.unconfirmed else "prints"
            parts.append(plural(f"print.attention.unconfirmed_{key}", self.unconfirmed))
        if self.check:
            parts.append(plural("print.attention.check", self.check))
        return t("print.attention.f9", what=", ".join(parts)) if parts else ""


@dataclass(frozen=True)
class PrintOutcome:
    """One job's result as the app shows it."""

    job_id: int
    kind: str
    role: str
    order_number: int | None
    code: str | None
    state: str
    message: str  # for the status bar, in the screen language
    error: str | None = None
    url: str = ""
    spool_path: Path | None = None
    preview: str | None = None  # the job as text, for a preview pane
    attention: Attention = Attention()  # this terminal's jobs waiting for staff
    learned: str = ""  # what "auto" has just learned of the printer, if anything

    @property
    def printed(self) -> bool:
        return self.state == PRINTED


def print_task(
    task: PrintTask, *, spool_dir: Path, factory: PrinterFactory | None = None
) -> PrintResult:
    """Spool (preview) or deliver one task. Blocking: call it from a worker thread."""
    if is_preview(task.printer.url):
        from viver_tui.printing import preview

        name = f"{task.job_id:08d}-{task.kind}.escpos"  # no personal data in the file name
        try:
            path = preview.spool(spool_dir, name, task.payload)
        except OSError as exc:
            return PrintResult(WAITING, error=PrinterUnavailable(task.printer.url, str(exc)))
        text = preview.render_text(task.payload, task.columns, task.code_page)
        return PrintResult(PRINTED, "spooled", spool_path=path, preview=text)
    try:
        delivery = deliver(
            task.printer,
            task.payload,
            factory,
            answers=task.answers,
            ask=task.ask,
            tag=task.job_id,
        )
    except BadPrinterAddress as error:  # retrying cannot help: the settings must change
        return PrintResult(FAILED, error=error)
    except PrinterUnavailable as error:
        state = UNCERTAIN if error.sent else WAITING
        return PrintResult(state, error=error, answered=error.answered)
    if delivery.confirmed:
        how = "process_id" if delivery.how == "process_id" else "printer"
        return PrintResult(PRINTED, how, answered=delivery.answered)
    return PrintResult(UNCONFIRMED, answered=delivery.answered)


class JobSource(Protocol):
    """What a ``QueueRunner`` drives (``services.print_worker.QueueWorker``)."""

    def lanes(self) -> list[tuple[str, ...]]:
        """Printer roles grouped by printer: one thread each."""

    def recover(self, on_outcome: Callable[[PrintOutcome], None] | None) -> list[PrintOutcome]:
        """At start: take back (and report) the claims of processes that are gone."""

    def run_lane(
        self, roles: Sequence[str], on_outcome: Callable[[PrintOutcome], None] | None
    ) -> float:
        """Print every due job of ``roles``; return seconds until one may be due."""

    def heartbeat(self) -> None:
        """Renew this source's claims."""

    def release(self) -> None:
        """The calling thread is done: drop its database connection."""


class QueueRunner:
    """Daemon threads running a ``JobSource`` until stopped; ``wake()`` after queuing.

    ``on_outcome`` and ``on_error`` are called on the runner's threads: a Textual app
    passes functions that hand over with ``call_from_thread``.
    """

    def __init__(
        self,
        source: JobSource,
        on_outcome: Callable[[PrintOutcome], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        heartbeat_s: float = HEARTBEAT_S,
    ) -> None:
        self.source = source
        self.on_outcome = on_outcome
        self.on_error = on_error
        self.heartbeat_s = heartbeat_s
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._wakes: list[threading.Event] = []
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        lanes = self.source.lanes()
        self._wakes = [threading.Event() for _ in lanes]
        # Each thread runs in a copy of the starter's context (the app's language, for
        # the status messages it words).
        self._threads = [
            threading.Thread(
                target=contextvars.copy_context().run,
                args=(self._run_lane, tuple(lane), wake),
                name=f"viver-print-{'+'.join(lane)}",
                daemon=True,
            )
            for lane, wake in zip(lanes, self._wakes, strict=True)
        ]
        self._threads.append(
            threading.Thread(
                target=contextvars.copy_context().run,
                args=(self._run_heartbeat,),
                name="viver-print-heartbeat",
                daemon=True,
            )
        )
        for thread in self._threads:
            thread.start()

    def wake(self) -> None:
        for event in self._wakes:
            event.set()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        self._ready.set()
        self.wake()
        current = threading.current_thread()
        for thread in self._threads:
            if thread.is_alive() and thread is not current:
                thread.join(timeout)

    @property
    def running(self) -> bool:
        return any(thread.is_alive() for thread in self._threads)

    def _error(self, exc: BaseException) -> None:
        if self._stop.is_set():
            return  # stopping: the database may be closed already; nobody to tell
        log.exception("print queue pass failed")
        if self.on_error is not None:
            self.on_error(exc)

    def _run_heartbeat(self) -> None:
        try:
            try:
                self.source.recover(self.on_outcome)
            except Exception as exc:
                self._error(exc)
            self._ready.set()  # lanes start after dead claims are taken back
            while not self._stop.wait(self.heartbeat_s):
                try:
                    self.source.heartbeat()
                except Exception as exc:
                    self._error(exc)
        finally:
            self._ready.set()
            self.source.release()

    def _run_lane(self, roles: tuple[str, ...], wake: threading.Event) -> None:
        self._ready.wait()
        try:
            while not self._stop.is_set():
                wait = POLL_S
                try:
                    wait = self.source.run_lane(roles, self.on_outcome)
                except Exception as exc:
                    self._error(exc)
                    self.source.release()
                wake.wait(wait)
                wake.clear()
        finally:
            self.source.release()
