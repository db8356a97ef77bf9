"""customers.save: one call, one transaction; a stale form never overwrites (both stores)."""

from __future__ import annotations

import threading
from dataclasses import replace

import peewee
import pytest

from tests.signing_in import as_staff
from viver_tui import migrations
from viver_tui.db import reading, writing
from viver_tui.errors import FormErrors, NotFound
from viver_tui.locale import set_language
from viver_tui.models import AuditEvent, Customer, SchemaInfo
from viver_tui.services import audit, customers
from viver_tui.services.customers import (
    CustomerChanged,
    CustomerInput,
    DuplicatesFound,
    Saved,
    input_from_view,
)
from viver_tui.store import open_database


def _register(db: peewee.Database, **values: str) -> customers.CustomerView:
    values.setdefault("name", "Kari Nordmann")
    values.setdefault("phone", "91234567")
    result = customers.save(db, CustomerInput(**values), as_staff(db, "AB"))
    assert isinstance(result, Saved) and result.created
    return result.customer


def _updates(customer_id: int) -> list[str]:
    rows = AuditEvent.select().where(
        (AuditEvent.subject_id == customer_id) & (AuditEvent.action == "update")
    ).order_by(AuditEvent.id)
    return [r.details for r in rows]


def test_a_stale_form_does_not_undo_another_persons_correction(db: peewee.Database) -> None:
    """The reported case: A changes the phone, then B saves the town from a form
    opened before: the phone stays A's, B is told what changed, and only B's own
    change is written and logged once B saves again."""
    kari = _register(db, city="Oslo")
    form_a = customers.get(db, kari.id, as_staff(db, "A"))
    form_b = customers.get(db, kari.id, as_staff(db, "B"))

    typed_a = replace(input_from_view(form_a), phone="93456789")
    saved = customers.save(db, typed_a, as_staff(db, "A"), customer_id=kari.id, opened=form_a)
    assert isinstance(saved, Saved) and saved.changed == ("phone",)

    typed_b = replace(input_from_view(form_b), city="Bergen")
    with pytest.raises(CustomerChanged) as caught:
        customers.save(db, typed_b, as_staff(db, "B"), customer_id=kari.id, opened=form_b)
    assert caught.value.fields == ("phone",)
    assert "telefon" in caught.value.message
    assert caught.value.current.phone == "+4793456789"
    row = Customer.get_by_id(kari.id)
    assert (row.phone, row.city) == ("+4793456789", "Oslo")  # nothing of B's written
    assert _updates(kari.id) == ["phone"]

    # B's form shows the stored phone now and keeps B's town: saving writes the town only.
    rebased = replace(input_from_view(caught.value.current), city="Bergen")
    again = customers.save(db, rebased,
        as_staff(db, "B"), customer_id=kari.id, opened=caught.value.current)
    assert isinstance(again, Saved) and again.changed == ("city",)
    row = Customer.get_by_id(kari.id)
    assert (row.phone, row.city, row.version) == ("+4793456789", "Bergen", 3)
    assert _updates(kari.id) == ["phone", "city"]
    staff = [r.staff for r in AuditEvent.select().where(AuditEvent.action == "update")]
    assert staff == ["aa", "bb"]


def test_an_expected_version_alone_also_refuses_a_stale_save(db: peewee.Database) -> None:
    kari = _register(db)
    customers.update(db, kari.id, CustomerInput(name="Kari Østby", phone="91234567"),
        as_staff(db, "A"))
    with pytest.raises(CustomerChanged) as caught:
        customers.save(
            db,
            CustomerInput(name="Kari Berg", phone="91234567"),
            as_staff(db, "B"),
            customer_id=kari.id,
            expected_version=kari.version,
        )
    assert caught.value.fields == ("name",)
    assert Customer.get_by_id(kari.id).name == "Kari Østby"


def test_a_change_undone_since_is_no_conflict(db: peewee.Database) -> None:
    kari = _register(db, city="Oslo")
    customers.update(db, kari.id, replace(input_from_view(kari), city="Bergen"), as_staff(db, "A"))
    customers.update(db, kari.id, replace(input_from_view(kari), city="Oslo"), as_staff(db, "A"))
    typed = replace(input_from_view(kari), name="Kari Berg")
    saved = customers.save(db, typed, as_staff(db, "B"), customer_id=kari.id, opened=kari)
    assert isinstance(saved, Saved) and saved.changed == ("name",)


def test_two_saves_from_the_same_version_at_once_one_wins(db: peewee.Database) -> None:
    """Two terminals press save on forms opened at the same version, in parallel
    threads (own connections): exactly one is written, the other is told."""
    kari = _register(db)
    barrier = threading.Barrier(2)
    outcomes: list[object] = []
    lock = threading.Lock()

    person = as_staff(db, "A")

    def save(name: str) -> None:
        typed = replace(input_from_view(kari), name=name)
        barrier.wait()
        try:
            result: object = customers.save(db, typed, person, customer_id=kari.id,
                                            opened=kari)
        except CustomerChanged as exc:
            result = exc
        finally:
            db.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=save, args=(n,)) for n in ("Kari A", "Kari B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    saved = [o for o in outcomes if isinstance(o, Saved)]
    refused = [o for o in outcomes if isinstance(o, CustomerChanged)]
    assert len(saved) == 1 and len(refused) == 1
    with reading(db):
        row = Customer.get_by_id(kari.id)
        assert row.name == saved[0].customer.name
        assert row.version == 2
        assert _updates(kari.id) == ["name"]


def test_only_the_fields_this_person_changed_are_logged(db: peewee.Database) -> None:
    kari = _register(db, email="kari@example.no")
    typed = replace(input_from_view(kari), email="KARI@example.no ", address="Storgata 1")
    saved = customers.save(db, typed, as_staff(db, "A"), customer_id=kari.id, opened=kari)
    assert isinstance(saved, Saved) and saved.changed == ("address",)
    assert _updates(kari.id) == ["address"]
    unchanged = customers.save(
        db, replace(typed, address="Storgata  1"), as_staff(db, "A"), customer_id=kari.id,
        opened=saved.customer,
    )
    assert isinstance(unchanged, Saved) and unchanged.changed == ()
    assert Customer.get_by_id(kari.id).version == 2


def test_the_access_log_refuses_anything_but_field_names(db: peewee.Database) -> None:
    kari = _register(db)
    with writing(db), pytest.raises(ValueError):
        audit.record_fields("A", "update", kari.id, ["Oslo"])
    with writing(db):
        audit.record_fields("A", "update", kari.id, ["city", "letters_opt_out"])
    assert _updates(kari.id) == ["city,letters_opt_out"]


def test_duplicates_are_a_result_and_nothing_is_written_until_accepted(
    db: peewee.Database,
) -> None:
    kari = _register(db, email="felles@example.no")
    data = CustomerInput(name="Ola Nordmann", phone="912 34 567", email="Felles@example.no")
    found = customers.save(db, data, as_staff(db, "A"))
    assert isinstance(found, DuplicatesFound)
    assert (found.phone, found.email) == (True, True)
    assert [d.id for d in found.duplicates] == [kari.id]
    assert Customer.select().count() == 1
    saved = customers.save(db, data, as_staff(db, "A"), accept_duplicates=True)
    assert isinstance(saved, Saved) and saved.created
    assert Customer.select().count() == 2
    # correcting Ola's address does not warn again about the phone Ola already shares
    ola = saved.customer
    moved = customers.save(
        db, replace(input_from_view(ola), city="Bergen"),
            as_staff(db, "A"), customer_id=ola.id, opened=ola
    )
    assert isinstance(moved, Saved) and moved.changed == ("city",)


def test_every_text_field_is_cleaned_and_errors_name_their_field(db: peewee.Database) -> None:
    bad = CustomerInput(
        name="Ola\x1b[2J", phone="9123\x004567", email="a@b.no\x07", address="Gate\x9b1",
        postal_code="0155\x7f", city="Oslo\u0007", org_number="",
    )
    with pytest.raises(FormErrors) as caught:
        customers.save(db, bad, as_staff(db, "A"))
    assert set(caught.value.errors) == {"name", "phone", "email", "address", "postal_code", "city"}
    assert all("styretegn" in m for m in caught.value.errors.values())
    decomposed = customers.save(
        db, CustomerInput(name="A\u030ase O\u0308", phone="91234567"), as_staff(db, "A")
    )
    assert isinstance(decomposed, Saved)
    assert decomposed.customer.name == "Åse Ö"  # NFC
    with pytest.raises(FormErrors) as caught:
        customers.save(db, CustomerInput(name="x" * 201, phone="91234567", city="y" * 101),
            as_staff(db, "A"))
    assert set(caught.value.errors) == {"name", "city"}


def test_messages_follow_the_language(db: peewee.Database) -> None:
    kari = _register(db)
    set_language("en")
    try:
        with pytest.raises(FormErrors) as caught:
            customers.save(db, CustomerInput(name="", phone="12", email="x@"), as_staff(db, "A"))
        assert caught.value.errors["name"] == "A name is required."
        assert caught.value.errors["phone"].startswith("Invalid phone number")
        assert caught.value.errors["email"].startswith("Invalid e-mail")
        with pytest.raises(NotFound, match="not found"):
            customers.get(db, kari.id + 99, as_staff(db, "A"))
        customers.update(db, kari.id, CustomerInput(name="Kari B", phone="91234567"),
            as_staff(db, "A"))
        with pytest.raises(CustomerChanged, match=r"Someone else changed .*: name"):
            customers.save(
                db, input_from_view(kari), as_staff(db, "B"), customer_id=kari.id, opened=kari
            )
    finally:
        set_language("nb")


def test_unknown_customer_is_not_found(db: peewee.Database) -> None:
    with pytest.raises(NotFound, match="Fant ikke kunde"):
        customers.save(db, CustomerInput(name="X", phone="91234567"),
            as_staff(db, "A"), customer_id=999)


def test_upgrade_from_schema_3_gives_customers_a_version(db_url: str) -> None:
    """Migration 4 on a database made before it: the column appears, customers start
    at version 1 and can be saved with it."""
    db = open_database(db_url)
    with writing(db):
        db.execute_sql("ALTER TABLE customer DROP COLUMN version")
        db.execute_sql(
            "INSERT INTO customer (kind, name, phone, created_at, updated_at) "
            "VALUES ('private', 'Åse Ødegård', '+4791234567', '2026-01-02 10:00:00', "
            "'2026-01-02 10:00:00')"
        )
        SchemaInfo.update(value="3").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={4: migrations.MIGRATIONS[4]}) == 4
        assert migrations.schema_version(db) == 4
    row = Customer.get(Customer.name == "Åse Ødegård")
    assert row.version == 1
    view = customers.get(db, row.id, as_staff(db, "A"))
    saved = customers.save(
        db, replace(input_from_view(view), city="Oslo"),
            as_staff(db, "A"), customer_id=row.id, opened=view
    )
    assert isinstance(saved, Saved) and saved.customer.version == 2


def test_opening_the_card_logs_the_access_and_lists_orders_in_one_call(
    db: peewee.Database,
) -> None:
    from viver_tui.services import intake

    kari = _register(db)
    first = intake.open_order(db, kari.id, "T")
    second = intake.open_order(db, kari.id, "T")
    card = customers.open_card(db, kari.id, as_staff(db, "EF"))
    assert card.customer.id == kari.id
    assert [o.number for o in card.orders] == [second.number, first.number]
    views = AuditEvent.select().where(AuditEvent.action == "view")
    assert [(e.staff, e.subject_id) for e in views] == [("ef", kari.id)]
    with pytest.raises(NotFound):
        customers.open_card(db, kari.id + 99, as_staff(db, "EF"))
