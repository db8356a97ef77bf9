"""A whole intake by keystrokes: find the customer → F4 → five media → shelf → F10."""

from __future__ import annotations

import re
import threading

from textual._xterm_parser import XTermParser
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, Static

from tests.screens.helpers import settle, type_text, wait_for
from tests.signing_in import as_staff
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.locale.formatting import format_money
from viver_tui.models import MediaItem, Order, OrderEvent, PrintJob
from viver_tui.screens.customer import CustomerScreen
from viver_tui.screens.intake import IntakeScreen
from viver_tui.screens.order import OrderScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput


async def open_customer_card(app: ViverApp, pilot: Pilot) -> None:
    """Search "Nordmann" and open the first hit's card."""
    await settle(app, pilot)
    await type_text(pilot, "Nordmann")
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    assert isinstance(app.screen, CustomerScreen)


async def open_intake(app: ViverApp, pilot: Pilot) -> None:
    await open_customer_card(app, pilot)
    await pilot.press("f4")
    await settle(app, pilot)
    assert isinstance(app.screen, IntakeScreen)


async def add(pilot: Pilot, app: ViverApp, kind: str, text: str, condition: str, units=None):
    await type_text(pilot, kind)
    await pilot.press("enter")
    await type_text(pilot, text)
    await pilot.press("enter")
    await type_text(pilot, condition)
    await pilot.press("enter")
    if units is not None:
        await type_text(pilot, units)
        await pilot.press("enter")
    await settle(app, pilot)


def media_rows(app: ViverApp) -> list[tuple[str, ...]]:
    table = app.screen.query_one("#intake-media", DataTable)
    return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]


async def test_whole_intake_by_keystrokes(settings: Settings) -> None:
    app = make_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T")).id
    async with app.run_test(size=(120, 36)) as pilot:
        await open_intake(app, pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        number = screen.order.number
        await add(pilot, app, "1", "Bryllup 1994", "OK")  # VHS by its number
        await pilot.press("f3")  # the same kind again: one key
        await type_text(pilot, "Jul 1998")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        await add(pilot, app, "super", "Hytta 1975", "Skjør", units="20")
        await add(pilot, app, "bilde", "Album Hellas", "", units="120")
        await add(pilot, app, "lydk", "Bestefar synger", "Noe slitt")
        rows = media_rows(app)
        assert [r[1] for r in rows] == [f"{number}-0{i}" for i in range(1, 6)]
        assert [r[2] for r in rows] == ["VHS", "VHS", "Super 8-film", "Bildeserie", "Lydkassett"]
        total = 29900 + 29900 + 20 * 2500 + 120 * 400 + 19900
        estimate = str(screen.query_one("#intake-estimate", Static).render())
        assert format_money(total) == "kr 1\xa0777,00" and format_money(total) in estimate
        await pilot.press("enter")  # empty kind field: on to the shelf
        assert app.focused is screen.query_one("#shelf", Input)
        await type_text(pilot, "B3")
        await pilot.press("enter")
        await type_text(pilot, "+14")
        await pilot.press("enter")
        await type_text(pilot, "Kunden vil ha USB")
        await pilot.press("f10")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        info = str(app.screen.query_one("#order-info", Static).render())
        assert str(number) in info and "Kari Nordmann" in info and "0 av 5 utlevert" in info
    order = Order.get(Order.number == number)
    assert (order.customer_id, order.status, order.shelf, order.staff) == (cid, "received", "B3",
                                                                           "test")
    assert order.notes == "Kunden vil ha USB" and order.promised_on is not None
    assert order.estimate_ore == total
    media = list(MediaItem.select().where(MediaItem.order == order.id).order_by(MediaItem.seq))
    assert [m.kind for m in media] == ["vhs", "vhs", "super8", "photo-series", "audio-cassette"]
    assert [m.description for m in media][:2] == ["Bryllup 1994", "Jul 1998"]
    assert media[2].units == 20 and media[3].declared_count == 120
    assert media[4].condition == "Noe slitt"
    jobs = [j.kind for j in PrintJob.select().where(PrintJob.order == order.id)]
    assert sorted(jobs) == sorted(["media_label"] * 5 + ["order_form", "receipt"])
    assert OrderEvent.select().where(OrderEvent.action == "confirmed").count() == 1


async def test_bad_input_is_shown_at_the_field_and_kept(settings: Settings) -> None:
    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Ola Nordmann", phone="92345678"),
        as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_intake(app, pilot)
        screen = app.screen
        await type_text(pilot, "xyz")
        await pilot.press("enter")
        assert "Ukjent type" in str(screen.query_one("#kind-error", Label).render())
        assert screen.query_one("#kind", Input).value == "xyz"
        assert app.focused is screen.query_one("#kind", Input)
        await pilot.press("ctrl+a", "ctrl+k")
        await add(pilot, app, "bilde", "Album", "", units="")  # photo count missing
        assert "antall bilder" in str(screen.query_one("#units-error", Label).render())
        assert screen.query_one("#description", Input).value == "Album"
        await type_text(pilot, "36")
        await pilot.press("enter")
        await settle(app, pilot)
        await add(pilot, app, "vhs", "Ferie", "")
        await add(pilot, app, "minidv", "Dåp", "")
        assert len(media_rows(app)) == 3
        # correct the highlighted (last) medium, then remove the first
        await pilot.press("f4")
        assert screen.query_one("#description", Input).value == "Dåp"
        await pilot.press("ctrl+a", "ctrl+k")  # description field is focused
        await type_text(pilot, "Dåp 2001")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert media_rows(app)[2][3] == "Dåp 2001"
        screen.query_one("#intake-media", DataTable).move_cursor(row=0)
        await pilot.press("f8")
        await settle(app, pilot)
        rows = media_rows(app)
        assert [r[3] for r in rows] == ["Ferie", "Dåp 2001"]
        assert rows[0][1].endswith("-01")
        # confirming without a shelf: message at the shelf field, nothing confirmed
        await pilot.press("f10")
        await settle(app, pilot)
        assert "hylle" in str(screen.query_one("#shelf-error", Label).render())
        assert isinstance(app.screen, IntakeScreen)
        assert Order.get_by_id(screen.order.id).status == "draft"
        assert PrintJob.select().count() == 0


async def test_order_number_in_search_opens_order_and_status_changes(settings: Settings) -> None:
    from viver_tui.screens.order_dialogs import StatusDialog
    from viver_tui.services import intake
    from viver_tui.services.intake import MediumInput, OrderDetails

    app = make_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Liv Berg", phone="93456789"),
        as_staff(app.db, "T")).id
    order = intake.open_order(app.db, cid, "T")
    for kind in ("vhs", "minidv"):
        order = intake.add_medium(app.db, order.id, MediumInput(kind), app.settings.media_kinds,
                                  "T")
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="D4"), "T")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        await type_text(pilot, order.media[1].code)  # a scanned medium code
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        info = str(app.screen.query_one("#order-info", Static).render())
        assert "Liv Berg" in info and "Mottatt" in info and "D4" in info
        await pilot.press("f2")  # the order's status
        await settle(app, pilot)
        assert isinstance(app.screen, StatusDialog)
        await pilot.press("down", "enter")  # received → in production
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        await pilot.press("down", "f3")  # the second medium's own status
        await settle(app, pilot)
        await pilot.press("down", "down", "enter")  # … → ready for pickup
        await settle(app, pilot)
        history = app.screen.query_one("#order-history", DataTable)
        lines = [" ".join(str(c) for c in history.get_row_at(i)) for i in range(history.row_count)]
        assert any("Status: Under produksjon" in line and "test" in line for line in lines)
        code = order.media[1].code
        assert any(code in line and "Klar til henting" in line for line in lines), lines
    media = list(MediaItem.select().where(MediaItem.order == order.id).order_by(MediaItem.seq))
    assert [m.status for m in media] == ["in_production", "ready"]
    assert Order.get_by_id(order.id).status == "in_production"
    events = OrderEvent.select().where(OrderEvent.action == "status", OrderEvent.staff == "test")
    assert events.count() == 4  # the order, its two media, then the second medium again


F3, F10 = "\x1bOR", "\x1b[21~"


def type_back_to_back(app: ViverApp, keys: str) -> threading.Thread:
    """Deliver ``keys`` the way the terminal driver does, parsed on another thread and
    handed over without waiting for the app: far faster than focus moves."""
    driver = app._driver
    assert driver is not None
    parser = XTermParser()

    def run() -> None:
        for event in parser.feed(keys):
            driver.process_message(event)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


async def test_typing_ahead_lands_every_key_in_its_own_field(settings: Settings) -> None:
    """#10: ``1⏎Test⏎ok⏎`` at 30 ms a key used to end up as ``1Testok`` in the kind field.
    Here whole intakes are typed with no pause at all, twice over."""
    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T"))
    keys = (
        "1\rBryllup 1994\rOK\r"  # VHS: kind, inscription, condition
        f"{F3}Jul 1998\rslitt\r"  # the same kind again
        "super\rHytta 1975\rSkjør\r20\r"  # film: minutes too
        "bilde\rAlbum Hellas\r\r120\r"  # photo series: the count
        "lydk\rBestefar synger\rNoe slitt\r"
        "\rB3\r+14\rKunden vil ha USB" + F10  # empty kind: on to shelf, date, notes
    )
    async with app.run_test(size=(120, 36)) as pilot:
        await open_intake(app, pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        number = screen.order.number
        thread = type_back_to_back(app, keys)
        assert await wait_for(
            lambda: not thread.is_alive() and isinstance(app.screen, OrderScreen), timeout=60
        )
        await settle(app, pilot)
    order = Order.get(Order.number == number)
    assert (order.status, order.shelf, order.notes) == ("received", "B3", "Kunden vil ha USB")
    assert order.promised_on is not None
    media = list(MediaItem.select().where(MediaItem.order == order.id).order_by(MediaItem.seq))
    assert [(m.kind, m.description, m.condition, m.units) for m in media] == [
        ("vhs", "Bryllup 1994", "OK", 1),
        ("vhs", "Jul 1998", "slitt", 1),
        ("super8", "Hytta 1975", "Skjør", 20),
        ("photo-series", "Album Hellas", "", 120),
        ("audio-cassette", "Bestefar synger", "Noe slitt", 1),
    ]
    assert [m.code for m in media] == [f"{number}-0{i}" for i in range(1, 6)]
    assert PrintJob.select().where(PrintJob.order == order.id).count() == 7


def _norwegian_only_words() -> set[str]:
    """Words of the bokmål catalogue that no English string uses (e.g. "Påskrift")."""
    import re

    from viver_tui.locale.catalog import CATALOGS

    def words(texts) -> set[str]:
        return {w for text in texts for w in re.findall(r"[^\W\d_]{4,}", text)}

    english = words(CATALOGS["en"].values()) | words(
        k.name_en for k in Settings().media_kinds
    ) | words([Settings().shop_name])  # a proper noun, the same in every language
    return words(CATALOGS["nb"].values()) - english


async def screen_text(app: ViverApp, pilot: Pilot) -> str:
    """What the screen shows, as text. The print preview is left out: it shows the
    paper as printed, in the shop's print language (the printing work's concern)."""
    import html

    from viver_tui.widgets.print_status import PrintPreview

    for preview in app.screen.query(PrintPreview):
        preview.display = False
    await pilot.pause()
    svg = re.sub(r"<style>.*?</style>", "", app.export_screenshot(), flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def test_a_whole_intake_in_english_shows_no_norwegian(settings: Settings) -> None:
    from dataclasses import replace

    app = make_app(replace(settings, language="en"))
    cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T")).id
    norwegian = _norwegian_only_words()
    assert {"Påskrift", "Prisoverslag", "bilder", "Tilbake"} <= norwegian
    seen: list[str] = []
    try:
        async with app.run_test(size=(140, 40)) as pilot:
            await settle(app, pilot)
            app.open_intake(cid)
            await settle(app, pilot)
            await add(pilot, app, "1", "Wedding 1994", "OK")
            await add(pilot, app, "photo", "Album Greece", "", units="1")
            await add(pilot, app, "super", "Cabin 1975", "Fragile", units="20")
            await type_text(pilot, "xyz")
            await pilot.press("enter")  # an unknown kind: the error in English
            seen.append(await screen_text(app, pilot))
            await pilot.press("ctrl+a", "ctrl+k", "enter")  # on to the shelf
            await pilot.press("f10")  # no shelf: the form says so
            await settle(app, pilot)
            seen.append(await screen_text(app, pilot))
            await type_text(pilot, "B3")
            await pilot.press("f10")
            await settle(app, pilot)
            assert isinstance(app.screen, OrderScreen)
            seen.append(await screen_text(app, pilot))
    finally:
        from viver_tui.locale import set_language

        set_language("nb")
    shown = "\n".join(seen)
    assert "Photo series" in shown and "1 photo" in shown and "3 media" in shown
    assert "Unknown kind" in shown and "Type where the box is kept" in shown
    found = sorted(w for w in norwegian if re.search(rf"\b{w}\b", shown))
    assert found == [], (found, shown)


async def test_order_screen_shows_stored_markup_literally_and_details_keep_what_was_typed(
    settings: Settings,
) -> None:
    """#8: a description ``Bryllup 1989 [/] kopi`` closed the app when its order opened;
    a name ``[@click=app.quit]z[/]`` showed as "z". Then F4: details saved on an older
    version are refused with what changed, and what was typed stays."""
    from dataclasses import replace

    from viver_tui.config import PrinterSettings
    from viver_tui.screens.order_dialogs import DetailsDialog
    from viver_tui.services import intake
    from viver_tui.services.intake import MediumInput, OrderDetails

    # Paper to files, not the preview pane: the pane is the printing work's (#8 there).
    paper = settings.spool_dir.parent / "paper"
    app = make_app(replace(
        settings,
        label_printer=PrinterSettings(url=f"file://{paper}-label"),
        receipt_printer=PrinterSettings(url=f"file://{paper}-receipt"),
    ))
    name = "[@click=app.quit]z[/]"
    cid = customers.register(app.db, CustomerInput(name=name, phone="93456789"),
        as_staff(app.db, "T")).id
    order = intake.open_order(app.db, cid, "T")
    order = intake.add_medium(app.db, order.id, MediumInput("vhs", "Bryllup 1989 [/] kopi"),
                              app.settings.media_kinds, "T")
    order = intake.confirm_order(app.db, order.id, OrderDetails(shelf="[b]D4[/b]"), "T")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        app.open_order(order.id)
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, OrderScreen)
        info = str(screen.query_one("#order-info", Static).render())
        assert name in info and "[b]D4[/b]" in info
        media = screen.query_one("#order-media", DataTable)
        assert str(media.get_row_at(0)[2]) == "Bryllup 1989 [/] kopi"
        await pilot.press("f4")
        await settle(app, pilot)
        assert isinstance(app.screen, DetailsDialog)
        # meanwhile at another counter: the shelf moves
        intake.update_details(app.db, order.id, OrderDetails("C7"), "KARI", version=order.version)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "E1")
        await pilot.press("enter", "enter")
        await type_text(pilot, "Ring kunden")
        await pilot.press("enter")  # the last field: save
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, DetailsDialog)  # refused, still open
        message = str(dialog.query_one("#details-message", Static).render())
        assert "C7" in message
        assert dialog.query_one("#details-notes", Input).value == "Ring kunden"
        assert Order.get_by_id(order.id).shelf == "C7"
        await pilot.press("ctrl+s")  # seen it: save again, on purpose
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
        app.open_intake(cid)  # a new order for the same customer: the name as typed
        await settle(app, pilot)
        assert isinstance(app.screen, IntakeScreen)
        assert name in str(app.screen.query_one("#intake-header", Static).render())
        assert app.is_running
    row = Order.get_by_id(order.id)
    assert (row.shelf, row.notes) == ("E1", "Ring kunden")


async def test_a_finished_order_says_so_before_asking_anything(settings: Settings) -> None:
    """#10: F2 on a closed order asked for a reason before saying it was already closed."""
    from viver_tui.screens.order_dialogs import CloseReasonDialog, StatusDialog
    from viver_tui.services import intake, pickup
    from viver_tui.services.intake import MediumInput, OrderDetails

    app = make_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Liv Berg", phone="93456789"),
        as_staff(app.db, "T")).id
    order = intake.open_order(app.db, cid, "T")
    order = intake.add_medium(app.db, order.id, MediumInput("vhs"), app.settings.media_kinds, "T")
    intake.confirm_order(app.db, order.id, OrderDetails(shelf="D4"), "T")
    closed = pickup.close_with_missing(app.db, order.id, "Kunden hentet aldri", "T")
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        app.open_order(order.id)
        await settle(app, pilot)
        await pilot.press("f2")  # the order's status
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen) and not isinstance(app.screen, StatusDialog)
        message = str(app.screen.query_one("#order-message", Static).render())
        assert "allerede avsluttet" in message and "Avsluttet med mangler" in message
        app.push_screen(CloseReasonDialog(closed))
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, CloseReasonDialog) and not dialog.query("#reason")
        assert "allerede avsluttet" in str(dialog.query_one("#reason-closed", Static).render())
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)


def app_that_cannot_save_boom(settings: Settings) -> ViverApp:
    """An app with a customer whose store refuses, for real, a medium described 'boom'."""
    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T"))
    app.db.execute_sql(
        "CREATE TRIGGER no_boom BEFORE INSERT ON media_item WHEN NEW.description = 'boom' "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )
    return app


async def intake_with_a_failed_medium(app: ViverApp, pilot: Pilot) -> IntakeScreen:
    """Intake with a shelf, 'fine' saved and 'boom' failed (put back in the form)."""
    await open_intake(app, pilot)
    screen = app.screen
    assert isinstance(screen, IntakeScreen)
    screen.query_one("#shelf", Input).value = "B3"
    await add(pilot, app, "1", "fine", "")
    await add(pilot, app, "1", "boom", "")
    return screen


async def test_a_medium_that_fails_to_save_holds_back_the_confirm_typed_after_it(
    settings: Settings,
) -> None:
    """Typed ahead: when a medium's save fails, F10 typed behind it does not confirm an
    order that lacks it."""
    app = app_that_cannot_save_boom(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_intake(app, pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        number = screen.order.number
        thread = type_back_to_back(app, "1\rfine\r\r1\rboom\r\r\rB3" + F10)
        assert await wait_for(lambda: not thread.is_alive(), timeout=30)
        await settle(app, pilot)
        assert app.screen is screen  # not confirmed: still registering
        message = str(screen.query_one("#intake-message", Static).render())
        assert "ikke bekreftet" in message
    order = Order.get(Order.number == number)
    assert order.status == "draft"
    assert [m.description for m in MediaItem.select().where(MediaItem.order == order.id)] == [
        "fine"
    ]
    assert PrintJob.select().count() == 0


async def test_a_failed_medium_sent_again_no_longer_holds_back_the_confirm(
    settings: Settings,
) -> None:
    """A failed medium is put back in the form; sent again once the store works, it no
    longer holds back the confirm."""
    app = app_that_cannot_save_boom(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await intake_with_a_failed_medium(app, pilot)
        number = screen.order.number
        assert screen.query_one("#description", Input).value == "boom"
        app.db.execute_sql("DROP TRIGGER no_boom")  # the store works again
        screen.query_one("#description", Input).focus()
        await pilot.press("enter", "enter")  # the put-back medium, sent again
        await settle(app, pilot)
        assert [r[3] for r in media_rows(app)] == ["fine", "boom"]
        await pilot.press("f10")  # nothing unsaved: confirmed at once
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
    order = Order.get(Order.number == number)
    assert order.status != "draft"
    assert MediaItem.select().where(MediaItem.order == order.id).count() == 2


async def test_f10_twice_confirms_without_the_failed_medium(settings: Settings) -> None:
    """CI once typed F10 just after the failure was shown: the order was confirmed without
    the medium. A failed medium holds back any confirm until it is added again or until
    F10 is pressed a second time, after the message, knowingly."""
    app = app_that_cannot_save_boom(settings)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await intake_with_a_failed_medium(app, pilot)
        number = screen.order.number
        await pilot.press("f3")  # the put-back medium is dropped for another one
        await type_text(pilot, "annen")
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert [r[3] for r in media_rows(app)] == ["fine", "annen"]
        await pilot.press("f10")  # the failure is on screen already: still held
        await settle(app, pilot)
        assert app.screen is screen
        message = str(screen.query_one("#intake-message", Static).render())
        assert "ikke bekreftet" in message and "1 medium" in message
        await pilot.press("f10")  # knowingly, after the message
        await settle(app, pilot)
        assert isinstance(app.screen, OrderScreen)
    order = Order.get(Order.number == number)
    assert order.status != "draft"
    saved = MediaItem.select().where(MediaItem.order == order.id).order_by(MediaItem.seq)
    assert [m.description for m in saved] == ["fine", "annen"]


async def test_quitting_waits_for_the_media_typed_before_it(settings: Settings) -> None:
    """Ctrl+Q typed right behind two media while the store is busy (another terminal
    holds the write lock for a second): both are saved before the app closes."""
    import sqlite3

    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T"))
    path = settings.database_url.removeprefix("sqlite:///")
    other_terminal = sqlite3.connect(path, check_same_thread=False)
    async with app.run_test(size=(120, 36)) as pilot:
        await open_intake(app, pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        number = screen.order.number
        other_terminal.execute("BEGIN IMMEDIATE")
        threading.Timer(1.0, other_terminal.commit).start()
        thread = type_back_to_back(app, "1\rførste\r\r1\randre\r\r\x11")  # \x11: Ctrl+Q
        assert await wait_for(lambda: not app.is_running, timeout=30)
        thread.join()
    other_terminal.close()
    order = Order.get(Order.number == number)
    saved = MediaItem.select().where(MediaItem.order == order.id).order_by(MediaItem.seq)
    assert [m.description for m in saved] == ["første", "andre"]


async def test_the_empty_form_after_a_film_shows_no_film_minutes(settings: Settings) -> None:
    """#19.9: after a Super 8 film the empty form still read "Antall 15" (the film's
    default minutes, left as the units field's placeholder)."""
    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await open_intake(app, pilot)
        screen = app.screen
        assert isinstance(screen, IntakeScreen)
        await type_text(pilot, "super")
        await pilot.press("enter")
        await settle(app, pilot)
        assert screen.field("units").placeholder == "15"  # the film's default, offered
        await type_text(pilot, "Hytta 1975\rOK\r\r")  # Enter alone: the default minutes
        await settle(app, pilot)
        assert len(media_rows(app)) == 1
        assert screen.field("units").placeholder == ""
        assert str(screen.query_one("#units-label", Label).render()) == "Antall"
