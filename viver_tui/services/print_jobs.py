"""Print jobs: asking for a print, the queue's rules, and what staff do with a job.

**Asking.** Intake and pickup call ``request`` inside the transaction that confirms the
order or closes the pickup, so the request commits with the order — or not at all. A
job carries the terminal that asked for it (``Settings.terminal``), and only that
terminal's worker prints it: with several terminals on one PostgreSQL database, each
label comes out of the printer beside the person who asked.

**Delivering** is ``print_worker.QueueWorker``'s (the states it leaves a job in are
``printing.queue``'s: printed, unconfirmed, uncertain, queued, failed).

**What staff see and do.** ``overview`` (the F9 list): this terminal's jobs that wait or
need checking, how many wait for a decision (``needs_staff``: uncertain, failed, and
sent unconfirmed — unless the printer is set to ``status = "no"``: staff have said
there that it cannot confirm), and what "auto" has learned of each printer
(``printer_memory``). ``print_again``, ``mark_printed`` and ``retry_now`` are the keys
of that list; ``reprint`` queues a new copy from an order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import peewee

from viver_tui import clock
from viver_tui.config import PrinterSettings, Settings
from viver_tui.db import reading, writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.models import Document, MediaItem, Order, PrintJob
from viver_tui.printing.connection import set_without_status
from viver_tui.printing.queue import (
    FAILED,
    PRINTED,
    UNCERTAIN,
    UNCONFIRMED,
    WAITING,
    Attention,
)
from viver_tui.services import audit, printer_memory
from viver_tui.services.print_data import kind_name
from viver_tui.services.printer_memory import Knowledge
from viver_tui.services.roles import Who, initials_of, may_print, require_print

log = logging.getLogger(__name__)

# kind → the printer role that prints it
KINDS: dict[str, str] = {
    "media_label": "label",
    "order_form": "receipt",
    "receipt": "receipt",
    "return_receipt": "receipt",
    "document": "receipt",  # quote, confirmation, invoice, credit note (services/documents)
}
ROLES = ("label", "receipt")
NEEDS_STAFF = (UNCERTAIN, FAILED)
SHOWN = (WAITING, "printing", UNCERTAIN, FAILED, UNCONFIRMED)

Database = peewee.Database | peewee.DatabaseProxy


def request(
    kind: str,
    order_id: int | None,
    *,
    media_item_id: int | None = None,
    document_id: int | None = None,
    staff: str = "",
    reprint: bool = False,
    terminal: str | None = None,
) -> int:
    """Queue one print job; returns its id. Call inside a ``writing(db)`` block.

    ``terminal`` is the one that asks: the app passes its ``settings.terminal`` through
    the service call (intake, pickup, reprint); None means this machine's name, which
    is also ``Settings.terminal``'s default (a script or test without settings).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown print kind {kind!r}")
    if kind == "media_label" and media_item_id is None:
        raise ValueError("a media label needs media_item_id")
    if (kind == "document") != (document_id is not None):
        raise ValueError("a document job needs document_id, and only it")
    if not terminal:
        from viver_tui.config import default_terminal

        terminal = default_terminal()
    job = PrintJob.create(
        kind=kind,
        printer=KINDS[kind],
        order=order_id,
        media_item=media_item_id,
        document=document_id,
        staff=staff,
        reprint=reprint,
        terminal=terminal,
    )
    _audit_named_print(job, staff)
    return job.id


# The kinds of paper that carry the customer's name (labels, the box's order form):
# asking for one is in the access log. Receipts name the shop, not the customer.
NAMED_KINDS = ("media_label", "order_form")


def _audit_named_print(job: PrintJob, staff: str) -> None:
    """Record a print with a customer's name on it: who, which customer, the kind and
    the order number or medium code — never the name. Inside the caller's transaction."""
    if job.kind not in NAMED_KINDS:
        return
    order = Order.select(Order.number, Order.customer).where(Order.id == job.order_id).first()
    if order is None or order.customer_id is None:
        return
    what = str(order.number)
    if job.media_item_id is not None:
        code = MediaItem.select(MediaItem.code).where(MediaItem.id == job.media_item_id).scalar()
        what = code or what
    details = f"{job.kind} {what}" + (" reprint" if job.reprint else "")
    audit.record(staff, "print", order.customer_id, details=details)


# -- what staff see ----------------------------------------------------------------------


@dataclass(frozen=True)
class JobView:
    """A print job as the order screen, the status bar and the print dialog show it."""

    id: int
    kind: str
    role: str
    order_id: int | None
    order_number: int | None
    code: str | None
    status: str  # queued | printing | printed | unconfirmed | uncertain | failed
    attempts: int
    last_error: str | None
    reprint: bool
    created_at: datetime
    printed_at: datetime | None
    next_attempt_at: datetime | None = None
    confirmation: str | None = None

    @property
    def what(self) -> str:
        """"etikett 104233-03", "kvittering"; a customer document by its title alone
        ("Faktura 12"): its code is the title, which says the kind already."""
        if self.kind == "document" and self.code:
            return self.code
        name = t(f"print.kind.{self.kind}")
        return f"{name} {self.code}" if self.code else name

    @property
    def state_text(self) -> str:
        return t(f"print.state.{self.status}")


@dataclass(frozen=True)
class ReprintOption:
    """One thing the order screen can print again."""

    kind: str
    media_item_id: int | None
    text: str


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
        next_attempt_at=job.next_attempt_at,
        confirmation=job.confirmation,
    )


def document_title(kind: str, number: int) -> str:
    """What a customer document's print job is called: its title ("Faktura 12")."""
    return t(f"doc.title.{kind}", number=number)


def job_views(query: peewee.ModelSelect) -> list[JobView]:
    rows = (
        query.select(
            PrintJob, Order.number, MediaItem.code,
            Document.kind.alias("document_kind"), Document.number.alias("document_number"),
        )
        .join_from(PrintJob, Order, peewee.JOIN.LEFT_OUTER)
        .join_from(PrintJob, MediaItem, peewee.JOIN.LEFT_OUTER)
        .join_from(PrintJob, Document, peewee.JOIN.LEFT_OUTER)
        .order_by(PrintJob.id)
        .objects()
    )
    return [
        _view(r, r.number, document_title(r.document_kind, r.document_number)
              if r.document_kind is not None else r.code)
        for r in rows
    ]


def pending_jobs(db: Database) -> list[JobView]:
    """Jobs not yet printed (queued, printing, unconfirmed, uncertain, failed), oldest first."""
    with reading(db):
        return job_views(PrintJob.select().where(PrintJob.status != PRINTED))


def jobs_for_order(db: Database, order_id: int) -> list[JobView]:
    with reading(db):
        return job_views(PrintJob.select().where(PrintJob.order == order_id))


def attention_jobs(db: Database, terminal: str, limit: int = 50) -> list[JobView]:
    """This terminal's jobs staff may act on: waiting, uncertain, failed, sent unconfirmed
    (the newest ``limit``), oldest first."""
    with reading(db):
        newest = (
            PrintJob.select(PrintJob.id)
            .where((PrintJob.terminal == terminal) & PrintJob.status.in_(SHOWN))
            .order_by(PrintJob.id.desc())
            .limit(limit)
        )
        return job_views(PrintJob.select().where(PrintJob.id.in_(newest)))


def needs_staff(settings: Settings) -> peewee.Expression:
    """This terminal's jobs that wait for a staff decision: uncertain, failed, and sent
    unconfirmed — except to a printer set to ``status = "no"`` (staff have said there
    that it cannot confirm; its jobs are listed, but do not hold the warning)."""
    counted = [role for role in ROLES if not set_without_status(printer_for(settings, role))]
    waiting = PrintJob.status.in_(NEEDS_STAFF)
    if counted:
        waiting |= (PrintJob.status == UNCONFIRMED) & PrintJob.printer.in_(counted)
    return (PrintJob.terminal == settings.terminal) & waiting


def count_attention(settings: Settings) -> Attention:
    """How many of this terminal's jobs wait for staff. Call inside a transaction."""
    rows = (
        PrintJob.select(PrintJob.status, PrintJob.kind, peewee.fn.COUNT(PrintJob.id))
        .where(needs_staff(settings))
        .group_by(PrintJob.status, PrintJob.kind)
        .tuples()
    )
    check = unconfirmed = labels = 0
    for status, kind, count in rows:
        if status == UNCONFIRMED:
            unconfirmed += count
            labels += count if kind == "media_label" else 0
        else:
            check += count
    return Attention(check, unconfirmed, labels)


@dataclass(frozen=True)
class PrintOverview:
    """What the F9 list shows: the jobs, how many wait for staff, and what this terminal
    knows of each printer (what ``status = "auto"`` learned, and why)."""

    jobs: list[JobView]
    attention: Attention
    printers: list[Knowledge]


def overview(db: Database, settings: Settings, limit: int = 50) -> PrintOverview:
    """This terminal's jobs staff may act on (``attention_jobs``) and its printers."""
    with reading(db):
        return PrintOverview(
            attention_jobs(db, settings.terminal, limit),
            count_attention(settings),
            printer_memory.knowledge(settings, _distinct_roles(settings)),
        )


def _distinct_roles(settings: Settings) -> tuple[str, ...]:
    """Each printer once: the receipt role only where it is another printer."""
    label, receipt = (printer_for(settings, role).url.strip() for role in ROLES)
    return ("label",) if label == receipt else ROLES


def print_again(db: Database, job_id: int, who: Who) -> None:
    """Staff ask: print this job again (uncertain, unconfirmed, failed or waiting).

    The job goes back to the queue, due now; a job being printed right now is left as
    it is. Raises NotFound for a job that is gone, NotAllowed for a print with contact
    details (the order form, a document) asked by production staff — as ``reprint``.
    """
    staff = initials_of(who)
    with writing(db):
        job = PrintJob.get_or_none(PrintJob.id == job_id)
        if job is None:
            raise NotFound(t("print.error.data_gone"))
        require_print(who, job.kind)
        if job.status == "printing":
            return
        _audit_named_print(job, staff)
        PrintJob.update(
            status=WAITING,
            next_attempt_at=None,
            claimed_by=None,
            claimed_at=None,
            heartbeat_at=None,
            confirmation=None,
            printed_at=None,
            last_error=None,
        ).where(PrintJob.id == job_id).execute()
    log.info("print job %s queued again by %s", job_id, staff)


def mark_printed(db: Database, job_id: int, staff: Who) -> None:
    """Staff saw it come out: an uncertain or unconfirmed job counts as printed."""
    staff = initials_of(staff)
    with writing(db):
        job = PrintJob.get_or_none(PrintJob.id == job_id)
        if job is None:
            raise NotFound(t("print.error.data_gone"))
        if job.status not in (UNCERTAIN, UNCONFIRMED):
            state = t(f"print.state.{job.status}")
            raise ValidationError(t("print.error.cannot_mark", state=state))
        PrintJob.update(
            status=PRINTED,
            confirmation="staff",
            printed_at=clock.now(),
            last_error=None,
        ).where(PrintJob.id == job_id).execute()
    log.info("print job %s marked printed by %s", job_id, staff)


def retry_now(db: Database, terminal: str) -> int:
    """Make this terminal's waiting jobs due now (after a fault is fixed); returns how many."""
    with writing(db):
        return (
            PrintJob.update(next_attempt_at=None)
            .where(
                (PrintJob.terminal == terminal)
                & (PrintJob.status == WAITING)
                & PrintJob.next_attempt_at.is_null(False)
            )
            .execute()
        )


def reprint_options(
    db: Database, order_id: int, settings: Settings, who: Who
) -> list[ReprintOption]:
    """What the order screen offers ``who`` to print again: each label, the form (not
    to production staff: it carries the customer's phone and e-mail), the receipts."""
    with reading(db):
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise NotFound(t("print.error.data_gone"))
        options = [
            ReprintOption(
                "media_label",
                m.id,
                f"{t('print.kind.media_label')} {m.code} ({kind_name(settings, m.kind)})",
            )
            for m in order.media.order_by(MediaItem.seq)
        ]
        if may_print(who, "order_form"):
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
    *,
    staff: Who,
    terminal: str | None = None,
) -> int:
    """Queue a reprint (``reprint=True``) for ``staff``; returns the new job's id.

    A medium's label is built from the medium, so a reprinted label carries the same
    code. Raises ValidationError for an unknown kind, NotFound for a medium that is not
    in the order, NotAllowed for an order form asked by production staff (it carries
    the customer's contact details, which they do not see).
    """
    if kind not in KINDS:
        raise ValidationError(t("print.reprint.kind_invalid", kind=kind))
    require_print(staff, kind)
    staff = initials_of(staff)
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
        return request(
            kind,
            order_id,
            media_item_id=media_item_id,
            staff=staff,
            reprint=True,
            terminal=terminal,
        )


def printer_for(settings: Settings, role: str) -> PrinterSettings:
    return settings.label_printer if role == "label" else settings.receipt_printer
