"""Shared by the benchmarks: a cached demo database of a given size, and percentiles."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).parent / "out"


def demo_database(customers: int, orders_per_customer: float = 2.0) -> Path:
    """A SQLite file filled by `viver demo-data` (built once, then reused)."""
    OUT.mkdir(exist_ok=True)
    (OUT / "none.toml").touch()  # an empty settings file: defaults, whatever the user has
    # v2: the demo data with thousands of names and the pair keys of schema 5
    path = OUT / f"demo-v2-{customers}-{orders_per_customer:g}.db"
    if path.exists():
        return path
    partial = path.with_suffix(".building.db")
    for leftover in OUT.glob(partial.name + "*"):
        leftover.unlink()
    print(f"building {path.name} with viver demo-data (once) …", file=sys.stderr, flush=True)
    subprocess.run(
        [
            sys.executable, "-m", "viver_tui",
            "--database", str(partial),
            "demo-data",
            "--customers", str(customers),
            "--orders-per-customer", str(orders_per_customer),
            "--media-per-order", "2.5",
        ],
        check=True,
        env={**os.environ, "VIVER_CONFIG": str(OUT / "none.toml")},
    )
    import sqlite3

    sqlite3.connect(partial).execute("PRAGMA wal_checkpoint(TRUNCATE)").connection.close()
    partial.rename(path)
    return path


def evict(path: Path) -> None:
    """Drop the OS page cache of a database file (and its WAL): a cold start."""
    for file in (path, Path(f"{path}-wal")):
        if file.exists():
            fd = os.open(file, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(values: list[float]) -> str:
    return (
        f"p50 {percentile(values, 50):.3f} ms  p99 {percentile(values, 99):.3f} ms  "
        f"max {max(values):.3f} ms  (n={len(values)})"
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, {platform.system()}"


def median(values: list[float]) -> float:
    return statistics.median(values)
