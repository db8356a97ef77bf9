"""``search.warm``: run while the sign-in screen waits (app.py), before anyone has
signed in — it reads the search index's first pages and gives nothing back, logs
nothing, writes nothing, on both stores."""

from __future__ import annotations

import peewee

from tests.signing_in import as_staff
from viver_tui.models import AuditEvent, AuditListMember, CustomerSearchToken
from viver_tui.services import customers, search


def test_warm_returns_nothing_and_logs_nothing(db: peewee.Database) -> None:
    who = as_staff(db, "disk")
    customers.register(db, customers.CustomerInput(name="Anette Jacobsen",
                                                   phone="91234567"), who)
    before = (AuditEvent.select().count(), AuditListMember.select().count(),
              CustomerSearchToken.select().count())
    assert search.warm(db) is None
    assert (AuditEvent.select().count(), AuditListMember.select().count(),
            CustomerSearchToken.select().count()) == before
    assert [h.name for h in search.search(db, "anette")] == ["Anette Jacobsen"]


def test_warm_on_an_empty_store(db: peewee.Database) -> None:
    assert search.warm(db) is None
