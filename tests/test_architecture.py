"""The core must not depend on Textual: services, models, db, config and printing are
imported in a fresh interpreter where importing textual fails."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import viver_tui

CORE = ("viver_tui.config", "viver_tui.db", "viver_tui.models", "viver_tui.migrations")
CORE_PACKAGES = ("services", "printing", "locale")


def core_modules() -> list[str]:
    root = Path(viver_tui.__file__).parent
    modules = list(CORE)
    for package in CORE_PACKAGES:
        for info in pkgutil.walk_packages([str(root / package)], f"viver_tui.{package}."):
            modules.append(info.name)
    return modules


def test_core_modules_import_without_textual() -> None:
    modules = core_modules()
    assert "viver_tui.services.customers" in modules
    code = (
        "import sys; sys.modules['textual'] = None\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('ok')"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_starting_the_app_module_does_not_import_python_escpos() -> None:
    """python-escpos costs 350–590 ms to import; the counter must start without it."""
    code = (
        "import sys\nimport viver_tui.app, viver_tui.screens.search, viver_tui.cli\n"
        "print('escpos' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
