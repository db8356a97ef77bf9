"""The pickup services that take text — a scanned code, a close reason — fed hostile
text (hypothesis), on both stores: a clear ViverError or a correct answer, never another
exception, and nothing returned or closed that should not be."""

from __future__ import annotations

import peewee
import pytest
from hypothesis import HealthCheck, given, settings

from tests.services.test_intake_text_properties import hostile
from tests.signing_in import as_staff
from viver_tui.config import Settings
from viver_tui.errors import ViverError
from viver_tui.models import MediaItem, Order
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.text import clean_line

with_db = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def ready_order(db: peewee.Database) -> int:
    kinds = Settings().media_kinds
    cid = customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(db, "A")).id
    order = intake.open_order(db, cid, "A")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), kinds, "A")
    intake.confirm_order(db, order.id, OrderDetails("B3", "", ""), "A")
    orders.set_order_status(db, order.id, orders.READY, "A")
    return order.id


@with_db
@given(hostile)
def test_a_hostile_scan_is_answered_and_returns_nothing_it_should_not(
    db: peewee.Database, ready_order: int, code: str
) -> None:
    number = Order.get_by_id(ready_order).number
    try:
        outcome = pickup.scan(db, ready_order, code, "A")
    except ViverError:
        return
    medium = MediaItem.get(MediaItem.order == ready_order)
    if outcome.outcome == "returned":
        assert code.strip() == medium.code  # only the medium's own code returns it
        with db.atomic():  # give it back for the next example
            MediaItem.update(returned_at=None, status="ready").where(
                MediaItem.id == medium.id
            ).execute()
            Order.update(status="ready", closed_at=None).where(
                Order.id == ready_order
            ).execute()
    else:
        assert medium.returned_at is None or code.strip() == medium.code
    assert outcome.order is None or outcome.order.number == number


@with_db
@given(hostile)
def test_a_hostile_close_reason_is_refused_or_stored_clean(
    db: peewee.Database, ready_order: int, reason: str
) -> None:
    try:
        view = pickup.close_with_missing(db, ready_order, reason, "A")
    except ViverError:
        assert Order.get_by_id(ready_order).status == "ready"
        return
    assert view.status == "closed"
    assert view.close_reason == clean_line(reason, field="reason", max_length=500)
    with db.atomic():  # open again for the next example
        Order.update(status="ready", close_reason=None, closed_at=None).where(
            Order.id == ready_order
        ).execute()
