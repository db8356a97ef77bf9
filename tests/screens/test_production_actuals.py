"""What was actually done, by keystrokes from the production room to the invoice: the
minutes digitized typed with the outcome (a bad number refused at the field), shown on
the production screen, the counter seeing actual against estimate before issuing, and
the invoice charging the actual minutes — read back from its ESC/POS bytes and from the
PDF's text (pypdf). The rules are tested at the service
(tests/services/test_production_actuals.py)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

from pypdf import PdfReader
from textual.widgets import Input, Label

from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from tests.services.documents_helpers import VF, VV, confirmed_order
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.models import MediaItem, PrintJob
from viver_tui.printing.layouts import Paper
from viver_tui.printing.preview import render_text
from viver_tui.screens.document_dialogs import FieldsDialog
from viver_tui.screens.documents import DocumentsScreen
from viver_tui.screens.production import ProductionScreen
from viver_tui.screens.production_dialogs import OutcomeDialog
from viver_tui.services import customers, documents, print_data
from viver_tui.services.customers import CustomerInput


def _plain(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return _plain(str(app.screen.query_one(selector).render()))


async def test_actual_minutes_typed_in_production_are_what_the_invoice_charges(
    settings: Settings, tmp_path: Path
) -> None:
    shop = replace(settings, companies=(VV, VF), documents_dir=tmp_path / "dokumenter",
                   terminal="skranke-1")
    app, people = staffed_app(shop)
    cid = customers.register(
        app.db, CustomerInput(name="Åse Ødegård", phone="91234567", address="Bøgata 3",
                              postal_code="0655", city="Oslo"), people["adm"],
    ).id
    order = confirmed_order(app.db, shop, people["disk"], cid)  # VHS, Super 8 20 min
    vhs, film = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        await pilot.press("f11")
        await settle(app, pilot)
        assert isinstance(app.screen, ProductionScreen)
        await type_text(pilot, f"{film}\r")
        await settle(app, pilot)
        assert "Faktisk mengde: ikke registrert – fakturaen bruker anslaget (20 min)" in (
            _text(app, "#prod-outcome"))
        await pilot.press("f4")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, OutcomeDialog)
        assert "anslått 20" in _text(app, "#outcome-actual-label")
        await pilot.press("enter")  # OK, the first outcome: on to the minutes
        await settle(app, pilot)
        field = dialog.query_one("#outcome-actual", Input)
        assert dialog.focused is field
        await type_text(pilot, "9,5\r")  # not whole minutes: said at the field
        await settle(app, pilot)
        assert app.screen is dialog and dialog.focused is field
        assert _plain(str(dialog.query_one("#outcome-actual-error", Label).render())) == (
            "Skriv hele minutter, fra 0 til 600.")
        field.value = ""
        await type_text(pilot, "94\r")
        await settle(app, pilot)
        assert dialog.focused is dialog.query_one("#outcome-note", Input)
        assert _plain(str(dialog.query_one("#outcome-actual-error", Label).render())) == ""
        await type_text(pilot, "Lengre enn anslått\r")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ProductionScreen)
        assert "Faktisk: 94 min digitalisert (anslått 20 min)" in _text(app, "#prod-outcome")
        history = screen.query_one("#prod-history")
        assert any("94 min digitalisert" in str(cell) for row in range(history.row_count)
                   for cell in history.get_row_at(row))
        await pilot.press("escape")
        await settle(app, pilot)
        # At the counter: actual against estimate before the invoice is issued.
        app.open_documents(order_id=order.id)
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentsScreen)
        assert ("Faktisk utført (fra produksjonen): kr 2 649,00 – anslått ved innlevering: "
                "kr 799,00 – forskjell + kr 1 850,00") in _text(app, "#documents-info")
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, FieldsDialog)
        about = _text(app, "#fields-about")
        assert f"Super 8-film {film} kr 2 350,00 (faktisk 94 min, anslått 20 min)" in about
        assert f"VHS {vhs} kr 299,00" in about and "forskjell + kr 1 850,00" in about
        for _ in range(7):  # nothing sold, no discount, nothing paid: sent as an invoice
            await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentsScreen), _text(app, "#dialog-error")
        [invoice] = [d for d in app.screen.documents if d.kind == "invoice"]
        assert invoice.total_ore == 29900 + 94 * 2500
    with reading(app.db):
        assert MediaItem.get(MediaItem.code == film).actual_units == 94
        job = PrintJob.get((PrintJob.kind == "document") & (PrintJob.document == invoice.id))
        sheet = print_data.job_data(job, shop)
    payload = print_data.build_payload("document", sheet, Paper(columns=42))
    receipt = render_text(payload, 42, "CP865").splitlines()
    at = receipt.index(f"Super 8-film {film}")
    assert [_plain(line) for line in receipt[at:at + 4]] == [
        f"Super 8-film {film}", "Hytta", "Faktisk: 94 min (anslått 20 min)",
        "94 min x kr 25,00 25 % kr 2 350,00",  # CP865 has no ×: the printer's x
    ]
    assert "Å betale kr 2 649,00" in _plain(" ".join(receipt))
    pdf = documents.document_pdf(app.db, invoice.id, shop, people["disk"]).data
    lines = [_plain(line) for line in
             PdfReader(io.BytesIO(pdf)).pages[0].extract_text().splitlines()]
    at = lines.index(f"Super 8-film {film} 94 min × kr 25,00 25 % kr 2 350,00")
    assert lines[at + 1:at + 3] == ["Hytta", "Faktisk: 94 min (anslått 20 min)"]
    assert "Sum inkl. mva kr 2 649,00" in lines
