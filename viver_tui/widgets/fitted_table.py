"""A DataTable whose columns share the table's width by priority.

Textual's ``DataTable`` gives a column either a fixed width (cut whatever it holds) or
its content's width (the table grows wider than the screen and the last columns slide
out of sight). At the counter's 80 to 120 columns neither fits: a price was cut at
``kr 1 25``, a description at 16 characters with room to spare, and at 80 columns the
search's city was off the screen.

``FittedTable`` measures each column (its header and every cell) whenever its rows or
its width change, and then:

- a column marked ``WHOLE`` (money, codes, dates, counts) always gets its whole width;
- every other column gets at least its header's width, and what is left is shared by
  weight (description and name weigh most), no column wider than its content;
- room still left over goes to the heaviest columns, so the table fills its width;
- a value cut to its column ends in "…" (only where nothing else fits).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, ColumnKey


@dataclass(frozen=True)
class Share:
    """How a column shares the table's width: ``weight`` when width is short (and for
    room to spare, the heaviest columns get it); ``whole``: never cut."""

    weight: int = 1
    whole: bool = False


WHOLE = Share(weight=0, whole=True)
WIDE = Share(weight=3)


def share_widths(
    natural: list[int], floors: list[int], shares: list[Share], room: int
) -> list[int]:
    """Widths (without padding) for columns whose content is ``natural`` wide, whose
    headers are ``floors`` wide, in ``room`` cells: see the module's rules. When even
    the headers do not fit beside the whole columns, the headers are cut (fairly, by
    weight, none below ``NARROWEST``) rather than a whole column."""
    cuttable = [i for i, s in enumerate(shares) if not s.whole]
    widths = [n if s.whole else 0 for n, s in zip(natural, shares, strict=True)]
    weights = [max(s.weight, 1) for s in shares]
    left = room - sum(widths)
    for i in cuttable:  # the narrowest a cut column gets
        widths[i] = min(natural[i], NARROWEST)
        left -= widths[i]
    heads = [min(n, f) for n, f in zip(natural, floors, strict=True)]
    left = _fill(widths, heads, weights, cuttable, left)  # the headers first
    left = _fill(widths, natural, weights, cuttable, left)  # then the content
    heaviest = max((shares[i].weight for i in cuttable), default=0)
    if left > 0 and heaviest > 0:  # room to spare: the heaviest columns get it
        wide = [i for i in cuttable if shares[i].weight == heaviest]
        for n, i in enumerate(wide):
            widths[i] += left // len(wide) + (1 if n < left % len(wide) else 0)
    return widths


NARROWEST = 3


def _fill(widths: list[int], caps: list[int], weights: list[int], which: list[int],
          left: int) -> int:
    """Widen the columns ``which`` towards ``caps`` with ``left`` more cells, fairly by
    weight over their whole widths: a column whose content fits in its fair part gets
    all of it, one already wider than its fair part keeps its width, and the others
    share what remains by weight. Returns the cells still left."""
    wanting = [i for i in which if widths[i] < caps[i]]
    pool = left + sum(widths[i] for i in wanting)
    while wanting:
        total = sum(weights[i] for i in wanting)
        done = [i for i in wanting if caps[i] * total <= pool * weights[i]]
        if done:  # their whole content fits in their fair part
            for i in done:
                widths[i] = caps[i]
        else:
            done = [i for i in wanting if widths[i] * total >= pool * weights[i]]
            if not done:
                break
        for i in done:  # settled: whole, or already past their fair part
            pool -= widths[i]
            wanting.remove(i)
    if not wanting:
        return pool
    total = sum(weights[i] for i in wanting)
    parts = {i: pool * weights[i] // total for i in wanting}
    for i in sorted(wanting, key=lambda i: -weights[i])[: pool - sum(parts.values())]:
        parts[i] += 1  # the cells lost to rounding: the heaviest first
    for i in wanting:
        widths[i] = parts[i]
    return 0


def _plain(cell: object) -> str:
    if isinstance(cell, Text):
        return cell.plain
    if isinstance(cell, str):
        try:
            return Text.from_markup(cell).plain  # as DataTable shows a str
        except Exception:
            return cell
    return str(cell)


def cut(plain: str, width: int) -> str:
    """``plain`` filled or cut to ``width`` cells; cut, it ends in "…"."""
    if cell_len(plain) <= width:
        return set_cell_size(plain, width)
    return set_cell_size(plain, width - 1) + "…" if width > 0 else ""


class FittedTable(DataTable[Any]):
    """``DataTable`` whose columns share its width by priority (``set_shares``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._shares: dict[str, Share] = {}
        self._fitted_for: tuple[object, ...] | None = None

    def set_shares(self, shares: Mapping[str, Share]) -> None:
        """Each column's share by its key; a column not named has ``Share()``."""
        self._shares = dict(shares)
        self._fitted_for = None
        self._require_update_dimensions = True
        self.refresh()

    def add_column(self, label: Any, **kwargs: Any) -> ColumnKey:
        """A column; a header cut to its column ends in "…"."""
        text = Text.from_markup(label) if isinstance(label, str) else label
        return super().add_column(_ellipsis(text), **kwargs)

    def add_row(self, *cells: CellType, **kwargs: Any) -> Any:
        return super().add_row(*(_ellipsis(cell) for cell in cells), **kwargs)

    def update_cell(self, row_key: Any, column_key: Any, value: CellType, **kwargs: Any) -> None:
        super().update_cell(row_key, column_key, _ellipsis(value), **kwargs)

    def _on_resize(self, event: events.Resize) -> None:
        super()._on_resize(event)
        self._require_update_dimensions = True  # fitted again when next idle

    def _update_dimensions(self, new_rows: Any) -> None:
        self._fit()
        super()._update_dimensions(new_rows)

    def _fit(self) -> None:
        columns = list(self.ordered_columns)
        room = self.scrollable_content_region.width - 2 * self.cell_padding * len(columns)
        if not columns or self.scrollable_content_region.width <= 0:
            return
        floors = [cell_len(column.label.plain) for column in columns]
        natural = list(floors)
        for cells in self._data.values():
            for i, column in enumerate(columns):
                cell = cells.get(column.key)
                if cell is not None:
                    natural[i] = max(natural[i], cell_len(_plain(cell)))
        shares = [self._shares.get(str(column.key.value), Share()) for column in columns]
        key = (room, tuple(natural), tuple(floors), tuple(shares))
        if key == self._fitted_for:
            return
        self._fitted_for = key
        for column, width in zip(columns, share_widths(natural, floors, shares, room), strict=True):
            column.width = width
            column.auto_width = False
        self._clear_caches()

    def fitted_width(self, key: str) -> int:
        """The width given to column ``key`` (without padding)."""
        return self.columns[ColumnKey(key)].width


def _ellipsis(cell: Any) -> Any:
    """A text cell cut to its column ends in "…" (Rich's ``overflow``)."""
    if isinstance(cell, Text) and cell.overflow is None:
        cell = cell.copy()
        cell.overflow = "ellipsis"
    return cell
