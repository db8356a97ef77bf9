"""Print jobs: asking for a print, the queue's rules, and what staff do with a job.

**Asking.** Intake and pickup call ``request`` inside the transaction that confirms the
order or closes the pickup, so the request commits with the order — or not at all. A
job carries the terminal that asked for it (``Settings.terminal``), and only that
terminal's worker prints it: with several terminals on one PostgreSQL database, each
label comes out of the printer beside the person who asked.

**Delivering.** ``QueueWorker`` (driven by ``printing.queue.QueueRunner``, one thread
per printer) takes jobs one printer role at a time, in order:

1. **Claim** in one short write transaction: the role's oldest unfinished job goes
   ``queued → printing`` with a conditional ``UPDATE … WHERE status='queued'``, so of
   two workers racing for it exactly one gets it. The claim names its owner
   (``host|boot id|pid|process start|random``) and carries a heartbeat the runner renews.
   While a role's oldest job is being printed, nobody starts the next one.
2. **Build** the layout from the database now (the row holds references only).
3. **Print** outside any transaction (``printing.queue.print_task``).
4. **Record** what happened — the rule of the issue "print delivery you can trust":

   - ``printed`` only when confirmed: a status answer after the job's bytes, Epson's
     process-ID response, the preview spool, or staff marking it by hand;
   - ``unconfirmed`` (sent, not confirmed): the printer cannot confirm; the screen asks
     staff to check that it came out, and one key prints it again;
   - ``uncertain``: the bytes may have reached the printer but no confirmation came;
     it is never re-sent automatically — staff print it again or mark it printed;
   - back to ``queued`` with a back-off (2 s → 60 s) only when nothing of the job left
     (refused, paper out, no answer before the job): a retry cannot double it;
   - ``failed`` when its data cannot be built (kept, shown, reprintable).

**Claims of processes that are gone.** A claim whose owner ran on this machine and is
no longer running (same boot, its pid gone or reused) is taken back at once; any other
claim when its heartbeat is older than ``LEASE``. Either way the job was maybe in flight,
so it becomes ``uncertain`` — the next job goes ahead at once, and staff decide.

**What "auto" learns.** ``PrinterMemory`` remembers per terminal and printer whether the
printer answers status queries: True once an answer came, and never demoted by a
missed answer.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import peewee

from viver_tui import clock
from viver_tui.config import PrinterSettings, Settings
from viver_tui.db import forget_connection, reading, writing
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.models import Customer, Document, MediaItem, Order, PrinterMemory, PrintJob
from viver_tui.printing import document_receipt, layouts
from viver_tui.printing.connection import PrinterFactory, describe
from viver_tui.printing.queue import (
    FAILED,
    PRINTED,
    UNCERTAIN,
    UNCONFIRMED,
    WAITING,
    PrintOutcome,
    PrintResult,
    PrintTask,
    print_task,
)
from viver_tui.printing.sheet import Sheet
from viver_tui.services import audit
from viver_tui.services.staff import Who, initials_of, require_contact, sees_contact

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
LEASE = timedelta(seconds=30)  # a claim without a heartbeat this long is taken back
BACKOFF_S = (2, 5, 15, 30, 60)
UNFINISHED = ("queued", "printing")
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


# -- who holds a claim -----------------------------------------------------------------


@lru_cache(maxsize=1)
def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return ""


def _process_start(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), or "" if unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    return stat.rsplit(")", 1)[-1].split()[19]


def new_owner() -> str:
    """This process's name on a claim: ``host|boot id|pid|start|random``."""
    pid = os.getpid()
    return "|".join(
        (socket.gethostname(), _boot_id(), str(pid), _process_start(pid), uuid.uuid4().hex[:8])
    )


def owner_is_gone(owner: str | None) -> bool:
    """True when ``owner`` ran on this machine, since this boot, and is not running now.

    A claim from another machine (or an older format) cannot be checked here: it is
    taken back by its heartbeat going stale instead.
    """
    if not owner:
        return True
    parts = owner.split("|")
    if len(parts) != 5 or parts[0] != socket.gethostname():
        return False
    _host, boot, pid_text, start, _ = parts
    if boot != _boot_id():
        return bool(boot)  # the machine restarted since: that process is gone
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    if pid == os.getpid():
        return False
    if start:
        return _process_start(pid) != start  # gone, or the pid belongs to another now
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


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
    """Jobs not yet printed (queued, printing, unconfirmed, uncertain, failed), oldest first."""
    with reading(db):
        return _views(PrintJob.select().where(PrintJob.status != PRINTED))


def jobs_for_order(db: Database, order_id: int) -> list[JobView]:
    with reading(db):
        return _views(PrintJob.select().where(PrintJob.order == order_id))


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
        return _views(PrintJob.select().where(PrintJob.id.in_(newest)))


def print_again(db: Database, job_id: int, staff: str = "") -> None:
    """Staff ask: print this job again (uncertain, unconfirmed, failed or waiting).

    The job goes back to the queue, due now; a job being printed right now is left as
    it is. Raises NotFound for a job that is gone.
    """
    with writing(db):
        job = PrintJob.get_or_none(PrintJob.id == job_id)
        if job is None:
            raise NotFound(t("print.error.data_gone"))
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


def mark_printed(db: Database, job_id: int, staff: str = "") -> None:
    """Staff saw it come out: an uncertain or unconfirmed job counts as printed."""
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
    db: Database, order_id: int, settings: Settings, who: Who = ""
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
                f"{t('print.kind.media_label')} {m.code} ({_kind(settings, m.kind)})",
            )
            for m in order.media.order_by(MediaItem.seq)
        ]
        if sees_contact(who):
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
    staff: Who = "",
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
    if kind == "order_form":
        require_contact(staff)
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


# -- building a job's data from the database ---------------------------------------------


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
    if job.kind == "document":  # its layout was stored when it was issued
        document = Document.get_or_none(Document.id == job.document_id)
        if document is None:
            raise NotFound(t("print.error.data_gone"))
        return Sheet.from_json(document.sheet)
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
            on=job.created_at.date() if job.created_at else clock.today(),
            media=_lines(order, settings),
            close_reason=order.close_reason,
            reprint=job.reprint,
        )
    raise ValueError(f"unknown print kind {job.kind!r}")


def build_payload(kind: str, data: object, paper: layouts.Paper) -> bytes:
    """A job's exact ESC/POS bytes (a document has its own layout module)."""
    if kind == "document":
        printer = layouts.dummy_printer()
        document_receipt.document(printer, data, paper)  # type: ignore[arg-type]
        return printer.output  # type: ignore[no-any-return]
    return layouts.build(kind, data, paper)


# -- the worker ----------------------------------------------------------------------------


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_S[min(max(attempts, 1), len(BACKOFF_S)) - 1])


def printer_for(settings: Settings, role: str) -> PrinterSettings:
    return settings.label_printer if role == "label" else settings.receipt_printer


class QueueWorker:
    """This terminal's print jobs: claims them, has them printed, records the result.

    Safe beside workers in other processes and on other machines. Every method blocks
    on the database (``run_lane``/``run_once`` on printers too): call from a thread.
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
        self.name = name or new_owner()
        self.clock = clock
        self._answering: set[str] = set()  # printers known to answer (never demoted)
        self._taken_back: list[int] = []  # jobs of dead claims, not yet reported

    # -- the runner's side (printing.queue.JobSource)

    def lanes(self) -> list[tuple[str, ...]]:
        """Roles grouped by printer URL: one printer, one thread, one job at a time."""
        by_url: dict[str, list[str]] = {}
        for role in ROLES:
            url = printer_for(self.settings, role).url.strip().lower()
            by_url.setdefault(url, []).append(role)
        return [tuple(roles) for roles in by_url.values()]

    def recover(
        self, on_outcome: Callable[[PrintOutcome], None] | None = None
    ) -> list[PrintOutcome]:
        """Take back, as uncertain, this terminal's claims whose process is gone; report
        each (the status bar says which label may not have come out)."""
        with writing(self.db):
            claims = list(
                PrintJob.select().where(
                    (PrintJob.terminal == self.settings.terminal) & (PrintJob.status == "printing")
                )
            )
            now = self.clock()
            for job in claims:
                if job.claimed_by != self.name and self._dead(job, now):
                    self._take_back(job)
        outcomes = self._report_taken_back(on_outcome)
        if not outcomes:  # at start: jobs left uncertain or failed before still need staff
            with reading(self.db):
                oldest = (
                    PrintJob.select(PrintJob.id)
                    .where(
                        (PrintJob.terminal == self.settings.terminal)
                        & PrintJob.status.in_(NEEDS_STAFF)
                    )
                    .order_by(PrintJob.id)
                    .first()
                )
            if oldest is not None:
                self._taken_back.append(oldest.id)
                outcomes = self._report_taken_back(on_outcome)
        return outcomes

    def _report_taken_back(
        self, on_outcome: Callable[[PrintOutcome], None] | None
    ) -> list[PrintOutcome]:
        if not self._taken_back:
            return []
        ids, self._taken_back = self._taken_back, []
        with reading(self.db):
            views = _views(PrintJob.select().where(PrintJob.id.in_(ids)))
            attention = self._attention()
        outcomes = []
        for view in views:
            if view.status not in NEEDS_STAFF:
                continue
            message = (
                t(
                    f"print.uncertain.{view.kind}",
                    code=view.code or view.order_number,
                    reason=view.last_error,
                )
                if view.status == UNCERTAIN
                else f"{view.what}: {view.last_error}"
            )
            outcome = PrintOutcome(
                view.id,
                view.kind,
                view.role,
                view.order_number,
                view.code,
                view.status,
                message,
                view.last_error,
                attention=attention,
            )
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
        return outcomes

    def _attention(self) -> int:
        return (
            PrintJob.select()
            .where((PrintJob.terminal == self.settings.terminal) & PrintJob.status.in_(NEEDS_STAFF))
            .count()
        )

    def heartbeat(self) -> None:
        """Renew this worker's claims (idle: a read, no write lock)."""
        mine = (PrintJob.claimed_by == self.name) & (PrintJob.status == "printing")
        with reading(self.db):
            if not PrintJob.select().where(mine).exists():
                return
        with writing(self.db):
            PrintJob.update(heartbeat_at=self.clock()).where(mine).execute()

    def release(self) -> None:
        forget_connection(self.db)

    def run_lane(
        self,
        roles: Sequence[str],
        on_outcome: Callable[[PrintOutcome], None] | None = None,
    ) -> float:
        self.run_once(on_outcome, roles)
        return self.next_due_in(roles)

    # -- claiming

    def _unfinished(self, role: str) -> peewee.Expression:
        """This terminal's unfinished jobs for its printer ``role``."""
        return (
            (PrintJob.printer == role)
            & (PrintJob.terminal == self.settings.terminal)
            & PrintJob.status.in_(UNFINISHED)
        )

    def _dead(self, job: PrintJob, now: datetime) -> bool:
        if owner_is_gone(job.claimed_by):
            return True
        last = job.heartbeat_at or job.claimed_at
        return last is None or last < now - LEASE

    def _take_back(self, job: PrintJob) -> None:
        log.warning("print job %s: its claim by %s is dead; uncertain", job.id, job.claimed_by)
        self._taken_back.append(job.id)
        PrintJob.update(
            status=UNCERTAIN,
            claimed_by=None,
            claimed_at=None,
            heartbeat_at=None,
            last_error=t("print.error.crashed"),
        ).where((PrintJob.id == job.id) & (PrintJob.claimed_by == job.claimed_by)).execute()

    def claim(self, role: str) -> PrintJob | None:
        """Take the role's oldest unfinished job if it is due and nobody (alive) has it."""
        with reading(self.db):  # an idle poll must not take SQLite's write lock
            if not PrintJob.select().where(self._unfinished(role)).exists():
                return None
        with writing(self.db):
            now = self.clock()
            while True:
                head = PrintJob.select().where(self._unfinished(role)).order_by(PrintJob.id).first()
                if head is None:
                    return None
                if head.status != "printing":
                    break
                if head.claimed_by == self.name or not self._dead(head, now):
                    return None  # the printer is busy with it
                self._take_back(head)
            if head.next_attempt_at is not None and head.next_attempt_at > now:
                return None
            taken = (
                PrintJob.update(
                    status="printing", claimed_by=self.name, claimed_at=now, heartbeat_at=now
                )
                .where((PrintJob.id == head.id) & (PrintJob.status == WAITING))
                .execute()
            )
            if taken != 1:
                return None
            return PrintJob.get_by_id(head.id)

    # -- printing one job

    def _memory(self, url: str) -> bool | None:
        if url in self._answering:
            return True
        with reading(self.db):
            row = PrinterMemory.get_or_none(
                (PrinterMemory.terminal == self.settings.terminal) & (PrinterMemory.url == url)
            )
        if row is not None and row.answers_status:
            self._answering.add(url)
        return row.answers_status if row else None

    def _learn(self, url: str, known: bool | None, answered: bool | None) -> None:
        """Remember what the printer did; call inside the recording transaction."""
        if answered is None or known is True:
            return
        if answered is False and known is False:
            PrinterMemory.update(missed=PrinterMemory.missed + 1).where(
                (PrinterMemory.terminal == self.settings.terminal) & (PrinterMemory.url == url)
            ).execute()
            return
        now = self.clock()
        (
            PrinterMemory.insert(
                terminal=self.settings.terminal,
                url=url,
                answers_status=answered,
                answered_at=now if answered else None,
                missed=0 if answered else 1,
            )
            .on_conflict(
                conflict_target=[PrinterMemory.terminal, PrinterMemory.url],
                update={
                    # True wins: one missed answer never demotes a printer that answered
                    PrinterMemory.answers_status: answered or PrinterMemory.answers_status,
                    PrinterMemory.answered_at: now if answered else PrinterMemory.answered_at,
                },
            )
            .execute()
        )

    def process(self, job: PrintJob) -> PrintOutcome:
        """Build and print one claimed job, and record the result."""
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
            payload = build_payload(job.kind, data, paper)
        except Exception as exc:
            log.exception("print job %s cannot be built", job.id)
            message = exc.message if isinstance(exc, NotFound) else str(exc)
            attention = self._finish(
                job, status=FAILED, attempts=job.attempts + 1, last_error=message
            )
            return PrintOutcome(
                job.id, job.kind, role, number, code, FAILED, message, message, attention=attention
            )
        known = None if printer.status in ("yes", "no") else self._memory(printer.url)
        what = t(f"print.kind.{job.kind}") + (f" {code}" if code else "")
        task = PrintTask(
            job_id=job.id,
            kind=job.kind,
            role=role,
            printer=printer,
            payload=payload,
            what=what,
            order_number=number,
            code=code,
            answers=known,
            columns=paper.columns,
            code_page=paper.code_page,
        )
        result = print_task(task, spool_dir=self.settings.spool_dir, factory=self.printer_factory)
        return self._record(job, task, result, known)

    def _record(
        self, job: PrintJob, task: PrintTask, result: PrintResult, known: bool | None
    ) -> PrintOutcome:
        now = self.clock()
        attempts = job.attempts + 1
        changes: dict[str, Any] = {"status": result.state, "attempts": attempts}
        if result.state == PRINTED:
            changes.update(
                printed_at=now,
                confirmation=result.confirmation,
                last_error=None,
                next_attempt_at=None,
            )
        elif result.state == UNCONFIRMED:
            changes.update(printed_at=now, last_error=None, next_attempt_at=None)
        elif result.state == UNCERTAIN:
            assert result.error is not None
            changes.update(last_error=result.error.reason, next_attempt_at=None)
        else:
            assert result.error is not None
            changes.update(last_error=result.error.reason, next_attempt_at=now + backoff(attempts))
        attention = self._finish(job, learn=(task.printer.url, known, result.answered), **changes)
        message = self._message(task, result, attempts)
        return PrintOutcome(
            job.id,
            job.kind,
            task.role,
            task.order_number,
            task.code,
            result.state,
            message,
            result.error.reason if result.error else None,
            url=task.printer.url,
            spool_path=result.spool_path,
            preview=result.preview,
            attention=attention,
        )

    def _message(self, task: PrintTask, result: PrintResult, attempts: int) -> str:
        what, number = task.what, task.order_number
        if result.state == PRINTED:
            if result.spool_path is not None:
                return t("print.status.spooled", what=what, number=number, path=result.spool_path)
            return t("print.status.printed", what=what, number=number)
        if result.state == UNCONFIRMED:
            return t(f"print.sent.{task.kind}", code=task.code or number)
        assert result.error is not None
        if result.state == UNCERTAIN:
            return t(
                f"print.uncertain.{task.kind}", code=task.code or number, reason=result.error.reason
            )
        problem = describe(task.role, task.printer, result.error)
        return t(
            "print.status.waiting",
            problem=problem,
            what=what,
            number=number,
            seconds=int(backoff(attempts).total_seconds()),
        )

    def _finish(
        self,
        job: PrintJob,
        *,
        learn: tuple[str, bool | None, bool | None] | None = None,
        **changes: Any,
    ) -> int:
        """Record a claimed job's result (only while the claim is still ours) and
        return how many of this terminal's jobs need staff now."""
        with writing(self.db):
            updated = (
                PrintJob.update(claimed_by=None, claimed_at=None, heartbeat_at=None, **changes)
                .where((PrintJob.id == job.id) & (PrintJob.claimed_by == self.name))
                .execute()
            )
            if not updated:
                log.warning("print job %s was taken back before its result came", job.id)
            if learn is not None:
                self._learn(*learn)
            return self._attention()

    def run_once(
        self,
        on_outcome: Callable[[PrintOutcome], None] | None = None,
        roles: Sequence[str] = ROLES,
    ) -> list[PrintOutcome]:
        """Print every due job of ``roles``; a role stops when its printer is out."""
        outcomes: list[PrintOutcome] = []
        for role in roles:
            while True:
                job = self.claim(role)
                outcomes += self._report_taken_back(on_outcome)
                if job is None:
                    break
                outcome = self.process(job)
                outcomes.append(outcome)
                if on_outcome is not None:
                    on_outcome(outcome)
                if outcome.state == WAITING:
                    break
        return outcomes

    def next_due_in(self, roles: Sequence[str] = ROLES, poll: float = 2.0) -> float:
        """Seconds until the earliest waiting retry of ``roles`` is due (``poll`` at most)."""
        with reading(self.db):
            due = (
                PrintJob.select(peewee.fn.MIN(PrintJob.next_attempt_at))
                .where(
                    (PrintJob.status == WAITING)
                    & (PrintJob.terminal == self.settings.terminal)
                    & PrintJob.printer.in_(list(roles))
                )
                .scalar()
            )
        if due is None:
            return poll
        if isinstance(due, str):  # SQLite hands back text for an aggregate
            due = datetime.fromisoformat(due)
        return min(poll, max(0.05, (due - self.clock()).total_seconds()))
