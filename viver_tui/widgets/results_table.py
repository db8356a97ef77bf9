"""A DataTable for a page of search results that is repainted on every keystroke.

Search as you type replaces the whole page for each key, and Textual's ``DataTable``
then renders every visible cell again through Rich (a ``Padding`` in a ``Styled`` per
cell, laid out by the console) and looks up the widget's inherited style and
background — an ancestor walk — once per line. At 20 rows that was ~10–15 ms of the
UI thread per answer on the shop PC class of machine (2 cores), the largest part of
typed → rendered after the frame timer (bench/bench_search.py, parts 3 and 7).

``ResultsTable`` keeps everything of ``DataTable`` (keys, cursor, scrolling, clicks,
``RowSelected``) and only makes painting cheaper:

- a one-line cell holding plain text (``Text`` without spans or style, which is what
  ``locale.display.shown`` gives) is cut to its column (ending in "…") and turned into
  three segments directly, with exactly the styles and the row/column meta (for clicks) the stock
  renderer gives it; anything else goes the stock way;
- the widget's own style, its background colours and the zebra row styles are worked
  out once per repaint instead of once per line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets.data_table import ColumnKey, RowKey

from viver_tui.widgets.fitted_table import FittedTable, cut

# What a cell render returns: lines of segments.
SegmentLines = list[list[Segment]]


class ResultsTable(FittedTable):
    """``FittedTable`` with a fast path for one-line plain-text cells."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Values that cannot change during one repaint, kept only while it runs.
        self._repaint: dict[object, Any] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._repaint = {}
        try:
            return super().render_lines(crop)
        finally:
            self._repaint = None

    def _once_per_repaint(self, name: object, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per repaint (each is asked for on every row), else always."""
        repaint = self._repaint
        if repaint is None:
            return compute()
        if name not in repaint:
            repaint[name] = compute()
        return repaint[name]

    @property
    def rich_style(self) -> Style:
        return self._once_per_repaint(  # type: ignore[no-any-return]
            "rich_style", lambda: super(ResultsTable, self).rich_style
        )

    @property
    def background_colors(self) -> tuple[Color, Color]:
        return self._once_per_repaint(  # type: ignore[no-any-return]
            "background_colors", lambda: super(ResultsTable, self).background_colors
        )

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        if row_index < self.fixed_rows:
            return super()._get_row_style(row_index, base_style)
        # Header, even and odd rows: three styles, whatever the number of rows.
        return self._once_per_repaint(  # type: ignore[no-any-return]
            ("row", -1 if row_index < 0 else row_index % 2, base_style),
            lambda: super(ResultsTable, self)._get_row_style(row_index, base_style),
        )

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> tuple[SegmentLines, SegmentLines]:
        """A whole row of plain one-line cells at once: one style per row, the cells cut
        to their columns; the stock per-cell way for anything else (the header too)."""
        cells = self._data.get(row_key)
        if (
            cells is None
            or self.cursor_type != "row"
            or self.fixed_columns
            or self.fixed_rows
            or (self._labelled_row_exists and self.show_row_labels)
            or self.rows[row_key].height != 1
            or not all(
                isinstance(cell, Text) and not cell.spans and not cell.style
                for cell in cells.values()
            )
        ):
            return super()._render_line_in_row(
                row_key, line_no, base_style, cursor_location, hover_location
            )
        cache_key = (
            row_key,
            line_no,
            base_style,
            cursor_location,
            hover_location,
            self.cursor_type,
            self.show_cursor,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._row_render_cache
        if cache_key in cache:
            return cache[cache_key]
        row_index = self._row_locations.get(row_key)
        cursor = cursor_location.row == row_index
        hover = hover_location.row == row_index
        row_style = self._get_row_style(row_index, base_style)
        component_style, post_style = self._plain_cell_styles(hover=hover, cursor=cursor)
        style = row_style + component_style + post_style
        padding = " " * self.cell_padding
        columns = self._columns_and_widths()
        scrollable: SegmentLines = []
        for column_index, (column_key, width) in enumerate(columns):
            text = cut(cells[column_key].plain, max(0, width - 2 * self.cell_padding))
            meta = Style.from_meta({"row": row_index, "column": column_index})
            scrollable.append([Segment(f"{padding}{text}{padding}", style + meta)])
        # The row's colour carried to the right edge, as DataTable does.
        extend_style, _ = self._get_styles_to_render_cell(
            False, False, False, hover, cursor, self.show_cursor, self._show_hover_cursor,
            False, False,
        )
        extend_style = row_style + extend_style + Style.from_meta(
            {"row": row_index, "column": 0, "out_of_bounds": True}
        )
        remaining = max(0, self.size.width - sum(width for _, width in columns))
        scrollable.append([Segment(" " * remaining, extend_style)])
        rendered: tuple[SegmentLines, SegmentLines] = ([], scrollable)
        cache[cache_key] = rendered
        return rendered

    def _columns_and_widths(self) -> list[tuple[ColumnKey, int]]:
        return self._once_per_repaint(  # type: ignore[no-any-return]
            "columns",
            lambda: [(c.key, c.get_render_width(self)) for c in self.ordered_columns],
        )

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> SegmentLines:
        if row_index < 0 or column_index < 0 or self.fixed_rows or self.fixed_columns:
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        row_key = self._row_locations.get_key(row_index)
        column_key = self._column_locations.get_key(column_index)
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cache = self._cell_render_cache
        if cache_key in cache:
            return cache[cache_key]
        cell = self._data[row_key][column_key]
        if not (
            isinstance(cell, Text) and not cell.spans and not cell.style
            and self.rows[row_key].height == 1
        ):
            return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)
        component_style, post_style = self._plain_cell_styles(hover=hover, cursor=cursor)
        # What Styled(Padding(cell, (0, padding)), pre_style, post_style) gives a
        # one-line plain cell: padding, the text cut or filled to the column, padding,
        # every segment styled pre + post, the pre style carrying the click meta.
        style = (
            base_style + Style.from_meta({"row": row_index, "column": column_index})
            + component_style + post_style
        )
        padding = " " * self.cell_padding
        text = cut(cell.plain, max(0, width - 2 * self.cell_padding))
        lines = [[Segment(f"{padding}{text}{padding}", style)]]
        cache[cache_key] = lines
        return lines

    def _plain_cell_styles(self, *, hover: bool, cursor: bool) -> tuple[Style, Style]:
        """DataTable's (component, post) styles for a body cell: not a header, not a
        fixed row or column."""
        return self._get_styles_to_render_cell(
            False,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
