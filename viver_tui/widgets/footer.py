"""The footer of every counter screen: every key shown, on as many rows as it takes.

Textual's ``Footer`` is one row that scrolls sideways: at 80–120 columns the keys at the
end (``f9 Utskrift``, ``^l Lås / bytt ansatt``) were simply not there. ``CounterFooter``
lays its keys out in rows that fit the screen's width (a key is never split), and moves
the status bar up to sit right above it, however many rows it takes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class FooterRow(HorizontalGroup):
    """One row of keys."""

    DEFAULT_CSS = "FooterRow { height: 1; width: 1fr; }"


def key_width(key_display: str, description: str, compact: bool = False) -> int:
    """The cells a ``FooterKey`` takes: `` key `` then ``description ``; compact,
    ``key`` `` description`` and a margin of one."""
    if compact:
        return cell_len(key_display) + (cell_len(description) + 1 if description else 0) + 1
    return cell_len(key_display) + 2 + (cell_len(description) + 1 if description else 0)


def rows_of(widths: list[int], room: int) -> list[list[int]]:
    """Indexes of keys ``widths`` wide, in rows of at most ``room`` cells, in order
    (a key wider than a row gets a row of its own)."""
    rows: list[list[int]] = []
    used = room + 1
    for index, width in enumerate(widths):
        if rows and used + width <= room:
            rows[-1].append(index)
            used += width
        else:
            rows.append([index])
            used = width
    return rows


class CounterFooter(Footer):
    """Textual's ``Footer`` with every key shown, in rows, rebuilt only when what it
    shows changes.

    Textual rebuilds every key of the footer whenever a screen's bindings may have
    changed, and that includes every focus move. At the counter focus moves on nearly
    every Enter (intake: kind → text → condition → kind), while the keys shown stay the
    same; the rebuild (a widget per key, each styled anew) was the largest part of
    what such an Enter cost (``bench/bench_intake_keys.py``). A change of width that
    changes the rows rebuilds it too.
    """

    DEFAULT_CSS = "CounterFooter { height: auto; max-height: 4; layout: vertical; }"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._shown: tuple[object, ...] | None = None

    def _room(self) -> int:
        return self.size.width or self.screen.size.width or self.app.size.width

    def _shown_bindings(self) -> list[tuple[Any, bool, str]]:
        return [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]

    def _rows(self) -> tuple[bool, list[list[tuple[Any, bool, str]]]]:
        """Whether compact, and the keys in rows: the usual look while it takes two rows
        at most, else compact (less space around each key) if that takes fewer."""
        bindings = self._shown_bindings()
        room = self._room()

        def rows(compact: bool) -> list[list[int]]:
            widths = [
                key_width(self.app.get_key_display(binding), binding.description, compact)
                for binding, _, _ in bindings
            ]
            return rows_of(widths, room)

        compact, chosen = False, rows(False)
        if len(chosen) > 2 and len(tighter := rows(True)) < len(chosen):
            compact, chosen = True, tighter
        return compact, [[bindings[i] for i in row] for row in chosen]

    def _keys(self) -> tuple[object, ...]:
        """Everything ``compose`` builds from: compact or not, the bindings shown in
        their rows, whether each is enabled, and their tooltips."""
        compact, rows = self._rows()
        shown: Iterable[tuple[object, ...]] = (tuple(row) for row in rows)
        return (compact, *shown)

    def bindings_changed(self, screen: Screen[Any]) -> None:
        if (
            self._shown is not None
            and self.is_attached
            and screen is self.screen
            and self._keys() == self._shown
        ):
            return  # the same keys: nothing to rebuild
        super().bindings_changed(screen)

    def on_resize(self) -> None:
        if self._shown is not None and self._keys() != self._shown:
            self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            self._shown = None
            return
        compact, rows = self._rows()
        self._shown = (compact, *(tuple(row) for row in rows))
        self.compact = compact
        for row in rows:
            yield FooterRow(*(
                self._key(binding, enabled, tooltip, compact) for binding, enabled, tooltip in row
            ))
        self._lift_status_bar(len(rows))

    def _key(self, binding: Any, enabled: bool, tooltip: str, compact: bool) -> FooterKey:
        """A key born with its look: the class ``compact`` gives and the value, set
        before it mounts. Textual's way (``data_bind`` to the footer's ``compact``, a
        key starting compact) styled every key three times as it mounted — about a
        sixth of the time from the PIN accepted to the search painted (profiled;
        docs/benchmarks.md has the measured gain). This footer changes
        ``compact`` only by composing anew, so there is nothing to bind."""
        key = FooterKey(
            binding.key,
            self.app.get_key_display(binding),
            binding.description,
            binding.action,
            disabled=not enabled,
            tooltip=tooltip,
            classes="-compact" if compact else "",
        )
        key.set_reactive(FooterKey.compact, compact)  # its watcher finds the class right
        return key

    def _lift_status_bar(self, rows: int) -> None:
        """The status bar docks at the bottom too (docked widgets overlap): its bottom
        margin is the footer's height, so it sits right above the keys."""
        from viver_tui.widgets.status_bar import StatusBar

        for bar in self.screen.query(StatusBar):
            bar.styles.margin = (0, 0, max(rows, 1), 0)
