"""A customer's erasure takes their media files and streaming links with it.

Called by ``services/privacy/erasure.py`` once the customer's rows are erased (and again
for a pending erasure): links revoked, each file deleted from the store and its row
replaced by a deletion record (reason ``erasure``). A file that cannot be deleted is
named in the result, and the erasure stays pending until a later run deletes it.
"""

from __future__ import annotations

import peewee

from viver_tui.db import writing
from viver_tui.media_store import MediaStore, open_store
from viver_tui.models import MediaItem, Order
from viver_tui.services.media_files.lifecycle import delete_files, file_states
from viver_tui.services.media_files.links import revoke_customer_links

_store: MediaStore | None = None


def use_store(store: MediaStore | None) -> None:
    """The store erasures delete from (the CLI and the app set it from the settings;
    when unset, the settings are read the first time a customer has files)."""
    global _store
    _store = store


def _default_store() -> MediaStore:
    if _store is not None:
        return _store
    from viver_tui.config import load_settings

    return open_store(load_settings().media_dir)


def erase_customer_files(
    db: peewee.Database | peewee.DatabaseProxy, customer_id: int,
    store: MediaStore | None = None,
) -> list[str]:
    """Revoke the customer's links and delete their files; one message per file that
    could not be deleted (empty: all gone)."""
    with writing(db):
        revoke_customer_links(customer_id, "erasure")
    orders = Order.select(Order.id).where(Order.customer == customer_id)
    files = file_states(db, 0, where=MediaItem.order.in_(orders))
    if not files:
        return []
    _, failed = delete_files(db, store or _default_store(), files, "erasure", 0)
    return failed

