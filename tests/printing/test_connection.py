"""Connection strings and the one error boundary, against real sockets and files."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.printing.conftest import TcpPrinter, eventually
from viver_tui.config import PrinterSettings
from viver_tui.printing.connection import (
    PrinterUnavailable,
    describe,
    parse_url,
    send,
)

JOB = b"\x1b@\x1bt\x05Hei \x91\x9b\x86\n\x1bd\x06\x1dV\x00"


@pytest.mark.parametrize(
    ("url", "scheme", "address", "port", "options"),
    [
        ("usb://04b8:0202", "usb", "04b8:0202", 0, {}),
        ("tcp://192.168.1.50:9100", "tcp", "192.168.1.50", 9100, {}),
        ("tcp://skriver.local", "tcp", "skriver.local", 9100, {}),
        ("serial:///dev/ttyUSB0?baudrate=9600", "serial", "/dev/ttyUSB0", 0, {"baudrate": "9600"}),
        ("file:///dev/usb/lp0", "file", "/dev/usb/lp0", 0, {}),
        ("cups://Kvittering_Skranke", "cups", "Kvittering_Skranke", 0, {}),
        ("tcp://10.0.0.9?profile=TM-T88V", "tcp", "10.0.0.9", 9100, {"profile": "TM-T88V"}),
        ("preview", "preview", "", 0, {}),
    ],
)
def test_parse_url(url: str, scheme: str, address: str, port: int, options: dict) -> None:
    target = parse_url(url)
    assert (target.scheme, target.address, target.port, target.options) == (
        scheme,
        address,
        port,
        options,
    )


@pytest.mark.parametrize("url", ["lpt1", "http://x", "usb://epson", "tcp://", "file://"])
def test_bad_url_says_what_to_write(url: str) -> None:
    with pytest.raises(PrinterUnavailable) as caught:
        parse_url(url)
    assert "ukjent skriveradresse" in caught.value.message
    assert "tcp://vert:9100" in caught.value.message


def test_tcp_normal_receives_exact_bytes(tcp_printer: TcpPrinter) -> None:
    send(PrinterSettings(url=tcp_printer.url, timeout=1), JOB)
    # status query first (paper sensor), then the job, then the confirming query
    assert tcp_printer.received() == b"\x10\x04\x04" + JOB + b"\x10\x04\x01"


def test_tcp_refused_is_one_norwegian_error(refused_url: str) -> None:
    printer = PrinterSettings(url=refused_url, timeout=1)
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable) as caught:
        send(printer, JOB)
    assert time.monotonic() - started < 1
    assert caught.value.reason == "tilkoblingen ble avvist"
    assert describe("label", printer, caught.value) == (
        f"Etikettskriveren svarer ikke ({refused_url}): tilkoblingen ble avvist"
    )


def test_printer_that_answered_then_hangs_is_not_sent_the_job(tcp_printer: TcpPrinter) -> None:
    printer = PrinterSettings(url=tcp_printer.url, timeout=1)
    send(printer, JOB)  # learns that this printer answers status queries
    tcp_printer.mode = "hang"
    started = time.monotonic()
    with pytest.raises(PrinterUnavailable) as caught:
        send(printer, JOB)
    assert time.monotonic() - started < 2
    assert caught.value.reason == "ingen svar på statusspørsmål"


def test_paper_out_is_reported_and_nothing_sent(tcp_printer: TcpPrinter) -> None:
    tcp_printer.mode = "paper_out"
    printer = PrinterSettings(url=tcp_printer.url, timeout=1)
    with pytest.raises(PrinterUnavailable) as caught:
        send(printer, JOB)
    assert caught.value.paper_out
    assert caught.value.reason == "tomt for papir"
    assert describe("receipt", printer, caught.value) == (
        f"Kvitteringsskriveren: tomt for papir ({tcp_printer.url})"
    )
    assert eventually(lambda: tcp_printer.received() == b"\x10\x04\x04")


def test_printer_without_status_gets_the_job(tcp_printer: TcpPrinter) -> None:
    tcp_printer.mode = "silent"
    send(PrinterSettings(url=tcp_printer.url, timeout=1), JOB)
    send(PrinterSettings(url=tcp_printer.url, timeout=1), JOB)  # asks only once
    assert eventually(lambda: tcp_printer.received() == b"\x10\x04\x04" + JOB + JOB)


def test_connection_dropped_mid_job_is_an_error(tcp_printer: TcpPrinter) -> None:
    tcp_printer.mode = "drop"
    tcp_printer.drop_after = 5
    printer = PrinterSettings(url=tcp_printer.url, timeout=1)
    with pytest.raises(PrinterUnavailable) as caught:
        send(printer, JOB)
    assert caught.value.reason == "forbindelsen brøt midt i utskriften"


def test_file_printer_writes_the_bytes(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    send(PrinterSettings(url=f"file://{device}"), JOB)
    assert device.read_bytes() == JOB


def test_missing_device_file_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "lp0"
    with pytest.raises(PrinterUnavailable) as caught:
        send(PrinterSettings(url=f"file://{missing}"), JOB)
    assert str(missing) in caught.value.reason or "finner ikke" in caught.value.reason


def test_usb_printer_that_is_not_there(tmp_path: Path) -> None:
    with pytest.raises(PrinterUnavailable) as caught:
        send(PrinterSettings(url="usb://04b8:0202", timeout=0.2), JOB)
    assert caught.value.message  # a sentence, not a traceback


def test_importing_the_queue_loads_neither_escpos_nor_textual() -> None:
    code = (
        "import sys, viver_tui.printing.queue, viver_tui.printing.cli;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('escpos', 'textual')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
