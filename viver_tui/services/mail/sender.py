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
import socket
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import peewee

from viver_tui import clock as shop_clock
from viver_tui.config import Settings
from viver_tui.db import forget_connection, is_sqlite, reading, writing
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
from viver_tui.services.print_claims import boot_id, new_owner, owner_is_gone

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=10)  # a claim from another machine without a heartbeat this long
BACKOFF_S = (2, 5, 15, 30, 60, 120, 300)
BATCH = 50  # messages claimed in one transaction (sent one by one, each result recorded)


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
        self._letters: dict[int, Any] = {}  # letters read once per run
        self._updates: dict[tuple[str, ...], str] = {}  # result UPDATEs by their columns
        self._synchronous = "FULL"  # this thread's SQLite durability now (_durability)
        self.stop_requested = threading.Event()

    # --- claims

    def _dead(self, row: OutboxMessage, now: datetime) -> bool:
        if owner_is_gone(row.claimed_by):
            return True
        last = row.heartbeat_at or row.claimed_at
        return last is None or last < now - LEASE

    def _died_here(self, owner: str | None) -> bool:
        """The claim's process ran on this machine since this boot and is gone: what it
        committed (each message's result) is all in the store, even on SQLite with its
        results committed without waiting for the disk (``_record``)."""
        parts = (owner or "").split("|")
        return (len(parts) == 5 and parts[0] == socket.gethostname()
                and parts[1] == boot_id() and owner_is_gone(owner))

    def recover(self) -> list[MailOutcome]:
        """Take back the claims whose process is gone.

        A worker claims a batch and sends it in id order, recording each result before
        it sends the next: of a process that died on this machine only the lowest
        message it still held may have reached the server (uncertain: staff decide); the
        rest were never tried and are queued again. Any other dead claim (another
        machine, a restart since) is uncertain, all of it."""
        with reading(self.db):
            if not OutboxMessage.select().where(OutboxMessage.status == SENDING).exists():
                return []
        taken: list[OutboxMessage] = []
        released = {"claimed_by": None, "claimed_at": None, "heartbeat_at": None}
        with writing(self.db):
            now = self.clock()
            held: dict[str, list[OutboxMessage]] = {}
            for row in OutboxMessage.select().where(OutboxMessage.status == SENDING).order_by(
                OutboxMessage.id
            ):
                if row.claimed_by != self.name and self._dead(row, now):
                    held.setdefault(row.claimed_by or "", []).append(row)
            for owner, rows in held.items():
                unsure = rows[:1] if self._died_here(owner) else rows
                ours = OutboxMessage.claimed_by == owner
                for row in unsure:
                    OutboxMessage.update(
                        status=UNCERTAIN, last_error=t("mail.error.crashed"), **released
                    ).where((OutboxMessage.id == row.id) & ours).execute()
                    log.warning("mail %s: its sender is gone; uncertain", row.id)
                    taken.append(row)
                untried = [r.id for r in rows if r not in unsure]
                if untried:
                    OutboxMessage.update(status=QUEUED, **released).where(
                        OutboxMessage.id.in_(untried) & ours).execute()
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

    def _heads(self, now: datetime, size: int) -> list[OutboxMessage]:
        """The next messages due with their customers: service messages before letters,
        oldest first; letters a batch of one run at a time."""
        due = self._due(now)
        base = OutboxMessage.select(OutboxMessage, Customer).join(
            Customer, peewee.JOIN.LEFT_OUTER, on=(OutboxMessage.customer == Customer.id))
        heads = list(base.where(due & OutboxMessage.letter.is_null())
                     .order_by(OutboxMessage.id).limit(size))
        if not heads:
            heads = list(base.where(due & OutboxMessage.letter.is_null(False))
                         .order_by(OutboxMessage.letter, OutboxMessage.id).limit(size))
        return heads

    @staticmethod
    def _letter_left_out(customer: Customer | None) -> str:
        """Why a letter may no longer go to its customer ("" if it may)."""
        if customer is None or customer.id is None or customer.erased_at is not None:
            return t("mail.error.erased")
        if customer.letters_opt_out_at is not None:
            return t("mail.error.opted_out")
        if not customer.email:
            return t("mail.error.no_address")
        return ""

    def _write(self, done: _Done) -> None:
        """Record a result while the claim is still ours. Plain SQL, made once per set of
        columns: peewee's query building cost as much as the SMTP exchange per letter."""
        changes = {"claimed_by": None, "claimed_at": None, "heartbeat_at": None,
                   **done.changes}
        names = tuple(sorted(changes))
        sql = self._updates.get(names)
        if sql is None:
            fields = OutboxMessage._meta.fields
            p = self.db.param
            sets = ", ".join(f'"{fields[n].column_name}" = {p}' for n in names)
            sql = self._updates[names] = (
                f'UPDATE "outbox_message" SET {sets} WHERE "id" = {p} AND "claimed_by" = {p}')
        fields = OutboxMessage._meta.fields
        values = [fields[n].db_value(changes[n]) for n in names]
        updated = self.db.execute_sql(sql, (*values, done.row.id, self.name)).rowcount
        if not updated:
            log.warning("mail %s was taken back before its result came", done.row.id)

    def claim(self, size: int = BATCH) -> tuple[list[OutboxMessage], list[MailOutcome]]:
        """In one transaction: claim up to ``size`` messages due (``queued → sending``),
        with what each says read (``_facts``); letters whose customer may no longer get
        them are skipped on the way."""
        skipped: list[MailOutcome] = []
        with self._durability("FULL"), writing(self.db):
            now = self.clock()
            heads = self._heads(now, size)
            wanted = []
            for head in heads:
                customer = head.customer if head.customer_id else None
                why = self._letter_left_out(customer) if head.kind == LETTER else ""
                if why:
                    OutboxMessage.update(status=SKIPPED, last_error=why).where(
                        (OutboxMessage.id == head.id) & (OutboxMessage.status == QUEUED)
                    ).execute()
                    skipped.append(MailOutcome(head.id, head.kind, SKIPPED, _what(head), why,
                                               letter_id=head.letter_id))
                else:
                    wanted.append(head)
            if not wanted:
                return [], skipped
            OutboxMessage.update(
                status=SENDING, claimed_by=self.name, claimed_at=now, heartbeat_at=now
            ).where(OutboxMessage.id.in_([h.id for h in wanted])
                    & (OutboxMessage.status == QUEUED)).execute()
            mine = {
                i for (i,) in OutboxMessage.select(OutboxMessage.id).where(
                    OutboxMessage.id.in_([h.id for h in wanted])
                    & (OutboxMessage.claimed_by == self.name)
                    & (OutboxMessage.status == SENDING)).tuples()
            }
            claimed = [h for h in wanted if h.id in mine]  # another worker took the rest
            for row in claimed:
                customer = row.customer if row.customer_id else None
                row._facts = composing.facts(  # type: ignore[attr-defined]
                    row, self.settings, customer=customer, letters=self._letters)
        return claimed, skipped

    def step(self, done: _Done | None) -> tuple[OutboxMessage | None, list[MailOutcome]]:
        """Record ``done`` and claim the next message due (one at a time)."""
        if done is not None:
            self._record(done)
        claimed, skipped = self.claim(1)
        return (claimed[0] if claimed else None), skipped

    def _record(self, done: _Done) -> None:
        """Write a message's result. On SQLite without waiting for the disk
        (``synchronous = NORMAL`` for this commit: a killed process loses nothing, a
        power cut may lose the last results — their messages stay "sending", and a
        restart makes them uncertain, never sent again). The claims before a send are
        committed with the store's full durability."""
        with self._durability("NORMAL"), writing(self.db):
            self._write(done)
            if done.outcome.state not in (SENT, SKIPPED):
                done.outcome = _with_attention(done.outcome, count_attention())

    @contextmanager
    def _durability(self, level: str) -> Iterator[None]:
        """SQLite: this thread's commits at ``synchronous = level`` for the block (set
        only when it changes; ``run_once`` puts FULL back at its end)."""
        if is_sqlite(self.db) and self._synchronous != level:
            with reading(self.db):
                self.db.execute_sql(f"PRAGMA synchronous = {level}")
            self._synchronous = level
        yield

    def _restore_durability(self) -> None:
        if self._synchronous != "FULL":
            with reading(self.db):
                self.db.execute_sql("PRAGMA synchronous = FULL")
            self._synchronous = "FULL"

    def _release(self, rows: list[OutboxMessage]) -> None:
        """Give back claimed messages not tried (stopped, or their server is out)."""
        if not rows:
            return
        with writing(self.db):
            OutboxMessage.update(
                status=QUEUED, claimed_by=None, claimed_at=None, heartbeat_at=None
            ).where(OutboxMessage.id.in_([r.id for r in rows])
                    & (OutboxMessage.claimed_by == self.name)).execute()

    def _still_wanted(self, row: OutboxMessage) -> _Done | None:
        """A letter whose customer opted out (or was erased) since it was claimed is
        skipped now, not sent: the opt-out takes effect at once."""
        if row.kind != LETTER:
            return None
        p = self.db.param
        with reading(self.db):
            found = self.db.execute_sql(
                'SELECT "letters_opt_out_at", "erased_at", "email" FROM "customer" '
                f'WHERE "id" = {p}', (row.customer_id,)).fetchone()
        why = ""
        if found is None or found[1] is not None:
            why = t("mail.error.erased")
        elif found[0] is not None:
            why = t("mail.error.opted_out")
        elif not found[2]:
            why = t("mail.error.no_address")
        if not why:
            return None
        outcome = MailOutcome(row.id, row.kind, SKIPPED, _what(row), why,
                              letter_id=row.letter_id)
        return _Done(row, {"status": SKIPPED, "last_error": why}, outcome)

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
            composed = composing.compose(facts, self.settings)
        except Exception as exc:  # its data cannot make a message: retrying cannot help
            log.exception("mail %s cannot be made", row.id)
            reason = str(exc) or type(exc).__name__
            return self._failed(row, attempts, reason, what)
        message = composed.message
        kept = {"subject": composed.subject,
                "body": None if row.kind == LETTER else composed.text,
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
        """Send every message due (``limit`` at most); returns what became of each.

        Claims a batch, then sends it in id order, recording each result before the
        next message goes (``recover`` relies on that order)."""
        outcomes: list[MailOutcome] = []
        sent = 0
        try:
            while not self.stop_requested.is_set() and (limit is None or sent < limit):
                size = BATCH if limit is None else min(BATCH, limit - sent)
                batch, skipped = self.claim(size)
                for outcome in skipped:
                    self._report(outcome, outcomes, on_outcome)
                if not batch and not skipped:
                    break
                for n, row in enumerate(batch):
                    if self.stop_requested.is_set() or self._is_paused(row.company):
                        self._release(batch[n:])
                        break
                    done = self._still_wanted(row) or self.send(row)
                    self._record(done)
                    self._report(done.outcome, outcomes, on_outcome)
                    sent += 1
        finally:
            self._restore_durability()
            self.close_idle()
        return outcomes

    def _is_paused(self, company: str) -> bool:
        until = self._paused.get(company)
        return until is not None and until > self.clock()

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
        self._synchronous = "FULL"  # a new connection starts with the store's pragmas


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
        on_start: Callable[[Attention], None] | None = None,
    ) -> None:
        self.worker = worker
        self.on_outcome = on_outcome
        self.on_error = on_error
        self.on_start = on_start  # told, once at start, what needs staff already
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
                    if self.on_start is not None:
                        with reading(self.worker.db):
                            self.on_start(count_attention())
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
