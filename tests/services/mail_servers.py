"""SMTP servers on 127.0.0.1 for the mail tests: a real one (aiosmtpd) that keeps what
it is given or refuses with 5xx, and a hand-written one that misbehaves at a chosen
point (drops the connection mid-message, or answers slowly)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller

from viver_tui.config import Company, Settings, SmtpSettings


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Keeper:
    """aiosmtpd handler: keeps every message; refuses listed recipients with 550, and
    may hold a message's answer until ``release`` is set (a server that is slow)."""

    refuse: set[str] = field(default_factory=set)
    hold: threading.Event | None = None
    hold_after: int = 0  # messages answered at once before the holding starts
    holding: threading.Event = field(default_factory=threading.Event)
    received: list[tuple[list[str], bytes]] = field(default_factory=list)
    temporary: bool = False

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address in self.refuse:
            return "451 4.3.0 try again later" if self.temporary else "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.hold is not None and len(self.received) >= self.hold_after:
            import asyncio

            self.holding.set()
            await asyncio.get_running_loop().run_in_executor(None, self.hold.wait)
        self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        return [message_from_bytes(data, policy=policy.default)  # type: ignore[misc]
                for _, data in self.received]

    def recipients(self) -> list[str]:
        return [to for tos, _ in self.received for to in tos]


@contextmanager
def smtp_server(keeper: Keeper | None = None) -> Iterator[tuple[Keeper, int]]:
    keeper = keeper or Keeper()
    port = free_port()
    controller = Controller(keeper, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield keeper, port
    finally:
        if keeper.hold is not None:
            keeper.hold.set()
        controller.stop()


@contextmanager
def dropping_server() -> Iterator[tuple[threading.Event, int]]:
    """Speaks SMTP until the message's data starts, reads a little of it and closes
    the connection (the event is set when it has)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    dropped = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            reader = conn.makefile("rb")
            conn.sendall(b"220 test ESMTP\r\n")
            while True:
                line = reader.readline()
                if not line:
                    return
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    conn.sendall(b"250-test\r\n250 8BITMIME\r\n")
                elif verb == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    reader.readline()  # the first line of the message, then gone
                    conn.shutdown(socket.SHUT_RDWR)
                    dropped.set()
                    return
                elif verb == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:
                    conn.sendall(b"250 OK\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield dropped, port
    finally:
        listener.close()
        thread.join(2)


def with_smtp(settings: Settings, port: int | None, *, timeout: float = 5.0) -> Settings:
    """``settings`` with every company sending through 127.0.0.1:``port`` (None: no
    server set up, the .eml spool)."""
    companies: tuple[Company, ...] = tuple(
        replace(c, smtp=SmtpSettings(host="127.0.0.1" if port else "", port=port or 587,
                                     security="none", timeout=timeout))
        for c in settings.companies
    )
    return replace(settings, companies=companies)


def spooled(folder: Path) -> list[EmailMessage]:
    return [message_from_bytes(p.read_bytes(), policy=policy.default)  # type: ignore[misc]
            for p in sorted(folder.glob("*.eml"))]
