"""demo-data on both stores: numbers stay unique when it runs beside real orders."""

from __future__ import annotations

import peewee

from tests.signing_in import as_staff
from viver_tui.models import Customer, CustomerSearchToken, MediaItem, Order
from viver_tui.services import customers, demo, intake


def test_demo_data_and_real_orders_share_the_number_series(db: peewee.Database) -> None:
    first = demo.fill(db, customers=30, orders_per_customer=1.0, media_per_order=2.0)
    assert (first.customers, first.orders) == (30, 30)
    opened = intake.open_order(db, 1, "T")
    demo.fill(db, customers=30, orders_per_customer=1.0, media_per_order=2.0, seed=2)
    again = intake.open_order(db, 2, "T")
    numbers = [number for (number,) in Order.select(Order.number).tuples()]
    assert len(numbers) == len(set(numbers)) == 62
    assert again.number == max(numbers) and opened.number < again.number
    codes = [code for (code,) in MediaItem.select(MediaItem.code).tuples()]
    assert len(codes) == len(set(codes))


def test_demo_customers_are_searchable_and_new_ids_follow(db: peewee.Database) -> None:
    demo.fill(db, customers=40, orders_per_customer=0.0)
    assert CustomerSearchToken.select().count() >= 40 * 3
    some = Customer.get_by_id(17)
    assert customers.search(db, some.name.split()[0][:3])
    added = customers.register(db, customers.CustomerInput(name="Ny Kunde", phone="91234567"),
        as_staff(db, "T"))
    assert added.id == 41


def test_every_demo_phone_number_and_address_passes_the_apps_own_check(
    db: peewee.Database,
) -> None:
    """#19.5: 54 of 300 demo customers had +47 42/43/44/49 numbers, which the customer
    form refused, so correcting their town failed on the phone. The same for e-mail:
    a first name with an initial (``Hans-J.``) gave ``hans-j..adler25@…``, which the
    form refuses (two dots in a row)."""
    from viver_tui.services.customers import normalize_email, normalize_phone

    demo.fill(db, customers=2000, orders_per_customer=0.0, seed=7)
    phones = [p for (p,) in Customer.select(Customer.phone).tuples() if p]
    assert len(phones) > 1800
    assert {normalize_phone(p) for p in phones} == set(phones)  # valid, and stored as E.164
    assert {p[3] for p in phones} == {"4", "9"}  # both kinds of mobile still
    emails = [e for (e,) in Customer.select(Customer.email).tuples() if e]
    assert len(emails) > 1500
    assert {normalize_email(e) for e in emails} == set(emails)


def test_demo_staff_come_beside_a_first_admin_where_their_initials_are_free(
    db: peewee.Database,
) -> None:
    """#19.5: the README's order — first admin, then demo-data — left no ``disk``; now
    each demo member whose initials are free is added, and nobody's initials are taken."""
    from viver_tui.services import staff

    owner = staff.add(db, name="Eier", initials="adm", role="admin", pin="987654", by=None)
    said: list[str] = []
    demo.fill(db, customers=3, progress=said.append)
    roles = {s.initials: s.role for s in staff.list_staff(db)}
    assert roles == {"adm": "admin", "disk": "counter", "prod": "production"}
    assert staff.verify_pin(db, "disk", demo.DEMO_PIN).ok
    assert staff.verify_pin(db, "adm", "987654").ok  # the owner's PIN is untouched
    assert not staff.verify_pin(db, "adm", demo.DEMO_PIN).ok
    assert any("disk (skranke), prod (produksjon) — PIN 1234" in line for line in said)
    assert any("Initialene adm er i bruk" in line for line in said)
    assert demo.add_demo_staff(db) == ()  # again: nothing more
    assert owner.initials == "adm"
