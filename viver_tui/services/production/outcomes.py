"""What came of a medium: an outcome from the settings' list, with a note.

An outcome that ``finishes`` (blank, not transferable) takes the medium straight to
done without files — recorded as a step like any other — and may make its order ready.
The outcome and its note print on the customer's return receipt, in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from viver_tui import clock
from viver_tui.config import MediaKind, ProductionOutcome
from viver_tui.errors import ValidationError
from viver_tui.locale import t
from viver_tui.models import MediaItem
from viver_tui.services import orders
from viver_tui.services.production import actuals, panel, ready
from viver_tui.services.production.panel import DONE, MediumPanel, step_of
from viver_tui.services.production.steps import Database, transaction
from viver_tui.services.staff import Who, initials_of
from viver_tui.services.text import NOTE_MAX, clean_text


def outcome_name(
    outcomes: Sequence[ProductionOutcome], key: str | None, english: bool = False
) -> str:
    """An outcome's name as the settings give it (the key for one no longer listed)."""
    if not key:
        return ""
    found = next((o for o in outcomes if o.key == key), None)
    if found is None:
        return key
    return found.name_en if english else found.name


class Unchanged:
    """``set_outcome``'s ``actual`` left as it is (a kind charged per piece)."""


UNCHANGED: Final = Unchanged()


def set_outcome(
    db: Database,
    medium_id: int,
    who: Who,
    key: str,
    note: str,
    outcomes: Sequence[ProductionOutcome],
    *,
    actual: int | Unchanged | None = UNCHANGED,
    kinds: Sequence[MediaKind] = (),
) -> MediumPanel:
    """Record ``key`` (one of ``outcomes``, the settings' list) and ``note`` on a medium,
    and with ``actual`` what was actually done on it (minutes or photos in the unit
    ``kinds`` charge its kind by; None removes the record) — one transaction: a refused
    amount records no outcome either (actuals.py)."""
    chosen = next((o for o in outcomes if o.key == key.strip()), None)
    if chosen is None:
        raise ValidationError(
            t("production.outcome_unknown", outcome=key.strip(),
              choices=", ".join(o.key for o in outcomes)),
            field="outcome",
        )
    note = clean_text(note, field="note", max_length=NOTE_MAX).strip()

    def work() -> MediumPanel:
        order, item = panel.locked_medium(db, medium_id)
        now = clock.now()
        initials = initials_of(who)
        if not isinstance(actual, Unchanged):
            actuals.apply_actual(order, item, actual, actuals.unit_of(kinds, item.kind),
                                 initials, now)
        MediaItem.update(outcome=chosen.key, outcome_note=note).where(
            MediaItem.id == item.id
        ).execute()
        words = f"{chosen.name}: {note}" if note else chosen.name
        orders.record_event(
            order.id, "outcome", initials, media_item_id=item.id, note=words, at=now
        )
        if chosen.finishes and step_of(item.status) != DONE:
            MediaItem.update(status=DONE).where(MediaItem.id == item.id).execute()
            orders.record_event(
                order.id, "step", initials, media_item_id=item.id,
                from_status=item.status, to_status=DONE, note=chosen.name, at=now,
            )
            ready.settle(db, order, initials, now)
        return panel.build(medium_id)

    return transaction(db, work)
