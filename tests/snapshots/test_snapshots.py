"""Snapshots of the counter's main screens (``snap_compare``, pytest-textual-snapshot):
a change of layout, wording or colour shows in review as a changed SVG under
``__snapshots__/``. After a change that is meant, look at the report, then
``python -m pytest tests/snapshots --snapshot-update`` and commit the new SVGs.

Every picture is the same on every run and machine: the data is made here; the clock
is pinned (the ``fixed_clock`` fixture, ``viver_tui.clock``: dates, history times,
"+14" days); each screen is taken at 80×24 and 120×36, in bokmål and in English (the
``view`` fixture: one SVG per screen, size and language, e.g.
``test_order_screen[80x24-en].svg``); the database is given as a relative path (the
status bar shows ``viver.db``, not a temporary folder); every print job is printed
before the app starts (the status bar has nothing to say about printing); the staff
and terminal names are fixed; and the input cursor does not blink (it would be on or
off depending on when the picture is taken).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from tests.screens.helpers import settle, type_text
from tests.signing_in import TEST_INITIALS, TEST_PIN, add_test_staff, as_staff, sign_in_by_keys
from viver_tui.app import ViverApp, make_app
from viver_tui.config import Settings
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import OrderView
from viver_tui.services.print_worker import QueueWorker
from viver_tui.store import open_database

SIZE = (120, 36)
VIEWS = [((80, 24), "nb"), ((120, 36), "nb"), ((80, 24), "en"), ((120, 36), "en")]
Snap = Callable[..., bool]


@pytest.fixture(params=VIEWS, ids=[f"{w}x{h}-{lang}" for (w, h), lang in VIEWS])
def view(request: pytest.FixtureRequest) -> tuple[tuple[int, int], str]:
    """The terminal's size and the app's language of a picture."""
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def snap_compare(snap_compare: Snap, view: tuple[tuple[int, int], str]) -> Snap:
    """pytest-textual-snapshot's ``snap_compare`` at the ``view``'s size."""

    def compare(app: Any, **options: Any) -> bool:
        return snap_compare(app, **{**options, "terminal_size": view[0]})

    return compare


@pytest.fixture
def shop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixed_clock: datetime,
    request: pytest.FixtureRequest,
) -> Settings:
    """Settings for a fresh SQLite shop in ``tmp_path``, with the clock stopped."""
    monkeypatch.chdir(tmp_path)
    settings = replace(
        Settings(),
        database_url="sqlite:///viver.db",  # relative: the status bar shows "viver.db"
        terminal="skranke-1",
        # the view's language here; bokmål where a module imports the shop alone
        language=request.getfixturevalue("view")[1] if "view" in request.fixturenames else "nb",
        spool_dir=tmp_path / "spool",
        config_path=tmp_path / "config.toml",
    )
    return settings


def _order(
    db: Any, settings: Settings, customer_id: int, media: list[tuple[str, str, str, str]],
    shelf: str,
) -> OrderView:
    """A confirmed order of ``media`` (kind, description, condition, units)."""
    order = intake.open_order(db, customer_id, "ANNE")
    for kind, description, condition, units in media:
        intake.add_medium(
            db, order.id, MediumInput(kind, description, condition, units),
            settings.media_kinds, "ANNE",
        )
    return intake.confirm_order(
        db, order.id, OrderDetails(shelf=shelf, promised_on="+14", notes="Ring før henting"),
        "ANNE", terminal=settings.terminal,
    )


NINE = [
    ("vhs", "Bryllup 1994", "OK", ""),
    ("vhs", "Jul på Røros", "", ""),
    ("super8", "Hytta 1975", "Skjør", "20"),
    ("minidv", "Dåp 2001", "", ""),
    ("photo-series", "Album Hellas", "", "40"),
    ("audio-cassette", "Bestefar synger", "Noe slitt", ""),
    ("vhs", "17. mai 1989", "", ""),
    ("vhs-c", "Konfirmasjon", "", ""),
    ("video8", "Interrail 1992", "", ""),
]


@pytest.fixture
def data(shop: Settings) -> dict[str, Any]:
    """The shop's customers and orders, made through the services (at ``NOW``):
    three Nordmanns to search for; Kari's nine media ready for pickup, seven handed back;
    Ola's order in production with a note."""
    db = open_database(shop.database_url)
    register = customers.register
    anne = as_staff(db, "ANNE")
    kari = register(db, CustomerInput(
        name="Kari Nordmann", phone="91234567", email="kari@example.no", address="Storgata 1",
        postal_code="0155", city="Oslo"), anne)
    ola = register(db, CustomerInput(name="Ola Nordmann", phone="92345678"), anne)
    register(db, CustomerInput(name="Nora Nordmann-Berg", email="nora@example.no"), anne)
    per = register(db, CustomerInput(name="Per Hansen", phone="+46 70 123 45 67"), anne)
    nine = _order(db, shop, kari.id, NINE, "B3")
    orders.set_order_status(db, nine.id, orders.READY, "ANNE")
    for medium in nine.media[:7]:
        count = 40 if medium.kind == "photo-series" else None
        out = pickup.scan(db, nine.id, medium.code, "ANNE", count, terminal=shop.terminal)
        assert out.outcome == "returned"
    three = _order(db, shop, ola.id, NINE[:3], "C7")
    orders.set_order_status(db, three.id, orders.IN_PRODUCTION, "ANNE")
    orders.add_note(db, three.id, "Kunden vil ha filene på minnepinne", "PROD")
    worker = QueueWorker(db, shop)
    while worker.run_once():  # every print out now: nothing for the status bar to say
        pass
    db.close()
    return {"kari": kari, "per": per, "nine": nine, "three": three}


def _steady(app: ViverApp) -> None:
    """No blinking cursor: the picture must not depend on when it is taken."""
    for field in app.screen.query(Input):
        field.cursor_blink = False


def _sizing(app: ViverApp) -> list[str]:
    """The screen's tables that have rows or cells not yet measured."""
    return [
        str(table.id) for table in app.screen.query(DataTable)
        if table._require_update_dimensions or table._updated_cells or table._new_rows
    ]


async def _tables_sized(app: ViverApp, pilot: Pilot) -> None:
    """Wait until every table has sized its columns and rows. A DataTable measures them
    when it next goes idle (``DataTable._on_idle``); on a loaded machine the picture was
    taken before that (narrow columns) when the wait was bounded by time. Each round
    waits for the app to be idle — no fixed sleep — and the bound is in rounds, only
    so that a table that never sizes fails here, by name, instead of hanging."""
    for _ in range(500):
        await pilot.pause()
        if not _sizing(app):
            break
    assert not _sizing(app), f"tables never sized: {_sizing(app)}"
    await pilot.wait_for_scheduled_animations()  # the repaint with the new sizes


def _snap(
    snap_compare: Snap, app: ViverApp, steps: Callable[[Pilot], Any],
    size: tuple[int, int] = SIZE,
) -> bool:
    signs_in = add_test_staff(app.db) is not None  # the counter worker ``test``

    async def run_before(pilot: Pilot) -> None:
        if signs_in:  # by keys on the sign-in screen, as every app test (tests/signing_in)
            await sign_in_by_keys(app, pilot, TEST_INITIALS, TEST_PIN)
        await settle(app, pilot)
        await steps(pilot)
        await settle(app, pilot)
        _steady(app)
        await _tables_sized(app, pilot)

    return snap_compare(app, terminal_size=size, run_before=run_before)


def test_search_with_results(snap_compare: Snap, shop: Settings, data: dict) -> None:
    app = make_app(shop)

    async def steps(pilot: Pilot) -> None:
        await type_text(pilot, "nordmann")

    assert _snap(snap_compare, app, steps)


def test_customer_card_with_orders(snap_compare: Snap, shop: Settings, data: dict) -> None:
    app = make_app(shop)

    async def steps(pilot: Pilot) -> None:
        await type_text(pilot, "kari")
        await settle(app, pilot)
        await pilot.press("enter")

    assert _snap(snap_compare, app, steps)


def test_intake_mid_entry(snap_compare: Snap, shop: Settings, data: dict) -> None:
    """Two media registered, the third being typed (kind and description, no Enter)."""
    app = make_app(shop)

    async def steps(pilot: Pilot) -> None:
        app.open_intake(data["per"].id)
        await settle(app, pilot)
        for keys in (["1", "Bryllup 1994", "OK"], ["photo", "Album Hellas", "", "40"]):
            for text in keys:
                await type_text(pilot, text)
                await pilot.press("enter")
            await settle(app, pilot)
        await type_text(pilot, "super")
        await pilot.press("enter")
        await type_text(pilot, "Hytta 19")

    assert _snap(snap_compare, app, steps)


def test_order_screen(snap_compare: Snap, shop: Settings, data: dict) -> None:
    app = make_app(shop)

    async def steps(pilot: Pilot) -> None:
        app.open_order(data["three"].id)

    assert _snap(snap_compare, app, steps)


def test_pickup_seven_of_nine(snap_compare: Snap, shop: Settings, data: dict) -> None:
    """F5 and the receipt scanned: "7 av 9 utlevert" and what is still missing."""
    app = make_app(shop)

    async def steps(pilot: Pilot) -> None:
        await pilot.press("f5")
        await settle(app, pilot)
        await type_text(pilot, str(data["nine"].number))
        await pilot.press("enter")

    assert _snap(snap_compare, app, steps)


def _documents_shop(shop: Settings, data: dict) -> Settings:
    """Both companies set up to invoice; Kari's order invoiced, part paid at the till."""
    from tests.services.documents_helpers import VF, VV
    from viver_tui.services import documents

    invoicing = replace(shop, companies=(VV, VF), documents_dir=shop.spool_dir.parent / "dok")
    db = open_database(shop.database_url)
    documents.issue_invoice(
        db, data["nine"].id, invoicing,
            as_staff(db, "ANNE"), products=[documents.ProductLine("usb-128")],
        paid=[documents.TillPayment("card", 100000, "K-4711")],
    )
    db.close()
    return invoicing


def test_documents_of_an_order(snap_compare: Snap, shop: Settings, data: dict) -> None:
    """F10 on Kari's order: its confirmation is older than documents (made by the
    services before), so the list shows the invoice with what is still due."""
    app = make_app(_documents_shop(shop, data))

    async def steps(pilot: Pilot) -> None:
        app.open_documents(order_id=data["nine"].id)

    assert _snap(snap_compare, app, steps)


def test_invoice_dialog(snap_compare: Snap, shop: Settings, data: dict) -> None:
    """F2 on Ola's order's documents: the work on each medium — the Super 8 film as
    production recorded it (24 min, estimated 20), beside the estimate — then the
    fields."""
    from viver_tui.services.production import actuals

    invoicing = _documents_shop(shop, data)
    db = open_database(shop.database_url)
    actuals.record_actual(db, data["three"].media[2].id, as_staff(db, "PROD"), 24, shop.media_kinds)
    db.close()
    app = make_app(invoicing)

    async def steps(pilot: Pilot) -> None:
        app.open_documents(order_id=data["three"].id)
        await settle(app, pilot)
        await pilot.press("f2")
        await settle(app, pilot)
        await type_text(pilot, "usb-32 2")

    assert _snap(snap_compare, app, steps)
