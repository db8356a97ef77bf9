"""Schema 5: search keys for pairs of name words (``p`` keys), for fast whole names.

No table changes: every customer's keys in ``customer_search_token`` are written anew
by ``services.search.tokens_for``, which now adds the pair keys (and no longer cuts a
word's bytes at 120). A shop's few thousand customers take a second or two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.services.search import rewrite_all_tokens

    rewrite_all_tokens(db)
