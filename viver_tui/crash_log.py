"""``errors.log``: what failed and where, for finding the bug — never a customer's data.

Imported where a crash is handled, not at start: the counter's first frame needs none
of it.
"""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path

from viver_tui.config import default_log_dir
from viver_tui.private import append_private


def write_crash_log(error: BaseException, where: str = "") -> Path:
    """Append what failed and where to ``errors.log`` (0600, in a 0700 folder).

    Only the exception's type and the frames it passed through (file, line, function)
    are written — never its message or any value, which may hold a customer's name or
    number. That is enough to find the bug; the person at the counter saw the rest.
    """
    path = default_log_dir() / "errors.log"
    append_private(path, crash_report(error, datetime.now(), where))
    return path


def crash_report(error: BaseException, when: datetime, where: str = "") -> str:
    """The lines ``errors.log`` gets for ``error`` (``where``: which worker or part of
    the app): types and places, no values."""
    lines = [f"--- {when.isoformat(timespec='seconds')} {where}".rstrip()]
    seen: set[int] = set()
    chain: list[tuple[str, BaseException]] = []
    current: BaseException | None = error
    label = "error"
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((label, current))
        if current.__cause__ is not None:
            current, label = current.__cause__, "caused by"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, label = current.__context__, "while handling"
        else:
            current = None
    for label, exc in chain:
        kind = type(exc)
        lines.append(f"{label}: {kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(exc.__traceback__):
            lines.append(f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}')
    return "\n".join(lines) + "\n"
