"""Sign-in: who is at the terminal. Covers the whole screen, so nothing behind it shows.

The sign-in screen is the app's first screen, always (``ViverApp.get_default_screen``):
no screen that shows or takes customer data exists before someone has signed in, and
keys typed while the database opens land in its fields (initials, Enter, PIN). There
is no way around it — no setting, variable or option names the staff instead.
``start_sign_in(app)`` runs once the database is open: on a database without staff it
puts the first-admin screen in its place (name, initials, PIN twice); otherwise the
sign-in screen asks for initials — typed, or picked from the list of active staff (↓
into the list, Enter; ``signin_staff_list = false`` hides the list) — and PIN. Signed
in, the search screen replaces it. A wrong PIN shows
why and, after repeated failures, keeps the fields disabled for the delay the service
computed (waited on the event loop, never on the UI thread or a store thread); every
try is in the access log. ``Ctrl+L`` (bound by the app) locks the counter the same
way: the next person signs in over the screen they left, which is kept as it was.
After ``Settings.idle_lock_minutes`` without a key or a click (0: never) the counter
locks itself.

While locked nothing personal shows: the sign-in screen is a full screen (what is
behind it is not drawn), it has no toast rack (a notice such as "Lagret: <name>" that
arrives meanwhile waits for the next person), the app holds error dialogs until
someone has signed in (app.py), and when a different person signs in the print
preview of the previous one is cleared.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets._toast import ToastRack
from textual.widgets.option_list import Option

from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.screens.base import run_service
from viver_tui.widgets.field_input import FieldInput, move_focus
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from viver_tui.services.staff import SignIn, StaffView

_CSS = """
/* One rule for both screens: as "SignInScreen, FirstAdminScreen" (scoped CSS) the second
   became a descendant selector and never matched. */
_LockScreen { align: center middle; }
#login-box { width: 60; height: auto; border: round $primary; padding: 1 2; }
#login-box Input { margin-bottom: 1; }
#login-message { color: $error; height: auto; }
#staff-list { height: auto; max-height: 8; margin-bottom: 1; }
"""


def signed_in(app: Any, view: StaffView) -> None:
    """Make ``view`` the person the app's service calls are made for."""
    previous = app.signed_in
    app.signed_in = view
    for screen in app.screen_stack:  # "Ansatt: …" names who is signed in now
        for bar in screen.query(StatusBar):
            bar.refresh()
    if previous is None or previous.id != view.id:
        _clear_print_previews(app)
    # Error dialogs held while locked come once the sign-in screen has gone.
    release = getattr(app, "release_held_errors", None)
    if release is not None:
        app.call_after_refresh(release)


def _clear_print_previews(app: Any) -> None:
    """The last preview shows the previous person's print (a name, maybe a phone
    number): the next person starts without it."""
    from viver_tui.widgets.print_status import PrintPreview

    queue = getattr(app, "print_queue", None)
    if queue is not None:
        queue.last_preview = ""
    for screen in app.screen_stack:
        for pane in screen.query(PrintPreview):
            pane.show("")


def may_see_contact(app: Any) -> bool:
    """Whether the person signed in may see (and so register or correct) customers'
    contact details. The services enforce it; screens use it to offer only what is
    allowed. Nobody signed in: no."""
    who = getattr(app, "signed_in", None)
    if who is None:
        return False
    from viver_tui.services.staff import sees_contact

    return sees_contact(who)


class _LockScreen(Screen["StaffView"]):
    """A screen that covers the counter while nobody (or nobody yet) is signed in."""

    DEFAULT_CSS = _CSS
    LOCKS_APP = True  # the app refuses its own keys (F5, Ctrl+P …) while this is up

    def on_mount(self) -> None:  # Textual calls it before a subclass's own on_mount
        # No toasts here: a notice that arrives while the counter is locked ("Lagret:
        # <name>") waits in the app for the screen the next person returns to.
        for rack in self.query(ToastRack):
            rack.remove()


class SignInScreen(_LockScreen):
    BINDINGS = [Binding("down", "pick_from_list", show=False)]

    def __init__(self) -> None:
        super().__init__(id="sign-in-screen")

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Label(t("login.title"), id="login-title")
            yield _SignInField(
                placeholder=t("login.initials"), id="initials", on_enter=self._initials_done
            )
            yield Label(t("login.pick"), id="staff-list-title")
            yield OptionList(id="staff-list")
            yield _SignInField(
                placeholder=t("login.pin"), password=True, id="pin", on_enter=self._pin_done
            )
            yield Static("", id="login-message", markup=False)
        yield CounterFooter()

    def on_mount(self) -> None:
        self.checking = False  # the PIN is being checked: keys typed on are held
        self.query_one("#initials", Input).focus()
        if not self.app.settings.signin_staff_list:  # type: ignore[attr-defined]
            self.query_one("#staff-list-title", Label).display = False
            self.query_one("#staff-list", OptionList).display = False
            return
        app: Any = self.app

        def choices() -> list[tuple[str, str]]:
            # In the worker: the staff service (and peewee with it) is imported and
            # app.db waited for after the first frame, not before it.
            from viver_tui.services import staff

            return staff.sign_in_choices(app.db)

        # Once the database is open (after the first frame, when the app starts fast).
        app.when_database_open(
            lambda: run_service(self, choices, on_done=self._show_choices, group="sign-in")
        )

    def _show_choices(self, choices: list[tuple[str, str]]) -> None:
        """The active staff, by name; the option's id is the initials to sign in as."""
        names = self.query_one("#staff-list", OptionList)
        names.clear_options()
        names.add_options(
            [Option(shown(f"{name} ({initials})"), id=initials) for name, initials in choices]
        )
        if not choices:
            self.query_one("#staff-list-title", Label).update(t("login.no_staff_list"))

    def action_pick_from_list(self) -> None:
        """↓ from the initials field goes into the list of names."""
        names = self.query_one("#staff-list", OptionList)
        if (
            self.focused is self.query_one("#initials", Input)
            and names.display
            and names.option_count
        ):
            names.focus()
            if names.highlighted is None:
                names.highlighted = 0

    @on(OptionList.OptionSelected, "#staff-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#initials", Input).value = event.option.id or ""
        self.query_one("#pin", Input).focus()

    # Enter moves on in the field's own key handler (FieldInput): "kn⏎1234⏎" typed
    # faster than focus moves still puts the PIN in the PIN field, not after the initials.
    def _initials_done(self, _field: FieldInput) -> None:
        move_focus(self.query_one("#pin", FieldInput))

    def _pin_done(self, _field: FieldInput) -> None:
        from viver_tui.services import staff

        initials = self.query_one("#initials", Input).value
        pin_field = self.query_one("#pin", Input)
        pin, pin_field.value = pin_field.value, ""
        if not initials.strip():
            self.query_one("#initials", Input).focus()
            return
        self._enable(False)
        app: Any = self.app
        # Keys typed on (a name, right behind the PIN) wait for the screen the person
        # lands on, and are dropped if the PIN is refused (widgets/type_ahead.py).
        self.checking = True
        app.type_ahead.hold(self)
        run_service(self, lambda: staff.verify_pin(app.db, initials, pin),
                    on_done=self._checked, on_error=self._failed, group="sign-in")

    def _checked(self, result: SignIn) -> None:
        self.checking = False
        app: Any = self.app
        if result.ok and result.staff is not None:
            if app.type_ahead.has_keys:  # for the field the person lands in
                app.type_ahead.keep_for(HELD_AFTER_SIGN_IN_S)
            else:
                app.type_ahead.drop()
            signed_in(self.app, result.staff)
            _leave(self, result.staff)
            return
        app.type_ahead.drop()
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
        self.checking = False
        self.app.type_ahead.drop()  # type: ignore[attr-defined]
        self.query_one("#login-message", Static).update(shown(error.message))
        self._enable(True)

    def _enable(self, enabled: bool) -> None:
        for field in self.query(Input):
            field.disabled = not enabled
        self.query_one("#staff-list", OptionList).disabled = not enabled
        if enabled:
            self.query_one("#pin", Input).focus()


HELD_AFTER_SIGN_IN_S = 3.0  # keys typed behind the PIN wait this long for a field


class _SignInField(FieldInput):
    """A sign-in field: the keys the App had handed to it right behind the PIN's Enter
    (one terminal write: ``kn⏎1234⏎anette``, all handed to the initials field) are held
    with those typed later, in order, while the PIN is checked."""

    async def _on_key(self, event: events.Key) -> None:
        if getattr(self.screen, "checking", False):
            event.stop()
            event.prevent_default()
            self.app.type_ahead.hold_early(event)  # type: ignore[attr-defined]
            return
        await super()._on_key(event)


class FirstAdminScreen(_LockScreen):
    """A brand-new database: make the first admin, who is then signed in."""

    FIELDS = ("name", "initials", "pin", "pin-again")

    def __init__(self) -> None:
        super().__init__(id="first-admin-screen")

    def compose(self) -> ComposeResult:
        with Vertical(id="login-box"):
            yield Label(t("login.first_admin"), id="login-title")
            yield FieldInput(placeholder=t("login.name"), id="name", on_enter=self._next)
            yield FieldInput(
                placeholder=t("login.initials"), id="initials", on_enter=self._next
            )
            yield FieldInput(
                placeholder=t("login.pin"), password=True, id="pin", on_enter=self._next
            )
            yield FieldInput(
                placeholder=t("login.pin_again"), password=True, id="pin-again",
                on_enter=self._next,
            )
            yield Static("", id="login-message", markup=False)
        yield CounterFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _next(self, field: FieldInput) -> None:
        index = self.FIELDS.index(field.id or "name")
        if index + 1 < len(self.FIELDS):
            move_focus(self.query_one(f"#{self.FIELDS[index + 1]}", FieldInput))
            return
        self._save()

    def _save(self) -> None:
        from viver_tui.services import staff

        values = {f: self.query_one(f"#{f}", Input).value for f in self.FIELDS}
        message = self.query_one("#login-message", Static)
        if values["pin"] != values["pin-again"]:
            message.update(t("cli.pin_mismatch"))
            self._clear_pins()
            return
        db = self.app.db  # type: ignore[attr-defined]

        def add() -> StaffView:
            return staff.add(db, name=values["name"], initials=values["initials"],
                             role=staff.ADMIN, pin=values["pin"], by=None)

        run_service(self, add, on_done=self._added, on_error=self._failed, group="sign-in")

    def _added(self, view: StaffView) -> None:
        signed_in(self.app, view)
        _leave(self, view)

    def _failed(self, error: Any) -> None:
        self.query_one("#login-message", Static).update(shown(error.message))
        if "pin" in getattr(error, "errors", {}) or getattr(error, "field", None) == "pin":
            self._clear_pins()  # "PIN: 4–12 sifre": both typed again, not one kept

    def _clear_pins(self) -> None:
        for field in ("pin", "pin-again"):
            self.query_one(f"#{field}", Input).value = ""
        self.query_one("#pin", Input).focus()


def _leave(screen: _LockScreen, view: StaffView) -> None:
    """Signed in: a lock screen over the counter goes, and the screen left behind is
    back; the first sign-in screen (the bottom of the stack) gives way to the search."""
    app: Any = screen.app
    if app.screen_stack and app.screen_stack[0] is screen:
        app.open_home()  # keys typed behind the PIN go to its search field
    else:
        screen.dismiss(view)
        # Back on the screen left behind: keys typed behind the PIN go to its focus.
        app.call_after_refresh(app.type_ahead.hand_on)


def start_sign_in(app: Any) -> None:
    """Once the database is open: the first admin on a new database (in place of the
    sign-in screen the app started with), else the sign-in screen stays."""
    from viver_tui.services import staff

    db = app.db

    def show(has_staff: bool) -> None:
        if not has_staff and app.signed_in is None:
            first = app.screen_stack[0] if app.screen_stack else None
            if isinstance(first, SignInScreen) and app.screen is first:
                app.replace_screen(FirstAdminScreen())
            else:
                app.push_screen(FirstAdminScreen())
        elif app.signed_in is None and not app.is_locked:
            app.push_screen(SignInScreen())
        if idle_lock_s(app) > 0:
            app.set_interval(IDLE_CHECK_S, lambda: lock_if_idle(app))

    run_service(app, lambda: staff.has_staff(db), on_done=show, group="sign-in")


IDLE_CHECK_S = 10.0  # how often the idle time is looked at


def idle_lock_s(app: Any) -> float:
    """Seconds without input before the counter locks itself (0: never), from the
    settings (``idle_lock_minutes``, default 5)."""
    return float(app.settings.idle_lock_minutes) * 60.0


def lock_if_idle(app: Any, *, now: float | None = None) -> bool:
    """Lock when nobody has touched the terminal for the idle time of the settings
    (only once someone has signed in here). ``now``: a ``time.monotonic()`` reading, for tests."""
    import time

    after_s = idle_lock_s(app)
    now = time.monotonic() if now is None else now
    if after_s <= 0 or app.signed_in is None or now - app.last_input < after_s:
        return False
    lock(app, reason="idle")
    return True


def lock(app: Any, reason: str = "lock") -> None:
    """Lock the counter: whoever signs in next carries on from the screen left behind.
    The person who was signed in is logged out (``reason``: ``lock`` or ``idle``)."""
    if any(isinstance(s, _LockScreen) for s in app.screen_stack):
        return
    app.push_screen(SignInScreen())
    leaving = getattr(app, "signed_in", None)
    if leaving is not None:
        from viver_tui.services import staff

        db = app.db
        run_service(
            app, lambda: staff.sign_out(db, leaving, reason), on_done=lambda _: None,
            group="sign-out",
        )
