"""Pickup by scanning, and scans that arrive as fast as a USB scanner types them."""

from __future__ import annotations

import asyncio
import random
import threading
import time

from textual import on
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.screens.helpers import settle
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.models import MediaItem, Order, OrderEvent, PrintJob
from viver_tui.screens.order_dialogs import CloseReasonDialog, CountDialog
from viver_tui.screens.pickup import PickupScreen
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView
from viver_tui.widgets.scan_input import ScanInput


async def scan(pilot: Pilot, code: str) -> None:
    """A scan through Pilot: the code's keys and Enter (slow: Pilot waits after each key)."""
    await pilot.press(*[{"-": "minus", " ": "space"}.get(c, c) for c in code], "enter")


def make_order(app: ViverApp, name: str, media: list[tuple[str, str]]) -> OrderView:
    kinds = app.settings.media_kinds
    cid = customers.register(app.db, CustomerInput(name=name, email=f"{name[:3]}@x.no"), "T").id
    order = intake.open_order(app.db, cid, "T")
    for kind, units in media:
        order = intake.add_medium(app.db, order.id, MediumInput(kind, units=units), kinds, "T")
    return intake.confirm_order(app.db, order.id, OrderDetails(shelf="C2"), "T")


def text(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_whole_pickup_by_scans(settings: Settings) -> None:
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("photo-series", "40"),
                                              ("minidv", ""), ("audio-cassette", "")])
    other = make_order(app, "Per Hansen", [("vhs", "")])
    vhs, photos, dv, _audio = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        await scan(pilot, str(order.number))  # the receipt
        await settle(app, pilot)
        assert "Kari Nordmann" in text(app, "#pickup-order")
        assert "0 av 4 utlevert" in text(app, "#pickup-count")
        await scan(pilot, dv)  # any order
        await settle(app, pilot)
        assert "1 av 4 utlevert" in text(app, "#pickup-count")
        await scan(pilot, other.media[0].code)  # another order's medium
        await settle(app, pilot)
        message = text(app, "#pickup-message")
        assert "ADVARSEL" in message and str(other.number) in message
        assert "1 av 4 utlevert" in text(app, "#pickup-count")
        await scan(pilot, dv)  # the same code twice
        await settle(app, pilot)
        assert "allerede utlevert" in text(app, "#pickup-message")
        await scan(pilot, "123456-99")  # unknown
        await settle(app, pilot)
        assert "Ukjent kode" in text(app, "#pickup-message")
        # scans are caught whatever has focus
        app.screen.set_focus(None)
        await pilot.pause()
        await scan(pilot, vhs)
        await settle(app, pilot)
        assert "2 av 4 utlevert" in text(app, "#pickup-count")
        await scan(pilot, photos)  # photo series: confirm the count going back
        await settle(app, pilot)
        assert isinstance(app.screen, CountDialog)
        assert app.screen.query_one("#count", Input).value == "40"
        await pilot.press("3", "8", "enter")  # the prefilled count is selected: typing replaces
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        assert "38 bilder" in text(app, "#pickup-message")
        assert "3 av 4 utlevert" in text(app, "#pickup-count")
        await pilot.press("f2")  # close with the audio cassette missing
        await settle(app, pilot)
        assert isinstance(app.screen, CloseReasonDialog)
        await pilot.press("enter")  # no reason: refused, says why
        await settle(app, pilot)
        assert "Skriv hvorfor" in str(app.screen.query_one("#reason-error").render())
        await pilot.press(*["space" if c == " " else c for c in "Ligger hos reparatør"])
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        assert "reparat" in text(app, "#pickup-closed")
    row = Order.get_by_id(order.id)
    assert row.status == "closed" and row.close_reason == "Ligger hos reparatør"
    returned = {m.code: m for m in MediaItem.select().where(MediaItem.order == order.id)}
    assert {c for c, m in returned.items() if m.returned_at} == {vhs, photos, dv}
    assert returned[photos].returned_count == 38 and returned[dv].returned_by == "TEST"
    assert MediaItem.get(MediaItem.code == other.media[0].code).returned_at is None
    assert OrderEvent.select().where(OrderEvent.action == "returned").count() == 3
    assert PrintJob.select().where(PrintJob.kind == "return_receipt").count() == 1


class ScanApp(App[None]):
    """Just a ScanInput, recording what it posts."""

    def __init__(self) -> None:
        super().__init__()
        self.codes: list[str] = []

    def compose(self) -> ComposeResult:
        yield ScanInput(id="scan")

    def on_mount(self) -> None:
        self.query_one(ScanInput).focus()

    @on(ScanInput.Scanned)
    def scanned(self, event: ScanInput.Scanned) -> None:
        self.codes.append(event.code)


def type_like_a_scanner(app: App, codes: list[str], delay: float) -> threading.Thread:
    """Feed keys the way the terminal driver does: parsed from bytes on another thread,
    handed to the app with ``driver.process_message`` without waiting for it."""
    driver = app._driver
    assert driver is not None
    parser = XTermParser()

    def run() -> None:
        for code in codes:
            for char in code + "\r":
                for event in parser.feed(char):
                    driver.process_message(event)
                if delay:
                    time.sleep(delay)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


async def wait_for(predicate, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def test_scan_input_burst_200_back_to_back() -> None:
    app = ScanApp()
    codes = [f"{100000 + i}-{i % 100:02d}" for i in range(200)]
    async with app.run_test() as pilot:
        await pilot.pause()
        thread = type_like_a_scanner(app, codes, delay=0)  # as fast as it can go
        await wait_for(lambda: not thread.is_alive() and len(app.codes) >= len(codes))
        await pilot.pause()
    assert app.codes == codes


async def test_pickup_screen_burst_200_scans(settings: Settings) -> None:
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", "")] * 20)
    codes = [m.code for m in order.media] * 10
    random.Random(4).shuffle(codes)
    scans = [str(order.number), *codes[:199]]
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await pilot.press("f5")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, PickupScreen)
        thread = type_like_a_scanner(app, scans, delay=0.001)  # ~1 ms per key
        await wait_for(lambda: not thread.is_alive() and len(screen.outcomes) >= len(scans))
        await settle(app, pilot)
        assert screen.received == scans  # every scan whole, in order
        assert [o.scan.code for o in screen.outcomes] == scans  # handled in that order
        assert all(o.error is None for o in screen.outcomes)
        outcomes = [o.result.outcome for o in screen.outcomes[1:] if o.result]
        assert outcomes.count("returned") == 20
        assert outcomes.count("already_returned") == 179
        assert "20 av 20 utlevert" in text(app, "#pickup-count")
    assert MediaItem.select().where(MediaItem.returned_at.is_null()).count() == 0
    assert Order.get_by_id(order.id).status == "returned"


async def test_partial_pickup_from_the_order_screen(settings: Settings) -> None:
    from viver_tui.screens.order import OrderScreen

    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("minidv", ""), ("betamax", "")])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await scan(pilot, str(order.number))  # in the search field: opens the order
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        assert "0 av 3 utlevert" in text(app, "#pickup-count")
        await scan(pilot, order.media[1].code)
        await settle(app, pilot)
        await pilot.press("f3")  # the customer takes this one now, the rest later
        await settle(app, pilot)
        assert "Delvis utlevering registrert (1 av 3)" in text(app, "#pickup-message")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        assert "1 av 3 utlevert" in text(app, "#order-info")
    assert Order.get_by_id(order.id).status == "received"
    assert PrintJob.select().where(PrintJob.kind == "return_receipt").count() == 1
    assert OrderEvent.select().where(OrderEvent.action == "visit_ended").count() == 1
