"""The printers' settings that printing added: ``wake_timeout``, how long a first status
answer may take (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from viver_tui.config import load_settings
from viver_tui.errors import ConfigError


def test_wake_timeout_is_read_per_printer_and_defaults_to_10_s(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[printers.label]\nwake_timeout = 3.5\n", encoding="utf-8")
    settings = load_settings(path, environ={})
    assert settings.label_printer.wake_timeout == 3.5
    assert settings.receipt_printer.wake_timeout == 10.0


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("0", "wake_timeout må være et positivt antall sekunder"),
        ("-1", "wake_timeout må være et positivt antall sekunder"),
        ('"lenge"', "'lenge'"),
    ],
)
def test_wake_timeout_that_is_no_positive_number_is_refused(
    tmp_path: Path, value: str, said: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[printers.receipt]\nwake_timeout = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_settings(path, environ={})
    assert said in refused.value.message and str(path) in refused.value.message
