"""Production notes: on a medium or on its order, timestamped, with the staff's
initials, never edited. A correction is a new note that refers to the old one.

Notes are free text that may name people: they are redacted on erasure like the
order's other notes (services/privacy/erasure.py), and the screen warns against
writing contact details in them.
"""

from __future__ import annotations

import re

from viver_tui import clock
from viver_tui.errors import NotFound, ValidationError
from viver_tui.locale import t
from viver_tui.models import ProductionNote
from viver_tui.services.production import panel
from viver_tui.services.production.panel import MediumPanel
from viver_tui.services.production.steps import Database, transaction
from viver_tui.services.staff import Who, initials_of
from viver_tui.services.text import NOTE_MAX, clean_text

_CORRECTION = re.compile(r"\s*#([0-9]{1,9})\s+(.*)", re.DOTALL)


def read_correction(text: str) -> tuple[int | None, str]:
    """A note typed as ``#12 text`` corrects note 12: ``(12, "text")``; else ``(None,
    text)``."""
    found = _CORRECTION.fullmatch(text)
    if found is None:
        return None, text
    return int(found.group(1)), found.group(2)


def add_note(
    db: Database,
    medium_id: int,
    text: str,
    who: Who,
    *,
    on_order: bool = False,
    corrects: int | None = None,
) -> MediumPanel:
    """Add a note to the medium shown (``on_order``: to its order). ``corrects`` is the
    number of an earlier note of the same order that this one corrects."""
    text = clean_text(text, field="note", max_length=NOTE_MAX).strip()
    if not text:
        raise ValidationError(t("production.note_empty"), field="note")

    def work() -> MediumPanel:
        order, item = panel.locked_medium(db, medium_id)
        if corrects is not None:
            old = ProductionNote.get_or_none(
                (ProductionNote.id == corrects) & (ProductionNote.order == order.id)
            )
            if old is None:
                raise NotFound(t("production.note_not_found", number=corrects))
        ProductionNote.create(
            order=order.id,
            media_item=None if on_order else item.id,
            text=text,
            staff=initials_of(who),
            at=clock.now(),
            corrects=corrects,
        )
        return panel.build(medium_id)

    return transaction(db, work)
