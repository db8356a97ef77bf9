"""Helpers shared by the print-queue tests: a clock the test moves, the queue's rows."""

from __future__ import annotations

from datetime import datetime, timedelta

import peewee

from viver_tui.db import writing
from viver_tui.models import PrintJob


class Clock:
    """A clock the test moves forward, so retries come due without sleeping."""

    def __init__(self) -> None:
        self.now = datetime.now()

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def jobs(db: peewee.Database) -> list[PrintJob]:
    with writing(db):
        return list(PrintJob.select().order_by(PrintJob.id))
