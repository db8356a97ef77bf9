"""What an Enter costs on the intake screen, where nearly every Enter moves focus.

    python bench/bench_intake_keys.py               # 40 media, three runs each
    python bench/bench_intake_keys.py --media 100

Reports, in the running app (headless, a real SQLite file in a temporary folder):

1. the CPU time an Enter costs (the process's, store threads included), from the key to
   the app idle again (the move painted and all it set off done), one Enter at a time,
   for each Enter of ``--media`` media typed as staff do (kind ⏎ text ⏎ condition ⏎; the
   last adds the medium); p50/p99/max. CPU time, not wall time: waiting for "idle"
   sleeps in steps, which would hide the work in the wait;
2. a whole stack typed back to back, far faster than focus moves (every key handed to
   the app as the terminal driver does): the time until the last medium is saved (in
   the bare app: until its last Enter is handled);

each for the intake screen as it is (``CounterFooter``), for the same screen with
Textual's own footer behaviour (rebuilt on every focus move), and, as the baseline, for
a bare Textual app with four inputs and a footer where Enter moves focus.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.signing_in
from common import machine, summary

from tests.signing_in import as_staff, run_as


async def _enter_latencies(app: Any, pilot: Any, keys_for: list[str]) -> list[float]:
    """Type each string, then take the CPU time of its Enter until the app is idle."""
    from textual._wait import wait_for_idle
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    driver = app._driver
    times: list[float] = []
    for text in keys_for:
        for event in parser.feed(text):
            driver.process_message(event)
        await pilot.pause()
        started = time.process_time()
        for event in parser.feed("\r"):
            driver.process_message(event)
        await wait_for_idle(0)
        await app._animator.wait_until_complete()
        await wait_for_idle(0)
        times.append((time.process_time() - started) * 1000)
    return times


def _medium_keys(media: int) -> list[str]:
    keys: list[str] = []
    for i in range(media):
        keys += ["1", f"Bryllup {i}", "OK"]  # VHS: kind, text, condition (adds it)
    return keys


async def _intake(db_dir: Path, media: int, stock_footer: bool) -> tuple[list[float], float]:
    from textual._xterm_parser import XTermParser
    from textual.widgets import Footer

    from viver_tui.app import make_app
    from viver_tui.config import Settings
    from viver_tui.screens.intake import IntakeScreen
    from viver_tui.services import customers
    from viver_tui.services.customers import CustomerInput
    from viver_tui.widgets.footer import CounterFooter

    saved = CounterFooter.bindings_changed
    if stock_footer:  # Textual's behaviour: rebuild on every change signal
        CounterFooter.bindings_changed = Footer.bindings_changed  # type: ignore[method-assign]
    try:
        settings = Settings(database_url=f"sqlite:///{db_dir / 'intake.db'}")
        app = make_app(settings)
        kari = CustomerInput(name="Kari Nordmann", phone="91234567")
        cid = customers.register(app.db, kari, as_staff(app.db, "bench")).id
        async with run_as(app, "bench", size=(120, 36)) as pilot:
            app.open_intake(cid)
            await pilot.pause(0.2)
            screen = app.screen
            assert isinstance(screen, IntakeScreen)
            latencies = await _enter_latencies(app, pilot, _medium_keys(media))
            # 2. the same stack again, back to back
            parser = XTermParser()
            before = len(screen.order.media) if screen.order else 0
            started = time.perf_counter()
            for text in _medium_keys(media):
                for event in parser.feed(text + "\r"):
                    app._driver.process_message(event)
            while not screen.order or len(screen.order.media) < before + media:
                await asyncio.sleep(0.001)
            burst_s = time.perf_counter() - started
        return latencies, burst_s
    finally:
        CounterFooter.bindings_changed = saved  # type: ignore[method-assign]


async def _bare(media: int) -> tuple[list[float], float]:
    """Baseline: a bare Textual app, four inputs and a footer; Enter moves focus."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding
    from textual.widgets import Footer, Input

    class Bare(App[None]):
        BINDINGS = [Binding("f2", "bell", "Add"), Binding("f10", "bell", "Confirm")]
        count = 0

        def compose(self) -> ComposeResult:
            for name in ("kind", "text", "condition", "units"):
                yield Input(id=name)
            yield Footer()

        def on_input_submitted(self, event: Input.Submitted) -> None:
            Bare.count += 1  # Enters handled (typed ahead, keys land where focus was)
            if event.input.id == "condition":
                for field in self.query(Input):
                    field.value = ""
                self.query_one("#kind").focus()
            else:
                self.screen.focus_next()

    app = Bare()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.2)
        latencies = await _enter_latencies(app, pilot, _medium_keys(media))
        from textual._xterm_parser import XTermParser

        parser = XTermParser()
        before = Bare.count
        started = time.perf_counter()
        for text in _medium_keys(media):
            for event in parser.feed(text + "\r"):
                app._driver.process_message(event)
        while Bare.count < before + 3 * media:
            await asyncio.sleep(0.001)
        return latencies, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--media", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.1f} at start")
    print(f"{args.media} media, {3 * args.media} Enters a run, {args.runs} runs each "
          "(runs alternate, so load hits all three alike)\n")
    results: dict[str, tuple[list[float], list[float]]] = {
        "bare Textual app (baseline)": ([], []),
        "intake, Textual's footer": ([], []),
        "intake, CounterFooter": ([], []),
    }
    for _ in range(args.runs):
        for label in results:
            with tempfile.TemporaryDirectory() as tmp:
                if label.startswith("bare"):
                    latencies, burst = asyncio.run(_bare(args.media))
                else:
                    stock = "Textual" in label
                    latencies, burst = asyncio.run(_intake(Path(tmp), args.media, stock))
            results[label][0].extend(latencies)
            results[label][1].append(burst)
    base_p50 = sorted(results["bare Textual app (baseline)"][0])[
        len(results["bare Textual app (baseline)"][0]) // 2
    ]
    base_burst = min(results["bare Textual app (baseline)"][1])
    print("1. CPU time of an Enter (to idle again), one Enter at a time")
    for label, (latencies, _) in results.items():
        p50 = sorted(latencies)[len(latencies) // 2]
        print(f"   {label:30} {summary(latencies)}   p50 ×{p50 / base_p50:.2f} baseline")
        # Every third Enter ends a medium (the intake saves it and redraws its list).
        moves = [ms for i, ms in enumerate(latencies) if i % 3 != 2]
        adds = [ms for i, ms in enumerate(latencies) if i % 3 == 2]
        print(f"   {'':30} moving on: {summary(moves)}")
        print(f"   {'':30} ending a medium: {summary(adds)}")
    print(f"\n2. {args.media} media typed back to back → the last one saved (best of "
          f"{args.runs})")
    for label, (_, bursts) in results.items():
        best = min(bursts)
        print(f"   {label:30} {best * 1000:8.0f} ms   ×{best / base_burst:.2f} baseline")


if __name__ == "__main__":
    main()
