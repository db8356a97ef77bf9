"""Snapshots of the production room's screens (issue 20) at 80×24 and 120×36: the
production screen with a medium open, the workload view and the counter's list of
orders ready for pickup. Same shop, data and steadiness as test_snapshots.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from textual.pilot import Pilot

from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from tests.snapshots.test_snapshots import _snap, data, shop  # noqa: F401  (fixtures)
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.media_store import open_store
from viver_tui.services import media_files
from viver_tui.services.production import notes, outcomes, steps
from viver_tui.store import open_database

Snap = Callable[..., bool]
SIZES = [(80, 24), (120, 36)]


@pytest.fixture
def worked(shop: Settings, data: dict) -> dict:  # noqa: F811
    """Ola's order in the production room: its first medium digitized with an outcome
    and a note, its second received."""
    db = open_database(shop.database_url)
    first = data["three"].media[0]
    steps.scan(db, first.code, as_staff(db, "PROD"))
    steps.step(db, first.id, as_staff(db, "PROD"))
    steps.step(db, first.id, as_staff(db, "PROD"))
    outcomes.set_outcome(db, first.id, as_staff(db, "PROD"), "damaged", "Dropouts etter 40 min",
                         shop.production_outcomes)
    notes.add_note(db, first.id, "Rensket hodene før avspilling", as_staff(db, "PROD"))
    db.close()
    return data


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_production_screen(snap_compare: Snap, shop: Settings, worked: dict,  # noqa: F811
                           size: tuple[int, int]) -> None:
    app = make_app(shop)

    async def keys(pilot: Pilot) -> None:
        await pilot.press("f11")
        await settle(app, pilot)
        await type_text(pilot, worked["three"].media[0].code + "\r")

    assert _snap(snap_compare, app, keys, size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_outcome_dialog_asks_the_actual_minutes(
    snap_compare: Snap, shop: Settings, worked: dict, size: tuple[int, int],  # noqa: F811
) -> None:
    """F4 on Ola's Super 8 film (charged by the minute): the outcome chosen, the minutes
    actually digitized being typed (estimated 20)."""
    app = make_app(shop)

    async def keys(pilot: Pilot) -> None:
        await pilot.press("f11")
        await settle(app, pilot)
        await type_text(pilot, worked["three"].media[2].code + "\r")
        await settle(app, pilot)
        await pilot.press("f4")
        await settle(app, pilot)
        await pilot.press("enter")
        await type_text(pilot, "24")

    assert _snap(snap_compare, app, keys, size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_workload_view(snap_compare: Snap, shop: Settings, worked: dict,  # noqa: F811
                       size: tuple[int, int]) -> None:
    app = make_app(shop)

    async def keys(pilot: Pilot) -> None:
        await pilot.press("f11")
        await settle(app, pilot)
        await pilot.press("f1")
        await settle(app, pilot)
        # The store line's real figures, with the disk's free space and the folder
        # pinned: both belong to the machine the test runs on, not to the screen.
        usage = media_files.usage(app.db, open_store(shop.media_dir), shop.warranty_days)
        app.screen.show_store(replace(usage, free_bytes=250 * 10**9, where="/srv/viver/media"))

    assert _snap(snap_compare, app, keys, size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_ready_orders(snap_compare: Snap, shop: Settings, data: dict,  # noqa: F811
                      size: tuple[int, int]) -> None:
    app = make_app(shop)

    async def keys(pilot: Pilot) -> None:
        await pilot.press("ctrl+r")

    assert _snap(snap_compare, app, keys, size)
