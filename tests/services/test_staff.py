"""Staff: argon2 PINs, the first admin, roles, growing delay after wrong PINs, audit."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import peewee
import pytest

from viver_tui.db import writing
from viver_tui.errors import FormErrors, NotFound, ValidationError
from viver_tui.models import AuditEvent, Staff
from viver_tui.services import demo, privacy, staff
from viver_tui.services.staff import NotAllowed


def _admin(db: peewee.Database) -> staff.StaffView:
    return staff.add(db, name="Åse Ødegård", initials="AO", role="admin", pin="2468", by=None)


def _log(db: peewee.Database, action: str) -> list[AuditEvent]:
    with db.connection_context():
        return list(
            AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id)
        )


def test_first_staff_needs_no_sign_in_but_must_be_admin(db):
    assert not staff.has_staff(db)
    with pytest.raises(ValidationError, match="administrator"):
        staff.add(db, name="Per", initials="pe", role="counter", pin="1234", by=None)
    admin = _admin(db)
    assert (admin.initials, admin.role, admin.is_admin) == ("ao", "admin", True)
    assert staff.has_staff(db)
    # From now on only a signed-in admin adds staff.
    with pytest.raises(NotAllowed):
        staff.add(db, name="Per", initials="pe", role="counter", pin="1234", by=None)
    counter = staff.add(db, name="Per", initials="pe", role="counter", pin="1234", by=admin)
    with pytest.raises(NotAllowed, match="skranke"):
        staff.add(db, name="Ola", initials="ol", role="counter", pin="1234", by=counter)
    assert [s.initials for s in staff.list_staff(db)] == ["ao", "pe"]
    added = _log(db, "staff_add")
    assert [(e.staff, e.subject) for e in added] == [("ao", "staff"), ("ao", "staff")]


def test_pin_is_stored_as_an_argon2_hash_only(db):
    _admin(db)
    with db.connection_context():
        row = Staff.get(Staff.initials == "ao")
    assert row.pin_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")  # OWASP's setting
    assert "2468" not in row.pin_hash


def test_a_pin_hashed_with_older_settings_signs_in_and_is_hashed_anew(db):
    """Staff added before the OWASP setting keep their PIN: argon2-cffi's default
    (64 MiB, 3 passes, 4 lanes) still verifies, and the right PIN re-hashes it."""
    from argon2 import PasswordHasher

    _admin(db)
    with writing(db):
        Staff.update(pin_hash=PasswordHasher().hash("2468")).where(
            Staff.initials == "ao").execute()
    assert staff.verify_pin(db, "ao", "2468").ok
    with db.connection_context():
        row = Staff.get(Staff.initials == "ao")
    assert row.pin_hash.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert staff.verify_pin(db, "ao", "2468").ok


def test_input_is_checked(db):
    admin = _admin(db)
    with pytest.raises(FormErrors) as caught:
        staff.add(db, name="", initials="x", role="boss", pin="12a4", by=admin)
    assert set(caught.value.errors) == {"name", "initials", "role", "pin"}
    with pytest.raises(ValidationError, match="allerede i bruk"):
        staff.add(db, name="Anne Olsen", initials="ao", role="counter", pin="1111", by=admin)


def test_verify_pin_and_growing_delay(db):
    _admin(db)
    now = datetime(2026, 11, 25, 12, 0, 0)
    ok = staff.verify_pin(db, "AO", "2468", now=now)
    assert ok.ok and ok.staff is not None and ok.staff.initials == "ao" and ok.delay_s == 0
    delays = []
    for _ in range(5):
        result = staff.verify_pin(db, "ao", "0000", now=now)
        assert not result.ok and result.staff is None
        delays.append(result.delay_s)
        now += timedelta(seconds=result.delay_s)  # the caller waits as told
    assert delays == [0, 0, 1, 2, 4]
    assert "Feil PIN" in result.message and "Vent 4 s" in result.message
    # Trying again before the wait is over is refused without looking at the PIN.
    early = staff.verify_pin(db, "ao", "2468", now=now - timedelta(seconds=1))
    assert not early.ok and early.delay_s == pytest.approx(1)
    # After the wait the right PIN works and the count starts again.
    assert staff.verify_pin(db, "ao", "2468", now=now).ok
    assert staff.verify_pin(db, "ao", "0000", now=now).delay_s == 0
    assert [e.details for e in _log(db, "sign_in_failed")][:2] == ["wrong_pin 1", "wrong_pin 2"]
    assert len(_log(db, "sign_in")) == 2
    details = " ".join(e.details for e in _log(db, "sign_in_failed"))
    assert "2468" not in details and "0000" not in details


def test_delay_schedule_is_capped():
    assert [staff.delay_after(n) for n in range(1, 6)] == [0, 0, 1, 2, 4]
    assert staff.delay_after(40) == staff.MAX_DELAY_S


def test_unknown_and_disabled_staff_cannot_sign_in(db):
    admin = _admin(db)
    staff.add(db, name="Per", initials="pe", role="counter", pin="1234", by=admin)
    unknown = staff.verify_pin(db, "zz", "1234")
    assert not unknown.ok and unknown.message == "Ukjente initialer eller feil PIN."
    staff.disable(db, "pe", by=admin)
    assert not staff.verify_pin(db, "pe", "1234").ok
    assert [s.active for s in staff.list_staff(db)] == [True, False]
    assert [s.initials for s in staff.list_staff(db, include_disabled=False)] == ["ao"]
    assert [e.details for e in _log(db, "sign_in_failed")] == ["unknown", "disabled"]


def test_disable_and_reset_pin_need_an_admin_and_keep_one(db):
    admin = _admin(db)
    counter = staff.add(db, name="Per", initials="pe", role="counter", pin="1234", by=admin)
    with pytest.raises(NotAllowed):
        staff.disable(db, "ao", by=counter)
    with pytest.raises(NotAllowed):
        staff.reset_pin(db, "ao", "9999", by=counter)
    with pytest.raises(ValidationError, match="siste aktive administratoren"):
        staff.disable(db, "ao", by=admin)
    with pytest.raises(NotFound):
        staff.disable(db, "xx", by=admin)
    for _ in range(4):
        staff.verify_pin(db, "pe", "0000")
    staff.reset_pin(db, "pe", "4321", by=admin)
    assert not staff.verify_pin(db, "pe", "1234").ok
    assert staff.verify_pin(db, "pe", "4321").ok  # reset also cleared the wait
    assert len(_log(db, "pin_reset")) == 1


def test_require_role():
    now = datetime.now()
    prod = staff.StaffView(1, "P", "pr", "production", True, now, None)
    assert staff.require_role(prod, "production") is prod
    with pytest.raises(NotAllowed, match="produksjon"):
        staff.require_admin(prod)
    with pytest.raises(NotAllowed, match="logge inn"):
        staff.require_admin(None)


def test_demo_staff_where_their_initials_are_free(db):
    said: list[str] = []
    assert demo.add_demo_staff(db, said.append) == ("adm", "disk", "prod")
    assert "adm" in said[0] and "1234" in said[0]
    roles = {s.initials: s.role for s in staff.list_staff(db)}
    assert roles == {"adm": "admin", "disk": "counter", "prod": "production"}
    assert staff.verify_pin(db, "disk", demo.DEMO_PIN).ok
    assert demo.add_demo_staff(db, said.append) == ()
    assert "adm, disk, prod" in said[-1]  # taken: said so
    assert len(staff.list_staff(db)) == 3


def test_reading_the_access_log_is_for_admins_filtered_and_itself_logged(db):

    admin = _admin(db)
    counter = staff.add(db, name="Per", initials="pe", role="counter", pin="1234", by=admin)
    staff.verify_pin(db, "pe", "1234")
    staff.verify_pin(db, "pe", "0000")
    with pytest.raises(NotAllowed):
        privacy.read_access_log(db, counter)
    everything = privacy.read_access_log(db, admin)
    assert [e.action for e in everything] == ["sign_in_failed", "sign_in", "staff_add",
                                              "staff_add"]
    failed = privacy.read_access_log(db, admin, person="PE", action="sign_in_failed")
    assert [(e.staff, e.subject, e.subject_id) for e in failed] == [("pe", "staff", counter.id)]
    assert privacy.read_access_log(db, admin, since=datetime.now() + timedelta(days=1)) == []
    reads = _log(db, "read_log")
    assert [(e.staff, e.details) for e in reads] == [
        ("ao", "filters="), ("ao", "filters=person,action"), ("ao", "filters=since"),
    ]


def test_sign_in_choices_are_the_active_staff_by_name(db):
    admin = _admin(db)
    staff.add(db, name="per hansen", initials="ph", role="counter", pin="1234", by=admin)
    staff.add(db, name="Bodil Borte", initials="bb", role="production", pin="1234", by=admin)
    staff.add(db, name="Anne Aas", initials="aa", role="counter", pin="1234", by=admin)
    staff.disable(db, "bb", by=admin)
    # Sorted by name whatever the case or the store's collation; never a disabled one.
    assert staff.sign_in_choices(db) == [
        ("Anne Aas", "aa"), ("per hansen", "ph"), ("Åse Ødegård", "ao"),
    ]


def test_who_sees_contact_details(db):
    admin = _admin(db)
    counter = staff.add(db, name="Per", initials="pe", role="counter", pin="1234", by=admin)
    prod = staff.add(db, name="Pia", initials="pp", role="production", pin="1234", by=admin)
    assert [staff.sees_contact(w) for w in (admin, counter, prod)] == [True, True, False]
    assert staff.initials_of(prod) == "pp"
    staff.require_contact(counter)
    with pytest.raises(NotAllowed, match="produksjon"):
        staff.require_contact(prod)


def test_a_bare_string_is_nobody(db):
    """#17.2: ``Who = StaffView | str`` gave any string (``VIVER_STAFF``) full rights.
    Now a service call is made for a signed-in StaffView or an explicit system job;
    every rule refuses anything else."""
    from viver_tui.services import roles

    for rule in (roles.sees_contact, roles.initials_of, roles.require_contact,
                 lambda w: roles.may_print(w, "order_form"),
                 lambda w: roles.require_print(w, "document")):
        for nobody in ("adm", "TEST", "", b"adm", 0):
            with pytest.raises(TypeError):
                rule(nobody)
    with pytest.raises(TypeError):
        roles.require_role("adm", roles.ADMIN)  # type: ignore[arg-type]
    job = roles.SystemPrincipal("demo-data")
    assert roles.sees_contact(job) and roles.initials_of(job) == "(demo-data)"
    with pytest.raises(NotAllowed):  # a system job has no admin role
        roles.require_admin(job)  # type: ignore[arg-type]


@contextlib.contextmanager
def _row_held_on_postgres(db_url: str, initials: str, waiters: int) -> Iterator[None]:
    """On PostgreSQL, another session locks the staff row until ``waiters`` sessions
    wait behind it, so every attempt meets every other at the same moment: a claim
    read without ``FOR UPDATE`` reads the same count in all of them. (SQLite's
    BEGIN IMMEDIATE lines the attempts up by itself.)"""
    if db_url.startswith("sqlite"):
        yield
        return
    import psycopg2

    url = urlsplit(db_url)
    holder = psycopg2.connect(host=url.hostname, port=url.port, user=url.username,
                              dbname=url.path.lstrip("/"),
                              options=parse_qs(url.query)["options"][0])
    try:
        cur = holder.cursor()
        cur.execute("SELECT id FROM staff WHERE initials = %s FOR UPDATE", (initials,))
        cur.execute("SELECT pg_current_xact_id()::text, 'staff'::regclass::oid")
        xid, table = cur.fetchone()
        yield
        deadline = time.monotonic() + 60
        waiting = 0
        while waiting < waiters and time.monotonic() < deadline:
            cur.execute(
                "SELECT count(DISTINCT pid) FROM pg_locks WHERE NOT granted AND ("
                " (locktype = 'transactionid' AND transactionid::text = %s)"
                " OR (locktype = 'tuple' AND relation = %s))", (xid, table))
            waiting = cur.fetchone()[0]
            if waiting < waiters:
                time.sleep(0.005)  # polling the lock table, not waiting for time
        assert waiting == waiters, f"{waiting} of {waiters} sessions waited"
    finally:
        holder.rollback()
        holder.close()


def test_parallel_wrong_pins_are_claimed_before_the_hash_check(db, db_url):
    """#17.4: 12 simultaneous wrong PINs were all checked (``wrong_pin 1…12``, none
    waited): the wait was read before the slow hash check, outside the write lock.
    Now each attempt claims its place under the lock on the staff row first: at most
    ``MAX_CHECKS_BEFORE_WAIT`` reach the hash check, the rest are told to wait."""
    import threading

    from argon2 import PasswordHasher

    admin = _admin(db)
    staff.add(db, name="Per", initials="pe", role="counter", pin="1234", by=admin)
    checks: list[int] = []
    real_verify = PasswordHasher.verify

    def counted(self, hash_, password):  # argon2 itself, counted (not our code)
        checks.append(1)
        return real_verify(self, hash_, password)

    start = threading.Barrier(12)
    results: list[staff.SignIn] = []

    def attempt() -> None:
        start.wait()
        try:
            results.append(staff.verify_pin(db, "pe", "0000"))
        finally:
            db.close()

    PasswordHasher.verify = counted  # type: ignore[method-assign]
    try:
        threads = [threading.Thread(target=attempt) for _ in range(12)]
        with _row_held_on_postgres(db_url, "pe", waiters=12):
            for thread in threads:
                thread.start()
        for thread in threads:
            thread.join()
    finally:
        PasswordHasher.verify = real_verify  # type: ignore[method-assign]
    assert len(results) == 12 and not any(r.ok for r in results)
    allowed = staff.MAX_CHECKS_BEFORE_WAIT
    assert len(checks) <= allowed
    details = sorted(e.details for e in _log(db, "sign_in_failed"))
    checked = [d for d in details if d.startswith("wrong_pin")]
    assert checked == [f"wrong_pin {n}" for n in range(1, len(checked) + 1)]
    assert len(checked) == len(checks) <= allowed
    waited = [r for r in results if r.message.startswith("Vent")]
    assert len(waited) == 12 - len(checked) and all(r.delay_s > 0 for r in waited)
    assert details.count("waiting") == len(waited)
