"""``viver staff|customer|export|purge-expired`` as a shop runs them: a real process, PINs
on standard input (never in argv), one line out, exit 0 / 2 (refused) / 3 (not finished)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path


def viver(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.touch()
    environment = {
        **os.environ,
        "VIVER_CONFIG": str(config),
        "VIVER_DATABASE": str(tmp_path / "viver.db"),
        "VIVER_SPOOL_DIR": str(tmp_path / "spool"),
    }
    return subprocess.run(
        [sys.executable, "-m", "viver_tui", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    out = (result.stdout + result.stderr).strip()
    assert "\n" not in out and "Traceback" not in out, out
    return out


def test_staff_commands(tmp_path: Path) -> None:
    # The first admin: no sign-in on a database without staff.
    first = viver(tmp_path, "staff", "add", "--name", "Åse Ødegård", "--initials", "ao",
                  "--role", "admin", stdin="2468\n")
    assert first.returncode == 0, first.stderr
    assert one_line(first) == "La til Åse Ødegård (ao, administrator)."
    # After that an admin's PIN is needed, read from standard input.
    anonymous = viver(tmp_path, "staff", "add", "--name", "Per", "--initials", "pe",
                      "--role", "counter", stdin="1234\n")
    assert anonymous.returncode == 2 and "--staff" in one_line(anonymous)
    wrong = viver(tmp_path, "staff", "add", "--name", "Per", "--initials", "pe",
                  "--role", "counter", "--staff", "ao", stdin="1111\n1234\n")
    assert wrong.returncode == 2 and one_line(wrong) == "viver: Feil PIN."
    added = viver(tmp_path, "staff", "add", "--name", "Per Hansen", "--initials", "pe",
                  "--role", "counter", "--staff", "ao", stdin="2468\n1234\n")
    assert added.returncode == 0, added.stderr
    # A counter person is refused admin work.
    refused = viver(tmp_path, "staff", "disable", "ao", "--staff", "pe", stdin="1234\n")
    assert refused.returncode == 2 and "rolle (skranke)" in one_line(refused)
    listed = viver(tmp_path, "staff", "list", "--staff", "ao", stdin="2468\n")
    assert listed.returncode == 0
    assert [line.split()[:3] for line in listed.stdout.splitlines()] == [
        ["ao", "administrator", "aktiv"], ["pe", "skranke", "aktiv"],
    ]
    reset = viver(tmp_path, "staff", "reset-pin", "pe", "--staff", "ao", stdin="2468\n5555\n")
    assert reset.returncode == 0 and one_line(reset) == "Ny PIN satt for pe."
    disabled = viver(tmp_path, "staff", "disable", "pe", "--staff", "ao", stdin="2468\n")
    assert disabled.returncode == 0 and one_line(disabled) == "Deaktiverte pe."
    no_pin = viver(tmp_path, "staff", "list", "--staff", "ao")
    assert no_pin.returncode == 2 and "Fikk ingen PIN" in one_line(no_pin)
    con = sqlite3.connect(tmp_path / "viver.db")
    actions = [a for (a,) in con.execute("SELECT action FROM audit_event ORDER BY id")]
    assert actions.count("sign_in_failed") == 1 and "staff_disable" in actions
    hashes = " ".join(h for (h,) in con.execute("SELECT pin_hash FROM staff"))
    assert "2468" not in hashes and "5555" not in hashes


def test_demo_data_says_which_staff_to_sign_in_with(tmp_path: Path) -> None:
    result = viver(tmp_path, "demo-data", "--customers", "5")
    assert result.returncode == 0, result.stderr
    assert "adm (administrator), disk (skranke), prod (produksjon) — PIN 1234" in result.stderr
    listed = viver(tmp_path, "staff", "list", "--staff", "adm", stdin="1234\n")
    assert listed.returncode == 0
    assert [line.split()[0] for line in listed.stdout.splitlines()] == ["adm", "disk", "prod"]

