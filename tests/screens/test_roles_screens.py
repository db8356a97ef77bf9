"""Roles on the screens, by keystrokes: production staff see names and orders only —
in the search results, on the customer card, and on a card a counter colleague left
open when they locked — and the keys that open the customer form do nothing for them."""

from __future__ import annotations

from textual.widgets import DataTable, Input

from tests.screens.admin_helpers import footer_keys, sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from viver_tui.app import ViverApp
from viver_tui.config import Settings
from viver_tui.screens.customer import CustomerFormDialog, CustomerScreen
from viver_tui.screens.login import SignInScreen
from viver_tui.screens.production import ProductionScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import audit, customers


def _shop(settings: Settings) -> tuple[ViverApp, int]:
    """An app that asks who signs in (admin_helpers' three people) and one customer
    with every contact field filled in."""
    app, _people = staffed_app(settings)
    kari = customers.register(
        app.db,
        customers.CustomerInput(name="Kari Nordmann", phone="91234567",
                                email="kari@fjordfilm.no", address="Storgata 1", city="Oslo"),
        as_staff(app.db, "adm"),
    ).id
    return app, kari


def _card_text(app) -> str:
    return str(app.screen.query_one("#customer-details").render())


async def test_production_sees_names_only_and_cannot_open_the_form(settings: Settings) -> None:
    app, kari = _shop(settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await sign_in(app, pilot, "prod")
        # Production's start screen is the production room's; Escape leads to the search.
        assert isinstance(app.screen, ProductionScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "nordm")
        await settle(app, pilot)
        table = app.screen.query_one("#results", DataTable)
        assert table.row_count == 1
        assert [str(c) for c in table.get_row_at(0)] == ["Kari Nordmann", "", "", ""]
        offered = footer_keys(app)
        assert "f2" not in offered and "f5" in offered  # the footer offers no F2
        await pilot.press("f2")  # register: not for production
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        # Refused, not opened and closed again (the form closes itself, with a notice,
        # if someone who may not see contact details comes to it: a second line only).
        assert [n.message for n in app._notifications] == []
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
        offered = footer_keys(app)
        assert "f3" not in offered and "f4" in offered  # the footer shows no F3


async def test_a_card_left_open_is_read_again_for_the_next_person(settings: Settings) -> None:
    app, kari = _shop(settings)
    async with app.run_test(size=(140, 40)) as pilot:
        await sign_in(app, pilot, "disk")
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
        await sign_in(app, pilot, "prod")
        # The form (with her phone and address in its fields) closed itself, and the
        # card was read again as production may see it.
        assert isinstance(app.screen, CustomerScreen)
        card = _card_text(app)
        assert "Kari Nordmann" in card and "912" not in card and "fjordfilm" not in card
    looks = [e.staff for e in audit.entries_for(app.db, kari) if e.action == "view"]
    assert looks == ["disk", "prod"]  # the second reading is the new person's look
