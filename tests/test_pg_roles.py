"""PostgreSQL roles as docs/operations.md sets them up (issue 17, finding 11): an owner
runs `viver init --app-role`, the terminals' role does the counter's work, and that
role cannot change or delete a single access log entry. Real roles on the real server,
uniquely named and dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import peewee
import pytest
from playhouse.db_url import connect

from tests.conftest import PG_URL
from tests.test_cli import viver
from viver_tui.config import Settings
from viver_tui.db import database, writing
from viver_tui.services import audit, customers, intake, privacy, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.print_worker import QueueWorker
from viver_tui.store import check_database, open_database


def _as(role: str, schema: str) -> str:
    parts = urlparse(PG_URL)
    netloc = f"{role}@{parts.netloc.rsplit('@', 1)[-1]}"
    return urlunparse(parts._replace(netloc=netloc, query=f"options=-csearch_path%3D{schema}"))


@pytest.fixture
def roles() -> Iterator[tuple[str, str, str]]:
    """An owner role, an app role and a schema the owner owns: (owner, app, schema)."""
    tag = uuid.uuid4().hex[:10]
    owner, app, schema = f"t_owner_{tag}", f"t_app_{tag}", f"t_roles_{tag}"
    admin = connect(PG_URL)
    admin.connect()
    admin.execute_sql(f'CREATE ROLE "{owner}" LOGIN')
    admin.execute_sql(f'CREATE ROLE "{app}" LOGIN')
    admin.execute_sql(f'CREATE SCHEMA "{schema}" AUTHORIZATION "{owner}"')
    try:
        yield owner, app, schema
    finally:
        if database.obj is not None and not database.is_closed():
            database.close()
        admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
        for role in (app, owner):
            admin.execute_sql(f'DROP OWNED BY "{role}"')
            admin.execute_sql(f'DROP ROLE "{role}"')
        admin.close()


def _refused(db: peewee.Database, sql: str) -> bool:
    try:
        with writing(db):
            db.execute_sql(sql)
    except peewee.ProgrammingError as exc:
        return "permission denied" in str(exc)
    return False


def test_the_apps_role_works_but_cannot_touch_the_log(
    roles: tuple[str, str, str], tmp_path: Path
) -> None:
    owner, app, schema = roles
    made = viver(tmp_path, "init", "--app-role", app, VIVER_DATABASE=_as(owner, schema))
    assert made.returncode == 0, made.stderr
    assert f"«{app}» har appens rettigheter" in made.stdout
    # A day at the counter, as the terminals' role.
    db = open_database(_as(app, schema))
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    counter = staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357",
                        by=admin)
    kari = customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                              counter).id
    customers.open_card(db, kari, counter)
    customers.record_list_shown(db, counter, [kari])
    order = intake.open_order(db, kari, "disk")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), Settings().media_kinds,
                      "disk")
    intake.confirm_order(db, order.id, OrderDetails("A1", "", ""), "disk")
    QueueWorker(db, Settings(spool_dir=tmp_path / "spool")).run_once()
    with pytest.raises(privacy.ErasureRefused):
        privacy.erase_customer(db, kari, admin)
    privacy.export_customer(db, kari, admin, tmp_path / "innsyn")
    privacy.access_log_page(db, admin)
    ola = customers.register(db, CustomerInput(name="Ola Hansen", phone="92345678"), counter).id
    privacy.erase_customer(db, ola, admin)
    # The log cannot be changed, emptied or cut, nor its chain restarted …
    for sql in ("DELETE FROM audit_event WHERE seq = 3",
                "UPDATE audit_event SET staff = 'xx' WHERE seq = 3",
                "TRUNCATE audit_event",
                "DELETE FROM audit_list_member",
                "UPDATE audit_list_member SET customer_id = 0",
                "TRUNCATE audit_list_member",
                "DELETE FROM audit_chain_head",
                "INSERT INTO audit_chain_head (id, seq, row_hash) VALUES (2, 0, '')",
                "UPDATE schema_info SET value = '1'",
                "CREATE TABLE audit_event_copy (id int)"):
        assert _refused(db, sql), sql
    # … and the work goes on.
    customers.open_card(db, kari, counter)
    with writing(db):
        entries = db.execute_sql("SELECT COUNT(*) FROM audit_event").fetchone()[0]
    db.close()
    report = check_database(_as(app, schema))
    assert report.ok, report.findings
    assert f"{entries} oppføringer i kjede" in report.checks
    # A broader grant made by hand is taken back by the next `viver init` (an upgrade).
    owned = open_database(_as(owner, schema))
    with writing(owned):
        owned.execute_sql(f'GRANT DELETE ON audit_event TO "{app}"')
    owned.close()
    again = viver(tmp_path, "init", VIVER_DATABASE=_as(owner, schema))
    assert again.returncode == 0, again.stderr
    db = open_database(_as(app, schema))
    assert _refused(db, "DELETE FROM audit_event WHERE seq = 3")
    with writing(db):
        audit.record("disk", "view", kari, details="card")  # still appends
    db.close()


def test_granting_as_the_apps_role_or_on_sqlite_is_one_line(
    roles: tuple[str, str, str], tmp_path: Path
) -> None:
    owner, app, schema = roles
    made = viver(tmp_path, "init", "--app-role", app, VIVER_DATABASE=_as(owner, schema))
    assert made.returncode == 0
    result = viver(tmp_path, "init", "--app-role", app, VIVER_DATABASE=_as(app, schema))
    assert result.returncode == 2
    assert "eier ikke tabellen" in result.stderr and "som eieren av tabellene" in result.stderr
    assert "Traceback" not in result.stderr
    sqlite = viver(tmp_path, "init", "--app-role", app)
    assert sqlite.returncode == 2 and "bare PostgreSQL" in sqlite.stderr



def test_the_operations_guide_states_the_grants_viver_init_gives() -> None:
    """docs/operations.md tells a shop what the terminals' role may do: every table it
    is restricted on is named there with exactly those privileges (the index of the
    log's lists was missing), and no other."""
    import re

    from viver_tui.migrations.roles import RESTRICTED

    guide = " ".join((Path(__file__).parents[1] / "docs" / "operations.md").read_text().split())
    start = guide.index("The app's role owns nothing")
    said = guide[start:guide.index("nobody else may create tables", start)]
    stated: dict[str, tuple[str, ...]] = {}
    for clause in re.finditer(r"on ([^,—]*?) only ([A-Z]+(?: and [A-Z]+)*)", said):
        for table in re.findall(r"`(\w+)`", clause[1]):
            stated[table] = tuple(clause[2].split(" and "))
    assert stated == RESTRICTED
