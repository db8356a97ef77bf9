"""The line above the footer: who is at the counter, which database, printer state.

Every screen composes one; they all follow the app's ``printer_status`` and
``printer_problem`` reactives, so a printer message set once shows on every screen.

A printer problem gets the room it needs: it comes first, in warning colour, and wraps
onto more lines rather than being cut (at 80 columns a waiting label's notice, an
uncertain label's and the count of prints to check take five lines with who is signed
in and the database's file name after them; at 120, three). With nothing wrong the bar
is one line — the database's whole path when it fits, its file name when not, and
none when the printer's line needs the room (a preview's line names its file, not
its folder) — and a printer message longer than the line is cut with "…".
"""

from __future__ import annotations

from pathlib import PurePath

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from viver_tui.locale import t
from viver_tui.locale.display import shown

SEPARATOR = "  │  "


def short_database_label(label: str) -> str:
    """``SQLite: /home/skranke/.local/share/viver_tui/viver.db`` → ``SQLite: viver.db``
    (a PostgreSQL label names a server and database: short already)."""
    kind, colon, where = label.partition(": ")
    if kind != "SQLite" or not colon:
        return label
    return f"{kind}: {PurePath(where).name or where}"


class StatusBar(Static):
    DEFAULT_CSS = """
    /* The footer docks at the bottom too, and docked widgets overlap: the margin puts
       this line above it (without it the footer hid the printer's messages). */
    StatusBar { height: auto; max-height: 6; dock: bottom; margin-bottom: 1; padding: 0 1;
                background: $panel; text-wrap: nowrap; text-overflow: ellipsis; }
    StatusBar.-warning { background: $warning 50%; text-wrap: wrap; }
    """

    # layout: a problem that wraps onto more lines makes the bar taller
    printer: reactive[str] = reactive("", layout=True)
    problem: reactive[bool] = reactive(False, layout=True)
    mail: reactive[str] = reactive("", layout=True)  # e-mails that need staff

    def on_mount(self) -> None:
        app = self.app
        self.watch(app, "printer_status", self._set_printer, init=True)
        self.watch(app, "printer_problem", self._set_problem, init=True)
        if hasattr(app, "mail_status"):
            self.watch(app, "mail_status", self._set_mail, init=True)

    def _set_printer(self, status: str) -> None:
        self.printer = status

    def _set_problem(self, problem: bool) -> None:
        self.problem = problem
        self.set_class(problem or bool(self.mail), "-warning")

    def _set_mail(self, status: str) -> None:
        self.mail = status
        self.set_class(self.problem or bool(status), "-warning")

    def render(self) -> Text:
        app = self.app
        staff = t("status.staff", staff=getattr(app, "staff", "") or "–")
        database = getattr(app, "database_label", "")
        width = self.content_region.width or self.size.width
        if (self.problem and self.printer) or self.mail:
            printer = self.printer if self.problem else ""
            parts = [printer, self.mail, staff, short_database_label(database)]
            return shown(SEPARATOR.join(p for p in parts if p))  # wraps: nothing is cut
        parts = [staff, database, self.printer]
        line = SEPARATOR.join(p for p in parts if p)
        if len(line) > width:
            parts[1] = short_database_label(database)
            line = SEPARATOR.join(p for p in parts if p)
        if len(line) > width and self.printer:  # the printer's line before the database
            line = SEPARATOR.join(p for p in (staff, self.printer) if p)
        return shown(line)  # names and errors: data; one line, cut with "…" (the CSS)
