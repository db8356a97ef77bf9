"""File sizes as staff read them: ``1,5 GB`` / ``1.5 GB`` (decimal units, as disks are sold)."""

from __future__ import annotations

from viver_tui.locale.formatting import format_number

_UNITS = (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("kB", 10**3))


def format_size(size: int) -> str:
    for unit, factor in _UNITS:
        if size >= factor:
            return f"{format_number(round(size / factor, 1))} {unit}"
    return f"{size} B"
