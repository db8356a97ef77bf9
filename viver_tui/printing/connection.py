"""Printer connection strings → python-escpos printers, and the one place errors are caught.

Connection strings (``PrinterSettings.url``)::

    usb://04b8:0202                      Epson TM-T20 on USB (vendor:product, hex)
    tcp://192.168.1.50:9100              a network printer (port 9100 if left out)
    serial:///dev/ttyUSB0?baudrate=9600  a serial printer
    file:///dev/usb/lp0                  a device file (the kernel's usblp driver)
    cups://QueueName                     a raw CUPS queue (needs pycups)
    preview                              no printer: shown in the app and spooled (preview.py)

Any of them may end in ``?profile=TM-T88V`` (a python-escpos printer profile: which code
page sits in which ``ESC t`` slot) and ``status=off`` (never ask the printer for status).

``send(printer_settings, data)`` is the boundary: python-escpos's ``Error``, ``OSError``
(sockets, USB, serial, files) and ``RuntimeError`` (a missing ``[usb]``/``[serial]``
extra) all come out as one ``PrinterUnavailable`` with a Norwegian reason. Every send
makes a new printer object, so a failed connection is never reused. python-escpos is
imported inside the functions: it costs ~0.4 s, which the app's start cannot afford.

Status (``DLE EOT``): where the printer can be read from (network, USB, serial), each job
first asks the paper sensor. A printer that answers is remembered (per process and URL);
from then on a missing answer means it hangs — the job is not sent — and an answer is
also required after the job, confirming the printer took every byte before the job is
marked printed. Out of paper is reported as such, and the job waits.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from viver_tui.config import PrinterSettings
from viver_tui.errors import ViverError
from viver_tui.locale import t

SCHEMES = ("usb", "tcp", "serial", "file", "cups")
DEFAULT_TCP_PORT = 9100
STATUS_WAIT_S = 0.5  # how long to wait for a DLE EOT answer
DLE_EOT_ONLINE = b"\x10\x04\x01"
DLE_EOT_PAPER = b"\x10\x04\x04"
PAPER_END = 0x60  # bits 5 and 6 of the DLE EOT 4 answer: paper roll end sensor

PrinterFactory = Callable[[PrinterSettings], Any]
"""Makes a (not yet connected) python-escpos printer for a printer's settings."""


class PrinterUnavailable(ViverError):
    """A printer could not take a job; ``message`` says which, where and why."""

    def __init__(self, url: str, reason: str, *, paper_out: bool = False) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason
        self.paper_out = paper_out


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

    @property
    def status_queries(self) -> bool:
        return self.options.get("status", "auto") != "off" and self.scheme in (
            "tcp",
            "usb",
            "serial",
        )


def is_preview(url: str) -> bool:
    return url.strip().lower() in ("", "preview")


def parse_url(url: str) -> Target:
    """Parse a connection string; raise PrinterUnavailable (bad address) if it is not one."""
    if is_preview(url):
        return Target("preview")
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    bad = PrinterUnavailable(url, t("print.error.bad_url", url=url))
    if scheme not in SCHEMES:
        raise bad
    try:
        if scheme == "tcp":
            if not parts.hostname:
                raise bad
            return Target("tcp", parts.hostname, parts.port or DEFAULT_TCP_PORT, options)
        if scheme == "usb":
            vendor, _, product = parts.netloc.partition(":")
            int(vendor, 16) + int(product, 16)  # both must be hex
            return Target("usb", f"{vendor}:{product}", 0, options)
        if scheme in ("serial", "file"):
            path = unquote(parts.path)
            if not path:
                raise bad
            return Target(scheme, path, 0, options)
        queue = unquote(parts.netloc + parts.path).strip("/")
        return Target("cups", queue, 0, options)
    except ValueError as exc:
        raise bad from exc


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
    raise PrinterUnavailable(printer.url, t("print.error.bad_url", url=printer.url))


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
        import struct
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


# url → whether that printer answers DLE EOT; learned once per process.
_answers_status: dict[str, bool] = {}
_answers_lock = threading.Lock()


def forget_status(url: str | None = None) -> None:
    """Forget what was learned about printers answering status queries (tests, settings)."""
    with _answers_lock:
        if url is None:
            _answers_status.clear()
        else:
            _answers_status.pop(url, None)


def _query(printer: Any, command: bytes) -> bytes | None:
    """Send a DLE EOT query and return the answer, or None when none came in time."""
    device = printer.device
    settimeout = getattr(device, "settimeout", None)
    if settimeout is not None:
        settimeout(STATUS_WAIT_S)
    saved = getattr(printer, "wait_for_ack", None)
    if saved is not None:
        printer.wait_for_ack = False  # the answer is the acknowledgement
    try:
        printer._raw(command)
        return printer._read() or None
    except TimeoutError:
        return None
    except NotImplementedError:
        return None
    finally:
        if saved is not None:
            printer.wait_for_ack = saved
        if settimeout is not None:
            settimeout(getattr(printer, "timeout", STATUS_WAIT_S))


def _check_before(printer: Any, url: str, target: Target) -> None:
    with _answers_lock:
        known = _answers_status.get(url)
    if known is False or not target.status_queries:
        return
    answer = _query(printer, DLE_EOT_PAPER)
    if answer is None:
        if known:
            raise PrinterUnavailable(url, t("print.error.no_answer"))
        with _answers_lock:
            _answers_status[url] = False
        return
    with _answers_lock:
        _answers_status[url] = True
    if answer[0] & PAPER_END == PAPER_END:
        raise PrinterUnavailable(url, t("print.error.paper_out"), paper_out=True)


def _confirm_after(printer: Any, url: str, target: Target) -> None:
    with _answers_lock:
        known = _answers_status.get(url)
    if known and target.status_queries and _query(printer, DLE_EOT_ONLINE) is None:
        raise PrinterUnavailable(url, t("print.error.no_answer"))


def send(
    printer_settings: PrinterSettings,
    data: bytes,
    factory: PrinterFactory | None = None,
) -> None:
    """Send one job's bytes to the printer, or raise PrinterUnavailable.

    Blocking (up to about twice ``printer_settings.timeout``): call it from a worker
    thread, never from the UI thread.
    """
    url = printer_settings.url
    target = parse_url(url)
    printer = None
    try:
        printer = (factory or open_printer)(printer_settings)
        printer.open()
        _check_before(printer, url, target)
        if hasattr(printer, "wait_for_ack"):
            # A peer that delays its ACKs would cost ~40 ms a job; a printer that answers
            # status confirms the job by answering after it instead.
            with _answers_lock:
                printer.wait_for_ack = not _answers_status.get(url)
        printer._raw(data)
        if target.scheme == "cups":
            printer.send()
        _confirm_after(printer, url, target)
    except PrinterUnavailable:
        raise
    except Exception as exc:
        if not _is_printer_error(exc):
            raise
        raise PrinterUnavailable(url, explain(exc, printer_settings)) from exc
    finally:
        if printer is not None:
            _close_quietly(printer)


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


def explain(exc: BaseException, printer: PrinterSettings) -> str:
    """A Norwegian reason for a printer failure, from the exception and its causes."""
    chain = _chain(exc)
    for err in chain:
        if isinstance(err, ConnectionRefusedError):
            return t("print.error.refused")
        if isinstance(err, (ConnectionResetError, BrokenPipeError, ConnectionAbortedError)):
            return t("print.error.dropped")
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
    if error.paper_out:
        return t("print.paper_out", printer=t(f"printer.{role}"), url=printer.url)
    return t(
        "print.unavailable",
        printer=t(f"printer.{role}"),
        url=printer.url,
        reason=error.reason,
    )
