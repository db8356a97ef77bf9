"""Finding 7 of issue 18: numbers longer than Python reads (4 300 digits) pasted into the
intake's kind and units fields and the pickup's count box raised ``ValueError`` from
``int()`` and brought up "Noe gikk galt" (a few of those end the app). Each field now
answers with its own message and its range, and the app keeps taking keys; a photo
count of 0 is refused instead of marking the series returned."""

from __future__ import annotations

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Label, Static

from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import settle, type_text
from viver_tui.app import ViverApp
from viver_tui.config import Settings
from viver_tui.models import MediaItem
from viver_tui.screens.error_dialog import ErrorDialog
from viver_tui.screens.intake import IntakeScreen
from viver_tui.screens.pickup import CountQuestion, PickupScreen
from viver_tui.services import customers, intake, orders
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails

HUGE = "9" * 5_000  # Python's int() refuses more than 4 300 digits


async def paste(pilot: Pilot, widget: Input, text: str) -> None:
    """A paste, as a terminal delivers it (one event with the whole text)."""
    widget.value = ""
    widget.focus()
    widget.post_message(events.Paste(text))
    await pilot.pause()


def error_at(app: ViverApp, field: str) -> str:
    return str(app.screen.query_one(f"#{field}-error", Label).render())


def still_running(app: ViverApp) -> bool:
    return app.is_running and app.return_code is None and not isinstance(app.screen, ErrorDialog)


async def test_pasted_numbers_get_the_fields_message_at_intake_and_pickup(
    settings: Settings,
) -> None:
    """One app run for both screens (signing in costs argon2 hashes)."""
    app, people = staffed_app(settings)
    disk = people["disk"]
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        kari = CustomerInput(name="Kari Nordmann", phone="91234567")
        cid = customers.register(app.db, kari, disk).id
        await intake_fields(app, pilot, cid)
        await pickup_count_box(app, pilot, cid, disk.initials)


async def intake_fields(app: ViverApp, pilot: Pilot, cid: int) -> None:
    app.open_intake(cid)
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, IntakeScreen)
    kind = screen.query_one("#kind", Input)
    for number in (HUGE, "0", "99"):  # 15 kinds in the list
        await paste(pilot, kind, number)
        await pilot.press("enter")
        await settle(app, pilot)
        assert "Ukjent type" in error_at(app, "kind"), number
        assert still_running(app)
    units = screen.query_one("#units", Input)
    minutes = "Minutter må være et helt tall fra 1 til 600."
    photos = "Antall bilder må være et helt tall fra 1 til 10\xa0000."
    for kind_text, wrong, message, right in (
        ("super", (HUGE, "601", "0"), minutes, "600"),  # the top of the range is taken
        ("bilde", (HUGE, "10001", "0", "1²"), photos, "10 000"),
    ):
        kind.value = ""
        kind.focus()
        await type_text(pilot, f"{kind_text}\rHytta\r\r")  # kind, description, condition
        await settle(app, pilot)
        assert app.focused is units
        for number in wrong:
            await paste(pilot, units, number)
            await pilot.press("enter")
            await settle(app, pilot)
            assert error_at(app, "units") == message, number
            assert app.focused is units and still_running(app)
        await paste(pilot, units, right)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.focused is kind and still_running(app)
    media = MediaItem.select().where(MediaItem.order == screen.order.id).order_by(MediaItem.seq)
    stored = [(m.kind, m.units, m.declared_count) for m in media]
    assert stored == [("super8", 600, None), ("photo-series", 10_000, 10_000)]


async def pickup_count_box(app: ViverApp, pilot: Pilot, cid: int, initials: str) -> None:
    kinds = app.settings.media_kinds
    order = intake.open_order(app.db, cid, initials)
    order = intake.add_medium(app.db, order.id, MediumInput("photo-series", units="40"), kinds,
                              initials)
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="C2"), initials)
    orders.set_order_status(app.db, order.id, orders.READY, initials)
    photos = order.media[0].code
    app.open_pickup()
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, PickupScreen)
    await type_text(pilot, f"{order.number}\r{photos}\r")
    await settle(app, pilot)
    assert isinstance(screen.question, CountQuestion)
    message = screen.query_one("#pickup-message", Static)
    for number in (HUGE, "0", "10001", "99999"):
        await paste(pilot, screen.scan_input, number)
        await pilot.press("enter")
        await settle(app, pilot)
        assert str(message.render()) == "Skriv antallet som et helt tall fra 1 til 10\xa0000."
        assert isinstance(screen.question, CountQuestion), number  # still asked
        assert still_running(app)
    assert MediaItem.get(MediaItem.code == photos).returned_at is None  # 0 returned nothing
    await type_text(pilot, "38\r")
    await settle(app, pilot)
    assert screen.question is None
    returned = MediaItem.get(MediaItem.code == photos)
    assert returned.returned_at is not None and returned.returned_count == 38
