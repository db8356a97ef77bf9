"""What the app takes from its settings and nothing else: its language (without
changing the process's) and its terminal name (on every print it asks for)."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Footer

from tests.screens.helpers import settle, type_text
from tests.screens.test_intake_screen import add, screen_text
from tests.screens.test_pickup_screen import make_order, scan
from tests.signing_in import as_staff
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.locale import language, t
from viver_tui.models import PrintJob
from viver_tui.screens.order import OrderScreen
from viver_tui.screens.print_dialogs import ReprintDialog
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput


async def _empty_customer_form(app: ViverApp) -> str:
    """F2 on the search screen and save at once: the service's form errors (worded in
    a store thread) and the footer's keys, as the screen shows them."""
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert app.screen.query(Footer)
        keys = await screen_text(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        return keys + await screen_text(app, pilot)


async def test_an_english_app_is_english_and_leaves_the_process_norwegian(
    settings: Settings,
) -> None:
    english = make_app(replace(settings, language="en"))
    assert (language(), t("key.quit")) == ("nb", "Avslutt")  # make_app changed nothing
    shown = await _empty_customer_form(english)
    assert "A name is required." in shown and "New customer" in shown and "Quit" in shown
    assert "Navn må fylles ut." not in shown and "Avslutt" not in shown
    assert language() == "nb"  # nor did running it
    # A Norwegian app in the same process afterwards, with nothing reset in between.
    shown = await _empty_customer_form(make_app(settings))
    assert "Navn må fylles ut." in shown and "Avslutt" in shown
    assert "A name is required." not in shown and "Quit" not in shown


async def test_every_print_the_app_asks_for_names_its_terminal(settings: Settings) -> None:
    """Intake (labels, form, receipt), reprint, a partial pickup and a delivery: each
    job is the terminal's of the settings, not the machine's default name."""
    app = make_app(replace(settings, terminal="skranke-2"))
    partial = make_order(app, "Kari Nordmann", [("vhs", ""), ("vhs", "")])
    whole = make_order(app, "Per Hansen", [("vhs", "")])
    cid = customers.register(app.db, CustomerInput(name="Åse Ødegård", phone="91234567"),
        as_staff(app.db, "T")).id
    before = PrintJob.select().count()
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        await scan(pilot, str(partial.number))
        await scan(pilot, partial.media[0].code)
        await settle(app, pilot)
        await pilot.press("f3")  # partial pickup: a return receipt for one medium
        await settle(app, pilot)
        await scan(pilot, str(whole.number))
        await scan(pilot, whole.media[0].code)  # delivered: a return receipt
        await settle(app, pilot)
        await pilot.press("escape")
        await settle(app, pilot)
        app.open_intake(cid)
        await settle(app, pilot)
        await add(pilot, app, "1", "Jul 1987", "OK")
        await pilot.press("enter")  # an empty kind: on to the shelf
        await type_text(pilot, "B3")
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        await pilot.press("f8")
        await settle(app, pilot)
        assert isinstance(app.screen, ReprintDialog)
        await pilot.press("enter")
        await settle(app, pilot)
    jobs = list(PrintJob.select().where(PrintJob.id > before))
    kinds = sorted((j.kind, j.reprint) for j in jobs)
    assert kinds == [
        ("media_label", False), ("media_label", True), ("order_form", False),
        ("receipt", False), ("return_receipt", False), ("return_receipt", False),
    ]
    assert {j.terminal for j in jobs} == {"skranke-2"}
