"""Documents at the counter, by keystrokes: an intake sold by the other company makes
its order confirmation; the order's invoice is issued from pickup (F7) with a product,
a discount and part paid at the till; marked paid later; kept as a PDF; a quote made
on the customer card becomes the order's draft. Production staff get none of it."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable, Input

from tests.screens.admin_helpers import footer_keys, sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from tests.screens.test_admin_customer_card import answer_erase, open_card, text_of
from tests.services.documents_helpers import VF, VV, confirmed_order
from viver_tui import clock
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.models import Payment
from viver_tui.screens.customer import CustomerScreen
from viver_tui.screens.document_dialogs import FieldsDialog
from viver_tui.screens.documents import DocumentsScreen
from viver_tui.screens.intake import IntakeScreen
from viver_tui.screens.order import OrderScreen
from viver_tui.screens.pickup import PickupScreen
from viver_tui.services import customers, documents, pickup
from viver_tui.services.customers import CustomerInput


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector).render())


def _shop(settings: Settings, tmp_path, *, name: str = "Åse Ødegård",  # type: ignore[no-untyped-def]
          companies=(VV, VF), **changes: object):
    """Both companies, documents kept in ``tmp_path``, signed-in staff and a customer
    with an address (an invoice needs one): the shop, the app, its people, the customer."""
    shop = replace(settings, companies=companies, documents_dir=tmp_path / "dokumenter",
                   **changes)
    app, people = staffed_app(shop)
    cid = customers.register(
        app.db, CustomerInput(name=name, phone="91234567", address="Bøgata 3",
                              postal_code="0655", city="Oslo"), people["adm"],
    ).id
    return shop, app, people, cid


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
    shop, app, people, cid = _shop(settings, tmp_path, terminal="skranke-1")
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


async def test_an_invoice_is_marked_paid_later_from_the_order_by_f10_f6(
    settings: Settings, tmp_path
) -> None:
    """Sent as an invoice, paid to the bank in two parts: on the order, F10 opens its
    documents, F6 on the invoice records a payment (the rest by default); too much is
    refused in the dialog with nothing recorded, and a paid invoice has nothing due."""
    shop, app, people, cid = _shop(settings, tmp_path)
    order = confirmed_order(app.db, shop, people["disk"], cid)
    invoice = documents.issue_invoice(app.db, order.id, shop, people["disk"])
    total = invoice.total_ore
    assert invoice.due_ore == total > 10000

    def state() -> str:
        table = app.screen.query_one("#documents-table", DataTable)
        return str(table.get_cell(str(invoice.id), "state"))

    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        app.open_order(order.id)
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentsScreen) and "f6" in footer_keys(app)
        assert state().startswith(f"kr {total // 100:,}".replace(",", " "))
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, FieldsDialog)
        await _fill(app, pilot, [f"{total // 100 + 1}", "for mye"])  # more than is due
        assert isinstance(app.screen, FieldsDialog)
        assert "mer enn det som gjenstår" in _text(app, "#dialog-error")
        with reading(app.db):
            assert not Payment.select().exists()
        await pilot.press("escape")
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        await _fill(app, pilot, ["100", "KID 0000000018 del 1"])  # kr 100 now
        assert isinstance(app.screen, DocumentsScreen), _text(app, "#dialog-error")
        assert "å betale" in state() and "å betale" in _text(app, "#documents-message")
        await pilot.press("f6")
        await settle(app, pilot)
        await _fill(app, pilot, [app.screen.focused.value, "bank 25.11"])  # the rest
        assert state() == "betalt"
        assert _text(app, "#documents-message") == "Faktura 1: betalt."
        assert "f6" in footer_keys(app)
        await pilot.press("f6")  # nothing left to pay: said, nothing recorded
        await settle(app, pilot)
        await _fill(app, pilot, ["", ""])
        assert isinstance(app.screen, FieldsDialog) and "betalt" in _text(app, "#dialog-error")
    with reading(app.db):
        paid = [(p.method, p.amount_ore, p.reference, p.staff)
                for p in Payment.select().order_by(Payment.id)]
    assert paid == [("bank", 10000, "KID 0000000018 del 1", "disk"),
                    ("bank", total - 10000, "bank 25.11", "disk")]
    views = documents.documents_for_order(app.db, order.id, shop, people["disk"])
    assert [(d.paid_ore, d.due_ore) for d in views if d.kind == "invoice"] == [(total, 0)]


async def test_the_erasure_says_until_when_the_invoices_are_kept(
    settings: Settings, tmp_path
) -> None:
    """The admin erases a customer who was invoiced: the card says the invoices are
    kept restricted until 1 January of the sixth year, and by which command they go."""
    shop, app, people, cid = _shop(settings, tmp_path, name="Kari Nordmann")
    order = confirmed_order(app.db, shop, people["disk"], cid)
    documents.issue_invoice(app.db, order.id, shop, people["disk"])
    pickup.close_with_missing(app.db, order.id, "Kunden hentet alt", "disk")
    async with app.run_test(size=(120, 40)) as pilot:
        await sign_in(app, pilot, "adm")
        await open_card(app, pilot)
        await answer_erase(app, pilot, "j")
        message = " ".join(text_of(app, "#privacy-message").split())
    kept = f"01.01.{clock.today().year + 6}"
    assert f"beholdes sperret til {kept} (bokføringsloven § 13)" in message, message
    assert "viver purge-expired" in message


async def test_a_company_without_an_organisation_number_is_said_as_the_screen_opens(
    settings: Settings, tmp_path
) -> None:
    """Why no invoice can be issued is at the top before a key is pressed, and F2's
    dialog repeats it and issues nothing."""
    shop, app, people, cid = _shop(settings, tmp_path,
                                   companies=(replace(VV, org_number=""), VF))
    order = confirmed_order(app.db, shop, people["disk"], cid)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        app.open_documents(order_id=order.id)
        await settle(app, pilot)
        assert isinstance(app.screen, DocumentsScreen)
        problem = _text(app, "#documents-problem")
        assert "Videoverkstedet AS har ikke organisasjonsnummer" in problem
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, FieldsDialog)
        assert "organisasjonsnummer" in _text(app, "#dialog-error")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, FieldsDialog)  # nothing issued
    views = documents.documents_for_order(app.db, order.id, shop, people["disk"])
    assert [v.kind for v in views if v.kind == "invoice"] == []
