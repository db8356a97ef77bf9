"""Driving the app as staff do: typing, and waiting until it has caught up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerState

_KEY_NAMES = {" ": "space", "-": "minus", ".": "full_stop"}


async def settle(app: App, pilot: Pilot) -> None:
    """Wait until no worker is pending or running and the screen is idle.

    One round is not enough: a finished worker's callback may start the next one
    (save → dismiss the form → reload the card), so go round until it is quiet.
    """
    for _ in range(20):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        busy = [w for w in app.workers if w.state in (WorkerState.PENDING, WorkerState.RUNNING)]
        if not busy:
            return


async def type_text(pilot: Pilot, text: str) -> None:
    """Type ``text`` key by key (Pilot waits for the app after each key)."""
    await pilot.press(*[_KEY_NAMES.get(c, c) for c in text])


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` while the app runs (for work outside Textual's workers, such
    as the print queue's thread); True once it holds, False after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.02)
    return bool(condition())
