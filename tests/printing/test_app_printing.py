"""The app and its print queue: a hung printer never holds the screen; the status bar
says which job waits and why; F9 prints again, marks printed, retries now; F12 shows or
hides the preview. No wall-clock limits here: timing is measured in bench/."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from textual.widgets import Input, OptionList

from tests.printing.conftest import TcpPrinter, with_printers
from tests.screens.helpers import settle, type_text, wait_for
from tests.screens.test_intake_screen import add, open_intake
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.models import PrintJob
from viver_tui.screens.order import OrderScreen
from viver_tui.screens.print_dialogs import PrintJobsDialog
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.widgets.print_status import PrintPreview
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
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)  # confirmed: the order does not wait
        # the queue thread is now stuck connecting to the printer (3 s timeout) ...
        assert await wait_for(printing_now)
        # ... and the screen still answers: back to the search and type, while it hangs
        while not isinstance(app.screen, SearchScreen):
            await pilot.press("escape")
            await settle(app, pilot)
        await type_text(pilot, "Kari")
        await settle(app, pilot)
        assert printing_now(), "the printer should still be hanging"
        assert app.screen.query_one("#search", Input).value.endswith("Kari")
        # the status bar says which printer, why, and which job waits
        bar = app.screen.query_one(StatusBar)
        assert await wait_for(lambda: "svarer ikke" in str(bar.render()))
        text = str(bar.render())
        assert f"Etikettskriveren svarer ikke ({hung_url}): ingen svar på 3 s" in text
        assert f"etikett {number}-01 for ordre {number} venter" in text and "F9" in text
    jobs = list(PrintJob.select().order_by(PrintJob.id))
    assert len(jobs) == 3 and jobs[0].status == "queued"  # nothing of it left: retried
    assert jobs[0].last_error == "ingen svar på 3 s" and jobs[0].attempts == 1
    assert all(j.order.number == number for j in jobs)


def order_with_media(app, n: int = 2) -> int:  # type: ignore[no-untyped-def]
    customer = customers.register(app.db, CustomerInput(name="Åse Ødegård", phone="91234567"), "T")
    order = intake.open_order(app.db, customer.id, "T")
    for i in range(n):
        intake.add_medium(
            app.db, order.id, MediumInput("vhs", f"Jul {i}"), app.settings.media_kinds, "T"
        )
    intake.confirm_order(app.db, order.id, OrderDetails(shelf="B3"), "T")
    return order.number


def statuses() -> list[str]:
    return [j.status for j in PrintJob.select().order_by(PrintJob.id)]


async def test_unconfirmed_label_says_so_and_f9_prints_it_again_or_marks_it(
    settings: Settings, tcp_printer: TcpPrinter
) -> None:
    app = make_app(with_printers(settings, tcp_printer.url, status="no"))
    number = order_with_media(app)
    async with app.run_test(size=(120, 36)) as pilot:
        assert await wait_for(lambda: statuses() == ["unconfirmed"] * 4)
        bar = app.screen.query_one(StatusBar)
        assert await wait_for(lambda: "er sendt – sjekk at" in str(bar.render()))
        await pilot.press("f9")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, PrintJobsDialog)
        rows = [str(o.prompt) for o in dialog.query_one(OptionList).options]
        assert rows[0] == f"etikett {number}-01 (ordre {number}) – sendt, ikke bekreftet"
        await pilot.press("enter")  # print the first label again
        await settle(app, pilot)
        first = f"{{B{number}-01".encode()
        assert await wait_for(lambda: tcp_printer.received().count(first) == 2)
        await pilot.press("down", "f2")  # the second label: staff saw it come out
        await settle(app, pilot)
        assert await wait_for(lambda: statuses()[1] == "printed")
        await pilot.press("escape")
        await settle(app, pilot)
    second = PrintJob.select().order_by(PrintJob.id)[1]
    assert second.confirmation == "staff"
    assert tcp_printer.received().count(f"{{B{number}-02".encode()) == 1  # not re-sent


async def test_retry_now_prints_a_waiting_job_at_once(
    settings: Settings, tcp_printer: TcpPrinter
) -> None:
    tcp_printer.mode = "paper_out"
    app = make_app(with_printers(settings, tcp_printer.url))
    number = order_with_media(app, 1)
    async with app.run_test(size=(120, 36)) as pilot:
        bar = app.screen.query_one(StatusBar)
        assert await wait_for(lambda: "tomt for papir" in str(bar.render()))
        assert f"etikett {number}-01 for ordre {number} venter" in str(bar.render())
        # the back-off would wait an hour; paper is put in; staff press F9, F9
        PrintJob.update(next_attempt_at=datetime.now() + timedelta(hours=1)).execute()
        tcp_printer.mode = "normal"
        await pilot.press("f9")
        await settle(app, pilot)
        assert isinstance(app.screen, PrintJobsDialog)
        await pilot.press("f9")
        await settle(app, pilot)
        assert await wait_for(lambda: statuses() == ["printed"] * 3)
        assert await wait_for(lambda: "svarer ikke" not in str(bar.render()))
    assert tcp_printer.received().count(f"{{B{number}-01".encode()) == 1


@pytest.mark.parametrize(("width", "shown"), [(120, False), (150, True)])
async def test_preview_pane_hidden_when_narrow_and_f12_toggles_it(
    settings: Settings, width: int, shown: bool
) -> None:
    app = make_app(replace(settings))
    number = order_with_media(app, 1)
    async with app.run_test(size=(width, 36)) as pilot:
        assert await wait_for(lambda: statuses() == ["printed"] * 3)
        await type_text(pilot, str(number))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        pane = app.screen.query_one(PrintPreview)
        assert await wait_for(lambda: "[strekkode" in str(pane.render()))
        await pilot.pause()
        assert pane.display is shown
        media = app.screen.query_one("#order-media")
        assert media.region.right <= (pane.region.x if shown else width)  # never covered
        await pilot.press("f12")
        await pilot.pause()
        assert pane.display is not shown
        await pilot.press("f12")
        await pilot.pause()
        assert pane.display is shown


async def test_uncertain_job_from_before_shows_at_start_until_staff_mark_it(
    settings: Settings,
) -> None:
    app = make_app(settings)
    number = order_with_media(app, 1)
    PrintJob.update(status="printed", confirmation="spooled").execute()
    label = PrintJob.select().order_by(PrintJob.id).first()
    PrintJob.update(status="uncertain", last_error="forbindelsen brøt midt i utskriften").where(
        PrintJob.id == label.id
    ).execute()
    async with app.run_test(size=(120, 36)) as pilot:
        bar = app.screen.query_one(StatusBar)
        expected = f"Usikkert om etiketten {number}-01 kom ut: forbindelsen brøt midt i utskriften"
        assert await wait_for(lambda: expected in str(bar.render()))
        assert bar.has_class("-warning")
        await pilot.press("f9")
        await settle(app, pilot)
        await pilot.press("f2")  # staff saw it come out
        await settle(app, pilot)
        assert await wait_for(lambda: "Usikkert" not in str(bar.render()))
        assert not bar.has_class("-warning")
    assert PrintJob.get_by_id(label.id).confirmation == "staff"
