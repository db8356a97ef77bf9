"""The mail worker: claims messages from the outbox, sends them, records the result.

Run by a thread of the app (``app_mail.py``) or ``viver`` commands; it never runs on the
screen's thread. One short write transaction per message does two things: it records
the result of the message just sent and claims the next one
(``queued → sending``, a conditional ``UPDATE … WHERE status='queued'``, so of two
workers — two terminals on one PostgreSQL database — exactly one gets it). The message
is made and handed to the server outside any transaction.

Results (``transport`` says which failure is which):

- **sent**: the server answered 250 after the data, or (no server set up) the .eml
  file was written. The subject and plain text as sent are kept (a letter's text is
  its ``Letter``'s);
- **queued** again with a back-off (2 s → 5 min) after a temporary problem: nothing
  was accepted, so a retry cannot double it; the worker also leaves that company's
  other messages until the back-off has passed (one dead server is not tried 100 000
  times);
- **failed** after a permanent refusal (5xx): shown to staff;
- **skipped**: a letter whose customer opted out or was erased after it was prepared
  (checked as it is claimed: an opt-out takes effect even in the middle of a run).

**Killed mid-send.** A claim whose owner is gone (``print_claims``: same machine, its
process no longer running) or whose heartbeat is older than ``LEASE`` may have been
accepted by the server before its result was written: it becomes **uncertain** and is
never sent again by itself — staff check and send it again or mark it sent, as with
printing. Every other message of an interrupted run is still queued and is sent once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

import peewee

from viver_tui import clock as shop_clock
from viver_tui.config import Settings
from viver_tui.db import forget_connection, reading, writing
from viver_tui.locale import t
from viver_tui.models import Customer, OutboxMessage
from viver_tui.services.mail import compose as composing
from viver_tui.services.mail.outbox import (
    FAILED,
    LETTER,
    QUEUED,
    SENDING,
    SENT,
    SKIPPED,
    UNCERTAIN,
    Attention,
    Database,
    count_attention,
)
from viver_tui.services.mail.transport import Problem, SmtpLink, spool_message
from viver_tui.services.print_claims import new_owner, owner_is_gone

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # a claim from another machine without a heartbeat this long
BACKOFF_S = (2, 5, 15, 30, 60, 120, 300)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_S[min(max(attempts, 1), len(BACKOFF_S)) - 1])


@dataclass(frozen=True)
class MailOutcome:
    """What became of one message (for the status bar and the outbox screen)."""

    message_id: int
    kind: str
    state: str  # sent | queued (waiting) | failed | skipped | uncertain
    text: str  # in words, without personal data
    reason: str = ""
    spooled_to: str = ""
    letter_id: int | None = None
    attention: Attention = field(default_factory=Attention)


@dataclass
class _Done:
    """A message's result, written with the next claim."""

    row: OutboxMessage
    changes: dict[str, Any]
    outcome: MailOutcome


class MailWorker:
    """Sends the outbox. Blocking (database, SMTP): call from a thread."""

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        name: str | None = None,
        clock: Callable[[], datetime] = shop_clock.now,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.name = name or new_owner()
        self.clock = clock
        self.environ = environ
        self._links: dict[str, SmtpLink] = {}
        self._paused: dict[str, datetime] = {}  # company → no tries before then
        self.stop_requested = threading.Event()

    # --- claims

    def _dead(self, row: OutboxMessage, now: datetime) -> bool:
        if owner_is_gone(row.claimed_by):
            return True
        last = row.heartbeat_at or row.claimed_at
        return last is None or last < now - LEASE

    def recover(self) -> list[MailOutcome]:
        """Claims whose process is gone become uncertain (staff decide)."""
        with reading(self.db):
            if not OutboxMessage.select().where(OutboxMessage.status == SENDING).exists():
                return []
        taken: list[OutboxMessage] = []
        with writing(self.db):
            now = self.clock()
            for row in OutboxMessage.select().where(OutboxMessage.status == SENDING):
                if row.claimed_by != self.name and self._dead(row, now):
                    updated = (
                        OutboxMessage.update(
                            status=UNCERTAIN, last_error=t("mail.error.crashed"),
                            claimed_by=None, claimed_at=None, heartbeat_at=None,
                        )
                        .where((OutboxMessage.id == row.id)
                               & (OutboxMessage.claimed_by == row.claimed_by))
                        .execute()
                    )
                    if updated:
                        log.warning("mail %s: its sender is gone; uncertain", row.id)
                        taken.append(row)
            attention = count_attention()
        return [
            MailOutcome(r.id, r.kind, UNCERTAIN, _what(r), t("mail.error.crashed"),
                        letter_id=r.letter_id, attention=attention)
            for r in taken
        ]

    def _due(self, now: datetime) -> peewee.Expression:
        due = (OutboxMessage.status == QUEUED) & (
            OutboxMessage.next_attempt_at.is_null() | (OutboxMessage.next_attempt_at <= now)
        )
        paused = [c for c, until in self._paused.items() if until > now]
        return due & OutboxMessage.company.not_in(paused) if paused else due

    def _head(self, now: datetime) -> OutboxMessage | None:
        """The next message due: service messages before letters, oldest first."""
        due = self._due(now)
        head = (
            OutboxMessage.select().where(due & OutboxMessage.letter.is_null())
            .order_by(OutboxMessage.id).first()
        )
        if head is None:
            head = (
                OutboxMessage.select().where(due & OutboxMessage.letter.is_null(False))
                .order_by(OutboxMessage.letter, OutboxMessage.id).first()
            )
        return head

    def _letter_left_out(self, row: OutboxMessage) -> str:
        """Why a letter may no longer go to its customer ("" if it may)."""
        customer = Customer.get_or_none(Customer.id == row.customer_id)
        if customer is None or customer.erased_at is not None:
            return t("mail.error.erased")
        if customer.letters_opt_out_at is not None:
            return t("mail.error.opted_out")
        if not customer.email:
            return t("mail.error.no_address")
        return ""

    def _write(self, done: _Done) -> None:
        updated = (
            OutboxMessage.update(claimed_by=None, claimed_at=None, heartbeat_at=None,
                                 **done.changes)
            .where((OutboxMessage.id == done.row.id) & (OutboxMessage.claimed_by == self.name))
            .execute()
        )
        if not updated:
            log.warning("mail %s was taken back before its result came", done.row.id)

    def step(self, done: _Done | None) -> tuple[OutboxMessage | None, list[MailOutcome]]:
        """In one transaction: record ``done`` and claim the next message due."""
        skipped: list[MailOutcome] = []
        with writing(self.db):
            if done is not None:
                self._write(done)
            now = self.clock()
            claimed = None
            while claimed is None:
                head = self._head(now)
                if head is None:
                    break
                if head.kind == LETTER:
                    why = self._letter_left_out(head)
                    if why:
                        OutboxMessage.update(status=SKIPPED, last_error=why).where(
                            (OutboxMessage.id == head.id) & (OutboxMessage.status == QUEUED)
                        ).execute()
                        skipped.append(MailOutcome(head.id, head.kind, SKIPPED, _what(head),
                                                   why, letter_id=head.letter_id))
                        continue
                taken = (
                    OutboxMessage.update(status=SENDING, claimed_by=self.name, claimed_at=now,
                                         heartbeat_at=now)
                    .where((OutboxMessage.id == head.id) & (OutboxMessage.status == QUEUED))
                    .execute()
                )
                if taken == 1:
                    claimed = head
            if done is not None and done.outcome.state != SENT:
                done.outcome = _with_attention(done.outcome, count_attention())
            facts = composing.facts(claimed, self.settings) if claimed is not None else None
        if claimed is not None:
            claimed._facts = facts  # type: ignore[attr-defined]
        return claimed, skipped

    # --- sending

    def _link(self, company_key: str) -> SmtpLink | None:
        company = self.settings.company(company_key)
        if company is None or not company.smtp.host:
            return None
        link = self._links.get(company.key)
        if link is None:
            link = self._links[company.key] = SmtpLink(company, self.environ)
        return link

    def send(self, row: OutboxMessage) -> _Done:
        """Make and hand over one claimed message; its result, not yet written."""
        facts = row._facts  # type: ignore[attr-defined]
        attempts = row.attempts + 1
        what = _what(row)
        try:
            message: EmailMessage = composing.compose(facts, self.settings)
        except Exception as exc:  # its data cannot make a message: retrying cannot help
            log.exception("mail %s cannot be made", row.id)
            reason = str(exc) or type(exc).__name__
            return self._failed(row, attempts, reason, what)
        subject, text = composing.text_as_sent(message)
        kept = {"subject": subject, "body": None if row.kind == LETTER else text,
                "message_id": str(message["Message-ID"])}
        link = self._link(row.company)
        try:
            if link is None:
                path = spool_message(self.settings.mail_spool_dir, row.id, row.kind, message)
                changes = dict(status=SENT, attempts=attempts, sent_at=self.clock(),
                               last_error=None, next_attempt_at=None, spooled_to=str(path),
                               **kept)
                outcome = MailOutcome(row.id, row.kind, SENT,
                                      t("mail.spooled", path=path), spooled_to=str(path),
                                      letter_id=row.letter_id)
                return _Done(row, changes, outcome)
            link.send(message, composing.sender_of(link.company, self.settings))
        except Problem as problem:
            if problem.lasting:
                return self._failed(row, attempts, problem.reason, what)
            wait = backoff(attempts)
            self._paused[row.company] = self.clock() + wait
            changes = dict(status=QUEUED, attempts=attempts, last_error=problem.reason,
                           next_attempt_at=self.clock() + wait)
            text = t("mail.waiting", problem=problem.reason, what=what,
                     seconds=int(wait.total_seconds()))
            return _Done(row, changes, MailOutcome(row.id, row.kind, QUEUED, text,
                                                   problem.reason, letter_id=row.letter_id))
        except OSError as exc:  # the spool folder: disk full, no permission
            wait = backoff(attempts)
            changes = dict(status=QUEUED, attempts=attempts, last_error=str(exc.strerror),
                           next_attempt_at=self.clock() + wait)
            return _Done(row, changes, MailOutcome(row.id, row.kind, QUEUED, str(exc.strerror),
                                                   letter_id=row.letter_id))
        self._paused.pop(row.company, None)
        changes = dict(status=SENT, attempts=attempts, sent_at=self.clock(), last_error=None,
                       next_attempt_at=None, **kept)
        return _Done(row, changes, MailOutcome(row.id, row.kind, SENT,
                                               t("mail.sent", what=what),
                                               letter_id=row.letter_id))

    def _failed(self, row: OutboxMessage, attempts: int, reason: str, what: str) -> _Done:
        changes = dict(status=FAILED, attempts=attempts, last_error=reason, next_attempt_at=None)
        return _Done(row, changes, MailOutcome(row.id, row.kind, FAILED,
                                               t("mail.failed_one", what=what, reason=reason),
                                               reason, letter_id=row.letter_id))

    def run_once(
        self, on_outcome: Callable[[MailOutcome], None] | None = None, limit: int | None = None
    ) -> list[MailOutcome]:
        """Send every message due (``limit`` at most); returns what became of each."""
        outcomes: list[MailOutcome] = []
        done: _Done | None = None
        sent = 0
        while True:
            stop = self.stop_requested.is_set() or (limit is not None and sent >= limit)
            if stop:
                if done is not None:
                    with writing(self.db):
                        self._write(done)
                    self._report(done.outcome, outcomes, on_outcome)
                break
            row, skipped = self.step(done)
            if done is not None:
                self._report(done.outcome, outcomes, on_outcome)
            for outcome in skipped:
                self._report(outcome, outcomes, on_outcome)
            if row is None:
                break
            done = self.send(row)
            sent += 1
        self.close_idle()
        return outcomes

    @staticmethod
    def _report(outcome: MailOutcome, outcomes: list[MailOutcome],
                on_outcome: Callable[[MailOutcome], None] | None) -> None:
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)

    def close_idle(self) -> None:
        for link in self._links.values():
            link.close()

    def heartbeat(self) -> None:
        mine = (OutboxMessage.claimed_by == self.name) & (OutboxMessage.status == SENDING)
        with reading(self.db):
            if not OutboxMessage.select().where(mine).exists():
                return
        with writing(self.db):
            OutboxMessage.update(heartbeat_at=self.clock()).where(mine).execute()

    def next_due_in(self, poll: float = 2.0) -> float:
        """Seconds until the earliest waiting message is due (``poll`` at most)."""
        with reading(self.db):
            due = (
                OutboxMessage.select(peewee.fn.MIN(OutboxMessage.next_attempt_at))
                .where(OutboxMessage.status == QUEUED)
                .scalar()
            )
        if due is None:
            return poll
        if isinstance(due, str):  # SQLite hands back text for an aggregate
            due = datetime.fromisoformat(due)
        return min(poll, max(0.05, (due - self.clock()).total_seconds()))

    def release(self) -> None:
        self.close_idle()
        forget_connection(self.db)


def _what(row: OutboxMessage) -> str:
    return f"{t(f'mail.kind.{row.kind}')} (#{row.id})"


def _with_attention(outcome: MailOutcome, attention: Attention) -> MailOutcome:
    from dataclasses import replace

    return replace(outcome, attention=attention)


class MailRunner:
    """The worker on a daemon thread: sends what is due, then waits until the next
    message is due, ``wake()`` is called (a message was queued) or it is stopped."""

    def __init__(
        self,
        worker: MailWorker,
        on_outcome: Callable[[MailOutcome], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        poll: float = 2.0,
    ) -> None:
        self.worker = worker
        self.on_outcome = on_outcome
        self.on_error = on_error
        self.poll = poll
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        import contextvars

        context = contextvars.copy_context()  # the thread speaks the app's language
        self._thread = threading.Thread(target=context.run, args=(self._run,),
                                        name="mail-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 1.0) -> None:
        self.worker.stop_requested.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        first = True
        while not self.worker.stop_requested.is_set():
            wait = self.poll
            try:
                if first:
                    for outcome in self.worker.recover():
                        if self.on_outcome is not None:
                            self.on_outcome(outcome)
                    first = False
                self.worker.run_once(self.on_outcome)
                wait = self.worker.next_due_in(self.poll)
            except Exception as exc:  # the database: reported, tried again after a pause
                log.exception("mail worker")
                self.worker.release()
                if self.on_error is not None:
                    self.on_error(exc)
            self._wake.wait(wait)
            self._wake.clear()
        self.worker.release()
