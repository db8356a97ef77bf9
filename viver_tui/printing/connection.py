"""Printer connection strings → python-escpos printers, and the one place errors are caught.

Connection strings (``PrinterSettings.url``)::

    usb://04b8:0202                      Epson TM-T20 on USB (vendor:product, hex)
    tcp://192.168.1.50:9100              a network printer (port 9100 if left out)
    serial:///dev/ttyUSB0?baudrate=9600  a serial printer
    file:///dev/usb/lp0                  a device file (the kernel's usblp driver)
    cups://QueueName                     a raw CUPS queue (needs pycups)
    preview                              no printer: shown in the app and spooled (preview.py)

Any of them may end in ``?profile=TM-T88V`` (a python-escpos printer profile: which code
page sits in which ``ESC t`` slot) and ``status=off`` (the same as ``status = "no"``).

``send(printer_settings, data)`` is the boundary: python-escpos's ``Error``, ``OSError``
(sockets, USB, serial, files) and ``RuntimeError`` (a missing ``[usb]``/``[serial]``
extra) all come out as one ``PrinterUnavailable`` with a Norwegian reason. Every send
makes a new printer object, so a failed connection is never reused. python-escpos is
imported inside the functions: it costs ~0.4 s, which the app's start cannot afford.

Delivery (``deliver``): "printed" means confirmed. Where the printer can be read from
(network, USB, serial) and its ``status`` setting is not "no", a job first asks the paper
sensor (``DLE EOT 4``), then sends the job, then asks again — or, with ``process_id``,
sends Epson's ``GS ( H`` fn 48 — and the job is confirmed only by an answer that comes
after its bytes, within the printer's timeout (a busy printer may answer late). The
first question on a connection may take up to ``wake_timeout`` (a printer waking from
standby). Answers are counted, so a late answer to the first question never confirms
the job. What a printer is known to do (it has answered before; asked and not yet
answered; learned that it never answers) is the caller's to remember and pass in (the
queue keeps it in the database). ``PrinterUnavailable.sent`` says whether any byte of
the job may have reached the printer: if not (refused; closed before the job, seen
when reading the first answer or just before the job's bytes), retrying is safe; if so,
the job is uncertain and is never re-sent without staff asking.

A connection string that cannot name a printer (``tpc://…``, port 401190) raises
``BadPrinterAddress`` from ``parse_url`` saying what is wrong in it: retrying cannot
help, the settings must change.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import select
import socket
import struct
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, unquote, urlsplit

from viver_tui.errors import ViverError
from viver_tui.locale import t

if TYPE_CHECKING:
    # Only for annotations: the settings layer may call parse_url without a cycle.
    from viver_tui.config import PrinterSettings

SCHEMES = ("usb", "tcp", "serial", "file", "cups")
DEFAULT_TCP_PORT = 9100
DLE_EOT_PAPER = b"\x10\x04\x04"
PAPER_END = 0x60  # bits 5 and 6 of the DLE EOT 4 answer: paper roll end sensor

PrinterFactory = Callable[["PrinterSettings"], Any]
"""Makes a (not yet connected) python-escpos printer for a printer's settings."""


class PrinterUnavailable(ViverError):
    """A printer could not take a job; ``message`` says which, where and why."""

    def __init__(
        self,
        url: str,
        reason: str,
        *,
        paper_out: bool = False,
        sent: bool = False,
        answered: bool | None = None,
        message: str | None = None,
    ) -> None:
        super().__init__(message or reason)
        self.url = url
        self.reason = reason
        self.paper_out = paper_out
        # True: bytes of the job may have reached the printer (never re-send blindly)
        self.sent = sent
        self.answered = answered  # did the printer answer a status query on the way


class BadPrinterAddress(PrinterUnavailable):
    """A connection string that names no printer; ``problem`` says what is wrong in it.

    Retrying cannot help (the settings must change), so a job for it is not retried;
    ``message`` adds the forms a connection string may take.
    """

    def __init__(self, url: str, problem: str) -> None:
        reason = t("print.error.bad_url", url=url, problem=problem)
        super().__init__(url, reason, message=f"{reason}. {t('print.error.url_forms')}")
        self.problem = problem


@dataclass(frozen=True)
class Target:
    """A parsed connection string."""

    scheme: str  # usb | tcp | serial | file | cups | preview
    address: str = ""  # host, device file, queue or VID:PID
    port: int = 0
    options: dict[str, str] = field(default_factory=dict)

    @property
    def profile(self) -> str | None:
        return self.options.get("profile")


def is_preview(url: str) -> bool:
    return url.strip().lower() in ("", "preview")


def parse_url(url: str) -> Target:
    """Parse a connection string; raise ``BadPrinterAddress`` naming what is wrong in it
    (an unknown kind, a missing host, a port outside 1–65535, a USB id that is not hex …).
    """
    if is_preview(url):
        return Target("preview")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise BadPrinterAddress(url, _unknown_scheme(scheme))
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    if scheme == "tcp":
        if not parts.hostname:
            raise BadPrinterAddress(url, t("print.url.host"))
        return Target("tcp", parts.hostname, _port(url, parts.netloc), options)
    if scheme == "usb":
        vendor, colon, product = parts.netloc.partition(":")
        if not (colon and _is_hex(vendor) and _is_hex(product)):
            raise BadPrinterAddress(url, t("print.url.usb"))
        for name in ("in_ep", "out_ep"):
            _number_option(url, options, name, base=0)
        return Target("usb", f"{vendor}:{product}", 0, options)
    if scheme in ("serial", "file"):
        path = unquote(parts.path)
        if not path:
            raise BadPrinterAddress(url, t("print.url.path", example=f"{scheme}:///dev/…"))
        if scheme == "serial":
            _number_option(url, options, "baudrate", base=10)
        return Target(scheme, path, 0, options)
    queue = unquote(parts.netloc + parts.path).strip("/")
    if not queue:
        raise BadPrinterAddress(url, t("print.url.queue"))
    return Target("cups", queue, 0, options)


def _unknown_scheme(scheme: str) -> str:
    if not scheme:
        return t("print.url.no_scheme")
    near = difflib.get_close_matches(scheme, (*SCHEMES, "preview"), n=1, cutoff=0.5)
    hint = t("print.url.did_you_mean", near=near[0]) if near else ""
    return t("print.url.scheme", scheme=scheme, hint=hint)


def _port(url: str, netloc: str) -> int:
    """The port of ``host:port`` (IPv6 ``[::1]:9100`` too); 9100 when left out."""
    host_port = netloc.rpartition("@")[2]
    if host_port.startswith("["):
        after = host_port.partition("]")[2]
        text = after[1:] if after.startswith(":") else ""
    else:
        text = host_port.partition(":")[2]
    if not text:
        return DEFAULT_TCP_PORT
    if not text.isdigit():
        raise BadPrinterAddress(url, t("print.url.port_text", port=text))
    port = int(text)
    if not 1 <= port <= 65535:
        raise BadPrinterAddress(url, t("print.url.port_range", port=port))
    return port


def _is_hex(text: str) -> bool:
    return bool(text) and all(c in "0123456789abcdefABCDEF" for c in text)


def _number_option(url: str, options: dict[str, str], name: str, *, base: int) -> None:
    if name not in options:
        return
    try:
        int(options[name], base)
    except ValueError:
        raise BadPrinterAddress(
            url, t("print.url.option", name=name, value=options[name])
        ) from None


def open_printer(printer: PrinterSettings) -> Any:
    """A new, unconnected python-escpos printer for ``printer.url`` (not for preview)."""
    target = parse_url(printer.url)
    kwargs: dict[str, Any] = {"profile": target.profile} if target.profile else {}
    if target.scheme == "tcp":
        return network_class()(
            host=target.address, port=target.port, timeout=printer.timeout, **kwargs
        )
    if target.scheme == "usb":
        from escpos.printer import Usb

        if not Usb.is_usable():  # pyusb missing: say so (its close() would raise later)
            raise PrinterUnavailable(
                printer.url, t("print.error.driver_missing", kind="USB", extra="usb")
            )
        vendor, product = (int(x, 16) for x in target.address.split(":"))
        extra = {k: int(v, 0) for k, v in target.options.items() if k in ("in_ep", "out_ep")}
        return Usb(vendor, product, timeout=int(printer.timeout * 1000), **extra, **kwargs)
    if target.scheme == "serial":
        from escpos.printer import Serial

        if not Serial.is_usable():
            raise PrinterUnavailable(
                printer.url, t("print.error.driver_missing", kind="serial", extra="serial")
            )
        baudrate = int(target.options.get("baudrate", "9600"))
        return Serial(target.address, baudrate=baudrate, timeout=printer.timeout, **kwargs)
    if target.scheme == "file":
        from escpos.printer import File

        return File(target.address, **kwargs)
    if target.scheme == "cups":
        from escpos.printer import CupsPrinter

        return CupsPrinter(target.address, **kwargs)
    raise BadPrinterAddress(printer.url, _unknown_scheme(target.scheme))


@lru_cache(maxsize=1)
def network_class() -> type:
    """python-escpos's ``Network`` with Nagle off and a check that the printer took it all."""
    from escpos.printer import Network

    class CheckedNetwork(Network):  # type: ignore[misc, valid-type]
        def open(self, raise_not_found: bool = True) -> None:
            super().open(raise_not_found)
            if self._device:
                self._device.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        wait_for_ack = True  # off where a status answer after the job confirms it

        def _raw(self, msg: bytes) -> None:
            super()._raw(msg)
            if self.wait_for_ack:
                wait_until_acknowledged(self.device, self.timeout)

        def _read(self) -> bytes:
            data = super()._read()
            if not data:
                raise ConnectionResetError("the printer closed the connection")
            return data

    return CheckedNetwork


def wait_until_acknowledged(sock: Any, timeout: float) -> None:
    """Wait until the peer has acknowledged every byte sent (Linux ``TIOCOUTQ``).

    ``sendall`` returns once the bytes are in our kernel's buffer; a printer that was
    unplugged never acknowledges them. Where the ioctl is missing this returns at once.
    """
    try:
        import fcntl
        import termios

        request = termios.TIOCOUTQ
    except (ImportError, AttributeError):
        return
    deadline = time.monotonic() + timeout
    while True:
        unsent = struct.unpack("i", fcntl.ioctl(sock.fileno(), request, b"\0\0\0\0"))[0]
        if unsent == 0:
            return
        error = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if error:
            raise ConnectionResetError(error, os.strerror(error))
        if time.monotonic() > deadline:
            raise TimeoutError(f"{unsent} bytes not acknowledged by the printer")
        time.sleep(0.005)


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
    target = parse_url(printer.url)
    return (
        printer.status != "no"
        and target.options.get("status", "auto") not in ("off", "no")
        and target.scheme in ("tcp", "usb", "serial")
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
        if not _is_printer_error(exc):
            raise
        raise PrinterUnavailable(
            url, explain(exc, printer_settings, sent=sent), sent=sent, answered=answered
        ) from exc
    finally:
        if printer is not None:
            _close_quietly(printer)


def send(
    printer_settings: PrinterSettings,
    data: bytes,
    factory: PrinterFactory | None = None,
) -> Delivery:
    """``deliver`` for one-off pages (``viver print-test``): nothing learned or kept."""
    return deliver(printer_settings, data, factory)


def _is_printer_error(exc: BaseException) -> bool:
    from escpos.exceptions import Error as EscposError

    # AssertionError: Usb.open and CupsPrinter report a missing device by assert.
    return isinstance(exc, (EscposError, OSError, RuntimeError, AssertionError, ValueError))


def _close_quietly(printer: Any) -> None:
    with contextlib.suppress(Exception):  # a failed close must not hide the outcome
        printer.close()
    printer._device = False  # python-escpos's __del__ closes again; make that a no-op


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def explain(exc: BaseException, printer: PrinterSettings, *, sent: bool = True) -> str:
    """A Norwegian reason for a printer failure, from the exception and its causes.

    ``sent``: whether any byte of the job may have reached the printer — a connection
    that ends before that is "closed before the job", not "broke mid-job".
    """
    chain = _chain(exc)
    for err in chain:
        if isinstance(err, ConnectionRefusedError):
            return t("print.error.refused")
        if isinstance(err, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            return t("print.error.dropped") if sent else t("print.error.closed_early")
        if isinstance(err, TimeoutError):
            return t("print.error.timeout", seconds=f"{printer.timeout:g}")
    for err in chain:
        if isinstance(err, RuntimeError) and "library" in str(err).lower():
            kind = parse_url(printer.url).scheme
            return t("print.error.driver_missing", kind=kind.upper(), extra=kind)
        if isinstance(err, ValueError) and "Encoding" in str(err):
            return t("print.error.code_page", code_page=printer.code_page)
        if isinstance(err, FileNotFoundError):
            return t("print.error.not_found", detail=err.filename or printer.url)
        if isinstance(err, OSError) and err.strerror:
            return t("print.error.not_found", detail=err.strerror)
    first = str(exc).strip().splitlines()
    return t("print.error.other", detail=first[-1] if first else type(exc).__name__)


def describe(role: str, printer: PrinterSettings, error: PrinterUnavailable) -> str:
    """``Etikettskriveren svarer ikke (tcp://…): tilkoblingen ble avvist`` (status bar)."""
    name = t(f"printer.{role}")
    if isinstance(error, BadPrinterAddress):
        return t(
            "print.bad_address", printer=name, url=printer.url, problem=error.problem, role=role
        )
    if error.paper_out:
        return t("print.paper_out", printer=name, url=printer.url)
    return t("print.unavailable", printer=name, url=printer.url, reason=error.reason)
