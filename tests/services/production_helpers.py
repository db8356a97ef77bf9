"""Orders and people for the production room's tests."""

from __future__ import annotations

import peewee

from tests.signing_in import as_staff
from viver_tui.config import Settings
from viver_tui.services import customers, intake, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView
from viver_tui.services.staff import StaffView

KINDS = Settings().media_kinds
OUTCOMES = Settings().production_outcomes


def producer(db: peewee.Database, admin: StaffView, initials: str = "prod") -> StaffView:
    return staff.add(
        db, name="Pål Produksjon", initials=initials, role="production", pin="8642", by=admin
    )


def make_order(
    db: peewee.Database,
    kinds: tuple[str, ...] = ("vhs", "minidv"),
    name: str = "Kari Nordmann",
    shelf: str = "B3",
) -> OrderView:
    cid = customers.register(
        db, CustomerInput(name=name, phone="91234567", email="kari@example.no",
                          address="Storgata 1"), as_staff(db, "A"),
    ).id
    order = intake.open_order(db, cid, "A")
    for kind in kinds:
        order = intake.add_medium(db, order.id, MediumInput(kind), KINDS, "A")
    return intake.confirm_order(db, order.id, OrderDetails(shelf=shelf), "A")
