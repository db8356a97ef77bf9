"""PostgreSQL erasure tells the truth and finishes the job (issue 17, finding 6).

The raw relation files (tables, their indexes, their TOAST tables and TOAST indexes)
are read with ``pg_read_binary_file`` after a ``CHECKPOINT`` and searched for the
person's name, phone and e-mail: before the erasure they are there, after it 0 bytes.
A snapshot that can still see the rows, or a role that does not own the tables, makes
the erasure pending ("venter på fysisk sletting"), finished later by the maintenance
run. Each test has its own schema in a database of this module alone
(``own_pg_database`` below), so no other process's session in the shared
``test`` database decides what VACUUM may remove; a transaction elsewhere on the server
that began before the erasure still does (the result says so, and ``erased`` then
finishes it as ``viver maintain`` would).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import urlparse, urlunparse

import peewee
import psycopg2
import pytest
from playhouse.db_url import connect

from tests.services.erasure_helpers import delivered_order, erased
from viver_tui.db import database, reading
from viver_tui.models import PendingErasure
from viver_tui.services import privacy, staff
from viver_tui.store import open_database

NAME = "Zyxwvø Bjørnæsdóttir"
PHONE = "91234567"
EMAIL = "zyxwvo.bjornaes@example.no"
NEEDLES = [w.encode() for w in ("Zyxwvø", "zyxwvø", "Bjørnæsdóttir", "bjørnæsdóttir")] + [
    PHONE.encode(), PHONE[::-1].encode(), b"+47" + PHONE.encode(), EMAIL.encode(),
    b"zyxwvo.bjornaes",
]
LONG_NOTE = f"{NAME} ringte. " + " ".join(f"linje{n:04d} {NAME}s arkiv" for n in range(90))


@pytest.fixture(scope="module")
def own_pg_database() -> Iterator[str]:
    """A PostgreSQL database of this test module alone: what a session can see decides
    what VACUUM may remove in its whole database, so the physical-removal tests keep
    other processes' sessions (the shared ``test`` database) out of theirs."""
    from playhouse.db_url import connect

    from tests.conftest import PG_URL

    name = f"viver_er_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    server = connect(PG_URL)
    server.connect()
    server.execute_sql(f'CREATE DATABASE "{name}" TEMPLATE template0')
    server.close()
    yield urlparse(PG_URL)._replace(path=f"/{name}").geturl()
    if database.obj is not None and not database.is_closed():
        database.close()
    server.connect()
    server.execute_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.close()


@pytest.fixture
def own_pg_url(own_pg_database: str) -> Iterator[str]:
    """A fresh schema in ``own_pg_database``."""
    from playhouse.db_url import connect

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = connect(own_pg_database)
    admin.connect()
    admin.execute_sql(f'CREATE SCHEMA "{schema}"')
    admin.close()
    yield f"{own_pg_database}?options=-csearch_path%3D{schema}"
    if database.obj is not None and not database.is_closed():
        database.close()
    admin.connect()
    admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.close()


def _relation_files(db: peewee.Database) -> dict[str, bytes]:
    """Every relation of the current schema (tables, indexes, sequences) and the TOAST
    tables and their indexes, as the bytes on disk after a checkpoint."""
    with reading(db):
        db.execute_sql("CHECKPOINT")
        rows = db.execute_sql(
            """
            WITH mine AS (
                SELECT c.oid, c.reltoastrelid FROM pg_class c
                WHERE c.relnamespace = current_schema()::regnamespace
            ), rels AS (
                SELECT oid FROM mine
                UNION SELECT reltoastrelid FROM mine WHERE reltoastrelid <> 0
                UNION SELECT i.indexrelid FROM pg_index i
                    JOIN mine ON i.indrelid IN (mine.oid, mine.reltoastrelid)
            )
            SELECT r.oid::regclass::text, pg_relation_filepath(r.oid) FROM rels r
            WHERE pg_relation_filepath(r.oid) IS NOT NULL
            """
        ).fetchall()
        files = {}
        for name, path in rows:
            (data,) = db.execute_sql(
                "SELECT pg_read_binary_file(%s, 0, (pg_stat_file(%s, true)).size, true)",
                (path, path),
            ).fetchone()
            files[name] = bytes(data or b"")
    return files


def _holding(files: dict[str, bytes]) -> list[str]:
    return sorted({f"{name}: {n!r}" for name, data in files.items() for n in NEEDLES
                   if n in data})


@pytest.fixture
def shop(own_pg_url: str) -> Iterator[tuple[peewee.Database, staff.StaffView, staff.StaffView]]:
    db = open_database(own_pg_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    counter = staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357",
                        by=admin)
    yield db, admin, counter
    db.close()


def _person(db: peewee.Database, counter: staff.StaffView) -> int:
    notes = (f"Bryllup {NAME}", "Zyxwvøs eske", LONG_NOTE, f"{NAME} ringte fra {PHONE}")
    cid, _ = delivered_order(db, counter, NAME, PHONE, EMAIL, notes)
    delivered_order(db, counter, "Per Hansen", "41234567", "per@example.no")
    return cid


def test_erasure_leaves_zero_bytes_in_the_tables_indexes_and_toast(shop) -> None:
    db, admin, counter = shop
    cid = _person(db, counter)
    before = _relation_files(db)
    held = _holding(before)
    assert any(h.startswith("customer:") for h in held), held
    assert any(h.startswith("customer_search_token") for h in held), held  # table, index
    # Done at once — or, while another process on this shared server has a transaction
    # older than the erasure, said to be pending and done by the maintenance run.
    result = erased(db, cid, admin)
    assert result.finished, result.message
    assert result.message.startswith(f"Kunde #{cid} er slettet.")
    assert "WAL" in result.message  # what the server may still hold is said
    after = _relation_files(db)
    assert _holding(after) == []
    assert any(b"Per Hansen" in data for data in after.values())  # the search can find
    with reading(db):
        assert not PendingErasure.select().exists()


def _reader(pg_url: str) -> psycopg2.extensions.connection:
    parts = urlparse(pg_url)
    options = parts.query.split("options=", 1)[1].replace("%3D", "=")
    return psycopg2.connect(
        host=parts.hostname, port=parts.port, user=parts.username,
        dbname=parts.path.lstrip("/"), options=options,
    )


def _hold_snapshot(pg_url: str, where: str, cid: int) -> psycopg2.extensions.connection:
    """A session that can still see the person's rows when the erasure commits:
    ``same_db``: a REPEATABLE READ transaction that read them; ``other_db``: a
    transaction with an id, in another database of the server (``VACUUM FULL``'s own
    snapshot then reaches back before the erasure)."""
    if where == "same_db":
        reader = _reader(pg_url)
        reader.set_session(isolation_level="REPEATABLE READ")
        with reader.cursor() as cursor:
            cursor.execute("SELECT name FROM customer WHERE id = %s", (cid,))
            assert cursor.fetchone() == (NAME,)
        return reader
    parts = urlparse(pg_url)
    other = psycopg2.connect(host=parts.hostname, port=parts.port, user=parts.username,
                             dbname="postgres")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id()")
    return other


@pytest.mark.parametrize("where", ["same_db", "other_db"])
def test_a_snapshot_that_still_sees_the_rows_makes_the_erasure_pending(
    shop, own_pg_url, where
) -> None:
    db, admin, counter = shop
    cid = _person(db, counter)
    holder = _hold_snapshot(own_pg_url, where, cid)
    try:
        result = privacy.erase_customer(db, cid, admin)
        assert not result.finished
        assert "venter på fysisk sletting (siden " in result.message
        assert "er slettet" not in result.message
        still = privacy.finish_pending_erasures(db, maintain=True, wait_s=0)
        assert [r.finished for r in still] == [False]
        assert _holding(_relation_files(db))
    finally:
        holder.rollback()
        holder.close()
    finished = privacy.finish_pending_erasures(db, maintain=True)
    assert [(r.customer_id, r.finished) for r in finished] == [(cid, True)]
    assert _holding(_relation_files(db)) == []


@pytest.fixture
def roles(own_pg_database: str) -> Iterator[tuple[str, str]]:
    """An owner (who made the tables) and the app's role (`viver init --app-role`),
    each a URL into a schema of the owner's."""
    tag = uuid.uuid4().hex[:10]
    owner, app, schema = f"t_owner_{tag}", f"t_app_{tag}", f"t_er_{tag}"
    admin = connect(own_pg_database)
    admin.connect()
    admin.execute_sql(f'CREATE ROLE "{owner}" LOGIN')
    admin.execute_sql(f'CREATE ROLE "{app}" LOGIN')
    admin.execute_sql(f'CREATE SCHEMA "{schema}" AUTHORIZATION "{owner}"')
    parts = urlparse(own_pg_database)

    def url(role: str) -> str:
        netloc = f"{role}@{parts.netloc.rsplit('@', 1)[-1]}"
        return urlunparse(parts._replace(netloc=netloc,
                                         query=f"options=-csearch_path%3D{schema}"))

    try:
        yield url(owner), url(app)
    finally:
        if database.obj is not None and not database.is_closed():
            database.close()
        admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
        for role in (app, owner):
            admin.execute_sql(f'DROP OWNED BY "{role}"')
            admin.execute_sql(f'DROP ROLE "{role}"')
        admin.close()


def test_the_apps_role_cannot_rewrite_so_the_owners_maintain_run_finishes(roles) -> None:
    from viver_tui.migrations.roles import grant_app_role

    owner_url, app_url = roles
    owner_db = open_database(owner_url)
    grant_app_role(owner_db, urlparse(app_url).username)
    owner_db.close()
    db = open_database(app_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    counter = staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357",
                        by=admin)
    cid = _person(db, counter)
    result = privacy.erase_customer(db, cid, admin)
    assert not result.finished
    assert "eier ikke tabellene" in result.message and "viver maintain" in result.message
    db.close()
    owner_db = open_database(owner_url)
    try:
        done = privacy.finish_pending_erasures(owner_db, maintain=True)
        assert [(r.customer_id, r.finished) for r in done] == [(cid, True)]
    finally:
        owner_db.close()
