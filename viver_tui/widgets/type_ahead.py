"""Keys typed right behind a key that opens a form land in that form, in order.

Textual hands each key to the widget focused when the App reads it. A key that opens a
form (F2 a new customer, F4 a new order) only does so once it has reached the screen,
so the keys typed right behind it — a fast typist, or a scanner — were handed to the
old screen's search field, or to nothing while the form was mounting, and were lost or
landed out of order. So when a screen's form-opening key (a binding whose id is in the
screen's ``OPENS_FORM``) goes by, the App holds the keys after it, and hands them on,
in order, as soon as a text field of another screen has the focus: the form's first
field. If no form opens (refused, or it failed), they go on after ``HOLD_LIMIT_S``
to wherever the focus is then.

Keys read before anything has the focus (typed as ``viver`` starts, before its first
screen has mounted) are held the same way, for the first field that gets it: Textual
would hand them to the bare screen, which drops them. Those typed before the terminal
was switched to raw mode carry the tty's own translation of Enter, a newline (ctrl+j):
they are handed on as Enter.

The sign-in screen holds the keys typed behind the PIN's Enter the same way (``hold``):
a name typed ahead lands in the search field once the PIN is accepted (``keep_for``
then bounds the wait), and is dropped if the PIN is refused (``drop``) — no key typed
before sign-in reaches a screen that shows customer data unless the PIN was right.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App
from textual.binding import NoBinding
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

HOLD_LIMIT_S = 3.0


class HeldKeysExpired(Message):
    """No form took the held keys in time: the App hands them to the focus now."""


class TypeAhead:
    """The App's holder of the keys typed behind a form-opening key. The App asks
    ``holds(key)`` for each key it reads, and on ``DescendantFocus`` and
    ``HeldKeysExpired`` hands on what ``released_to`` / ``expired`` return, in order —
    in its own message queue, so a key read after that comes after them."""

    def __init__(self, app: App[Any]) -> None:
        self._app = app
        self._held: list[events.Key] = []
        self._early: list[events.Key] = []  # reached the screen before the holding began
        self._holder: Screen[Any] | None = None
        self._timer: Timer | None = None
        self._before_focus: list[events.Key] | None = []  # None once anything had the focus

    @property
    def holding(self) -> bool:
        return self._holder is not None

    def holds(self, event: events.Key) -> bool:
        """Whether ``event`` is held (typed behind a form-opening key); a form-opening
        key itself goes on, and starts the holding."""
        if self._before_focus is not None:  # until the first focus reaches the App
            self._before_focus.append(event)
            return True
        if self._holder is not None:
            self._held.append(event)
            return True
        screen = self._app.screen
        if self._opens_form(event.key, screen):
            self._holder = screen
            self._timer = self._app.set_timer(
                HOLD_LIMIT_S, lambda: self._app.post_message(HeldKeysExpired())
            )
        return False

    @property
    def has_keys(self) -> bool:
        """Whether any key is held."""
        return bool(self._early or self._held)

    def hand_on(self) -> None:
        """Hand the held keys to whatever has the focus, as soon as the App gets to it."""
        if self._holder is not None:
            self._app.post_message(HeldKeysExpired())

    def hold(self, screen: Screen[Any]) -> None:
        """Hold every key read from now on, for a text field of another screen than
        ``screen`` (no time limit until ``keep_for``; ``drop`` ends it)."""
        if self._holder is None:
            self._holder = screen

    def hold_early(self, event: events.Key) -> None:
        """A key the App had handed to ``screen`` before the holding began: it goes
        before the keys held since, in the order such keys are given here."""
        self._early.append(event)

    def keep_for(self, seconds: float) -> None:
        """Hand the held keys to the focus after ``seconds`` if no form takes them."""
        if self._holder is not None and self._timer is None:
            self._timer = self._app.set_timer(
                seconds, lambda: self._app.post_message(HeldKeysExpired())
            )

    def drop(self) -> None:
        """Forget the held keys and stop holding."""
        self._release()

    def take_text(self) -> str:
        """The text the held keys begin with, taken out of them: their leading run of
        printable keys, with the Backspaces among them applied. The keys after that run
        stay held, in order, for the field that gets the focus: they go after the text.
        A screen that is made for these keys starts with the text in its field, so a
        name typed behind the PIN is searched once, whole, not key by key."""
        keys = self._early + self._held
        text: list[str] = []
        taken = 0
        for key in keys:
            if key.key == "backspace":
                if text:
                    text.pop()
            elif key.is_printable and key.character is not None:
                text.append(key.character)
            else:
                break
            taken += 1
        # The keys are in _early, then _held: cut the run out of both, in that order.
        early_taken = min(taken, len(self._early))
        del self._early[:early_taken]
        del self._held[: taken - early_taken]
        return "".join(text)

    def released_to(self, focused: Widget) -> list[events.Key]:
        """The held keys (fresh copies, in order) when ``focused`` is a text field of
        another screen than the one the key was pressed on; [] otherwise. The first
        focus of all takes the keys read before it."""
        if self._before_focus is not None:
            first, self._before_focus = self._before_focus, None
            return [self._fresh(key, newline_is_enter=True) for key in first]
        if self._holder is None or not isinstance(focused, Input):
            return []
        # The focus message can come after its field was removed (a sign-in screen
        # dismissed at once): that field takes nothing, the keys wait for the next one.
        if not focused.is_attached or focused.screen is self._holder:
            return []
        return self._release()

    def expired(self) -> list[events.Key]:
        """The held keys, for the focus wherever it is (no form took them)."""
        return self._release()

    def _release(self) -> list[events.Key]:
        held, self._held, self._holder = self._early + self._held, [], None
        self._early = []
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        return [self._fresh(key) for key in held]

    def _fresh(self, old: events.Key, *, newline_is_enter: bool = False) -> events.Key:
        """A copy of ``old`` to dispatch again (an event is handled once). Typed before
        the terminal was in raw mode, Enter reached us as the tty made it: a newline."""
        if newline_is_enter and old.key == "ctrl+j":
            key = events.Key("enter", "\r")
        else:
            key = events.Key(old.key, old.character)
        key.set_sender(self._app)
        return key

    @staticmethod
    def _opens_form(key: str, screen: Screen[Any]) -> bool:
        opens: frozenset[str] = getattr(screen, "OPENS_FORM", frozenset())
        if not opens:
            return False
        try:
            bindings = screen._bindings.get_bindings_for_key(key)
        except NoBinding:
            return False
        return any(
            b.id in opens and screen.check_action(b.action, ()) is not False for b in bindings
        )
