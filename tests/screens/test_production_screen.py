"""A day in the production room, by keystrokes (issue 20): scans open media and step
them along, outcomes and notes are recorded, the order becomes ready, the counter sees
it in its list and at pickup, and the return receipt prints each outcome and its note,
read back from the ESC/POS bytes. The rules are tested at the service
(tests/services/test_production.py)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.db import reading
from viver_tui.models import AuditEvent, MediaItem, Order, PrintJob, ProductionNote
from viver_tui.printing.layouts import Paper
from viver_tui.printing.preview import render_text
from viver_tui.screens.pickup import PickupScreen
from viver_tui.screens.production import ProductionScreen
from viver_tui.screens.production_dialogs import LineDialog, OutcomeDialog
from viver_tui.screens.workload import ReadyOrdersScreen, WorkloadScreen
from viver_tui.services import customers, intake, print_data
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView


def make_order(app: ViverApp, name: str, kinds: tuple[str, ...], shelf: str = "B3") -> OrderView:
    cid = customers.register(
        app.db, CustomerInput(name=name, phone="91234567", email="kari@example.no",
                              address="Storgata 1"), as_staff(app.db, "T"),
    ).id
    order = intake.open_order(app.db, cid, "T")
    for kind in kinds:
        order = intake.add_medium(app.db, order.id, MediumInput(kind, "Bryllup 1994", "Slitt"),
                                  app.settings.media_kinds, "T")
    return intake.confirm_order(app.db, order.id, OrderDetails(shelf=shelf), "T")


def text(app: ViverApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def screen_text(app: ViverApp) -> str:
    """Everything the screen shows in its labels and tables, as plain text."""
    parts = [str(w.render()) for w in app.screen.query(Static)]
    for table in app.screen.query(DataTable):
        parts += [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
    return "\n".join(parts)


async def scan(app: ViverApp, pilot: Pilot, code: str) -> None:
    await type_text(pilot, code + "\r")
    await settle(app, pilot)


async def choose_outcome(app: ViverApp, pilot: Pilot, key: str, note: str) -> None:
    await pilot.press("f4")
    await settle(app, pilot)
    dialog = app.screen
    assert isinstance(dialog, OutcomeDialog)
    keys = [o.key for o in app.settings.production_outcomes]
    for _ in range(keys.index(key) - (dialog.query_one("#outcome-options").highlighted or 0)):
        await pilot.press("down")
    await pilot.press("enter")
    await type_text(pilot, note)
    await pilot.press("enter")
    await settle(app, pilot)


async def test_a_day_in_the_production_room(settings: Settings) -> None:
    app = make_app(settings)
    order = make_order(app, "Kari [b]Nordmann[/b]", ("vhs", "minidv"))
    vhs, dv = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f11")
        await settle(app, pilot)
        assert isinstance(app.screen, ProductionScreen)
        screen = app.screen
        # A burst of scans: the medium opens, then three scans step it on, in order.
        await type_text(pilot, f"{vhs}\r{vhs}\r{vhs}\r{vhs}\r")
        await settle(app, pilot)
        assert list(screen.received) == [vhs] * 4
        assert screen.panel is not None and screen.panel.medium.status == "checked"
        assert "Kari [b]Nordmann[/b]" in text(app, "#prod-order")  # data, not markup
        assert "hylle B3" in text(app, "#prod-order")
        shown_all = screen_text(app)
        assert "91234567" not in shown_all and "kari@example.no" not in shown_all
        assert "Storgata" not in shown_all
        await pilot.press("f2")  # the key does what a scan does
        await settle(app, pilot)
        assert screen.panel.medium.status == "done"
        # Scanned once more: done does not go further, and nothing changed.
        await scan(app, pilot, vhs)
        assert "allerede ferdig" in text(app, "#prod-message")
        await choose_outcome(app, pilot, "mould", "Mugg på første halvdel")
        assert "Mugg" in text(app, "#prod-outcome")
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, LineDialog)
        assert "telefon" in str(app.screen.query_one(".dialog-title").render())  # the warning
        await type_text(pilot, "Spolte tilbake først\r")
        await settle(app, pilot)
        assert "Spolte tilbake først" in screen_text(app)
        # Undo with a reason, then done again.
        await pilot.press("f3")
        await settle(app, pilot)
        await type_text(pilot, "Lyden mangler på slutten\r")
        await settle(app, pilot)
        assert screen.panel.medium.status == "checked"
        assert "Lyden mangler på slutten" in screen_text(app)
        await pilot.press("f2")
        await settle(app, pilot)
        # The second medium, scanned while a note box is open: a scan, not a note.
        await pilot.press("f6")
        await settle(app, pilot)
        await scan(app, pilot, dv)
        assert app.screen is screen and screen.panel.medium.code == dv
        assert "ble skannet, ikke skrevet" in "\n".join(screen.messages)
        # It cannot be transferred: that finishes it, and the order.
        await choose_outcome(app, pilot, "not_transferable", "Båndet er revet")
        assert screen.panel.order_status == "ready"
        assert "hylle B3" in text(app, "#prod-ready")
        await scan(app, pilot, "999999-99")
        assert "Ukjent kode 999999-99" in text(app, "#prod-message")
        assert screen.panel.medium.code == dv  # the medium shown stays
        # F1: the workload view.
        await pilot.press("f1")
        await settle(app, pilot)
        assert isinstance(app.screen, WorkloadScreen)
        await pilot.press("escape")
        await pilot.press("escape")
        await settle(app, pilot)
        # The counter: the search shows the order ready; so does the customer card.
        await type_text(pilot, "Kari")
        await settle(app, pilot)
        assert "1 klar til henting" in screen_text(app)
        await pilot.press("enter")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "CustomerScreen"
        assert "Klar til henting" in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        # Ctrl+R lists ready orders with the shelf; Enter starts pickup.
        await pilot.press("ctrl+r")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadyOrdersScreen)
        assert [(r.number, r.shelf, r.days_waited) for r in app.screen.orders] == [
            (order.number, "B3", 0)]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        assert "Mugg" in screen_text(app) and "Kan ikke overføres" in screen_text(app)
        await scan(app, pilot, vhs)
        await scan(app, pilot, dv)
        assert app.screen.order is not None and app.screen.order.status == "returned"
    with reading(app.db):
        views = list(AuditEvent.select().where(
            (AuditEvent.action == "view") & AuditEvent.details.startswith("production")))
        assert {v.details for v in views} == {
            f"production {order.number} {vhs}", f"production {order.number} {dv}"}
        job = PrintJob.get(PrintJob.kind == "return_receipt")
        data = print_data.job_data(job, app.settings)
        assert Order.get_by_id(order.id).status == "returned"
        assert MediaItem.get(MediaItem.code == dv).outcome == "not_transferable"
        assert [n.text for n in ProductionNote.select()] == ["Spolte tilbake først"]
    paper = Paper(columns=42)
    receipt = " ".join(render_text(
        print_data.build_payload("return_receipt", data, paper), 42).split())
    assert "resultat: Mugg" in receipt and "Mugg på første halvdel" in receipt
    assert "resultat: Kan ikke overføres" in receipt and "Båndet er revet" in receipt


async def test_the_production_role_starts_in_the_production_room(settings: Settings) -> None:
    app = make_app(settings)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        start = type(app.screen)
        app.open_start_screen("counter")
        await settle(app, pilot)
        assert type(app.screen) is start  # the counter keeps the search
        app.open_start_screen("production")
        await settle(app, pilot)
        assert isinstance(app.screen, ProductionScreen)
        assert app.screen.focused is app.screen.scan_input
