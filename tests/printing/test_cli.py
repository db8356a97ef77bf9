"""``viver print-test``: to a TCP printer, to preview, and a clear line when it fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.printing.conftest import TcpPrinter
from viver_tui.cli import main


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite:///{tmp_path / "v.db"}"\n'
        f'[printers]\nspool_dir = "{tmp_path / "spool"}"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("VIVER_CONFIG", str(path))
    return path


def test_print_test_to_tcp(config: Path, tcp_printer: TcpPrinter, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["print-test", "--printer", tcp_printer.url]) == 0
    assert capsys.readouterr().out == (
        f"Testsiden er skrevet ut på {tcp_printer.url} (bekreftet av skriveren).\n"
    )
    received = tcp_printer.received()
    assert b"\x1b@\x1bt\x05" in received
    assert b"\x92\x9d\x8f \x91\x9b\x86" in received  # ÆØÅ æøå in CP865
    assert b"\x1dkI\x0b{B104233-03" in received


def test_print_test_refused_says_why(config: Path, refused_url: str, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["print-test", "--printer", refused_url]) == 2
    err = capsys.readouterr().err
    assert err.startswith("viver: Kunne ikke skrive ut testsiden:")
    assert "tilkoblingen ble avvist" in err and "Traceback" not in err


def test_print_test_invalid_address_says_what_is_wrong_in_it(  # type: ignore[no-untyped-def]
    config: Path, capsys
) -> None:
    assert main(["print-test", "--printer", "tcp://127.0.0.1:401190"]) == 2
    assert capsys.readouterr().err == (
        "viver: Kunne ikke skrive ut testsiden: ugyldig skriveradresse «tcp://127.0.0.1:401190»: "
        "porten 401190 er utenfor 1–65535. Bruk usb://VID:PID, tcp://vert:9100, "
        "serial:///dev/ttyUSB0?baudrate=9600, file:///dev/usb/lp0, cups://Kø eller preview\n"
    )


def test_print_test_preview_spools_and_shows(config: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["print-test", "--label"]) == 0
    out = capsys.readouterr().out
    assert "ÆØÅ æøå" in out and "[strekkode 104233-03]" in out
    (spooled,) = (tmp_path / "spool").iterdir()
    assert spooled.read_bytes().startswith(b"\x1b@\x1bt\x05")


@pytest.mark.parametrize("mode", ["hang", "silent"])
def test_print_test_not_confirmed_exits_non_zero_with_one_line(  # type: ignore[no-untyped-def]
    config: Path, tcp_printer: TcpPrinter, capsys, mode: str
) -> None:
    """A hung printer accepts the connection and says nothing: that is not "printed"."""
    tcp_printer.mode = mode
    config.write_text(
        config.read_text(encoding="utf-8")
        + "[printers.receipt]\ntimeout = 1.0\nwake_timeout = 1.0\n",
        encoding="utf-8",
    )
    assert main(["print-test", "--printer", tcp_printer.url]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"viver: Testsiden er sendt til {tcp_printer.url}, men skriveren bekreftet den "
        "ikke – sjekk at den kom ut.\n"
    )
