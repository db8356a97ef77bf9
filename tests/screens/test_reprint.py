"""Reprint from the order screen (F8): the label comes out again with the same code."""

from __future__ import annotations

from textual.widgets import OptionList

from tests.screens.helpers import wait_for
from tests.signing_in import as_staff
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.models import PrintJob
from viver_tui.screens.order import OrderScreen
from viver_tui.screens.print_dialogs import ReprintDialog
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails


def all_printed() -> bool:
    return not PrintJob.select().where(PrintJob.status != "printed").exists()


async def test_f8_reprints_a_media_label_with_the_same_code(settings: Settings) -> None:
    app = make_app(settings)
    customer = customers.register(app.db, CustomerInput(name="Åse Ødegård", phone="91234567"),
        as_staff(app.db, "T"))
    order = intake.open_order(app.db, customer.id, "T")
    kinds = settings.media_kinds
    intake.add_medium(app.db, order.id, MediumInput("vhs", "Jul 1987"), kinds, "T")
    intake.add_medium(app.db, order.id, MediumInput("minidv", "Bryllup"), kinds, "T")
    intake.confirm_order(app.db, order.id, OrderDetails(shelf="B3"), "T")
    async with app.run_test(size=(140, 40)) as pilot:
        assert await wait_for(all_printed)  # the intake's own prints went to preview
        spooled_before = set(settings.spool_dir.iterdir())
        await pilot.press(*str(order.number), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OrderScreen)
        await pilot.press("f8")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ReprintDialog)
        texts = [str(o.prompt) for o in dialog.query_one(OptionList).options]
        assert any(f"{order.number}-02" in text for text in texts)
        await pilot.press("down", "enter")  # the second medium's label
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OrderScreen)
        assert await wait_for(all_printed)
    reprint = PrintJob.get(PrintJob.reprint == True)  # noqa: E712 - peewee expression
    assert (reprint.kind, reprint.media_item.code) == ("media_label", f"{order.number}-02")
    new_files = set(settings.spool_dir.iterdir()) - spooled_before
    (spooled,) = new_files
    payload = spooled.read_bytes()
    assert f"{{B{order.number}-02".encode() in payload  # Code128 set B, same code
