"""PDFs kept as private files and the same bytes every time; the accountant's export
reconciling with the documents; documents after an erasure; a document printed by the
print queue."""

from __future__ import annotations

import csv
import io
import stat
from datetime import date, datetime
from pathlib import Path

import peewee
import pytest
from pypdf import PdfReader

from tests.services.documents_helpers import confirmed_order, customer, person, shop
from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.models import AuditEvent, Document, PrintJob
from viver_tui.printing.preview import render_text
from viver_tui.services import documents, intake, privacy
from viver_tui.services.documents import ProductLine, TillPayment
from viver_tui.services.documents.files import sha256
from viver_tui.services.print_worker import QueueWorker
from viver_tui.services.staff import NotAllowed
from viver_tui.store import open_database

NOW = datetime(2026, 11, 24, 10, 15)


@pytest.fixture
def now() -> object:
    with clock.pinned(NOW) as pinned:
        yield pinned


def test_a_pdf_is_kept_private_and_reprinted_byte_identical(
    sqlite_url: str, tmp_path: Path, now: object
) -> None:
    db = open_database(sqlite_url)
    settings = shop(tmp_path)
    desk = person(db, "disk", "counter")
    order = confirmed_order(db, settings, desk, customer(db, desk))
    invoice = documents.issue_invoice(db, order.id, settings, desk)
    first = documents.document_pdf(db, invoice.id, settings, desk)
    assert first.file_name == "videoverkstedet-faktura-1.pdf"  # no name of the customer
    assert first.path == settings.documents_dir / "videoverkstedet" / first.file_name
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(first.path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(settings.documents_dir.stat().st_mode) == 0o700
    with reading(db):
        assert Document.get_by_id(invoice.id).pdf_sha256 == sha256(first.data)
    assert "KID 0000000018" in PdfReader(io.BytesIO(first.data)).pages[0].extract_text()
    first.path.unlink()  # another terminal, a new machine: made again, the same bytes
    assert documents.document_pdf(db, invoice.id, settings, desk).data == first.data
    first.path.write_bytes(b"%PDF-1.3 altered")  # a changed file is not handed out
    assert documents.document_pdf(db, invoice.id, settings, desk).data == first.data
    with writing(db):
        Document.update(pdf_sha256="0" * 64).where(Document.id == invoice.id).execute()
    first.path.unlink()
    with pytest.raises(documents.PdfMismatch):
        documents.document_pdf(db, invoice.id, settings, desk)
    with reading(db):
        looks = AuditEvent.select().where(AuditEvent.details == "pdf invoice 1").count()
    assert looks == 3  # every PDF handed out is in the access log


def test_the_export_reconciles_with_the_documents(
    db: peewee.Database, tmp_path: Path, now: object
) -> None:
    settings = shop(tmp_path, credit_note_series="own")
    desk = person(db, "disk", "counter")
    boss = person(db, "adm", "admin")
    cid = customer(db, desk)
    first = documents.issue_invoice(
        db, confirmed_order(db, settings, desk, cid).id, settings, desk,
        products=[ProductLine("usb-32")], paid=[TillPayment("cash", 10000, "K-1")],
    )
    spoiled_order = confirmed_order(db, settings, desk, cid)
    spoiled = documents.issue_invoice(db, spoiled_order.id, settings, desk)
    documents.void_invoice(db, spoiled.id, settings, desk, "Feil kunde")
    third = documents.issue_invoice(db, spoiled_order.id, settings, desk)
    documents.record_payment(db, third.id, settings, desk)
    credit = documents.issue_credit_note(db, first.id, settings, desk, reason="Ripe",
                                         amount_ore=5000)
    other = documents.issue_invoice(
        db, confirmed_order(db, settings, desk, cid, company="viverfilm").id, settings, desk
    )
    out = tmp_path / "eksport"
    result = documents.export_invoices(db, settings, boss, date(2026, 11, 1),
                                       date(2026, 11, 30), out)
    assert result.documents == 5 and result.reconciles
    with result.csv_path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter=";"))
    by_doc: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for row in rows:
        by_doc.setdefault((row["selskap"], row["type"], row["nummer"]), []).append(row)
    assert sorted(by_doc) == [
        ("Videoverkstedet AS", "credit_note", "1"), ("Videoverkstedet AS", "invoice", "1"),
        ("Videoverkstedet AS", "invoice", "2"), ("Videoverkstedet AS", "invoice", "3"),
        ("Viverfilm AS", "invoice", "1"),
    ]
    for lines in by_doc.values():  # lines add up to the document's total
        total = sum(int(r["linjebelop"].replace(",", "")) for r in lines)
        assert f"{total / 100:.2f}".replace(".", ",") == lines[0]["sum_inkl_mva"]
    views = {v.id: v for v in (first, spoiled, third, credit, other)}
    for view in views.values():  # the export says what the documents say
        row = by_doc[("Videoverkstedet AS" if view.company == "videoverkstedet"
                      else "Viverfilm AS", view.kind, str(view.number))][0]
        assert row["sum_inkl_mva"] == f"{view.total_ore / 100:.2f}".replace(".", ",")
        assert row["kid"] == view.kid
    invoice_1 = by_doc[("Videoverkstedet AS", "invoice", "1")]
    assert [r["tekst"] for r in invoice_1][-1] == "USB-minnepinne 32 GB"
    assert invoice_1[0]["betalt_i_kasse"] == "cash 100,00 (K-1)"
    assert invoice_1[0]["kjoper"] == "Åse Ødegård"
    assert by_doc[("Videoverkstedet AS", "invoice", "2")][0]["status"] == "void"
    assert by_doc[("Videoverkstedet AS", "invoice", "2")][0]["annullert_grunn"] == "Feil kunde"
    assert by_doc[("Videoverkstedet AS", "credit_note", "1")][0]["krediterer"] == "1"
    with result.series_path.open(encoding="utf-8") as f:
        series = {(r["selskap"], r["serie"]): r for r in csv.DictReader(f, delimiter=";")}
    invoices = series[("videoverkstedet", "invoice")]
    assert (invoices["forste"], invoices["siste"], invoices["antall"]) == ("1", "3", "3")
    assert (invoices["annullerte_nummer"], invoices["mangler"]) == ("2", "")
    pdfs = sorted(p.name for p in result.pdf_dir.iterdir())
    assert pdfs == sorted(r[0]["pdf"] for r in by_doc.values())
    assert stat.S_IMODE(result.csv_path.stat().st_mode) == 0o600
    with reading(db):
        assert AuditEvent.select().where(
            (AuditEvent.action == "export") & (AuditEvent.subject == "invoices")
        ).count() == 1


def test_a_gap_in_a_series_shows_in_the_reconciliation(
    sqlite_url: str, tmp_path: Path, now: object
) -> None:
    """Numbers are never missing by the program's doing; a row removed behind its back
    (here by hand) shows as missing, which is what the reconciliation is for."""
    db = open_database(sqlite_url)
    settings = shop(tmp_path)
    desk, boss = person(db, "disk", "counter"), person(db, "adm", "admin")
    cid = customer(db, desk)
    made = [documents.issue_invoice(db, confirmed_order(db, settings, desk, cid).id, settings,
                                    desk) for _ in range(3)]
    with writing(db):
        Document.delete().where(Document.id == made[1].id).execute()
    result = documents.export_invoices(db, settings, boss, NOW.date(), NOW.date(),
                                       tmp_path / "x")
    assert not result.reconciles
    assert result.series[0].missing == (2,)


def test_after_an_erasure_documents_are_kept_restricted_until_due_then_purged(
    sqlite_url: str, tmp_path: Path, now: object
) -> None:
    db = open_database(sqlite_url)
    settings = shop(tmp_path)
    desk, boss = person(db, "disk", "counter"), person(db, "adm", "admin")
    cid = customer(db, desk)
    quote = documents.make_quote(db, cid, settings, desk, [documents.QuoteLineInput("vhs")])
    documents.print_document(db, quote.id, desk, terminal=settings.terminal)
    [spooled] = [o.spool_path for o in QueueWorker(db, settings).run_once()]
    assert spooled is not None and spooled.exists()
    order = confirmed_order(db, settings, desk, cid)
    invoice = documents.issue_invoice(db, order.id, settings, desk,
                                      paid=[TillPayment("card", 29900 + 50000, "K-9")])
    kept = documents.document_pdf(db, invoice.id, settings, desk)
    from viver_tui.services import pickup

    pickup.close_with_missing(db, order.id, "Kunden hentet alt", "disk")
    result = privacy.erase_customer(db, cid, boss, spool_dir=settings.spool_dir)
    assert "beholdes sperret til 01.01.2032" in result.message
    with reading(db):
        rows = list(Document.select().where(Document.customer == cid))
    assert {r.kind for r in rows} == {"quote", "invoice"}
    assert all(r.restricted_at is not None and r.deletable_from == date(2032, 1, 1)
               for r in rows)
    assert not spooled.exists()  # the quote's preview named the customer: gone with them
    with pytest.raises(NotAllowed, match="slettet kunde"):  # never used for contact
        documents.document_pdf(db, invoice.id, settings, desk)
    early = privacy.purge_expired(db, boss, today=date(2031, 12, 31),
                                  documents_dir=settings.documents_dir)
    assert early.documents == ()
    assert kept.path.exists()
    due = privacy.purge_expired(db, boss, today=date(2032, 1, 1),
                                documents_dir=settings.documents_dir)
    assert due.documents == (
        "videoverkstedet invoice 1", "videoverkstedet quote 1",
    )
    with reading(db):
        assert not Document.select().exists()
    assert not kept.path.exists()


def test_a_document_goes_through_the_print_queue_to_the_receipt_printer(
    sqlite_url: str, tmp_path: Path, now: object
) -> None:
    db = open_database(sqlite_url)
    settings = shop(tmp_path, terminal="skranke-1")
    desk = person(db, "disk", "counter")
    order = confirmed_order(db, settings, desk, customer(db, desk))
    invoice = documents.issue_invoice(db, order.id, settings, desk, print_receipt=True,
                                      terminal="skranke-1")
    worker = QueueWorker(db, settings)
    outcomes = [o for o in worker.run_once() if o.kind == "document"]
    assert [o.state for o in outcomes] == ["printed"]
    assert outcomes[0].code == "Faktura 1"
    text = render_text(outcomes[0].spool_path.read_bytes(), 48, "CP865")
    assert "Faktura 1" in text and "KID                                   0000000018" in text
    with reading(db):
        audit = AuditEvent.select().where(
            (AuditEvent.action == "print") & (AuditEvent.details == "invoice 1")
        ).count()
    assert audit == 1
    again = documents.print_document(db, invoice.id, desk, terminal="skranke-1")
    with reading(db):
        assert PrintJob.get_by_id(again).reprint


def test_every_kind_of_document_is_a_pdf_and_prints_on_request(
    db: peewee.Database, tmp_path: Path, now: object
) -> None:
    """Quote, order confirmation, invoice and credit note: each is a PDF on request and
    prints on the receipt printer (the preview here) with its own heading."""
    settings = shop(tmp_path)
    desk = person(db, "disk", "counter")
    cid = customer(db, desk)
    quote = documents.make_quote(db, cid, settings, desk, [documents.QuoteLineInput("vhs")])
    draft = intake.open_order(db, cid, desk.initials)
    intake.add_medium(db, draft.id, intake.MediumInput("vhs", "Jul 1990"),
                      settings.media_kinds, desk.initials)
    documents.confirm_order(db, draft.id, intake.OrderDetails(shelf="A1"), desk, settings)
    [confirmation] = documents.documents_for_order(db, draft.id, settings, desk)
    invoice = documents.issue_invoice(db, draft.id, settings, desk)
    credit = documents.issue_credit_note(db, invoice.id, settings, desk, reason="Ripe",
                                         amount_ore=1000)
    headings = {quote.id: "Tilbud 1", confirmation.id: f"Ordre {draft.number}",
                invoice.id: "Faktura 1", credit.id: "Kreditnota 1"}
    for document_id, heading in headings.items():
        pdf = documents.document_pdf(db, document_id, settings, desk)
        assert heading in PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
        documents.print_document(db, document_id, desk, terminal=settings.terminal)
    printed = [o for o in QueueWorker(db, settings).run_once() if o.kind == "document"]
    assert [o.state for o in printed] == ["printed"] * 4
    texts = [render_text(o.spool_path.read_bytes(), 48, "CP865") for o in printed]
    assert [next(h for h in headings.values() if h in text) for text in texts] == [
        "Tilbud 1", f"Ordre {draft.number}", "Faktura 1", "Kreditnota 1",
    ]
