"""The footer is rebuilt when its keys change, not on every focus move."""

from __future__ import annotations

from textual.widgets._footer import FooterKey

from tests.screens.helpers import settle, type_text
from tests.screens.test_pickup_screen import make_order, open_pickup, scan
from tests.signing_in import as_staff
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.screens.intake import IntakeScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput
from viver_tui.widgets.footer import CounterFooter, key_width


def footer_keys(app: ViverApp) -> list[FooterKey]:
    return list(app.screen.query_one(CounterFooter).query(FooterKey))


async def test_moving_focus_keeps_the_footer_and_new_keys_rebuild_it(
    settings: Settings,
) -> None:
    app = make_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T")).id
    order = make_order(app, "Per Hansen", [("vhs", "")])
    async with app.run_test(size=(140, 36)) as pilot:
        app.open_intake(cid)
        await settle(app, pilot)
        assert isinstance(app.screen, IntakeScreen)
        before = footer_keys(app)
        assert before
        await type_text(pilot, "1\rBryllup\r")  # kind → text → condition: focus moves twice
        await settle(app, pilot)
        assert app.focused is app.screen.query_one("#condition")
        assert footer_keys(app) == before  # the same widgets: not rebuilt
        await pilot.press("escape")
        await settle(app, pilot)
        screen = await open_pickup(app, pilot)
        shown = {k.key for k in footer_keys(app)}
        assert "f2" not in shown  # closing with media missing needs an order on screen
        await scan(pilot, str(order.number))
        await settle(app, pilot)
        assert screen.order is not None
        assert {"f2", "f3", "f6"} <= {k.key for k in footer_keys(app)}


async def test_each_key_is_born_with_the_look_the_footer_chose(settings: Settings) -> None:
    """The keys are made compact or not as the footer decided (no binding that restyles
    each key as it mounts): compact where the usual look would take more than two
    rows, and each key as wide as that look makes it."""
    looks = {}
    for width in (40, 160):
        app = make_app(settings)
        cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
                                 as_staff(app.db, "T")).id
        async with app.run_test(size=(width, 30)) as pilot:
            app.open_intake(cid)
            await settle(app, pilot)
            footer = app.screen.query_one(CounterFooter)
            keys = footer_keys(app)
            looks[width] = footer.compact
            for key in keys:
                assert key.compact is footer.compact
                assert key.has_class("-compact") is footer.compact
                margin = key.styles.margin
                assert key.region.width + margin.left + margin.right == key_width(
                    key.key_display, key.description, footer.compact)
    assert looks == {40: True, 160: False}
