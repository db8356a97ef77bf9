"""The customer register against a real SQLite file and the real PostgreSQL server."""

from __future__ import annotations

import peewee
import pytest

from tests.signing_in import as_staff
from viver_tui.db import writing
from viver_tui.errors import FormErrors, NotFound, ValidationError
from viver_tui.models import AuditEvent, Customer, CustomerSearchToken
from viver_tui.services import audit, customers
from viver_tui.services.customers import CustomerInput


def register(db: peewee.Database, name: str, **fields: str) -> customers.CustomerView:
    return customers.register(db, CustomerInput(name=name, **fields), staff=as_staff(db, "AB"))


@pytest.mark.parametrize(
    ("typed", "e164"),
    [
        ("91234567", "+4791234567"),
        ("912 34 567", "+4791234567"),
        ("+47 912 34 567", "+4791234567"),
        ("0047 91234567", "+4791234567"),
        ("22 12 34 56", "+4722123456"),
        ("+46 70 123 45 67", "+46701234567"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(typed: str, e164: str) -> None:
    assert customers.normalize_phone(typed) == e164


@pytest.mark.parametrize("typed", ["123", "9123456", "abc", "+47 123", "912345678901"])
def test_malformed_phone_numbers_are_refused_at_the_field(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        customers.normalize_phone(typed)
    assert caught.value.field == "phone"


def test_form_needs_a_name_and_a_phone_or_email() -> None:
    with pytest.raises(FormErrors) as caught:
        customers.validate(CustomerInput(name="  "))
    assert set(caught.value.errors) == {"name", "phone"}


def test_form_reports_every_bad_field_at_once() -> None:
    data = CustomerInput(name="Kari", phone="12", email="kari@", kind="business", org_number="1")
    with pytest.raises(FormErrors) as caught:
        customers.validate(data)
    assert set(caught.value.errors) == {"phone", "email", "org_number"}


def test_org_number_is_checked_and_only_kept_for_businesses() -> None:
    business = customers.validate(
        CustomerInput(name="Foto AS", kind="business", email="a@b.no", org_number="923 609 016")
    )
    assert business["org_number"] == "923609016"
    private = customers.validate(
        CustomerInput(name="Kari", email="a@b.no", org_number="923609016")
    )
    assert private["org_number"] is None


def test_register_stores_normalised_values_and_audits(db: peewee.Database) -> None:
    view = register(db, "  Øystein   Ås ", phone="912 34 567", email="Oy@Example.NO")
    row = Customer.get_by_id(view.id)
    assert (row.name, row.phone, row.email) == ("Øystein Ås", "+4791234567", "oy@example.no")
    assert [e.action for e in audit.entries_for(db, view.id)] == ["create"]


def test_opt_out_of_customer_letters_is_timestamped_and_reversible(db: peewee.Database) -> None:
    view = customers.register(
        db, CustomerInput(name="Kari", email="kari@example.no", letters_opt_out=True),
            as_staff(db, "AB")
    )
    assert view.letters_opt_out_at is not None
    again = customers.update(db, view.id, CustomerInput(name="Kari", email="kari@example.no"),
        as_staff(db, "CD"))
    assert again.letters_opt_out_at is None
    actions = [(e.staff, e.action) for e in audit.entries_for(db, view.id)]
    assert actions == [("ab", "create"), ("ab", "opt_out"), ("cd", "opt_in")]


def test_correction_updates_search_keys_and_logs_changed_fields(db: peewee.Database) -> None:
    view = register(db, "Kari Nordmann", phone="91234567")
    customers.update(db, view.id, CustomerInput(name="Kari Østby", phone="91234567"),
        as_staff(db, "AB"))
    assert customers.search(db, "nordmann") == []
    assert [h.id for h in customers.search(db, "østby")] == [view.id]
    update = [e for e in audit.entries_for(db, view.id) if e.action == "update"]
    assert update[0].details == "name"
    assert "Østby" not in update[0].details  # the log names fields, never values


def test_duplicates_are_found_by_normalised_phone_and_email(db: peewee.Database) -> None:
    first = register(db, "Kari Nordmann", phone="91234567", email="kari@example.no")
    assert [d.id for d in customers.find_duplicates(db, "+4791234567", None)] == [first.id]
    assert [d.id for d in customers.find_duplicates(db, None, "kari@example.no")] == [first.id]
    assert customers.find_duplicates(db, "+4791234567", None, exclude_id=first.id) == []


def test_opening_a_customer_is_logged_and_unknown_ids_say_so(db: peewee.Database) -> None:
    view = register(db, "Kari Nordmann", phone="91234567")
    customers.get(db, view.id, as_staff(db, "EF"))
    assert AuditEvent.select().where(AuditEvent.action == "view").get().staff == "ef"
    with pytest.raises(NotFound):
        customers.get(db, view.id + 1000, as_staff(db, "EF"))


def test_search_tokens_disappear_with_the_customer(db: peewee.Database) -> None:
    view = register(db, "Kari Nordmann", phone="91234567")
    assert CustomerSearchToken.select().where(CustomerSearchToken.customer == view.id).count() > 0
    with writing(db):
        Customer.delete_by_id(view.id)
    assert CustomerSearchToken.select().count() == 0
