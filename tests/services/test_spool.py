"""Retention of the preview spool (files that hold customers' names): the service, the
app cleaning at start and daily, and ``viver clean-spool``."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from tests.screens.helpers import settle, wait_for
from viver_tui.app import make_app
from viver_tui.config import Settings
from viver_tui.services.spool import DAY_S, clean_spool

NOW = datetime(2026, 11, 25, 12, 0)


def _file(folder: Path, name: str, age_days: float, now: datetime = NOW) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"\x1b@Kari Nordmann\n")
    when = now.timestamp() - age_days * DAY_S
    os.utime(path, (when, when))
    return path


def test_old_spool_files_go_new_ones_and_other_files_stay(tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    old = _file(spool, "00000001-media_label.escpos", 14.01)
    crashed = _file(spool, ".spool-abc123", 30)  # a temporary file a crash left
    fresh = _file(spool, "00000002-order_form.escpos", 13.99)
    other = _file(spool, "notes.txt", 400)  # not the spool's: never touched
    result = clean_spool(spool, 14, now=NOW)
    assert (result.removed, result.kept) == (2, 1)
    assert not old.exists() and not crashed.exists()
    assert fresh.exists() and other.exists()
    # The next day the fresh one has had its 14 days too.
    assert clean_spool(spool, 14, now=NOW + timedelta(days=1)).removed == 1
    assert sorted(p.name for p in spool.iterdir()) == ["notes.txt"]


def test_zero_days_keeps_everything_and_a_missing_folder_is_nothing_to_do(
    tmp_path: Path,
) -> None:
    spool = tmp_path / "spool"
    assert clean_spool(spool, 14, now=NOW).removed == 0  # no folder yet
    kept = _file(spool, "00000001-receipt.escpos", 3650)
    assert clean_spool(spool, 0, now=NOW).removed == 0
    assert kept.exists()


async def test_the_app_cleans_the_spool_at_start_and_daily(settings: Settings) -> None:
    now = datetime.now()
    old = _file(settings.spool_dir, "00000001-media_label.escpos", 20, now)
    fresh = _file(settings.spool_dir, "00000002-media_label.escpos", 1, now)
    app = make_app(replace(settings, spool_retention_days=14))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(app, pilot)
        assert await wait_for(lambda: not old.exists())
        assert fresh.exists()
        # Daily: the same cleaning on a timer (its interval, not a day of waiting).
        cleaner = app.spool_cleaner
        assert cleaner.timer._interval == cleaner.EVERY_S == 24 * 3600
        older = _file(settings.spool_dir, "00000003-order_form.escpos", 15, now)
        cleaner.clean().join()  # what the timer calls, in its own thread
        assert not older.exists() and fresh.exists()


def test_viver_clean_spool(tmp_path: Path) -> None:
    spool = tmp_path / "spool"
    old = _file(spool, "00000001-media_label.escpos", 10, datetime.now())
    fresh = _file(spool, "00000002-media_label.escpos", 2, datetime.now())
    config = tmp_path / "config.toml"
    config.write_text("[printers]\nspool_retention_days = 30\n", encoding="utf-8")
    env = {**os.environ, "VIVER_CONFIG": str(config), "VIVER_SPOOL_DIR": str(spool)}

    def viver(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "viver_tui", "clean-spool", *args],
                              capture_output=True, text=True, env=env, timeout=120)

    kept = viver()  # 30 days from the settings: both are younger
    assert kept.returncode == 0 and old.exists() and fresh.exists()
    line = "Utskriftsfiler eldre enn {} dager i {}: {} slettet, {} beholdt."
    assert kept.stdout.strip() == line.format(30, spool, 0, 2)
    done = viver("--days", "7")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == line.format(7, spool, 1, 1)
    assert not old.exists() and fresh.exists()
    refused = viver("--days", "-1")
    assert refused.returncode == 2 and refused.stderr.startswith("viver: ")
