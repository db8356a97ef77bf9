"""The `viver` command as a shop runs it: a real process, real files, one-line errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest


def viver(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.touch()
    environment = {
        **os.environ,
        "VIVER_CONFIG": str(config),
        "VIVER_DATABASE": str(tmp_path / "viver.db"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "viver_tui", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def test_help_reads_well(tmp_path: Path) -> None:
    result = viver(tmp_path, "--help")
    assert result.returncode == 0
    for word in ("init", "demo-data", "VIVER_DATABASE", "Uten kommando starter"):
        assert word in result.stdout


def test_init_creates_the_database(tmp_path: Path) -> None:
    result = viver(tmp_path, "init")
    assert result.returncode == 0, result.stderr
    from viver_tui.migrations import latest_version

    assert f"skjemaversjon {latest_version()}" in result.stdout
    tables = sqlite3.connect(tmp_path / "viver.db").execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'"
    )
    assert {"customer", "order", "media_item"} <= {name for (name,) in tables}


def test_demo_data_fills_with_norwegian_customers(tmp_path: Path) -> None:
    result = viver(tmp_path, "demo-data", "--customers", "300")
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(tmp_path / "viver.db")
    assert con.execute("SELECT COUNT(*) FROM customer").fetchone()[0] == 300
    names = " ".join(n for (n,) in con.execute("SELECT name FROM customer"))
    assert any(letter in names for letter in "æøåÆØÅ")
    assert con.execute(
        "SELECT COUNT(*) FROM customer WHERE phone IS NULL AND email IS NULL"
    ).fetchone()[0] == 0
    phones = [p for (p,) in con.execute("SELECT phone FROM customer WHERE phone IS NOT NULL")]
    assert phones and all(p.startswith("+47") and len(p) == 11 for p in phones)
    assert con.execute("SELECT COUNT(*) FROM 'order'").fetchone()[0] >= 300
    codes = con.execute("SELECT code FROM media_item LIMIT 5").fetchall()
    assert all("-" in code for (code,) in codes)


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("init",), {"VIVER_DATABASE": "mongodb://x/y"}, "Ukjent database-adresse"),
        (("init",), {"VIVER_DATABASE": "postgresql://postgres@127.0.0.1:1/x"}, "databaseserveren"),
        (("init",), {"VIVER_LANGUAGE": "de"}, "språk"),
        (("demo-data", "--customers", "-1"), {}, "0 eller mer"),
    ],
)
def test_errors_are_one_clear_line(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], message: str
) -> None:
    result = viver(tmp_path, *args, **env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_too_new_database_is_refused_in_one_line(tmp_path: Path) -> None:
    assert viver(tmp_path, "init").returncode == 0
    con = sqlite3.connect(tmp_path / "viver.db")
    con.execute("UPDATE schema_info SET value = '7' WHERE key = 'schema_version'")
    con.commit()
    result = viver(tmp_path)  # starting the app
    assert result.returncode == 2
    assert "nyere versjon" in result.stderr
    assert "Traceback" not in result.stderr
