"""Private files and secrets: the database, its -wal/-shm, errors.log and backups are 0600
in 0700 folders whatever the umask; errors.log holds no personal data; a PostgreSQL
password is never printed or shown."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from viver_tui.app import _database_label
from viver_tui.config import default_log_dir
from viver_tui.crash_log import crash_report, write_crash_log
from viver_tui.db import mask_url, redact, writing
from viver_tui.models import Customer
from viver_tui.store import open_database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The umask most systems ship with: files 0644, folders 0755 unless told otherwise."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_new_database_and_its_journal_files_are_private(tmp_path: Path, open_umask: None) -> None:
    path = tmp_path / "shop" / "data" / "viver.db"
    db = open_database(f"sqlite:///{path}")
    with writing(db):
        Customer.create(name="Kari Nordmann")
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    assert wal.exists() and shm.exists()  # the connection is still open
    assert (mode(path), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700
    db.close()


def test_existing_shared_folder_is_left_as_it_is(tmp_path: Path, open_umask: None) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    db = open_database(f"sqlite:///{folder / 'viver.db'}")
    db.close()
    assert mode(folder) == 0o755
    assert mode(folder / "viver.db") == 0o600


def test_viver_init_makes_private_files_under_umask_022(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.touch()
    target = tmp_path / "data" / "viver.db"
    result = subprocess.run(
        [sys.executable, "-m", "viver_tui", "init"],
        capture_output=True,
        text=True,
        env={**os.environ, "VIVER_CONFIG": str(config), "VIVER_DATABASE": str(target)},
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    assert mode(target) == 0o600
    assert mode(target.parent) == 0o700


def _fail_with_personal_data(name: str, phone: str) -> None:
    try:
        int(phone)
    except ValueError as exc:
        raise LookupError(f"Fant ikke {name} ({phone})") from exc


def test_errors_log_holds_types_and_places_not_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_umask: None
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert str(default_log_dir()).startswith(str(tmp_path))
    try:
        _fail_with_personal_data("Åse Ødegård", "+47 912 34 567")
    except LookupError as exc:
        path = write_crash_log(exc)
    text = path.read_text(encoding="utf-8")
    assert "builtins.LookupError" in text
    assert "caused by: builtins.ValueError" in text
    assert "in _fail_with_personal_data" in text
    assert "test_private.py" in text and ", line " in text
    for secret in ("Åse", "Ødegård", "912", "34 567", "Fant ikke", "int(phone)"):
        assert secret not in text
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    try:
        _fail_with_personal_data("Kari", "x")
    except LookupError as exc:
        assert write_crash_log(exc) == path
    assert path.read_text(encoding="utf-8").count("--- ") == 2  # appended, not replaced


def test_crash_report_of_an_exception_without_traceback() -> None:
    report = crash_report(KeyError("Kari Nordmann"), datetime(2026, 11, 25, 14, 5))
    assert report == "--- 2026-11-25T14:05:00\nerror: builtins.KeyError\n"


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        ("postgresql://viver:hemmelig@db.local:5432/viver", "postgresql://viver:***@db.local:5432/viver"),
        ("postgresql://viver:p%40ss@db.local/viver", "postgresql://viver:***@db.local/viver"),
        ("postgresql://viver:p@ss@db.local/viver", "postgresql://viver:***@db.local/viver"),
        ("postgresql://viver@db.local/viver", "postgresql://viver@db.local/viver"),
        ("sqlite:///home/kari/viver.db", "sqlite:///home/kari/viver.db"),
    ],
)
def test_mask_url_hides_the_password(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_redact_masks_a_password_a_driver_echoes() -> None:
    url = "postgresql://viver:p%40ss@db.local/viver"
    text = 'invalid dsn: "postgresql://viver:p%40ss@db.local/viver" password "p@ss" rejected'
    assert "p@ss" not in redact(text, url)
    assert "p%40ss" not in redact(text, url)


def test_status_bar_label_shows_the_server_not_the_password() -> None:
    label = _database_label("postgresql://viver:hemmelig@db.local:5432/viver?sslmode=require")
    assert label == "PostgreSQL: db.local:5432/viver"
    assert "hemmelig" not in _database_label("postgresql://viver:hemmelig@h/x")


def run_viver(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.touch()
    return subprocess.run(
        [sys.executable, "-m", "viver_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "VIVER_CONFIG": str(config), **env},
        timeout=120,
    )


@pytest.mark.parametrize("how", ["--database", "VIVER_DATABASE"])
def test_unreachable_server_error_does_not_print_the_password(tmp_path: Path, how: str) -> None:
    url = "postgresql://postgres:Hemmelig-42@127.0.0.1:1/viver"
    if how == "--database":
        result = run_viver(tmp_path, "--database", url, "init")
    else:
        result = run_viver(tmp_path, "init", VIVER_DATABASE=url)
    assert result.returncode == 2
    assert "Hemmelig" not in result.stderr + result.stdout
    assert "***" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_init_on_postgres_prints_the_url_masked(tmp_path: Path, pg_url: str) -> None:
    # Trust authentication ignores the password, so the real server accepts this URL.
    url = pg_url.replace("postgres@", "postgres:Hemmelig-42@", 1)
    result = run_viver(tmp_path, "init", VIVER_DATABASE=url)
    assert result.returncode == 0, result.stderr
    assert "Hemmelig" not in result.stdout + result.stderr
    assert "postgres:***@127.0.0.1" in result.stdout
