"""#19.6: keys typed in the same burst as the key that opens a form (F2 a new customer,
F4 a new order) land in that form's first field, in order — as a fast typist or a
scanner sends them, one terminal write, no pause between."""

from __future__ import annotations

from textual.widgets import Input

from tests.screens.helpers import press_burst, settle
from tests.screens.test_intake_screen import open_customer_card
from tests.signing_in import as_staff, by_hand
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.models import Customer, MediaItem
from viver_tui.screens.customer import CustomerFormDialog
from viver_tui.screens.intake import IntakeScreen
from viver_tui.screens.login import FirstAdminScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput


async def test_a_new_customer_typed_right_behind_f2(settings: Settings) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await press_burst(pilot, "f2", "Kari Nordmann\r91234567\rkari@example.no")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, CustomerFormDialog)
        assert form.query_one("#name", Input).value == "Kari Nordmann"
        assert form.query_one("#phone", Input).value == "91234567"
        assert form.query_one("#email", Input).value == "kari@example.no"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    assert Customer.get(Customer.name == "Kari Nordmann").phone == "+4791234567"


async def test_media_typed_right_behind_f4(settings: Settings) -> None:
    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_customer_card(app, pilot)
        await press_burst(pilot, "f4", "1\rBryllup 1983\rRipete\r", "1\rJul 1990\rOK\r")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        assert screen.query_one("#kind", Input).value == ""
    media = list(MediaItem.select().order_by(MediaItem.seq))
    assert [(m.kind, m.description, m.condition) for m in media] == [
        ("vhs", "Bryllup 1983", "Ripete"), ("vhs", "Jul 1990", "OK"),
    ]


async def test_editing_keys_in_a_burst_apply_in_order(settings: Settings) -> None:
    """←, Home, Delete typed in a burst edit where they were typed: ``Input`` binds
    them, and a binding ran only after the key had bubbled up to the App — after the
    characters typed behind it (``Nordmn←a`` gave ``Nordmna``). In the search field
    (InOrderInput) and the customer form (FormField)."""
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        search = app.screen
        assert isinstance(search, SearchScreen)
        await press_burst(pilot, "ari nordmn", "left", "a", "home", "K")
        await settle(app, pilot)
        assert search.query_one("#search", Input).value == "Kari nordman"
        await pilot.press("escape")  # F2 would start the form with the search's text
        await settle(app, pilot)
        await press_burst(pilot, "f2", "Xkari Nordmn", "home", "delete", "end", "left", "a")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, CustomerFormDialog)
        assert form.query_one("#name", Input).value == "kari Nordman"


async def test_editing_keys_in_a_burst_apply_in_order_in_a_keyboard_form(
    settings: Settings,
) -> None:
    """The same in a keyboard form (FieldInput): the first-admin screen's."""
    app = by_hand(make_app(settings))  # a new database: the first admin's form
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        first_admin = app.screen
        assert isinstance(first_admin, FirstAdminScreen)
        await press_burst(pilot, "Xari Nordmn", "left", "a", "home", "delete", "K", "end", "\rko")
        await settle(app, pilot)
        assert first_admin.query_one("#name", Input).value == "Kari Nordman"
        assert first_admin.query_one("#initials", Input).value == "ko"


async def test_a_focus_message_for_a_removed_field_keeps_the_keys_held(
    settings: Settings,
) -> None:
    """The focus message of a field can reach the App after the field was removed (the
    sign-in screen dismissed right after its PIN field got the focus: NoScreen in one CI
    run). That field takes nothing; the held keys wait for the next field, in order."""
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        search = app.screen
        assert isinstance(search, SearchScreen)
        gone = Input(id="gone")
        await search.mount(gone)
        await gone.remove()
        app.type_ahead.hold(search)
        await press_burst(pilot, "ab")
        assert app.type_ahead.released_to(gone) == []
        assert app.type_ahead.holding and app.type_ahead.has_keys
        assert [k.key for k in app.type_ahead.expired()] == ["a", "b"]
