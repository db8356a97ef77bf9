"""A form field that keeps up with typing ahead: no key lands in the field before.

Staff who know a form type ``1⏎Bryllup⏎OK⏎`` faster than focus moves. With a stock
``Input`` two things go wrong. Enter is a *binding*, run only after the key has bubbled
up to the App, so the characters after it are already in the old field. And even when
Enter moves focus at once, the App has often forwarded the next keys to the old field's
message queue before that: each widget drains its own queue, so the new field can
process its first key before the old one has processed the keys meant for the new one.

``FieldInput`` fixes both:

- Enter, Backspace and the field's other editing keys (arrows, Home, Delete …) are
  handled in the field's own key handler, in the order typed; Enter calls
  ``on_enter(field)`` at once; the form moves focus with ``move_focus``, which
  changes it synchronously (``Widget.focus`` only schedules the change).
- ``move_focus`` ends the old field's *run* of keys with a marker in its queue, and the
  new field waits for that marker before it takes its own first key. A key that reaches
  a field after focus has moved on (typed ahead) is handed to the field now focused,
  exactly as if it had been typed there — Enter included.

Keys therefore reach the fields in the order they were typed, at any speed the driver
delivers them (tests/screens/test_intake_screen.py types whole intakes back-to-back).
Screen bindings (F-keys) reaching a field are run here too, in order, not after the
keys typed behind them.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from textual import events
from textual.binding import BindingsMap, NoBinding
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

# A field waits at most this long for the keys typed before it (a safety net: the
# marker is always delivered while the form is mounted).
_WAIT_LIMIT_S = 2.0


class FieldInput(Input):
    """One line of a keyboard form: Enter calls ``on_enter(self)`` in typing order."""

    class _RunEnded(Message, bubble=False):
        """Marker: every key forwarded to this field before focus moved is handled."""

        def __init__(self, done: asyncio.Event) -> None:
            super().__init__()
            self.done = done

    class _RunStarts(Message, bubble=False):
        """Marker: this field's keys wait until the field before has drained."""

        def __init__(self, previous_done: asyncio.Event) -> None:
            super().__init__()
            self.previous_done = previous_done

    def __init__(
        self,
        *args: object,
        on_enter: Callable[[FieldInput], object] | None = None,
        **kwargs: object,
    ) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.on_enter = on_enter

    async def _on_field_input__run_ended(self, message: FieldInput._RunEnded) -> None:
        message.done.set()

    async def _on_field_input__run_starts(self, message: FieldInput._RunStarts) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(message.previous_done.wait(), _WAIT_LIMIT_S)

    def _target(self) -> FieldInput:
        """The field this key belongs to: the focused field, if focus moved on."""
        try:
            focused = self.screen.focused
        except Exception:
            return self
        if isinstance(focused, FieldInput) and focused is not self and not focused.disabled:
            return focused
        return self

    async def _on_key(self, event: events.Key) -> None:
        target = self._target()
        if await target.take_key(event):
            event.stop()
            event.prevent_default()
            return
        if target is self:
            await super()._on_key(event)

    async def take_key(self, event: events.Key) -> bool:
        """Handle a key typed for this field (perhaps delivered to another); True if used."""
        if event.key == "enter":
            if self.on_enter is not None:
                self.on_enter(self)
            return True
        if event.is_printable and event.character is not None:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(event.character)
            else:
                self.replace(event.character, *selection)
            return True
        # An editing key (⌫, ←, Home …) or a screen key (F3, F10 …): run it now, in
        # typing order, not after the keys typed behind it.
        return await run_own_binding(self, event) or await run_screen_binding(self, event)


class InOrderInput(Input):
    """A stock ``Input`` (Enter posts ``Submitted``) whose keys are applied in the order
    typed: its editing keys (⌫, ←, Home, Delete …) and its screen's keys (Esc, ↓, F2 …).
    A binding runs only once its key has bubbled up to the App, after the characters
    typed behind it (``s⌫j`` left ``s``; ``ab←c`` gave ``abc``; ``Esc nord`` cleared
    ``nord``)."""

    async def _on_key(self, event: events.Key) -> None:
        if await run_own_binding(self, event) or await run_screen_binding(self, event):
            event.stop()
            event.prevent_default()
            return
        await super()._on_key(event)


def move_focus(target: Widget) -> None:
    """Focus ``target`` now; keys already sent to the old field still reach ``target``
    first, in the order they were typed."""
    screen = target.screen
    previous = screen.focused
    if previous is target:
        return
    if isinstance(previous, FieldInput) and isinstance(target, FieldInput):
        done = asyncio.Event()
        previous.post_message(FieldInput._RunEnded(done))
        target.post_message(FieldInput._RunStarts(done))
    screen.set_focus(target)


async def run_own_binding(field: Input, event: events.Key) -> bool:
    """Run ``Input``'s own editing binding for ``event`` (←, Home, Delete, ⌫ …) now, in
    the order the keys were typed; True if it ran. Textual would run it later, once the
    key has bubbled up — a field's own bindings are the first it looks at, so the action
    is the same, only in its place. Keys ``Input`` has no editing binding for (↓, Tab …)
    go on as before."""
    try:
        binding = _EDITING_KEYS.get_bindings_for_key(event.key)[0]
    except (NoBinding, IndexError):
        return False
    return await field.app.run_action(binding.action, field)


async def run_screen_binding(field: Widget, event: events.Key) -> bool:
    """Run the field's screen's binding for ``event`` now, in typing order; True if it
    ran (``run_action`` asks the screen's ``check_action`` first: a refused key goes on
    to Textual, which refuses it the same way)."""
    screen = field.screen
    try:
        binding = screen._bindings.get_bindings_for_key(event.key)[0]
    except (NoBinding, IndexError):
        return False
    return await field.app.run_action(binding.action, screen)


# Input's own bindings only: not those it inherits as a scrollable widget (↓ scrolls,
# which a one-line field skips so that the key reaches the screen).
_EDITING_KEYS = BindingsMap(Input.BINDINGS)
