"""The access log: what an append costs now that it is chained, how long `viver check`
takes to verify the chain, and the admin screen's pages on a big log.

    .venv/bin/python bench/bench_access_log.py [--events 1000000] [--repeat 5]
        [--appends 1000] [--pg postgresql://postgres@127.0.0.1:5432/test] [--parts …]

Parts (all by default):

* ``append`` — one entry committed per transaction through ``db.writing``, as a service
  does it: the chained append (``audit.record``: lock the head, hash, insert, move the
  head) against the baseline measured in the same run, the append as it was before
  schema 10 (one INSERT). One writer (p50/p99 per commit), then four threads writing at
  once (entries per second; the chained ones queue on the head). SQLite and, when
  ``--pg`` answers, PostgreSQL (in a schema of its own, dropped afterwards).
* ``verify`` — ``audit.verify_chain`` over ``--events`` chained entries (what `viver
  check` adds), against reading the same rows without hashing them.
* ``pages`` — one page (100 entries) as the admin screen reads it
  (``privacy.access_log_page``, keyset paging, the read itself logged), against an
  OFFSET query for the same page.

A fresh SQLite file beside this script gets ``--events`` log entries over two years:
40 staff (one rare: 0.1 % of the entries), 200 000 customers, mostly card views, and
every 20th entry a search list of 8 customers.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent))

from bench.common import machine, percentile
from viver_tui import clock
from viver_tui.db import reading, writing
from viver_tui.models import CHAIN_GENESIS
from viver_tui.services import audit, privacy, staff
from viver_tui.store import _sqlite_query, open_database

START = datetime(2024, 11, 1, 8, 0)
ACTIONS = ["view"] * 80 + ["update"] * 10 + ["create"] * 6 + ["sign_in"] * 3 + ["erase"]
PARTS = ("append", "verify", "pages")


def fill(path: Path, events: int) -> None:
    """``events`` chained entries, written straight into the file (fast)."""
    rng = random.Random(13)
    step = timedelta(days=730) / events
    con = sqlite3.connect(path)
    previous = CHAIN_GENESIS
    batch: list[tuple[object, ...]] = []
    members: list[tuple[int, int]] = []
    for i in range(events):
        at = START + step * i
        who = "rare" if rng.random() < 0.001 else f"s{rng.randrange(39)}"
        if i % 20 == 19:
            shown = list(dict.fromkeys(rng.randrange(1, 200_001) for _ in range(8)))
            members += [(customer, i + 1) for customer in shown]  # ids are 1, 2, 3 …
            ids = " ".join(map(str, shown))
            row = (at, who, "list", "customer_list", 0, f"search name,phone,email,city: {ids}")
        else:
            row = (at, who, rng.choice(ACTIONS), "customer", rng.randrange(1, 200_001), "")
        previous = audit.row_hash(previous, i + 1, *row)
        batch.append((i + 1, row[0].isoformat(sep=" "), *row[1:], i + 1, previous))
        if len(batch) == 50_000 or i == events - 1:
            con.executemany(
                "INSERT INTO audit_event (id, at, staff, action, subject, subject_id, details, "
                "seq, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                batch,
            )
            batch = []
    con.executemany("INSERT INTO audit_list_member (customer_id, event_id) VALUES (?, ?)",
                    members)
    con.execute("UPDATE audit_chain_head SET seq = ?, row_hash = ? WHERE id = 1",
                (events, previous))
    con.commit()
    con.close()


def timed(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


# --- append ------------------------------------------------------------------------------


def plain_append(i: int) -> None:
    """The append before schema 10: one INSERT, no chain."""
    from viver_tui.models import AuditEvent

    AuditEvent.insert(at=clock.now(), staff="bench", action="view", subject="customer",
                      subject_id=i, details="card").execute()


def chained_append(i: int) -> None:
    audit.record("bench", "view", i, details="card")


def one_writer(db, append: Callable[[int], None], n: int) -> list[float]:  # type: ignore[no-untyped-def]
    times = []
    for i in range(n):
        began = time.perf_counter()
        with writing(db):
            append(i)
        times.append((time.perf_counter() - began) * 1000)
    return times


def four_writers(db, append: Callable[[int], None], n: int) -> float:  # type: ignore[no-untyped-def]
    """Entries per second with four threads (own connections) appending ``n`` each."""
    start = threading.Barrier(5)

    def writer() -> None:
        start.wait()
        for i in range(n):
            with writing(db):
                append(i)
        db.close()

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return 4 * n / (time.perf_counter() - began)


def bench_append(url: str, label: str, n: int) -> None:
    db = open_database(url)
    one_writer(db, chained_append, 50)  # warm up: connection, statements, file
    one_writer(db, plain_append, 50)
    before = one_writer(db, plain_append, n)
    after = one_writer(db, chained_append, n)
    base50, base99 = percentile(before, 50), percentile(before, 99)
    p50, p99 = percentile(after, 50), percentile(after, 99)
    print(f"{label}: one writer, one entry per commit (n={n})")
    print(f"  baseline, plain INSERT (before schema 10): p50 {base50:.3f} ms  p99 {base99:.3f} ms")
    print(f"  chained append (audit.record):           p50 {p50:.3f} ms  p99 {p99:.3f} ms"
          f"   ratio p50 {p50 / base50:.2f}  p99 {p99 / base99:.2f}")
    base_rate = four_writers(db, plain_append, n // 4)
    rate = four_writers(db, chained_append, n // 4)
    print(f"{label}: four writers at once ({n // 4} commits each)")
    print(f"  baseline, plain INSERT: {base_rate:8.0f} entries/s")
    print(f"  chained append:         {rate:8.0f} entries/s   ratio {rate / base_rate:.2f}")
    def query(sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        return list(db.execute_sql(sql.replace("%s", db.param), params).fetchall())

    with reading(db):
        chain = audit.verify_chain(query)
    plain = 50 + n + n // 4 * 4  # entries appended without the chain
    unchained = [p for p in chain.problems if "utenfor kjeden" not in p]
    print(f"  chain after the run: {chain.entries} entries, problems besides the {plain} "
          f"plain inserts: {len(unchained)}")
    db.close()


def pg_schema(pg: str) -> tuple[str, Callable[[], None]] | None:
    """A URL for a fresh schema on ``pg``, and how to drop it; None if it does not answer."""
    from playhouse.db_url import connect

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = connect(pg)
        admin.connect()
    except Exception as exc:  # no server: the SQLite half still runs
        print(f"PostgreSQL at {pg} does not answer ({type(exc).__name__}); skipped")
        return None
    admin.execute_sql(f'CREATE SCHEMA "{schema}"')
    admin.close()

    def drop() -> None:
        admin.connect()
        admin.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()

    return f"{pg}?options=-csearch_path%3D{schema}", drop


# --- main --------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--appends", type=int, default=1000)
    parser.add_argument("--pg", default=os.environ.get(
        "VIVER_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--parts", nargs="*", choices=PARTS, default=list(PARTS))
    args = parser.parse_args()
    print(f"{machine()}; load average {os.getloadavg()[0]:.1f}; "
          f"{datetime.now():%d.%m.%Y %H:%M}")
    if "append" in args.parts:
        with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
            bench_append(f"sqlite:///{Path(tmp) / 'append.db'}", "SQLite", args.appends)
        made = pg_schema(args.pg)
        if made is not None:
            url, drop = made
            try:
                bench_append(url, "PostgreSQL", args.appends)
            finally:
                from viver_tui.db import database

                if database.obj is not None and not database.is_closed():
                    database.close()
                drop()
    if "verify" in args.parts or "pages" in args.parts:
        with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as tmp:
            bench_big_log(Path(tmp) / "log.db", args)


def bench_big_log(path: Path, args: argparse.Namespace) -> None:
    db = open_database(f"sqlite:///{path}")
    admin = staff.add(db, name="Bench Admin", initials="adm", role="admin", pin="2468",
                      by=None)
    db.close()
    # The admin's own staff_add entry is the log's first; the filled ones go after it.
    con = sqlite3.connect(path)
    con.execute("DELETE FROM audit_event")  # the filled ones are given ids 1, 2, 3 …
    con.execute("UPDATE audit_chain_head SET seq = 0, row_hash = ?", (CHAIN_GENESIS,))
    con.commit()
    con.close()
    began = time.perf_counter()
    fill(path, args.events)
    print(f"{args.events} chained log entries written in {time.perf_counter() - began:.1f} s")
    if "verify" in args.parts:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        query = _sqlite_query(con)

        def read_only() -> None:
            last = 0
            while True:
                rows = query("SELECT seq, id, at, staff, action, subject, subject_id, details, "
                             "row_hash FROM audit_event WHERE seq > %s ORDER BY seq LIMIT 5000",
                             (last,))
                if not rows:
                    return
                last = rows[-1][0]

        baseline = timed(read_only, 1)
        ms = timed(lambda: audit.verify_chain(query), 1)
        problems = audit.verify_chain(query).problems
        print(f"verify {args.events} entries: baseline (read them in order, no hashing) "
              f"{baseline / 1000:.2f} s; verify_chain {ms / 1000:.2f} s, ratio "
              f"{ms / baseline:.2f}; problems found: {len(problems)}")
        con.close()
    if "pages" in args.parts:
        bench_pages(path, admin, args)


def bench_pages(path: Path, admin: staff.StaffView, args: argparse.Namespace) -> None:
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
        ("one customer (with the lists)",
         lambda: privacy.access_log_page(db, admin, customer_id=4242)),
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
    print(f"baseline: OFFSET {depth} LIMIT 101 (same page, no log write): {baseline:.1f} ms")
    for name, call in cases:
        ms = timed(call, args.repeat)
        print(f"{name:36} {ms:8.1f} ms   ratio to baseline {ms / baseline:6.3f}")
    db.close()


if __name__ == "__main__":
    main()
