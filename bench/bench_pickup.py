"""Pickup and intake benchmark on a large demo database.

    python bench/bench_pickup.py                       # 1 000 000 customers (built once)
    python bench/bench_pickup.py --customers 20000     # a quick run

Reports, on SQLite with ``--customers`` customers, 2 orders each and 2.5 media per order
(the demo database from ``bench/common.py``, cached under ``bench/out/``):

1. code → medium + order lookup at the service (``pickup.lookup_medium``), p50/p99;
2. Enter → pickup screen updated, in the running app: the keys of a scan are handed to
   the app the way the terminal driver does, and the clock stops when the screen has
   shown the outcome (order loaded, or medium returned), its widgets have processed the
   change and a frame has been painted, p50/p99;
3. 200 back-to-back scans at ~1 ms per key into the pickup screen: corrupted / dropped;
4. intake throughput: 4 processes open orders at once (and, separately, do whole
   intakes: open, 2 media, confirm with prints) on SQLite (a copy of the demo database)
   and on PostgreSQL (a fresh schema filled with ``--pg-customers``): orders/s and
   duplicate numbers.

Writes go to a copy of the cached database, so the cache stays as built.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import random
import shutil
import sqlite3
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import OUT, demo_database, machine, summary

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


def open_orders(db_path: Path, count: int, rng: random.Random) -> list[tuple[str, list[str]]]:
    """Orders with media still in the house: (order number, media codes)."""
    con = sqlite3.connect(db_path)
    top = con.execute("SELECT MAX(id) FROM \"order\"").fetchone()[0]
    found: dict[int, tuple[str, list[str]]] = {}
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
            found[oid] = (str(row[0]), codes)
    # Ready for pickup, as at a real counter: an order not finished would stop at the
    # "hand out anyway?" question, which this timing loop does not answer.
    con.executemany(
        "UPDATE \"order\" SET status = 'ready' WHERE id = ?", [(oid,) for oid in found]
    )
    con.commit()
    con.close()
    return list(found.values())


def _inject(app, text: str) -> None:  # type: ignore[no-untyped-def]
    """Hand ``text`` + Enter to the app as the terminal driver would (no waiting)."""
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    for char in text + "\r":
        for event in parser.feed(char):
            app._driver.process_message(event)


async def _screen(work_db: Path, orders: list[tuple[str, list[str]]], burst: int):  # type: ignore[no-untyped-def]
    from textual._xterm_parser import XTermParser

    from viver_tui.app import make_app
    from viver_tui.cli import tune_gc
    from viver_tui.config import Settings
    from viver_tui.screens.pickup import PickupScreen

    settings = Settings(database_url=f"sqlite:///{work_db}", staff="bench")
    tune_gc()  # as `viver` does (cli.main)
    app = make_app(settings)
    order_times: list[float] = []
    medium_times: list[float] = []
    burst_result: tuple[int, int, int] = (0, 0, 0)
    async with app.run_test(size=(120, 36)) as pilot:
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

        async def timed(code: str) -> float:
            shown.clear()
            start = time.perf_counter()
            _inject(app, code)
            await shown.wait()
            # the widgets have processed what show_outcome changed, and a frame is painted
            # (Pilot.pause() would add its wait for the whole process's CPU to go idle)
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            return (time.perf_counter() - start) * 1000

        for number, codes in orders:
            order_times.append(await timed(number))
            medium_times.append(await timed(rng_choice(codes)))
        # 200 back-to-back scans at ~1 ms per key, from another thread like a terminal
        number, codes = max(orders, key=lambda o: len(o[1]))
        scans = [number] + [codes[i % len(codes)] for i in range(burst - 1)]
        before = len(screen.received)
        parser = XTermParser()
        driver = app._driver

        def type_burst() -> None:
            for code in scans:
                for char in code + "\r":
                    for event in parser.feed(char):
                        driver.process_message(event)
                    time.sleep(0.001)

        thread = threading.Thread(target=type_burst)
        started = time.perf_counter()
        thread.start()
        deadline = time.monotonic() + 120
        while (thread.is_alive() or len(screen.outcomes) < before + len(scans)) and (
            time.monotonic() < deadline
        ):
            await asyncio.sleep(0.01)
        elapsed = time.perf_counter() - started
        got = screen.received[before:]
        corrupted = sum(1 for a, b in zip(got, scans, strict=False) if a != b)
        dropped = len(scans) - len(got)
        burst_result = (corrupted, dropped, int(elapsed * 1000))
    return order_times, medium_times, burst_result


_rng = random.Random(7)


def rng_choice(items: list[str]) -> str:
    return _rng.choice(items)


def bench_screen(work_db: Path, scans: int, burst: int) -> None:
    orders = open_orders(work_db, scans, random.Random(3))
    order_times, medium_times, (corrupted, dropped, ms) = asyncio.run(
        _screen(work_db, orders, burst)
    )
    print(f"  Enter → screen (order scanned):  {summary(order_times)}")
    print(f"  Enter → screen (medium returned): {summary(medium_times)}")
    print(
        f"  {burst} back-to-back scans, 1 ms/key: corrupted {corrupted}, dropped {dropped} "
        f"({ms} ms)"
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
    parser.add_argument("--scans", type=int, default=100, help="orders scanned in the app")
    parser.add_argument("--burst", type=int, default=200)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--orders", type=int, default=250, help="orders per process")
    parser.add_argument("--pg-customers", type=int, default=20_000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()

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
    print(f"machine: {machine()}")
    print(
        f"SQLite {cached.name}: {sizes[0]:,} customers, {sizes[1]:,} orders, "
        f"{sizes[2]:,} media"
    )
    codes = sample_codes(work, args.lookups, random.Random(1))
    bench_lookup(work, codes)
    bench_screen(work, args.scans, args.burst)
    url = f"sqlite:///{work}"
    print("  SQLite  " + intake_throughput(url, args.processes, args.orders, whole=False))
    print("  SQLite  " + intake_throughput(url, args.processes, args.orders // 5, whole=True))
    if not args.skip_postgres:
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
