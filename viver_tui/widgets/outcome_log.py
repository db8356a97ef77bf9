"""The latest outcomes under the newest one: what a burst of scans said, newest first.

A scanner's burst, or scans queued behind a question, are handled in milliseconds; if
each outcome replaced the last, only the final one would ever be read and a warning
("… hører til ordre 100003", "40 av 48 bilder") in between would be lost. So the
screen shows its newest outcome in its own line and the ones before it here, each in
its level's colour, until it scrolls out.

What scrolls out first is the oldest *plain* line: a warning or an error stays while
there is an "OK" line older than it to drop, so thirty good scans after one warning do
not push the warning off the screen; only as many newer warnings do.
"""

from __future__ import annotations

from collections import deque
from typing import ClassVar, Literal

from rich.text import Text
from textual.widgets import Static

from viver_tui.locale.display import printable

Level = Literal["ok", "warning", "error"]


class OutcomeLog(Static):
    """Up to ``lines`` earlier outcomes, newest first, coloured by level."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "outcome-log--ok", "outcome-log--warning", "outcome-log--error",
    }
    DEFAULT_CSS = """
    OutcomeLog { height: auto; padding: 0 1; color: $text-muted; }
    OutcomeLog > .outcome-log--ok { color: $text-muted; }
    OutcomeLog > .outcome-log--warning { color: $text-warning; text-style: bold; }
    OutcomeLog > .outcome-log--error { color: $text-error; text-style: bold; }
    """

    def __init__(self, *, lines: int = 5, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.lines = lines
        self._entries: deque[tuple[str, Level]] = deque()  # newest first

    @property
    def entries(self) -> list[tuple[str, Level]]:
        """What is shown, newest first, as (text, level)."""
        return list(self._entries)

    def add(self, text: str, level: Level = "ok") -> None:
        """Put an outcome at the top; drop the oldest plain one (or else the oldest)
        when the list is full."""
        self._entries.appendleft((printable(text), level))
        if len(self._entries) > self.lines:
            for at in range(len(self._entries) - 1, -1, -1):
                if self._entries[at][1] == "ok":
                    del self._entries[at]
                    break
            else:
                self._entries.pop()
        self._repaint()

    def clear_entries(self) -> None:
        self._entries.clear()
        self._repaint()

    def _repaint(self) -> None:
        text = Text(end="", no_wrap=False)
        for at, (line, level) in enumerate(self._entries):
            if at:
                text.append("\n")
            text.append(line, style=self.get_component_rich_style(f"outcome-log--{level}"))
        self.update(text)
