"""The ready count beside a page of search hits reads the (customer_id, status) index,
never every ready order in the shop (schema 24). SQLite keeps no statistics in the file:
without that index it planned the page's count on the status index from four ids on."""

from __future__ import annotations

from pathlib import Path

import peewee

from viver_tui import migrations
from viver_tui.db import reading, writing
from viver_tui.models import Customer, CustomerSearchToken, SchemaInfo
from viver_tui.services import search
from viver_tui.store import open_database


def _plan(db: peewee.Database, ids: list[int]) -> str:
    sql, params = search.ready_counts(ids).sql()
    with reading(db):
        rows = db.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return " | ".join(str(row[-1]) for row in rows)


def test_a_page_of_hits_counts_ready_orders_by_customer(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'shop.db'}")
    for page in ([1, 2, 3], list(range(1, 21))):
        plan = _plan(db, page)
        assert "order_customer_id_status" in plan, plan
        assert "order_status " not in f"{plan} ", plan


def test_schema_24_adds_the_index_to_an_older_database(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'shop.db'}")
    with writing(db):  # back to schema 23
        db.execute_sql('DROP INDEX "order_customer_id_status"')
        SchemaInfo.update(value="23").where(SchemaInfo.key == "schema_version").execute()
    assert "order_customer_id_status" not in _plan(db, list(range(1, 21)))
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={24: migrations.MIGRATIONS[24]}) == 24
    assert "order_customer_id_status" in _plan(db, list(range(1, 21)))


def _customer(db: peewee.Database, name: str) -> int:
    """A customer row and its keys as the register service writes them."""
    with writing(db):
        row = Customer.create(name=name, phone="+4791234567")
        search.write_tokens(row.id, row.name, row.phone, None, None, row.kind, None)
    return row.id


def _names(db: peewee.Database, query: str) -> list[str]:
    return [hit.name for hit in search.search(db, query)]


def test_a_dotted_capital_i_is_one_word_typed_as_a_plain_i(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'shop.db'}")
    _customer(db, "İvecen Åsheim")
    assert _names(db, "ivecen") == ["İvecen Åsheim"]
    assert _names(db, "İVE åsh") == ["İvecen Åsheim"]
    assert _names(db, "ve") == [] and _names(db, "vecen") == []


def test_schema_24_keys_names_with_a_dotted_capital_i_again(tmp_path: Path) -> None:
    db = open_database(f"sqlite:///{tmp_path / 'shop.db'}")
    cid = _customer(db, "İvecen Åsheim")
    with writing(db):  # the keys as schema 23 wrote them: "i" and "vecen"
        CustomerSearchToken.delete().where(CustomerSearchToken.customer == cid).execute()
        search.write_tokens(cid, "i vecen Åsheim", "+4791234567", None, None, "private",
                            None)
        CustomerSearchToken.update(name="İvecen Åsheim").where(
            CustomerSearchToken.customer == cid).execute()
        SchemaInfo.update(value="23").where(SchemaInfo.key == "schema_version").execute()
    assert _names(db, "vecen") == ["İvecen Åsheim"] and _names(db, "ivecen") == []
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={24: migrations.MIGRATIONS[24]}) == 24
    assert _names(db, "ivecen") == ["İvecen Åsheim"] and _names(db, "vecen") == []
