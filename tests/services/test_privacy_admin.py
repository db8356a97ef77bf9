"""The services behind the admin screens: the access log a page at a time, the innsyn
requests list, marking a request answered. Real SQLite files and the real PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.signing_in import as_staff
from viver_tui.errors import NotFound, ValidationError
from viver_tui.models import AuditEvent
from viver_tui.services import customers, privacy, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.staff import NotAllowed


def _reads(db) -> list[AuditEvent]:
    with db.connection_context():
        return list(
            AuditEvent.select().where(AuditEvent.action == "read_log").order_by(AuditEvent.id)
        )


def _seed_log(db, at: datetime) -> None:
    """A log with ties on the time (the paging must neither skip nor repeat them)."""
    rows = []
    for i in range(25):
        rows.append(dict(at=at + timedelta(minutes=i // 3), staff="disk" if i % 2 else "KN",
                         action="view" if i % 5 else "erase", subject="customer",
                         subject_id=100 + i % 4, details=""))
    with db.connection_context():
        AuditEvent.insert_many(rows).execute()


def test_the_access_log_pages_newest_first_without_gaps_or_repeats(db, admin, counter):
    start = datetime(2026, 11, 2, 9, 0)
    end = start + timedelta(hours=1)  # the staff were added today, outside the window
    _seed_log(db, start)
    with db.connection_context():
        expected = [
            e.id for e in AuditEvent.select()
            .where((AuditEvent.at >= start) & (AuditEvent.at < end))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        ]
    seen: list[int] = []
    before = None
    pages = 0
    while True:
        page = privacy.access_log_page(db, admin, since=start, until=end, before=before,
                                      limit=4)
        pages += 1
        seen += [r.id for r in page.rows]
        if page.older is None:
            break
        before = page.older
    assert seen == expected and len(seen) == 25
    assert pages == 7  # 6 full pages and one of 1
    reads = _reads(db)
    assert len(reads) == pages  # every page read is itself logged
    assert reads[0].details == "filters=since,until"
    assert reads[1].details == "filters=since,until,page"
    assert {r.staff for r in reads} == {"adm"} and {r.subject for r in reads} == {"audit_log"}


def test_the_access_log_filters_by_person_customer_action_and_dates(db, admin):
    start = datetime(2026, 11, 2, 9, 0)
    _seed_log(db, start)
    by_kn = privacy.access_log_page(db, admin, person=" kn ", since=start)
    assert len(by_kn.rows) == 13 and {r.staff for r in by_kn.rows} == {"KN"}  # case-blind
    one = privacy.access_log_page(db, admin, customer_id=101, since=start)
    assert {r.subject_id for r in one.rows} == {101} and len(one.rows) == 6
    erased = privacy.access_log_page(db, admin, action="erase", until=start + timedelta(hours=1))
    assert [r.action for r in erased.rows] == ["erase"] * 5
    window = privacy.access_log_page(
        db, admin, since=start + timedelta(minutes=2), until=start + timedelta(minutes=4)
    )
    assert {r.at for r in window.rows} == {start + timedelta(minutes=2),
                                           start + timedelta(minutes=3)}
    assert [r.at for r in window.rows] == sorted((r.at for r in window.rows), reverse=True)
    # The read names the filters used, never what was typed into them.
    assert [r.details for r in _reads(db)][-1] == "filters=since,until"
    assert all("kn" not in r.details and "101" not in r.details for r in _reads(db))


def test_only_an_admin_reads_the_access_log(db, admin, counter):
    production = staff.add(db, name="Pia Prod", initials="prod", role="production", pin="9753",
                           by=admin)
    for who in (counter, production, None):
        with pytest.raises(NotAllowed):
            privacy.access_log_page(db, who)
    assert _reads(db) == []


def test_access_request_rows_for_the_admin_screen(db, admin, counter):
    kari = customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                              as_staff(db, "disk")).id
    ola = customers.register(db, CustomerInput(name="Ola Hansen", phone="92345678"),
        as_staff(db, "disk")).id
    late = privacy.register_access_request(db, kari, counter,
                                           received_on=date.today() - timedelta(days=45))
    fresh = privacy.register_access_request(db, ola, counter, received_on=date.today())
    with pytest.raises(NotAllowed):
        privacy.access_request_rows(db, counter)
    rows = privacy.access_request_rows(db, admin)
    assert [(r.request.id, r.customer_name) for r in rows] == [
        (late.id, "Kari Nordmann"), (fresh.id, "Ola Hansen")
    ]
    assert rows[0].request.overdue(date.today()) and not rows[1].request.overdue(date.today())
    privacy.erase_customer(db, kari, admin)
    answered = privacy.answer_access_request(db, late.id, admin, "utskrift")
    assert [r.request.id for r in privacy.access_request_rows(db, admin)] == [fresh.id]
    every = privacy.access_request_rows(db, admin, include_answered=True)
    assert [(r.request.id, r.customer_name) for r in every] == [
        (fresh.id, "Ola Hansen"), (late.id, f"Slettet kunde #{kari}")  # open ones first
    ]
    assert every[1].request == answered


def test_answer_access_request_is_admin_only_says_how_and_is_audited(db, admin, counter):
    cid = customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                             as_staff(db, "disk")).id
    request = privacy.register_access_request(db, cid, counter, received_on=date(2026, 10, 1))
    with pytest.raises(NotAllowed):
        privacy.answer_access_request(db, request.id, counter, "e-post")
    with pytest.raises(ValidationError) as empty:
        privacy.answer_access_request(db, request.id, admin, "   ")
    assert empty.value.field == "delivered_how"
    with pytest.raises(NotFound):
        privacy.answer_access_request(db, request.id + 99, admin, "e-post")
    done = privacy.answer_access_request(db, request.id, admin, " e-post ",
                                         answered_on=date(2026, 10, 20))
    assert (done.answered_on, done.delivered_how) == (date(2026, 10, 20), "e-post")
    with pytest.raises(ValidationError) as twice:
        privacy.answer_access_request(db, request.id, admin, "utskrift")
    assert "20.10.2026" in twice.value.message
    assert privacy.access_requests(db, admin, open_only=True) == []
    with db.connection_context():
        logged = [
            (e.staff, e.subject_id, e.details)
            for e in AuditEvent.select().where(AuditEvent.action == "access_request")
            .order_by(AuditEvent.id)
        ]
    assert logged == [("disk", cid, "received"), ("adm", cid, "answered")]
