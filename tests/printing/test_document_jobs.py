"""A customer document in the print queue is named by its title wherever staff see the
job — the F9 list, the status line's notices, a job taken back — never "dokument",
"None" or "for ordre None"; a quote (no order) is not said to belong to one."""

from __future__ import annotations

from pathlib import Path

import peewee

from tests.printing.conftest import TcpPrinter, with_printers
from tests.printing.helpers import dead_owner
from tests.services.documents_helpers import confirmed_order, customer, person, shop
from viver_tui.config import Settings
from viver_tui.db import writing
from viver_tui.locale import set_language
from viver_tui.models import PrintJob
from viver_tui.screens.print_dialogs import job_text
from viver_tui.services import documents, print_jobs
from viver_tui.services.print_worker import QueueWorker


def _shop(tmp_path: Path, url: str, status: str = "auto") -> Settings:
    set_language("nb")
    return with_printers(shop(tmp_path, terminal="skranke-1"), url, timeout=0.5, status=status)


def _invoice_and_quote(db: peewee.Database, settings: Settings) -> tuple[int, int]:
    """An order's invoice and a customer's quote, each asked printed on the receipt
    printer (the order's labels, form and receipt marked printed: not these tests')."""
    desk = person(db, "disk", "counter")
    cid = customer(db, desk)
    order = confirmed_order(db, settings, desk, cid)
    with writing(db):
        PrintJob.update(status="printed").execute()
    documents.issue_invoice(db, order.id, settings, desk, print_receipt=True,
                            terminal="skranke-1")
    documents.make_quote(db, cid, settings, desk, documents.parse_quote_lines("vhs 2"),
                         print_receipt=True, terminal="skranke-1")
    return order.number, cid


def _rows(db: peewee.Database, settings: Settings) -> list[str]:
    return [str(job_text(job)) for job in print_jobs.overview(db, settings).jobs]


def _no_none(messages: list[str]) -> None:
    for message in messages:
        assert "None" not in message and "dokument" not in message, message


def test_a_waiting_document_is_named_by_its_title_in_f9_and_the_status_line(
    db: peewee.Database, tmp_path: Path, refused_url: str
) -> None:
    settings = _shop(tmp_path, refused_url)
    number, _ = _invoice_and_quote(db, settings)
    worker = QueueWorker(db, settings)
    messages = [o.message for o in worker.run_once()]
    assert messages and messages[0].startswith("Kvitteringsskriveren svarer ikke")
    assert "– Faktura 1 for ordre " + str(number) + " venter" in messages[0]
    _no_none(messages)
    rows = _rows(db, settings)
    assert rows == [
        f"Faktura 1 (ordre {number}) – venter: tilkoblingen ble avvist",
        "Tilbud 1 – venter",
    ]
    with writing(db):  # the invoice is out of the way: the quote's own notice
        PrintJob.update(status="printed").where(PrintJob.id == min(
            j.id for j in print_jobs.overview(db, settings).jobs)).execute()
    quote = [o.message for o in worker.run_once()]
    assert quote and "– Tilbud 1 venter, nytt forsøk" in quote[0]
    _no_none(quote)


def test_a_sent_unconfirmed_document_says_which_one_to_check(
    db: peewee.Database, tmp_path: Path
) -> None:
    printer = TcpPrinter("silent")  # reads everything, cannot answer a status query
    try:
        settings = _shop(tmp_path, printer.url, status="no")
        number, _ = _invoice_and_quote(db, settings)
        outcomes = QueueWorker(db, settings).run_once()
    finally:
        printer.close()
    assert [o.state for o in outcomes] == ["unconfirmed", "unconfirmed"]
    assert [o.message for o in outcomes] == [
        "Faktura 1 er sendt – sjekk at den kom ut (F9: skriv ut igjen)",
        "Tilbud 1 er sendt – sjekk at den kom ut (F9: skriv ut igjen)",
    ]
    assert _rows(db, settings) == [
        f"Faktura 1 (ordre {number}) – sendt, ikke bekreftet",
        "Tilbud 1 – sendt, ikke bekreftet",
    ]


def test_a_document_in_flight_at_a_crash_is_uncertain_by_its_title(
    db: peewee.Database, tmp_path: Path, refused_url: str
) -> None:
    settings = _shop(tmp_path, refused_url)
    number, _ = _invoice_and_quote(db, settings)
    dead = QueueWorker(db, settings, name=dead_owner())
    outcomes = []
    for _ in range(2):  # killed with the invoice out, then (another day) with the quote
        assert dead.claim("receipt") is not None
        outcomes += QueueWorker(db, settings).recover()
    assert [o.state for o in outcomes] == ["uncertain", "uncertain"]
    messages = [o.message for o in outcomes]
    _no_none(messages)
    assert messages[0].startswith("Usikkert om Faktura 1 kom ut: programmet stoppet")
    assert messages[1].startswith("Usikkert om Tilbud 1 kom ut: programmet stoppet")
    assert _rows(db, settings) == [
        f"Faktura 1 (ordre {number}) – usikker: programmet stoppet mens den ble skrevet ut",
        "Tilbud 1 – usikker: programmet stoppet mens den ble skrevet ut",
    ]


def test_printed_documents_say_what_printed(db: peewee.Database, tmp_path: Path) -> None:
    printer = TcpPrinter("normal")
    try:
        settings = _shop(tmp_path, printer.url)
        number, _ = _invoice_and_quote(db, settings)
        messages = [o.message for o in QueueWorker(db, settings).run_once()]
    finally:
        printer.close()
    assert messages == [f"Skrev ut Faktura 1 for ordre {number}", "Skrev ut Tilbud 1"]
