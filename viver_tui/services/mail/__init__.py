"""E-mail to customers (issue 23): a persistent outbox sent by a background worker.

- ``outbox``: messages written in the transaction that caused them (confirmation,
  invoice, ready for pickup), what staff see of the outbox and do with it.
- ``compose``: the message itself — text in the customer's language, plain and HTML,
  the PDF, the headers.
- ``transport``: the company's SMTP server (``smtplib``), or the .eml spool without one.
- ``sender``: the worker — claim, send, record; never twice, also after a crash.
- ``letters``: customer letters (kundebrev): recipients, opt-out, progress.
- ``privacy``: kept for the warranty period, innsyn, erasure.
- ``web``: the one-click unsubscribe routes for ``viver serve`` (aiohttp).

docs/email.md says how a shop sets it up.
"""

from __future__ import annotations

from viver_tui.services.mail.outbox import (
    CANCELLED,
    CONFIRMATION,
    FAILED,
    INVOICE,
    LETTER,
    QUEUED,
    READY,
    SENDING,
    SENT,
    SKIPPED,
    UNCERTAIN,
    Attention,
    MessageView,
    attention,
    cancel,
    mark_sent,
    message_view,
    outbox_page,
    queue_confirmation,
    queue_invoice,
    queue_ready_for_pickup,
    retry_now,
)

__all__ = [
    "CANCELLED",
    "CONFIRMATION",
    "FAILED",
    "INVOICE",
    "LETTER",
    "QUEUED",
    "READY",
    "SENDING",
    "SENT",
    "SKIPPED",
    "UNCERTAIN",
    "Attention",
    "MessageView",
    "attention",
    "cancel",
    "mark_sent",
    "message_view",
    "outbox_page",
    "queue_confirmation",
    "queue_invoice",
    "queue_ready_for_pickup",
    "retry_now",
]
