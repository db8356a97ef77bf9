"""Foundation benchmark: customer search and cold start on a large demo database.

    python bench/bench_search.py                    # 1 000 000 customers (builds once)
    python bench/bench_search.py --customers 20000  # a quick run

Reports search-as-you-type at the service (p50/p99, 2–4 typed characters, a third of
them with æ ø å, in random case; every query is a prefix of a real customer, so an empty
answer is a false empty and is counted), typed-to-rendered in the running app, and the
cold start of the counter app to its first usable screen beside a minimal Textual app.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import demo_database, machine, median, percentile, summary

NORWEGIAN = set("æøåÆØÅ")


def sample_queries(db_path: Path, count: int, rng: random.Random) -> list[str]:
    import sqlite3

    con = sqlite3.connect(db_path)
    total = con.execute("SELECT MAX(id) FROM customer").fetchone()[0]
    names: list[str] = []
    while len(names) < count * 3:
        cid = rng.randrange(1, total + 1)
        row = con.execute("SELECT name FROM customer WHERE id = ?", (cid,)).fetchone()
        if row:
            names.append(row[0])
    with_letters = [n for n in names if NORWEGIAN & set(n)]
    queries: list[str] = []
    for i in range(count):
        pool = with_letters if i % 3 == 0 and with_letters else names
        word = rng.choice(rng.choice(pool).split())
        if pool is with_letters:
            word = next((w for w in rng.choice(pool).split() if NORWEGIAN & set(w)), word)
        length = rng.randint(2, 4)
        start = 0
        if pool is with_letters:  # make sure the typed part holds the æ/ø/å
            at = next((j for j, c in enumerate(word) if c in NORWEGIAN), 0)
            start = max(0, min(at, len(word) - length))
        prefix = word[start : start + length] if start == 0 else word[:length]
        if start and not NORWEGIAN & set(prefix):
            prefix = word[: max(length, at + 1)][:4]
        prefix = prefix.upper() if rng.random() < 0.3 else prefix.lower()
        queries.append(prefix)
    phones = con.execute(
        "SELECT phone FROM customer WHERE phone IS NOT NULL AND id % 997 = 1 LIMIT ?",
        (count // 3,),
    ).fetchall()
    for (phone,) in phones:
        queries.append(phone[-4:])
    con.close()
    return queries


def bench_service(db_path: Path, queries: list[str]) -> None:
    """First touch (each query's index pages read for the first time by this
    connection) and warm (the same queries again, as a terminal that has been running)."""
    from viver_tui.services import customers
    from viver_tui.store import open_database

    db = open_database(f"sqlite:///{db_path}")
    db.connect(reuse_if_open=True)
    for label in ("first touch", "warm"):
        timings, empty, lengths = [], [], []
        for q in queries:
            started = time.perf_counter()
            hits = customers.search(db, q)
            timings.append((time.perf_counter() - started) * 1000)
            lengths.append(len(hits))
            if not hits:
                empty.append(q)
        print(f"service search   {label:<12}{summary(timings)}")
    with_letters = sum(1 for q in queries if NORWEGIAN & set(q))
    print(
        f"                 {len(queries)} queries of 2–4 characters or 4 phone digits, "
        f"{with_letters} with æ/ø/å; false empty results: {len(empty)} {empty[:5]}; "
        f"median hits {median(lengths):.0f}"
    )


async def _typed_to_rendered(db_path: Path, queries: list[str]) -> list[float]:
    """Keys are posted to the app the way the terminal driver posts them (no Pilot idle
    waits in the measured span); a keypress counts as rendered when the search answer
    for it is in the table and the next screen frame has been composed."""
    from textual import events

    from viver_tui.app import make_app
    from viver_tui.cli import tune_gc
    from viver_tui.config import Settings
    from viver_tui.screens.search import SearchScreen

    settings = Settings(database_url=f"sqlite:///{db_path}", staff="bench")
    tune_gc()  # as `viver` does (cli.main)
    app = make_app(settings)
    frames: list[float] = []
    timings: list[float] = []
    async with app.run_test(size=(120, 36)) as pilot:
        compose_frame = app._display

        def display(screen, renderable):  # type: ignore[no-untyped-def]
            if renderable is not None:
                frames.append(time.perf_counter())
            compose_frame(screen, renderable)

        app._display = display  # type: ignore[method-assign]
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        for query in queries:
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
            for i, char in enumerate(query):
                typed = query[: i + 1]
                started = time.perf_counter()
                app.post_message(events.Key(char, char))
                while screen.shown_query != typed:
                    await asyncio.sleep(0.0002)
                answered = time.perf_counter()
                while not frames or frames[-1] < answered:
                    await asyncio.sleep(0.0002)
                timings.append((frames[-1] - started) * 1000)
    return timings


def bench_typed(db_path: Path, queries: list[str]) -> None:
    timings = asyncio.run(_typed_to_rendered(db_path, queries))
    print(f"typed→rendered   {summary(timings)}  (every keypress of {len(queries)} typed queries)")


# Both programs print the wall-clock time at which their first frame was composed (the
# screen the user sees, ready for typing) and exit; the parent subtracts its launch
# time. Shutdown is not counted, for either.
FIRST_FRAME = """
import time
def first_frame_then_exit(app):
    compose = app._display
    def display(screen, renderable):
        compose(screen, renderable)
        if renderable is not None and not app._exit_renderables and not getattr(app, "_seen", 0):
            app._seen = 1
            print(repr(time.time()), flush=True)
            app.exit()
    app._display = display
"""

APP_START = FIRST_FRAME + """
from viver_tui.config import load_settings
from viver_tui.locale import set_language
settings = load_settings()
set_language(settings.language)
from viver_tui.app import make_app
app = make_app(settings, open_database_later=True)  # as `viver` starts it (cli.cmd_run)
first_frame_then_exit(app)
app.run(headless=True)
"""

BARE_START = FIRST_FRAME + """
from textual.app import App
from textual.widgets import Footer, Header, Input
class Bare(App):
    def compose(self):
        yield Header()
        yield Input()
        yield Footer()
app = Bare()
first_frame_then_exit(app)
app.run(headless=True)
"""


def bench_cold_start(db_path: Path, runs: int) -> None:
    env = {
        **os.environ,
        "VIVER_DATABASE": str(db_path),
        "VIVER_CONFIG": str(db_path.parent / "none.toml"),
    }
    results: dict[str, list[float]] = {"viver": [], "bare": []}
    for _ in range(runs):
        for name, code in (("viver", APP_START), ("bare", BARE_START)):
            started = time.time()
            out = subprocess.run(
                [sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True
            ).stdout
            results[name].append(float(out.strip().splitlines()[-1]) - started)
    viver, bare = median(results["viver"]), median(results["bare"])
    print(
        f"cold start       viver median {viver:.3f} s (p90 {percentile(results['viver'], 90):.3f})"
        f"   bare Textual median {bare:.3f} s   ratio {viver / bare:.2f}×"
        f"   (launch → first frame, {runs} runs each)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=600)
    parser.add_argument("--typed", type=int, default=40, help="queries typed in the app")
    parser.add_argument("--starts", type=int, default=10)
    args = parser.parse_args()
    db_path = demo_database(args.customers)
    rng = random.Random(7)
    queries = sample_queries(db_path, args.queries, rng)
    print(f"machine          {machine()}")
    print(f"database         {db_path.name} ({db_path.stat().st_size / 1e6:.0f} MB, "
          f"{args.customers} customers)")
    bench_service(db_path, queries)
    bench_typed(db_path, rng.sample(queries, min(args.typed, len(queries))))
    bench_cold_start(db_path, args.starts)


if __name__ == "__main__":
    main()
