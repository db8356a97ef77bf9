"""What was done on each medium of an order: the invoice's lines for the work.

``work_done`` is the ONE place the invoice reads how much work a medium took. Today that
is the intake estimate (``MediaItem.units``: minutes, photos or pieces, and its
``estimate_ore``). When the production room records what was actually done (issue 20:
minutes digitized, photos scanned), it plugs in here — return its figures for the media
it has records of, with ``source="production"`` — and every invoice follows; nothing
else reads units or estimates for an invoice.
"""

from __future__ import annotations

from dataclasses import dataclass

from viver_tui.models import MediaItem


@dataclass(frozen=True)
class WorkDone:
    medium_id: int
    code: str
    kind: str  # media kind key
    description: str  # what is written on the medium
    units: int  # pieces, minutes or photos charged
    amount_ore: int  # VAT included
    source: str  # "estimate" (intake) or "production" (the production room's records)


def work_done(order_id: int) -> list[WorkDone]:
    """Per medium of the order, in order: what is charged for it. Call inside a
    transaction (``reading`` or ``writing``)."""
    return [
        WorkDone(
            medium_id=m.id,
            code=m.code,
            kind=m.kind,
            description=m.description,
            units=m.units,
            amount_ore=m.estimate_ore,
            source="estimate",
        )
        for m in MediaItem.select().where(MediaItem.order == order_id).order_by(MediaItem.seq)
    ]
