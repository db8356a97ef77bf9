"""The settings of sign-in and retention: idle lock minutes and spool retention days,
from the file and the environment, with clear errors for values that make no sense."""

from __future__ import annotations

from pathlib import Path

import pytest

from viver_tui.config import load_settings
from viver_tui.errors import ConfigError


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_five_minutes_and_fourteen_days(tmp_path: Path) -> None:
    settings = load_settings(tmp_path / "missing.toml", environ={})
    assert (settings.idle_lock_minutes, settings.spool_retention_days) == (5.0, 14)


def test_from_the_file_and_the_environment(tmp_path: Path) -> None:
    path = _file(tmp_path, "idle_lock_minutes = 2.5\n[printers]\nspool_retention_days = 30\n")
    settings = load_settings(path, environ={})
    assert (settings.idle_lock_minutes, settings.spool_retention_days) == (2.5, 30)
    env = {"VIVER_IDLE_LOCK": "0", "VIVER_SPOOL_RETENTION_DAYS": "7"}
    settings = load_settings(path, environ=env)
    assert (settings.idle_lock_minutes, settings.spool_retention_days) == (0.0, 7)


@pytest.mark.parametrize(
    ("text", "env", "says"),
    [
        ("idle_lock_minutes = -1\n", {}, "idle_lock_minutes"),
        ('idle_lock_minutes = "fem"\n', {}, "idle_lock_minutes"),
        ("idle_lock_minutes = true\n", {}, "idle_lock_minutes"),
        ("idle_lock_minutes = nan\n", {}, "idle_lock_minutes"),
        ("", {"VIVER_IDLE_LOCK": "5 min"}, "VIVER_IDLE_LOCK"),
        ("[printers]\nspool_retention_days = -3\n", {}, "spool_retention_days"),
        ("[printers]\nspool_retention_days = 1.5\n", {}, "spool_retention_days"),
        ("", {"VIVER_SPOOL_RETENTION_DAYS": "to uker"}, "VIVER_SPOOL_RETENTION_DAYS"),
    ],
)
def test_nonsense_is_refused_with_the_key_named(
    tmp_path: Path, text: str, env: dict[str, str], says: str
) -> None:
    with pytest.raises(ConfigError, match=says):
        load_settings(_file(tmp_path, text), environ=env)
