"""Connection strings and the one error boundary, against real sockets and files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.printing.conftest import TcpPrinter, eventually
from viver_tui.config import PrinterSettings
from viver_tui.printing.connection import (
    BadPrinterAddress,
    PrinterUnavailable,
    describe,
    parse_url,
)
from viver_tui.printing.delivery import Delivery, deliver, send

JOB = b"\x1b@\x1bt\x05Hei \x91\x9b\x86\n\x1bd\x06\x1dV\x00"


def printer_at(url: str, **settings: Any) -> PrinterSettings:
    """A printer given 1 s to answer, a first answer too (a hung one costs 1 s)."""
    return PrinterSettings(url=url, **{"timeout": 1, "wake_timeout": 1, **settings})


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


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("lpt1", "mangler typen foran «://» (for eksempel tcp://)"),
        ("http://x", "ukjent type «http»"),
        ("tpc://127.0.0.1:9100", "ukjent type «tpc» (mente du «tcp»?)"),
        ("usb://epson", "en USB-adresse er leverandør:produkt i heksadesimal"),
        ("tcp://", "mangler vertsnavn eller IP-adresse"),
        ("tcp://127.0.0.1:401190", "porten 401190 er utenfor 1–65535"),
        ("tcp://127.0.0.1:0", "porten 0 er utenfor 1–65535"),
        ("tcp://skriver:91OO", "porten «91OO» er ikke et tall"),
        ("file://", "mangler filstien (for eksempel file:///dev/…)"),
        ("serial:///dev/ttyUSB0?baudrate=fort", "«baudrate=fort» er ikke et tall"),
        ("cups://", "mangler navnet på CUPS-køen"),
    ],
)
def test_bad_url_says_what_is_wrong_in_it_and_what_to_write(url: str, problem: str) -> None:
    with pytest.raises(BadPrinterAddress) as caught:
        parse_url(url)
    assert caught.value.problem.startswith(problem)
    assert caught.value.reason == f"ugyldig skriveradresse «{url}»: {caught.value.problem}"
    assert "tcp://vert:9100" in caught.value.message  # the forms it may take
    assert not caught.value.sent


def test_ipv6_address_with_and_without_port() -> None:
    assert (parse_url("tcp://[::1]:9101").address, parse_url("tcp://[::1]:9101").port) == (
        "::1",
        9101,
    )
    assert parse_url("tcp://[::1]").port == 9100


PRE = b"\x10\x04\x04"  # DLE EOT 4: the paper sensor, asked before and after the job


def test_tcp_normal_is_confirmed_by_the_answer_after_the_job(tcp_printer: TcpPrinter) -> None:
    delivery = deliver(printer_at(tcp_printer.url), JOB)
    assert delivery == Delivery(confirmed=True, answered=True, how="status")
    # status query first (paper sensor), then the job, then the confirming query
    assert tcp_printer.received() == PRE + JOB + PRE


def test_tcp_refused_is_one_norwegian_error_and_nothing_was_sent(refused_url: str) -> None:
    printer = printer_at(refused_url)
    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer, JOB)
    assert caught.value.reason == "tilkoblingen ble avvist"
    assert not caught.value.sent
    assert describe("label", printer, caught.value) == (
        f"Etikettskriveren svarer ikke ({refused_url}): tilkoblingen ble avvist"
    )


def test_printer_known_to_answer_that_hangs_is_not_sent_the_job(tcp_printer: TcpPrinter) -> None:
    tcp_printer.mode = "hang"
    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer_at(tcp_printer.url), JOB, answers=True)
    assert caught.value.reason == "ingen svar på statusspørsmål"
    assert not caught.value.sent  # safe to retry: nothing of the job left


def test_status_yes_printer_hung_from_the_start_is_not_sent_the_job(
    tcp_printer: TcpPrinter,
) -> None:
    tcp_printer.mode = "hang"
    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer_at(tcp_printer.url, status="yes"), JOB)
    assert not caught.value.sent and caught.value.answered is False


def test_auto_printer_hung_from_the_start_is_never_confirmed(tcp_printer: TcpPrinter) -> None:
    """Issue 9, case 1: a hung printer still has its TCP stack acknowledge the bytes."""
    tcp_printer.mode = "hang"
    delivery = deliver(printer_at(tcp_printer.url), JOB)
    assert delivery == Delivery(confirmed=False, answered=False)
    assert tcp_printer.received() == b""


@pytest.mark.parametrize("status", ["auto", "yes"])
def test_printer_that_closes_at_once_took_nothing(tcp_printer: TcpPrinter, status: str) -> None:
    """Finding 5: accepted and closed before any byte of the job: safe to retry, and
    not "forbindelsen brøt midt i utskriften"."""
    tcp_printer.mode = "close"
    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer_at(tcp_printer.url, status=status), JOB)
    assert not caught.value.sent
    assert caught.value.reason == (
        "skriveren lukket forbindelsen før utskriften ble sendt – ingenting er skrevet ut"
    )


def test_printer_without_status_that_closed_before_the_job_is_not_sent_it(
    tcp_printer: TcpPrinter,
) -> None:
    """With nothing asked before the job, the close is seen just before its bytes. (The
    factory opens the connection and returns once the printer has closed it, so the
    close is here before the job, as it is when a printer closes at once.)"""
    from viver_tui.printing.connection import open_printer

    tcp_printer.mode = "close"

    def opened_after_the_close(settings: PrinterSettings) -> Any:
        printer = open_printer(settings)
        connect = printer.open

        def open_then_wait(*args: Any) -> None:
            connect(*args)
            assert eventually(lambda: tcp_printer.closed == 1)

        printer.open = open_then_wait
        return printer

    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer_at(tcp_printer.url, status="no"), JOB, opened_after_the_close)
    assert not caught.value.sent
    assert caught.value.reason.startswith("skriveren lukket forbindelsen før utskriften")


def test_paper_out_is_reported_and_nothing_sent(tcp_printer: TcpPrinter) -> None:
    tcp_printer.mode = "paper_out"
    printer = printer_at(tcp_printer.url)
    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer, JOB)
    assert caught.value.paper_out and not caught.value.sent
    assert caught.value.reason == "tomt for papir"
    assert describe("receipt", printer, caught.value) == (
        f"Kvitteringsskriveren: tomt for papir ({tcp_printer.url})"
    )
    assert eventually(lambda: tcp_printer.received() == PRE)


def test_printer_without_status_gets_the_job_unconfirmed(tcp_printer: TcpPrinter) -> None:
    tcp_printer.mode = "silent"
    printer = printer_at(tcp_printer.url)
    assert deliver(printer, JOB) == Delivery(confirmed=False, answered=False)
    # known not to answer: no question before the job, one after it (it may learn)
    assert deliver(printer, JOB, answers=False) == Delivery(confirmed=False, answered=False)
    # learned that it never answers: nothing asked, no wait at all
    assert deliver(printer, JOB, answers=False, ask=False) == Delivery(False, answered=None)
    assert eventually(lambda: tcp_printer.received() == PRE + JOB + PRE + JOB + PRE + JOB)


def test_status_no_sends_the_job_alone(tcp_printer: TcpPrinter) -> None:
    delivery = deliver(printer_at(tcp_printer.url, status="no"), JOB)
    assert delivery == Delivery(confirmed=False, answered=None)
    assert eventually(lambda: tcp_printer.received() == JOB)


@pytest.mark.parametrize("mode", ["drop", "drop_silent"])
def test_connection_dropped_mid_job_may_have_printed(tcp_printer: TcpPrinter, mode: str) -> None:
    tcp_printer.mode = mode
    tcp_printer.drop_after = 5
    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer_at(tcp_printer.url), JOB)
    assert caught.value.sent  # bytes reached the printer: never re-send blindly
    assert caught.value.reason in (
        "forbindelsen brøt midt i utskriften",
        "skriveren bekreftet ikke utskriften",
    )


def test_late_answer_within_the_timeout_confirms(tcp_printer: TcpPrinter) -> None:
    tcp_printer.mode = "late"  # each answer 0.8 s late
    delivery = deliver(printer_at(tcp_printer.url, timeout=2, wake_timeout=2), JOB)
    assert delivery.confirmed


def test_a_late_answer_to_the_first_question_does_not_confirm_the_job(
    tcp_printer: TcpPrinter,
) -> None:
    """Answers are counted: the answer that arrives after the job may still belong to
    the question before it. It shows that the printer answers, so the job it did not
    confirm is uncertain, not "sent, not confirmed"."""
    tcp_printer.mode = "late"
    tcp_printer.late_s = 1.4  # longer than the 1 s window
    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer_at(tcp_printer.url), JOB)
    assert caught.value.sent and caught.value.answered is True
    assert caught.value.reason == "skriveren bekreftet ikke utskriften"


def test_process_id_response_confirms_this_job(tcp_printer: TcpPrinter) -> None:
    tcp_printer.mode = "process_id"
    printer = printer_at(tcp_printer.url, process_id=True)
    delivery = deliver(printer, JOB, tag=123)
    assert delivery == Delivery(confirmed=True, answered=True, how="process_id")
    assert tcp_printer.received() == PRE + JOB + b"\x1d(H\x06\x00000123"


def test_process_id_not_answered_by_a_printer_that_answers_status_is_uncertain(
    tcp_printer: TcpPrinter,
) -> None:
    printer = printer_at(tcp_printer.url, process_id=True)
    with pytest.raises(PrinterUnavailable) as caught:
        deliver(printer, JOB, tag=7)
    assert caught.value.sent and caught.value.reason == "skriveren bekreftet ikke utskriften"


def test_file_printer_writes_the_bytes_unconfirmed(tmp_path: Path) -> None:
    device = tmp_path / "lp0"
    device.write_bytes(b"")
    assert send(PrinterSettings(url=f"file://{device}"), JOB) == Delivery(confirmed=False)
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


def test_printing_knows_printers_not_the_shop() -> None:
    """printing/ never imports the models, the database or the services (issue 11)."""
    code = (
        "import sys, pkgutil, importlib, viver_tui.printing as p\n"
        "for info in pkgutil.walk_packages(p.__path__, 'viver_tui.printing.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = [m for m in sys.modules if m in ('viver_tui.models', 'viver_tui.db')"
        " or m.startswith('viver_tui.services')]\n"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
