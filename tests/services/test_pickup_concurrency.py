"""Four terminals scan the media of the same orders at the same moment (issue 8 item 1).

Every process scans every medium of 30 orders (3 media each, one a photo series) in its
own random order. Afterwards: each medium returned exactly once (one ``returned``
event, and exactly one scanner was told "returned"), every order delivered once with
one return receipt and one ``delivered`` event, and no order left undelivered with
every medium back. Runs on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import traceback
from collections import Counter

import peewee

from tests.signing_in import as_staff
from viver_tui.config import Settings
from viver_tui.models import MediaItem, Order, OrderEvent, PrintJob
from viver_tui.services import customers, intake, orders, pickup
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.store import open_database

PROCESSES = 4
ORDERS = 30


def _terminal(url: str, work: list[tuple[int, list[str]]], seed: int, start, results) -> None:
    try:
        db = open_database(url)
        rng = random.Random(seed)
        scans = [(order_id, code) for order_id, codes in work for code in codes]
        rng.shuffle(scans)
        start.wait(timeout=60)
        told: list[tuple[str, str, bool]] = []
        for order_id, code in scans:
            out = pickup.scan(db, order_id, code, f"T{seed}", returned_count=40)
            told.append((code, out.outcome, out.delivered))
        results.put((told, None))
    except Exception:  # reported to the test, which fails on it
        results.put(([], traceback.format_exc()))


def _orders(db: peewee.Database) -> list[tuple[int, list[str]]]:
    kinds = Settings().media_kinds
    cid = customers.register(db, CustomerInput(name="Samtidig Kunde", phone="91234567"),
        as_staff(db, "T")).id
    work = []
    for _ in range(ORDERS):
        order = intake.open_order(db, cid, "T")
        for kind, units in (("vhs", ""), ("photo-series", "40"), ("minidv", "")):
            order = intake.add_medium(db, order.id, MediumInput(kind, units=units), kinds, "T")
        intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "T")
        order = orders.set_order_status(db, order.id, orders.READY, "T")
        work.append((order.id, [m.code for m in order.media]))
    return work


def test_four_terminals_scan_the_same_media(db_url: str) -> None:
    db = open_database(db_url)
    work = _orders(db)
    db.close()
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(PROCESSES)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_terminal, args=(db_url, work, seed, start, results))
        for seed in range(PROCESSES)
    ]
    for p in procs:
        p.start()
    reports = [results.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert [err for _, err in reports if err] == []
    told = [t for r, _ in reports for t in r]
    total_media = ORDERS * 3
    assert len(told) == PROCESSES * total_media
    returned_told = Counter(code for code, outcome, _ in told if outcome == "returned")
    assert len(returned_told) == total_media and set(returned_told.values()) == {1}
    assert {outcome for _, outcome, _ in told} == {"returned", "already_returned"}
    assert sum(delivered for _, _, delivered in told) == ORDERS
    with db.connection_context():
        events = Counter(
            e.media_item_id
            for e in OrderEvent.select().where(OrderEvent.action == "returned")
        )
        assert len(events) == total_media and set(events.values()) == {1}
        delivered = Counter(
            e.order_id for e in OrderEvent.select().where(OrderEvent.action == "delivered")
        )
        assert len(delivered) == ORDERS and set(delivered.values()) == {1}
        receipts = Counter(
            j.order_id for j in PrintJob.select().where(PrintJob.kind == "return_receipt")
        )
        assert len(receipts) == ORDERS and set(receipts.values()) == {1}
        assert MediaItem.select().where(MediaItem.returned_at.is_null()).count() == 0
        assert Order.select().where(Order.status != orders.RETURNED).count() == 0
    db.close()


def test_the_last_two_media_scanned_at_once_deliver_the_order(pg_url: str) -> None:
    """Two terminals return an order's last two media at the same moment. A database
    trigger holds every medium update for 0.3 s, so both transactions overlap for sure:
    each must see the other's return (the order row is locked), or the order would stay
    undelivered with every medium back."""
    import threading

    db = open_database(pg_url)
    work = _orders(db)[:1]
    order_id, codes = work[0]
    pickup.scan(db, order_id, codes[1], "T", returned_count=40)
    db.execute_sql(
        "CREATE FUNCTION slow_medium() RETURNS trigger AS $$ BEGIN "
        "PERFORM pg_sleep(0.3); RETURN NEW; END $$ LANGUAGE plpgsql"
    )
    db.execute_sql(
        "CREATE TRIGGER slow_medium BEFORE UPDATE ON media_item "
        "FOR EACH ROW EXECUTE FUNCTION slow_medium()"
    )
    db.close()
    start = threading.Barrier(2)
    told: list[pickup.ScanOutcome] = []

    def terminal(code: str) -> None:
        start.wait(timeout=10)
        told.append(pickup.scan(db, order_id, code, "T"))
        db.close()

    threads = [threading.Thread(target=terminal, args=(c,)) for c in (codes[0], codes[2])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(o.outcome for o in told) == ["returned", "returned"]
    assert sum(o.delivered for o in told) == 1
    with db.connection_context():
        assert Order.get_by_id(order_id).status == orders.RETURNED
        assert PrintJob.select().where(PrintJob.kind == "return_receipt").count() == 1
