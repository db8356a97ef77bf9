"""Pickup by scanning, whole flows by keystrokes; the rules are tested at the service
(tests/services/test_pickup.py). Scans arrive as fast as a USB scanner types them, also
while the photo-count box or the not-finished question is open."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import pytest
from textual import on
from textual._xterm_parser import XTermParser
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Static

from tests.screens.helpers import settle, type_text, wait_for, wait_while_progressing
from tests.signing_in import as_staff
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.models import MediaItem, Order, OrderEvent, PrintJob
from viver_tui.screens.order_dialogs import CloseReasonDialog
from viver_tui.screens.pickup import CountQuestion, PickupScreen, ReleaseQuestion
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView
from viver_tui.widgets.outcome_log import OutcomeLog
from viver_tui.widgets.results_table import ResultsTable
from viver_tui.widgets.scan_input import ScanInput


async def scan(pilot: Pilot, code: str) -> None:
    """A scan through Pilot: the code's keys back to back, as a scanner types them, and
    Enter."""
    await type_text(pilot, code)
    await pilot.press("enter")


def make_order(
    app: ViverApp, name: str, media: list[tuple[str, str]], status: str = orders.READY
) -> OrderView:
    kinds = app.settings.media_kinds
    cid = customers.register(app.db, CustomerInput(name=name, email=f"{name[:3]}@x.no"),
        as_staff(app.db, "T")).id
    order = intake.open_order(app.db, cid, "T")
    for kind, units in media:
        order = intake.add_medium(app.db, order.id, MediumInput(kind, units=units), kinds, "T")
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="C2"), "T")
    if status != orders.RECEIVED:
        order = orders.set_order_status(app.db, order.id, status, "T")
    return order


def text(app: App, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def open_pickup(app: ViverApp, pilot: Pilot) -> PickupScreen:
    await settle(app, pilot)
    await pilot.press("f5")
    await settle(app, pilot)
    assert isinstance(app.screen, PickupScreen)
    return app.screen


async def test_whole_pickup_by_scans(settings: Settings) -> None:
    app = make_app(settings)
    order = make_order(app, "Kari [b]Nordmann[/b]", [("vhs", ""), ("photo-series", "40"),
                                                    ("minidv", ""), ("audio-cassette", "")])
    other = make_order(app, "Per Hansen", [("vhs", "")])
    vhs, photos, dv, audio = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pickup(app, pilot)
        await scan(pilot, str(order.number))  # the receipt
        await settle(app, pilot)
        assert "Kari [b]Nordmann[/b]" in text(app, "#pickup-order")  # data, not markup
        assert "0 av 4 utlevert" in text(app, "#pickup-count")
        await scan(pilot, dv)
        await settle(app, pilot)
        assert "1 av 4 utlevert" in text(app, "#pickup-count")
        assert text(app, "#pickup-missing") == (
            f"Mangler: {vhs} VHS, {photos} Bildeserie, {audio} Lydkassett"
        )
        await scan(pilot, other.media[0].code)  # another order's medium
        await settle(app, pilot)
        message = text(app, "#pickup-message")
        assert "ADVARSEL" in message and str(other.number) in message
        await scan(pilot, dv)  # the same code twice
        await settle(app, pilot)
        assert "allerede utlevert" in text(app, "#pickup-message")
        await scan(pilot, "123456-99")  # unknown
        await settle(app, pilot)
        assert "Ukjent kode" in text(app, "#pickup-message")
        app.screen.set_focus(None)  # scans are caught whatever has focus
        await pilot.pause()
        await scan(pilot, vhs)
        await settle(app, pilot)
        assert "2 av 4 utlevert" in text(app, "#pickup-count")
        await scan(pilot, photos)  # photo series: confirm the count going back
        await settle(app, pilot)
        assert isinstance(app.screen.question, CountQuestion)
        assert "40 bilder ble levert inn" in text(app, "#pickup-question")
        await pilot.press("3", "8", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        assert "38 bilder" in text(app, "#pickup-message")
        assert text(app, "#pickup-missing") == f"Mangler: {audio} Lydkassett"
        await pilot.press("f2")  # close with the audio cassette missing
        await settle(app, pilot)
        assert isinstance(app.screen, CloseReasonDialog)
        await type_text(pilot, "Ligger hos reparatør")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        assert "reparat" in text(app, "#pickup-closed")
    row = Order.get_by_id(order.id)
    assert row.status == "closed" and row.close_reason == "Ligger hos reparatør"
    returned = {m.code: m for m in MediaItem.select().where(MediaItem.order == order.id)}
    assert {c for c, m in returned.items() if m.returned_at} == {vhs, photos, dv}
    assert returned[photos].returned_count == 38 and returned[dv].returned_by == "test"
    assert MediaItem.get(MediaItem.code == other.media[0].code).returned_at is None
    assert PrintJob.select().where(PrintJob.kind == "return_receipt").count() == 1


async def test_photo_series_scanned_again_while_its_count_box_is_open(settings) -> None:
    """Issue 10 item 1: the second scan of the series used to close the box, register
    nothing and kill the scan loop (DuplicateIds 'count-dialog')."""
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("photo-series", "40")])
    other = make_order(app, "Per Hansen", [("vhs", "")])
    vhs, photos = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        await scan(pilot, str(order.number))
        await scan(pilot, photos)
        await settle(app, pilot)
        assert isinstance(screen.question, CountQuestion)
        await scan(pilot, photos)  # the same series again: queued, the question stays
        await settle(app, pilot)
        assert isinstance(screen.question, CountQuestion)
        assert "1 skann står i kø" in text(app, "#pickup-question")
        await pilot.press("enter")  # Enter alone: the declared 40 go back
        await settle(app, pilot)
        assert screen.question is None and app.screen is screen
        assert "1 av 2 utlevert" in text(app, "#pickup-count")
        assert "allerede utlevert" in text(app, "#pickup-message")  # the queued scan
        await scan(pilot, vhs)
        await settle(app, pilot)
        assert "levert: alle medier" in text(app, "#pickup-message")
        await scan(pilot, str(other.number))  # still listening
        await settle(app, pilot)
        assert "Per Hansen" in text(app, "#pickup-order")
    assert [h.outcome.outcome for h in screen.outcomes] == [
        "loaded", "count_needed", "returned", "already_returned", "returned", "loaded",
    ]
    assert MediaItem.get(MediaItem.code == photos).returned_count == 40
    assert Order.get_by_id(order.id).status == "returned"


async def test_a_scan_while_the_count_box_is_open_is_queued_behind_it(settings) -> None:
    """Issue 10 item 2: another medium scanned into the box used to close it and leave
    the series missing."""
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("photo-series", "40"), ("vhs", ""), ("vhs", "")])
    photos, vhs, vhs2 = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        await scan(pilot, str(order.number))
        await scan(pilot, photos)
        await settle(app, pilot)
        assert isinstance(screen.question, CountQuestion)
        await scan(pilot, vhs)
        await scan(pilot, vhs2)
        await settle(app, pilot)
        assert "2 skann står i kø" in text(app, "#pickup-question")
        assert MediaItem.get(MediaItem.code == vhs).returned_at is None  # not before
        await scan(pilot, "38")  # a number is the answer
        await settle(app, pilot)
        assert screen.question is None
        assert "3 av 3 utlevert" in text(app, "#pickup-count")
    assert [h.code for h in screen.outcomes] == [str(order.number), photos, photos, vhs, vhs2]
    assert MediaItem.get(MediaItem.code == photos).returned_count == 38
    assert MediaItem.select().where(MediaItem.returned_at.is_null()).count() == 0


async def test_an_order_that_is_not_finished_asks_once(settings) -> None:
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("minidv", "")], orders.RECEIVED)
    other = make_order(app, "Per Hansen", [("vhs", "")], orders.IN_PRODUCTION)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        await scan(pilot, str(order.number))
        await settle(app, pilot)
        assert isinstance(screen.question, ReleaseQuestion)
        assert "Ordren er ikke ferdig (Mottatt)" in text(app, "#pickup-question")
        await scan(pilot, order.media[0].code)  # a scan while asked: queued, not an answer
        await settle(app, pilot)
        assert isinstance(screen.question, ReleaseQuestion)
        await pilot.press("j")
        await settle(app, pilot)
        assert screen.question is None
        assert "1 av 2 utlevert" in text(app, "#pickup-count")
        await scan(pilot, order.media[1].code)  # asked once: no second question
        await settle(app, pilot)
        assert "2 av 2 utlevert" in text(app, "#pickup-count")
        await scan(pilot, str(other.number))
        await settle(app, pilot)
        assert isinstance(screen.question, ReleaseQuestion)
        await pilot.press("n")
        await settle(app, pilot)
        await scan(pilot, other.media[0].code)
        await settle(app, pilot)
        assert screen.question is None
        assert "Ikke utlevert" in text(app, "#pickup-message")
    actions = [(e.order_id, e.action) for e in OrderEvent.select().order_by(OrderEvent.id)]
    assert (order.id, pickup.RELEASED) in actions
    assert (other.id, pickup.RELEASE_DECLINED) in actions
    assert MediaItem.get(MediaItem.code == other.media[0].code).returned_at is None
    assert Order.get_by_id(order.id).status == "returned"


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


async def test_burst_of_50_scans_with_three_photo_series(settings) -> None:
    app = make_app(settings)
    media = [("vhs", "")] * 20
    for place in (4, 11, 17):
        media[place] = ("photo-series", str(10 + place))
    order = make_order(app, "Kari Nordmann", media)
    codes = [m.code for m in order.media]
    rest = codes[:]
    random.Random(5).shuffle(rest)
    scans = [str(order.number), *codes, *rest[:29]]  # 50 scans, every medium at least once
    photo_codes = {order.media[p].code for p in (4, 11, 17)}
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        thread = type_like_a_scanner(app, scans, delay=0.001)  # ~1 ms per key
        assert await wait_while_progressing(
            lambda: not thread.is_alive(), lambda: (len(screen.received), len(screen.outcomes))
        )
        while len(screen.outcomes) < len(scans) + 3:  # three count questions answered
            await settle(app, pilot)
            if isinstance(screen.question, CountQuestion):
                await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is screen
        assert "20 av 20 utlevert" in text(app, "#pickup-count")
    assert list(screen.received) == scans  # every scan whole, in order
    asked = [h.code for h in screen.outcomes if h.outcome.outcome == "count_needed"]
    assert sorted(asked) == sorted(photo_codes)
    assert all(h.error is None for h in screen.outcomes)
    for medium in MediaItem.select().where(MediaItem.order == order.id):
        assert medium.returned_at is not None, medium.code
        expected = medium.declared_count if medium.code in photo_codes else None
        assert medium.returned_count == expected
    assert OrderEvent.select().where(OrderEvent.action == "returned").count() == 20
    assert Order.get_by_id(order.id).status == "returned"


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


async def test_scan_input_burst_200_back_to_back() -> None:
    app = ScanApp()
    codes = [f"{100000 + i}-{i % 100:02d}" for i in range(200)]
    async with app.run_test() as pilot:
        await pilot.pause()
        thread = type_like_a_scanner(app, codes, delay=0)  # as fast as it can go
        assert await wait_while_progressing(
            lambda: not thread.is_alive() and len(app.codes) >= len(codes),
            lambda: len(app.codes),
        )
        await pilot.pause()
    assert app.codes == codes


async def test_pickup_screen_burst_200_scans(settings: Settings) -> None:
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", "")] * 20)
    codes = [m.code for m in order.media] * 10
    random.Random(4).shuffle(codes)
    scans = [str(order.number), *codes[:199]]
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        thread = type_like_a_scanner(app, scans, delay=0.001)  # ~1 ms per key
        assert await wait_while_progressing(
            lambda: not thread.is_alive() and len(screen.outcomes) >= len(scans),
            lambda: (len(screen.received), len(screen.outcomes)),
        )
        await settle(app, pilot)
        assert list(screen.received) == scans  # every scan whole, in order
        assert [h.code for h in screen.outcomes] == scans  # handled in that order
        outcomes = [h.outcome.outcome for h in list(screen.outcomes)[1:]]
        assert outcomes.count("returned") == 20
        assert outcomes.count("already_returned") == 179
        assert "20 av 20 utlevert" in text(app, "#pickup-count")
    assert MediaItem.select().where(MediaItem.returned_at.is_null()).count() == 0
    assert Order.get_by_id(order.id).status == "returned"


class BrokenClock:
    """A clock that fails: the kind of fault no service expects."""

    @staticmethod
    def now() -> None:
        raise RuntimeError("clock broken for Kari Nordmann")


async def test_a_failing_scan_reaches_the_error_funnel_and_scanning_goes_on(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("minidv", "")])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        await scan(pilot, str(order.number))
        await settle(app, pilot)
        with monkeypatch.context() as broken:
            broken.setattr("viver_tui.services.pickup.clock", BrokenClock)
            await scan(pilot, order.media[0].code)
            await settle(app, pilot)
        assert app.screen is screen  # a notice, no dialog over the scan field
        assert "Skanningen stoppet ikke" in text(app, "#pickup-message")
        notices = [n.message for n in app._notifications]
        assert any("Uventet feil (RuntimeError)" in n for n in notices)
        await scan(pilot, order.media[0].code)  # the loop lives: the same scan again
        await scan(pilot, order.media[1].code)
        await settle(app, pilot)
        assert "2 av 2 utlevert" in text(app, "#pickup-count")
    log = (tmp_path / "state" / "viver_tui" / "log" / "errors.log").read_text()
    assert "builtins.RuntimeError" in log and "pickup-scan" in log
    assert "Kari" not in log  # the exception's text is not logged: it may hold a name
    assert Order.get_by_id(order.id).status == "returned"


async def test_the_error_dialog_can_open_twice(settings: Settings) -> None:
    from viver_tui.screens.error_dialog import ErrorDialog

    app = make_app(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        app.show_error("Første [/] feil")
        app.show_error("Andre feil")
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert len([s for s in app.screen_stack if isinstance(s, ErrorDialog)]) == 2
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ErrorDialog)
        assert "Første [/] feil" in str(app.screen.query_one("#error-message").render())


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
        await pilot.press("f3")  # the customer takes this one now, the rest later
        await settle(app, pilot)
        assert "Delvis utlevering registrert (1 av 3)" in text(app, "#pickup-message")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        assert "1 av 3 utlevert" in text(app, "#order-info")
    assert Order.get_by_id(order.id).status == "ready"
    assert PrintJob.select().where(PrintJob.kind == "return_receipt").count() == 1
    assert OrderEvent.select().where(OrderEvent.action == "visit_ended").count() == 1


async def test_a_whole_pickup_in_english_shows_no_norwegian(settings: Settings) -> None:
    """#10: English is English everywhere: the not-finished question, the photo count,
    the returns, the missing list and the keys of a whole pickup."""
    import re
    from dataclasses import replace

    from tests.screens.test_intake_screen import _norwegian_only_words, screen_text
    from viver_tui.locale import set_language

    app = make_app(replace(settings, language="en"))
    norwegian = _norwegian_only_words()
    seen: list[str] = []
    try:
        media = [("vhs", ""), ("photo-series", "12"), ("vhs", "")]
        order = make_order(app, "Kari Nordmann", media, orders.RECEIVED)
        async with app.run_test(size=(140, 40)) as pilot:
            await open_pickup(app, pilot)
            await scan(pilot, str(order.number))
            await settle(app, pilot)
            seen.append(await screen_text(app, pilot))  # "not finished — hand out anyway?"
            await pilot.press("y")
            await settle(app, pilot)
            await scan(pilot, order.media[0].code)
            await settle(app, pilot)
            await scan(pilot, order.media[1].code)
            await settle(app, pilot)
            seen.append(await screen_text(app, pilot))  # the photo count question
            await scan(pilot, "11")
            await settle(app, pilot)
            seen.append(await screen_text(app, pilot))  # 11 of 12 back, one missing
            returned = MediaItem.get(MediaItem.code == order.media[1].code).returned_count
            assert returned == 11
    finally:
        set_language("nb")
    shown = "\n".join(seen)
    assert "hand it out anyway" in shown and "Missing" in shown and order.media[2].code in shown
    found = sorted(w for w in norwegian if re.search(rf"\b{w}\b", shown))
    assert found == [], (found, shown)


async def test_a_scan_into_the_close_reason_is_a_scan_not_a_reason(settings) -> None:
    """#10: a scan is never dropped, whatever is open. The medium turned up while staff
    were typing why the order is closed without it: the order is not closed with the
    code as its reason; the medium is returned and the order delivered."""
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("vhs", "")])
    first, second = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pickup(app, pilot)
        await scan(pilot, str(order.number))
        await scan(pilot, first)
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert isinstance(app.screen, CloseReasonDialog)
        await scan(pilot, second)  # into the reason field
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        assert "2 av 2 utlevert" in text(app, "#pickup-count")
    row = Order.get_by_id(order.id)
    assert row.status == "returned" and row.close_reason is None
    assert MediaItem.get(MediaItem.code == second).returned_at is not None


async def test_the_footer_offers_the_order_keys_once_an_order_is_shown_and_is_not_rebuilt_per_scan(
    settings: Settings,
) -> None:
    """Rebuilding the footer's keys was the largest part of a scan's time on screen:
    it happens when an order first shows (F2/F3/F6 appear), not on every scan."""
    from textual.widgets import Footer
    from textual.widgets._footer import FooterKey

    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("minidv", ""), ("vhs", "")])
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)

        def footer_keys() -> list[FooterKey]:
            return list(screen.query_one(Footer).query(FooterKey))

        assert "f2" not in {k.key for k in footer_keys()}
        await scan(pilot, str(order.number))
        await settle(app, pilot)
        shown = footer_keys()
        assert {"f2", "f3", "f6"} <= {k.key for k in shown}
        for medium in order.media[:2]:
            await scan(pilot, medium.code)
            await settle(app, pilot)
        assert "2 av 3 utlevert" in text(app, "#pickup-count")
        assert footer_keys() == shown  # the same widgets: not rebuilt


async def test_the_order_opened_from_its_pickup_stacks_over_it(settings: Settings) -> None:
    """Order → F5 pickup → F6 the order again: two order screens in the stack (this
    crashed on a duplicate screen id); Escape walks back through each."""
    from viver_tui.screens.order import OrderScreen

    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("minidv", "")])
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await scan(pilot, str(order.number))
        await settle(app, pilot)
        first = app.screen
        assert isinstance(first, OrderScreen)
        await pilot.press("f5")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        await scan(pilot, order.media[0].code)
        await settle(app, pilot)
        await pilot.press("f6")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen) and app.screen is not first
        assert "1 av 2 utlevert" in text(app, "#order-info")
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert app.screen is first


async def test_the_screen_keeps_only_its_latest_scans(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Open all day, the screen must not keep every scan and order it showed."""
    from viver_tui.screens import pickup as pickup_screen

    monkeypatch.setattr(pickup_screen, "SCAN_HISTORY", 5)
    app = make_app(settings)
    scans = [f"{900000 + i}-01" for i in range(8)]  # unknown codes: answered at once
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        for code in scans:
            await scan(pilot, code)
        assert await wait_for(lambda: screen.outcomes and screen.outcomes[-1].code == scans[-1])
        assert list(screen.received) == scans[-5:]
        assert [h.code for h in screen.outcomes] == scans[-5:]


async def test_quitting_waits_for_the_scans_before_it(settings: Settings) -> None:
    """Ctrl+Q right behind a receipt and two media while another terminal holds the
    write lock for a second: both returns are stored before the app closes."""
    import sqlite3

    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("vhs", ""), ("minidv", ""), ("betamax", "")])
    path = settings.database_url.removeprefix("sqlite:///")
    other_terminal = sqlite3.connect(path, check_same_thread=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_pickup(app, pilot)
        other_terminal.execute("BEGIN IMMEDIATE")
        threading.Timer(1.0, other_terminal.commit).start()
        codes = [str(order.number), order.media[0].code, order.media[2].code]
        thread = type_like_a_scanner(app, [*codes, "\x11"], delay=0)  # \x11: Ctrl+Q
        assert await wait_for(lambda: not app.is_running, timeout=30)
        thread.join()
    other_terminal.close()
    returned = MediaItem.select().where(MediaItem.returned_at.is_null(False))
    assert sorted(m.code for m in returned) == sorted(codes[1:])


async def test_outcomes_of_a_burst_queued_behind_the_count_question_all_stay_readable(
    settings: Settings,
) -> None:
    """#19.1: a photo series, another order's medium and an unknown code in one burst,
    then the count: the warnings used to be replaced in milliseconds by the last
    message, and the two scans that came before the question were not counted."""
    app = make_app(settings)
    media = [("photo-series", "48"), *[("vhs", "")] * 8]
    order = make_order(app, "Kari Nordmann", media)
    other = make_order(app, "Per Hansen", [("vhs", "")])
    photos, *tapes = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        await type_text(pilot, f"{order.number}\r{photos}\r{other.media[0].code}\r123456-99\r")
        await settle(app, pilot)
        assert isinstance(screen.question, CountQuestion)
        assert "2 skann står i kø" in text(app, "#pickup-question")
        await type_text(pilot, "40\r" + "".join(f"{code}\r" for code in tapes))  # a burst
        await settle(app, pilot)
        assert screen.question is None
        assert "9 av 9 utlevert" in text(app, "#pickup-count")
        seen = text(app, "#pickup-message") + "\n" + text(app, "#pickup-log")
        assert f"{photos} gikk ut med 40 bilder, 48 ble levert inn" in seen
        assert f"hører til ordre {other.number}" in seen
        assert "Ukjent kode «123456-99»" in seen
        log = screen.query_one("#pickup-log", OutcomeLog)
        levels = {line: level for line, level in log.entries}
        assert [levels[line] for line in levels if "OBS" in line] == ["warning"]
        assert [levels[line] for line in levels if "Ukjent" in line] == ["error"]
        # Newest first: the mismatch was said after the two queued scans' outcomes.
        order_of = [line for line, _ in log.entries]
        assert order_of.index(next(x for x in order_of if "Ukjent" in x)) < order_of.index(
            next(x for x in order_of if "OBS" in x)
        )
    assert MediaItem.get(MediaItem.code == photos).returned_count == 40


async def test_a_photo_series_of_one_reads_in_the_singular(settings: Settings) -> None:
    """#19.3: "1 bilder ble levert inn", "1 bilder" in the table, "1 skann står i kø"."""
    app = make_app(settings)
    order = make_order(app, "Kari Nordmann", [("photo-series", "1"), ("vhs", "")])
    photo, tape = (m.code for m in order.media)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_pickup(app, pilot)
        await type_text(pilot, f"{order.number}\r{photo}\r{tape}\r")
        await settle(app, pilot)
        question = text(app, "#pickup-question")
        assert "1 bilde ble levert inn" in question and "1 skann står i kø" in question
        table = screen.query_one("#pickup-media", ResultsTable)
        assert str(table.get_row(photo)[3]) == "1 bilde"
        await pilot.press("enter")
        await settle(app, pilot)
        assert str(table.get_row(photo)[3]) == "1/1 bilde"
        assert "1 av 1 bilde." in text(app, "#pickup-message") + text(app, "#pickup-log")
