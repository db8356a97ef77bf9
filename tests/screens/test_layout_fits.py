"""What staff must read is not cut off at the counter's 120 columns: the price of a
medium at intake, and the time a medium went back at pickup."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.locale.formatting import format_datetime, format_money
from viver_tui.models import MediaItem
from viver_tui.screens.intake import IntakeScreen
from viver_tui.screens.pickup import PickupScreen
from viver_tui.services import customers, intake, orders
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails


def table_text(table: DataTable) -> str:
    return "\n".join(table.render_line(y).text for y in range(table.size.height))


async def test_intake_table_shows_whole_prices_at_120_columns(settings: Settings) -> None:
    app = make_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T")).id
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_intake(cid)
        await settle(app, pilot)
        assert isinstance(app.screen, IntakeScreen)
        for keys in ("super8", "Hytta 1975 og bryllupet til tante", "Skjør, litt mugg", "50"):
            await type_text(pilot, keys)
            await pilot.press("enter")
        await settle(app, pilot)
        text = table_text(app.screen.query_one("#intake-media", DataTable))
        assert format_money(50 * 2500) in text  # kr 1 250,00, not "kr 1 25"


async def test_pickup_table_shows_when_a_medium_went_back(settings: Settings) -> None:
    app = make_app(settings)
    db, kinds = app.db, settings.media_kinds
    cid = customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(db, "T")).id
    order = intake.open_order(db, cid, "T")
    intake.add_medium(db, order.id, MediumInput("vhs", "Bryllup"), kinds, "T")
    intake.add_medium(db, order.id, MediumInput("vhs", "Jul"), kinds, "T")
    view = intake.confirm_order(db, order.id, OrderDetails("A1", "", ""), "T")
    orders.set_order_status(db, order.id, "ready", "T")
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_pickup(order.id)
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        await type_text(pilot, view.media[0].code)
        await pilot.press("enter")
        await settle(app, pilot)
        returned_at = MediaItem.get(MediaItem.code == view.media[0].code).returned_at
        text = table_text(app.screen.query_one("#pickup-media", DataTable))
        assert format_datetime(returned_at) in text
