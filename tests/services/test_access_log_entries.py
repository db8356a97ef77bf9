"""What the access log records (issue 17, finding 11): search lists with the customer
numbers shown, refused erasures, reading the innsyn request register (screen and
`viver customer requests`), `viver backup` and `viver restore`. Both stores where the
service runs on both."""

from __future__ import annotations

from pathlib import Path

import peewee
import pytest

from tests.test_privacy_cli import viver
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.models import AuditEvent
from viver_tui.services import customers, intake, privacy, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput
from viver_tui.services.privacy import ErasureRefused
from viver_tui.services.staff import NotAllowed, StaffView
from viver_tui.store import open_database


def _log(db: peewee.Database, action: str) -> list[tuple[str, str, int, str]]:
    with reading(db):
        return list(
            AuditEvent.select(AuditEvent.staff, AuditEvent.subject, AuditEvent.subject_id,
                              AuditEvent.details)
            .where(AuditEvent.action == action)
            .order_by(AuditEvent.seq)
            .tuples()
        )


def _customer(db: peewee.Database, name: str, who: StaffView) -> int:
    return customers.register(db, CustomerInput(name=name, phone="91234567"), who).id


def test_lists_name_the_customers_and_the_fields_shown_never_the_query(
    db: peewee.Database, admin: StaffView, counter: StaffView
) -> None:
    production = staff.add(db, name="Pia Prod", initials="prod", role="production",
                           pin="9753", by=admin)
    ids = [_customer(db, f"Ole Hansen {n}", counter) for n in range(12)]
    one, eleven = ids[0], ids[10]  # e.g. 1 and 11: one number inside the other
    customers.record_list_shown(db, counter, [eleven, one, eleven])
    customers.record_list_shown(db, production, [eleven])
    customers.record_list_shown(db, counter, [])  # nothing shown, nothing logged
    assert _log(db, "list") == [
        ("disk", "customer_list", 0, f"search name,phone,email,city: {eleven} {one}"),
        ("prod", "customer_list", 0, f"search name: {eleven}"),
    ]
    # The admin's log of one customer holds the lists they were in, and only those.
    of_one = privacy.access_log_page(db, admin, customer_id=one).rows
    assert [(r.action, r.staff) for r in of_one] == [("list", "disk"), ("create", "disk")]
    of_eleven = privacy.access_log_page(db, admin, customer_id=eleven).rows
    assert [(r.action, r.staff) for r in of_eleven] == [
        ("list", "prod"), ("list", "disk"), ("create", "disk")]


def test_refused_erasures_are_logged_with_why(
    db: peewee.Database, admin: StaffView, counter: StaffView
) -> None:
    cid = _customer(db, "Kari Nordmann", counter)
    # Intake records the person by initials (until the typed principal lands).
    order = intake.open_order(db, cid, counter.initials)
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), Settings().media_kinds,
                      counter.initials)
    with pytest.raises(ErasureRefused):
        privacy.erase_customer(db, cid, admin)
    with pytest.raises(NotAllowed):
        privacy.erase_customer(db, cid, counter)
    assert _log(db, "erase_refused") == [
        ("adm", "customer", cid, "blocked"),
        ("disk", "customer", cid, "role"),
    ]
    assert _log(db, "erase") == []


def test_reading_the_request_register_is_logged(
    db: peewee.Database, admin: StaffView, counter: StaffView
) -> None:
    cid = _customer(db, "Kari Nordmann", counter)
    privacy.register_access_request(db, cid, counter)
    with pytest.raises(NotAllowed):
        privacy.access_requests(db, counter)
    with pytest.raises(NotAllowed):
        privacy.access_request_rows(db, counter)
    assert len(privacy.access_requests(db, admin, open_only=True)) == 1
    assert len(privacy.access_request_rows(db, admin, include_answered=True)) == 1
    privacy.access_request_rows(db, admin)
    assert _log(db, "read_requests") == [
        ("adm", "access_request", 0, "open"),
        ("adm", "access_request", 0, "all"),
        ("adm", "access_request", 0, "open"),
    ]


def test_the_commands_log_requests_read_backups_and_restores(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'viver.db'}"
    db = open_database(url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    privacy.register_access_request(db, _customer(db, "Kari Nordmann", admin), admin)
    db.close()
    listed = viver(tmp_path, "customer", "requests", "--staff", "adm", stdin="2468\n")
    assert listed.returncode == 0, listed.stderr
    backup = tmp_path / "kopi.db"
    assert viver(tmp_path, "backup", str(backup)).returncode == 0
    restored = viver(tmp_path, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    db = open_database(url)
    assert _log(db, "read_requests") == [("adm", "access_request", 0, "all cli")]
    # The restored database is the backup (taken before its own entry was written) with
    # the restore's entry; the one it replaced, kept beside it, has the backup's.
    [(who, subject, _, details)] = _log(db, "restore")
    assert (who, subject) == ("(system)", "database")
    assert details.startswith("from kopi.db kept viver.db.before-restore-") and " user=" in details
    assert _log(db, "backup") == []
    db.close()
    [kept] = tmp_path.glob("viver.db.before-restore-*.db")
    db = open_database(f"sqlite:///{kept}")
    [(who, _, _, details)] = _log(db, "backup")
    assert who == "(system)" and details.startswith("sqlite kopi.db user=")
    db.close()
