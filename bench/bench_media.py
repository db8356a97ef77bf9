"""Media files: import, serving and concurrent readers, each against a baseline measured
in the same run (docs/benchmarks.md, "Media files").

1. Import of a 2 GB file (random bytes: a real file, not sparse, so the disk works)
   vs ``sha256sum f && cp --sparse=never f copy`` of the same file.
2. ``viver serve`` (its app on aiohttp's server, in its own process) sending a 1 GB file over
   loopback to ``curl -o /dev/null`` vs ``cat f > /dev/null`` (page cache warm both),
   and vs the loopback's own ceiling: the same file sent by the kernel's ``sendfile``
   (a minimal server, no HTTP parsing, no Python touching a byte) to the same curl.
3. 50 concurrent ``curl`` Range readers (20 MB each): the server process's peak memory
   (VmHWM) before and after.

    python bench/bench_media.py [--gb-import 2] [--gb-serve 1] [--dir /tmp]

Needs several GB free in --dir (deleted afterwards).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1024 * 1024


def write_random(path: Path, size: int) -> None:
    block = os.urandom(16 * MB)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            f.write(block[: min(left, len(block))])
            left -= len(block)
        f.flush()
        os.fsync(f.fileno())


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def setup_shop(work: Path):
    from viver_tui.config import Settings
    from viver_tui.media_store import open_store
    from viver_tui.services import customers, intake, privacy, staff
    from viver_tui.services.customers import CustomerInput
    from viver_tui.services.intake import MediumInput, OrderDetails
    from viver_tui.store import open_database

    url = f"sqlite:///{work / 'viver.db'}"
    db = open_database(url)
    admin = staff.add(db, name="Admin", initials="adm", role="admin", pin="2468", by=None)
    cid = customers.register(db, CustomerInput(name="Bench Kunde", phone="91234567"),
                             admin).id
    order = intake.open_order(db, cid, "b")
    intake.add_medium(db, order.id, MediumInput("vhs", "x"), Settings().media_kinds, "b")
    intake.add_medium(db, order.id, MediumInput("vhs", "y"), Settings().media_kinds, "b")
    order = intake.confirm_order(db, order.id, OrderDetails(shelf="A"), "b")
    privacy.give_consent(db, cid, "streaming", admin)
    return url, db, admin, order, open_store(work / "media")


def bench_import(work: Path, size: int, db, admin, order, store) -> dict[str, float]:
    from viver_tui.services import media_files

    source = work / "source.bin"
    write_random(source, size)
    item = media_files.medium_id(db, order.media[0].code)
    # Same conditions for both: the source read once beforehand (page cache as after
    # a capture), each run's output deleted before the next.
    subprocess.run(["cat", str(source)], stdout=subprocess.DEVNULL, check=True)
    baseline = timed(lambda: subprocess.run(
        f"sha256sum {source} >/dev/null && cp --sparse=never {source} {work / 'copy.bin'}"
        f" && sync {work / 'copy.bin'}", shell=True, check=True))
    (work / "copy.bin").unlink()
    ours = timed(lambda: media_files.import_file(db, store, source, item, admin))
    return {"import_s": ours, "baseline_s": baseline, "size": size}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


SERVER = """
import sys
from tests.signing_in import as_staff
from viver_tui.media_server import build_app, serve
from viver_tui.media_store import open_store
from viver_tui.store import open_database
db = open_database(sys.argv[1])
serve(build_app(db, open_store(sys.argv[2])), "127.0.0.1", int(sys.argv[3]))
"""


# The ceiling of any server on this loopback: one request read, the headers written,
# the whole file handed to the kernel (sendfile: no copy through user space).
CEILING = """
import contextlib, os, socket, sys
path = sys.argv[1]
size = os.path.getsize(path)
listener = socket.create_server(("127.0.0.1", int(sys.argv[2])))
while True:
    conn, _ = listener.accept()
    with conn, open(path, "rb") as f, contextlib.suppress(OSError):
        request = b""
        while b"\\r\\n\\r\\n" not in request:
            chunk = conn.recv(65536)
            if not chunk:
                raise OSError("the client went away")
            request += chunk
        conn.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: application/octet-stream\\r\\n"
                     b"Content-Length: %d\\r\\nConnection: close\\r\\n\\r\\n" % size)
        conn.sendfile(f)
"""


def wait_for_server(port: int) -> None:
    """Until something listens on ``port`` (a connection, no request: the ceiling
    server would answer any request with the whole file)."""
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"no server listened on port {port}")


def curl_seconds(target: str) -> float:
    return timed(lambda: subprocess.run(["curl", "-s", "-o", "/dev/null", target], check=True))


def rss(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of ``pid`` in kB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        fields[key] = value
    return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])


def bench_serve(work: Path, size: int, url: str, db, admin, order, store) -> dict[str, float]:
    from viver_tui.services import media_files

    source = work / "serve.bin"
    write_random(source, size)
    item = media_files.medium_id(db, order.media[1].code)
    imported = media_files.import_file(db, store, source, item, admin, move=True)
    link = media_files.create_link(db, order.id, admin, 90)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SERVER, url, str(work / "media"),
                               str(port)], cwd=ROOT)
    target = f"http://127.0.0.1:{port}/l/{link.token}/{imported.name}"
    stored = work / "media" / imported.name[:2] / imported.name[2:4] / imported.name
    ceiling_port = free_port()
    ceiling_server = subprocess.Popen([sys.executable, "-c", CEILING, str(stored),
                                       str(ceiling_port)])
    ceiling_target = f"http://127.0.0.1:{ceiling_port}/"
    try:
        wait_for_server(port)
        wait_for_server(ceiling_port)
        subprocess.run(["cat", str(stored)], stdout=subprocess.DEVNULL, check=True)  # warm
        # Interleaved, best of 5 each: the three see the same moments of the machine.
        cats, serves, ceilings = [], [], []
        for _ in range(5):
            cats.append(timed(lambda: subprocess.run(f"cat {stored} > /dev/null",
                                                     shell=True, check=True)))
            serves.append(curl_seconds(target))
            ceilings.append(curl_seconds(ceiling_target))
        cat, served, ceiling = min(cats), min(serves), min(ceilings)
        before = rss(server.pid)
        readers = 50
        span = 20 * MB
        start = time.perf_counter()
        procs = [subprocess.Popen(["curl", "-s", "-o", "/dev/null", "-r",
                                   f"{(i * span) % (size - span)}-"
                                   f"{(i * span) % (size - span) + span - 1}", target])
                 for i in range(readers)]
        peak = 0
        while any(p.poll() is None for p in procs):
            peak = max(peak, rss(server.pid)[0])
            time.sleep(0.01)
        concurrent_s = time.perf_counter() - start
        after = rss(server.pid)
        ok = all(p.returncode == 0 for p in procs)
    finally:
        for process in (server, ceiling_server):
            process.terminate()
            process.wait()
    return {"serve_s": served, "cat_s": cat, "ceiling_s": ceiling, "size": size,
            "rss_before_kb": before[0],
            "hwm_before_kb": before[1], "rss_peak_kb": peak, "hwm_after_kb": after[1],
            "rss_after_kb": after[0],
            "readers": readers, "concurrent_s": concurrent_s, "readers_ok": ok}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gb-import", type=float, default=2.0)
    parser.add_argument("--gb-serve", type=float, default=1.0)
    parser.add_argument("--dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-media-", dir=args.dir))
    try:
        print("load before:", os.getloadavg())
        url, db, admin, order, store = setup_shop(work)
        imp = bench_import(work, int(args.gb_import * 1024**3), db, admin, order, store)
        rate = imp["size"] / imp["import_s"] / 1e6
        base = imp["size"] / imp["baseline_s"] / 1e6
        print(f"import {imp['size'] / 1e9:.2f} GB: {imp['import_s']:.2f} s ({rate:.0f} MB/s); "
              f"sha256sum+cp: {imp['baseline_s']:.2f} s ({base:.0f} MB/s); "
              f"ratio {imp['baseline_s'] / imp['import_s']:.2f}")
        for name in store.names():
            store.delete(name)
        srv = bench_serve(work, int(args.gb_serve * 1024**3), url, db, admin, order, store)
        rate = srv["size"] / srv["serve_s"] / 1e6
        base = srv["size"] / srv["cat_s"] / 1e6
        print(f"serve {srv['size'] / 1e9:.2f} GB: {srv['serve_s']:.2f} s ({rate:.0f} MB/s); "
              f"cat > /dev/null: {srv['cat_s']:.2f} s ({base:.0f} MB/s); "
              f"ratio {srv['cat_s'] / srv['serve_s']:.2f}")
        ceiling = srv["size"] / srv["ceiling_s"] / 1e6
        print(f"loopback ceiling (kernel sendfile, no HTTP work) to the same curl: "
              f"{srv['ceiling_s']:.2f} s ({ceiling:.0f} MB/s) = "
              f"{srv['cat_s'] / srv['ceiling_s']:.2f} of cat; viver serve / ceiling: "
              f"{srv['ceiling_s'] / srv['serve_s']:.2f}")
        print(f"{srv['readers']} concurrent 20 MB Range readers in {srv['concurrent_s']:.1f} s "
              f"(all ok: {srv['readers_ok']}): server RSS {srv['rss_before_kb'] / 1024:.0f} MB "
              f"before, peak {srv['rss_peak_kb'] / 1024:.0f} MB during, "
              f"{srv['rss_after_kb'] / 1024:.0f} MB after; VmHWM "
              f"{srv['hwm_before_kb'] / 1024:.0f} → {srv['hwm_after_kb'] / 1024:.0f} MB")
        print("load after:", os.getloadavg())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
