"""Roles at the service layer, on both stores: production staff get names and orders
only (search, the customer card) and cannot register or correct customers nor print
what carries contact details; a bare string is nobody; and the access log records
pickup overrides and prints that carry a customer's name (ids and kinds, never values)."""

from __future__ import annotations

import peewee
import pytest

from tests.signing_in import as_staff
from viver_tui.config import Settings
from viver_tui.models import AuditEvent, PrintJob
from viver_tui.services import customers, intake, orders, pickup, print_jobs, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.staff import NotAllowed, StaffView

KINDS = Settings().media_kinds
CONTACT = ("phone", "email", "address", "postal_code", "city", "org_number")


@pytest.fixture
def people(db: peewee.Database) -> dict[str, StaffView]:
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    return {
        "admin": admin,
        "counter": staff.add(db, name="Per Disk", initials="disk", role="counter",
                             pin="1357", by=admin),
        "production": staff.add(db, name="Pia Prod", initials="prod", role="production",
                                pin="1111", by=admin),
    }


@pytest.fixture
def kari(db: peewee.Database, people) -> customers.CustomerView:
    return customers.register(
        db,
        CustomerInput(
            name="Kari Nordmann", kind="business", phone="91234567",
            email="post@fjordfilm.no", address="Storgata 1", postal_code="0155",
            city="Oslo", org_number="923609016",
        ),
        people["counter"],
    )


def _confirmed_order(db: peewee.Database, customer_id: int, who: str = "disk"):
    order = intake.open_order(db, customer_id, who)
    for kind in ("vhs", "minidv"):
        order = intake.add_medium(db, order.id, MediumInput(kind), KINDS, who)
    order = intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), who)
    return orders.set_order_status(db, order.id, orders.READY, who)


def _log(db: peewee.Database, action: str) -> list[AuditEvent]:
    with db.connection_context():
        return list(AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id))


# --- who sees contact details -------------------------------------------------------------


def test_production_gets_the_customer_card_without_contact_details(db, people, kari):
    card = customers.open_card(db, kari.id, people["production"])
    assert card.customer.name == "Kari Nordmann"
    assert all(getattr(card.customer, f) is None for f in CONTACT)
    # Counter and admin see everything; a bare string (once VIVER_STAFF) is nobody.
    for who in (people["counter"], people["admin"]):
        full = customers.open_card(db, kari.id, who).customer
        assert (full.phone, full.email, full.city, full.org_number) == (
            "+4791234567", "post@fjordfilm.no", "Oslo", "923609016"
        ), who
    # Every look is logged with the initials of who looked, not the StaffView.
    looks = [e.staff for e in _log(db, "view")]
    assert looks == ["prod", "disk", "adm"]
    with pytest.raises(TypeError):
        customers.open_card(db, kari.id, "TEST")  # type: ignore[arg-type]


def test_production_finds_by_name_and_order_only_and_sees_names_only(db, people, kari):
    order = _confirmed_order(db, kari.id)
    prod, counter = people["production"], people["counter"]
    hits = customers.search_for(db, "nordm", prod)
    assert [h.name for h in hits] == ["Kari Nordmann"]
    assert (hits[0].phone, hits[0].email, hits[0].city) == (None, None, None)
    assert customers.search_for(db, "", prod)[0].phone is None  # the recent customers
    for typed in (str(order.number), order.media[1].code):  # an order or medium code
        found = customers.search_for(db, typed, prod)
        assert [(h.id, h.phone) for h in found] == [(kari.id, None)], typed
    # A phone number or e-mail would tell whose it is: production finds nobody by it.
    for typed in ("91234567", "912 34 567", "+47 912 34 567", "4567", "post@fjordfilm.no"):
        assert customers.search_for(db, typed, prod) == [], typed
        assert [h.id for h in customers.search_for(db, typed, counter)] == [kari.id], typed
    # "post" begins her e-mail, not her name: a name search must not give her away.
    assert customers.search_for(db, "post", prod) == []
    assert [h.id for h in customers.search_for(db, "post", counter)] == [kari.id]
    full = customers.search_for(db, "nordm", as_staff(db, "TEST"))[0]
    assert (full.phone, full.email, full.city) == ("+4791234567", "post@fjordfilm.no", "Oslo")


def test_production_cannot_register_or_correct_a_customer(db, people, kari):
    prod = people["production"]
    with pytest.raises(NotAllowed, match="produksjon"):
        customers.save(db, CustomerInput(name="Ny Kunde", phone="41234567"), prod)
    with pytest.raises(NotAllowed):
        customers.update(
            db, kari.id, CustomerInput(name="Kari Nordmann", phone="41234567"), prod
        )
    assert customers.get(db, kari.id, as_staff(db, "TEST")).phone == "+4791234567"
    assert [e.staff for e in _log(db, "update")] == []
    # Counter staff correct; the log names the field and the person's initials.
    customers.update(
        db, kari.id,
        CustomerInput(name="Kari Nordmann", kind="business", phone="41234567",
                      email="post@fjordfilm.no", address="Storgata 1", postal_code="0155",
                      city="Oslo", org_number="923609016"),
        people["counter"],
    )
    assert [(e.staff, e.details) for e in _log(db, "update")] == [("disk", "phone")]


def test_the_order_view_carries_the_name_and_no_contact(db, people, kari):
    order = _confirmed_order(db, kari.id)
    view = orders.get_order(db, order.id, staff="prod")
    assert view.customer_name == "Kari Nordmann"
    assert not any(hasattr(view, f"customer_{f}") for f in CONTACT)


# --- the access log: overrides and named prints ---------------------------------------------


def test_closing_with_media_missing_is_in_the_access_log_without_the_reason(db, people, kari):
    order = _confirmed_order(db, kari.id)
    pickup.scan(db, order.id, order.media[0].code, "disk")
    pickup.close_with_missing(db, order.id, "Kari Nordmann henter resten", "disk")
    [entry] = _log(db, "pickup_override")
    assert (entry.staff, entry.subject, entry.subject_id) == ("disk", "customer", kari.id)
    assert entry.details == f"order {order.number} missing 1"
    assert "Kari" not in entry.details and "henter" not in entry.details


def test_a_pickup_with_nothing_missing_is_no_override(db, people, kari):
    order = _confirmed_order(db, kari.id)
    for medium in order.media:
        pickup.scan(db, order.id, medium.code, "disk")
    pickup.close_with_missing(db, order.id, "", "disk")
    assert _log(db, "pickup_override") == []


def test_prints_that_carry_the_name_are_in_the_access_log(db, people, kari):
    order = _confirmed_order(db, kari.id)
    # Confirming queued a label per medium, the order form (name) and the receipt (no
    # name): the two labels and the form are logged, by kind and code, never the name.
    printed = _log(db, "print")
    assert [(e.staff, e.subject_id, e.details) for e in printed] == [
        ("disk", kari.id, f"media_label {order.media[0].code}"),
        ("disk", kari.id, f"media_label {order.media[1].code}"),
        ("disk", kari.id, f"order_form {order.number}"),
    ]
    print_jobs.reprint(db, order.id, "order_form", staff=as_staff(db, "adm"))
    print_jobs.reprint(db, order.id, "receipt",
        staff=as_staff(db, "adm"))  # no name on it: not logged
    assert [(e.staff, e.details) for e in _log(db, "print")][3:] == [
        ("adm", f"order_form {order.number} reprint")
    ]
    # Staff asking for a label again (F9: print again) is a print with the name too.
    with db.connection_context():
        labels = PrintJob.select().where(PrintJob.kind == "media_label")
        label = labels.order_by(PrintJob.id).first()
    print_jobs.print_again(db, label.id, as_staff(db, "disk"))
    assert _log(db, "print")[-1].details == f"media_label {order.media[0].code}"
    assert all("Kari" not in e.details for e in _log(db, "print"))


def test_production_cannot_reprint_the_order_form_with_the_contact_details(db, people, kari):
    order = _confirmed_order(db, kari.id)
    settings = Settings()
    kinds = {o.kind for o in print_jobs.reprint_options(db, order.id, settings, people["counter"])}
    assert "order_form" in kinds
    offered = print_jobs.reprint_options(db, order.id, settings, people["production"])
    assert {o.kind for o in offered} == {"media_label", "receipt"}
    with pytest.raises(NotAllowed):
        print_jobs.reprint(db, order.id, "order_form", staff=people["production"])
    label = print_jobs.reprint(db, order.id, "media_label", order.media[0].id,
                               staff=people["production"])
    with db.connection_context():
        assert PrintJob.get_by_id(label).staff == "prod"  # the initials, as before
    assert _log(db, "print")[-1].staff == "prod"


# --- the production room (issue 20): names and orders, never contact details --------------


def test_production_room_gives_production_staff_names_only(db, people, kari) -> None:
    from viver_tui.services.production import notes, outcomes, ready, steps, workload

    prod = people["production"]
    order = intake.open_order(db, kari.id, "disk")
    for kind in ("vhs", "minidv"):
        order = intake.add_medium(db, order.id, MediumInput(kind), KINDS, "disk")
    order = intake.confirm_order(db, order.id, OrderDetails(shelf="B3"), "disk")
    first, second = order.media
    answers: list[object] = [steps.scan(db, first.code, prod)]
    answers.append(steps.step(db, first.id, prod))
    answers.append(steps.undo(db, first.id, prod, "Feil bånd i spilleren"))
    answers.append(notes.add_note(db, first.id, "Etiketten var løs", prod))
    answers.append(outcomes.set_outcome(
        db, first.id, prod, "not_transferable", "", Settings().production_outcomes))
    answers.append(outcomes.set_outcome(
        db, second.id, prod, "blank", "", Settings().production_outcomes))
    answers.append(workload.workload(db, prod, [k.key for k in Settings().media_kinds]))
    answers.append(ready.ready_orders(db, prod))
    shown = repr(answers)
    assert "Kari Nordmann" in shown
    for value in ("91234567", "post@fjordfilm.no", "Storgata", "0155", "Oslo", "923609016"):
        assert value not in shown
    views = [e for e in _log(db, "view") if e.staff == "prod"]
    assert [(e.subject_id, e.details) for e in views] == [
        (kari.id, f"production {order.number} {first.code}")]


def test_production_cannot_print_the_order_form_again_from_the_queue(db, people, kari):
    """#17.3: signed in as production, F9 → Enter on an order form printed it with the
    phone and e-mail (``print_again`` had no role check; F8 reprint had one)."""
    order = _confirmed_order(db, kari.id)
    with db.connection_context():
        jobs = {j.kind: j.id for j in PrintJob.select().where(PrintJob.order == order.id)}
    printed = len(_log(db, "print"))
    with pytest.raises(NotAllowed, match="produksjon"):
        print_jobs.print_again(db, jobs["order_form"], people["production"])
    assert len(_log(db, "print")) == printed  # nothing queued, nothing logged
    print_jobs.print_again(db, jobs["media_label"], people["production"])  # name only
    print_jobs.print_again(db, jobs["order_form"], people["counter"])
    print_jobs.print_again(db, jobs["order_form"], people["admin"])
    with pytest.raises(TypeError):
        print_jobs.print_again(db, jobs["order_form"], "adm")  # type: ignore[arg-type]
