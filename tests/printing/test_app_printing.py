"""The app with a hung printer: an intake is confirmed and the screen answers keys."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import pytest
from textual.widgets import Input

from tests.printing.conftest import with_printers
from tests.screens.helpers import settle, type_text, wait_for
from tests.screens.test_intake_screen import add, open_intake
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.models import PrintJob
from viver_tui.screens.order import OrderScreen
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput
from viver_tui.widgets.status_bar import StatusBar


@pytest.fixture
def hung_url() -> Iterator[str]:
    """A port whose listen backlog is full: connecting hangs until the timeout."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    for _ in range(3):
        filler = socket.socket()
        filler.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.05)
    yield f"tcp://127.0.0.1:{port}"
    for filler in fillers:
        filler.close()
    server.close()


def printing_now() -> bool:
    return PrintJob.select().where(PrintJob.status == "printing").exists()


async def test_confirm_intake_while_printer_hangs_and_keys_still_answer(
    settings: Settings, hung_url: str
) -> None:
    app = make_app(with_printers(settings, hung_url, timeout=3.0))
    customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"), "T")
    async with app.run_test(size=(120, 36)) as pilot:
        await open_intake(app, pilot)
        number = app.screen.order.number
        await add(pilot, app, "1", "Bryllup 1994", "OK")
        await pilot.press("enter")  # on to the shelf
        await type_text(pilot, "B3")
        started = time.monotonic()
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        assert time.monotonic() - started < 1.5  # confirming never waits for the printer
        # the queue thread is now stuck connecting to the printer (3 s timeout) ...
        assert await wait_for(printing_now)
        # ... and the screen still answers: back to the search, type, all at once
        started = time.monotonic()
        while not isinstance(app.screen, SearchScreen):
            await pilot.press("escape")
            await settle(app, pilot)
        await type_text(pilot, "Kari")
        await settle(app, pilot)
        answered = time.monotonic() - started
        assert printing_now(), "the printer should still be hanging"
        assert answered < 1.0
        assert app.screen.query_one("#search", Input).value.endswith("Kari")
        # the status bar says which printer and why, in Norwegian
        bar = app.screen.query_one(StatusBar)
        assert await wait_for(lambda: "svarer ikke" in str(bar.render()))
        text = str(bar.render())
        assert f"Etikettskriveren svarer ikke ({hung_url}): ingen svar på 3 s" in text
    jobs = list(PrintJob.select().order_by(PrintJob.id))
    assert len(jobs) == 3 and all(j.status == "queued" for j in jobs[:1])
    assert jobs[0].last_error == "ingen svar på 3 s" and jobs[0].attempts == 1
    assert all(j.order.number == number for j in jobs)
