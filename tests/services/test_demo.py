"""demo-data on both stores: numbers stay unique when it runs beside real orders."""

from __future__ import annotations

import peewee

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
    added = customers.register(db, customers.CustomerInput(name="Ny Kunde", phone="91234567"), "T")
    assert added.id == 41
