"""Customer letters (kundebrev): written once, one outbox message per recipient.

Letters are marketing: a customer who opted out (``letters_opt_out_at``), was erased or
has no e-mail address never gets one. ``reach`` says how many a letter reaches and how
many are left out, and why; ``send_letter`` writes the letter and its recipients to the
outbox in one transaction (one ``INSERT … SELECT``: 100 000 recipients in seconds), and
the mail worker sends them in the background. Each recipient's state is its own outbox
row, unique per (letter, customer): a run killed halfway resumes where it stopped, and
nobody gets the same letter twice. An opt-out takes effect at once — the worker checks
each recipient as it claims them (``sender``), and ``unsubscribe_by_token`` also marks
the customer's waiting letters skipped.

Every letter says how to opt out and carries ``List-Unsubscribe`` (``compose``); the
https link (``web.py``) calls ``unsubscribe_by_token``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import peewee
from peewee import SQL, Case, Value, fn

from viver_tui import clock
from viver_tui.config import Settings
from viver_tui.db import is_sqlite, reading, writing
from viver_tui.errors import ValidationError
from viver_tui.locale import speaking, t
from viver_tui.models import Customer, Letter, OutboxMessage
from viver_tui.services import audit
from viver_tui.services.mail.compose import Facts, compose
from viver_tui.services.mail.outbox import (
    FAILED,
    LETTER,
    QUEUED,
    SENDING,
    SKIPPED,
    UNCERTAIN,
    Database,
)
from viver_tui.services.staff import Who, initials_of, require_contact

MAX_SUBJECT = 150
MAX_BODY = 20_000
SENDING_RUN, DONE_RUN = "sending", "done"


@dataclass(frozen=True)
class Reach:
    """Whom a letter reaches, and who is left out and why."""

    count: int
    opted_out: int
    erased: int
    no_email: int

    @property
    def text(self) -> str:
        return t("letter.reach", count=self.count, opted_out=self.opted_out,
                 erased=self.erased, no_email=self.no_email)


def _has_email() -> peewee.Expression:
    return Customer.email.is_null(False) & (Customer.email != "")


def _eligible() -> peewee.Expression:
    return Customer.letters_opt_out_at.is_null() & Customer.erased_at.is_null() & _has_email()


def _reach() -> Reach:
    """Inside a connection: whom a letter reaches now; left out: erased first, then
    opted out, then without an address (each customer counted once)."""
    erased = Customer.erased_at.is_null(False)
    opted = Customer.erased_at.is_null() & Customer.letters_opt_out_at.is_null(False)
    no_email = Customer.erased_at.is_null() & Customer.letters_opt_out_at.is_null() & ~(
        _has_email())

    def count(condition: peewee.Expression) -> peewee.Function:
        return fn.SUM(Case(None, [(condition, 1)], 0))

    row = Customer.select(
        count(_eligible()), count(opted), count(erased), count(no_email)
    ).tuples().first()
    return Reach(*[int(v or 0) for v in (row or (0, 0, 0, 0))])


def reach(db: Database, who: Who) -> Reach:
    """How many customers a letter reaches now, and who is left out and why."""
    require_contact(who)
    with reading(db):
        return _reach()


def _check(settings: Settings, company: str, subject: str, body: str) -> tuple[str, str]:
    subject, body = subject.strip(), body.strip()
    if settings.company(company) is None:
        raise ValidationError(t("letter.unknown_company", company=company), field="company")
    if not subject:
        raise ValidationError(t("letter.empty_subject"), field="subject")
    if len(subject) > MAX_SUBJECT:
        raise ValidationError(t("letter.too_long", max=MAX_SUBJECT), field="subject")
    if not body:
        raise ValidationError(t("letter.empty_body"), field="body")
    if len(body) > MAX_BODY:
        raise ValidationError(t("letter.too_long", max=MAX_BODY), field="body")
    return subject, body


def preview(settings: Settings, company: str, subject: str, body: str,
            language: str = "nb") -> str:
    """The letter as a customer would read it (plain text, headers first)."""
    subject, body = _check(settings, company or settings.default_company, subject, body)
    with speaking(language):
        facts = Facts(id=0, kind=LETTER, to="kunde@example.no", language=language,
                      company=company or settings.default_company, created_at=clock.now(),
                      first_name=t("letter.preview.name"), letter_subject=subject,
                      letter_body=body, token="…")
        composed = compose(facts, settings)
    unsubscribe = composed.message["List-Unsubscribe"]
    return (f"{t('letter.subject')}: {composed.subject}\nList-Unsubscribe: {unsubscribe}"
            f"\n\n{composed.text}")


def _token_sql(db: Database) -> SQL:
    if is_sqlite(db):
        return SQL("lower(hex(randomblob(16)))")
    return SQL("replace(gen_random_uuid()::text, '-', '')")


def send_letter(
    db: Database,
    settings: Settings,
    company: str,
    subject: str,
    body: str,
    who: Who,
    *,
    limit: int | None = None,
) -> int:
    """Write the letter and one outbox message per customer it reaches (``limit`` at
    most, oldest customers first), in one transaction; the access log lists the
    recipients. Returns the letter's id. The mail worker sends them."""
    require_contact(who)
    staff = initials_of(who)
    company = company or settings.default_company
    subject, body = _check(settings, company, subject, body)
    with writing(db):
        now = clock.now()
        left = _reach()
        letter = Letter.create(company=company, subject=subject, body=body,
                               status=SENDING_RUN, staff=staff, created_at=now,
                               prepared_at=now, left_out=json.dumps(
                                   {"opted_out": left.opted_out, "erased": left.erased,
                                    "no_email": left.no_email}))
        language = Case(None, [(Customer.language == "en", "en")], "nb")
        recipients = Customer.select(
            Value(LETTER), Value(company), Customer.id, Value(letter.id), Customer.email,
            language, _token_sql(db), Value(QUEUED), Value(0), Value(staff), Value(now),
        ).where(_eligible()).order_by(Customer.id)
        if limit is not None:
            recipients = recipients.limit(limit)
        fields = [
            OutboxMessage.kind, OutboxMessage.company, OutboxMessage.customer,
            OutboxMessage.letter, OutboxMessage.to_address, OutboxMessage.language,
            OutboxMessage.token, OutboxMessage.status, OutboxMessage.attempts,
            OutboxMessage.staff, OutboxMessage.created_at,
        ]
        OutboxMessage.insert_from(recipients, fields).execute()
        ids = [
            cid for (cid,) in OutboxMessage.select(OutboxMessage.customer)
            .where(OutboxMessage.letter == letter.id).order_by(OutboxMessage.customer).tuples()
        ]
        Letter.update(recipients=len(ids)).where(Letter.id == letter.id).execute()
        audit.record_list(staff, "letter", ["email"], ids)
    return int(letter.id)


@dataclass(frozen=True)
class Progress:
    letter_id: int
    subject: str
    total: int
    waiting: int  # queued or being sent
    skipped: int
    failed: int  # failed or uncertain

    @property
    def done(self) -> int:
        return self.total - self.waiting

    @property
    def text(self) -> str:
        return t("letter.progress", subject=self.subject, done=self.done, total=self.total,
                 skipped=self.skipped, failed=self.failed)


def progress(db: Database, letter_id: int) -> Progress:
    with reading(db):
        return _progress(Letter.get_by_id(letter_id))


def _progress(letter: Letter) -> Progress:
    counts = dict(
        OutboxMessage.select(OutboxMessage.status, fn.COUNT(OutboxMessage.id))
        .where(OutboxMessage.letter == letter.id)
        .group_by(OutboxMessage.status).tuples()
    )
    return Progress(
        letter.id, letter.subject, sum(counts.values()),
        counts.get(QUEUED, 0) + counts.get(SENDING, 0), counts.get(SKIPPED, 0),
        counts.get(FAILED, 0) + counts.get(UNCERTAIN, 0),
    )


def runs_in_progress(db: Database) -> list[Progress]:
    """Letter runs still sending, newest first; a run found finished is marked done."""
    with reading(db):
        runs = [_progress(letter) for letter in
                Letter.select().where(Letter.status == SENDING_RUN).order_by(Letter.id.desc())]
    finished = [r.letter_id for r in runs if r.waiting == 0]
    if finished:
        with writing(db):
            Letter.update(status=DONE_RUN).where(Letter.id.in_(finished)).execute()
    return [r for r in runs if r.waiting]


def unsubscribe_by_token(db: Database, token: str, *, at: datetime | None = None) -> bool:
    """The customer behind a letter's unsubscribe token opts out of letters, at once:
    their letters not yet sent are skipped. False for a token that names nobody (or
    a customer erased since). Logged as ``opt_out`` by the customer themselves."""
    token = (token or "").strip()
    if not token or len(token) > 40:
        return False
    with writing(db):
        row = OutboxMessage.get_or_none(OutboxMessage.token == token)
        if row is None or row.customer_id is None:
            return False
        customer = Customer.get_or_none(Customer.id == row.customer_id)
        if customer is None or customer.erased_at is not None:
            return False
        now = at or clock.now()
        if customer.letters_opt_out_at is None:
            Customer.update(letters_opt_out_at=now, updated_at=now,
                            version=Customer.version + 1).where(
                Customer.id == customer.id).execute()
            audit.record(audit.SYSTEM, "opt_out", customer.id, details="letter link")
        OutboxMessage.update(status=SKIPPED, last_error=t("mail.error.opted_out")).where(
            (OutboxMessage.customer == customer.id) & (OutboxMessage.kind == LETTER)
            & (OutboxMessage.status == QUEUED)
        ).execute()
    return True
