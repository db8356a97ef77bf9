"""Search as you type under fast typing: every keystroke answered, the latest last, one
search at a time (keys are posted as the terminal driver posts them, without waiting)."""

from __future__ import annotations

import asyncio

from textual import events
from textual.widgets import DataTable, Input
from textual.worker import WorkerState

from tests.screens.helpers import settle
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.screens.search import SearchScreen
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput


async def test_fast_typing_ends_on_the_answer_to_the_field_one_search_at_a_time(
    settings: Settings,
) -> None:
    app = make_app(settings)
    for i, name in enumerate(
        ["Ole Hansen", "Olea Hansen", "Ola Hanssen", "Per Hansen", "Ole Berg", "Hans Ole"]
    ):
        customers.register(app.db, CustomerInput(name=name, phone=f"9100000{i}"), "T")
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        most_at_once = 0
        done = False

        async def watch() -> None:
            nonlocal most_at_once
            while not done:
                busy = [
                    w
                    for w in app.workers
                    if w.group == "search" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
                ]
                most_at_once = max(most_at_once, len(busy))
                await asyncio.sleep(0)

        watcher = asyncio.create_task(watch())
        for text in ("ole hansen", "ole berg"):
            await pilot.press("escape")  # clears the field
            for char in text:
                app.post_message(events.Key("space" if char == " " else char, char))
                await asyncio.sleep(0.001)
            await settle(app, pilot)
            field = screen.query_one("#search", Input).value
            assert screen.shown_query == field
        done = True
        await watcher
        assert field == "ole berg"
        table = screen.query_one("#results", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["Ole Berg"]
        assert most_at_once == 1
