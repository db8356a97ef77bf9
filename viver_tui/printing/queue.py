"""The persistent print queue: claim a job, build it from the order, send it, mark it.

Jobs are ``PrintJob`` rows written by intake and pickup (``services/print_requests``)
in the same transaction as the order. A worker — one per running app, any number per
database — takes them one printer role at a time, in order:

1. **Claim** in one short write transaction: the oldest unfinished job of the role is
   set ``queued → printing`` with a conditional ``UPDATE … WHERE status='queued'``, so of
   two terminals racing for it exactly one gets it (SQLite serialises at ``BEGIN
   IMMEDIATE``; PostgreSQL re-checks the row after the competing update commits). While
   a role's oldest job is being printed by someone, nobody starts the next one: one
   printer, one job at a time, labels in order.
2. **Build** the layout data from the database at print time — the row holds only
   references, so a queued job keeps no copy of personal data — and the job's bytes.
3. **Send**, outside any transaction (a hung printer never holds a database lock).
4. **Mark** ``printed``; or, if the printer is unavailable, back to ``queued`` with
   ``attempts``, ``last_error`` and a ``next_attempt_at`` backing off from 2 s to 60 s.
   A job is never dropped for a printer failure. A job whose data cannot be built is
   marked ``failed`` (kept and shown, reprintable), so it cannot block the printer.

A claim older than ``LEASE`` (its worker died mid-job) is taken back to ``queued``.

Nothing here imports Textual or, at import time, python-escpos.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import peewee

from viver_tui.config import PrinterSettings, Settings
from viver_tui.db import reading, writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.models import Customer, MediaItem, Order, PrintJob
from viver_tui.printing import layouts
from viver_tui.printing.connection import (
    PrinterFactory,
    PrinterUnavailable,
    describe,
    is_preview,
    send,
)
from viver_tui.services import print_requests

log = logging.getLogger(__name__)

ROLES = ("label", "receipt")
LEASE = timedelta(minutes=2)  # far longer than one send can take (about 2 × timeout)
BACKOFF_S = (2, 5, 15, 30, 60)
POLL_S = 2.0  # how often an idle worker looks for jobs queued by other terminals
UNFINISHED = ("queued", "printing")

Database = peewee.Database | peewee.DatabaseProxy


@dataclass(frozen=True)
class JobView:
    """A print job as the order screen and status bar show it."""

    id: int
    kind: str
    role: str
    order_id: int | None
    order_number: int | None
    code: str | None
    status: str  # queued | printing | printed | failed
    attempts: int
    last_error: str | None
    reprint: bool
    created_at: datetime
    printed_at: datetime | None

    @property
    def what(self) -> str:
        name = t(f"print.kind.{self.kind}")
        return f"{name} {self.code}" if self.code else name


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one job: printed, spooled (preview), or not (``error``)."""

    job_id: int
    kind: str
    role: str
    order_number: int | None
    code: str | None
    printed: bool
    message: str  # for the status bar, in the screen language
    error: str | None = None
    url: str = ""
    spool_path: Path | None = None
    preview: str | None = None  # the job as text, for a preview pane


@dataclass(frozen=True)
class ReprintOption:
    """One thing the order screen can print again."""

    kind: str
    media_item_id: int | None
    text: str


def new_worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_S[min(max(attempts, 1), len(BACKOFF_S)) - 1])


def printer_for(settings: Settings, role: str) -> PrinterSettings:
    return settings.label_printer if role == "label" else settings.receipt_printer


# -- reading the queue (for the UI; call from a worker thread) ------------------------


def _view(job: PrintJob, number: int | None, code: str | None) -> JobView:
    return JobView(
        id=job.id,
        kind=job.kind,
        role=job.printer,
        order_id=job.order_id,
        order_number=number,
        code=code,
        status=job.status,
        attempts=job.attempts,
        last_error=job.last_error,
        reprint=job.reprint,
        created_at=job.created_at,
        printed_at=job.printed_at,
    )


def _views(query: peewee.ModelSelect) -> list[JobView]:
    rows = (
        query.select(PrintJob, Order.number, MediaItem.code)
        .join_from(PrintJob, Order, peewee.JOIN.LEFT_OUTER)
        .join_from(PrintJob, MediaItem, peewee.JOIN.LEFT_OUTER)
        .order_by(PrintJob.id)
        .objects()
    )
    return [_view(r, r.number, r.code) for r in rows]


def pending_jobs(db: Database) -> list[JobView]:
    """Jobs not yet printed (queued, printing, failed), oldest first."""
    with reading(db):
        return _views(PrintJob.select().where(PrintJob.status != "printed"))


def jobs_for_order(db: Database, order_id: int) -> list[JobView]:
    with reading(db):
        return _views(PrintJob.select().where(PrintJob.order == order_id))


def reprint_options(db: Database, order_id: int, settings: Settings) -> list[ReprintOption]:
    """What the order screen offers to print again: each label, the form, the receipts."""
    with reading(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(t("print.error.data_gone"))
        options = [
            ReprintOption(
                "media_label",
                m.id,
                f"{t('print.kind.media_label')} {m.code} ({_kind(settings, m.kind)})",
            )
            for m in order.media.order_by(MediaItem.seq)
        ]
        options.append(ReprintOption("order_form", None, t("print.kind.order_form")))
        options.append(ReprintOption("receipt", None, t("print.kind.receipt")))
        if order.media.where(MediaItem.returned_at.is_null(False)).exists():
            options.append(ReprintOption("return_receipt", None, t("print.kind.return_receipt")))
        return options


def reprint(
    db: Database,
    order_id: int,
    kind: str,
    media_item_id: int | None = None,
    staff: str = "",
) -> int:
    """Queue a reprint (``reprint=True``); returns the new job's id.

    A medium's label is built from the medium, so a reprinted label carries the same
    code. Raises ValidationError for an unknown kind, NotFound for a medium that is not
    in the order.
    """
    if kind not in print_requests.KINDS:
        raise ValidationError(t("print.reprint.kind_invalid", kind=kind))
    with writing(db):
        if Order.get_or_none(Order.id == order_id) is None:
            raise NotFound(t("print.error.data_gone"))
        if kind == "media_label":
            item = MediaItem.get_or_none(
                (MediaItem.id == media_item_id) & (MediaItem.order == order_id)
            )
            if item is None:
                raise NotFound(t("print.error.data_gone"))
        else:
            media_item_id = None
        return print_requests.request(
            kind, order_id, media_item_id=media_item_id, staff=staff, reprint=True
        )


# -- building a job's data from the database -----------------------------------------


def _kind(settings: Settings, key: str) -> str:
    kind = settings.media_kind(key)
    return kind.name if kind else key


def _customer_name(order: Order) -> str:
    customer = Customer.get_or_none(Customer.id == order.customer_id)
    return customer.name if customer else ""


def _lines(order: Order, settings: Settings) -> tuple[layouts.MediaLine, ...]:
    return tuple(
        layouts.MediaLine(
            code=m.code,
            kind=_kind(settings, m.kind),
            description=m.description,
            declared_count=m.declared_count,
            returned=m.returned_at is not None,
            returned_count=m.returned_count,
            outcome=m.outcome,
        )
        for m in order.media.order_by(MediaItem.seq)
    )


def job_data(job: PrintJob, settings: Settings) -> object:
    """The layout data of a job, read from the database now. Call inside ``reading``."""
    order = Order.get_or_none(Order.id == job.order_id)
    if order is None:
        raise NotFound(t("print.error.data_gone"))
    if job.kind == "media_label":
        item = MediaItem.get_or_none(MediaItem.id == job.media_item_id)
        if item is None:
            raise NotFound(t("print.error.data_gone"))
        return layouts.LabelData(
            customer_name=_customer_name(order),
            order_number=order.number,
            code=item.code,
            kind=_kind(settings, item.kind),
            seq=item.seq,
            total=order.media.count(),
        )
    if job.kind == "order_form":
        from viver_tui.locale.formatting import format_phone

        customer = Customer.get_or_none(Customer.id == order.customer_id)
        contact = (format_phone(customer.phone), customer.email or "") if customer else ()
        return layouts.OrderFormData(
            customer_name=customer.name if customer else "",
            contact=contact,
            order_number=order.number,
            received_on=order.received_on,
            promised_on=order.promised_on,
            shelf=order.shelf,
            staff=order.staff,
            media=_lines(order, settings),
            notes=order.notes,
            reprint=job.reprint,
        )
    if job.kind == "receipt":
        return layouts.ReceiptData(
            shop_name=settings.shop_name,
            shop_contact=settings.shop_contact,
            order_number=order.number,
            received_on=order.received_on,
            media=_lines(order, settings),
            estimate_ore=order.estimate_ore,
            promised_on=order.promised_on,
            reprint=job.reprint,
        )
    if job.kind == "return_receipt":
        return layouts.ReturnReceiptData(
            shop_name=settings.shop_name,
            shop_contact=settings.shop_contact,
            order_number=order.number,
            on=job.created_at.date() if job.created_at else date.today(),
            media=_lines(order, settings),
            close_reason=order.close_reason,
            reprint=job.reprint,
        )
    raise ValueError(f"unknown print kind {job.kind!r}")


# -- the worker ----------------------------------------------------------------------


class QueueWorker:
    """Drains the queue for one app (or CLI); safe to run beside workers elsewhere.

    ``run_once`` blocks on printers and the database: run it in a thread.
    """

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        printer_factory: PrinterFactory | None = None,
        name: str | None = None,
        clock: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.db = db
        self.settings = settings
        self.printer_factory = printer_factory
        self.name = name or new_worker_name()
        self.clock = clock

    def _unfinished(self, role: str) -> peewee.Expression:
        """This terminal's unfinished jobs for its printer ``role``."""
        return (
            (PrintJob.printer == role)
            & (PrintJob.terminal == self.settings.terminal)
            & PrintJob.status.in_(UNFINISHED)
        )

    def claim(self, role: str) -> PrintJob | None:
        """Take the role's oldest unfinished job if it is due and nobody has it."""
        now = self.clock()
        with reading(self.db):  # an idle poll must not take SQLite's write lock
            if not (
                PrintJob.select()
                .where(self._unfinished(role))
                .exists()
            ):
                return None
        with writing(self.db):
            PrintJob.update(status="queued", claimed_by=None, claimed_at=None).where(
                (PrintJob.status == "printing") & (PrintJob.claimed_at < now - LEASE)
            ).execute()
            head = (
                PrintJob.select()
                .where(self._unfinished(role))
                .order_by(PrintJob.id)
                .first()
            )
            if head is None or head.status != "queued":
                return None
            if head.next_attempt_at is not None and head.next_attempt_at > now:
                return None
            taken = (
                PrintJob.update(status="printing", claimed_by=self.name, claimed_at=now)
                .where((PrintJob.id == head.id) & (PrintJob.status == "queued"))
                .execute()
            )
            if taken != 1:
                return None
            return PrintJob.get_by_id(head.id)

    def _finish(self, job: PrintJob, **changes: Any) -> None:
        with writing(self.db):
            PrintJob.update(claimed_by=None, claimed_at=None, **changes).where(
                (PrintJob.id == job.id) & (PrintJob.claimed_by == self.name)
            ).execute()

    def process(self, job: PrintJob) -> PrintOutcome:
        """Build and send one claimed job, and record the result."""
        role = job.printer
        printer = printer_for(self.settings, role)
        paper = layouts.Paper.of(printer)
        number: int | None = None
        code: str | None = None
        try:
            with reading(self.db):
                data = job_data(job, self.settings)
            number = getattr(data, "order_number", None)
            code = getattr(data, "code", None)
            payload = layouts.build(job.kind, data, paper)
        except Exception as exc:
            log.exception("print job %s cannot be built", job.id)
            message = exc.message if isinstance(exc, NotFound) else str(exc)
            self._finish(job, status="failed", attempts=job.attempts + 1, last_error=message)
            return PrintOutcome(job.id, job.kind, role, number, code, False, message, message)
        what = t(f"print.kind.{job.kind}") + (f" {code}" if code else "")
        if is_preview(printer.url):
            from viver_tui.printing import preview

            name = f"{job.id:08d}-{job.kind}.escpos"  # no personal data in the file name
            try:
                path = preview.spool(self.settings.spool_dir, name, payload)
            except OSError as exc:
                error = PrinterUnavailable(printer.url, str(exc))
                return self._failed(job, role, printer, error, number, code)
            self._finish(job, status="printed", printed_at=self.clock(), attempts=job.attempts + 1)
            text = preview.render_text(payload, paper.columns, paper.code_page)
            message = t("print.status.spooled", what=what, number=number, path=path)
            return PrintOutcome(
                job.id,
                job.kind,
                role,
                number,
                code,
                True,
                message,
                url=printer.url,
                spool_path=path,
                preview=text,
            )
        try:
            send(printer, payload, self.printer_factory)
        except PrinterUnavailable as error:
            return self._failed(job, role, printer, error, number, code)
        self._finish(
            job,
            status="printed",
            printed_at=self.clock(),
            attempts=job.attempts + 1,
            last_error=None,
            next_attempt_at=None,
        )
        message = t("print.status.printed", what=what, number=number)
        return PrintOutcome(job.id, job.kind, role, number, code, True, message, url=printer.url)

    def _failed(
        self,
        job: PrintJob,
        role: str,
        printer: PrinterSettings,
        error: PrinterUnavailable,
        number: int | None,
        code: str | None,
    ) -> PrintOutcome:
        attempts = job.attempts + 1
        self._finish(
            job,
            status="queued",
            attempts=attempts,
            last_error=error.reason,
            next_attempt_at=self.clock() + backoff(attempts),
        )
        message = describe(role, printer, error)
        return PrintOutcome(
            job.id, job.kind, role, number, code, False, message, error.reason, url=printer.url
        )

    def run_once(
        self, on_outcome: Callable[[PrintOutcome], None] | None = None
    ) -> list[PrintOutcome]:
        """Print every due job; a role stops at its first failure (its printer is out)."""
        outcomes: list[PrintOutcome] = []
        for role in ROLES:
            while True:
                job = self.claim(role)
                if job is None:
                    break
                outcome = self.process(job)
                outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
                if not outcome.printed:
                    break
        return outcomes

    def next_due_in(self) -> float:
        """Seconds until the earliest waiting retry is due (``POLL_S`` at most)."""
        with reading(self.db):
            due = (
                PrintJob.select(peewee.fn.MIN(PrintJob.next_attempt_at))
                .where(
                    (PrintJob.status == "queued")
                    & (PrintJob.terminal == self.settings.terminal)
                )
                .scalar()
            )
        if due is None:
            return POLL_S
        return min(POLL_S, max(0.05, (due - self.clock()).total_seconds()))


class QueueRunner:
    """A daemon thread running a ``QueueWorker`` until stopped; ``wake()`` after queuing.

    ``on_outcome`` and ``on_error`` are called on the runner's thread: a Textual app
    passes functions that hand over with ``call_from_thread``/``post_message``.
    """

    def __init__(
        self,
        worker: QueueWorker,
        on_outcome: Callable[[PrintOutcome], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        self.worker = worker
        self.on_outcome = on_outcome
        self.on_error = on_error
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="viver-print-queue", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                wait = POLL_S
                try:
                    self.worker.run_once(self.on_outcome)
                    wait = self.worker.next_due_in()
                except Exception as exc:
                    log.exception("print queue pass failed")
                    if self.on_error is not None:
                        self.on_error(exc)
                    from viver_tui.db import forget_connection

                    forget_connection(self.worker.db)
                self._wake.wait(wait)
                self._wake.clear()
        finally:
            if not self.worker.db.is_closed():
                self.worker.db.close()
