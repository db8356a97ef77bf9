"""Sign-in: who is at the terminal. Covers the whole screen, so nothing behind it shows.

``start_sign_in(app)`` runs once the database is open (unless the settings name the
staff, as tests and single-user setups do): on a database without staff it asks for
the first admin (name, initials, PIN twice); otherwise for initials and PIN. A wrong
PIN shows why and, after repeated failures, keeps the fields disabled for the delay
the service computed (the waiting happens in a thread worker, never on the UI
thread). ``Ctrl+L`` (bound by the app) locks the counter the same way: the next person
signs in over the screen they left, which is kept as it was. After ``IDLE_LOCK_S``
without a key or a click the counter locks itself; the sign-in screen covers the whole
screen, so no customer data shows while it is locked.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.screens.base import run_service

if TYPE_CHECKING:
    from viver_tui.services.staff import SignIn, StaffView

_CSS = """
SignInScreen, FirstAdminScreen { align: center middle; }
#login-box { width: 60; height: auto; border: round $primary; padding: 1 2; }
#login-box Input { margin-bottom: 1; }
#login-message { color: $error; height: auto; }
"""


def signed_in(app: Any, view: StaffView) -> None:
    """Make ``view`` the person the app's service calls are made for."""
    app.staff = view.initials
    app.signed_in = view


class SignInScreen(Screen["StaffView"]):
    DEFAULT_CSS = _CSS
    LOCKS_APP = True  # the app refuses its own keys (F5, Ctrl+P …) while this is up

    def __init__(self) -> None:
        super().__init__(id="sign-in-screen")

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Label(t("login.title"), id="login-title")
            yield Input(placeholder=t("login.initials"), id="initials")
            yield Input(placeholder=t("login.pin"), password=True, id="pin")
            yield Static("", id="login-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#initials", Input).focus()

    @on(Input.Submitted, "#initials")
    def _initials_done(self) -> None:
        self.query_one("#pin", Input).focus()

    @on(Input.Submitted, "#pin")
    def _pin_done(self) -> None:
        from viver_tui.services import staff

        initials = self.query_one("#initials", Input).value
        pin_field = self.query_one("#pin", Input)
        pin, pin_field.value = pin_field.value, ""
        if not initials.strip():
            self.query_one("#initials", Input).focus()
            return
        self._enable(False)
        db = self.app.db  # type: ignore[attr-defined]
        run_service(self, lambda: staff.verify_pin(db, initials, pin), on_done=self._checked,
                    on_error=self._failed, group="sign-in")

    def _checked(self, result: SignIn) -> None:
        if result.ok and result.staff is not None:
            signed_in(self.app, result.staff)
            self.dismiss(result.staff)
            return
        self.query_one("#login-message", Static).update(shown(result.message))
        if result.delay_s > 0:
            delay = result.delay_s

            async def wait() -> None:
                # Waited on the event loop, not in a sleeping thread: the store's two
                # threads stay free for the other screens.
                await asyncio.sleep(delay)
                self._enable(True)

            self.run_worker(wait(), group="sign-in", exit_on_error=False)
        else:
            self._enable(True)

    def _failed(self, error: Any) -> None:
        self.query_one("#login-message", Static).update(shown(error.message))
        self._enable(True)

    def _enable(self, enabled: bool) -> None:
        for field in self.query(Input):
            field.disabled = not enabled
        if enabled:
            self.query_one("#pin", Input).focus()


class FirstAdminScreen(Screen["StaffView"]):
    """A brand-new database: make the first admin, who is then signed in."""

    DEFAULT_CSS = _CSS
    LOCKS_APP = True
    FIELDS = ("name", "initials", "pin", "pin-again")

    def __init__(self) -> None:
        super().__init__(id="first-admin-screen")

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Label(t("login.first_admin"), id="login-title")
            yield Input(placeholder=t("login.name"), id="name")
            yield Input(placeholder=t("login.initials"), id="initials")
            yield Input(placeholder=t("login.pin"), password=True, id="pin")
            yield Input(placeholder=t("login.pin_again"), password=True, id="pin-again")
            yield Static("", id="login-message", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        index = self.FIELDS.index(event.input.id or "name")
        if index + 1 < len(self.FIELDS):
            self.query_one(f"#{self.FIELDS[index + 1]}", Input).focus()
            return
        self._save()

    def _save(self) -> None:
        from viver_tui.services import staff

        values = {f: self.query_one(f"#{f}", Input).value for f in self.FIELDS}
        message = self.query_one("#login-message", Static)
        if values["pin"] != values["pin-again"]:
            message.update(t("cli.pin_mismatch"))
            for field in ("pin", "pin-again"):
                self.query_one(f"#{field}", Input).value = ""
            self.query_one("#pin", Input).focus()
            return
        db = self.app.db  # type: ignore[attr-defined]

        def add() -> StaffView:
            return staff.add(db, name=values["name"], initials=values["initials"],
                             role=staff.ADMIN, pin=values["pin"], by=None)

        run_service(self, add, on_done=self._added, on_error=self._failed, group="sign-in")

    def _added(self, view: StaffView) -> None:
        signed_in(self.app, view)
        self.dismiss(view)

    def _failed(self, error: Any) -> None:
        self.query_one("#login-message", Static).update(shown(error.message))


def start_sign_in(app: Any) -> None:
    """Ask who is at the terminal: the first admin on a new database, else sign-in."""
    from viver_tui.services import staff

    db = app.db

    def show(has_staff: bool) -> None:
        app.push_screen(SignInScreen() if has_staff else FirstAdminScreen())
        app.set_interval(IDLE_CHECK_S, lambda: lock_if_idle(app))

    run_service(app, lambda: staff.has_staff(db), on_done=show, group="sign-in")


IDLE_LOCK_S = 300.0  # 5 minutes without a key or a click
IDLE_CHECK_S = 10.0


def lock_if_idle(app: Any, *, after_s: float = IDLE_LOCK_S, now: float | None = None) -> bool:
    """Lock when nobody has touched the terminal for ``after_s`` seconds (only once
    someone has signed in here: with staff from the settings there is no PIN to ask)."""
    import time

    now = time.monotonic() if now is None else now
    if app.signed_in is None or now - app.last_input < after_s:
        return False
    lock(app)
    return True


def lock(app: Any) -> None:
    """Lock the counter: whoever signs in next carries on from the screen left behind."""
    if not isinstance(app.screen, SignInScreen | FirstAdminScreen):
        app.push_screen(SignInScreen())
