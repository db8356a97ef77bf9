"""The shop's clock: where the app's "now" and "today" come from.

Times are naive local time (see ``models.py``). The services and the models' defaults
ask here instead of calling ``datetime.now()`` themselves, so there is one seam for
time: a test pins it (``pinned``; ``tests/conftest.py: fixed_clock``) and a snapshot
of the order screen shows the same dates and history on every run and every machine.
The app never pins it; only tests do.

Monotonic timers (the idle lock, a printer's timeout) are durations, not dates, and
keep using ``time.monotonic``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

_pinned: datetime | None = None


def now() -> datetime:
    """The current local time (or the pinned one)."""
    return _pinned if _pinned is not None else datetime.now()


def today() -> date:
    return now().date()


@contextmanager
def pinned(when: datetime) -> Iterator[datetime]:
    """Stop the clock at ``when`` until the block ends (tests only: it is process-wide,
    so the threads of an app under test see the same time as the test)."""
    global _pinned
    before, _pinned = _pinned, when
    try:
        yield when
    finally:
        _pinned = before
