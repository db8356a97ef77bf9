"""The suite keeps out of the real user's folders: every test (and every ``viver`` it
starts) has a home of its own (``tests/conftest.py: own_home``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from viver_tui import config


def test_the_default_folders_are_the_tests_own(own_home: Path) -> None:
    for folder in (
        Path(config.default_database_url().removeprefix("sqlite:///")).parent,
        config.default_spool_dir(), config.default_documents_dir(),
        config.default_backup_dir(), config.default_log_dir(),
        config.default_config_path().parent,
    ):
        assert folder.is_relative_to(own_home), folder
    assert Path("~").expanduser() == own_home


def test_a_viver_started_by_a_test_has_the_same_home(own_home: Path) -> None:
    code = "from viver_tui import config; print(config.default_database_url())"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert Path(shown.removeprefix("sqlite:///")).is_relative_to(own_home)
