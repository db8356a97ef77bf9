"""Four terminals open 50 orders each at the same moment: 200 distinct numbers, no errors."""

from __future__ import annotations

import multiprocessing as mp
import traceback

from viver_tui.models import Order
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.store import open_database

PROCESSES = 4
ORDERS_EACH = 50


def _terminal(url: str, customer_id: int, staff: str, start, results) -> None:
    try:
        db = open_database(url)
        start.wait(timeout=30)
        numbers = [intake.open_order(db, customer_id, staff).number for _ in range(ORDERS_EACH)]
        results.put((staff, numbers, None))
    except Exception:  # reported to the test, which fails on it
        results.put((staff, [], traceback.format_exc()))


def test_concurrent_order_numbers(db_url: str) -> None:
    db = open_database(db_url)
    cid = customers.register(db, CustomerInput(name="Samtidig Kunde", phone="91234567"), "T").id
    db.close()
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_terminal, args=(db_url, cid, f"T{i}", start, results))
        for i in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    reports = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    errors = [err for _, _, err in reports if err]
    assert errors == []
    numbers = [n for _, nums, _ in reports for n in nums]
    assert len(numbers) == PROCESSES * ORDERS_EACH
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == list(range(100_001, 100_001 + len(numbers)))  # no gaps
    for _, nums, _ in reports:
        assert nums == sorted(nums)  # each terminal sees its numbers rise
    with db.connection_context():
        assert Order.select().count() == len(numbers)
