"""The access log screen on a big log: one page (100 entries) as the admin screen reads
it (``privacy.access_log_page``, keyset paging, the read itself logged), against an
OFFSET query for the same page, measured in the same run.

    .venv/bin/python bench/bench_access_log.py [--events 1000000] [--repeat 5]

A fresh SQLite file beside this script gets ``--events`` log entries over two years:
40 staff (one rare: 0.1 % of the entries), 200 000 customers, mostly card views.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from viver_tui.db import reading
from viver_tui.services import privacy, staff
from viver_tui.store import open_database

START = datetime(2024, 11, 1, 8, 0)
ACTIONS = ["view"] * 80 + ["update"] * 10 + ["create"] * 6 + ["sign_in"] * 3 + ["erase"]


def fill(path: Path, events: int) -> None:
    rng = random.Random(13)
    step = timedelta(days=730) / events
    con = sqlite3.connect(path)
    rows = (
        (
            (START + step * i).isoformat(sep=" "),
            "rare" if rng.random() < 0.001 else f"s{rng.randrange(39)}",
            rng.choice(ACTIONS),
            "customer",
            rng.randrange(1, 200_001),
            "",
        )
        for i in range(events)
    )
    con.executemany(
        "INSERT INTO audit_event (at, staff, action, subject, subject_id, details) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )
    con.commit()
    con.close()


def timed(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
        path = Path(tmp) / "log.db"
        db = open_database(f"sqlite:///{path}")
        admin = staff.add(db, name="Bench Admin", initials="adm", role="admin", pin="2468",
                          by=None)
        db.close()
        began = time.perf_counter()
        fill(path, args.events)
        print(f"{args.events} log entries written in {time.perf_counter() - began:.1f} s")
        db = open_database(f"sqlite:///{path}")
        depth = args.events // 2  # a page half-way down the log
        from viver_tui.models import AuditEvent

        newest_first = (AuditEvent.at.desc(), AuditEvent.id.desc())
        with reading(db):
            row = AuditEvent.select().order_by(*newest_first).offset(depth - 1).limit(1).get()
        cursor = (row.at, row.id)

        def offset_page() -> None:
            with reading(db):
                list(AuditEvent.select().order_by(*newest_first).offset(depth).limit(101))

        cases: list[tuple[str, Callable[[], object]]] = [
            ("newest page, no filter", lambda: privacy.access_log_page(db, admin)),
            (f"page at entry {depth}, keyset",
             lambda: privacy.access_log_page(db, admin, before=cursor)),
            ("one customer", lambda: privacy.access_log_page(db, admin, customer_id=4242)),
            ("one person (0.1 % of entries)",
             lambda: privacy.access_log_page(db, admin, person="rare")),
            ("a person not in the log (worst case)",
             lambda: privacy.access_log_page(db, admin, person="nobody")),
            ("one action (erase, 1 %)", lambda: privacy.access_log_page(db, admin,
                                                                      action="erase")),
            ("one month, a year back", lambda: privacy.access_log_page(
                db, admin, since=datetime(2025, 11, 1), until=datetime(2025, 12, 1))),
        ]
        baseline = timed(offset_page, args.repeat)
        print(f"baseline: OFFSET {depth} LIMIT 101 (same page, no log write): "
              f"{baseline:.1f} ms")
        for name, call in cases:
            ms = timed(call, args.repeat)
            print(f"{name:36} {ms:8.1f} ms   ratio to baseline {ms / baseline:6.3f}")
        db.close()


if __name__ == "__main__":
    main()
