"""Hostile text typed or pasted into the counter's inputs — markup, terminal escapes,
NUL, Unicode digits, decomposed letters, a lone surrogate: each gets a clear answer
where it was entered or is stored clean, and the app keeps running."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.widgets import Input

from tests.screens.helpers import settle, type_text
from tests.signing_in import as_staff
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.models import MediaItem
from viver_tui.screens.intake import IntakeScreen
from viver_tui.screens.pickup import PickupScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput

HOSTILE = [
    "[/]", "[@click=app.quit]z[/]", "\x1b[2J", "\x1b]0;title\x07", "a\x00b", "²", "1²",
    "１０４２３３", "\ud800", "Ola [/Hansen]", "A\u030ase", "100001-0²", "   ",
]


async def paste(pilot, widget: Input, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.focus()
    widget.post_message(events.Paste(text))
    await pilot.pause()


def clean(text: str) -> bool:
    return not any(unicodedata.category(c) in ("Cc", "Cs") for c in text)


async def test_hostile_text_in_search_and_pickup_scans(settings: Settings) -> None:
    app = make_app(settings)
    customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        search = app.screen.query_one("#search", Input)
        for text in HOSTILE:
            search.value = ""
            await paste(pilot, search, text)
            await settle(app, pilot)
            assert app.is_running and app.return_code is None
        app.open_pickup()
        await settle(app, pilot)
        assert isinstance(app.screen, PickupScreen)
        for text in HOSTILE:
            await paste(pilot, app.screen.scan_input, text)
            await pilot.press("enter")
            await settle(app, pilot)
            assert isinstance(app.screen, PickupScreen) and app.is_running
        assert app.return_code is None


async def test_hostile_text_in_the_intake_description(settings: Settings) -> None:
    app = make_app(settings)
    cid = customers.register(app.db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(app.db, "T")).id
    async with app.run_test(size=(120, 36)) as pilot:
        app.open_intake(cid)
        await settle(app, pilot)
        assert isinstance(app.screen, IntakeScreen)
        for text in HOSTILE:  # typed at a typist's speed (pilot.press idles after each key)
            await type_text(pilot, "1\r")  # VHS
            await paste(pilot, app.screen.query_one("#description", Input), text)
            await type_text(pilot, "\r\r")  # description, condition
            await settle(app, pilot)
            assert isinstance(app.screen, IntakeScreen) and app.is_running
            if app.focused is not app.screen.query_one("#kind", Input):  # refused: say so
                assert str(app.screen.query_one("#description-error").render())
                app.screen.query_one("#description", Input).value = ""
                await type_text(pilot, "\r\r")
                await settle(app, pilot)
    stored = [m.description for m in MediaItem.select()]
    assert stored and all(clean(d) for d in stored)
    assert "[@click=app.quit]z[/]" in stored and "Åse" in stored  # NFC, as typed
