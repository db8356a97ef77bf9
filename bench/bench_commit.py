"""What SQLite's `synchronous = FULL` costs per commit, against NORMAL (issue 8).

    .venv/bin/python bench/bench_commit.py [--commits 2000]

A small write transaction (one access-log row, as staff cause all day) committed one at
a time through `db.writing`, on a fresh file beside this script. Whole intakes across
processes are in bench_pickup.py (they run with the default, FULL).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from viver_tui import db as store_db
from viver_tui.store import open_database


def commits(url: str, n: int) -> list[float]:
    from viver_tui.models import AuditEvent

    db = open_database(url)
    times = []
    for i in range(n):
        began = time.perf_counter()
        with store_db.writing(db):
            AuditEvent.create(staff="bench", action="view", subject_id=i)
        times.append((time.perf_counter() - began) * 1000)
    db.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--commits", type=int, default=2000)
    args = parser.parse_args()
    for mode in ("normal", "full"):
        store_db.SQLITE_PRAGMAS["synchronous"] = mode
        with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
            url = f"sqlite:///{Path(tmp) / 'commit.db'}"
            times = sorted(commits(url, args.commits))
            p50 = statistics.median(times)
            p99 = times[int(len(times) * 0.99) - 1]
            print(f"synchronous={mode.upper():6} one commit: p50 {p50:.2f} ms, p99 {p99:.2f} ms")


if __name__ == "__main__":
    main()
