"""The line above the footer: who is at the counter, which database, printer state.

Every screen composes one; they all follow the app's ``printer_status`` and
``printer_problem`` reactives, so a printer message set once shows on every screen.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from viver_tui.locale import t
from viver_tui.locale.display import shown


class StatusBar(Static):
    DEFAULT_CSS = """
    /* The footer docks at the bottom too, and docked widgets overlap: the margin puts
       this line above it (without it the footer hid the printer's messages). */
    StatusBar { height: 1; dock: bottom; margin-bottom: 1; padding: 0 1; background: $panel; }
    StatusBar.-warning { background: $warning 50%; }
    """

    printer: reactive[str] = reactive("")

    def on_mount(self) -> None:
        app = self.app
        self.watch(app, "printer_status", self._set_printer, init=True)
        self.watch(app, "printer_problem", self._set_problem, init=True)

    def _set_printer(self, status: str) -> None:
        self.printer = status

    def _set_problem(self, problem: bool) -> None:
        self.set_class(problem, "-warning")

    def render(self) -> Text:
        app = self.app
        parts = [t("status.staff", staff=getattr(app, "staff", "") or "–")]
        parts.append(getattr(app, "database_label", ""))
        if self.printer:
            parts.append(self.printer)
        return shown("  │  ".join(p for p in parts if p))  # names and errors: data
