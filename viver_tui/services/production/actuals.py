"""What was actually done on a medium: minutes digitized, photos scanned.

Recorded in the unit the medium's kind is charged by in the price list (``MediaKind.
unit``): minutes for film and tape charged by the minute, photos for series charged by
the photo. A kind charged per piece (a VHS costs the same whatever it holds) has
nothing to count: a number for it is refused. The invoice charges the record where it
exists, else the intake estimate (services/documents/work.py).

Entered with the outcome (``outcomes.set_outcome``) or on its own (``record_actual``);
changeable until the order is invoiced (an invoice not credited in full) — an issued
invoice never changes, so a record it charged stays as it was. Each change is an
``actual`` event in the order's history with the number, the unit and the number before
(values, worded for the reader: locale/events.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Final

from viver_tui import clock
from viver_tui.config import MAX_MINUTES, MAX_PHOTOS, MediaKind
from viver_tui.errors import ValidationError
from viver_tui.locale import t
from viver_tui.locale.formatting import format_number
from viver_tui.models import MediaItem, Order
from viver_tui.services import orders
from viver_tui.services.documents.core import active_invoice
from viver_tui.services.numbers import whole_number
from viver_tui.services.production import panel
from viver_tui.services.production.panel import MediumPanel
from viver_tui.services.production.steps import Database, transaction
from viver_tui.services.staff import Who, initials_of

FIELD = "actual"
# The most a medium can hold, per unit charged (as intake's limits for the estimate);
# nought is a real answer: a blank film digitized in 0 minutes.
LIMITS: Final = {"minute": MAX_MINUTES, "photo": MAX_PHOTOS}


def unit_of(kinds: Sequence[MediaKind], key: str) -> str | None:
    """The unit a kind is counted in here ("minute" or "photo"); None: per piece."""
    kind = next((k for k in kinds if k.key == key), None)
    return kind.unit if kind is not None and kind.unit in LIMITS else None


def _invalid(unit: str) -> ValidationError:
    high = LIMITS[unit]
    key = "production.actual.minutes_invalid" if unit == "minute" else (
        "production.actual.photos_invalid")
    return ValidationError(t(key, high=format_number(high)), field=FIELD)


def check_actual(units: int | None, unit: str | None) -> int | None:
    """``units`` if it is a whole number within the unit's bounds (None: no record)."""
    if units is None:
        return None
    if unit is None:
        raise ValidationError(t("production.actual.per_piece"), field=FIELD)
    if isinstance(units, bool) or not isinstance(units, int) or not 0 <= units <= LIMITS[unit]:
        raise _invalid(unit)
    return units


def parse_actual(text: str, unit: str | None) -> int | None:
    """The amount as typed in the outcome dialog (``94``, ``1 200``); empty: no record.
    ValidationError at ``actual`` with the bounds in words."""
    raw = text.strip().replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    if unit is None:
        raise ValidationError(t("production.actual.per_piece"), field=FIELD)
    value = whole_number(raw, 0, LIMITS[unit])
    if value is None:
        raise _invalid(unit)
    return value


def apply_actual(
    order: Order, item: MediaItem, units: int | None, unit: str | None, initials: str,
    now: datetime,
) -> bool:
    """Store ``units`` on ``item`` (locked, inside ``writing``); True if it changed.
    Refused once the order is invoiced: the invoice charged what was recorded then."""
    units = check_actual(units, unit)
    if units == item.actual_units:
        return False
    invoice = active_invoice(order.id)
    if invoice is not None:
        raise ValidationError(
            t("production.actual.invoiced", code=item.code, number=invoice.number),
            field=FIELD,
        )
    MediaItem.update(actual_units=units).where(MediaItem.id == item.id).execute()
    detail: dict[str, object] = {"unit": unit or "piece", "units": units}
    if item.actual_units is not None:
        detail["was"] = item.actual_units
    detail["estimate"] = item.units
    orders.record_event(
        order.id, "actual", initials, media_item_id=item.id, detail=detail, at=now
    )
    return True


def record_actual(
    db: Database, medium_id: int, who: Who, units: int | None, kinds: Sequence[MediaKind]
) -> MediumPanel:
    """Record (or with None, remove) what was actually done on a medium."""

    def work() -> MediumPanel:
        order, item = panel.locked_medium(db, medium_id)
        apply_actual(order, item, units, unit_of(kinds, item.kind), initials_of(who),
                     clock.now())
        return panel.build(medium_id)

    return transaction(db, work)
