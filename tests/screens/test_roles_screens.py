"""Roles on the screens, by keystrokes: production staff see names and orders only —
in the search results, on the customer card, and on a card a counter colleague left
open when they locked — and the keys that open the customer form do nothing for them."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable, Input

from tests.screens.helpers import settle, type_text
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.screens.customer import CustomerFormDialog, CustomerScreen
from viver_tui.screens.login import SignInScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import audit, customers, staff
from viver_tui.store import open_database


async def _sign_in(pilot, initials: str, pin: str) -> None:
    for text in (initials, pin):
        await type_text(pilot, text)
        await pilot.press("enter")


def _shop(settings: Settings) -> int:
    db = open_database(settings.database_url)
    admin = staff.add(db, name="Åse Admin", initials="adm", role="admin", pin="2468", by=None)
    staff.add(db, name="Per Disk", initials="disk", role="counter", pin="1357", by=admin)
    staff.add(db, name="Pia Prod", initials="prod", role="production", pin="1111", by=admin)
    return customers.register(
        db,
        customers.CustomerInput(name="Kari Nordmann", phone="91234567",
                                email="kari@fjordfilm.no", address="Storgata 1", city="Oslo"),
        "adm",
    ).id


def _card_text(app) -> str:
    return str(app.screen.query_one("#customer-details").render())


async def test_production_sees_names_only_and_cannot_open_the_form(settings: Settings) -> None:
    kari = _shop(settings)
    app = make_app(replace(settings, staff=""))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await _sign_in(pilot, "prod", "1111")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "nordm")
        await settle(app, pilot)
        table = app.screen.query_one("#results", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)] == ["Kari Nordmann", "", "", ""]
        offered = {key for key, active in app.active_bindings.items() if active.enabled}
        assert "f2" not in offered and "f5" in offered  # the footer offers no F2
        await pilot.press("f2")  # register: not for production
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        app.screen.query_one("#search", Input).value = ""
        await type_text(pilot, "91234567")  # her phone number finds nobody
        await settle(app, pilot)
        assert app.screen.query_one("#results", DataTable).row_count == 0
        app.screen.query_one("#search", Input).value = ""
        await type_text(pilot, "kari")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen) and app.screen.customer_id == kari
        card = _card_text(app)
        assert "Kari Nordmann" in card and "Produksjon ser ikke" in card
        for private in ("912", "fjordfilm", "Storgata", "Oslo"):
            assert private not in card, private
        await pilot.press("f3")  # correct: not for production
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        offered = {key for key, active in app.active_bindings.items() if active.enabled}
        assert "f3" not in offered and "f4" in offered  # the footer shows no F3


async def test_a_card_left_open_is_read_again_for_the_next_person(settings: Settings) -> None:
    kari = _shop(settings)
    app = make_app(replace(settings, staff=""))
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        await _sign_in(pilot, "disk", "1357")
        await settle(app, pilot)
        await type_text(pilot, "kari")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "+47 912 34 567" in _card_text(app)
        await pilot.press("f3")  # the counter colleague opens the correction form …
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerFormDialog)
        await pilot.press("ctrl+l")  # … and locks; production signs in over it
        await settle(app, pilot)
        assert isinstance(app.screen, SignInScreen)
        await _sign_in(pilot, "prod", "1111")
        await settle(app, pilot)
        # The form (with her phone and address in its fields) closed itself, and the
        # card was read again as production may see it.
        assert isinstance(app.screen, CustomerScreen)
        card = _card_text(app)
        assert "Kari Nordmann" in card and "912" not in card and "fjordfilm" not in card
    looks = [e.staff for e in audit.entries_for(app.db, kari) if e.action == "view"]
    assert looks == ["disk", "prod"]  # the second reading is the new person's look
