"""Start of the counter app, cold: how soon the sign-in screen is ready, and how soon a
name typed right behind the PIN is answered.

Each run is a fresh process, started after the database file (and its WAL) has been
dropped from the OS page cache (``common.evict``):

a. a bare Textual app (Header, Input, Footer): launch → first frame;
b. ``viver --database FILE`` as the CLI starts it (``cli.main``): launch → the sign-in
   screen's first frame; the ratio b / a;
c. at that first frame the initials and the PIN arrive as one burst (``adm⏎1234``), and
   ``--pin-after`` seconds later (the person finishing the PIN) a second burst: the PIN's
   Enter and a name right behind it (``⏎Anette Jacobsen``), as a terminal delivers keys
   typed ahead. Timed: the PIN's Enter (the sign-in screen's PIN field handing it on)
   → the PIN accepted (the argon2 check), and the PIN accepted → the search's answer to
   the whole name painted (the frame whose screen shows it).

The keys are posted to the app as the terminal driver posts them (``events.Key``). The
frames are seen by wrapping ``App._display`` in the child (a private Textual method: the
one place a frame goes to the terminal, and a headless app has no terminal to watch) —
bench_search.py part 5 does the same.

    .venv/bin/python bench/bench_startup.py --database /tmp/copy-of-demo.db [--runs 10]

The app upgrades an older database on open: give it a copy, not a shared file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from common import evict, machine, median, percentile

CHILD_HOOK = r"""
import json, sys, time
import textual.app
from textual import events

spec = json.loads(sys.argv[1])
marks = {}
_display = textual.app.App._display

def _keys(text):
    return [events.Key("enter", "\r") if c == "\r" else
            events.Key("space" if c == " " else c, c) for c in text]

def display(app, screen, renderable):
    _display(app, screen, renderable)
    if renderable is None or "done" in marks:
        return
    now = time.time()
    name = type(screen).__name__
    if spec["mode"] == "bare" or (spec["mode"] == "frame" and name == "SignInScreen"):
        marks["frame"] = marks["done"] = now
        app.exit()
    elif name == "SignInScreen" and "frame" not in marks:
        marks["frame"] = now
        for key in _keys(spec["first"]):  # one terminal write
            app.post_message(key)
        def rest():
            for key in _keys(spec["second"]):
                app.post_message(key)
        if spec["pin_after"] > 0:
            app.set_timer(spec["pin_after"], rest)
        else:  # all in one terminal write
            rest()
        def give_up():  # no answer: say what the screen holds, and end
            marks["done"] = None
            search = app.screen.query("#search")
            marks["screen"] = type(app.screen).__name__
            marks["field"] = search.first().value if search else None
            app.exit()
        app.set_timer(20, give_up)
    elif name == "SearchScreen" and getattr(screen, "shown_query", None) == spec["query"]:
        marks["done"] = now
        app.exit()

textual.app.App._display = display

def run(self, *args, **kwargs):  # no terminal in the child: headless, as in the tests
    kwargs["headless"] = True
    return _run(self, *args, **kwargs)
_run = textual.app.App.run
textual.app.App.run = run

if spec["mode"] == "sign-in":
    from viver_tui.screens import login
    _pin_done = login.SignInScreen._pin_done
    def pin_done(self, field):
        marks["enter"] = time.time()
        return _pin_done(self, field)
    login.SignInScreen._pin_done = pin_done
    _signed_in = login.signed_in
    def signed_in(app, view):
        marks["accepted"] = time.time()
        return _signed_in(app, view)
    login.signed_in = signed_in
"""

BARE = CHILD_HOOK + r"""
from textual.app import App
from textual.widgets import Footer, Header, Input
class Bare(App):
    def compose(self):
        yield Header()
        yield Input()
        yield Footer()
Bare().run()
print(json.dumps(marks))
"""

VIVER = CHILD_HOOK + r"""
from viver_tui.cli import main
code = main(["--database", spec["database"]])
print(json.dumps(marks))
sys.exit(code)
"""


def child(script: str, spec: dict, env: dict[str, str], database: Path) -> tuple[float, dict]:
    evict(database)
    started = time.time()
    done = subprocess.run([sys.executable, "-c", script, json.dumps(spec)], env=env,
                          capture_output=True, text=True, timeout=120)
    if done.returncode != 0 or '"done": null' in done.stdout:
        raise SystemExit(f"child failed ({done.returncode}):\n{done.stdout[-500:]}"
                         f"{done.stderr[-3000:]}")
    return started, json.loads(done.stdout.strip().splitlines()[-1])


def _line(label: str, values: list[float]) -> str:
    return (f"   {label:<46} median {median(values) * 1000:7.1f} ms   "
            f"p90 {percentile(values, 90) * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, required=True,
                        help="a demo database (viver demo-data; the app may upgrade it)")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--initials", default="adm")
    parser.add_argument("--pin", default="1234")
    parser.add_argument("--query", default="Anette Jacobsen")
    parser.add_argument("--pin-after", type=float, default=0.5,
                        help="seconds from the first frame to the PIN's Enter (default 0.5)")
    args = parser.parse_args()
    database = args.database.resolve()
    with tempfile.TemporaryDirectory(prefix="viver-bench-startup-") as scratch:
        config = Path(scratch) / "none.toml"
        config.touch()  # an empty settings file: defaults, whatever the user has
        env = {**os.environ, "VIVER_CONFIG": str(config),
               "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
        env.pop("VIVER_DATABASE", None)
        # Started as a shop runs it: from cached bytecode, written by the untimed first
        # start below (pip writes it for Textual and every installed library). With
        # PYTHONDONTWRITEBYTECODE set (as in this project's sessions) viver_tui's own
        # modules would be compiled from source at every start: ~55 ms on this machine
        # that the bare app, loaded from bytecode, never pays.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        print(f"machine   {machine()}")
        print(f"load      {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} "
              f"{os.getloadavg()[2]:.2f} (1/5/15 min) at start")
        print(f"database  {database} ({database.stat().st_size / 1e6:.0f} MB)")
        # Once, not timed: an older database is upgraded on this first open (and the
        # bytecode written).
        viver = {"mode": "frame", "database": str(database)}
        child(VIVER, viver, env, database)
        bare, frame, enter_ok, ok_answer, enter_answer, launch_answer = [], [], [], [], [], []
        sign_in = {"mode": "sign-in", "database": str(database), "query": args.query,
                   "first": f"{args.initials}\r{args.pin}", "second": f"\r{args.query}",
                   "pin_after": args.pin_after}
        for _ in range(args.runs):
            started, marks = child(BARE, {"mode": "bare"}, env, database)
            bare.append(marks["frame"] - started)
            started, marks = child(VIVER, viver, env, database)
            frame.append(marks["frame"] - started)
            started, marks = child(VIVER, sign_in, env, database)
            enter_ok.append(marks["accepted"] - marks["enter"])
            ok_answer.append(marks["done"] - marks["accepted"])
            enter_answer.append(marks["done"] - marks["enter"])
            launch_answer.append(marks["done"] - started)
        print(f"\ncold start, {args.runs} runs each (a fresh process, the database file "
              f"evicted before each)")
        print(_line("a. bare Textual app: launch → first frame", bare))
        print(_line("b. viver: launch → sign-in screen's first frame", frame))
        print(f"   ratio b / a (medians) {median(frame) / median(bare):.2f}×")
        print(f"c. {args.initials}⏎PIN at the first frame, ⏎{args.query} "
              f"{args.pin_after:g} s later (one burst):")
        print(_line("PIN's Enter → PIN accepted", enter_ok))
        print(_line("PIN accepted → answer painted", ok_answer))
        print(_line("PIN's Enter → answer painted", enter_answer))
        print(_line("launch → answer painted", launch_answer))
        print(f"load      {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
