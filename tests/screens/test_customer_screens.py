"""The customer register driven by keystrokes, as staff and a scanner type."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import DataTable, Input, Label, Static

from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.locale import set_language
from viver_tui.models import AuditEvent, Customer
from viver_tui.screens.customer import CustomerFormDialog, CustomerScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput


def seed(app: ViverApp) -> None:
    for name, phone in (
        ("Øystein Ås", "91234567"),
        ("Oskar Berg", "92345678"),
        ("Åse Østby", "41234567"),
    ):
        customers.register(app.db, CustomerInput(name=name, phone=phone),
            staff=as_staff(app.db, "seed"))


def table_names(app: ViverApp) -> list[str]:
    table = app.screen.query_one("#results", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_search_as_you_type_folds_norwegian_letters_and_opens(settings: Settings) -> None:
    app = make_app(settings)
    seed(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, SearchScreen)
        await type_text(pilot, "øy")
        await settle(app, pilot)
        assert table_names(app) == ["Øystein Ås"]
        await pilot.press("backspace", "backspace", "å", "s")
        await settle(app, pilot)
        assert sorted(table_names(app)) == ["Åse Østby", "Øystein Ås"]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        details = str(app.screen.query_one("#customer-details", Static).render())
        assert "+47" in details
    opened = AuditEvent.select().where(AuditEvent.action == "view").get()
    assert opened.staff == "test"


async def test_phone_search_and_arrow_keys(settings: Settings) -> None:
    app = make_app(settings)
    seed(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await type_text(pilot, "912 34 567")
        await settle(app, pilot)
        assert table_names(app) == ["Øystein Ås"]
        await pilot.press("ctrl+a", "ctrl+k")  # clear the field the Textual way
        await type_text(pilot, "1234567")
        await settle(app, pilot)
        assert sorted(table_names(app)) == ["Åse Østby", "Øystein Ås"]
        listed = table_names(app)
        await pilot.press("down")  # into the results
        assert isinstance(app.focused, DataTable)
        await pilot.press("down", "enter")  # the second row
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert Customer.get_by_id(app.screen.customer_id).name == listed[1]


async def test_scanner_keys_reach_the_search_field_from_the_results(settings: Settings) -> None:
    app = make_app(settings)
    seed(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("down")
        assert isinstance(app.focused, DataTable)
        await type_text(pilot, "berg")
        await settle(app, pilot)
        assert app.screen.query_one("#search", Input).value == "berg"
        assert table_names(app) == ["Oskar Berg"]


async def test_no_results_says_so(settings: Settings) -> None:
    app = make_app(settings)
    seed(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await type_text(pilot, "zzz")
        await settle(app, pilot)
        assert table_names(app) == []
        info = str(app.screen.query_one("#search-info", Static).render())
        assert "Ingen treff" in info


async def test_register_a_customer_by_keystrokes(settings: Settings) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await type_text(pilot, "Kari Ødegård")
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerFormDialog)
        # the typed search is already the name; focus is on the first empty field (phone)
        assert app.screen.query_one("#name", Input).value == "Kari Ødegård"
        assert app.focused is app.screen.query_one("#phone", Input)
        await type_text(pilot, "912 34 567")
        await pilot.press("enter")
        await type_text(pilot, "Kari@Example.no")
        await pilot.press("enter")
        await type_text(pilot, "Storgata 1")
        await pilot.press("enter")
        await type_text(pilot, "0155")
        await pilot.press("enter")
        await type_text(pilot, "Oslo")
        await pilot.press("enter")  # Enter on the last field saves
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
    row = Customer.get()
    assert (row.name, row.phone, row.email) == ("Kari Ødegård", "+4791234567", "kari@example.no")
    assert (row.address, row.postal_code, row.city) == ("Storgata 1", "0155", "Oslo")
    assert row.letters_opt_out_at is None


async def test_bad_phone_shows_beside_the_field_and_keeps_what_was_typed(
    settings: Settings,
) -> None:
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f2")
        await settle(app, pilot)
        await type_text(pilot, "Per Hansen")
        await pilot.press("enter")
        await type_text(pilot, "12 34")
        await pilot.press("enter")
        await type_text(pilot, "per@")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, CustomerFormDialog)
        assert "Ugyldig telefonnummer" in str(form.query_one("#phone-error", Label).render())
        assert "Ugyldig e-post" in str(form.query_one("#email-error", Label).render())
        assert form.query_one("#phone", Input).value == "12 34"
        assert form.query_one("#name", Input).value == "Per Hansen"
        assert app.focused is form.query_one("#phone", Input)
        # correct it and save: the errors go away and the customer is stored
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "+46 70 123 45 67")
        await pilot.press("tab", "ctrl+a", "ctrl+k")
        await type_text(pilot, "per@example.se")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
    assert Customer.get().phone == "+46701234567"


async def test_duplicate_phone_warns_first_then_registers_on_second_save(
    settings: Settings,
) -> None:
    app = make_app(settings)
    seed(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f2")
        await settle(app, pilot)
        await type_text(pilot, "Ingrid Ås")
        await pilot.press("enter")
        await type_text(pilot, "91234567")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        message = str(app.screen.query_one("#form-message", Static).render())
        assert "Øystein Ås" in message and "telefonnummeret" in message
        assert Customer.select().count() == 3
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
    assert Customer.select().where(Customer.phone == "+4791234567").count() == 2


async def test_correct_an_existing_customer(settings: Settings) -> None:
    app = make_app(settings)
    seed(app)
    async with app.run_test(size=(120, 36)) as pilot:
        await type_text(pilot, "oskar")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, CustomerFormDialog)
        assert form.query_one("#phone", Input).value == "+47 923 45 678"
        form.query_one("#name", Input).focus()
        await pilot.press("end", "backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "Bjørk")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
        details = str(app.screen.query_one("#customer-details", Static).render())
        assert "Oskar Bjørk" in details
    assert Customer.get(Customer.phone == "+4792345678").name == "Oskar Bjørk"
    changed = AuditEvent.select().where(AuditEvent.action == "update").get()
    assert changed.details == "name"


async def test_english_is_selectable(settings: Settings) -> None:
    app = make_app(replace(settings, language="en"))
    seed(app)
    try:
        async with app.run_test(size=(120, 36)) as pilot:
            await type_text(pilot, "zzz")
            await settle(app, pilot)
            info = str(app.screen.query_one("#search-info", Static).render())
            assert "Nothing found" in info
            assert app.screen.query_one("#search", Input).placeholder.startswith("Search")
    finally:
        set_language("nb")


async def test_customer_card_lists_orders_and_enter_opens_one(settings: Settings) -> None:
    from viver_tui.screens.order import OrderScreen
    from viver_tui.services import intake

    app = make_app(settings)
    seed(app)
    oskar = customers.search(app.db, "oskar")[0]
    first = intake.open_order(app.db, oskar.id, "T")
    second = intake.open_order(app.db, oskar.id, "T")
    async with app.run_test(size=(120, 36)) as pilot:
        await type_text(pilot, "oskar")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        table = app.screen.query_one("#orders", DataTable)
        numbers = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        assert numbers == [str(second.number), str(first.number)]  # newest first
        table.focus()
        await pilot.press("down", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        assert app.screen.order_id == first.id
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
    views = [e.details for e in AuditEvent.select().where(AuditEvent.action == "view")]
    # the card once, the order once; coming back to the card logs no second access
    assert views == ["card", f"order {first.number}"]


async def test_a_field_error_goes_when_the_field_is_corrected(settings: Settings) -> None:
    """A stale e-mail complaint must not stay beside an e-mail that is now right."""
    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("f2")
        await settle(app, pilot)
        await type_text(pilot, "Per Hansen")
        await pilot.press("enter")
        await type_text(pilot, "12")
        await pilot.press("enter")
        await type_text(pilot, "per@")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, CustomerFormDialog)

        def error(name: str) -> str:
            return str(form.query_one(f"#{name}-error", Label).render())

        assert "Ugyldig e-post" in error("email") and "Ugyldig telefonnummer" in error("phone")
        form.query_one("#email", Input).focus()
        await pilot.press("end")
        await type_text(pilot, "example.no")
        await settle(app, pilot)
        assert error("email") == ""  # corrected: the complaint is gone at once
        assert not form.query_one("#email", Input).has_class("-invalid")
        assert "Ugyldig telefonnummer" in error("phone")  # the phone is still wrong
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert error("email") == "" and "Ugyldig telefonnummer" in error("phone")
        assert form.query_one("#email", Input).value == "per@example.no"
    assert Customer.select().count() == 0


async def test_a_stale_correction_form_names_the_change_and_keeps_what_was_typed(
    settings: Settings,
) -> None:
    app = make_app(settings)
    seed(app)
    oskar = customers.search(app.db, "oskar")[0]
    async with app.run_test(size=(120, 36)) as pilot:
        await type_text(pilot, "oskar")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("f3")
        await settle(app, pilot)
        form = app.screen
        assert isinstance(form, CustomerFormDialog)
        # meanwhile, at another counter, someone corrects the phone number
        other = customers.get(app.db, oskar.id, as_staff(app.db, "ANNEN"))
        customers.save(
            app.db,
            replace(customers.input_from_view(other), phone="93456789"),
            as_staff(app.db, "ANNEN"),
            customer_id=oskar.id,
            opened=other,
        )
        form.query_one("#city", Input).focus()
        await type_text(pilot, "Bergen")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.screen is form  # nothing saved, the form stays
        message = str(form.query_one("#form-message", Static).render())
        assert "endret av noen andre" in message and "telefon" in message
        assert form.query_one("#city", Input).value == "Bergen"  # what was typed stays
        assert form.query_one("#phone", Input).value == "+47 934 56 789"  # the stored one
        row = Customer.get_by_id(oskar.id)
        assert (row.phone, row.city) == ("+4793456789", None)
        await pilot.press("ctrl+s")  # looked it over: save again
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
    row = Customer.get_by_id(oskar.id)
    assert (row.phone, row.city, row.version) == ("+4793456789", "Bergen", 3)
    updates = AuditEvent.select().where(AuditEvent.action == "update").order_by(AuditEvent.id)
    assert [(e.staff, e.details) for e in updates] == [("annen", "phone"), ("test", "city")]


async def test_a_registration_typed_back_to_back_lands_in_the_right_fields(
    settings: Settings,
) -> None:
    """Every key handed to the app at once, as fast typing or a paste-like burst
    does: nothing lands in the previous field while the focus moves."""
    from textual import events

    app = make_app(settings)
    typed = "Kari Ødegård\n912 34 567\nKari@Example.no\nStorgata 1\n0155\nOslo\n"
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        for char in typed:
            if char == "\n":
                app.post_message(events.Key("enter", None))
            else:
                app.post_message(events.Key("space" if char == " " else char, char))
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
    row = Customer.get()
    assert (row.name, row.phone, row.email) == ("Kari Ødegård", "+4791234567", "kari@example.no")
    assert (row.address, row.postal_code, row.city) == ("Storgata 1", "0155", "Oslo")


async def test_ctrl_s_typed_ahead_saves_after_the_keys_before_it(settings: Settings) -> None:
    from textual import events

    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        for char in "Per\n41234567":
            key = "enter" if char == "\n" else char
            app.post_message(events.Key(key, None if char == "\n" else char))
        app.post_message(events.Key("ctrl+s", None))
        await settle(app, pilot)
        assert isinstance(app.screen, CustomerScreen)
    assert (Customer.get().name, Customer.get().phone) == ("Per", "+4741234567")
