"""ViverApp: wiring only — screens, app-wide keys, the error funnel.

``make_app(settings)`` is the one way in, for the CLI and the tests alike: it selects
the language, opens (and if needed creates or upgrades) the database, and returns the
app. Rules live in ``services/``; screens call them through ``screens/base.run_service``.

``make_app(settings, open_database_later=True)`` is the counter's fast start (the CLI
uses it): the first screen is painted before peewee, the services and the database are
even imported, and the database opens in a thread right after. Until it is open,
``app.db`` waits for it (a fraction of a second, and only in the first moments); if it
cannot be opened the app exits with code 2 and ``startup_error`` says why.
"""

from __future__ import annotations

import contextlib
import gc
import getpass
import threading
import time
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import App
from textual.binding import Binding
from textual.containers import Vertical
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Label, Static
from textual.worker import Worker, WorkerState

from viver_tui.config import Settings
from viver_tui.errors import DatabaseError, ViverError
from viver_tui.locale import set_language, t

if TYPE_CHECKING:
    import peewee

PrinterFactory = Callable[..., Any]


class ErrorDialog(ModalScreen[None]):
    """A Norwegian explanation of something that went wrong; Enter or Esc closes it."""

    BINDINGS = [Binding("escape", "close", t("key.back"))]

    def __init__(self, message: str) -> None:
        super().__init__(id="error-dialog")
        self.message = message

    def compose(self):  # type: ignore[no-untyped-def]
        with Vertical(id="error-box"):
            yield Label(t("error.title"), id="error-title")
            yield Static(self.message, id="error-message")
            yield Button(t("button.ok"), id="error-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#error-ok", Button).focus()

    @on(Button.Pressed, "#error-ok")
    def action_close(self) -> None:
        self.dismiss(None)


class ViverApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Viver"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [
        Binding("ctrl+q", "quit", t("key.quit"), priority=True, id="quit"),
        Binding("f5", "pickup", t("key.pickup"), id="pickup"),
        Binding("ctrl+l", "lock", t("key.lock"), id="lock"),
    ]

    printer_status: reactive[str] = reactive("")
    printer_problem: reactive[bool] = reactive(False)

    def __init__(
        self,
        settings: Settings,
        db: peewee.Database | None,
        *,
        printer_factory: PrinterFactory | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self._db = db
        self._db_ready = threading.Event()
        if db is not None:
            self._db_ready.set()
        self._when_database_open: list[Callable[[], object]] = []
        self.startup_error: ViverError | None = None
        self.staff = settings.staff or getpass.getuser()
        self.signed_in: Any = None  # the StaffView signed in (screens/login.py)
        self.last_input = time.monotonic()  # for the idle lock (screens/login.py)
        self.printer_factory = printer_factory
        self.database_label = _database_label(settings.database_url)
        self.title = f"{settings.shop_name} – {t('app.title')}"
        self._bugs_seen = 0
        self.print_queue: Any = None  # the print queue's thread (widgets/print_status.py)

    @property
    def db(self) -> peewee.Database:
        """The open database; right after a fast start, waits until it is open."""
        if not self._db_ready.wait(timeout=120):
            raise DatabaseError(t("error.database", error="tidsavbrudd"))
        if self._db is None:
            raise self.startup_error or DatabaseError(t("error.database", error="?"))
        return self._db

    def when_database_open(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` on the UI thread once the database is open (now if it is)."""
        if self._db is not None:
            callback()
        else:
            self._when_database_open.append(callback)

    def on_mount(self) -> None:
        self.call_after_refresh(self._after_first_frame)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):  # every key and mouse event comes here first
            self.last_input = time.monotonic()
        await super().on_event(event)

    def _after_first_frame(self) -> None:
        if self._db is None:
            threading.Thread(target=self._open_database, name="open-database", daemon=True).start()
        else:
            self._database_opened()

    def _open_database(self) -> None:
        """Runs in a thread: import the store and open it, then report to the UI."""
        try:
            from viver_tui.db import open_database
            from viver_tui.services import print_requests

            print_requests.set_terminal(self.settings.terminal)
            db = open_database(self.settings.database_url)
            from viver_tui.services.privacy import finish_pending_at_start

            finish_pending_at_start(db, self.settings.spool_dir)
        except Exception as exc:
            # Expected failures carry their Norwegian message; anything else (a driver
            # error peewee did not wrap) is still reported, never left hanging.
            if not isinstance(exc, ViverError):
                exc = DatabaseError(t("error.database", error=exc))
            self.startup_error = exc
            self._db_ready.set()
            self._from_thread(lambda: self.exit(return_code=2))
            return
        self._db = db
        self._db_ready.set()
        self._from_thread(self._database_opened)

    def _from_thread(self, callback: Callable[[], object]) -> None:
        # Staff may have quit while the database was opening: nothing left to tell.
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(callback)

    def _database_opened(self) -> None:
        # The print queue starts after the first frame too: staff can type while it
        # gets going (20 ms of imports and a database poll).
        from viver_tui.widgets.print_status import start_print_queue

        if self.print_queue is None and self.is_running:
            self.print_queue = start_print_queue(self)
        callbacks, self._when_database_open = self._when_database_open, []
        for callback in callbacks:
            callback()
        if not self.settings.staff and self.is_running:  # VIVER_STAFF skips sign-in (tests)
            from viver_tui.screens.login import start_sign_in

            start_sign_in(self)

    def on_unmount(self) -> None:
        if self.print_queue is not None:
            self.print_queue.stop()

    def get_default_screen(self) -> Screen[Any]:
        from viver_tui.screens.search import SearchScreen

        return SearchScreen()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The error funnel: a worker that failed unexpectedly becomes a dialog."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, ViverError):
            message = error.message
        else:
            self.log.error("worker failed", worker=event.worker.name, error=repr(error))
            message = t("error.unexpected", error=f"{type(error).__name__}: {error}")
        self.show_error(message)

    def show_error(self, message: str) -> None:
        self.push_screen(ErrorDialog(message))

    def _handle_exception(self, error: Exception) -> None:
        """A bug in a handler must not take the counter down with a traceback: log it to
        a file, tell staff in Norwegian, carry on. Headless runs (tests) keep Textual's
        behaviour so that a bug fails them; a burst of errors (a broken render loop)
        still ends the app."""
        self._bugs_seen += 1
        if self.is_headless or not self._screen_stack or self._bugs_seen > 3:
            super()._handle_exception(error)
            return
        path = _write_crash_log(error)
        self.show_error(
            t("error.bug", error=f"{type(error).__name__}: {error}", path=str(path))
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the sign-in screen is up, no app key (F5, Ctrl+P …) gets around it.
        if action != "quit" and getattr(self.screen, "LOCKS_APP", False):
            return False
        return super().check_action(action, parameters)

    def action_lock(self) -> None:
        from viver_tui.screens.login import lock

        lock(self)

    def action_pickup(self) -> None:
        from viver_tui.screens.pickup import PickupScreen

        if not isinstance(self.screen, PickupScreen):
            self.push_screen(PickupScreen())


def _write_crash_log(error: Exception) -> Path:
    import platformdirs

    folder = Path(platformdirs.user_log_dir("viver_tui", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "errors.log"
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n")
        log.write("".join(traceback.format_exception(error)))
    return path


def _database_label(url: str) -> str:
    if url.startswith("sqlite"):
        return f"SQLite: {url.split('///', 1)[-1]}"
    host = url.split("@", 1)[-1].split("?", 1)[0]
    return f"PostgreSQL: {host}"


def make_app(
    settings: Settings,
    *,
    printer_factory: PrinterFactory | None = None,
    open_database_later: bool = False,
) -> ViverApp:
    """Build the counter app for ``settings``. Raises DatabaseError when the store cannot
    be opened — or, with ``open_database_later``, opens it after the first frame (see the
    module docstring)."""
    set_language(settings.language)
    # Full (generation 2) garbage collections walk every object Textual and peewee keep,
    # 50–150 ms each, and were the tail of scans and keystrokes (about twelve in 200
    # scans). Young collections keep Python's defaults: they stay small (under a ms),
    # whereas a larger first threshold made each one 40–80 ms. Measured p99, pickup
    # Enter → updated: 157 → 85 ms; typed → rendered: 68 → 41 ms.
    gc.set_threshold(700, 10, 1000)
    if open_database_later:
        return ViverApp(settings, None, printer_factory=printer_factory)
    from viver_tui.db import open_database
    from viver_tui.services import print_requests

    print_requests.set_terminal(settings.terminal)
    return ViverApp(settings, open_database(settings.database_url), printer_factory=printer_factory)
