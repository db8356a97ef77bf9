"""Erasure benchmark: erase customers of a demo database, each to zero bytes on disk.

Run: ``python bench/bench_erasure.py [--customers 20000] [--erase 50]``. Builds a fresh
SQLite demo database in a temporary folder (``viver demo-data``'s loader), then erases
customers whose orders are all delivered, one at a time as an admin would: the one
transaction, the WAL checkpoint (TRUNCATE) and the pending-row cleanup. Prints the time
per erasure and checks that each erased e-mail address and phone number is gone from
the ``.db``/``-wal`` bytes.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from viver_tui.db import reading
from viver_tui.models import Customer, Order
from viver_tui.services import demo, privacy, staff
from viver_tui.store import open_database


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--erase", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "viver.db"
        db = open_database(f"sqlite:///{path}")
        started = time.perf_counter()
        demo.fill(db, customers=args.customers)
        print(f"demo database: {args.customers} customers in {time.perf_counter() - started:.1f} s,"
              f" {path.stat().st_size / 1e6:.1f} MB")
        admin = staff.list_staff(db)[0]
        with reading(db):
            open_customers = Order.select(Order.customer).where(
                Order.status.not_in(privacy.DONE_ORDER_STATUSES)
            )
            # E-mail addresses and phone numbers are unique to a demo customer (names
            # are not: two customers may both be "Kari Hansen"), so they are what is
            # searched for in the bytes.
            candidates = [
                (c.id, [v.encode() for v in (c.email, c.phone) if v])
                for c in Customer.select(Customer.id, Customer.email, Customer.phone)
                .where(Customer.id.not_in(open_customers))
                .order_by(Customer.id)
                .limit(args.erase)
            ]
        times, unfinished, left = [], 0, 0
        for customer_id, needles in candidates:
            t0 = time.perf_counter()
            result = privacy.erase_customer(db, customer_id, admin)
            times.append((time.perf_counter() - t0) * 1000)
            unfinished += not result.finished
            data = path.read_bytes() + (Path(f"{path}-wal").read_bytes()
                                        if Path(f"{path}-wal").exists() else b"")
            left += any(n in data for n in needles)
        times.sort()
        print(f"erased {len(times)} customers: median {statistics.median(times):.1f} ms, "
              f"p90 {times[int(len(times) * 0.9)]:.1f} ms, max {times[-1]:.1f} ms; "
              f"not finished {unfinished}; "
              f"customers whose e-mail or phone is still in the files {left}")


if __name__ == "__main__":
    main()
