"""Schema 7: the search keys carry what a hit shows, clustered by key on SQLite.

``customer_search_token`` gets the columns a search hit shows (name, kind, phone,
e-mail, city), its primary key becomes ``(token, customer_id)`` — on SQLite a
``WITHOUT ROWID`` table, so the rows of one key range are stored side by side — plus a
narrow index on ``token`` and one on ``customer_id``. A page of results is then read
from one or two disk pages instead of twenty customer rows scattered over the file.

The keys themselves do not change (schema 5 wrote them), so the new table is filled in
one statement from the old one joined to ``customer``, in key order: on SQLite the
clustered table is appended to, never split, and the two indexes are built afterwards
by sorting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

from viver_tui.db import is_sqlite

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

OLD = "customer_search_token_v6"
# A bigger page cache while the table is copied (SQLite): the customer rows joined in
# stay in memory; put back to the connection's own size afterwards.
_COPY_CACHE_KIB = 256 * 1024


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.models import CustomerSearchToken

    if "name" in {c.name for c in db.get_columns("customer_search_token")}:
        return  # already in this shape (a database stamped back by hand, as tests do)
    sqlite = is_sqlite(db)
    db.execute_sql(f'ALTER TABLE customer_search_token RENAME TO "{OLD}"')
    # Index names are unique per schema and stay with the renamed table: free the ones
    # the new table's indexes and primary key are called by.
    db.execute_sql("DROP INDEX IF EXISTS customer_search_token_customer_id")
    if not sqlite:
        db.execute_sql(f'ALTER INDEX IF EXISTS customer_search_token_pkey RENAME TO "{OLD}_pkey"')
    CustomerSearchToken._schema.create_table(safe=False)
    cache = None
    if sqlite:
        cache = db.execute_sql("PRAGMA cache_size").fetchone()[0]
        db.execute_sql(f"PRAGMA cache_size = -{_COPY_CACHE_KIB}")
    try:
        db.execute_sql(
            "INSERT INTO customer_search_token "
            "(token, customer_id, name, kind, phone, email, city) "
            "SELECT t.token, t.customer_id, c.name, c.kind, c.phone, c.email, c.city "
            f'FROM "{OLD}" AS t JOIN customer AS c ON c.id = t.customer_id '
            "ORDER BY t.token, t.customer_id"
        )
        db.execute_sql(f'DROP TABLE "{OLD}"')
        CustomerSearchToken._schema.create_indexes(safe=False)
    finally:
        if cache is not None:
            db.execute_sql(f"PRAGMA cache_size = {cache}")
