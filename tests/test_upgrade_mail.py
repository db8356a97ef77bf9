"""Schema 19 → 20 on a shop with customers and orders: the outbox and letter tables come,
customers get their language column (empty: bokmål), and e-mail then works."""

from __future__ import annotations

from tests.signing_in import as_staff
from viver_tui import migrations
from viver_tui.config import Settings
from viver_tui.db import reading, writing
from viver_tui.models import Customer, Letter, OutboxMessage, SchemaInfo
from viver_tui.services import customers, intake, mail
from viver_tui.services.customers import CustomerInput
from viver_tui.store import open_database


def test_schema_20_adds_the_outbox_to_a_shop_with_customers(db_url: str) -> None:
    db = open_database(db_url)
    cid = customers.register(
        db, CustomerInput(name="Åse Ødegård", email="ase@example.no"), as_staff(db, "A")).id
    order = intake.open_order(db, cid, "A")
    with writing(db):  # back to schema 19
        db.drop_tables([OutboxMessage, Letter])
        db.execute_sql('ALTER TABLE "customer" DROP COLUMN language')  # a leaf column
        SchemaInfo.update(value="19").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={20: migrations.MIGRATIONS[20]}) == 20
    assert Customer.get_by_id(cid).language is None
    with writing(db):
        assert mail.queue_ready_for_pickup(db, order.id, "A") is not None
    assert OutboxMessage.get().to_address == "ase@example.no"
    assert Settings().mail_keep_days == 1825
