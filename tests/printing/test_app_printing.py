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
from textual.widgets import Input, OptionList, Static

from tests.printing.conftest import TcpPrinter, with_printers
from tests.screens.admin_helpers import sign_in, staffed_app
from tests.screens.helpers import settle, type_text, wait_for
from tests.screens.test_intake_screen import add, open_intake
from tests.signing_in import as_staff
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.models import PrintJob
from viver_tui.screens.order import OrderScreen
from viver_tui.screens.print_dialogs import PrintJobsDialog
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.staff import StaffView
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
    customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T"))
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
    customer = customers.register(app.db, CustomerInput(name="Åse Ødegård", phone="91234567"),
        as_staff(app.db, "T"))
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
    async with app.run_test(size=(width, 36)) as pilot:
        # Queued once someone has signed in: the first sign-in starts with an empty
        # preview (what printed before it is not the new person's).
        number = order_with_media(app, 1)
        app.print_queue.wake()
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


def painted_bar(app) -> str:  # type: ignore[no-untyped-def]
    """The status bar as the terminal shows it (its lines joined), not what render()
    would say: what was cut off is not in it."""
    bar = app.screen.query_one(StatusBar)
    region = bar.region
    strips = app.screen._compositor.render_strips()
    lines = [strips[y].text[region.x : region.right].strip() for y in range(*region.line_span)]
    return " ".join(line for line in lines if line)


def queued_order(app, person: StaffView, n: int = 2) -> int:  # type: ignore[no-untyped-def]
    """An order ``person`` confirmed: its labels, form and receipt are queued."""
    who = CustomerInput(name="Åse Ødegård", phone="91234567")
    customer = customers.register(app.db, who, person)
    order = intake.open_order(app.db, customer.id, person)
    for i in range(n):
        medium = MediumInput("vhs", f"Jul {i}")
        intake.add_medium(app.db, order.id, medium, app.settings.media_kinds, person)
    intake.confirm_order(app.db, order.id, OrderDetails(shelf="B3"), person)
    return order.number


async def test_status_line_gives_printer_notices_room_at_80_100_and_120_columns(
    settings: Settings, refused_url: str
) -> None:
    """Finding 3: the label printer is out (its next label waits) and a label from
    before is uncertain. At 80, 100 and 120 columns the painted status bar holds both
    notices whole, the count of prints to check and the F9 hints; the database shows
    by its file name."""
    printing = with_printers(settings, refused_url, receipt_url="preview")
    app, people = staffed_app(printing)
    number = queued_order(app, people["disk"])
    first = PrintJob.select().where(PrintJob.kind == "media_label").order_by(PrintJob.id).first()
    PrintJob.update(status="uncertain", last_error="forbindelsen brøt midt i utskriften").where(
        PrintJob.id == first.id
    ).execute()
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        waiting = (
            f"Etikettskriveren svarer ikke ({refused_url}): tilkoblingen ble avvist – "
            f"etikett {number}-02 for ordre {number} venter, nytt forsøk om"
        )
        uncertain = (
            f"Usikkert om etiketten {number}-01 kom ut: forbindelsen brøt midt i utskriften. "
            "F9: skriv ut igjen eller merk som skrevet ut"
        )
        for width in (80, 100, 120):
            await pilot.resize_terminal(width, {80: 24, 100: 30, 120: 36}[width])
            assert await wait_for(lambda: waiting in painted_bar(app))
            painted = painted_bar(app)
            assert uncertain in painted
            assert "s (F9: prøv nå)" in painted
            assert "1 utskrift må sjekkes — F9" in painted
            assert "Ansatt: disk" in painted and "SQLite: viver.db" in painted
            assert app.screen.query_one(StatusBar).has_class("-warning")


async def test_unconfirmed_labels_keep_the_warning_until_staff_decide_each_one(
    settings: Settings, tcp_printer: TcpPrinter
) -> None:
    """Finding 1: a printer on "auto" that never answers (no status support, or hung):
    its labels are sent unconfirmed, and the status bar stays in warning colour with
    "N etiketter ikke bekreftet — F9" until each is marked printed. F9 says what "auto"
    has learned of the printer."""
    tcp_printer.mode = "silent"
    app, people = staffed_app(with_printers(settings, tcp_printer.url, receipt_url="preview"))
    number = queued_order(app, people["disk"])
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        assert await wait_for(lambda: "2 etiketter ikke bekreftet — F9" in painted_bar(app))
        assert app.screen.query_one(StatusBar).has_class("-warning")
        await pilot.press("f9")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, PrintJobsDialog)
        printers = str(dialog.query_one("#print-jobs-printers", Static).render())
        assert f"Etikettskriveren ({tcp_printer.url}): svarte aldri på status — " in printers
        rows = [str(o.prompt) for o in dialog.query_one(OptionList).options]
        assert rows == [
            f"etikett {number}-0{i} (ordre {number}) – sendt, ikke bekreftet" for i in (1, 2)
        ]
        await pilot.press("f2")  # the first came out
        await settle(app, pilot)
        assert await wait_for(lambda: "1 etikett ikke bekreftet — F9" in app.printer_status)
        assert app.printer_problem
        await pilot.press("enter")  # the second is printed again: still not confirmed
        assert await wait_for(lambda: PrintJob.select().where(PrintJob.attempts == 2).exists())
        assert await wait_for(lambda: "1 etikett ikke bekreftet — F9" in app.printer_status)
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        assert await wait_for(lambda: not app.printer_problem)
        assert "ikke bekreftet" not in app.printer_status
    assert [j.confirmation for j in PrintJob.select().where(PrintJob.kind == "media_label")] == [
        "staff",
        "staff",
    ]


async def test_print_list_follows_a_waiting_job_until_it_has_printed(
    settings: Settings, tcp_printer: TcpPrinter
) -> None:
    """Finding 3: the F9 list no longer shows "venter" once the job has printed."""
    tcp_printer.mode = "paper_out"
    app, people = staffed_app(with_printers(settings, tcp_printer.url, receipt_url="preview"))
    number = queued_order(app, people["disk"], 1)
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        assert await wait_for(lambda: "tomt for papir" in app.printer_status)
        await pilot.press("f9")
        await settle(app, pilot)
        listed = app.screen.query_one(OptionList)
        assert [str(o.prompt) for o in listed.options] == [
            f"etikett {number}-01 (ordre {number}) – venter: tomt for papir"
        ]
        tcp_printer.mode = "normal"  # paper is in; the queue retries by itself
        assert await wait_for(lambda: listed.option_count == 0)
        message = app.screen.query_one("#print-jobs-message", Static)
        assert str(message.render()) == "Ingen utskrifter venter eller må sjekkes."
        assert not app.printer_problem


async def test_an_uncertain_label_keeps_its_notice_while_later_labels_print(
    settings: Settings,
) -> None:
    """Finding 3: notices are kept per job — the next label printing on the same
    printer does not take away the uncertain one's."""
    app, people = staffed_app(settings)  # the preview printer
    first = queued_order(app, people["disk"], 1)
    PrintJob.update(status="printed", confirmation="spooled").execute()
    PrintJob.update(status="uncertain", last_error="programmet stoppet").where(
        PrintJob.kind == "media_label"
    ).execute()
    async with app.run_test(size=(120, 36)) as pilot:
        await sign_in(app, pilot, "disk")
        notice = f"Usikkert om etiketten {first}-01 kom ut: programmet stoppet"
        assert await wait_for(lambda: notice in app.printer_status)
        second = queued_order(app, people["disk"], 1)
        app.print_queue.wake()
        assert await wait_for(lambda: f"kvittering for ordre {second}" in app.print_queue.latest)
        assert notice in app.printer_status and "1 utskrift må sjekkes — F9" in app.printer_status
        assert app.printer_problem
