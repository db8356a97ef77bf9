"""Stored text is data: markup and terminal control in names and descriptions show
literally, do nothing when clicked, and never stop the app.

The hostile values are written with SQL straight into the store, as older versions
(which did not check text) could have stored them.
"""

from __future__ import annotations

from datetime import datetime

from textual.widgets import DataTable, Input, Static

from tests.screens.helpers import settle
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.db import writing
from viver_tui.models import Customer
from viver_tui.screens.customer import CustomerFormDialog, CustomerScreen
from viver_tui.screens.error_dialog import ErrorDialog
from viver_tui.screens.order import OrderScreen
from viver_tui.screens.pickup import PickupScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import intake
from viver_tui.services.intake import MediumInput, OrderDetails

HOSTILE_NAMES = [
    "[/]",
    "Ola [/Hansen]",
    "[@click=app.quit]z[/]",
    "[bold]x[/]",
    "[link=https://x]y[/link]",
    "[ bold]Kari [B]Berg[/B] [$x]",
    "Tøm\x1b[2Jskjerm",
    "Tittel\x1b]0;hacked\x07",
]
# What staff see: the same text, control characters as U+FFFD.
SHOWN = [n.replace("\x1b", "\ufffd").replace("\x07", "\ufffd") for n in HOSTILE_NAMES]

_KEYS = {
    " ": "space", "[": "left_square_bracket", "]": "right_square_bracket", "/": "slash",
}


def store_hostile_customers(app: ViverApp) -> dict[str, int]:
    ids: dict[str, int] = {}
    with writing(app.db):
        for i, name in enumerate(HOSTILE_NAMES):
            app.db.execute_sql(
                "INSERT INTO customer (kind, name, phone, created_at, updated_at, version) "
                "VALUES ('private', ?, ?, ?, ?, 1)",
                (name, f"+479123450{i}", datetime(2026, 1, 1), datetime(2026, 1, 2, 10, i)),
            )
            ids[name] = Customer.get(Customer.name == name).id
    return ids


def screen_lines(app: ViverApp) -> list[str]:
    """The whole screen as the terminal gets it, one string per line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def assert_harmless(app: ViverApp) -> None:
    text = "\n".join(screen_lines(app))
    assert "\x1b" not in text and "\x07" not in text
    assert app.is_running


async def test_hostile_names_show_literally_and_the_app_keeps_running(
    settings: Settings,
) -> None:
    app = make_app(settings)
    ids = store_hostile_customers(app)
    order = intake.open_order(app.db, ids["[@click=app.quit]z[/]"], "T")
    kinds = settings.media_kinds
    wedding = MediumInput("vhs", "Bryllup 1989 [/] kopi", "OK")
    intake.add_medium(app.db, order.id, wedding, kinds, "T")
    intake.add_medium(app.db, order.id, MediumInput("vhs", "Jul", "[b]ripet[/b]"), kinds, "T")
    intake.confirm_order(app.db, order.id, OrderDetails("A1", "", "[i]notat[/i]"), "T")
    with writing(app.db):  # a description and a shelf from before text was checked
        app.db.execute_sql(
            "UPDATE media_item SET description = 'Sl\x1b[2Jett' WHERE seq = 2"
        )
        app.db.execute_sql("UPDATE \"order\" SET shelf = 'B\x1b]0;x\x07' ")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        table = app.screen.query_one("#results", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert sorted(names) == sorted(SHOWN)  # the recent customers, every one literal
        lines = screen_lines(app)
        for shown in SHOWN:
            assert any(shown in line for line in lines), shown
        assert_harmless(app)

        # click the would-be link: nothing happens but the row being chosen
        row = names.index("[@click=app.quit]z[/]")
        await pilot.click("#results", offset=(2, row + 1))
        await pilot.click("#results", offset=(2, row + 1))
        await settle(app, pilot)
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, CustomerScreen)
        details = app.screen.query_one("#customer-details", Static)
        assert str(details.render()).startswith("[@click=app.quit]z[/]")
        await pilot.click("#customer-details", offset=(1, 0))
        await settle(app, pilot)
        assert app.is_running
        assert_harmless(app)

        # its order opens with the description as written; the app keeps running
        orders = app.screen.query_one("#orders", DataTable)
        orders.focus()
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        media = app.screen.query_one("#order-media", DataTable)
        descriptions = [str(media.get_row_at(i)[2]) for i in range(media.row_count)]
        assert descriptions == ["Bryllup 1989 [/] kopi", "Sl\ufffd[2Jett"]
        info = str(app.screen.query_one("#order-info", Static).render())
        assert "[@click=app.quit]z[/]" in info and "B\ufffd]0;x\ufffd" in info
        assert "[i]notat[/i]" in info
        rendered = "\n".join(media.render_line(y).text for y in range(media.size.height))
        assert "Bryllup 1989 [/] kopi" in rendered and "Sl\ufffd[2Jett" in rendered
        assert_harmless(app)

        # pickup of the same order: the customer, shelf and media as stored
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        heading = str(app.screen.query_one("#pickup-order", Static).render())
        assert "[@click=app.quit]z[/]" in heading and "B\ufffd]0;x\ufffd" in heading
        pickup_media = app.screen.query_one("#pickup-media", DataTable)
        assert [str(pickup_media.get_row_at(i)[2]) for i in range(pickup_media.row_count)] == [
            "Bryllup 1989 [/] kopi", "Sl\ufffd[2Jett",
        ]
        assert_harmless(app)
        # Esc answers pickup's "not finished" question, then leaves pickup, order, card.
        for _ in range(4):
            await pilot.press("escape")
            await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        assert_harmless(app)


async def test_a_name_typed_with_brackets_is_stored_and_shown_as_typed(
    settings: Settings,
) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerFormDialog)
        await pilot.press(*[_KEYS.get(c, c) for c in "Ola [/Hansen]"])
        await pilot.press("enter", *"91234567")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        details = str(app.screen.query_one("#customer-details", Static).render())
        assert details.startswith("Ola [/Hansen]")
        await pilot.press("escape")
        await settle(app, pilot)
        table = app.screen.query_one("#results", DataTable)
        assert str(table.get_row_at(0)[0]) == "Ola [/Hansen]"
        assert any("Ola [/Hansen]" in line for line in screen_lines(app))
        # searching for it with the brackets typed finds it and says nothing odd
        search = app.screen.query_one("#search", Input)
        search.focus()
        await pilot.press(*[_KEYS.get(c, c) for c in "[/]zz"])
        await settle(app, pilot)
        info = str(app.screen.query_one("#search-info", Static).render())
        assert "«[/]zz»" in info
    assert Customer.get().name == "Ola [/Hansen]"


async def test_the_error_dialog_opens_twice_and_shows_messages_literally(
    settings: Settings,
) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        app.show_error("Første [/] feil")
        app.show_error("Andre [@click=app.quit]feil[/] \x1b[2J")
        await pilot.pause()
        dialogs = [s for s in app.screen_stack if isinstance(s, ErrorDialog)]
        assert len(dialogs) == 2
        message = str(app.screen.query_one("#error-message", Static).render())
        assert message == "Andre [@click=app.quit]feil[/] \ufffd[2J"
        assert_harmless(app)
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#error-message", Static).render()) == "Første [/] feil"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.is_running


async def test_stored_control_characters_never_reach_the_terminal_from_inputs(
    settings: Settings,
) -> None:
    """A draft reopened at intake puts stored text back into input fields: there too
    it is shown harmlessly."""
    from viver_tui.screens.intake import IntakeScreen

    app = make_app(settings)
    ids = store_hostile_customers(app)
    cid = ids["Tøm\x1b[2Jskjerm"]
    order = intake.open_order(app.db, cid, "T")
    intake.add_medium(app.db, order.id, MediumInput("vhs", "Jul", "OK"), settings.media_kinds, "T")
    with writing(app.db):
        app.db.execute_sql("UPDATE media_item SET description = 'J\x1b[2Jul'")
        app.db.execute_sql("UPDATE \"order\" SET shelf = 'B\x1b]0;x\x07', notes = '\x1b[31m'")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        app.push_screen(IntakeScreen(cid, order.id))
        await settle(app, pilot)
        assert app.screen.query_one("#shelf", Input).value == "B\ufffd]0;x\ufffd"
        assert "Tøm\ufffd[2Jskjerm" in str(app.screen.query_one("#intake-header").render())
        assert_harmless(app)
        app.screen.query_one("#intake-media", DataTable).focus()
        await pilot.press("f4")  # correct the medium: its text goes into the fields
        await settle(app, pilot)
        assert app.screen.query_one("#description", Input).value == "J\ufffd[2Jul"
        assert_harmless(app)
