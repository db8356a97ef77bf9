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

``explain`` is the boundary's wording: python-escpos's ``Error``, ``OSError`` (sockets,
USB, serial, files) and ``RuntimeError`` (a missing ``[usb]``/``[serial]`` extra) all
come out of ``delivery.deliver`` as one ``PrinterUnavailable`` with a Norwegian reason.
Every job opens a new printer object (``open_printer``), so a failed connection is never
reused. python-escpos is imported inside the functions: it costs ~0.4 s, which the
app's start cannot afford.

A connection string that cannot name a printer (``tpc://…``, port 401190) raises
``BadPrinterAddress`` from ``parse_url`` saying what is wrong in it: retrying cannot
help, the settings must change. The settings check may call ``parse_url`` too (this
module imports the settings only for type checking).
"""

from __future__ import annotations

import contextlib
import difflib
import os
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


def set_without_status(printer: PrinterSettings) -> bool:
    """Has the shop said this printer cannot report status (``status = "no"``, or
    ``status=off`` in its connection string)? Then its jobs are sent unasked and what it
    did not confirm does not wait for staff."""
    if printer.status == "no":
        return True
    try:
        return parse_url(printer.url).options.get("status", "auto") in ("off", "no")
    except BadPrinterAddress:
        return False


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


def is_printer_error(exc: BaseException) -> bool:
    from escpos.exceptions import Error as EscposError

    # AssertionError: Usb.open and CupsPrinter report a missing device by assert.
    return isinstance(exc, (EscposError, OSError, RuntimeError, AssertionError, ValueError))


def close_quietly(printer: Any) -> None:
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
