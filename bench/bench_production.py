"""Production room benchmark on a large demo database (issue 20).

    cp /work/main/bench/out/demo-v2-1000000-2.db /tmp/production-1m.db
    python bench/bench_production.py --db /tmp/production-1m.db     # 1 M customers, 5 M media
    python bench/bench_production.py --customers 20000              # a quick run (built once)

The database is opened with this branch (upgraded to schema 18 in place: give it a copy,
never the shared file). Reports, on SQLite:

1. the upgrade to schema 18 (its two indexes built on the existing rows);
2. baseline: a plain indexed ``SELECT * FROM media_item WHERE code = ?`` (sqlite3, no
   ORM), ``--scans`` distinct codes in random order, from a cold start (the file
   dropped from the OS page cache first);
3. scan → medium at the service (``production.steps.scan``: the medium, its order and
   its other media, the history, and the access-log entry written and committed),
   ``--scans`` other distinct media of open orders in random order, cold;
4. scan → medium shown on the production screen in the running app, cold: the keys of
   a scan handed to the app as the terminal driver does, the clock stopped at the first
   frame painted after the panel is shown;
5. for reference, the pickup screen in the same run (``bench_pickup``'s loop: a receipt
   then a medium of ``--pickup`` other open orders), so the screen figure can be read
   against the screen the issue copies, under the same load;
6. the workload view (``production.workload.workload``: counts per state and kind, the
   25 oldest of each state, the names logged) cold once, then warm; all kinds and VHS
   only; and the counter's list of ready orders.

Ratios are to the baseline's p50 and p99 of the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.signing_in
from common import demo_database, evict, machine, percentile, summary

from tests.signing_in import as_staff, run_as


def open_media(db_path: Path, count: int, rng: random.Random) -> list[str]:
    """``count`` distinct codes of media still in production (orders received or in
    production), in random order, picked by random id."""
    con = sqlite3.connect(db_path)
    top = con.execute("SELECT MAX(id) FROM media_item").fetchone()[0]
    found: dict[str, None] = {}
    while len(found) < count:
        row = con.execute(
            'SELECT m.code FROM media_item m JOIN "order" o ON o.id = m.order_id '
            "WHERE m.id = ? AND m.returned_at IS NULL "
            "AND o.status IN ('received', 'in_production')",
            (rng.randrange(1, top + 1),),
        ).fetchone()
        if row:
            found[row[0]] = None
    con.close()
    return list(found)


def bench_baseline(db_path: Path, codes: list[str]) -> list[float]:
    evict(db_path)
    con = sqlite3.connect(db_path)
    times = []
    for code in codes:
        start = time.perf_counter()
        con.execute("SELECT * FROM media_item WHERE code = ?", (code,)).fetchall()
        times.append((time.perf_counter() - start) * 1000)
    con.close()
    return times


def bench_service(db_path: Path, codes: list[str]) -> list[float]:
    from viver_tui.services.production import steps
    from viver_tui.store import open_database

    evict(db_path)
    db = open_database(f"sqlite:///{db_path}")
    times = []
    for code in codes:
        start = time.perf_counter()
        out = steps.scan(db, code, as_staff(db, "bench"))
        times.append((time.perf_counter() - start) * 1000)
        assert out.what == "opened" and out.panel.medium.code == code
    db.close()
    return times


async def _screen(db_path: Path, codes: list[str]) -> list[float]:
    from textual._xterm_parser import XTermParser

    from viver_tui.app import make_app
    from viver_tui.cli import tune_gc
    from viver_tui.config import Settings
    from viver_tui.screens.production import ProductionScreen

    tune_gc()
    app = make_app(Settings(database_url=f"sqlite:///{db_path}"))
    frames: list[float] = []
    times: list[float] = []
    async with run_as(app, "bench", size=(120, 36)) as pilot:
        paint = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            paint(screen, renderable)
            if renderable is not None:
                frames.append(time.perf_counter())

        app._display = display  # type: ignore[method-assign]
        await pilot.pause()
        app.push_screen(ProductionScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProductionScreen)
        shown = asyncio.Event()
        original = screen.say

        def say(text: str, level: str = "ok") -> None:
            original(text, level)
            shown.set()

        screen.say = say  # type: ignore[method-assign]
        parser = XTermParser()
        driver = app._driver
        for code in codes:
            shown.clear()
            start = time.perf_counter()
            for char in code + "\r":
                for event in parser.feed(char):
                    driver.process_message(event)
            await shown.wait()
            answered = time.perf_counter()
            while not frames or frames[-1] < answered:
                await asyncio.sleep(0.0005)
            times.append((frames[-1] - start) * 1000)
            assert screen.panel is not None and screen.panel.medium.code == code, code
    return times


def bench_workload(db_path: Path) -> dict[str, list[float]]:
    from viver_tui.config import Settings
    from viver_tui.services.production import ready, workload
    from viver_tui.store import open_database

    keys = [k.key for k in Settings().media_kinds]
    evict(db_path)
    db = open_database(f"sqlite:///{db_path}")
    figures: dict[str, list[float]] = {}
    for label, call in (
        ("workload, all kinds", lambda: workload.workload(db, as_staff(db, "bench"), keys)),
        ("workload, VHS only", lambda: workload.workload(db,
            as_staff(db, "bench"), keys, kind="vhs")),
        ("ready orders (200, oldest first)", lambda: ready.ready_orders(db, as_staff(db, "bench"))),
    ):
        runs = []
        for _ in range(11):  # the first cold (for the first call), then warm
            start = time.perf_counter()
            call()
            runs.append((time.perf_counter() - start) * 1000)
        figures[label] = runs
    db.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a COPY of a demo database (changed in place)")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--scans", type=int, default=500)
    parser.add_argument("--pickup", type=int, default=200, help="pickup reference scans (0: none)")
    args = parser.parse_args()
    if args.db is None:
        source = demo_database(args.customers)
        args.db = source.with_name(f"production-{source.name}")
        subprocess.run(["cp", "--reflink=auto", str(source), str(args.db)], check=True)
    print(f"production bench on {args.db.name} ({machine()})")
    print(f"  load: {Path('/proc/loadavg').read_text().split()[:3]}")
    con = sqlite3.connect(args.db)
    media = con.execute("SELECT MAX(id) FROM media_item").fetchone()[0]
    customers = con.execute("SELECT MAX(id) FROM customer").fetchone()[0]
    con.close()
    print(f"  {customers:,} customers, {media:,} media")

    from viver_tui.store import open_database

    start = time.perf_counter()
    open_database(f"sqlite:///{args.db}").close()
    print(f"  open + upgrade to schema 18: {time.perf_counter() - start:.1f} s")
    for leftover in args.db.parent.glob(args.db.name + ".before-v*.bak"):
        leftover.unlink()  # the upgrade's backup copy: not needed for a bench

    rng = random.Random(20)
    codes = open_media(args.db, args.scans * 3, rng)
    base_codes, service_codes, screen_codes = (
        codes[: args.scans], codes[args.scans : 2 * args.scans], codes[2 * args.scans :]
    )
    base = bench_baseline(args.db, base_codes)
    print(f"  baseline SELECT by code (cold):     {summary(base)}")
    service = bench_service(args.db, service_codes)
    print(f"  scan → medium, service (cold):      {summary(service)}")
    evict(args.db)
    screen = asyncio.run(_screen(args.db, screen_codes))
    print(f"  scan → medium shown, screen (cold): {summary(screen)}")
    b50, b99 = percentile(base, 50), percentile(base, 99)
    for label, times in (("service", service), ("screen", screen)):
        print(f"    {label} / baseline: p50 ×{percentile(times, 50) / b50:.0f}, "
              f"p99 ×{percentile(times, 99) / b99:.0f}")
    if args.pickup:
        from bench_pickup import _screen as pickup_screen
        from bench_pickup import open_orders

        orders = open_orders(args.db, args.pickup, random.Random(21))
        evict(args.db)
        results = asyncio.run(pickup_screen(args.db, orders, []))[0]
        for kind in ("receipt", "medium"):
            times = [r[2] for r in results if r[0] == kind]
            print(f"  reference, pickup screen, {kind} scanned (cold): {summary(times)}")
    for label, runs in bench_workload(args.db).items():
        warm = runs[1:]
        print(f"  {label}: cold {runs[0]:.1f} ms, warm p50 {percentile(warm, 50):.1f} ms, "
              f"max {max(warm):.1f} ms (×{percentile(warm, 50) / b50:.0f} baseline p50)")


if __name__ == "__main__":
    main()
