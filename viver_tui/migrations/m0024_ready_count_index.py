"""Schema 24: ``order (customer_id, status)``, for the ready count beside search hits;
names with a dotted capital İ keyed again.

The search page shows how many of each hit's orders are ready for pickup (one query,
``customer_id IN (…page…) AND status = 'ready'``). SQLite keeps no statistics in the
file, and from four ids on it chose the ``status`` index: every ready order in the shop
read for one page (160 000 at 1 M customers: 115–190 ms a keystroke instead of < 1 ms).
An index on both columns answers the page with one short range per hit, and is the
plan SQLite picks without statistics; PostgreSQL uses it the same way.

Casefolding İ gives i + a combining dot, which split such names into two words
("İvecen": "i" and "vecen", so "ve" found it and "ivecen" did not); the search now folds
it to a plain i, and the keys of the names that hold it are written again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.models import Order

    Order._schema.create_indexes(safe=True)  # IF NOT EXISTS: the others are there
    _rekey_dotted_capital_i(db)


def _rekey_dotted_capital_i(db: peewee.Database) -> None:
    """Names with İ were keyed as two words ("İvecen": "i" and "vecen"); their keys are
    written again as search.normalize_text folds them now (one word, "ivecen")."""
    from viver_tui.models import Customer, CustomerSearchToken
    from viver_tui.services import search

    rows = list(Customer.select().where(
        Customer.name.contains("\u0130") | Customer.name.contains("i\u0307")))
    for row in rows:
        CustomerSearchToken.delete().where(CustomerSearchToken.customer == row.id).execute()
        search.write_tokens(row.id, row.name, row.phone, row.email, row.org_number,
                            row.kind, row.city)
