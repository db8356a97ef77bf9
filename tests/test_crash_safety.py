"""kill -9 mid-intake, again and again, on both stores: every order reported confirmed is
there and complete (its media, its print jobs), numbers and codes are unique, and
nothing is half-confirmed. The kill lands at a chosen step of a whole intake — opening
the order, registering a medium, confirming — while the next statement is running.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.intake_loop import MEDIA_PER_ORDER, PRINTS_PER_ORDER
from tests.signing_in import as_staff
from viver_tui.db import reading
from viver_tui.models import MediaItem, Order, OrderEvent, PrintJob
from viver_tui.services import customers
from viver_tui.services.customers import CustomerInput
from viver_tui.store import check_database, open_database

KILLS = 10
# Where to kill: mostly inside the confirmation, the transaction that must be all or nothing.
STEPS = ("open", "medium", "confirm", "confirm", "confirm", "confirmed")
ROOT = Path(__file__).parent.parent


def intake_until_killed(url: str, customer_id: int, rng: random.Random) -> list[int]:
    """Run a terminal, kill -9 it at a random step; return the numbers it confirmed."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.intake_loop", url, str(customer_id)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert process.stdout is not None
    confirmed: list[int] = []
    target = rng.choice(STEPS)
    skip = rng.randrange(4)  # let a few such steps pass first
    try:
        for line in process.stdout:
            word, _, number = line.strip().partition(" ")
            if word == "confirmed":
                confirmed.append(int(number))
            if word == target:
                if skip == 0:
                    # Spread the kill over the step's statements and commits (a kill
                    # point, not a wait: nothing waits for it to finish).
                    time.sleep(rng.uniform(0, 0.004))
                    os.kill(process.pid, signal.SIGKILL)
                    break
                skip -= 1
        else:
            raise AssertionError(f"the terminal stopped by itself: {process.stderr.read()}")
    finally:
        process.kill()
        # What it printed before it died still counts: those were committed.
        rest, _ = process.communicate(timeout=60)
    confirmed += [int(w.split()[1]) for w in rest.splitlines() if w.startswith("confirmed ")]
    assert process.returncode == -signal.SIGKILL
    return confirmed


def test_kill_9_mid_intake_leaves_every_confirmed_order_whole(db_url: str) -> None:
    db = open_database(db_url)
    customer = customers.register(db, CustomerInput(name="Kari Nordmann", phone="91234567"),
        as_staff(db, "T"))
    db.close()
    rng = random.Random(8)
    reported: list[int] = []
    for _ in range(KILLS):
        reported += intake_until_killed(db_url, customer.id, rng)

    db = open_database(db_url)  # opens after every kill, no repair needed
    with reading(db):
        orders = list(Order.select())
        numbers = [o.number for o in orders]
        assert len(numbers) == len(set(numbers))
        codes = [m.code for m in MediaItem.select()]
        assert len(codes) == len(set(codes))
        by_number = {o.number: o for o in orders}
        # Durable: every order a terminal was told is confirmed, is.
        assert set(reported) <= {o.number for o in orders if o.status == "received"}
        assert reported, "no intake got as far as a confirmation"
        for order in orders:
            media = list(MediaItem.select().where(MediaItem.order == order.id))
            jobs = list(PrintJob.select().where(PrintJob.order == order.id))
            events = {e.action for e in OrderEvent.select().where(OrderEvent.order == order.id)}
            if order.status == "received":
                assert len(media) == MEDIA_PER_ORDER, order.number
                assert all(m.status == "received" for m in media)
                assert len(jobs) == PRINTS_PER_ORDER, order.number
                labelled = {j.media_item_id for j in jobs if j.kind == "media_label"}
                assert labelled == {m.id for m in media}
                assert order.confirmed_at is not None
                assert "confirmed" in events
            else:
                # Killed before its confirmation committed: a draft, nothing queued.
                assert order.status == "draft", order.number
                assert jobs == []
                assert order.confirmed_at is None
                assert "confirmed" not in events
                assert len(media) <= MEDIA_PER_ORDER
        assert all(by_number[n].status == "received" for n in reported)
    assert check_database(db_url).findings == ()
    db.close()
