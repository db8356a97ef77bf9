"""The access log as a hash chain: every entry links to the one before, appends from
many connections never fork it, schema 10 chains an old log, and `viver check` names
the first entry deleted or changed (issue 17, finding 11). Both stores."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import peewee
import pytest

from viver_tui import migrations
from viver_tui.db import is_sqlite, reading, writing
from viver_tui.errors import ValidationError
from viver_tui.models import CHAIN_GENESIS, AuditChainHead, AuditEvent, SchemaInfo
from viver_tui.services import audit, customers
from viver_tui.services.customers import CustomerInput
from viver_tui.services.staff import StaffView
from viver_tui.store import check_database, open_database


def _fill(db: peewee.Database, count: int) -> None:
    with writing(db):
        for n in range(count):
            audit.record(f"s{n % 3}", "view", 100 + n, details="card")


def _chain(db: peewee.Database) -> list[tuple[int, int]]:
    with reading(db):
        query = AuditEvent.select(AuditEvent.seq, AuditEvent.id).order_by(AuditEvent.seq)
        return list(query.tuples())


def test_entries_are_numbered_and_linked_as_the_services_write_them(
    db: peewee.Database, counter: StaffView
) -> None:
    kari = customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                              counter).id
    customers.open_card(db, kari, counter)
    with reading(db):
        rows = list(AuditEvent.select().order_by(AuditEvent.seq))
        head = AuditChainHead.get_by_id(audit.HEAD_ID)
    assert [r.action for r in rows] == ["staff_add", "staff_add", "create", "view"]
    assert [r.seq for r in rows] == [1, 2, 3, 4]
    previous = "0" * 64
    for r in rows:
        assert r.row_hash == audit.row_hash(previous, r.seq, r.at, r.staff, r.action, r.subject,
                                            r.subject_id, r.details)
        previous = r.row_hash
    assert (head.seq, head.row_hash) == (4, previous)
    report = check_database(_url(db))
    assert report.ok, report.findings
    assert "4 oppføringer i kjede" in report.checks and previous[:16] in report.checks


def test_an_entry_outside_a_transaction_is_refused(db: peewee.Database) -> None:
    with reading(db), pytest.raises(RuntimeError):
        audit.record("kn", "view", 1)


def _copy(db_url: str, tmp_path: Path) -> str:
    """A copy to tamper with (SQLite), or the test's own schema (PostgreSQL: changed
    directly, as its owner could)."""
    if not db_url.startswith("sqlite"):
        return db_url
    copy = tmp_path / "copy.db"
    shutil.copyfile(Path(db_url.removeprefix("sqlite:///")), copy)
    return f"sqlite:///{copy}"


def _url(db: peewee.Database) -> str:
    if is_sqlite(db):
        return f"sqlite:///{db.database}"
    from tests.conftest import PG_URL

    schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
    return f"{PG_URL}?options=-csearch_path%3D{schema}"


def test_check_names_entries_deleted_changed_or_cut_from_the_end(
    db_url: str, tmp_path: Path
) -> None:
    """Issue 17: 13 entries deleted and a staff name changed in a copy went unnoticed."""
    db = open_database(db_url)
    _fill(db, 40)
    db.close()
    if db_url.startswith("sqlite"):
        original = Path(db_url.removeprefix("sqlite:///"))
        copy = tmp_path / "copy.db"
        shutil.copyfile(original, copy)
        url = f"sqlite:///{copy}"
    else:
        url = db_url  # the test's own schema: tampered with directly, as an owner could
    assert check_database(url).ok
    tamper = open_database(url)

    def run(sql: str) -> None:
        with writing(tamper):
            tamper.execute_sql(sql)

    run("UPDATE audit_event SET staff = 'xx' WHERE seq = 30")
    [changed] = check_database(url).findings
    assert "endret ved oppføring nr. 30" in changed and "«xx»" in changed
    run("UPDATE audit_event SET staff = 's2' WHERE seq = 30")  # as it was
    assert check_database(url).ok
    run("DELETE FROM audit_event WHERE seq BETWEEN 11 AND 23")
    [deleted] = check_database(url).findings
    assert "mangler oppføring nr. 11–23 (13 stykker, etter nr. 10 fra" in deleted
    run("UPDATE audit_event SET staff = 'xx' WHERE seq = 30")
    run("DELETE FROM audit_event WHERE seq > 38")
    findings = check_database(url).findings
    assert len(findings) == 3, findings
    assert "nr. 11–23" in findings[0]  # the first problem first
    assert "nr. 30" in findings[1]
    assert "de siste oppføringene, nr. 39–40" in findings[2]
    run("INSERT INTO audit_event (at, staff, action, subject, subject_id, details) "
        "VALUES ('2026-11-24 10:00:00', 'kn', 'view', 'customer', 1, '')")
    assert "utenfor kjeden" in check_database(url).findings[-1]
    tamper.close()
    if db_url.startswith("sqlite"):
        assert check_database(db_url).ok  # the original is untouched


def test_the_command_line_check_says_which_entry(sqlite_url: str) -> None:
    from tests.test_cli import viver

    path = Path(sqlite_url.removeprefix("sqlite:///"))
    db = open_database(sqlite_url)
    _fill(db, 5)
    with writing(db):
        db.execute_sql("DELETE FROM audit_event WHERE seq = 2")
    db.close()
    result = viver(path.parent, "check")
    assert result.returncode == 2
    assert "mangler oppføring nr. 2 (etter nr. 1 fra" in result.stderr


def test_appends_from_many_connections_never_fork_the_chain(db_url: str) -> None:
    """Four terminals write at once, each its own connection and transactions of two
    entries: every entry gets its own number, in one unbroken chain."""
    db = open_database(db_url)
    writers, rounds = 4, 15
    start = threading.Barrier(writers)
    failures: list[BaseException] = []

    def terminal(n: int) -> None:
        try:
            start.wait()
            for i in range(rounds):
                with writing(db):
                    audit.record(f"t{n}", "view", i, details="card")
                    audit.record(f"t{n}", "print", i, details=f"media_label {i}")
        except BaseException as exc:  # reported below, with the thread's traceback
            failures.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=terminal, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    seqs = [seq for seq, _ in _chain(db)]
    assert seqs == list(range(1, writers * rounds * 2 + 1))
    db.close()
    assert check_database(db_url).ok


def test_schema_10_chains_the_entries_already_in_the_log(db_url: str) -> None:
    db = open_database(db_url)
    with writing(db):
        db.execute_sql("DROP INDEX IF EXISTS audit_event_seq")
        for column in ("seq", "row_hash"):
            db.execute_sql(f'ALTER TABLE audit_event DROP COLUMN "{column}"')
        db.execute_sql("DROP TABLE audit_chain_head")
        db.execute_sql("DROP TABLE audit_list_member")
        for n in range(7):
            db.execute_sql(
                "INSERT INTO audit_event (at, staff, action, subject, subject_id, details) "
                f"VALUES ('2026-11-2{n} 10:15:00', 'kn', 'view', 'customer', {n}, 'order 1')"
            )
        SchemaInfo.update(value="9").where(SchemaInfo.key == "schema_version").execute()
    with reading(db):
        assert migrations.check_and_upgrade(db, migrations={10: migrations.MIGRATIONS[10]}) == 10
    assert [seq for seq, _ in _chain(db)] == list(range(1, 8))
    ids = [row_id for _, row_id in _chain(db)]
    assert ids == sorted(ids)  # chained in the order they were written
    with writing(db):
        audit.record("kn", "view", 9, details="card")
    assert _chain(db)[-1][0] == 8
    with reading(db):
        migrations.check_and_upgrade(db)  # the versions after 10, as `viver init` runs them
    db.close()
    assert check_database(db_url).ok


def test_check_names_a_list_whose_customer_index_was_changed(
    db_url: str, tmp_path: Path
) -> None:
    """The index of each logged list's customers (audit_list_member) is how a customer's
    own log and innsyn answer find the lists they were in. A row deleted there hid a
    list from that customer while `viver check` said all was well."""
    db = open_database(db_url)
    _fill(db, 3)
    with writing(db):
        audit.record_list("disk", "search", ["name", "phone"], [7, 8, 9])
        audit.record_list("disk", "search", ["name"], [8])
        list_ids = [r.id for r in AuditEvent.select().where(AuditEvent.action == "list")
                    .order_by(AuditEvent.seq)]
    db.close()
    url = _copy(db_url, tmp_path)
    assert check_database(url).ok
    tamper = open_database(url)

    def run(sql: str) -> None:
        with writing(tamper):
            tamper.execute_sql(sql)

    first, second = list_ids
    run(f"DELETE FROM audit_list_member WHERE event_id = {first} AND customer_id = 8")
    [finding] = check_database(url).findings
    assert "listen i tilgangsloggens oppføring nr. 4" in finding
    assert "mangler der 8, lagt til der –" in finding
    run(f"INSERT INTO audit_list_member (customer_id, event_id) VALUES (8, {first})")
    assert check_database(url).ok
    run(f"INSERT INTO audit_list_member (customer_id, event_id) VALUES (5, {second})")
    [finding] = check_database(url).findings
    assert "oppføring nr. 5" in finding and "mangler der –, lagt til der 5" in finding
    run(f"DELETE FROM audit_list_member WHERE event_id = {second} AND customer_id = 5")
    # A row pointing at an entry that is no list (a view of the card).
    card = list_ids[0] - 1
    run(f"INSERT INTO audit_list_member (customer_id, event_id) VALUES (5, {card})")
    [finding] = check_database(url).findings
    assert "1 rad i audit_list_member hører ikke til noen liste" in finding
    tamper.close()
    if db_url.startswith("sqlite"):
        assert check_database(db_url).ok


def _rehash_from(db: peewee.Database, first: int) -> None:
    """What someone who knows the scheme does after changing entry ``first``: hash
    every entry from it on again and move the head, so the chain holds together."""
    with writing(db):
        rows = db.execute_sql(
            "SELECT seq, at, staff, action, subject, subject_id, details, row_hash "
            "FROM audit_event ORDER BY seq").fetchall()
        previous = CHAIN_GENESIS
        for seq, at, who, action, subject, subject_id, details, stored in rows:
            if seq >= first:
                stored = audit.row_hash(previous, seq, at, who, action, subject, subject_id,
                                        details)
                db.execute_sql(f"UPDATE audit_event SET row_hash = {db.param} "
                               f"WHERE seq = {db.param}", (stored, seq))
            previous = stored
        db.execute_sql(f"UPDATE audit_chain_head SET seq = {db.param}, row_hash = {db.param}",
                       (rows[-1][0], previous))


def test_a_noted_head_shows_a_log_cut_or_rewritten_with_its_head(
    db_url: str, tmp_path: Path
) -> None:
    """A log cut at the end and given a new head, or rewritten from an entry on with
    every later hash, holds together as a chain; the head an earlier check printed
    (`viver check --head NR:HASH`) does not."""
    db = open_database(db_url)
    _fill(db, 40)
    db.close()
    url = _copy(db_url, tmp_path)
    report = check_database(url)
    assert report.ok
    tamper = open_database(url)
    with reading(tamper):
        head = AuditChainHead.get_by_id(audit.HEAD_ID)
    tamper.close()
    assert f"nr. 40 sist ({head.row_hash[:16]})" in report.checks
    noted_40 = audit.parse_noted_head(f"40:{head.row_hash[:16]}")
    assert check_database(url, noted_40).ok
    tamper = open_database(url)
    with writing(tamper):
        hash_30 = tamper.execute_sql("SELECT row_hash FROM audit_event WHERE seq = 30"
                                     ).fetchone()[0]
        tamper.execute_sql("DELETE FROM audit_event WHERE seq > 30")
        tamper.execute_sql(f"UPDATE audit_chain_head SET seq = 30, row_hash = {tamper.param}",
                           (hash_30,))
    assert check_database(url).ok  # the chain alone cannot tell
    [cut] = check_database(url, noted_40).findings
    assert "ingen oppføring nr. 40" in cut and head.row_hash[:16] in cut
    noted_30 = audit.parse_noted_head(f"nr. 30 sist ({hash_30[:16]})")
    assert noted_30 == audit.NotedHead(30, hash_30[:16])
    assert check_database(url, noted_30).ok
    with writing(tamper):
        tamper.execute_sql("UPDATE audit_event SET staff = 'xx' WHERE seq = 10")
    _rehash_from(tamper, 10)
    tamper.close()
    assert check_database(url).ok
    [rewritten] = check_database(url, noted_30).findings
    assert "nr. 30 har ikke lenger hashen som ble notert" in rewritten
    for wrong in ("30", "30:abc", "x:3fa4b2c1d9e07a66"):
        with pytest.raises(ValidationError):
            audit.parse_noted_head(wrong)


def test_the_command_line_check_takes_a_noted_head(sqlite_url: str) -> None:
    from tests.test_cli import viver

    path = Path(sqlite_url.removeprefix("sqlite:///"))
    db = open_database(sqlite_url)
    _fill(db, 5)
    with reading(db):
        head = AuditChainHead.get_by_id(audit.HEAD_ID)
    db.close()
    noted = f"{head.seq}:{head.row_hash[:16]}"
    assert viver(path.parent, "check", "--head", noted).returncode == 0
    wrong = viver(path.parent, "check", "--head", f"{head.seq}:{'0' * 16}")
    assert wrong.returncode == 2
    assert "har ikke lenger hashen som ble notert (0000000000000000)" in wrong.stderr
    bad = viver(path.parent, "check", "--head", "fem")
    assert bad.returncode == 2 and "«fem» er ikke et kjedehode" in bad.stderr
    assert "Traceback" not in bad.stderr
