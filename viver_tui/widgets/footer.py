"""The footer of every counter screen: Textual's, rebuilt only when its keys change."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class CounterFooter(Footer):
    """Textual's ``Footer``, rebuilt only when what it shows changes.

    Textual rebuilds every key of the footer whenever a screen's bindings may have
    changed, and that includes every focus move. At the counter focus moves on nearly
    every Enter (intake: kind → text → condition → kind), while the keys shown stay the
    same; the rebuild (a widget per key, each styled anew) was the largest part of
    what such an Enter cost (``bench/bench_intake_keys.py``).
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None

    def _keys(self) -> tuple[object, ...]:
        """Everything ``Footer.compose`` builds from: the bindings shown, whether each
        is enabled, their tooltips, and the command palette key."""
        shown: Iterable[tuple[object, ...]] = (
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        return (*shown, self.show_command_palette, self.app.ENABLE_COMMAND_PALETTE)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (
            self._shown is not None
            and self.is_attached
            and screen is self.screen
            and self._keys() == self._shown
        ):
            return  # the same keys: nothing to rebuild
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        self._shown = self._keys() if self._bindings_ready else None
        yield from super().compose()
