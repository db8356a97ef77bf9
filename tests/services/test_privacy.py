"""Privacy: mailing list honours opt-out, erasure (retention-aware, zero bytes), innsyn,
consents, purge of what is due. Real SQLite files and the real PostgreSQL."""

from __future__ import annotations

import csv
import io
import logging
import sqlite3
import threading
from datetime import date
from dataclasses import replace
from pathlib import Path

import peewee
import pytest

from viver_tui import models
from viver_tui.config import Settings
from viver_tui.db import open_database, reading
from viver_tui.errors import NotFound
from viver_tui.models import (
    AuditEvent,
    Customer,
    CustomerSearchToken,
    MediaItem,
    Order,
    OrderEvent,
    PendingErasure,
)
from viver_tui.printing.queue import QueueWorker
from viver_tui.services import customers, intake, orders, pickup, print_requests, privacy, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.privacy import ErasureRefused
from viver_tui.services.staff import NotAllowed, StaffView

KINDS = Settings().media_kinds


@pytest.fixture
def admin(db: peewee.Database) -> StaffView:
    return staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)


@pytest.fixture
def counter(db: peewee.Database, admin: StaffView) -> StaffView:
    return staff.add(db, name="Per Skranke", initials="disk", role="counter", pin="1357", by=admin)


def _customer(db, name: str, *, phone: str = "", email: str = "", opt_out: bool = False) -> int:
    data = CustomerInput(name=name, phone=phone, email=email, letters_opt_out=opt_out,
                         address="Storgata 1", postal_code="0155", city="Oslo")
    return customers.register(db, data, "disk").id


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
    data = customers.input_from_view(customers.get(db, kari.id, "disk"))
    customers.update(db, kari.id, replace(data, letters_opt_out=True), "disk")
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
    print_requests.set_terminal("skranke-1")
    return replace(Settings(), spool_dir=tmp_path / "spool", terminal="skranke-1")


def _delivered_order(db, shop: Settings, name: str = NAME, phone: str = PHONE,
                     email: str = EMAIL, deliver: bool = True):
    """A customer whose data is everywhere: notes, inscriptions, history, printed labels
    and receipts in the spool folder; every original handed back."""
    cid = customers.register(db, CustomerInput(name=name, phone=phone, email=email,
                                               address="Storgata 1"), "disk").id
    first = name.split()[0]
    spaced, dotted = f"{phone[:3]} {phone[3:5]} {phone[5:]}", f"{phone[:3]}.{phone[3:5]}.{phone[5:]}"
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
            pickup.return_item(db, order.id, medium.code, "disk")
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
    assert f"2 original(er) er ikke utlevert ({order.media[0].code}, {order.media[1].code})" \
        in message
    pickup.return_item(db, order.id, order.media[0].code, "disk")
    with pytest.raises(ErasureRefused, match=order.media[1].code):
        privacy.erase_customer(db, cid, admin)
    with db.connection_context():
        assert Customer.get_by_id(cid).name == NAME  # nothing changed
    # Closed with a medium missing: the order is settled, erasure may go on.
    pickup.close_with_missing(db, order.id, "Kunden har mistet kvitteringen, tapt", "disk")
    assert privacy.erase_customer(db, cid, admin).finished


def test_only_an_admin_erases(db, admin, counter, shop):
    cid = _customer(db, "Per Hansen", email="per@example.no")
    with pytest.raises(NotAllowed):
        privacy.erase_customer(db, cid, counter)
    with pytest.raises(NotFound):
        privacy.erase_customer(db, 999_999, admin)


def test_erasure_keeps_orders_without_the_person(db, admin, shop):
    cid, order = _delivered_order(db, shop)
    keep = _customer(db, "Per Hansen", email="per@example.no")
    result = privacy.erase_customer(db, cid, admin, spool_dir=shop.spool_dir)
    # two labels, the order form, the receipt and the return receipt
    assert result.finished and result.spool_files_deleted == 5
    assert result.message.startswith(f"Kunde #{cid} er slettet.")
    with db.connection_context():
        row = Customer.get_by_id(cid)
        assert row.name == f"Slettet kunde #{cid}"
        assert (row.phone, row.email, row.address, row.postal_code, row.city) == (None,) * 5
        assert row.erased_at is not None and row.deletable_from == date(row.erased_at.year + 6, 1, 1)
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
    if not privacy.is_sqlite(db):
        assert "PostgreSQL-serveren kan fortsatt ha" in result.message
        assert result.may_remain


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
    print_requests.set_terminal("skranke-1")
    shop = replace(Settings(), spool_dir=tmp_path / "spool", terminal="skranke-1")
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
