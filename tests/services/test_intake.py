"""Intake and order life: open, register media, estimate, confirm with prints, statuses."""

from __future__ import annotations

from datetime import date, timedelta

import peewee
import pytest

from tests.signing_in import as_staff
from tests.store_faults import refuse_print_jobs
from viver_tui.config import Settings
from viver_tui.errors import EditConflict, FormErrors, NotFound, ValidationError
from viver_tui.models import MediaItem, Order, OrderEvent, PrintJob
from viver_tui.services import customers, intake, orders
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails

KINDS = Settings().media_kinds


@pytest.fixture
def customer_id(db: peewee.Database) -> int:
    data = CustomerInput(name="Åse Ødegård", phone="912 34 567")
    return customers.register(db, data, as_staff(db, "ANNE")).id


def _shelf() -> OrderDetails:
    return OrderDetails(shelf="B3", promised_on="+14", notes="Haster litt")


def test_open_order_numbers_are_sequential_six_digits(db, customer_id):
    first = intake.open_order(db, customer_id, "ANNE")
    second = intake.open_order(db, customer_id, "ANNE")
    assert first.number == 100001
    assert second.number == first.number + 1
    assert first.status == orders.DRAFT
    assert first.received_on == date.today()
    assert first.customer_name == "Åse Ødegård"


def test_open_order_unknown_customer(db):
    with pytest.raises(NotFound):
        intake.open_order(db, 999_999, "ANNE")
    with db.connection_context():
        assert Order.select().count() == 0


def test_media_codes_estimate_and_photo_count(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    order = intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup 1994", "OK"), KINDS, "A")
    order = intake.add_medium(db, order.id, MediumInput("super8", "Hytta", units="20"), KINDS, "A")
    order = intake.add_medium(db, order.id, MediumInput("8mm"), KINDS, "A")  # default 15 min
    order = intake.add_medium(
        db, order.id, MediumInput("photo-series", "Album", units="120"), KINDS, "A"
    )
    codes = [m.code for m in order.media]
    assert codes == [f"{order.number}-0{i}" for i in range(1, 5)]
    ests = [m.estimate_ore for m in order.media]
    # 299 kr; 20 min × 25 kr; 15 min × 25 kr; 120 photos × 4 kr
    assert ests == [29900, 50000, 37500, 48000]
    assert order.estimate_ore == sum(ests)
    photo = order.media[3]
    assert (photo.declared_count, photo.units) == (120, 120)
    assert order.media[1].declared_count is None


def test_medium_validation_messages_at_fields(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    with pytest.raises(FormErrors) as exc:
        intake.add_medium(db, order.id, MediumInput("nope"), KINDS, "A")
    assert "kind" in exc.value.errors
    with pytest.raises(FormErrors) as exc:
        intake.add_medium(db, order.id, MediumInput("photo-series", units=""), KINDS, "A")
    assert exc.value.errors["units"] == "Skriv antall bilder i serien."
    with pytest.raises(FormErrors) as exc:
        intake.add_medium(db, order.id, MediumInput("super8", units="-3"), KINDS, "A")
    assert "units" in exc.value.errors
    with db.connection_context():
        assert MediaItem.select().count() == 0


def test_edit_and_remove_before_confirm_renumbers(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    for kind in ("vhs", "minidv", "betamax"):
        order = intake.add_medium(db, order.id, MediumInput(kind), KINDS, "A")
    order = intake.update_medium(db, order.id, 3, MediumInput("vhs-c", "Ferie"), KINDS, "A")
    assert order.media[2].kind == "vhs-c" and order.media[2].description == "Ferie"
    order = intake.remove_medium(db, order.id, 1, "A")
    assert [(m.seq, m.kind, m.code) for m in order.media] == [
        (1, "minidv", f"{order.number}-01"),
        (2, "vhs-c", f"{order.number}-02"),
    ]
    assert order.estimate_ore == 34900 + 29900


def test_confirm_queues_prints_in_same_transaction(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    for kind, units in (("vhs", ""), ("photo-series", "36"), ("audio-cassette", "")):
        order = intake.add_medium(db, order.id, MediumInput(kind, units=units), KINDS, "A")
    with pytest.raises(FormErrors) as exc:
        intake.confirm_order(db, order.id, OrderDetails(shelf="", promised_on="31.02"), "ANNE")
    assert set(exc.value.errors) == {"shelf", "promised_on"}
    with db.connection_context():
        assert PrintJob.select().count() == 0
        assert Order.get_by_id(order.id).status == orders.DRAFT
    done = intake.confirm_order(db, order.id, _shelf(), "ANNE")
    assert done.status == orders.RECEIVED
    assert done.shelf == "B3"
    assert done.promised_on == date.today() + timedelta(days=14)
    assert done.notes == "Haster litt"
    assert all(m.status == orders.RECEIVED for m in done.media)
    with db.connection_context():
        jobs = list(PrintJob.select().order_by(PrintJob.id))
    assert [j.kind for j in jobs] == ["media_label"] * 3 + ["order_form", "receipt"]
    assert [j.media_item_id for j in jobs[:3]] == [m.id for m in done.media]
    assert {j.printer for j in jobs} == {"label", "receipt"}
    assert any(e.action == "confirmed" and e.staff == "ANNE" for e in done.events)
    with pytest.raises(ValidationError):
        intake.add_medium(db, order.id, MediumInput("vhs"), KINDS, "A")


def test_confirm_without_media_refused(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    with pytest.raises(FormErrors) as exc:
        intake.confirm_order(db, order.id, _shelf(), "ANNE")
    assert "media" in exc.value.errors


def test_estimate_is_kept_when_price_list_changes(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    intake.add_medium(db, order.id, MediumInput("vhs"), KINDS, "A")
    done = intake.confirm_order(db, order.id, _shelf(), "ANNE")
    view = orders.get_order(db, done.id, staff="ANNE")
    assert view.estimate_ore == 29900


def test_parse_date_forms():
    today = date(2026, 11, 24)
    assert intake.parse_date("24.12.2026", today=today) == date(2026, 12, 24)
    assert intake.parse_date("24.12.26", today=today) == date(2026, 12, 24)
    assert intake.parse_date("2.1", today=today) == date(2027, 1, 2)
    assert intake.parse_date("+3u", today=today) == date(2026, 12, 15)
    assert intake.parse_date("", today=today) is None
    with pytest.raises(ValidationError) as exc:
        intake.parse_date("i morgen", today=today)
    assert exc.value.field == "promised_on"


def test_status_changes_recorded_with_who_and_when(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    intake.add_medium(db, order.id, MediumInput("vhs"), KINDS, "A")
    intake.add_medium(db, order.id, MediumInput("minidv"), KINDS, "A")
    order = intake.confirm_order(db, order.id, _shelf(), "ANNE")
    view = orders.set_medium_status(db, order.id, order.media[0].code, "in_production", "PER")
    assert [m.status for m in view.media] == ["in_production", "received"]
    view = orders.set_order_status(db, order.id, "ready", "KARI")
    assert view.status == "ready"
    assert [m.status for m in view.media] == ["ready", "ready"]
    with pytest.raises(ValidationError):
        orders.set_order_status(db, order.id, "returned", "KARI")
    status_events = [(e.staff, e.code, e.from_status, e.to_status) for e in view.events
                     if e.action == "status"]
    assert ("PER", order.media[0].code, "received", "in_production") in status_events
    assert ("KARI", None, "received", "ready") in status_events
    assert ("KARI", order.media[1].code, "received", "ready") in status_events
    with db.connection_context():
        assert OrderEvent.select().where(OrderEvent.at.is_null()).count() == 0
    by_number = orders.get_order(db, number=order.number, staff="KARI")
    assert by_number.id == order.id and by_number.customer_name == "Åse Ødegård"


def test_cancel_draft_keeps_number(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    intake.add_medium(db, order.id, MediumInput("vhs"), KINDS, "A")
    cancelled = intake.cancel_draft(db, order.id, "ANNE")
    assert cancelled.status == orders.CANCELLED and cancelled.media == ()
    nxt = intake.open_order(db, customer_id, "ANNE")
    assert nxt.number == order.number + 1


def test_find_kind_by_number_key_name_or_prefix():
    assert intake.find_kind("1", KINDS).key == "vhs"
    assert intake.find_kind("VHS", KINDS).key == "vhs"  # exact beats the prefix of VHS-C
    assert intake.find_kind("bilde", KINDS).key == "photo-series"
    assert intake.find_kind("lysb", KINDS).key == "slides"
    with pytest.raises(ValidationError) as exc:
        intake.find_kind("v", KINDS)
    assert exc.value.field == "kind" and "Flere" in exc.value.message
    with pytest.raises(ValidationError):
        intake.find_kind("99", KINDS)
    with pytest.raises(ValidationError):
        intake.find_kind("", KINDS)


def test_find_order_id_by_number_or_code(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    order = intake.add_medium(db, order.id, MediumInput("vhs"), KINDS, "A")
    assert orders.find_order_id(db, str(order.number)) == order.id
    assert orders.find_order_id(db, f" {order.media[0].code} ") == order.id
    assert orders.find_order_id(db, f"{order.number}-09") is None
    assert orders.find_order_id(db, "91234567") is None
    assert orders.find_order_id(db, "Kari") is None


def test_numbers_skip_past_orders_written_by_something_else(db, customer_id):
    first = intake.open_order(db, customer_id, "ANNE")
    with db.connection_context():  # e.g. a bulk load that did not move the allocator on
        for n in (1, 2, 3):
            Order.create(number=first.number + n, customer=customer_id, received_on=date.today())
    nxt = intake.open_order(db, customer_id, "ANNE")
    assert nxt.number == first.number + 4


# --- one transaction, versions, migration 3 ------------------------------------------------


def test_confirm_is_one_transaction_a_failed_print_request_leaves_a_draft(db, customer_id):
    """#11: print jobs queued after the commit (a second transaction) would leave the
    order confirmed without its labels; here the request fails and nothing changed."""
    order = intake.open_order(db, customer_id, "ANNE")
    order = intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), KINDS, "A")
    refuse_print_jobs(db)
    with pytest.raises(peewee.PeeweeException, match="print queue broken"):
        intake.confirm_order(db, order.id, _shelf(), "ANNE")
    with db.connection_context():
        row = Order.get_by_id(order.id)
        assert (row.status, row.shelf, row.confirmed_at, row.version) == ("draft", "", None, 1)
        assert OrderEvent.select().where(OrderEvent.action == "confirmed").count() == 0
        assert PrintJob.select().count() == 0
    # the draft can still be worked on and confirmed once the queue works again
    with db.connection_context():
        db.execute_sql("DROP TRIGGER no_prints" + ("" if isinstance(db, peewee.SqliteDatabase)
                                                   else " ON print_job"))
    assert intake.confirm_order(db, order.id, _shelf(), "ANNE").status == orders.RECEIVED


def test_details_saved_on_an_older_version_say_what_changed_and_write_nothing(db, customer_id):
    order = intake.open_order(db, customer_id, "ANNE")
    intake.add_medium(db, order.id, MediumInput("vhs"), KINDS, "A")
    order = intake.confirm_order(db, order.id, OrderDetails(shelf="B3", notes="Haster"), "ANNE")
    opened = order.version  # two people open the details form
    a = intake.update_details(db, order.id, OrderDetails("C7", "", "Haster"), "ANNE",
                              version=opened)
    assert a.shelf == "C7" and a.version == opened + 1
    # B typed a note on the form opened before A saved; the form still says B3
    stale = OrderDetails("B3", "", "Ring kunden")
    with pytest.raises(EditConflict) as exc:
        intake.update_details(db, order.id, stale, "PER", version=opened)
    assert exc.value.changed == {"shelf": "C7", "notes": "Haster"}
    assert "C7" in exc.value.message and exc.value.version == a.version
    view = orders.load_for_reading(db, order.id)
    assert (view.shelf, view.notes, view.version) == ("C7", "Haster", a.version)
    # B has seen it; keeps A's shelf, saves on the new version
    b = intake.update_details(db, order.id, OrderDetails("C7", "", "Ring kunden"), "PER",
                              version=exc.value.version)
    assert (b.shelf, b.notes) == ("C7", "Ring kunden")
    with db.connection_context():
        notes = [e.detail for e in OrderEvent.select().where(OrderEvent.action == "edited")
                 .order_by(OrderEvent.id)]
    # each names only the fields that person changed
    assert notes == ['{"fields": ["shelf"]}', '{"fields": ["notes"]}']


def test_migration_3_adds_order_version_to_an_existing_database(db_url):
    from viver_tui import migrations
    from viver_tui.store import open_database

    db = open_database(db_url)
    cid = customers.register(db, CustomerInput(name="Kari", phone="91234567"), as_staff(db, "T")).id
    order = intake.open_order(db, cid, "T")
    with db.connection_context():  # back to how a shop at schema 2 has it
        db.execute_sql('ALTER TABLE "order" DROP COLUMN version')
        db.execute_sql("UPDATE schema_info SET value = '2' WHERE key = 'schema_version'")
    db.close()
    db = open_database(db_url)
    with db.connection_context():
        assert migrations.schema_version(db) >= 3
        assert Order.get_by_id(order.id).version == 1
    intake.add_medium(db, order.id, MediumInput("vhs"), KINDS, "T")
    done = intake.confirm_order(db, order.id, _shelf(), "T", version=1)
    assert done.version == 2


# --- hostile text: a clear error or correct storage, never another exception -------------


def test_unicode_digits_and_lone_surrogates_are_refused_cleanly(db, customer_id):
    for text in ("²", "1²", "١", "\ud800"):
        with pytest.raises(ValidationError) as exc:
            intake.find_kind(text, KINDS)
        assert exc.value.field == "kind"
    order = intake.open_order(db, customer_id, "ANNE")
    with pytest.raises(FormErrors) as exc:
        intake.add_medium(db, order.id, MediumInput("super8", "\ud800", units="²"), KINDS, "A")
    assert set(exc.value.errors) == {"description", "units"}
    assert orders.find_order_id(db, "²") is None
    assert orders.find_order_id(db, f"{order.number}-²") is None
    assert orders.find_order_id(db, "\ud800") is None
    with pytest.raises(ValidationError):
        orders.add_note(db, order.id, "x" * 5_000_000, "A")  # a 5 MB note is refused
    with pytest.raises(FormErrors) as exc:
        intake.update_details(db, order.id, OrderDetails("Hylle\x1b[2J", "", "ok\x07"), "A")
    assert set(exc.value.errors) == {"shelf", "notes"}


def test_service_messages_follow_the_language(db, customer_id):
    from viver_tui.locale import set_language

    order = intake.open_order(db, customer_id, "ANNE")
    set_language("en")
    try:
        with pytest.raises(ValidationError) as exc:
            intake.find_kind("xyz", KINDS)
        assert exc.value.message.startswith("Unknown kind")
        with pytest.raises(FormErrors) as exc:
            intake.confirm_order(db, order.id, OrderDetails(), "ANNE")
        assert "shelf" in exc.value.errors["shelf"] and "medium" in exc.value.errors["media"]
        with pytest.raises(ValidationError) as exc:
            intake.find_kind("v", KINDS)
        assert "Video8/Hi8" in exc.value.message
        with pytest.raises(NotFound) as exc:
            orders.get_order(db, number=999_999)
        assert exc.value.message == "No order with number 999999."
    finally:
        set_language("nb")
