"""Pickup at the service, on both stores: every scan outcome, the not-finished question,
partial pickup, closing with a reason, the access log and the transaction boundary."""

from __future__ import annotations

import peewee
import pytest

from tests.signing_in import as_staff
from tests.store_faults import refuse_print_jobs
from viver_tui.config import Settings
from viver_tui.db import retrying, writing
from viver_tui.errors import DatabaseError, NotFound, ValidationError
from viver_tui.models import AuditEvent, MediaItem, Order, OrderEvent, PrintJob
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.codes import ScannedCode
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView

KINDS = Settings().media_kinds


def make_order(
    db: peewee.Database,
    media: list[tuple[str, str]],
    name: str = "Kari Nordmann",
    status: str = orders.READY,
) -> OrderView:
    cid = customers.register(db, CustomerInput(name=name, email=f"{len(name)}@x.no"),
        as_staff(db, "A")).id
    order = intake.open_order(db, cid, "A")
    for kind, units in media:
        order = intake.add_medium(db, order.id, MediumInput(kind, units=units), KINDS, "A")
    order = intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "A")
    if status != orders.RECEIVED:
        order = orders.set_order_status(db, order.id, status, "A")
    return order


@pytest.fixture
def order(db: peewee.Database) -> OrderView:
    return make_order(db, [("vhs", ""), ("photo-series", "40"), ("minidv", "")])


def count(db: peewee.Database, query: peewee.Select) -> int:
    with db.connection_context():
        return query.count()


def return_receipts(db: peewee.Database, order_id: int) -> int:
    return count(
        db,
        PrintJob.select().where(
            (PrintJob.order == order_id) & (PrintJob.kind == "return_receipt")
        ),
    )


def test_receipt_loads_the_order_and_logs_the_look(db, order):
    before = count(db, AuditEvent.select())
    out = pickup.scan(db, None, f" {order.number} ", "B")
    assert out.outcome == "loaded" and not out.loaded_from_medium and not out.needs_release
    assert out.order.id == order.id and (out.order.returned, out.order.total) == (0, 3)
    assert out.order.customer_name == "Kari Nordmann"
    with db.connection_context():
        look = AuditEvent.select().order_by(AuditEvent.id.desc()).first()
        assert AuditEvent.select().count() == before + 1
    assert (look.action, look.staff, look.subject_id) == ("view", "B", order.customer_id)
    assert look.details == f"pickup {order.number}"
    opened = pickup.open(db, order.id, "C")  # from the order screen: same outcome
    assert opened.outcome == "loaded" and opened.order.id == order.id
    assert count(db, AuditEvent.select()) == before + 2


def test_a_medium_before_the_receipt_loads_its_order_without_returning_it(db, order):
    out = pickup.scan(db, None, order.media[2].code, "B")
    assert out.outcome == "loaded" and out.loaded_from_medium
    assert out.order.id == order.id and out.order.returned == 0


def test_every_scan_outcome(db, order):
    other = make_order(db, [("vhs", "")], name="Per Hansen")
    vhs, photos, dv = order.media
    r = pickup.scan(db, order.id, dv.code, "B")
    assert (r.outcome, r.order.returned, r.order.total) == ("returned", 1, 3)
    assert r.medium.code == dv.code and r.medium.returned_by == "B"
    assert r.medium.returned_at is not None and not r.delivered
    again = pickup.scan(db, order.id, dv.code, "B")
    assert again.outcome == "already_returned" and again.order.returned == 1
    wrong = pickup.scan(db, order.id, other.media[0].code, "B")
    assert wrong.outcome == "other_order" and wrong.other_order_number == other.number
    assert wrong.order.id == order.id  # the order shown stays shown
    for junk in ("123456-45", "hei", "99999999", "1²3456", "\ud800", ""):
        unknown = pickup.scan(db, order.id, junk, "B")
        assert unknown.outcome == "unknown" and unknown.order.returned == 1, junk
    assert pickup.scan(db, None, "hei", "B").order is None
    need = pickup.scan(db, order.id, photos.code, "B")
    assert need.outcome == "count_needed" and need.medium.declared_count == 40
    with db.connection_context():
        assert MediaItem.get_by_id(other.media[0].id).returned_at is None
        assert MediaItem.get_by_id(photos.id).returned_at is None
    counted = pickup.scan(db, order.id, photos.code, "B", returned_count=38)
    assert counted.outcome == "returned" and counted.count_mismatch
    assert counted.medium.returned_count == 38 and not counted.order_complete
    last = pickup.scan(db, order.id, vhs.code, "B")
    assert last.delivered and last.order_complete
    assert (last.order.returned, last.order.total) == (3, 3)
    view = orders.get_order(db, order.id, staff="B")
    assert view.status == orders.RETURNED and view.closed_at is not None
    # stored as values, worded for the reader (#19.4)
    assert any(e.detail == {"returned": 38, "declared": 40} for e in view.events)
    assert [e.action for e in view.events].count("delivered") == 1
    assert return_receipts(db, order.id) == 1
    assert pickup.scan(db, order.id, vhs.code, "B").outcome == "already_returned"
    assert return_receipts(db, order.id) == 1


def test_another_receipt_switches_the_order(db, order):
    other = make_order(db, [("vhs", "")], name="Per Hansen")
    out = pickup.scan(db, order.id, str(other.number), "B")
    assert out.outcome == "loaded" and out.order.id == other.id


def test_count_is_checked(db, order):
    with pytest.raises(ValidationError) as exc:
        pickup.scan(db, order.id, order.media[1].code, "B", returned_count=-1)
    assert exc.value.field == "count"


def test_draft_is_not_handed_out(db, order):
    draft = intake.open_order(db, order.customer_id, "A")
    out = pickup.scan(db, order.id, str(draft.number), "B")
    assert out.outcome == "not_confirmed" and out.other_order_number == draft.number
    assert out.order.id == order.id


def test_not_finished_order_asks_once_and_records_the_answer(db):
    order = make_order(db, [("vhs", ""), ("minidv", "")], status=orders.RECEIVED)
    loaded = pickup.scan(db, None, str(order.number), "B")
    assert loaded.outcome == "loaded" and loaded.needs_release
    first = pickup.scan(db, order.id, order.media[0].code, "B")
    assert first.outcome == "not_ready" and first.order.returned == 0
    pickup.release(db, order.id, "B", accepted=False)
    assert pickup.scan(db, order.id, order.media[0].code, "B").outcome == "not_ready"
    view = pickup.release(db, order.id, "B", accepted=True)
    assert view.id == order.id
    assert pickup.scan(db, order.id, order.media[0].code, "B").outcome == "returned"
    assert not pickup.scan(db, None, str(order.number), "B").needs_release  # asked once
    pickup.release(db, order.id, "B", accepted=True)  # a second yes is not recorded twice
    history = [e.action for e in orders.get_order(db, order.id, staff="B").events]
    assert history.count(pickup.RELEASE_DECLINED) == 1
    assert history.count(pickup.RELEASED) == 1
    done = make_order(db, [("vhs", "")], status=orders.DONE)
    assert not pickup.open(db, done.id, "B").needs_release


def test_the_last_return_is_one_transaction(db):
    order = make_order(db, [("vhs", ""), ("minidv", "")])
    pickup.scan(db, order.id, order.media[0].code, "B")
    events = count(db, OrderEvent.select())
    refuse_print_jobs(db)
    with pytest.raises(peewee.PeeweeException):
        pickup.scan(db, order.id, order.media[1].code, "B")
    with db.connection_context():
        assert MediaItem.get_by_id(order.media[1].id).returned_at is None
        assert Order.get_by_id(order.id).status == orders.READY
        assert OrderEvent.select().count() == events
        assert PrintJob.select().where(PrintJob.kind == "return_receipt").count() == 0


def test_partial_pickup_then_the_rest(db, order):
    vhs, photos, dv = order.media
    pickup.scan(db, order.id, vhs.code, "B")
    ended = pickup.end_visit(db, order.id, "B")
    assert ended.receipt_queued and ended.returned_now == 1
    assert ended.order.status == orders.READY
    assert (ended.order.returned, ended.order.total) == (1, 3)
    assert return_receipts(db, order.id) == 1
    again = pickup.end_visit(db, order.id, "B")  # nothing new went back: no receipt
    assert not again.receipt_queued and again.returned_now == 0
    assert return_receipts(db, order.id) == 1
    pickup.scan(db, order.id, photos.code, "C", returned_count=40)
    done = pickup.scan(db, order.id, dv.code, "C")
    assert done.delivered
    assert not pickup.end_visit(db, order.id, "C").receipt_queued  # delivery queued one
    assert return_receipts(db, order.id) == 2


def test_close_with_missing_needs_a_clean_reason_kept_for_ever(db, order):
    vhs = order.media[0]
    pickup.scan(db, order.id, vhs.code, "B")
    for bad in ("  ", "kort", "x" * (pickup.REASON_MAX + 1), "Kunden \x1b[2J reiste"):
        with pytest.raises(ValidationError) as exc:
            pickup.close_with_missing(db, order.id, bad, "B")
        assert exc.value.field == "reason"
    with db.connection_context():
        assert Order.get_by_id(order.id).status == orders.READY
    view = pickup.close_with_missing(db, order.id, " Kunden henter  resten i mars ", "B")
    assert view.status == orders.CLOSED
    assert view.close_reason == "Kunden henter resten i mars"
    assert (view.returned, view.total) == (1, 3)
    with pytest.raises(ValidationError):
        pickup.close_with_missing(db, order.id, "Enda en gang", "B")
    with db.connection_context():
        event = OrderEvent.get(OrderEvent.action == "closed_missing")
    assert order.media[1].code in event.detail and event.staff == "B"
    assert event.note == "Kunden henter resten i mars"  # typed: kept as typed
    assert return_receipts(db, order.id) == 1
    # the missing ones turn up later: the order is delivered, the reason stays
    pickup.scan(db, order.id, order.media[1].code, "B", returned_count=40)
    final = pickup.scan(db, order.id, order.media[2].code, "B")
    assert final.delivered
    view = orders.get_order(db, order.id, staff="B")
    assert view.status == orders.RETURNED
    assert view.close_reason == "Kunden henter resten i mars"


def test_close_with_nothing_missing_delivers(db):
    order = make_order(db, [("vhs", "")])
    pickup.scan(db, order.id, order.media[0].code, "B")
    view = pickup.close_with_missing(db, order.id, "", "B")
    assert view.status == orders.RETURNED and view.close_reason is None
    assert return_receipts(db, order.id) == 1
    with pytest.raises(NotFound):
        pickup.close_with_missing(db, 987654, "Kunden reiste", "B")


def test_read_count() -> None:
    assert pickup.read_count("38") == 38
    assert pickup.read_count("10 000") == 10_000
    assert pickup.read_count(" 0 ") is None  # 0 photos is no count (it returned the series)
    assert pickup.read_count("10001") is None  # above the range, and no order number
    assert pickup.read_count("99999") is None
    assert pickup.read_count("9" * 5000) is None  # beyond what int() reads: no ValueError
    assert pickup.read_count("104233") == ScannedCode(104233, None)  # a receipt, not a count
    assert pickup.read_count("104233-03") == ScannedCode(104233, 3)
    assert pickup.read_count("3²") is None
    assert pickup.read_count("tretti") is None


def test_lookup_medium(db, order):
    found = pickup.lookup_medium(db, order.media[1].code)
    assert found is not None
    medium, number, name = found
    assert (medium.code, number, name) == (order.media[1].code, order.number, "Kari Nordmann")
    assert pickup.lookup_medium(db, "000000-01") is None
    assert pickup.lookup_medium(db, "\ud800") is None


def test_conflicts_are_retried_then_reported(pg_url: str) -> None:
    """A real PostgreSQL serialization failure (SQLSTATE 40001): run again, bounded."""
    from viver_tui.store import open_database

    db = open_database(pg_url)
    calls: list[int] = []

    def conflict_twice() -> str:
        calls.append(1)
        with writing(db):
            if len(calls) <= 2:
                db.execute_sql(
                    "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'serialization_failure';"
                    " END $$"
                )
            return "ok"

    assert retrying(db, conflict_twice) == "ok" and len(calls) == 3

    def always() -> None:
        calls.append(1)
        with writing(db):
            db.execute_sql(
                "DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = 'deadlock_detected'; END $$"
            )

    calls.clear()
    with pytest.raises(DatabaseError) as exc:
        retrying(db, always, attempts=3)
    assert len(calls) == 3 and "3 forsøk" in exc.value.message

    def other_error() -> None:
        calls.append(1)
        with writing(db):
            db.execute_sql("SELECT * FROM no_such_table")

    calls.clear()
    with pytest.raises(peewee.ProgrammingError):
        retrying(db, other_error)
    assert len(calls) == 1
    db.close()
