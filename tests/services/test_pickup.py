"""Pickup: find by receipt or code, scan media back, warnings, partial, close with reason."""

from __future__ import annotations

import peewee
import pytest

from viver_tui.config import Settings
from viver_tui.errors import NotFound, ValidationError
from viver_tui.models import MediaItem, Order, OrderEvent, PrintJob
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView

KINDS = Settings().media_kinds


def _order(db: peewee.Database, media: list[tuple[str, str]], name: str = "Kari Nordmann"):
    cid = customers.register(db, CustomerInput(name=name, email=f"{len(name)}@x.no"), "A").id
    order = intake.open_order(db, cid, "A")
    for kind, units in media:
        order = intake.add_medium(db, order.id, MediumInput(kind, units=units), KINDS, "A")
    return intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "A")


@pytest.fixture
def order(db: peewee.Database) -> OrderView:
    return _order(db, [("vhs", ""), ("photo-series", "40"), ("minidv", "")])


def _return_receipts(db: peewee.Database, order_id: int) -> int:
    with db.connection_context():
        return (
            PrintJob.select()
            .where((PrintJob.order == order_id) & (PrintJob.kind == "return_receipt"))
            .count()
        )


def test_find_order_by_number_or_medium_code(db, order):
    by_number = pickup.find_order(db, f" {order.number} ", "B")
    by_code = pickup.find_order(db, order.media[2].code, "B")
    assert by_number.id == by_code.id == order.id
    assert (by_number.returned, by_number.total) == (0, 3)
    assert by_number.customer_name == "Kari Nordmann"
    with pytest.raises(NotFound):
        pickup.find_order(db, "999999", "B")
    with pytest.raises(NotFound):
        pickup.find_order(db, f"{order.number}-77", "B")
    with pytest.raises(NotFound):
        pickup.find_order(db, "hei", "B")


def test_find_draft_is_refused(db, order):
    draft = intake.open_order(db, order.customer_id, "A")
    with pytest.raises(ValidationError):
        pickup.find_order(db, str(draft.number), "B")


def test_scan_outcomes(db, order):
    other = _order(db, [("vhs", "")], name="Per Hansen")
    vhs, photos, dv = order.media
    r = pickup.return_item(db, order.id, dv.code, "B")
    assert (r.outcome, r.returned, r.total) == ("returned", 1, 3)
    assert r.medium.returned_by == "B" and r.medium.returned_at is not None
    again = pickup.return_item(db, order.id, dv.code, "B")
    assert again.outcome == "already_returned" and again.returned == 1
    wrong = pickup.return_item(db, order.id, other.media[0].code, "B")
    assert wrong.outcome == "other_order" and wrong.other_order_number == other.number
    unknown = pickup.return_item(db, order.id, "123-45", "B")
    assert unknown.outcome == "unknown" and unknown.returned == 1
    need = pickup.return_item(db, order.id, photos.code, "B")
    assert need.outcome == "count_needed" and need.medium.declared_count == 40
    with db.connection_context():
        assert MediaItem.get_by_id(other.media[0].id).returned_at is None
        assert MediaItem.get_by_id(photos.id).returned_at is None
    counted = pickup.return_item(db, order.id, photos.code, "B", returned_count=38)
    assert counted.outcome == "returned" and counted.count_mismatch
    assert counted.medium.returned_count == 38
    assert not counted.order_complete
    last = pickup.return_item(db, order.id, vhs.code, "B")
    assert last.order_complete and (last.returned, last.total) == (3, 3)
    view = orders.get_order(db, order.id, staff="B")
    assert view.status == orders.RETURNED and view.closed_at is not None
    assert any(e.note == "38 av 40 bilder" for e in view.events)
    assert _return_receipts(db, order.id) == 1


def test_partial_pickup_then_the_rest(db, order):
    vhs, photos, dv = order.media
    pickup.return_item(db, order.id, vhs.code, "B")
    view = pickup.end_visit(db, order.id, "B")
    assert view.status == orders.RECEIVED and (view.returned, view.total) == (1, 3)
    assert _return_receipts(db, order.id) == 1
    pickup.end_visit(db, order.id, "B")  # nothing new went back: no second receipt
    assert _return_receipts(db, order.id) == 1
    pickup.return_item(db, order.id, photos.code, "C", returned_count=40)
    done = pickup.return_item(db, order.id, dv.code, "C")
    assert done.order_complete
    assert _return_receipts(db, order.id) == 2


def test_close_with_missing_needs_reason_kept_for_ever(db, order):
    vhs = order.media[0]
    pickup.return_item(db, order.id, vhs.code, "B")
    with pytest.raises(ValidationError) as exc:
        pickup.close_with_missing(db, order.id, "  ", "B")
    assert exc.value.field == "reason"
    with db.connection_context():
        assert Order.get_by_id(order.id).status == orders.RECEIVED
    view = pickup.close_with_missing(db, order.id, "Kunden henter resten i mars", "B")
    assert view.status == orders.CLOSED
    assert view.close_reason == "Kunden henter resten i mars"
    assert (view.returned, view.total) == (1, 3)
    with db.connection_context():
        event = OrderEvent.get(OrderEvent.action == "closed_missing")
    assert order.media[1].code in event.note and event.staff == "B"
    assert _return_receipts(db, order.id) == 1
    # the missing ones turn up later: the order is delivered, the reason stays
    pickup.return_item(db, order.id, order.media[1].code, "B", returned_count=40)
    final = pickup.return_item(db, order.id, order.media[2].code, "B")
    assert final.order_complete
    view = orders.get_order(db, order.id, staff="B")
    assert view.close_reason == "Kunden henter resten i mars"


def test_close_with_nothing_missing_delivers(db):
    order = _order(db, [("vhs", "")])
    pickup.return_item(db, order.id, order.media[0].code, "B")
    view = pickup.close_with_missing(db, order.id, "", "B")
    assert view.status == orders.RETURNED and view.close_reason is None
    assert _return_receipts(db, order.id) == 1


def test_lookup_medium(db, order):
    found = pickup.lookup_medium(db, order.media[1].code)
    assert found is not None
    medium, number, name = found
    assert (medium.code, number, name) == (order.media[1].code, order.number, "Kari Nordmann")
    assert pickup.lookup_medium(db, "000000-01") is None
