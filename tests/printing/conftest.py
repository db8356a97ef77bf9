"""A real TCP "printer" on 127.0.0.1 and an order with media, for the printing tests."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Iterator
from dataclasses import replace

import peewee
import pytest

from tests.signing_in import as_staff
from viver_tui.config import PrinterSettings, Settings
from viver_tui.services import customers, intake, staff
from viver_tui.services.customers import CustomerInput
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.staff import StaffView

PAPER_OK = 0x12  # DLE EOT answers: fixed bits 1 and 4 set, no error bits
PAPER_OUT = 0x72  # ... and bits 5, 6: paper roll end


class TcpPrinter:
    """An ESC/POS network printer stand-in listening on 127.0.0.1.

    ``mode`` (may change between connections; each connection keeps the mode it began
    with):
    ``normal``      reads everything and answers DLE EOT status queries;
    ``silent``      reads everything, never answers (a printer without status support);
    ``hang``        accepts the connection and never reads nor answers;
    ``close``       accepts the connection and closes it at once, reading nothing;
    ``drop``        answers the first status query, reads ``drop_after`` more bytes,
                    then resets the connection;
    ``drop_silent`` like ``drop`` but answers nothing;
    ``late``        answers every status query ``late_s`` seconds late (a busy printer);
    ``slow_first``  answers the first status query on a connection ``late_s`` seconds
                    late (waking from standby), the others at once;
    ``mute_after_first`` answers the first status query, then reads and never answers;
    ``process_id``  answers status queries and Epson's GS ( H fn 48 process-ID request;
    ``paper_out``   like normal, but the paper sensor says the roll is empty.
    """

    def __init__(self, mode: str = "normal") -> None:
        self.mode = mode
        self.drop_after = 20
        self.late_s = 0.8
        self.connections: list[bytearray] = []
        self.closed = 0  # connections closed at once (mode ``close``)
        self.lock = threading.Lock()
        self.server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(16)
        # Before the thread starts: a printer stopped at once (a command refused before
        # it prints) closed the socket under a thread not yet at settimeout (EBADF).
        self.server.settimeout(0.05)
        self.port = self.server.getsockname()[1]
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn, self.mode), daemon=True).start()

    def _serve(self, conn: socket.socket, mode: str) -> None:
        received = bytearray()
        with self.lock:
            self.connections.append(received)
        if mode == "hang":
            self._held.append(conn)
            return
        if mode == "close":
            conn.close()
            with self.lock:
                self.closed += 1
            return
        conn.settimeout(0.05)
        scanned = 0
        answers = 0
        try:
            while not self._stop.is_set():
                if mode in ("drop", "drop_silent") and len(received) >= 3:
                    while len(received) < 3 + self.drop_after:
                        chunk = self._recv(conn, 3 + self.drop_after - len(received))
                        if not chunk:
                            break
                        received += chunk
                    # SO_LINGER 0: close with a reset, as a printer losing power would
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    return
                chunk = self._recv(conn, 3 if mode.startswith("drop") else 4096)
                if not chunk:
                    return
                received += chunk
                while True:
                    status = received.find(b"\x10\x04", scanned)
                    pid = received.find(b"\x1d(H\x06\x0000", scanned)
                    hits = [at for at in (status, pid) if at != -1]
                    if not hits:
                        break
                    at = min(hits)
                    if at == pid:
                        if at + 11 > len(received):
                            break
                        scanned = at + 11
                        if mode == "process_id":
                            conn.sendall(b"\x37\x22" + bytes(received[at + 7 : at + 11]) + b"\0")
                        continue
                    if at + 2 >= len(received):
                        break
                    scanned = at + 3
                    answers += 1
                    if mode in ("silent", "drop_silent"):
                        continue
                    if mode == "mute_after_first" and answers > 1:
                        continue
                    if mode == "late" or (mode == "slow_first" and answers == 1):
                        time.sleep(self.late_s)  # the printer's delay, not a test's wait
                    empty = mode == "paper_out" and received[at + 2] == 4
                    conn.sendall(bytes([PAPER_OUT if empty else PAPER_OK]))
        except OSError:
            return
        finally:
            conn.close()

    def _recv(self, conn: socket.socket, size: int) -> bytes:
        while not self._stop.is_set():
            try:
                return conn.recv(size)
            except TimeoutError:
                continue
        return b""

    def received(self) -> bytes:
        with self.lock:
            return b"".join(bytes(c) for c in self.connections)

    def wait_for(self, count: int, timeout: float = 5.0) -> None:
        """Wait until ``count`` connections have ended their data (closed by the client)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.connections) >= count:
                    return
            time.sleep(0.01)

    def close(self) -> None:
        self._stop.set()
        self.server.close()
        for conn in self._held:
            conn.close()
        self._thread.join(1)


@pytest.fixture
def tcp_printer() -> Iterator[TcpPrinter]:
    printer = TcpPrinter()
    yield printer
    printer.close()


@pytest.fixture
def clerk(db: peewee.Database) -> StaffView:
    """The person at the counter who prints again and marks labels printed."""
    return staff.add(db, name="Anne Skranke", initials="anne", role="admin", pin="2468", by=None)


@pytest.fixture
def refused_url() -> str:
    """A 127.0.0.1 port nobody listens on."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"tcp://127.0.0.1:{port}"


def with_printers(
    settings: Settings,
    url: str,
    *,
    timeout: float = 1.0,
    wake_timeout: float | None = None,
    status: str = "auto",
    process_id: bool = False,
    receipt_url: str | None = None,
) -> Settings:
    """Settings printing labels to ``url`` (receipts too, unless ``receipt_url``); a
    first answer may take ``wake_timeout`` (by default no longer than ``timeout``, so
    that a hung printer costs the tests no more than the timeout)."""
    common = {
        "timeout": timeout,
        "wake_timeout": timeout if wake_timeout is None else wake_timeout,
        "status": status,
        "process_id": process_id,
    }
    return replace(
        settings,
        label_printer=PrinterSettings(url=url, columns=32, **common),
        receipt_printer=PrinterSettings(url=receipt_url or url, columns=48, **common),
    )


def make_order(
    db: peewee.Database,
    n_media: int = 3,
    *,
    name: str = "Åse Ødegård",
    confirm: bool = True,
    terminal: str | None = None,
) -> int:
    """A confirmed order (labels, order form and receipt queued by ``terminal``, default
    this machine's); returns its id."""
    kinds = Settings().media_kinds
    customer = customers.register(
        db, CustomerInput(name=name, phone="912 34 567", email="ase@example.no"),
            as_staff(db, "ANNE")
    )
    order = intake.open_order(db, customer.id, "ANNE")
    choices = ["vhs", "photo-series", "super8", "minidv"]
    for i in range(n_media):
        kind = choices[i % len(choices)]
        units = "120" if kind == "photo-series" else ""
        intake.add_medium(
            db,
            order.id,
            MediumInput(kind=kind, description=f"Kassett {i + 1} – «Jul på Røros»", units=units),
            kinds,
            "ANNE",
        )
    if confirm:
        intake.confirm_order(
            db, order.id, OrderDetails(shelf="B3", promised_on="+14"), "ANNE", terminal=terminal
        )
    return order.id


def eventually(condition, timeout: float = 5.0) -> bool:  # type: ignore[no-untyped-def]
    """Poll ``condition`` until it is true or ``timeout`` passes; returns its last value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.01)
    return bool(condition())
