"""The print preview pane: the last job as the printer prints it — display only.

The print queue itself belongs to the app (``viver_tui/app_printing.py``); this pane
shows its last preview. It takes no room until something has been printed, is hidden
by default when the terminal is narrower than ``WIDE`` columns (so it never covers the
pickup or order tables), and F12 (``app.action_toggle_preview``) shows or hides it.

``wake_print_queue(app)`` is for screens that have just queued prints: the jobs go out
at once instead of at the next poll.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from viver_tui.locale import t
from viver_tui.locale.display import shown

WIDE = 140  # columns from which the preview shows beside the tables by default


class PrintPreview(Static):
    """The last printed job as the printer would print it (text, barcodes as values)."""

    SCOPED_CSS = False  # the rules below also look at the screen's width class
    DEFAULT_CSS = """
    PrintPreview { width: auto; min-width: 34; height: auto; padding: 0 1;
                   border: round $panel-lighten-2; }
    PrintPreview.-empty { display: none; }
    PrintPreview.-off { display: none; }
    Screen.-narrow PrintPreview.-auto { display: none; }
    """

    def __init__(self, *, id: str | None = "print-preview") -> None:
        super().__init__("", id=id, markup=False)
        self.border_title = t("print.preview.title")

    def on_mount(self) -> None:
        queue = getattr(self.app, "print_queue", None)
        self.show(queue.last_preview if queue is not None else "")
        self.set_mode(getattr(self.app, "preview_mode", "auto"))

    def show(self, text: str) -> None:
        """Show ``text`` (the pane takes no room while it is empty)."""
        self.update(shown(text, multiline=True))  # names on labels are data, not markup
        self.set_class(not text, "-empty")

    def set_mode(self, mode: str) -> None:
        """``auto`` (shown on wide terminals), ``on`` or ``off``."""
        for name in ("auto", "on", "off"):
            self.set_class(mode == name, f"-{name}")


def wake_print_queue(app: Any) -> None:
    queue = getattr(app, "print_queue", None)
    if queue is not None:
        queue.wake()
