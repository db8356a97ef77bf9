"""The layers hold: the import-linter contracts in pyproject.toml (the core never imports
Textual, screens never reach the store but through services, printing's layouts know no
services, the foundation imports nothing above it, no cycles), and — for modules
imported lazily — the core imported in a fresh interpreter where importing textual
fails."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import viver_tui

ROOT = Path(__file__).parent.parent

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


def test_import_contracts_hold() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_make_app_leaves_the_garbage_collector_alone(settings) -> None:  # type: ignore[no-untyped-def]
    """Process-wide tuning is the CLI's to make (cli.tune_gc), not the app factory's."""
    import gc

    from viver_tui.app import make_app

    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        make_app(settings)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
