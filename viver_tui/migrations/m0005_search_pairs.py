"""Schema 5: search keys for pairs of name words (``p`` keys), for fast whole names.

No table changes: every customer's keys in ``customer_search_token`` are written anew
by ``services.search.tokens_for``, which now adds the pair keys (and no longer cuts a
word's bytes at 120). A shop's few thousand customers take a second or two.

The table is written in the shape it had at schema 5, ``(customer_id, token)``, in
plain SQL, not through today's model: schema 7 gives the rows more columns and then
copies these keys over (``m0007_search_hits``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

_BATCH = 2000


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.services.search import tokens_for

    if "name" in {c.name for c in db.get_columns("customer_search_token")}:
        # Already in schema 7's shape (a database stamped back by hand, as tests do):
        # write the keys the way today's code does.
        _rewrite_current(db)
        return
    p = db.param
    last_id = 0
    while True:
        rows = db.execute_sql(
            "SELECT id, name, phone, email, org_number FROM customer "
            f"WHERE id > {p} ORDER BY id LIMIT {p}",
            [last_id, _BATCH],
        ).fetchall()
        if not rows:
            return
        ids = [r[0] for r in rows]
        marks = ", ".join([p] * len(ids))
        db.execute_sql(f"DELETE FROM customer_search_token WHERE customer_id IN ({marks})", ids)
        keys = [
            (cid, k) for cid, name, phone, email, org in rows
            for k in sorted(tokens_for(name, phone, email, org))
        ]
        cursor = db.cursor()
        cursor.executemany(
            f"INSERT INTO customer_search_token (customer_id, token) VALUES ({p}, {p})", keys
        )
        last_id = ids[-1]


def _rewrite_current(db: peewee.Database) -> None:
    from viver_tui.models import Customer, CustomerSearchToken
    from viver_tui.services.search import token_rows

    CustomerSearchToken.delete().execute()
    columns = (Customer.id, Customer.name, Customer.phone, Customer.email,
               Customer.org_number, Customer.kind, Customer.city)
    for row in Customer.select(*columns).tuples().iterator():
        CustomerSearchToken.insert_many(token_rows(*row)).execute()
