"""Several terminals at once: the 4-process pickup + intake mix, on SQLite and PostgreSQL.

Each store is a fresh database filled with demo customers (``--customers``), plus
``--orders`` orders of 3 media each (one a photo series), ready for pickup. Then
``--processes`` processes start together. Every process scans every medium of every
order, in its own random order (so each medium is scanned by every terminal, the worst
case for lost updates), and does a whole intake (open, one medium, confirm with its
prints) after every ``--intake-every`` scans. Reported: scans per second over the whole
run (intakes included in the time), and the checks that matter:

- returns told "returned" more than once, or ``returned`` events more than one a medium
  (doubled), or media never returned (lost): all must be 0;
- orders with every medium back but not delivered, orders with more than one
  ``delivered`` event or return receipt: all must be 0.

    python bench/bench_terminals.py [--skip-postgres]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import sys
import tempfile
import time
import traceback
import uuid
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import machine

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


def _terminal(url: str, work, seed: int, intake_every: int, customer_ids, start, results):  # type: ignore[no-untyped-def]
    try:
        from viver_tui.config import DEFAULT_MEDIA_KINDS
        from viver_tui.services import intake, pickup
        from viver_tui.services.intake import MediumInput, OrderDetails
        from viver_tui.store import open_database

        db = open_database(url)
        rng = random.Random(seed)
        scans = [(order_id, code) for order_id, codes in work for code in codes]
        rng.shuffle(scans)
        start.wait(timeout=120)
        began = time.perf_counter()
        told = []
        intakes = 0
        for i, (order_id, code) in enumerate(scans, 1):
            out = pickup.scan(db, order_id, code, f"T{seed}", returned_count=24)
            told.append((code, out.outcome, out.delivered))
            if i % intake_every == 0:
                order = intake.open_order(db, rng.choice(customer_ids), f"T{seed}")
                intake.add_medium(
                    db, order.id, MediumInput("vhs", "Ferie"), DEFAULT_MEDIA_KINDS, "b"
                )
                intake.confirm_order(db, order.id, OrderDetails(shelf="B2"), f"T{seed}")
                intakes += 1
        results.put((told, intakes, began, time.perf_counter(), None))
    except Exception:  # reported and counted
        results.put(([], 0, 0.0, 0.0, traceback.format_exc()))


def prepare(url: str, customers: int, orders_count: int) -> tuple[list, list[int]]:  # type: ignore[type-arg]
    from viver_tui.config import DEFAULT_MEDIA_KINDS
    from viver_tui.models import Customer
    from viver_tui.services import demo, intake, orders
    from viver_tui.services.intake import MediumInput, OrderDetails
    from viver_tui.store import open_database

    db = open_database(url)
    demo.fill(db, customers=customers, orders_per_customer=2, media_per_order=2.5)
    with db.connection_context():
        ids = [c.id for c in Customer.select(Customer.id).limit(2000)]
    rng = random.Random(9)
    work = []
    for _ in range(orders_count):
        order = intake.open_order(db, rng.choice(ids), "bench")
        for kind, units in (("vhs", ""), ("photo-series", "24"), ("minidv", "")):
            order = intake.add_medium(
                db, order.id, MediumInput(kind, units=units), DEFAULT_MEDIA_KINDS, "bench"
            )
        intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "bench")
        order = orders.set_order_status(db, order.id, orders.READY, "bench")
        work.append((order.id, [m.code for m in order.media]))
    if not url.startswith("sqlite"):
        db.execute_sql("VACUUM ANALYZE")
    db.close()
    return work, ids


def check(url: str, work: list, told: list) -> dict[str, int]:  # type: ignore[type-arg]
    from viver_tui.models import MediaItem, Order, OrderEvent, PrintJob
    from viver_tui.store import open_database

    order_ids = [order_id for order_id, _ in work]
    codes = [code for _, cs in work for code in cs]
    told_returned = Counter(code for code, outcome, _ in told if outcome == "returned")
    db = open_database(url)
    with db.connection_context():
        media = list(MediaItem.select().where(MediaItem.code.in_(codes)))
        ids = [m.id for m in media]
        returned_events = Counter(
            e.media_item_id
            for e in OrderEvent.select().where(
                (OrderEvent.action == "returned") & OrderEvent.media_item.in_(ids)
            )
        )
        delivered = Counter(
            e.order_id
            for e in OrderEvent.select().where(
                (OrderEvent.action == "delivered") & OrderEvent.order.in_(order_ids)
            )
        )
        receipts = Counter(
            j.order_id
            for j in PrintJob.select().where(
                (PrintJob.kind == "return_receipt") & PrintJob.order.in_(order_ids)
            )
        )
        status = {o.id: o.status for o in Order.select().where(Order.id.in_(order_ids))}
        all_back = {
            oid for oid in order_ids
            if all(m.returned_at is not None for m in media if m.order_id == oid)
        }
    db.close()
    return {
        "lost": sum(1 for m in media if m.returned_at is None)
        + sum(1 for c in codes if told_returned[c] == 0),
        "doubled": sum(1 for c in codes if told_returned[c] > 1)
        + sum(1 for n in returned_events.values() if n > 1),
        "undelivered": sum(1 for oid in all_back if status[oid] != "returned"),
        "double_delivered": sum(1 for n in delivered.values() if n > 1)
        + sum(1 for oid in order_ids if delivered[oid] == 0),
        "double_receipts": sum(1 for n in receipts.values() if n != 1)
        + sum(1 for oid in order_ids if receipts[oid] == 0),
    }


def run(name: str, url: str, args: argparse.Namespace) -> None:
    work, customer_ids = prepare(url, args.customers, args.orders)
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(args.processes)
    results = ctx.Queue()
    procs = [
        ctx.Process(
            target=_terminal,
            args=(url, work, seed, args.intake_every, customer_ids, start, results),
        )
        for seed in range(args.processes)
    ]
    for p in procs:
        p.start()
    reports = [results.get(timeout=1800) for _ in procs]
    for p in procs:
        p.join()
    errors = [r[4] for r in reports if r[4]]
    told = [t for r in reports for t in r[0]]
    intakes = sum(r[1] for r in reports)
    ok = [r for r in reports if not r[4]]
    elapsed = (max(r[3] for r in ok) - min(r[2] for r in ok)) if ok else 0.0
    rate = len(told) / elapsed if elapsed else 0.0
    checks = check(url, work, told)
    print(
        f"  {name}: {rate:,.0f} scans/s ({len(told)} scans of {args.orders * 3} media and "
        f"{intakes} whole intakes by {args.processes} processes in {elapsed:.1f} s); "
        + ", ".join(f"{k} {v}" for k, v in checks.items())
        + f"; errors {len(errors)}"
    )
    for error in errors[:1]:
        print(error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--orders", type=int, default=200, help="orders of 3 media to pick up")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--intake-every", type=int, default=20)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as folder:
        run("SQLite", f"sqlite:///{Path(folder) / 'terminals.db'}", args)
    if args.skip_postgres:
        return
    from playhouse.db_url import connect

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = connect(PG_URL)
    admin.connect()
    admin.execute_sql(f'CREATE SCHEMA "{schema}"')
    admin.close()
    try:
        run("PostgreSQL", f"{PG_URL}?options=-csearch_path%3D{schema}", args)
    finally:
        admin.connect()
        admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


if __name__ == "__main__":
    main()
