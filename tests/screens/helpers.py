"""Driving the app as staff do: typing, and waiting until it has caught up."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from textual import events
from textual.app import App
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.worker import WorkerState


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
    """Type ``text`` as a quick typist does: its keys reach the app back to back, the
    way the terminal driver delivers them, and then the app catches up.

    ``pilot.press`` waits until the app is idle after every key (two idle windows and
    a render, 50–100 ms a key); typed that way the suite's text cost more than a minute
    of waiting. Keys that move focus or open something (Enter, F-keys) are usually
    pressed with ``pilot.press``, so each of them lands on a settled screen; a ``\r`` in
    ``text`` is an Enter sent back to back with the rest, for typing ahead of focus, and
    a ``\x7f`` a Backspace.
    """
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for char in text:
        key = (
            "enter" if char == "\r" else "backspace" if char == "\x7f"
            else char if char.isalnum() else _character_to_key(char)
        )
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()


async def wait_for(condition: Callable[[], bool], timeout: float = 10.0) -> bool:
    """Poll ``condition`` while the app runs (for work outside Textual's workers, such
    as the print queue's thread); True once it holds, False after ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        await asyncio.sleep(0.02)
    return bool(condition())


# Keys press_burst takes by name; any other text is typed character by character.
KEY_NAMES = ("enter", "backspace", "tab", "down", "up", "left", "home", "end", "delete", "escape")


async def press_burst(pilot: Pilot, *keys: str) -> None:
    """Keys in one terminal write, back to back: a key's name ("f2", "enter") or text
    (each character a key), then the app catches up."""
    chars = []
    for key in keys:
        if (key.startswith("f") and key[1:].isdigit()) or key in KEY_NAMES:
            chars.append((key, None))
        else:
            chars.extend(
                ("enter" if c == "\r" else c if c.isalnum() else _character_to_key(c), c)
                for c in key
            )
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key, char in chars:
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()


async def wait_while_progressing(
    done: Callable[[], bool], progress: Callable[[], object], stall: float = 30.0
) -> bool:
    """Wait until ``done()`` holds for as long as ``progress()`` keeps changing (keys
    read, scans handled): a loaded machine may take minutes over a burst, and that is
    no failure; only ``stall`` seconds without any progress is (a hang). True once
    ``done()``, False when it stalled."""
    last, since = progress(), time.monotonic()
    while not done():
        now = progress()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since > stall:
            return bool(done())
        await asyncio.sleep(0.02)
    return True
