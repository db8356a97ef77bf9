"""Upgrading a shop's database that holds real rows: customers with orders, media and
print jobs referring to them. Adding a column must never rebuild a table that others
refer to (on SQLite with foreign keys on, that fails with "FOREIGN KEY constraint
failed" as soon as one order exists)."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

from tests.signing_in import as_staff
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
    cid = customers.register(db, CustomerInput(name="Åse Ødegård", phone="91234567"),
        as_staff(db, "A")).id
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


def test_schema_7_moves_the_search_keys_with_what_a_hit_shows(db_url: str) -> None:
    """Schema 6 → 7 on a database with customers, orders and keys: the same keys come
    back carrying the customer's columns, every search answers as before, and the
    table still goes with its customer."""
    from tests.services.test_search import make_schema_6_keys
    from viver_tui.db import is_sqlite
    from viver_tui.models import CustomerSearchToken
    from viver_tui.services import search

    db = open_database(db_url)
    kinds = Settings().media_kinds
    people = [
        ("Åse Ødegård", "91234567", "ase@example.no", "Bø"),
        ("Ole Hansen", "+46701234567", "", "Å"),
        ("Øystein Ås-Berg", "", "oy@example.no", ""),
    ]
    ids = [
        customers.register(db, CustomerInput(name=n, phone=p, email=e, city=c),
            as_staff(db, "A")).id
        for n, p, e, c in people
    ]
    order = intake.open_order(db, ids[0], "A")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), kinds, "A")
    intake.confirm_order(db, order.id, OrderDetails("B3", "", ""), "A")
    queries = ["åse", "ødegård å", "ole h", "ås berg øy", "oy@", "4567", "+46 70",
               str(order.number), "hansen ole"]
    with reading(db):
        keys = set(db.execute_sql("SELECT customer_id, token FROM customer_search_token"))
    before = {q: search.search(db, q) for q in queries}
    assert all(before.values())
    with writing(db):
        make_schema_6_keys(db)
        SchemaInfo.update(value="6").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={7: migrations.MIGRATIONS[7]}) == 7
    with reading(db):
        rows = db.execute_sql(
            "SELECT customer_id, token, name, kind, phone, email, city FROM customer_search_token"
        ).fetchall()
        tables = db.get_tables()
    assert {(r[0], bytes(r[1])) for r in rows} == {(c, bytes(t)) for c, t in keys}
    shown = {c: (n, p or None, e or None, city or None) for c, (n, p, e, city)
             in zip(ids, people, strict=True)}
    for cid, _token, name, kind, phone, email, city in rows:
        stored = Customer.get_by_id(cid)
        assert (name, kind, phone, email, city) == (
            stored.name, "private", stored.phone, stored.email, stored.city
        )
        assert (name, email, city) == (shown[cid][0], shown[cid][2], shown[cid][3])
    assert "customer_search_token_v6" not in tables
    assert {q: search.search(db, q) for q in queries} == before
    if is_sqlite(db):
        with reading(db):
            sql = db.execute_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'customer_search_token'"
            ).fetchone()[0]
        assert sql.endswith("WITHOUT ROWID")
    with writing(db):  # the keys still go with their customer
        Customer.delete().where(Customer.id == ids[1]).execute()
    assert not CustomerSearchToken.select().where(CustomerSearchToken.customer == ids[1]).exists()
    assert search.search(db, "ole hansen") == []


def test_schema_8_indexes_the_access_log_by_person_and_action(sqlite_url: str) -> None:
    """Schema 7 → 8 on a log with entries: the person filter (case-blind) and the action
    filter page through an index, not the whole log."""
    from viver_tui.models import AuditEvent
    from viver_tui.services import audit

    db = open_database(sqlite_url)
    with writing(db):
        for n in range(50):
            audit.record("TEST" if n % 2 else "kn", "view", n)
        for name in ("auditevent_person_at", "auditevent_action_at"):
            db.execute_sql(f'DROP INDEX "{name}"')
        SchemaInfo.update(value="7").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={8: migrations.MIGRATIONS[8]}) == 8

    def plan(query: peewee.SelectQuery) -> str:
        sql, params = query.sql()
        rows = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
        return " ".join(str(row[-1]) for row in rows)

    newest = AuditEvent.select().order_by(AuditEvent.at.desc()).limit(100)
    with reading(db):
        by_person = plan(newest.where(peewee.fn.LOWER(AuditEvent.staff) == "test"))
        by_action = plan(newest.where(AuditEvent.action == "erase"))
        assert "auditevent_person_at" in by_person and "TEMP B-TREE" not in by_person
        assert "auditevent_action_at" in by_action and "TEMP B-TREE" not in by_action
        assert AuditEvent.select().where(peewee.fn.LOWER(AuditEvent.staff) == "test").count() == 25


def test_schema_15_adds_documents_to_a_shop_with_orders_and_print_jobs(
    db_url: str, tmp_path: Path
) -> None:
    """Schema 14 → 15 with confirmed orders and their print jobs: the order's company
    column comes in empty (the terminal's default company then), print jobs get their
    document column, and the orders can be invoiced."""
    from tests.services.documents_helpers import person, shop
    from viver_tui.db import is_sqlite
    from viver_tui.models import (
        Document,
        DocumentCounter,
        Letter,
        OutboxMessage,
        Payment,
        PrintJob,
    )
    from viver_tui.services import documents

    db = open_database(db_url)
    kinds = Settings().media_kinds
    cid = customers.register(
        db, CustomerInput(name="Åse Ødegård", phone="91234567", address="Bøgata 3",
                          postal_code="0655", city="Oslo"), as_staff(db, "A"),
    ).id
    order = intake.open_order(db, cid, "A")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), kinds, "A")
    intake.confirm_order(db, order.id, OrderDetails("B3", "", ""), "A")
    with writing(db):  # back to schema 14: no document tables, no new columns
        if is_sqlite(db):  # SQLite drops no column of a foreign key: the leaf table is copied
            columns = ", ".join(
                f'"{c.name}"' for c in db.get_columns("print_job") if c.name != "document_id"
            )
            db.execute_sql(f'CREATE TABLE "pj14" AS SELECT {columns} FROM "print_job"')
            db.execute_sql('DROP TABLE "print_job"')
            db.execute_sql('ALTER TABLE "pj14" RENAME TO "print_job"')
        else:
            db.execute_sql('ALTER TABLE "print_job" DROP COLUMN document_id')
        db.drop_tables([OutboxMessage, Letter, Payment, Document, DocumentCounter])
        db.execute_sql('ALTER TABLE "order" DROP COLUMN company')
        SchemaInfo.update(value="14").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={15: migrations.MIGRATIONS[15]}) == 15
    with reading(db):
        assert Order.get_by_id(order.id).company == ""
        assert PrintJob.select().where(PrintJob.document.is_null()).count() == 3
    settings = shop(tmp_path)
    invoice = documents.issue_invoice(db, order.id, settings, person(db, "disk", "counter"))
    assert invoice.company == "videoverkstedet"  # the default company, now the order's
    with reading(db):
        assert Order.get_by_id(order.id).company == "videoverkstedet"


def test_schema_18_adds_the_production_room_to_a_shop_with_orders(db_url: str) -> None:
    """Schema 17 → 18 with a confirmed order: the outcome note and ready_at columns come
    in empty, the production notes table and the workload's indexes are made, and a
    medium can be stepped through production to done (its order ready)."""
    from viver_tui.models import MediaItem, ProductionNote
    from viver_tui.services.production import steps

    db = open_database(db_url)
    kinds = Settings().media_kinds
    cid = customers.register(db, CustomerInput(name="Åse Ødegård", phone="91234567"),
        as_staff(db, "A")).id
    order = intake.open_order(db, cid, "A")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), kinds, "A")
    order = intake.confirm_order(db, order.id, OrderDetails("B3", "", ""), "A")
    with writing(db):  # back to schema 17
        db.drop_tables([ProductionNote])
        db.execute_sql('DROP INDEX "media_item_status_kind_id"')
        db.execute_sql('DROP INDEX "order_status_ready_at"')
        db.execute_sql('ALTER TABLE "media_item" DROP COLUMN outcome_note')
        db.execute_sql('ALTER TABLE "order" DROP COLUMN ready_at')
        SchemaInfo.update(value="17").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={18: migrations.MIGRATIONS[18]}) == 18
    with reading(db):
        assert MediaItem.get_by_id(order.media[0].id).outcome_note == ""
        assert Order.get_by_id(order.id).ready_at is None
        indexes = {i.name for i in db.get_indexes("media_item")} | {
            i.name for i in db.get_indexes("order")}
        assert {"media_item_status_kind_id", "order_status_ready_at"} <= indexes
    out = steps.scan(db, order.media[0].code, as_staff(db, "A"))
    while out.panel.medium.status != "done":
        out = steps.step(db, out.panel.medium.id, as_staff(db, "A"))
    assert out.became_ready and out.panel.ready_at is not None


def test_schema_21_turns_the_history_texts_into_values_and_keeps_unknown_text(
    db_url: str,
) -> None:
    """#19.4: texts written in the terminal's language become values worded for the
    reader; a typed note, a reason and text of an unknown shape stay as they were."""
    from viver_tui.locale import speaking
    from viver_tui.locale.events import detail_text
    from viver_tui.models import OrderEvent

    db = open_database(db_url)
    kinds = Settings().media_kinds
    cid = customers.register(db, CustomerInput(name="Åse Ødegård", phone="91234567"),
        as_staff(db, "A")).id
    order = intake.open_order(db, cid, "A")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), kinds, "A")
    old = [  # as schema 20 stored them, in both languages
        ("confirmed", "3 medier"), ("confirmed", "1 medium"), ("confirmed", "2 media"),
        ("returned", "40 av 48 bilder"), ("returned", "12 of 12 photos"),
        ("visit_ended", "7 av 9 utlevert"), ("visit_ended", "1 of 2 returned"),
        ("closed_missing", "Ligger hos Åse (mangler: 100001-02, 100001-03)"),
        ("closed_missing", "Lost (missing: 100001-02)"),
        ("edited", "shelf,promised_on"),
        ("note", "3 medier"),  # typed by staff: never read as values
        ("returned", "noe helt annet"),
    ]
    with writing(db):
        OrderEvent.delete().execute()
        for action, note in old:
            OrderEvent.create(order=order.id, action=action, note=note)
        db.execute_sql('ALTER TABLE "order_event" DROP COLUMN detail')
        SchemaInfo.update(value="20").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={21: migrations.MIGRATIONS[21]}) == 21
    with reading(db):
        rows = [(e.action, e.note, e.detail) for e in OrderEvent.select().order_by(OrderEvent.id)]
    from viver_tui.locale.events import decode_detail

    def words(language: str) -> list[str]:
        with speaking(language):
            return [detail_text(a, decode_detail(d), n) for a, n, d in rows]

    assert words("nb") == [
        "3 medier", "1 medium", "2 medier", "40 av 48 bilder", "12 av 12 bilder",
        "7 av 9 utlevert", "1 av 2 utlevert",
        "Ligger hos Åse (mangler: 100001-02, 100001-03)", "Lost (mangler: 100001-02)",
        "hylle, lovet ferdig", "3 medier", "noe helt annet",
    ]
    assert words("en")[:7] == [
        "3 media", "1 medium", "2 media", "40 of 48 photos", "12 of 12 photos",
        "7 of 9 returned", "1 of 2 returned",
    ]
    assert rows[7][1] == "Ligger hos Åse"  # the reason stays a typed text (erasure redacts it)
    assert rows[10] == ("note", "3 medier", "") and rows[11][1:] == ("noe helt annet", "")


def test_schema_23_adds_the_actual_amount_to_a_shop_with_orders_and_invoices(
    db_url: str, tmp_path: Path
) -> None:
    """Schema 22 → 23 with a confirmed order, a production outcome and an invoice: every
    row is kept, the media come in without a record (invoices charge the estimate, as
    before), the issued invoice is untouched, and a record can be made afterwards."""
    from tests.services.documents_helpers import confirmed_order, customer, person, shop
    from viver_tui.models import Document, MediaItem
    from viver_tui.services import documents
    from viver_tui.services.production import actuals, outcomes

    db = open_database(db_url)
    settings = shop(tmp_path)
    desk = person(db, "disk", "counter")
    first = confirmed_order(db, settings, desk, customer(db, desk))
    second = confirmed_order(db, settings, desk, customer(db, desk, name="Kari Nordmann"))
    film = first.media[1].id  # Super 8, 20 min estimated
    outcomes.set_outcome(db, film, desk, "mould", "Mugg", settings.production_outcomes)
    invoice = documents.issue_invoice(db, first.id, settings, desk)
    with reading(db):
        before = [(m.id, m.code, m.units, m.estimate_ore, m.outcome, m.outcome_note)
                  for m in MediaItem.select().order_by(MediaItem.id)]
        issued = Document.get_by_id(invoice.id).content
    with writing(db):  # back to schema 22
        db.execute_sql('ALTER TABLE "media_item" DROP COLUMN actual_units')
        SchemaInfo.update(value="22").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={23: migrations.MIGRATIONS[23]}) == 23
    with reading(db):
        assert "actual_units" in {c.name for c in db.get_columns("media_item")}
        after = [(m.id, m.code, m.units, m.estimate_ore, m.outcome, m.outcome_note)
                 for m in MediaItem.select().order_by(MediaItem.id)]
        assert after == before
        assert MediaItem.select().where(MediaItem.actual_units.is_null(False)).count() == 0
        assert Document.get_by_id(invoice.id).content == issued
    draft = documents.draft_invoice(db, second.id, settings, desk)
    assert [line.basis for line in draft.lines] == ["", "estimate"]
    actuals.record_actual(db, second.media[1].id, desk, 30, settings.media_kinds)
    assert documents.issue_invoice(db, second.id, settings, desk).total_ore == 29900 + 30 * 2500
