"""Pickup and intake benchmark on a large demo database.

    python bench/bench_pickup.py                       # 1 000 000 customers (built once)
    python bench/bench_pickup.py --customers 20000     # a quick run

Reports, on SQLite with ``--customers`` customers, 2 orders each and 2.5 media per order
(the demo database from ``bench/common.py``, cached under ``bench/out/``):

1. code → medium + order lookup at the service (``pickup.lookup_medium``), p50/p99;
2. Enter → pickup screen updated, in the running app started cold (the database file
   dropped from the OS page cache first): ``--scans`` distinct orders in random order,
   each its receipt then one of its media chosen at random; the keys of a scan are
   handed to the app the way the terminal driver does, and the clock stops at the first
   frame the app's frame timer paints after the screen has shown the outcome; p50/p99/
   max, scans over 1 s, and the five slowest;
3. a burst of 200 distinct codes back to back at ~1 ms a key (100 other orders: receipt,
   medium): codes corrupted, scans not handled, outcomes not as expected (loaded,
   returned), and every medium checked returned in the store afterwards;
4. intake throughput: 4 processes open orders at once (and, separately, do whole
   intakes: open, 2 media, confirm with prints) on SQLite (a copy of the demo database)
   and on PostgreSQL (a fresh schema filled with ``--pg-customers``): orders/s and
   duplicate numbers.

Writes go to a copy of the cached database, so the cache stays as built.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import multiprocessing as mp
import os
import random
import shutil
import sqlite3
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.signing_in
from common import OUT, demo_database, evict, machine, summary

from tests.signing_in import run_as

PG_URL = "postgresql://postgres@127.0.0.1:5432/test"


# --- 1. service lookup ---------------------------------------------------------------


def sample_codes(db_path: Path, count: int, rng: random.Random) -> list[str]:
    con = sqlite3.connect(db_path)
    top = con.execute("SELECT MAX(id) FROM media_item").fetchone()[0]
    codes: list[str] = []
    while len(codes) < count:
        row = con.execute(
            "SELECT code FROM media_item WHERE id = ?", (rng.randrange(1, top + 1),)
        ).fetchone()
        if row:
            codes.append(row[0])
    con.close()
    return codes


def bench_lookup(db_path: Path, codes: list[str]) -> None:
    from viver_tui.services import pickup
    from viver_tui.store import open_database

    db = open_database(f"sqlite:///{db_path}")
    for code in codes[:50]:  # warm the connection and the page cache a little
        pickup.lookup_medium(db, code)
    times = []
    misses = 0
    for code in codes:
        start = time.perf_counter()
        found = pickup.lookup_medium(db, code)
        times.append((time.perf_counter() - start) * 1000)
        misses += found is None
    db.close()
    print(f"  code → medium+order (service):   {summary(times)}  misses {misses}")


# --- 2 and 3. the pickup screen --------------------------------------------------------


def open_orders(db_path: Path, count: int, rng: random.Random) -> list[tuple[str, str]]:
    """``count`` distinct orders with a medium still in the house, in random order:
    (order number, the code of one of its media, chosen at random)."""
    con = sqlite3.connect(db_path)
    top = con.execute("SELECT MAX(id) FROM \"order\"").fetchone()[0]
    found: dict[int, tuple[str, str]] = {}
    while len(found) < count:
        oid = rng.randrange(1, top + 1)
        row = con.execute(
            "SELECT number, status FROM \"order\" WHERE id = ?", (oid,)
        ).fetchone()
        if not row or row[1] in ("returned", "closed", "draft", "cancelled") or oid in found:
            continue
        codes = [
            r[0]
            for r in con.execute(
                "SELECT code FROM media_item WHERE order_id = ? AND returned_at IS NULL "
                "AND declared_count IS NULL ORDER BY seq",
                (oid,),
            )
        ]
        if codes:
            found[oid] = (str(row[0]), rng.choice(codes))
    # Ready for pickup, as at a real counter: an order not finished would stop at the
    # "hand out anyway?" question, which this timing loop does not answer.
    con.executemany(
        "UPDATE \"order\" SET status = 'ready' WHERE id = ?", [(oid,) for oid in found]
    )
    con.commit()
    con.close()
    return list(found.values())


async def _screen(work_db: Path, timed_orders: list[tuple[str, str]],
                  burst_orders: list[tuple[str, str]]):  # type: ignore[no-untyped-def]
    from textual._xterm_parser import XTermParser

    from viver_tui.app import make_app
    from viver_tui.cli import tune_gc
    from viver_tui.config import Settings
    from viver_tui.screens.pickup import PickupScreen
    from viver_tui.services import pickup

    settings = Settings(database_url=f"sqlite:///{work_db}")
    tune_gc()  # as `viver` does (cli.main)
    # To explain a slow scan: how long the service call took, whether a WAL checkpoint
    # ran meanwhile (in WAL mode only a checkpoint writes the database file itself, so
    # its modification time moves), and full GCs.
    def checkpoints() -> int:
        return work_db.stat().st_mtime_ns

    service: dict[str, tuple[float, int, bool]] = {}
    scan = pickup.scan

    def timed_scan(db, order_id, code, *args, **kwargs):  # type: ignore[no-untyped-def]
        before, started = checkpoints(), time.perf_counter()
        outcome = scan(db, order_id, code, *args, **kwargs)
        service[code.strip()] = ((time.perf_counter() - started) * 1000,
                                 int(checkpoints() != before), outcome.delivered)
        return outcome

    pickup.scan = timed_scan  # type: ignore[assignment]
    full_gcs: list[tuple[float, float]] = []
    gc_started = [0.0]

    def gc_callback(phase: str, info: dict) -> None:  # type: ignore[type-arg]
        if info.get("generation") == 2:
            if phase == "start":
                gc_started[0] = time.perf_counter()
            else:
                full_gcs.append((gc_started[0], (time.perf_counter() - gc_started[0]) * 1000))

    gc.callbacks.append(gc_callback)
    app = make_app(settings)
    frames: list[float] = []
    scans: list[tuple[str, str, float]] = []  # (kind, code, ms)
    async with run_as(app, "bench", size=(120, 36)) as pilot:
        paint = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            paint(screen, renderable)
            if renderable is not None:
                frames.append(time.perf_counter())

        app._display = display  # type: ignore[method-assign]
        await pilot.pause()
        app.push_screen(PickupScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PickupScreen)
        shown = asyncio.Event()
        original = screen.show_outcome

        def show_outcome(outcome):  # type: ignore[no-untyped-def]
            original(outcome)
            shown.set()

        screen.show_outcome = show_outcome  # type: ignore[method-assign]
        parser = XTermParser()
        driver = app._driver

        def inject(text: str) -> None:
            """``text`` + Enter, handed to the app as the terminal driver does."""
            for char in text + "\r":
                for event in parser.feed(char):
                    driver.process_message(event)

        async def timed(kind: str, code: str) -> None:
            shown.clear()
            start = time.perf_counter()
            inject(code)
            await shown.wait()
            answered = time.perf_counter()
            # the clock stops at the first frame painted after the outcome was shown,
            # as the app's own frame timer paints it
            while not frames or frames[-1] < answered:
                await asyncio.sleep(0.0005)
            gcs = sum(ms for at, ms in full_gcs if at >= start)
            scans.append((kind, code, (frames[-1] - start) * 1000, *service.get(code, (0, 0, 0)),
                          gcs))

        objects_before = len(gc.get_objects())
        for number, code in timed_orders:
            await timed("receipt", number)
            await timed("medium", code)
        objects_after = len(gc.get_objects())
        gc_figures = (objects_before, objects_after, [ms for _, ms in full_gcs])

        # The burst: receipt, medium, receipt, medium … of other orders, every code
        # distinct, back to back at ~1 ms a key from another thread like a terminal.
        codes = [c for pair in burst_orders for c in pair]
        screen.received.clear()  # the screen keeps the latest scans only: count from 0
        screen.outcomes.clear()

        def type_burst() -> None:
            for code in codes:
                for char in code + "\r":
                    for event in parser.feed(char):
                        driver.process_message(event)
                    time.sleep(0.001)

        thread = threading.Thread(target=type_burst)
        started = time.perf_counter()
        thread.start()
        deadline = time.monotonic() + 300
        while (thread.is_alive() or len(screen.outcomes) < len(codes)) and (
            time.monotonic() < deadline
        ):
            await asyncio.sleep(0.01)
        elapsed = time.perf_counter() - started
        thread.join()
        received = list(screen.received)
        handled = list(screen.outcomes)
        burst = {
            "corrupted": sum(1 for a, b in zip(received, codes, strict=False) if a != b),
            "not_handled": len(codes) - len(handled),
            "outcomes": [(h.code, h.outcome.outcome if h.outcome else h.error)
                         for h in handled],
            "ms": int(elapsed * 1000),
        }
    gc.callbacks.remove(gc_callback)
    pickup.scan = scan  # type: ignore[assignment]
    return scans, burst, codes, gc_figures


def bench_screen(work_db: Path, scans: int, burst: int) -> None:
    orders = open_orders(work_db, scans + burst // 2, random.Random(3))
    timed_orders, burst_orders = orders[:scans], orders[scans:]
    evict(work_db)  # a cold start: nothing of the file in the OS page cache
    results, result, codes, (objects_before, objects_after, gcs) = asyncio.run(
        _screen(work_db, timed_orders, burst_orders)
    )
    for kind, label in (("receipt", "receipt scanned (order loaded)"),
                        ("medium", "medium returned")):
        times = [r[2] for r in results if r[0] == kind]
        slow = sum(1 for ms in times if ms > 1000)
        print(f"  Enter → screen, {label}: {summary(times)}; over 1 s: {slow}")
    print(f"  objects the garbage collector tracks: {objects_before:,} before the scans, "
          f"{objects_after:,} after; full collections meanwhile: {len(gcs)}"
          + (f", longest {max(gcs):.0f} ms" if gcs else ""))
    with_checkpoint = [r[2] for r in results if r[4] > 0]
    print(f"  scans during which a WAL checkpoint ran: {len(with_checkpoint)}"
          + (f", {summary(with_checkpoint)}" if with_checkpoint else ""))
    print("  slowest (Enter → screen; service call; WAL checkpoints; order delivered; "
          "full GC ms):")
    for kind, code, ms, service_ms, wal_resets, delivered, gc_ms in sorted(
        results, key=lambda r: -r[2]
    )[:6]:
        print(f"    {kind} {code}: {ms:.0f} ms; service {service_ms:.0f} ms; "
              f"{wal_resets}; {'delivered' if delivered else '-'}; {gc_ms:.0f}")
    # Every burst scan checked: its outcome on screen, in order, and the store.
    con = sqlite3.connect(work_db)
    expected = []
    returned_in_store = 0
    for number, code in burst_orders:
        expected += [(number, "loaded"), (code, "returned")]
        returned_in_store += con.execute(
            "SELECT returned_at IS NOT NULL FROM media_item WHERE code = ?", (code,)
        ).fetchone()[0]
    con.close()
    wrong = sum(1 for got, want in zip(result["outcomes"], expected, strict=False)
                if got != want)
    print(
        f"  {len(codes)} distinct codes back to back, 1 ms/key ({burst // 2} orders: receipt, "
        f"medium): corrupted {result['corrupted']}, not handled {result['not_handled']}, "
        f"wrong outcome {wrong}, media returned in the store {returned_in_store} of "
        f"{len(burst_orders)} ({result['ms']} ms)"
    )


# --- 4. intake throughput across processes ---------------------------------------------


def _terminal(url: str, customer_ids: list[int], each: int, whole: bool, start, results) -> None:  # type: ignore[no-untyped-def]
    from viver_tui.config import DEFAULT_MEDIA_KINDS
    from viver_tui.services import intake
    from viver_tui.services.intake import MediumInput, OrderDetails
    from viver_tui.store import open_database

    try:
        db = open_database(url)
        rng = random.Random()
        start.wait(timeout=60)
        began = time.perf_counter()
        numbers = []
        for _ in range(each):
            order = intake.open_order(db, rng.choice(customer_ids), "bench")
            numbers.append(order.number)
            if whole:
                kinds = DEFAULT_MEDIA_KINDS
                intake.add_medium(db, order.id, MediumInput("vhs", "Ferie"), kinds, "b")
                intake.add_medium(
                    db, order.id, MediumInput("photo-series", "Album", units="80"),
                    DEFAULT_MEDIA_KINDS, "b",
                )
                intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "bench")
        results.put((numbers, began, time.perf_counter(), None))
    except Exception as exc:  # reported, counted as an error
        results.put(([], 0.0, 0.0, repr(exc)))


def intake_throughput(url: str, processes: int, each: int, whole: bool) -> str:
    from viver_tui.models import Customer
    from viver_tui.store import open_database

    db = open_database(url)
    with db.connection_context():
        top = Customer.select(Customer.id).order_by(Customer.id.desc()).limit(1).scalar() or 1
    db.close()
    ids = list(range(1, top + 1)) if top < 10_000 else random.Random(5).sample(range(1, top), 5000)
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(processes)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=_terminal, args=(url, ids, each, whole, start, results))
        for _ in range(processes)
    ]
    for p in procs:
        p.start()
    reports = [results.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    errors = [r[3] for r in reports if r[3]]
    numbers = [n for r in reports for n in r[0]]
    began = min(r[1] for r in reports if not r[3]) if len(errors) < processes else 0
    ended = max(r[2] for r in reports if not r[3]) if len(errors) < processes else 1
    rate = len(numbers) / (ended - began) if ended > began else 0
    dupes = len(numbers) - len(set(numbers))
    what = "whole intakes" if whole else "open_order"
    return (
        f"{processes}×{each} {what}: {rate:,.0f} orders/s, {len(numbers)} orders, "
        f"{dupes} duplicates, {len(errors)} errors" + (f" ({errors[0]})" if errors else "")
    )


def postgres_url(customers: int) -> tuple[str, callable]:  # type: ignore[valid-type]
    from playhouse.db_url import connect

    from viver_tui.services import demo
    from viver_tui.store import open_database

    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = connect(PG_URL)
    admin.connect()
    admin.execute_sql(f'CREATE SCHEMA "{schema}"')
    admin.close()
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    db = open_database(url)
    demo.fill(db, customers=customers, orders_per_customer=2, media_per_order=2.5)
    # A shop's database is not freshly bulk-loaded: settle statistics and visibility
    # first, or autovacuum runs during the measurement (seen: 386 against ~700 orders/s).
    db.execute_sql("VACUUM ANALYZE")
    db.close()

    def drop() -> None:
        admin.connect()
        admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()

    return url, drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=5000)
    parser.add_argument("--scans", type=int, default=1000,
                        help="distinct orders scanned in the app (receipt, then a medium)")
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--orders", type=int, default=250, help="orders per process")
    parser.add_argument("--pg-customers", type=int, default=20_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--only", default="1234", help="which parts, e.g. 23")
    args = parser.parse_args()
    from viver_tui.screens.pickup import SCAN_HISTORY

    if args.burst > SCAN_HISTORY:
        parser.error(f"--burst: at most {SCAN_HISTORY} (the scans a pickup screen keeps)")

    cached = demo_database(args.customers, 2.0)
    work = OUT / f"pickup-work-{args.customers}.db"
    for old in OUT.glob(work.name + "*"):
        old.unlink()
    shutil.copyfile(cached, work)
    con = sqlite3.connect(work)
    sizes = [
        con.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
        for t in ("customer", "order", "media_item")
    ]
    con.close()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    print(
        f"SQLite {cached.name}: {sizes[0]:,} customers, {sizes[1]:,} orders, "
        f"{sizes[2]:,} media"
    )
    if "1" in args.only:
        codes = sample_codes(work, args.lookups, random.Random(1))
        bench_lookup(work, codes)
    if "2" in args.only or "3" in args.only:
        bench_screen(work, args.scans, args.burst)
    url = f"sqlite:///{work}"
    if "4" in args.only:
        print("  SQLite  " + intake_throughput(url, args.processes, args.orders, whole=False))
        print("  SQLite  "
              + intake_throughput(url, args.processes, args.orders // 5, whole=True))
    if "4" in args.only and not args.skip_postgres:
        pg, drop = postgres_url(args.pg_customers)
        try:
            print(f"PostgreSQL: fresh schema with {args.pg_customers:,} demo customers")
            print("  PostgreSQL " + intake_throughput(pg, args.processes, args.orders, False))
            print(
                "  PostgreSQL "
                + intake_throughput(pg, args.processes, args.orders // 5, whole=True)
            )
        finally:
            drop()
    for old in OUT.glob(work.name + "*"):
        old.unlink()


if __name__ == "__main__":
    main()
