"""Helpers shared by the print-queue tests: a clock the test moves, the queue's rows, the
name on a claim of a process that has ended."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import datetime, timedelta

import peewee

from viver_tui.db import writing
from viver_tui.models import PrintJob
from viver_tui.services import print_claims


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


def dead_owner() -> str:
    """A claim's owner as a process on this machine writes it, for a process that has
    run and ended (a kill -9 leaves its claims so)."""
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = ended.stdout.strip()
    return "|".join((socket.gethostname(), print_claims.boot_id(), pid, "1", "ended"))
