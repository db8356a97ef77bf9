"""Delivering a job: "printed" means confirmed by the printer.

Where the printer can be read from (network, USB, serial) and its ``status`` setting is
not "no", a job first asks the paper sensor (``DLE EOT 4``), then sends the job, then
asks again — or, with ``process_id``, sends Epson's ``GS ( H`` fn 48 — and the job is
confirmed only by an answer that comes after its bytes, within the printer's timeout (a
busy printer may answer late). The first question on a connection may take up to
``wake_timeout`` (a printer waking from standby). Answers are counted, so a late answer
to the first question never confirms the job.

What a printer is known to do (it has answered before; asked and not yet answered;
learned that it never answers) is the caller's to remember and pass in (the queue keeps
it in the database, ``services/printer_memory``). ``PrinterUnavailable.sent`` says
whether any byte of the job may have reached the printer: if not (refused; closed
before the job, seen when reading the first answer or just before the job's bytes),
retrying is safe; if so, the job is uncertain and is never re-sent without staff asking.
"""

from __future__ import annotations

import select
import socket
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from viver_tui.locale import t
from viver_tui.printing.connection import (
    PrinterFactory,
    PrinterUnavailable,
    close_quietly,
    explain,
    is_printer_error,
    open_printer,
    parse_url,
    set_without_status,
)

if TYPE_CHECKING:
    from viver_tui.config import PrinterSettings

DLE_EOT_PAPER = b"\x10\x04\x04"
PAPER_END = 0x60  # bits 5 and 6 of the DLE EOT 4 answer: paper roll end sensor


def _closed_by_printer(printer: Any) -> bool:
    """Has the printer already closed the connection (its FIN or reset is here)? Asked
    just before the job's bytes, at no cost: a printer that accepts and closes at once
    then gets nothing, and the job is safely retried instead of being uncertain."""
    sock = getattr(printer, "_device", None)
    if not isinstance(sock, socket.socket):
        return False
    try:
        readable, _, _ = select.select([sock], [], [], 0)
        # readable: data, an end of file or a reset; only the last two are a close
        return bool(readable) and sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True  # reset


@dataclass(frozen=True)
class Delivery:
    """What happened to a job's bytes that went out.

    ``confirmed``: the printer answered after the job's bytes (``how`` says with what:
    ``status`` for DLE EOT, ``process_id`` for Epson's GS ( H). Not confirmed: the
    printer cannot confirm (``status = "no"``, a file or CUPS printer, or "auto" and it
    has not answered), so the job was sent but nobody knows it came out.
    ``answered``: whether the printer answered a status query (None: none was asked),
    for what "auto" learns.
    """

    confirmed: bool
    answered: bool | None = None
    how: str = ""


def reads_status(printer: PrinterSettings) -> bool:
    """Can this printer be asked for status at all (a read channel, not switched off)?"""
    return not set_without_status(printer) and parse_url(printer.url).scheme in (
        "tcp",
        "usb",
        "serial",
    )


def confirmation_window(printer: PrinterSettings) -> float:
    """How long to wait for an answer: the printer's timeout (seconds), at least 1 s."""
    return max(1.0, float(printer.timeout))


def wake_window(printer: PrinterSettings) -> float:
    """How long a first answer on a connection may take (a printer waking from standby):
    ``wake_timeout``, and never less than the confirmation window."""
    return max(confirmation_window(printer), float(printer.wake_timeout))


def process_id_command(tag: int) -> tuple[bytes, bytes]:
    """``GS ( H`` fn 48 with a 4-digit ID, and the response it asks for (``37 22 ID 00``)."""
    digits = f"{tag % 10000:04d}".encode()
    return b"\x1d(H\x06\x0000" + digits, b"\x37\x22" + digits + b"\x00"


class _Answers:
    """Reads what a printer sends back and tells status bytes from process-ID responses.

    Every DLE EOT query is answered by exactly one byte (bits 1 and 4 set, 0 and 7
    clear), so counting answers against questions tells a late answer to an earlier
    question from the answer to the last one.
    """

    def __init__(self, printer: Any) -> None:
        self.printer = printer
        self.asked = 0
        self.first_asked_at: float | None = None
        self.status: list[int] = []
        self.buffer = bytearray()

    def _read(self, deadline: float) -> bool:
        """Read what arrives before ``deadline``; False when nothing came in time."""
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        device = getattr(self.printer, "device", None)
        settimeout = getattr(device, "settimeout", None)
        if settimeout is not None:
            settimeout(left)
        try:
            data = self.printer._read()
        except (TimeoutError, NotImplementedError):
            return False
        except OSError as exc:
            if type(exc).__name__ == "USBTimeoutError":
                return False
            raise
        finally:
            if settimeout is not None:  # writes keep the printer's own timeout
                settimeout(getattr(self.printer, "timeout", left))
        if not data:  # serial: a read that timed out
            return False
        self.buffer += bytes(data)
        return True

    def _split_status(self) -> None:
        while self.buffer:
            byte = self.buffer[0]
            if byte == 0x37:  # the start of a process-ID response: leave it for wait_for
                if len(self.buffer) < 7:
                    return
                if self.buffer[1] == 0x22:
                    return
            del self.buffer[0]
            if byte & 0x93 == 0x12:
                self.status.append(byte)

    def ask(self, command: bytes, window: float) -> int | None:
        """Send a DLE EOT query; its answer byte, or None when none came in ``window``."""
        self.asked += 1
        self.printer._raw(command)
        now = time.monotonic()
        if self.first_asked_at is None:
            self.first_asked_at = now
        deadline = now + window
        while True:
            self._split_status()
            if len(self.status) >= self.asked:
                return self.status[-1]
            if not self._read(deadline):
                return None

    def wait_for(self, response: bytes, window: float) -> bool:
        """Wait ``window`` seconds for ``response`` (a process-ID response) to arrive."""
        deadline = time.monotonic() + window
        while True:
            at = self.buffer.find(response)
            if at != -1:
                del self.buffer[at : at + len(response)]
                return True
            self._split_status()
            if self.buffer[:2] == b"\x37\x22" and len(self.buffer) >= 7:
                del self.buffer[:7]  # another job's ID (an old, late answer)
            if not self._read(deadline):
                return False

    def window_after(self, printer: PrinterSettings, *, first_contact: bool) -> float:
        """The wait for the answer after the job: the confirmation window — and, on a
        first contact, at least until ``wake_timeout`` after the first question, so a
        slow first answer still counts."""
        window = confirmation_window(printer)
        if first_contact and self.first_asked_at is not None:
            woken = self.first_asked_at + wake_window(printer) - time.monotonic()
            window = max(window, woken)
        return window


def deliver(
    printer_settings: PrinterSettings,
    data: bytes,
    factory: PrinterFactory | None = None,
    *,
    answers: bool | None = None,
    ask: bool = True,
    tag: int | None = None,
) -> Delivery:
    """Send one job's bytes and find out whether the printer confirmed it.

    ``answers``: what is known of this printer (True: it has answered status queries
    before; False: asked and it has not; None: never asked). ``ask``: for a printer
    that has not answered, whether to ask after this job at all (False once "auto" has
    learned it never answers: the job costs no wait). ``tag``: the job's number for a
    process-ID confirmation.

    Raises BadPrinterAddress when the connection string names no printer. Raises
    PrinterUnavailable with ``sent=False`` when no byte of the job reached the printer
    (refused, closed before the job, paper out, or — for a printer that answers — no
    answer before the job): safe to retry. With ``sent=True`` the job's bytes may have
    reached the printer but it did not confirm them (dropped, no answer after the job):
    the job is *uncertain* and must not be sent again without staff asking. Blocking,
    up to the printer's ``wake_timeout`` plus its timeout: call it from a worker thread.
    """
    url = printer_settings.url
    target = parse_url(url)
    reading = reads_status(printer_settings)
    knows = reading and (printer_settings.status == "yes" or answers is True)
    first_contact = reading and not knows and answers is None
    ask_before = knows or first_contact
    ask_after = reading and (knows or first_contact or ask)
    printer = None
    answered: bool | None = None
    sent = False
    try:
        printer = (factory or open_printer)(printer_settings)
        printer.open()
        if hasattr(printer, "wait_for_ack"):
            # Where an answer after the job confirms it, waiting for TCP ACKs is only
            # a cost; where nothing is asked, ACKs at least catch a dropped line.
            printer.wait_for_ack = not ask_after
        replies = _Answers(printer)
        if ask_before:
            # A printer known to answer may be waking up; on a first contact the job
            # goes out after the usual window, and a slow answer still counts (below).
            window = wake_window(printer_settings) if knows else confirmation_window(
                printer_settings
            )
            answer = replies.ask(DLE_EOT_PAPER, window)
            if answer is None:
                answered = False
                if knows:
                    raise PrinterUnavailable(url, t("print.error.no_answer"), answered=False)
            else:
                answered = knows = True
                if answer & PAPER_END == PAPER_END:
                    raise PrinterUnavailable(
                        url, t("print.error.paper_out"), paper_out=True, answered=True
                    )
        if _closed_by_printer(printer):
            raise ConnectionResetError("the printer closed the connection")
        sent = True
        printer._raw(data)
        if target.scheme == "cups":
            printer.send()
        if not ask_after:  # nothing asked (status "no", or learned it never answers)
            return Delivery(False, None)
        window = replies.window_after(printer_settings, first_contact=first_contact)
        if printer_settings.process_id and tag is not None:
            command, response = process_id_command(tag)
            printer._raw(command)
            if replies.wait_for(response, window):
                return Delivery(True, True, "process_id")
        else:
            answer = replies.ask(DLE_EOT_PAPER, window)
            if answer is not None:
                if answer & PAPER_END == PAPER_END:
                    raise PrinterUnavailable(
                        url, t("print.error.paper_out"), paper_out=True, sent=True, answered=True
                    )
                return Delivery(True, True, "status")
        if replies.status:  # a late answer to the first question: it does answer
            answered = knows = True
        if knows:
            raise PrinterUnavailable(
                url, t("print.error.not_confirmed"), sent=True, answered=answered
            )
        return Delivery(False, False)
    except PrinterUnavailable:
        raise
    except Exception as exc:
        if not is_printer_error(exc):
            raise
        raise PrinterUnavailable(
            url, explain(exc, printer_settings, sent=sent), sent=sent, answered=answered
        ) from exc
    finally:
        if printer is not None:
            close_quietly(printer)


def send(
    printer_settings: PrinterSettings,
    data: bytes,
    factory: PrinterFactory | None = None,
) -> Delivery:
    """``deliver`` for one-off pages (``viver print-test``): nothing learned or kept."""
    return deliver(printer_settings, data, factory)
