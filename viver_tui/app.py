"""ViverApp: wiring only — screens, app-wide keys, the error funnel.

``make_app(settings)`` is the one way in, for the CLI and the tests alike: it opens
(and if needed creates or upgrades) the database and returns the app. It changes nothing
else in the process: the app speaks ``settings.language`` while it runs
(``locale.speaking``, also in the threads it starts), and names ``settings.terminal``
in every print it asks for; the garbage collector's tuning is the CLI's (``cli.main``).
Rules live in ``services/``; screens call them through ``screens/base.run_service``.
The app's threads live beside it, started once the database is open: ``app_printing``
(the print queue), ``app_mail`` (the mail worker), ``app_spool`` (the preview spool's
retention); ``crash_log`` writes errors.log and ``screens/error_dialog`` tells staff.

``make_app(settings, open_database_later=True)`` is the counter's fast start (the CLI
uses it): the first screen is painted before peewee, the services and the database are
even imported, and the database opens in a thread right after. Until it is open,
``app.db`` waits for it (a fraction of a second, and only in the first moments); if it
cannot be opened the app exits with code 2 and ``startup_error`` says why.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from viver_tui.config import Settings
from viver_tui.errors import DatabaseError, ViverError
from viver_tui.locale import speaking, t
from viver_tui.widgets.type_ahead import HeldKeysExpired, TypeAhead

if TYPE_CHECKING:
    import peewee

PrinterFactory = Callable[..., Any]


class ViverApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "Viver"
    ENABLE_COMMAND_PALETTE = False
    # Labels are catalogue keys, put in the active language in __init__.
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", priority=True, id="quit"),
        # Not in the footer (room): the status bar says "— F1" when an e-mail needs staff.
        Binding("f1", "outbox", "key.outbox", id="outbox", show=False),
        Binding("f5", "pickup", "key.pickup", id="pickup"),
        # The production room (every role; the production role starts there).
        Binding("f11", "production", "key.production", id="production", show=False),
        Binding("ctrl+r", "ready_orders", "key.ready_list", id="ready-orders", show=False),
        Binding("f9", "print_jobs", "key.print_jobs", id="print-jobs"),
        Binding("f12", "toggle_preview", "key.preview", id="toggle-preview", show=False),
        # Priority: it locks from anywhere, a dialog such as the customer form included.
        Binding("ctrl+l", "lock", "key.lock", priority=True, id="lock"),
        Binding("f8", "admin_menu", "key.admin_menu", id="admin-menu"),  # admins only
    ]
    # Below 140 columns the print preview is hidden unless F12 shows it (print_status.WIDE).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]

    printer_status: reactive[str] = reactive("")
    printer_problem: reactive[bool] = reactive(False)
    mail_status: reactive[str] = reactive("")  # e-mails that need staff (app_mail.py)

    def __init__(
        self,
        settings: Settings,
        db: peewee.Database | None,
        *,
        printer_factory: PrinterFactory | None = None,
    ) -> None:
        super().__init__()
        from viver_tui.screens.base import localize_bindings

        self.language = settings.language
        with speaking(self.language):  # __init__ runs in the caller's context
            localize_bindings(self)
            self.title = f"{settings.shop_name} – {t('app.title')}"
        self.settings = settings
        self._db = db
        self._db_ready = threading.Event()
        if db is not None:
            self._db_ready.set()
        self._when_database_open: list[Callable[[], object]] = []
        self.startup_error: ViverError | None = None
        self.signed_in: Any = None  # the StaffView signed in (screens/login.py)
        self._held_errors: list[str] = []  # shown once someone signs in (is_locked)
        self.spool_cleaner: Any = None  # the preview spool's retention (app_spool.py)
        self.last_input = time.monotonic()  # for the idle lock (screens/login.py)
        self.type_ahead = TypeAhead(self)  # keys typed behind F2/F4 (widgets/type_ahead.py)
        self.printer_factory = printer_factory
        self.database_label = _database_label(settings.database_url)
        self._bugs_seen = 0
        self.print_queue: Any = None  # the print queue's threads (app_printing.py)
        self.mail: Any = None  # the mail worker's thread (app_mail.py)
        self.preview_mode = "auto"  # the print preview pane: auto | on | off (F12)

    # The app speaks its language while it runs: every task of it (screens, widgets,
    # callbacks from its threads) copies this context. ``run`` goes through run_async.
    async def run_async(self, *args: Any, **kwargs: Any) -> int | None:
        with speaking(self.language):
            return await super().run_async(*args, **kwargs)

    @asynccontextmanager
    async def run_test(self, *args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        with speaking(self.language):
            async with super().run_test(*args, **kwargs) as pilot:
                yield pilot

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
            # Keys typed behind F2/F4 wait for the form they were typed for.
            if isinstance(event, events.Key) and not event.is_forwarded and (
                self.type_ahead.holds(event)
            ):
                return
        await super().on_event(event)

    async def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        for key in self.type_ahead.released_to(event.widget):
            await super().on_event(key)

    async def on_held_keys_expired(self, _: HeldKeysExpired) -> None:
        for key in self.type_ahead.expired():
            await super().on_event(key)

    def _after_first_frame(self) -> None:
        if self._db is None:
            context = contextvars.copy_context()  # the thread speaks the app's language
            threading.Thread(
                target=context.run, args=(self._open_database,), name="open-database", daemon=True
            ).start()
        else:
            self._database_opened()

    def _open_database(self) -> None:
        """Runs in a thread: import the store and open it, then report to the UI."""
        try:
            from viver_tui.store import open_database

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
        self._warm_search(db)

    def _warm_search(self, db: peewee.Database) -> None:
        """In the opening thread, while the sign-in screen waits for the PIN: import
        what the first search needs and read the search index's first pages, so the
        name typed behind the PIN is answered at once. No screen is made and no
        customer data is read out (services.search.warm)."""
        try:
            import viver_tui.screens.search  # noqa: F401
            from viver_tui.services import customers  # noqa: F401
            from viver_tui.services.search import warm

            warm(db)
        except Exception:  # only a head start: the first search does it all anyway
            pass
        from viver_tui.db import forget_connection

        forget_connection(db)  # this thread ends here: its connection with it

    def _from_thread(self, callback: Callable[[], object]) -> None:
        # Staff may have quit while the database was opening: nothing left to tell.
        with contextlib.suppress(RuntimeError):
            self.call_from_thread(callback)

    def post_from_thread(self, callback: Callable[[], object]) -> None:
        """Hand ``callback`` to the UI thread without waiting for it. A thread that
        waits for the UI (``call_from_thread``) deadlocks whoever joins it on the UI
        thread; one that only posts can be joined anywhere."""
        self.post_message(ThreadNews(callback))

    def on_thread_news(self, news: ThreadNews) -> None:
        news.callback()

    def _database_opened(self) -> None:
        # The print queue starts after the first frame too: staff can type while it
        # gets going (20 ms of imports and a database poll).
        from viver_tui.app_printing import AppPrintQueue

        if self.print_queue is None and self.is_running:
            self.print_queue = AppPrintQueue(self)
            self.print_queue.start()
        if self.mail is None and self.is_running:
            from viver_tui.app_mail import AppMail

            self.mail = AppMail(self)
            self.mail.start()
        if self.spool_cleaner is None and self.is_running:
            from viver_tui.app_spool import AppSpoolCleaner

            self.spool_cleaner = AppSpoolCleaner(self)
            self.spool_cleaner.start()
        callbacks, self._when_database_open = self._when_database_open, []
        for callback in callbacks:
            callback()
        if self.is_running:  # the sign-in screen asks for the first admin on a new store
            from viver_tui.screens.login import start_sign_in

            start_sign_in(self)

    def on_unmount(self) -> None:
        if self.print_queue is not None:
            self.print_queue.stop()
        if self.mail is not None:
            self.mail.stop()

    def get_default_screen(self) -> Screen[Any]:
        """The first screen is the sign-in screen, always: no screen that shows or
        takes customer data exists until someone has signed in (keys typed while the
        database opens land in its fields). Signed in, the search takes its place."""
        from viver_tui.screens.login import SignInScreen

        return SignInScreen()

    def open_home(self) -> None:
        """After the first sign-in: the search replaces the sign-in screen (the bottom
        of the stack), and the person's start screen opens over it (production: the
        production room's scan field; Escape leads back to the search)."""
        from viver_tui.screens.search import SearchScreen

        role = self.signed_in.role if self.signed_in is not None else None
        # A name typed behind the PIN is the search's first query, searched once and
        # whole; keys after it (or typed for the production room) go to the focus.
        typed = "" if self.START_SCREENS.get(role or "") else self.type_ahead.take_text()
        self.replace_screen(SearchScreen(typed=typed))
        if role is not None:
            self.open_start_screen(role)

    def replace_screen(self, screen: Screen[Any]) -> None:
        """``switch_screen`` that also replaces the first screen (the default screen):
        Textual gives that one no result callback, which ``switch_screen`` pops."""
        current = self.screen
        if not current._result_callbacks:
            current._push_result_callback(current, None)
        self.switch_screen(screen)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The error funnel for the app's own workers (screens' workers report through
        ``report_worker_failure``: a worker's messages do not bubble up to the app)."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.report_worker_failure(event.worker.error, event.worker.name)

    def report_worker_failure(self, error: BaseException, where: str = "") -> None:
        """The error funnel: a failure nobody expected becomes a line in errors.log
        (the exception's type and where, never its text: it may hold personal data) and
        a Norwegian message. A screen that must keep listening (pickup's scans) gets a
        notice instead of a dialog that would take the next scan's keys."""
        if isinstance(error, ViverError):
            message = error.message
        else:
            from viver_tui.crash_log import write_crash_log

            write_crash_log(error, where)
            message = t("error.worker", error=type(error).__name__)
        if getattr(self.screen, "ERRORS_AS_NOTICES", False):
            self.notify(message, severity="error", timeout=15, markup=False)
        else:
            self.show_error(message)

    def show_error(self, message: str) -> None:
        if self.is_locked:  # never over the sign-in screen: it may name someone
            self._held_errors.append(message)
            return
        from viver_tui.screens.error_dialog import ErrorDialog

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
        from viver_tui.crash_log import write_crash_log

        path = write_crash_log(error, "ui")
        self.show_error(
            t("error.bug", error=f"{type(error).__name__}: {error}", path=str(path))
        )

    def action_print_jobs(self) -> None:
        """F9: the prints that wait or need checking: print again, mark printed, retry."""
        from viver_tui.screens.print_dialogs import PrintJobsDialog

        if not isinstance(self.screen, PrintJobsDialog):
            self.push_screen(PrintJobsDialog())

    def action_outbox(self) -> None:
        """F1: the e-mail outbox — queued, failed, uncertain; send now, cancel."""
        from viver_tui.screens.outbox import OutboxScreen

        if not isinstance(self.screen, OutboxScreen):
            self.push_screen(OutboxScreen())

    def action_toggle_preview(self) -> None:
        """F12: show or hide the print preview pane (by default shown from 140 columns)."""
        from viver_tui.widgets.print_status import PrintPreview

        if self.preview_mode == "auto":
            self.preview_mode = "off" if self.size.width >= 140 else "on"
        else:
            self.preview_mode = "off" if self.preview_mode == "on" else "on"
        for screen in self.screen_stack:
            for pane in screen.query(PrintPreview):
                pane.set_mode(self.preview_mode)

    # What the app's own keys may still do while the sign-in screen is up: quit, and
    # Tab / Shift+Tab between its fields.
    ALLOWED_WHILE_LOCKED = frozenset({"quit", "focus_next", "focus_previous"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the sign-in screen is up, no app key (F5, Ctrl+P …) gets around it.
        if action not in self.ALLOWED_WHILE_LOCKED and self.is_locked:
            return False
        if action in self.ADMIN_ACTIONS and not self._admin_signed_in():
            return False  # hidden from everyone else's footer, and refused
        return super().check_action(action, parameters)

    # --- who is at the terminal, the lock (roles) -------------------------------------

    def action_lock(self) -> None:
        from viver_tui.screens.login import lock

        lock(self)

    QUIT_SIGN_OUT_WAIT_S = 3.0  # a store that does not answer does not keep the app open
    QUIT_SAVES_WAIT_S = 15.0  # longer than a busy store's timeout (db.SQLITE_BUSY_TIMEOUT_S)

    async def action_quit(self) -> None:
        """Ctrl+Q: what was typed before it is saved first (media, scans: a screen's
        ``saving``), then whoever is signed in is logged out (reason ``quit``), so the
        access log shows when they left this terminal, as it does for Ctrl+L."""
        await self._keys_before_handled()
        deadline = time.monotonic() + self.QUIT_SAVES_WAIT_S
        while time.monotonic() < deadline and any(
            getattr(screen, "saving", False) for screen in self.screen_stack
        ):
            await asyncio.sleep(0.02)
        leaving, self.signed_in = self.signed_in, None
        if leaving is not None and self.is_locked:
            leaving = None  # the lock has logged them out already
        if leaving is not None:
            from viver_tui.screens.base import use_store_threads
            from viver_tui.services import staff

            loop = asyncio.get_running_loop()
            call = partial(staff.sign_out, self.db, leaving, "quit")
            try:
                await asyncio.wait_for(
                    loop.run_in_executor(use_store_threads(), call), self.QUIT_SIGN_OUT_WAIT_S
                )
            except Exception as exc:  # the counter closes anyway; errors.log says why
                from viver_tui.crash_log import write_crash_log

                write_crash_log(exc, "sign-out on quit")
        self.exit()

    async def _keys_before_handled(self) -> None:
        """Wait until the keys that came before this one (a priority key is acted on as
        it arrives, ahead of them) have reached their widget, and the messages those
        posted (a scan) have bubbled up to their screen: a callback queued behind them
        on each node from the focused widget up, three times over."""
        for _ in range(3):
            node = self.focused or self.screen
            for hop in node.ancestors_with_self:
                if hop is self:
                    break
                reached = asyncio.Event()
                hop.call_later(reached.set)
                await reached.wait()

    @property
    def who(self) -> Any:
        """The person service calls are made for (``services.roles.Who``): the StaffView
        signed in (None before anyone has: the services refuse it)."""
        return self.signed_in

    @property
    def staff(self) -> str:
        """The signed-in person's initials, as order history records them ("" before
        anyone has signed in). Never the operating-system user."""
        return self.signed_in.initials if self.signed_in is not None else ""

    @property
    def is_locked(self) -> bool:
        """A sign-in screen is up, anywhere in the stack (a dialog over it included)."""
        return any(getattr(screen, "LOCKS_APP", False) for screen in self.screen_stack)

    def release_held_errors(self) -> None:
        """After sign-in: the error dialogs that came while the counter was locked."""
        from viver_tui.screens.error_dialog import ErrorDialog

        held, self._held_errors = self._held_errors, []
        for message in held:
            self.push_screen(ErrorDialog(message))

    def action_pickup(self) -> None:
        from viver_tui.screens.pickup import PickupScreen

        if not isinstance(self.screen, PickupScreen):
            self.push_screen(PickupScreen())

    def action_production(self) -> None:
        """F11: the production room's screen (scan a medium to move it along)."""
        from viver_tui.screens.production import ProductionScreen

        if not isinstance(self.screen, ProductionScreen):
            self.push_screen(ProductionScreen())

    def action_ready_orders(self) -> None:
        """Ctrl+R: orders ready for pickup, oldest first (the counter's list)."""
        from viver_tui.screens.workload import ReadyOrdersScreen

        if not isinstance(self.screen, ReadyOrdersScreen):
            self.push_screen(ReadyOrdersScreen())

    # The screen each role starts on after signing in (None: the search, as before).
    START_SCREENS = {"production": "production"}

    def open_start_screen(self, role: str) -> None:
        """Open ``role``'s start screen: the production role works in the production
        room (called once sign-in has landed: screens/login.py)."""
        if self.START_SCREENS.get(role) == "production":
            self.action_production()

    def open_workload(self) -> None:
        from viver_tui.screens.workload import WorkloadScreen

        self.push_screen(WorkloadScreen())

    # --- navigation: screens ask the app to open another screen, never import it ------

    def open_order(self, order_id: int, *, replace: bool = False) -> None:
        """Show an order (``replace``: instead of the current screen)."""
        from viver_tui.screens.order import OrderScreen

        self._open(OrderScreen(order_id), replace)

    def open_intake(
        self, customer_id: int, order_id: int | None = None, *, replace: bool = False
    ) -> None:
        """Register media for a customer: a new order, or go on with draft ``order_id``."""
        from viver_tui.screens.intake import IntakeScreen

        self._open(IntakeScreen(customer_id, order_id), replace)

    def open_pickup(self, order_id: int | None = None) -> None:
        """Pickup, for ``order_id`` or waiting for a receipt to be scanned."""
        from viver_tui.screens.pickup import PickupScreen

        self.push_screen(PickupScreen(order_id=order_id) if order_id else PickupScreen())

    def open_documents(
        self, *, order_id: int | None = None, customer_id: int | None = None
    ) -> None:
        """The documents of an order (its invoice …) or of a customer (quotes …)."""
        from viver_tui.screens.documents import DocumentsScreen

        self.push_screen(DocumentsScreen(order_id=order_id, customer_id=customer_id))

    # --- admin: the access log and innsyn requests (screens/admin_*.py) -----------------

    ADMIN_ACTIONS = frozenset({"admin_menu"})

    def _admin_signed_in(self) -> bool:
        view = self.signed_in
        return view is not None and view.role == "admin" and view.active

    def action_admin_menu(self) -> None:
        """F8 (admin): the access log, this customer's access log, innsyn requests."""
        from viver_tui.screens.admin_dialogs import AdminMenu

        customer_id = getattr(self.screen, "customer_id", None)
        if not isinstance(customer_id, int):
            customer_id = None

        def chosen(choice: str | None) -> None:
            if choice == "log":
                self.open_access_log()
            elif choice == "log_customer":
                self.open_access_log(customer_id)
            elif choice == "requests":
                self.open_access_requests()

        self.push_screen(AdminMenu(customer_id), chosen)

    def open_access_log(self, customer_id: int | None = None) -> None:
        from viver_tui.screens.admin_log import AccessLogScreen

        self.push_screen(AccessLogScreen(customer_id))

    def open_access_requests(self) -> None:
        from viver_tui.screens.admin_requests import AccessRequestsScreen

        self.push_screen(AccessRequestsScreen())

    def open_customer(self, customer_id: int) -> None:
        from viver_tui.screens.customer import CustomerScreen

        self.push_screen(CustomerScreen(customer_id))

    def _open(self, screen: Screen[Any], replace: bool) -> None:
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)


class ThreadNews(Message):
    """A background thread's result, to be handled on the UI thread."""

    def __init__(self, callback: Callable[[], object]) -> None:
        super().__init__()
        self.callback = callback


def _database_label(url: str) -> str:
    """What the status bar shows of the database: the file, or the server (no password)."""
    from viver_tui.private import mask_url

    if url.startswith("sqlite"):
        return f"SQLite: {url.split('///', 1)[-1]}"
    parts = urlparse(mask_url(url))
    return f"PostgreSQL: {parts.hostname or ''}{f':{parts.port}' if parts.port else ''}{parts.path}"


def make_app(
    settings: Settings,
    *,
    printer_factory: PrinterFactory | None = None,
    open_database_later: bool = False,
) -> ViverApp:
    """Build the counter app for ``settings``. Raises DatabaseError when the store cannot
    be opened — or, with ``open_database_later``, opens it after the first frame (see the
    module docstring)."""
    if open_database_later:
        return ViverApp(settings, None, printer_factory=printer_factory)
    from viver_tui.store import open_database

    return ViverApp(settings, open_database(settings.database_url), printer_factory=printer_factory)

