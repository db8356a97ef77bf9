"""What was done on each medium of an order: the invoice's lines for the work.

``work_done`` is the ONE place the invoice reads how much work a medium took: what the
production room recorded as actually done (``MediaItem.actual_units``: minutes
digitized, photos scanned — services/production/actuals.py) where it exists, else the
intake estimate (``MediaItem.units`` and its ``estimate_ore``). The actual amount is
charged at the estimate's unit price (the price the customer was told at intake), so a
medium estimated at 20 min for kr 500,00 and digitized in 94 min costs kr 2 350,00.
Nothing else reads units or estimates for an invoice; an invoice once issued keeps its
lines (its model is stored), whatever is recorded later.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from viver_tui.models import MediaItem
from viver_tui.services.documents.model import round_ore

ESTIMATE, PRODUCTION = "estimate", "production"


@dataclass(frozen=True)
class WorkDone:
    medium_id: int
    code: str
    kind: str  # media kind key
    description: str  # what is written on the medium
    units: int  # pieces, minutes or photos charged
    amount_ore: int  # VAT included
    source: str  # "estimate" (intake) or "production" (the production room's records)
    unit_price_ore: int  # VAT included: the estimate's price per unit
    estimate_units: int  # what intake estimated
    estimate_ore: int  # and its price

    @property
    def actual(self) -> bool:
        return self.source == PRODUCTION


def unit_price_ore(estimate_ore: int, units: int) -> int:
    """The estimate's price per unit (intake priced ``units`` at ``estimate_ore``)."""
    return round_ore(Decimal(estimate_ore) / units) if units > 0 else estimate_ore


def charged(item: MediaItem) -> WorkDone:
    """What one medium is charged: the production room's record, else the estimate."""
    unit_price = unit_price_ore(item.estimate_ore, item.units)
    if item.actual_units is None:
        units, amount, source = item.units, item.estimate_ore, ESTIMATE
    else:
        units, source = item.actual_units, PRODUCTION
        amount = (
            item.estimate_ore if units == item.units
            else round_ore(Decimal(item.estimate_ore) * units / item.units)
            if item.units > 0 else unit_price * units
        )
    return WorkDone(
        medium_id=item.id,
        code=item.code,
        kind=item.kind,
        description=item.description,
        units=units,
        amount_ore=amount,
        source=source,
        unit_price_ore=unit_price,
        estimate_units=item.units,
        estimate_ore=item.estimate_ore,
    )


def work_done(order_id: int) -> list[WorkDone]:
    """Per medium of the order, in order: what is charged for it. Call inside a
    transaction (``reading`` or ``writing``)."""
    return [
        charged(m)
        for m in MediaItem.select().where(MediaItem.order == order_id).order_by(MediaItem.seq)
    ]
