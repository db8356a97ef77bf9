"""The print worker: claims this terminal's jobs, has them printed, records the result.

``QueueWorker`` (driven by ``printing.queue.QueueRunner``, one thread per printer) takes
jobs one printer role at a time, in order:

1. **Claim** in one short write transaction: the role's oldest unfinished job goes
   ``queued → printing`` with a conditional ``UPDATE … WHERE status='queued'``, so of
   two workers racing for it exactly one gets it. The claim names its owner
   (``print_claims``) and carries a heartbeat the runner renews. While a role's oldest
   job is being printed, nobody starts the next one.
2. **Build** the layout from the database now (``print_data``: the row holds
   references only).
3. **Print** outside any transaction (``printing.queue.print_task``), telling the
   printer's connection what ``status = "auto"`` has learned of it (``printer_memory``).
4. **Record** what happened — the rule of the issue "print delivery you can trust" —
   and what the printer showed of itself, in one transaction:

   - ``printed`` only when confirmed: a status answer after the job's bytes, Epson's
     process-ID response, the preview spool, or staff marking it by hand;
   - ``unconfirmed`` (sent, not confirmed): the printer cannot confirm; the screen asks
     staff to check that it came out, and one key prints it again. Until staff mark it
     printed or print it again it waits for them (``print_jobs.needs_staff``);
   - ``uncertain``: the bytes may have reached the printer but no confirmation came;
     it is never re-sent automatically — staff print it again or mark it printed;
   - back to ``queued`` with a back-off (2 s → 60 s) only when nothing of the job left
     (refused, closed before the job, paper out, no answer before the job): a retry
     cannot double it;
   - ``failed`` when its data cannot be built, or its printer's address names no
     printer (kept, shown, reprintable; retrying could not help).

**Claims of processes that are gone.** A claim whose owner ran on this machine and is
no longer running (same boot, its pid gone or reused) is taken back at once; any other
claim when its heartbeat is older than ``LEASE``. Either way the job was maybe in flight,
so it becomes ``uncertain`` — the next job goes ahead at once, and staff decide. A job
for the ``preview`` printer is simply queued again: writing a preview twice is harmless.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

import peewee

from viver_tui.config import PrinterSettings, Settings
from viver_tui.db import forget_connection, reading, writing
from viver_tui.errors import NotFound
from viver_tui.locale import t
from viver_tui.models import Order, PrintJob
from viver_tui.printing import layouts
from viver_tui.printing.connection import PrinterFactory, describe, is_preview
from viver_tui.printing.queue import (
    FAILED,
    PRINTED,
    UNCERTAIN,
    UNCONFIRMED,
    WAITING,
    Attention,
    PrintOutcome,
    PrintResult,
    PrintTask,
    print_task,
)
from viver_tui.services import printer_memory
from viver_tui.services.print_claims import new_owner, owner_is_gone
from viver_tui.services.print_data import build_payload, job_data
from viver_tui.services.print_jobs import (
    NEEDS_STAFF,
    ROLES,
    Database,
    count_attention,
    job_views,
    needs_staff,
    printer_for,
)

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=30)  # a claim without a heartbeat this long is taken back
BACKOFF_S = (2, 5, 15, 30, 60)
UNFINISHED = ("queued", "printing")


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_S[min(max(attempts, 1), len(BACKOFF_S)) - 1])


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
        if not outcomes:  # at start: jobs left needing staff before still need them
            with reading(self.db):
                oldest = (
                    PrintJob.select(PrintJob.id)
                    .where(needs_staff(self.settings))
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
            views = job_views(PrintJob.select().where(PrintJob.id.in_(ids)))
            attention = self._attention()
        outcomes = []
        for view in views:
            if view.status not in (*NEEDS_STAFF, UNCONFIRMED):
                continue
            code = view.code or view.order_number
            if view.status == UNCERTAIN:
                message = t(f"print.uncertain.{view.kind}", code=code, reason=view.last_error)
            elif view.status == UNCONFIRMED:
                message = t(f"print.sent.{view.kind}", code=code)
            else:
                message = f"{view.what}: {view.last_error}"
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

    def _attention(self) -> Attention:
        return count_attention(self.settings)

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
        ours = (PrintJob.id == job.id) & (PrintJob.claimed_by == job.claimed_by)
        released = {"claimed_by": None, "claimed_at": None, "heartbeat_at": None}
        if is_preview(printer_for(self.settings, job.printer).url):
            # Writing a preview again is harmless: nobody needs to decide about it.
            log.warning("print job %s: its claim by %s is dead; again", job.id, job.claimed_by)
            PrintJob.update(status=WAITING, next_attempt_at=None, **released).where(ours).execute()
            return
        log.warning("print job %s: its claim by %s is dead; uncertain", job.id, job.claimed_by)
        self._taken_back.append(job.id)
        PrintJob.update(
            status=UNCERTAIN, last_error=t("print.error.crashed"), **released
        ).where(ours).execute()

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

    def _knows(self, printer: PrinterSettings, job: PrintJob) -> tuple[bool | None, bool]:
        """What ``deliver`` is told of the printer: (answers, ask after the job)."""
        if printer.status != "auto":
            return None, True
        url = printer.url
        if url in self._answering:
            return True, True
        with reading(self.db):
            state = printer_memory.state_of(self.settings.terminal, url)
        if state == printer_memory.ANSWERS:
            self._answering.add(url)  # never demoted: no need to read it again
            return True, True
        if state == printer_memory.SILENT:
            return False, job.attempts > 0  # a job printed again asks: it may answer now
        return (False, True) if state == printer_memory.LEARNING else (None, True)

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
                if number is None and job.order_id is not None:  # a document's order
                    number = Order.select(Order.number).where(Order.id == job.order_id).scalar()
            code = getattr(data, "code", None)
            payload = build_payload(job.kind, data, paper)
        except Exception as exc:
            log.exception("print job %s cannot be built", job.id)
            message = exc.message if isinstance(exc, NotFound) else str(exc)
            attention, _ = self._finish(
                job, status=FAILED, attempts=job.attempts + 1, last_error=message
            )
            return PrintOutcome(
                job.id, job.kind, role, number, code, FAILED, message, message, attention=attention
            )
        answers, ask = self._knows(printer, job)
        if job.kind == "document" and code:  # its title says the kind: "Faktura 12"
            what = code
        else:
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
            answers=answers,
            ask=ask,
            columns=paper.columns,
            code_page=paper.code_page,
        )
        result = print_task(task, spool_dir=self.settings.spool_dir, factory=self.printer_factory)
        return self._record(job, task, result)

    def _record(self, job: PrintJob, task: PrintTask, result: PrintResult) -> PrintOutcome:
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
        elif result.state in (UNCERTAIN, FAILED):
            assert result.error is not None
            changes.update(last_error=result.error.reason, next_attempt_at=None)
        else:
            assert result.error is not None
            changes.update(last_error=result.error.reason, next_attempt_at=now + backoff(attempts))
        learn = task.printer.status == "auto" and result.answered is not None
        attention, learned = self._finish(
            job, learn=(task.role, task.printer.url, result.answered) if learn else None, **changes
        )
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
            learned=learned,
        )

    def _message(self, task: PrintTask, result: PrintResult, attempts: int) -> str:
        what, number = task.what, task.order_number
        # a job of no order (a customer's quote) is not said to be "for ordre None"
        alone = "" if number is not None else "_alone"
        if result.state == PRINTED:
            if result.spool_path is not None:
                # the file's name: the status bar's one line has no room for its folder
                return t(f"print.status.spooled{alone}", what=what, number=number,
                         path=result.spool_path.name)
            return t(f"print.status.printed{alone}", what=what, number=number)
        if result.state == UNCONFIRMED:
            return t(f"print.sent.{task.kind}", code=task.code or number)
        assert result.error is not None
        if result.state == UNCERTAIN:
            return t(
                f"print.uncertain.{task.kind}", code=task.code or number, reason=result.error.reason
            )
        problem = describe(task.role, task.printer, result.error)
        if result.state == FAILED:  # its printer's address: retrying cannot help
            return t(f"print.status.failed{alone}", problem=problem, what=what, number=number)
        return t(
            f"print.status.waiting{alone}",
            problem=problem,
            what=what,
            number=number,
            seconds=int(backoff(attempts).total_seconds()),
        )

    def _finish(
        self,
        job: PrintJob,
        *,
        learn: tuple[str, str, bool | None] | None = None,
        **changes: Any,
    ) -> tuple[Attention, str]:
        """Record a claimed job's result (only while the claim is still ours) and what
        its printer showed of itself; return how many of this terminal's jobs need staff
        now, and what "auto" has newly learned ("" if nothing)."""
        learned = ""
        with writing(self.db):
            updated = (
                PrintJob.update(claimed_by=None, claimed_at=None, heartbeat_at=None, **changes)
                .where((PrintJob.id == job.id) & (PrintJob.claimed_by == self.name))
                .execute()
            )
            if not updated:
                log.warning("print job %s was taken back before its result came", job.id)
            if learn is not None:
                role, url, answered = learn
                learned = printer_memory.learn(
                    self.settings.terminal, role, url, answered, self.clock()
                )
            return self._attention(), learned

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
