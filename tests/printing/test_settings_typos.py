"""Finding 4 of issue 18 as a shop meets it: a typo in the settings stops `viver`,
`viver print-test` and `viver check` with exit 2 and a line per problem — the labels
never go to the preview printer instead of the printer the settings name."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.printing.conftest import TcpPrinter
from viver_tui.cli import main

TYPO = """\
[database]
url = "sqlite:///{db}"

[printers.lable]
url = "{printer}"
columns = 32
"""


@pytest.mark.parametrize(
    "command",
    [["print-test", "--label"], ["check"], ["init"], []],
    ids=["print-test", "check", "init", "start"],
)
def test_a_misspelt_printer_table_stops_every_command(
    tmp_path: Path,
    tcp_printer: TcpPrinter,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    # The database is a folder: were the typo let through, every command would end at
    # once with another message (the app never starts and waits for keys in a test).
    (tmp_path / "v.db").mkdir()
    config = tmp_path / "config.toml"
    config.write_text(TYPO.format(db=tmp_path / "v.db", printer=tcp_printer.url), encoding="utf-8")
    monkeypatch.setenv("VIVER_CONFIG", str(config))
    monkeypatch.setenv("VIVER_SPOOL_DIR", str(tmp_path / "spool"))
    assert main(command) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"viver: {config}, linje 4: ukjent tabell [printers.lable] — mente du "
        "[printers.label]?\n"
    )
    # Nothing went anywhere: no preview spooled, nothing made, the printer untouched.
    assert not (tmp_path / "spool").exists()
    assert list((tmp_path / "v.db").iterdir()) == []
    assert tcp_printer.received() == b""


def test_every_problem_gets_its_own_line_in_english_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[printers.receipt]\nulr = "tcp://10.0.0.9"\ntimeout = "5 s"\n', encoding="utf-8"
    )
    monkeypatch.setenv("VIVER_CONFIG", str(config))
    monkeypatch.setenv("VIVER_IDLE_LOCK", "-1")
    assert main(["--language", "en", "check"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "viver: VIVER_IDLE_LOCK: “idle_lock_minutes” must be a number of minutes (0 = never, "
        "at most 1440), not “-1”",
        f"viver: {config}, line 2: unknown key “ulr” in [printers.receipt] — did you mean "
        "“url”?",
        f"viver: {config}, line 3: “timeout” in [printers.receipt] must be a positive number "
        "of seconds (at most 600), not “5 s”",
    ]
