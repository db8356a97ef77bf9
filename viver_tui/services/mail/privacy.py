"""The outbox and the privacy statement: e-mails are kept for quality assurance and the
warranty (``mail.keep_days``), are part of a customer's innsyn export, and go with the
customer's erasure.

- ``messages_for``: a customer's e-mails as the innsyn export shows them (what was sent,
  to which address, when, the text as sent; a letter's text from its letter).
- ``forget_customer``: called by the erasure (services/privacy/erasure.py), inside its
  transaction: the customer's messages are deleted — address, subject and text with
  them — whatever their state (a queued one is then never sent).
- ``purge_sent``: messages done with (sent, failed, cancelled, skipped) older than the
  warranty period are deleted (daily, with the preview spool's cleaning).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from peewee import JOIN

from viver_tui.db import writing
from viver_tui.models import Letter, OutboxMessage
from viver_tui.services.mail.outbox import CANCELLED, FAILED, SENT, SKIPPED, Database

FINISHED = (SENT, FAILED, CANCELLED, SKIPPED)


def _text(value: datetime | None) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if value else None


def messages_for(customer_id: int) -> list[dict[str, Any]]:
    """Inside a connection: the customer's e-mails, oldest first (JSON-ready)."""
    rows = (
        OutboxMessage.select(OutboxMessage, Letter.subject.alias("letter_subject"),
                             Letter.body.alias("letter_body"))
        .join(Letter, on=(OutboxMessage.letter == Letter.id), join_type=JOIN.LEFT_OUTER)
        .where(OutboxMessage.customer == customer_id)
        .order_by(OutboxMessage.id)
        .objects()
    )
    found = []
    for row in rows:
        letter = row.letter_id is not None
        found.append({
            "kind": row.kind,
            "status": row.status,
            "to": row.to_address,
            "created_at": _text(row.created_at),
            "sent_at": _text(row.sent_at),
            "message_id": row.message_id,
            "subject": row.letter_subject if letter else row.subject,
            "text": row.letter_body if letter else row.body,
        })
    return found


def forget_customer(customer_id: int) -> int:
    """Inside the erasure's transaction: delete the customer's e-mails and their .eml
    files (written without a mail server); how many messages."""
    mine = OutboxMessage.customer == customer_id
    for (path,) in OutboxMessage.select(OutboxMessage.spooled_to).where(
        mine & OutboxMessage.spooled_to.is_null(False)
    ).tuples():
        Path(path).unlink(missing_ok=True)
    return int(OutboxMessage.delete().where(mine).execute())


def purge_sent(db: Database, keep_days: int, today: date) -> int:
    """Delete messages done with before the warranty period; 0 days keeps them all
    (until the customer's erasure). How many went."""
    if keep_days <= 0:
        return 0
    before = datetime.combine(today - timedelta(days=keep_days), datetime.min.time())
    with writing(db):
        done = OutboxMessage.status.in_(FINISHED)
        old = (OutboxMessage.sent_at.is_null(False) & (OutboxMessage.sent_at < before)) | (
            OutboxMessage.sent_at.is_null() & (OutboxMessage.created_at < before))
        for (path,) in OutboxMessage.select(OutboxMessage.spooled_to).where(
            done & old & OutboxMessage.spooled_to.is_null(False)
        ).tuples():
            Path(path).unlink(missing_ok=True)
        return int(OutboxMessage.delete().where(done & old).execute())
