"""Every main screen and dialog fits 80×24, 100×30 and 120×36, in bokmål and English:
read from what the app really paints (the screen's compositor), each scene fails when

- a key of the screen is missing from its footer (``f9 Utskrift``, ``^l Lås / bytt
  ansatt`` were cut off at 120 columns);
- a sum of money in a table is not on the screen whole (``kr 1 125,`` / ``NOK 299.``);
- a table cuts a header or a value while the table has room left over, or is wider
  than its room (its last columns slid out of sight at 80 columns);
- a dialog does not fit on the screen.

One app per scene and language, resized through the three sizes (``resize_terminal``):
the shop is the snapshots' (``tests/snapshots``), made through the services.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.screen import ModalScreen

import tests.snapshots.test_snapshots as snaps
from tests.screens.helpers import settle, type_text, wait_for
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.store import open_database
from viver_tui.widgets.fitted_table import FittedTable, _plain
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.status_bar import StatusBar

SIZES = [(80, 24), (100, 30), (120, 36)]
MONEY = re.compile(r"(?:kr|NOK) -?\d[\d  ]*[.,]\d\d")

shop = snaps.shop  # the snapshots' shop and data, as fixtures of this module too
data = snaps.data

Scene = Callable[[ViverApp, Pilot, dict[str, Any]], Awaitable[None]]


async def _search(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await type_text(pilot, "nordmann")


async def _customer(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await type_text(pilot, "kari")
    await settle(app, pilot)
    await pilot.press("enter")


async def _intake(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    """Long descriptions and conditions, a photo series of 45 and a film of 50 minutes
    (a price of four digits)."""
    app.open_intake(d["per"].id)
    await settle(app, pilot)
    media = (
        ["1", "Bryllup 1994 i Nidarosdomen med hele familien", "Skjør, litt mugg på spolen"],
        ["photo", "Album Hellas", "", "45"],
        ["super8", "Hytta 1975 og bryllupet til tante", "", "50"],
    )
    for keys in media:
        for text in keys:
            await type_text(pilot, text)
            await pilot.press("enter")
        await settle(app, pilot)


async def _order(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    app.open_order(d["three"].id)


async def _pickup(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await pilot.press("f5")
    await settle(app, pilot)
    await type_text(pilot, str(d["nine"].number))
    await pilot.press("enter")


async def _documents(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    app.open_documents(order_id=d["nine"].id)


async def _new_customer(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await pilot.press("f2")


async def _print_jobs(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await pilot.press("f9")


async def _order_status(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await _order(app, pilot, d)
    await settle(app, pilot)
    await pilot.press("f2")


async def _invoice(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    app.open_documents(order_id=d["three"].id)
    await settle(app, pilot)
    await pilot.press("f2")


async def _outbox(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await pilot.press("f1")


async def _production(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await pilot.press("f11")
    await settle(app, pilot)
    await type_text(pilot, f"{d['three'].number}-01")
    await pilot.press("enter")


async def _ready(app: ViverApp, pilot: Pilot, d: dict[str, Any]) -> None:
    await pilot.press("ctrl+r")


SCENES: dict[str, tuple[Scene, bool]] = {  # name → (how to get there, needs invoicing)
    "search": (_search, False),
    "customer": (_customer, False),
    "intake": (_intake, False),
    "order": (_order, False),
    "pickup": (_pickup, False),
    "documents": (_documents, True),
    "new-customer": (_new_customer, False),
    "print-jobs": (_print_jobs, False),
    "order-status": (_order_status, False),
    "invoice": (_invoice, True),
    "outbox": (_outbox, False),
    "production": (_production, False),
    "ready-orders": (_ready, False),
}


def painted(app: ViverApp) -> list[str]:
    """The screen's lines as the app paints them."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def footer_problems(app: ViverApp, text: str) -> list[str]:
    """The keys the screen shows in its footer that are not painted there."""
    footers = list(app.screen.query(CounterFooter))
    if not footers:
        return []
    problems = []
    for _, binding, _, _ in app.screen.active_bindings.values():
        if binding.show:
            key = f"{app.get_key_display(binding)} {binding.description}"
            if key not in text:
                problems.append(f"footer lacks {key!r}")
    return problems


def table_problems(table: FittedTable, text: str) -> list[str]:
    """A money value not painted whole; a column cut while the table had room; a table
    wider than its room."""
    problems = []
    columns = list(table.ordered_columns)
    room = table.scrollable_content_region.width
    used = sum(column.get_render_width(table) for column in columns)
    if used > room:
        problems.append(f"#{table.id} is {used} wide in {room}")
    for column in columns:
        cells = [_plain(table.get_cell_at((row, table.get_column_index(column.key))))
                 for row in range(table.row_count)]
        natural = max([cell_len(column.label.plain), *map(cell_len, cells)])
        if natural > column.width and used < room:
            problems.append(f"#{table.id} cuts {column.label.plain!r} with {room - used} to spare")
        visible = cells[: max(0, table.size.height - 1)]
        for cell in visible:
            for money in MONEY.findall(cell):
                if money not in text:
                    problems.append(f"#{table.id}: {money!r} is not painted whole")
    return problems


def dialog_problems(app: ViverApp) -> list[str]:
    """A dialog's box (the screen's first child) reaching past the screen's edges."""
    screen = app.screen
    if not isinstance(screen, ModalScreen) or not screen.children:
        return []
    box = screen.children[0].region
    if screen.region.contains_region(box):
        return []
    return [f"{type(screen).__name__} box {box} outside {screen.region}"]


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("scene", list(SCENES))
async def test_every_screen_fits_80_100_and_120_columns(
    scene: str, language: str, shop: Settings, data: dict[str, Any]
) -> None:
    steps, invoicing = SCENES[scene]
    settings = snaps._documents_shop(shop, data) if invoicing else shop
    app = make_app(replace(settings, language=language))
    problems: list[str] = []
    async with app.run_test(size=SIZES[-1]) as pilot:
        await settle(app, pilot)
        await steps(app, pilot, data)
        await settle(app, pilot)
        assert scene == "search" or type(app.screen).__name__ != "SearchScreen"  # got there
        for width, height in SIZES:
            await pilot.resize_terminal(width, height)
            await settle(app, pilot)
            await snaps._tables_sized(app, pilot)
            lines = painted(app)
            text = "\n".join(lines)
            found = footer_problems(app, text) + dialog_problems(app)
            for table in app.screen.query(FittedTable):
                if table.display and table.size.width:
                    found += table_problems(table, text)
            problems += [f"{width}×{height}: {p}" for p in found]
    assert not problems, "\n".join(problems)


def painted_bar(app: ViverApp) -> str:
    """The status bar's lines as painted (what was cut off is not in it)."""
    region = app.screen.query_one(StatusBar).region
    strips = app.screen._compositor.render_strips()
    lines = (strips[y].text[region.x : region.right].strip() for y in range(*region.line_span))
    return " ".join(lines)


@pytest.mark.parametrize("language", ["nb", "en"])
async def test_the_preview_line_is_painted_whole(
    language: str, shop: Settings, data: dict[str, Any]
) -> None:
    """A preview's line (the last print of an order confirmed before the app started)
    is painted whole on the status bar's one line at 100 and 120 columns (its folder
    cut it at 120); at 80 it comes before the database's name, cut with "…"."""
    settings = replace(shop, language=language)
    db = open_database(settings.database_url)
    snaps._order(db, settings, data["per"].id, snaps.NINE[:1], "D1")
    db.close()
    app = make_app(settings)
    async with app.run_test(size=SIZES[-1]) as pilot:
        assert await wait_for(lambda: "receipt.escpos" in app.printer_status)  # the last
        line = app.printer_status
        for width, height in reversed(SIZES):
            await pilot.resize_terminal(width, height)
            await settle(app, pilot)
            bar = app.screen.query_one(StatusBar)
            assert bar.region.height == 1
            if width >= 100:
                assert line in painted_bar(app), (width, line, painted_bar(app))
            else:  # too long for 80: the printer's line before the database, cut with …
                painted = painted_bar(app)
                assert line[:40] in painted and painted.endswith("…")
                assert "SQLite" not in painted


@pytest.mark.parametrize("language", ["nb", "en"])
async def test_a_field_error_is_painted_whole_on_one_line(
    language: str, shop: Settings, data: dict[str, Any]
) -> None:
    """Intake's "type where the box is kept" (F10 with no shelf) beside the field
    wrapped its last two characters onto a line of their own at 120 columns."""
    app = make_app(replace(shop, language=language))
    async with app.run_test(size=SIZES[-1]) as pilot:
        await settle(app, pilot)
        app.open_intake(data["per"].id)
        await settle(app, pilot)
        for text in ("1", "Bryllup", "OK"):
            await type_text(pilot, text)
            await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("f10")
        await settle(app, pilot)
        label = app.screen.query_one("#shelf-error")
        message = str(label.render())
        assert message
        for width, height in reversed(SIZES):
            await pilot.resize_terminal(width, height)
            await settle(app, pilot)
            assert label.region.height == 1
            assert message in "\n".join(painted(app)), width
