"""Documents at the counter, by keystrokes: an intake sold by the other company makes
its order confirmation; the order's invoice is issued from pickup (F7) with a product,
a discount and part paid at the till; marked paid later; kept as a PDF; a quote made
on the customer card becomes the order's draft. Production staff get none of it."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable, Input

from tests.screens.admin_helpers import footer_keys, sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from tests.services.documents_helpers import VF, VV
from viver_tui.config import Settings
from viver_tui.screens.customer import CustomerScreen
from viver_tui.screens.document_dialogs import FieldsDialog
from viver_tui.screens.documents import DocumentsScreen
from viver_tui.screens.intake import IntakeScreen
from viver_tui.screens.pickup import PickupScreen
from viver_tui.services import customers, documents
from viver_tui.services.customers import CustomerInput


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector).render())


async def _fill(app, pilot, values: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Type each value in the dialog's next field; the last Enter issues."""
    for value in values:
        field = app.screen.focused
        assert isinstance(field, Input)
        field.value = value
        await pilot.press("enter")
    await settle(app, pilot)


async def test_intake_confirmation_invoice_payment_and_quote_by_keys(
    settings: Settings, tmp_path
) -> None:
    shop = replace(settings, companies=(VV, VF), documents_dir=tmp_path / "dokumenter",
                   terminal="skranke-1")
    app, people = staffed_app(shop)
    cid = customers.register(
        app.db, CustomerInput(name="Åse Ødegård", phone="91234567", address="Bøgata 3",
                              postal_code="0655", city="Oslo"), people["adm"],
    ).id
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        app.open_intake(cid)
        await settle(app, pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert "Selger: Videoverkstedet AS" in _text(app, "#intake-header")
        await pilot.press("f6")  # the other company sells this one
        await settle(app, pilot)
        assert "Selger: Viverfilm AS" in _text(app, "#intake-header")
        await type_text(pilot, "vhs\rBryllup\r\r")
        await settle(app, pilot)
        await type_text(pilot, "\rA1\r")
        await pilot.press("f10")
        await settle(app, pilot)
        order = app.screen.order  # the order screen, after confirming
        assert order is not None and order.status == "received"
        [confirmation] = documents.documents_for_order(app.db, order.id, shop, people["disk"])
        assert (confirmation.kind, confirmation.company) == ("confirmation", "viverfilm")

        app.open_pickup(order.id)
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen) and "f7" in footer_keys(app)
        await pilot.press("f7")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentsScreen)
        assert "selger Viverfilm AS" in _text(app, "#documents-info")
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, FieldsDialog)
        # products, discount, its reason, paid at the till, how, the till's receipt
        # number, by e-mail (the customer has no address: nothing is queued)
        await _fill(app, pilot, ["usb-32 1", "48", "stamkunde", "100", "vipps", "V-77", "j"])
        assert isinstance(app.screen, DocumentsScreen), _text(app, "#dialog-error")
        invoices = [d for d in app.screen.documents if d.kind == "invoice"]
        assert [(d.number, d.total_ore, d.paid_ore) for d in invoices] == [
            (1, 29900 + 14900 - 4800, 10000)
        ]
        assert "Faktura 1 er utstedt" in _text(app, "#documents-message")
        table = app.screen.query_one("#documents-table", DataTable)
        table.move_cursor(row=[d.id for d in app.screen.documents].index(invoices[0].id))
        await settle(app, pilot)
        await pilot.press("f6")  # paid to the bank: the rest, by default
        await settle(app, pilot)
        await _fill(app, pilot, [app.screen.focused.value, "bank 25.11"])
        assert "betalt" in _text(app, "#documents-message")
        await pilot.press("f4")
        await settle(app, pilot)
        assert "viverfilm-faktura-1.pdf" in _text(app, "#documents-message")
        await pilot.press("f2")  # a second invoice: said at once, nothing to type
        await settle(app, pilot)
        assert "faktura 1" in _text(app, "#dialog-error")
        await pilot.press("escape")

        app.push_screen(CustomerScreen(cid))
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentsScreen) and app.screen.customer_id == cid
        await pilot.press("f2")
        await settle(app, pilot)
        await _fill(app, pilot, ["minidv 2", "", "videoverkstedet"])
        quote = next(d for d in app.screen.documents if d.kind == "quote")
        assert quote.total_ore == 2 * 34900
        table = app.screen.query_one("#documents-table", DataTable)
        table.move_cursor(row=[d.id for d in app.screen.documents].index(quote.id))
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, IntakeScreen)  # the draft, its media registered
        assert [m.kind for m in app.screen.order.media] == ["minidv", "minidv"]


async def test_production_staff_get_no_documents_key(settings: Settings) -> None:
    app, people = staffed_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                             people["adm"]).id
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "prod")
        app.push_screen(CustomerScreen(cid))
        await settle(app, pilot)
        assert "f2" not in footer_keys(app)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
