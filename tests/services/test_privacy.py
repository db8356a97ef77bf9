"""Privacy: mailing list honours opt-out, erasure (retention-aware, zero bytes), innsyn,
consents, purge of what is due. Real SQLite files and the real PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import logging
import sqlite3
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import peewee
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.services.erasure_helpers import erased as erased_at_last
from tests.signing_in import as_staff
from viver_tui import models
from viver_tui.config import Settings
from viver_tui.db import is_sqlite, reading
from viver_tui.errors import NotFound, ValidationError
from viver_tui.models import (
    AuditEvent,
    Customer,
    CustomerSearchToken,
    MediaItem,
    Order,
    OrderEvent,
    PendingErasure,
    SchemaInfo,
)
from viver_tui.services import customers, intake, orders, pickup, privacy, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.print_worker import QueueWorker
from viver_tui.services.privacy import ErasureRefused
from viver_tui.services.staff import NotAllowed
from viver_tui.store import open_database

KINDS = Settings().media_kinds


def _customer(db, name: str, *, phone: str = "", email: str = "", opt_out: bool = False) -> int:
    data = CustomerInput(name=name, phone=phone, email=email, letters_opt_out=opt_out,
                         address="Storgata 1", postal_code="0155", city="Oslo")
    return customers.register(db, data, as_staff(db, "disk")).id


def _audit(db, action: str) -> list[AuditEvent]:
    with db.connection_context():
        return list(AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.id))


# --- mailing list ---------------------------------------------------------------------------


def test_mailing_list_leaves_out_opted_out_erased_and_without_email(db, admin, counter):
    _customer(db, "Kari Nordmann", email="kari@example.no")
    _customer(db, "Ola Reservert", email="ola@example.no", opt_out=True)
    _customer(db, "Telefon Bare", phone="91234567")
    gone = _customer(db, "Siri Slettes", email="siri@example.no")
    _customer(db, "Øystein Åsen", email="oystein@example.no", phone="41234567")
    privacy.erase_customer(db, gone, admin)
    out = io.StringIO()
    assert privacy.export_mailing_list(db, admin, out) == 2
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == ["navn", "epost", "adresse", "postnummer", "poststed"]
    assert rows[1:] == [
        ["Kari Nordmann", "kari@example.no", "Storgata 1", "0155", "Oslo"],
        ["Øystein Åsen", "oystein@example.no", "Storgata 1", "0155", "Oslo"],
    ]
    # Opting out later takes effect at the next export.
    kari = customers.search(db, "kari")[0]
    data = customers.input_from_view(customers.get(db, kari.id, as_staff(db, "disk")))
    customers.update(db, kari.id, replace(data, letters_opt_out=True), as_staff(db, "disk"))
    again = io.StringIO()
    assert privacy.export_mailing_list(db, admin, again) == 1
    assert "kari@example.no" not in again.getvalue()
    with pytest.raises(NotAllowed):
        privacy.export_mailing_list(db, counter, io.StringIO())
    exports = _audit(db, "export")
    assert [(e.subject, e.staff, e.details) for e in exports] == [
        ("mailing_list", "adm", "mailing_list rows=2"),
        ("mailing_list", "adm", "mailing_list rows=1"),
    ]



# --- erasure --------------------------------------------------------------------------------

NAME = "Kari Nordmann Ødegård"
PHONE = "91234567"
EMAIL = "kari.nordmann@example.no"
# Every form the person's data could take in the store: as typed, casefolded (search
# keys), digits reversed (phone search key), E.164, and CP865 (what the printer got).
NEEDLES = [
    NAME.encode(), NAME.encode("cp865"), b"Nordmann", b"nordmann", "Ødegård".encode(),
    "ødegård".encode(), "Ødegård".encode("cp865"), "ødegård".encode("cp865"),
    PHONE.encode(), PHONE[::-1].encode(), b"+47" + PHONE.encode(), b"912 34 567",
    EMAIL.encode(), b"kari.nordmann",
]


@pytest.fixture
def shop(tmp_path: Path, db: peewee.Database) -> Settings:
    # This machine's terminal: the one the services' print requests name by default.
    return replace(Settings(), spool_dir=tmp_path / "spool")


def _delivered_order(db, shop: Settings, name: str = NAME, phone: str = PHONE,
                     email: str = EMAIL, deliver: bool = True):
    """A customer whose data is everywhere: notes, inscriptions, history, printed labels
    and receipts in the spool folder; every original handed back."""
    cid = customers.register(db, CustomerInput(name=name, phone=phone, email=email,
                                               address="Storgata 1"), as_staff(db, "disk")).id
    first = name.split()[0]
    spaced = f"{phone[:3]} {phone[3:5]} {phone[5:]}"
    dotted = spaced.replace(" ", ".")
    order = intake.open_order(db, cid, "disk")
    intake.add_medium(db, order.id, MediumInput("vhs", description=f"Bryllup {name}",
                                                condition=f"{first}s eske"), KINDS, "disk")
    intake.add_medium(db, order.id, MediumInput("vhs", description="Karianne 1987"), KINDS,
                      "disk")
    order = intake.confirm_order(
        db, order.id,
        OrderDetails(shelf="A1", notes=f"Ring {first} på {spaced} / {email}. Karianne er søster."),
        "disk",
    )
    orders.add_note(db, order.id, f"{name} ringte fra +47 {dotted}, ny e-post {email}", "prod")
    QueueWorker(db, shop).run_once()
    if deliver:
        for medium in order.media:
            hand_back(db, order.id, medium.code)
        pickup.end_visit(db, order.id, "disk")
        QueueWorker(db, shop).run_once()
    return cid, order


def _rows_holding(needles: list[str]) -> list[str]:
    """Row-level search of every text and blob column of every table (both stores)."""
    found = []
    lowered = [n.casefold() for n in needles]
    for model in models.MODELS:
        for field in model._meta.sorted_fields:
            if not isinstance(field, peewee.CharField | peewee.TextField | peewee.BlobField):
                continue
            for (value,) in model.select(field).tuples():
                if value is None:
                    continue
                text = bytes(value).decode("utf-8", "replace") if isinstance(
                    field, peewee.BlobField) else value
                text = text.casefold()
                found += [f"{model.__name__}.{field.name}: {n}" for n in lowered if n in text]
    return found


def test_erasure_refused_while_originals_are_in_the_house(db, admin, shop):
    cid, order = _delivered_order(db, shop, deliver=False)
    with pytest.raises(ErasureRefused) as caught:
        privacy.erase_customer(db, cid, admin)
    message = caught.value.message
    assert message.startswith("Kan ikke slette kunden ennå:")
    assert f"ordre {order.number} er ikke levert (mottatt)" in message
    assert f"2 originaler er ikke utlevert ({order.media[0].code}, {order.media[1].code})" \
        in message
    hand_back(db, order.id, order.media[0].code)
    with pytest.raises(ErasureRefused, match=order.media[1].code):
        privacy.erase_customer(db, cid, admin)
    with db.connection_context():
        assert Customer.get_by_id(cid).name == NAME  # nothing changed
    # Closed with a medium missing: the order is settled, erasure may go on.
    pickup.close_with_missing(db, order.id, "Kunden har mistet kvitteringen, tapt", "disk")
    assert erased_at_last(db, cid, admin).finished


def test_only_an_admin_erases(db, admin, counter, shop):
    cid = _customer(db, "Per Hansen", email="per@example.no")
    with pytest.raises(NotAllowed):
        privacy.erase_customer(db, cid, counter)
    with pytest.raises(NotFound):
        privacy.erase_customer(db, 999_999, admin)


def test_erasure_keeps_orders_without_the_person(db, admin, shop):
    cid, order = _delivered_order(db, shop)
    keep = _customer(db, "Per Hansen", email="per@example.no")
    result = erased_at_last(db, cid, admin, spool_dir=shop.spool_dir)
    # two labels, the order form, the receipt and the return receipt
    assert result.finished and result.spool_files_deleted == 5
    assert result.message.startswith(f"Kunde #{cid} er slettet.")
    with db.connection_context():
        row = Customer.get_by_id(cid)
        assert row.name == f"Slettet kunde #{cid}"
        assert (row.phone, row.email, row.address, row.postal_code, row.city) == (None,) * 5
        assert row.erased_at is not None
        assert row.deletable_from == date(row.erased_at.year + 6, 1, 1)
        assert not CustomerSearchToken.select().where(CustomerSearchToken.customer == cid).exists()
        kept = Order.get_by_id(order.id)
        assert (kept.number, kept.estimate_ore, kept.customer_id) == (
            order.number, order.estimate_ore, cid)
        assert kept.received_on == order.received_on
        assert kept.deletable_from == date(date.today().year + 6, 1, 1)
        assert kept.notes == "Ring [slettet] på [slettet] / [slettet]. Karianne er søster."
        media = MediaItem.select().where(MediaItem.order == order.id).order_by(MediaItem.seq)
        assert [m.code for m in media] == [m.code for m in order.media]
        assert [m.description for m in media] == ["Bryllup [slettet]", "Karianne 1987"]
        notes = [e.note for e in OrderEvent.select().where(OrderEvent.note != "")]
        assert "[slettet] ringte fra [slettet], ny e-post [slettet]" in notes
        assert not PendingErasure.select().exists()
        assert _rows_holding([NAME, "Nordmann", "Ødegård", PHONE, EMAIL]) == []
        assert _rows_holding(["Per Hansen"])  # the search itself finds what is there
    assert customers.search(db, "Nordmann") == []
    assert [h.id for h in customers.search(db, "Per Hansen")] == [keep]
    assert list(shop.spool_dir.iterdir()) == []
    erased = _audit(db, "erase")
    assert [(e.staff, e.subject_id, e.details) for e in erased] == [("adm", cid, "")]
    again = privacy.erase_customer(db, cid, admin)
    assert again.finished and again.message == f"Kunde #{cid} er allerede slettet."
    if not is_sqlite(db):
        assert "PostgreSQL-serveren kan fortsatt ha" in result.message
        assert result.may_remain
        # The touched tables were rewritten (VACUUM FULL): tests/services/
        # test_erasure_postgres.py reads their files.


def test_redaction_finds_a_phone_number_however_written():
    pattern = privacy.redaction_pattern("Kari Nordmann", "+4791234567", "kari@example.no")
    for written in ("91234567", "912 34 567", "+47 912 34 567", "0047 91 23 45 67",
                    "912.34.567", "(+47) 912-34-567", "KARI@EXAMPLE.NO", "kari", "NORDMANN"):
        assert privacy.redact(f"x {written} y", pattern) == "x [slettet] y", written
    for other in ("912345678", "191234567", "Karianne", "Kario"):
        assert privacy.redact(other, pattern) == other


def _files_holding(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {n!r}" for n in NEEDLES if n in data]
    return found


def _store_files(db_path: Path, spool: Path) -> list[Path]:
    names = [db_path, Path(f"{db_path}-wal"), Path(f"{db_path}-shm")]
    return names + (sorted(spool.iterdir()) if spool.is_dir() else [])


@pytest.fixture
def sqlite_shop(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # where errors.log goes
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    db = open_database(sqlite_url)
    shop = replace(Settings(), spool_dir=tmp_path / "spool")
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    yield db, shop, admin, Path(db.database)
    db.close()


def _logs(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    text = caplog.text.encode()
    found = [f"log: {n!r}" for n in NEEDLES if n in text]
    return found + _files_holding([p for p in tmp_path.rglob("*.log")])


def test_erasure_leaves_zero_bytes_in_the_sqlite_files_spool_and_logs(
    sqlite_shop, tmp_path, caplog
):
    caplog.set_level(logging.INFO)  # what the app logs (peewee logs SQL at DEBUG only)
    db, shop, admin, path = sqlite_shop
    cid, _ = _delivered_order(db, shop)
    _delivered_order(db, shop, name="Per Hansen", phone="41234567", email="per@example.no")
    files = _store_files(path, shop.spool_dir)
    before = _files_holding(files)
    assert any("viver.db" in f for f in before) and any(".escpos" in f for f in before)
    result = privacy.erase_customer(db, cid, admin, spool_dir=shop.spool_dir)
    assert result.finished, result.message
    assert _files_holding(_store_files(path, shop.spool_dir)) == []
    assert _logs(tmp_path, caplog) == []
    # The other customer is still there, in the very bytes searched.
    everything = b"".join(p.read_bytes() for p in _store_files(path, shop.spool_dir)
                          if p.is_file())
    assert b"Per Hansen" in everything and b"per@example.no" in everything
    # secure_delete is on for every connection, also one opened later in another thread.
    seen: list[int] = []

    def probe() -> None:
        with reading(db):
            seen.append(db.execute_sql("PRAGMA secure_delete").fetchone()[0])

    worker = threading.Thread(target=probe)
    worker.start()
    worker.join()
    assert seen == [1]


def test_erasure_with_a_reader_reports_not_finished_then_finishes(sqlite_shop, tmp_path):
    db, shop, admin, path = sqlite_shop
    cid, _ = _delivered_order(db, shop)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT name FROM customer WHERE id = ?", (cid,)).fetchone() == (NAME,)
    result = privacy.erase_customer(db, cid, admin, spool_dir=shop.spool_dir)
    assert not result.finished
    assert "ikke ferdig slettet" in result.message and "er slettet" not in result.message
    with db.connection_context():
        assert [p.customer_id for p in PendingErasure.select()] == [cid]
    assert _files_holding([path, Path(f"{path}-wal")])  # the old bytes are still there
    # Still busy: finishing is refused again, honestly.
    assert [r.finished for r in privacy.finish_pending_erasures(db, spool_dir=shop.spool_dir)] \
        == [False]
    reader.execute("COMMIT")
    reader.close()
    finished = privacy.finish_pending_erasures(db, spool_dir=shop.spool_dir)
    assert [(r.customer_id, r.finished) for r in finished] == [(cid, True)]
    assert _files_holding(_store_files(path, shop.spool_dir)) == []
    assert privacy.finish_pending_erasures(db) == []


# --- retention ------------------------------------------------------------------------------


def test_sales_records_may_go_five_years_after_the_fiscal_year():
    assert privacy.deletable_from(date(2026, 1, 1)) == date(2032, 1, 1)
    assert privacy.deletable_from(date(2026, 12, 31)) == date(2032, 1, 1)
    assert privacy.deletable_from(date(2027, 1, 1)) == date(2033, 1, 1)


def test_purge_expired_removes_erased_customers_records_when_due(db, admin, counter, shop):
    cid, order = _delivered_order(db, shop)
    _other, other_order = _delivered_order(db, shop, name="Per Hansen", phone="41234567",
                                          email="per@example.no")
    privacy.erase_customer(db, cid, admin, spool_dir=shop.spool_dir)
    due = date(date.today().year + 6, 1, 1)
    before = privacy.purge_expired(db, admin, today=due.replace(year=due.year - 1, month=12,
                                                                 day=31))
    assert (before.order_numbers, before.customer_ids) == ((), ())
    dry = privacy.purge_expired(db, admin, today=due, dry_run=True)
    assert (dry.order_numbers, dry.customer_ids, dry.dry_run) == ((order.number,), (cid,), True)
    with db.connection_context():
        assert Order.select().where(Order.id == order.id).exists()
    with pytest.raises(NotAllowed):
        privacy.purge_expired(db, counter, today=due)
    done = privacy.purge_expired(db, admin, today=due)
    assert (done.order_numbers, done.customer_ids) == ((order.number,), (cid,))
    with db.connection_context():
        assert not Order.select().where(Order.id == order.id).exists()
        assert not MediaItem.select().where(MediaItem.order == order.id).exists()
        assert not Customer.select().where(Customer.id == cid).exists()
        # A customer who was not erased keeps everything, however old.
        assert Order.select().where(Order.id == other_order.id).exists()
    assert [e.details for e in _audit(db, "purge")] == ["orders=1 customers=1"]
    assert privacy.purge_expired(db, admin, today=due).order_numbers == ()


# --- consents -------------------------------------------------------------------------------


def test_consent_given_withdrawn_and_given_again(db, admin, counter):
    cid = _customer(db, "Kari Nordmann", email="kari@example.no")
    production = staff.add(db, name="Pia Prod", initials="prod", role="production", pin="1111",
                           by=admin)
    given = privacy.give_consent(db, cid, "streaming", counter)
    assert given.active and given.text_version == privacy.CONSENT_VERSION
    assert given.text.startswith("Jeg samtykker til at mediefilene") and given.given_by == "disk"
    assert privacy.give_consent(db, cid, "streaming", counter).id == given.id  # no double
    assert privacy.has_consent(db, cid, "streaming")
    assert not privacy.has_consent(db, cid, "sample")
    withdrawn = privacy.withdraw_consent(db, cid, "streaming", admin)
    assert withdrawn is not None and not withdrawn.active and withdrawn.withdrawn_by == "adm"
    assert not privacy.has_consent(db, cid, "streaming")
    assert privacy.withdraw_consent(db, cid, "streaming", admin) is None
    privacy.give_consent(db, cid, "streaming", counter)
    assert [c.active for c in privacy.consents_for(db, cid)] == [False, True]
    with pytest.raises(ValidationError):
        privacy.give_consent(db, cid, "sell_to_others", counter)
    with pytest.raises(NotAllowed):
        privacy.give_consent(db, cid, "sample", production)
    assert [e.details for e in _audit(db, "consent_given")] == [
        f"streaming {privacy.CONSENT_VERSION}", f"streaming {privacy.CONSENT_VERSION}"
    ]
    assert len(_audit(db, "consent_withdrawn")) == 1
    privacy.erase_customer(db, cid, admin)
    assert privacy.consents_for(db, cid) == []


# --- innsyn ---------------------------------------------------------------------------------


def test_innsyn_writes_everything_held_and_answers_the_request(db, admin, counter, shop,
                                                               tmp_path):
    cid, order = _delivered_order(db, shop)
    privacy.give_consent(db, cid, "keep_past_warranty", counter)
    request = privacy.register_access_request(db, cid, counter, received_on=date(2026, 1, 31))
    assert request.deadline == date(2026, 2, 28)
    assert request.overdue(date(2026, 3, 1)) and not request.overdue(date(2026, 2, 28))
    assert [r.id for r in privacy.access_requests(db, admin, open_only=True)] == [request.id]
    with pytest.raises(NotAllowed):
        privacy.export_customer(db, cid, counter, tmp_path / "out")
    done = privacy.export_customer(db, cid, admin, tmp_path / "innsyn", delivered_how="e-post",
                                   today=date(2026, 2, 10))
    assert done.request.id == request.id and done.request.answered_on == date(2026, 2, 10)
    assert done.request.delivered_how == "e-post"
    assert privacy.access_requests(db, admin, open_only=True) == []
    for path in (done.json_path, done.text_path):
        assert path.stat().st_mode & 0o777 == 0o600
    data = json.loads(done.json_path.read_text(encoding="utf-8"))
    assert data["customer"]["name"] == NAME and data["customer"]["phone"] == "+47" + PHONE
    assert data["customer"]["email"] == EMAIL
    [exported] = data["orders"]
    assert exported["number"] == order.number and "Karianne er søster" in exported["notes"]
    assert [m["code"] for m in exported["media"]] == [m.code for m in order.media]
    assert all(m["status"] == "returned" and m["returned_by"] == "disk" for m in exported["media"])
    assert any(e["action"] == "returned" for e in exported["media"][0]["history"])
    assert any(NAME in e["note"] for e in exported["history"])
    assert {j["kind"] for j in exported["print_jobs"]} >= {"media_label", "receipt",
                                                          "return_receipt"}
    assert [c["purpose"] for c in data["consents"]] == ["keep_past_warranty"]
    assert {"create", "consent_given", "access_request"} <= {e["action"]
                                                            for e in data["access_log"]}
    assert data["access_requests"][0]["received_on"] == "2026-01-31"
    text = done.text_path.read_text(encoding="utf-8")
    for expected in ("Innsyn: opplysninger vi har om deg", f"Navn: {NAME}", f"Ordre {order.number}",
                     f"Medium {order.media[0].code}", "Samtykker (1)", "Tilgangslogg",
                     "oppbevares hos Viverfilm AS også etter garantiperioden", "frist 28.02.2026",
                     "Telefon: +47 912 34 567", "Status: utlevert", "Prisoverslag: kr "):
        assert expected in text, expected
    assert [(e.details, e.subject_id) for e in _audit(db, "export")] == [("innsyn", cid)]
    # With no request registered, the export registers one, received and answered today.
    again = privacy.export_customer(db, cid, admin, tmp_path / "innsyn2")
    assert again.request.received_on == again.request.answered_on == date.today()
    assert again.request.deadline == privacy.one_month_after(date.today())


async def test_the_app_finishes_pending_erasures_when_it_starts(sqlite_shop, settings):
    from tests.screens.helpers import wait_for
    from viver_tui.app import make_app

    db, shop, admin, path = sqlite_shop
    cid, _ = _delivered_order(db, shop)
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM customer").fetchone()
    assert not privacy.erase_customer(db, cid, admin, spool_dir=shop.spool_dir).finished
    reader.execute("COMMIT")
    reader.close()
    db.close()
    app = make_app(replace(settings, spool_dir=shop.spool_dir), open_database_later=True)
    async with app.run_test(size=(120, 36)):
        assert await wait_for(lambda: app.print_queue is not None)  # opened (and finished)
        with reading(app.db):
            assert not PendingErasure.select().exists()
    assert _files_holding(_store_files(path, shop.spool_dir)) == []


def test_migration_6_brings_a_version_5_database_up_to_date(db):
    from playhouse.migrate import SchemaMigrator, migrate

    from viver_tui import migrations
    from viver_tui.migrations import m0006_privacy
    from viver_tui.models import AccessRequest, Consent, Staff

    cid = _customer(db, "Kari Nordmann", email="kari@example.no")
    with reading(db):  # make it look like a shop at version 5
        migrator = SchemaMigrator.from_database(db)
        db.drop_tables([Staff, Consent, AccessRequest, PendingErasure])
        migrate(
            migrator.drop_column("customer", "erased_at"),
            migrator.drop_column("customer", "deletable_from"),
            migrator.drop_column("order", "deletable_from"),
        )
        SchemaInfo.update(value="5").where(SchemaInfo.key == migrations.VERSION_KEY).execute()
        assert "staff" not in db.get_tables()
        version = migrations.check_and_upgrade(db, migrations={6: m0006_privacy.apply})
        assert version == m0006_privacy.VERSION == 6
        assert {"staff", "consent", "access_request", "pending_erasure"} <= set(db.get_tables())
        row = Customer.get_by_id(cid)
        assert (row.name, row.erased_at, row.deletable_from) == ("Kari Nordmann", None, None)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    assert erased_at_last(db, cid, admin).finished


def test_erasure_in_a_database_without_a_wal_finishes():
    db = open_database("sqlite:///:memory:")  # journal_mode memory: checkpoint says (0,-1,-1)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    cid = _customer(db, "Kari Nordmann", email="kari@example.no")
    assert privacy.erase_customer(db, cid, admin).finished
    db.close()


@given(
    digits=st.from_regex(r"[49][0-9]{7}", fullmatch=True),
    separators=st.lists(st.sampled_from(["", " ", "-", ".", "  "]), min_size=7, max_size=7),
    prefix=st.sampled_from(["", "+47", "+47 ", "0047", "0047-", "(+47) "]),
    before=st.sampled_from(["", "Ring ", "tlf: ", "\n"]),
    after=st.sampled_from(["", " i kveld", ".", ", takk"]),
)
def test_a_phone_number_is_redacted_however_it_is_written(digits, separators, prefix, before,
                                                          after):
    written = prefix + "".join(d + s for d, s in zip(digits, [*separators, ""], strict=True))
    pattern = privacy.redaction_pattern("Kari Nordmann", "+47" + digits, None)
    assert privacy.redact(f"{before}{written}{after}", pattern) == f"{before}[slettet]{after}"


def test_erasure_names_upgrade_backups_that_may_still_hold_the_customer(sqlite_shop):
    db, _shop, admin, path = sqlite_shop
    cid = _customer(db, "Kari Nordmann", email="kari@example.no")
    Path(f"{path}.before-v5.bak").write_bytes(b"SQLite format 3\0")
    result = privacy.erase_customer(db, cid, admin)
    assert result.finished
    assert result.may_remain == (
        "Sikkerhetskopier fra oppgraderinger kan fortsatt inneholde kunden: "
        "viver.db.before-v5.bak.",
    )
    assert result.message.endswith(result.may_remain[0])


def hand_back(db: peewee.Database, order_id: int, code: str) -> None:
    """One original goes back over the counter (the order is handed out unfinished)."""
    pickup.release(db, order_id, "disk", accepted=True)
    assert pickup.scan(db, order_id, code, "disk").outcome == "returned"
