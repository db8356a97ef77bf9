"""Schema 10: the access log becomes a hash chain (services/audit.py).

New columns ``audit_event.seq`` (unique) and ``audit_event.row_hash``, and the tables
``audit_chain_head`` and ``audit_list_member`` (the customers of each search list
logged; there were none before). The entries already in the log are chained in the order they were
written (by id): numbered 1, 2, 3 … and hashed, a batch at a time, and the head is set
to the last. From here on ``viver check`` can tell when one is changed or deleted
(what happened to the log before this upgrade cannot be known).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee

from viver_tui.db import is_sqlite

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

_BATCH = 5000


def apply(db: peewee.Database, migrator: SchemaMigrator) -> None:
    from viver_tui.migrations.columns import add_missing_columns
    from viver_tui.models import CHAIN_GENESIS, AuditChainHead, AuditEvent, AuditListMember
    from viver_tui.services.audit import HEAD_ID, row_hash

    add_missing_columns(
        db,
        migrator,
        "audit_event",
        {
            "seq": peewee.IntegerField(null=True),
            "row_hash": peewee.CharField(max_length=64, null=True),
        },
    )
    db.create_tables([AuditChainHead, AuditListMember], safe=True)
    AuditEvent._schema.create_indexes(safe=True)  # the unique index on seq
    head = AuditChainHead.get_or_none(AuditChainHead.id == HEAD_ID)
    seq, previous = (head.seq, head.row_hash) if head else (0, CHAIN_GENESIS)
    sqlite = is_sqlite(db)
    last_id = 0
    while True:
        rows = db.execute_sql(
            "SELECT id, at, staff, action, subject, subject_id, details FROM audit_event "
            f"WHERE seq IS NULL AND id > {db.param} ORDER BY id LIMIT {_BATCH}",
            (last_id,),
        ).fetchall()
        if not rows:
            break
        chained = []
        for row_id, at, staff, action, subject, subject_id, details in rows:
            seq += 1
            previous = row_hash(previous, seq, at, staff, action, subject, subject_id, details)
            chained.append((seq, previous, row_id))
        last_id = rows[-1][0]
        _write(db, chained, sqlite)
    AuditChainHead.insert(id=HEAD_ID, seq=seq, row_hash=previous).on_conflict(
        conflict_target=[AuditChainHead.id],
        update={AuditChainHead.seq: seq, AuditChainHead.row_hash: previous},
    ).execute()


def _write(db: peewee.Database, chained: list[tuple[int, str, int]], sqlite: bool) -> None:
    if sqlite:
        db.cursor().executemany(
            "UPDATE audit_event SET seq = ?, row_hash = ? WHERE id = ?", chained
        )
        return
    # One statement per batch on PostgreSQL: a round trip per row would be most of it.
    values = ", ".join(["(%s, %s, %s)"] * len(chained))
    params = [value for row in chained for value in row]
    db.execute_sql(
        "UPDATE audit_event AS a SET seq = v.seq, row_hash = v.row_hash "
        f"FROM (VALUES {values}) AS v(seq, row_hash, id) WHERE a.id = v.id",
        params,
    )
