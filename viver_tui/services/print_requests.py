"""Asking for a print: a row in the persistent queue, written in the caller's transaction.

Intake and pickup call ``request`` inside the transaction that confirms the order or
closes the pickup, so the request commits with the order — or not at all. The printing
package's worker (``printing/queue.py``) takes queued rows and sends them to a printer;
a request is never lost because a printer is off. A job carries the terminal that asked
for it, and only that terminal's worker prints it: with several terminals on one
PostgreSQL database, each label comes out of the printer beside the person who asked.
"""

from __future__ import annotations

import socket

from viver_tui.models import PrintJob

# The terminal this process prints for; the app sets it from its settings at start.
_terminal = socket.gethostname()


def set_terminal(name: str) -> None:
    """Name the terminal whose printers print the jobs this process requests."""
    global _terminal
    _terminal = name

# kind → the printer role that prints it
KINDS: dict[str, str] = {
    "media_label": "label",
    "order_form": "receipt",
    "receipt": "receipt",
    "return_receipt": "receipt",
}


def request(
    kind: str,
    order_id: int,
    *,
    media_item_id: int | None = None,
    staff: str = "",
    reprint: bool = False,
) -> int:
    """Queue one print job; returns its id. Call inside a ``writing(db)`` block."""
    if kind not in KINDS:
        raise ValueError(f"unknown print kind {kind!r}")
    if kind == "media_label" and media_item_id is None:
        raise ValueError("a media label needs media_item_id")
    job = PrintJob.create(
        kind=kind,
        printer=KINDS[kind],
        order=order_id,
        media_item=media_item_id,
        staff=staff,
        reprint=reprint,
        terminal=_terminal,
    )
    return job.id
