"""Printing benchmark: a label's bytes, and an intake of 20 media queued → printed.

Run: ``python bench/bench_printing.py``. Targets (issue 5): a label's bytes in ≤ 5 ms and
≤ 200 bytes with a native barcode; the 20-media intake printed on a loopback printer.
"""

from __future__ import annotations

import socket
import statistics
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

from viver_tui.config import PrinterSettings, Settings
from viver_tui.printing import layouts
from viver_tui.printing.queue import QueueWorker
from viver_tui.services import customers, intake
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.store import open_database


def loopback_printer() -> tuple[int, list[bytes]]:
    """A TCP printer on 127.0.0.1 that reads everything and answers DLE EOT."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    jobs: list[bytes] = []

    def serve(conn: socket.socket) -> None:
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # answer at once
        data = bytearray()
        scanned = 0
        while chunk := conn.recv(65536):
            data += chunk
            while (at := data.find(b"\x10\x04", scanned)) != -1 and at + 2 < len(data):
                scanned = at + 3
                conn.sendall(b"\x12")
        conn.close()
        jobs.append(bytes(data))

    def accept() -> None:
        while True:
            conn, _ = server.accept()
            threading.Thread(target=serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    return server.getsockname()[1], jobs


def bench_label() -> None:
    data = layouts.LabelData("Åse Ødegård-Ærø", 104233, "104233-03", "VHS", 3, 9)
    for columns, mode in ((32, "native"), (48, "native"), (32, "image")):
        paper = layouts.Paper(columns=columns, barcode=mode)
        layouts.build("media_label", data, paper)  # warm: python-escpos import, profile
        times = []
        for _ in range(300):
            start = time.perf_counter()
            payload = layouts.build("media_label", data, paper)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        print(
            f"label bytes ({columns} col, {mode:6}): median {statistics.median(times):.2f} ms, "
            f"p99 {times[int(len(times) * 0.99)]:.2f} ms, {len(payload)} bytes"
        )


def bench_intake(n_media: int = 20) -> None:
    port, jobs = loopback_printer()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        url = f"tcp://127.0.0.1:{port}"
        settings = replace(
            Settings(),
            spool_dir=Path(tmp) / "spool",
            label_printer=PrinterSettings(url=url, columns=32, timeout=2),
            receipt_printer=PrinterSettings(url=url, columns=48, timeout=2),
        )
        customer = customers.register(
            db, CustomerInput(name="Åse Ødegård", phone="912 34 567"), "BENCH"
        )
        order = intake.open_order(db, customer.id, "BENCH")
        for i in range(n_media):
            intake.add_medium(
                db,
                order.id,
                MediumInput(kind="vhs", description=f"Kassett {i}"),
                settings.media_kinds,
                "BENCH",
            )
        worker = QueueWorker(db, settings)
        start = time.perf_counter()
        intake.confirm_order(db, order.id, OrderDetails(shelf="A1"), "BENCH")
        queued = time.perf_counter()
        outcomes = worker.run_once()
        done = time.perf_counter()
        printed = sum(o.printed for o in outcomes)
        print(
            f"intake of {n_media} media: confirm+queue {(queued - start) * 1000:.1f} ms, "
            f"queued→printed {printed} jobs in {(done - queued) * 1000:.1f} ms "
            f"({(done - queued) * 1000 / printed:.1f} ms/job) on loopback TCP, "
            f"{sum(len(j) for j in jobs)} bytes"
        )
        db.close()


if __name__ == "__main__":
    bench_label()
    bench_intake()
