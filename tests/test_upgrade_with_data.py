"""Upgrading a shop's database that holds real rows: customers with orders, media and
print jobs referring to them. Adding a column must never rebuild a table that others
refer to (on SQLite with foreign keys on, that fails with "FOREIGN KEY constraint
failed" as soon as one order exists)."""

from __future__ import annotations

import peewee
import pytest

from viver_tui import migrations
from viver_tui.config import Settings
from viver_tui.db import reading, writing
from viver_tui.models import Customer, Order, SchemaInfo
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.store import open_database


@pytest.mark.parametrize(("version", "table"), [(3, "customer"), (2, "order")])
def test_a_version_column_is_added_to_a_table_others_refer_to(
    db_url: str, version: int, table: str
) -> None:
    db = open_database(db_url)
    kinds = Settings().media_kinds
    cid = customers.register(db, CustomerInput(name="Åse Ødegård", phone="91234567"), "A").id
    order = intake.open_order(db, cid, "A")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), kinds, "A")
    intake.confirm_order(db, order.id, OrderDetails("B3", "", ""), "A")
    with writing(db):
        db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN version')
        SchemaInfo.update(value=str(version)).where(
            SchemaInfo.key == "schema_version"
        ).execute()
    wanted = {version + 1: migrations.MIGRATIONS[version + 1]}
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations=wanted) == version + 1
    with reading(db):
        assert db.execute_sql(f'SELECT version FROM "{table}"').fetchall() == [(1,)]
    assert Customer.get_by_id(cid).name == "Åse Ødegård"
    assert Order.get_by_id(order.id).status == "received"
    with pytest.raises(peewee.IntegrityError), writing(db):  # still NOT NULL
        db.execute_sql(f'UPDATE "{table}" SET version = NULL')
