"""The workload view (production room) and the counter's list of orders ready for pickup.

Workload: how many media wait in each step, by kind, and the oldest of each step, a
promised date that has passed in red; F4 changes the kind shown. Ready orders: oldest
first, with the days they have waited and their shelf; Enter starts pickup of one.
Names only, no contact details; the services log the lists.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from viver_tui.locale import t
from viver_tui.locale.display import shown
from viver_tui.locale.formatting import format_date, format_number
from viver_tui.locale.media import kind_label
from viver_tui.locale.sizes import format_size
from viver_tui.media_store import open_store
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import media_files
from viver_tui.services.production import ready, workload
from viver_tui.services.production.ready import ReadyOrder
from viver_tui.services.production.workload import WAITING, Workload
from viver_tui.widgets.fitted_table import WHOLE, WIDE
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.results_table import ResultsTable
from viver_tui.widgets.status_bar import StatusBar


def _who(app: Any) -> Any:
    return app.who


class WorkloadScreen(Screen[None]):
    CSS_PATH = "production.tcss"
    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("f4", "next_kind", "key.kind_filter", id="workload-kind"),
    ]

    def __init__(self, kind: str | None = None) -> None:
        super().__init__()
        localize_bindings(self)
        self.kind = kind
        self.shown: Workload | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="workload-body"):
            yield Static("", id="workload-filter")
            yield Static("", id="workload-counts")
            yield Static("", id="workload-store")
            table = ResultsTable(id="workload-media", cursor_type="row")
            table.add_column(t("col.code"), key="code")
            table.add_column(t("col.kind"), key="kind")
            table.add_column(t("col.step"), key="step")
            table.add_column(t("col.customer"), key="customer")
            table.add_column(t("col.promised"), key="promised")
            table.set_shares({"code": WHOLE, "customer": WIDE, "promised": WHOLE})
            yield table
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    def on_mount(self) -> None:
        self.load()

    def _kind(self, key: str) -> str:
        return kind_label(self.app.settings.media_kinds, key)  # type: ignore[attr-defined]

    def load(self) -> None:
        app: Any = self.app
        kind = self.kind
        run_service(
            self,
            lambda: workload.workload(
                app.db, _who(app), [k.key for k in app.settings.media_kinds], kind=kind
            ),
            on_done=self.show, exclusive=True, group="workload", description="workload",
        )
        settings = app.settings
        run_service(  # the media store's size by state and its free space (#21)
            self,
            lambda: media_files.usage(
                app.db, open_store(settings.media_dir), settings.warranty_days
            ),
            on_done=self.show_store, exclusive=True, group="workload-store",
            description="media store usage",
        )

    def show_store(self, usage: media_files.Usage) -> None:
        parts = [
            t("media.usage.row", state=t(f"media.state.{state}"), count=count,
              size=format_size(size))
            for state in media_files.STATES
            for count, size in [usage.by_state[state]]
        ]
        if usage.free_bytes is not None:
            parts.append(t("media.usage.free", size=format_size(usage.free_bytes),
                           where=usage.where))
        self.query_one("#workload-store", Static).update(
            shown(t("workload.store", parts=" · ".join(parts)))
        )

    def show(self, shown_load: Workload) -> None:
        self.shown = shown_load
        kind = self._kind(shown_load.kind) if shown_load.kind else t("workload.all_kinds")
        self.query_one("#workload-filter", Static).update(
            Text(t("workload.filter", kind=kind))
        )
        lines = []
        for status in WAITING:
            counts = [c for c in shown_load.counts if c.status == status]
            total = format_number(sum(c.count for c in counts))
            if any(c.capped for c in counts):
                total += "+"
            per_kind = ", ".join(
                f"{self._kind(c.kind)} {format_number(c.count)}{'+' if c.capped else ''}"
                for c in counts
            )
            line = t("workload.total", status=t(f"production.step.{status}"), count=total)
            lines.append(f"{line}" + (f"  ({per_kind})" if per_kind else ""))
        self.query_one("#workload-counts", Static).update(
            shown("\n".join(lines), multiline=True) if shown_load.counts
            else Text(t("workload.none"))
        )
        table = self.query_one("#workload-media", DataTable)
        table.clear()
        for item in shown_load.media:
            promised = format_date(item.promised_on) or "–"
            table.add_row(
                shown(item.code), shown(self._kind(item.kind)),
                Text(t(f"production.step.{item.status}")), shown(item.customer_name or "–"),
                Text(f"{promised} {t('workload.late')}" if item.late else promised,
                     style="bold red" if item.late else ""),
                key=item.code,
            )

    def action_next_kind(self) -> None:
        keys: list[str | None] = [None, *(k.key for k in self.app.settings.media_kinds)]  # type: ignore[attr-defined]
        self.kind = keys[(keys.index(self.kind) + 1) % len(keys)] if self.kind in keys else None
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()


class ReadyOrdersScreen(Screen[None]):
    CSS_PATH = "production.tcss"
    BINDINGS = [Binding("escape", "back", "key.back", id="back")]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.orders: list[ReadyOrder] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="ready-body"):
            yield Static("", id="ready-count")
            table = ResultsTable(id="ready-orders", cursor_type="row")
            table.add_column(t("col.order"), key="order")
            table.add_column(t("col.customer"), key="customer")
            table.add_column(t("col.shelf"), key="shelf")
            table.add_column(t("col.ready_since"), key="since")
            table.add_column(t("col.waited"), key="waited")
            table.set_shares({"order": WHOLE, "customer": WIDE, "since": WHOLE, "waited": WHOLE})
            yield table
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    def on_mount(self) -> None:
        app: Any = self.app
        run_service(self, lambda: ready.ready_orders(app.db, _who(app)), on_done=self.show,
                    description="ready-orders")

    def show(self, found: list[ReadyOrder]) -> None:
        self.orders = found
        self.query_one("#ready-count", Static).update(
            Text(t("ready.count", count=len(found)) if found else t("ready.none"))
        )
        table = self.query_one("#ready-orders", DataTable)
        table.clear()
        for row in found:
            table.add_row(
                Text(str(row.number)), shown(row.customer_name or "–"), shown(row.shelf or "–"),
                Text(format_date(row.ready_at)),
                Text(t("ready.days", days=row.days_waited) if row.days_waited is not None
                     else "–"),
                key=str(row.order_id),
            )
        table.focus()

    @on(DataTable.RowSelected, "#ready-orders")
    def chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.app.open_pickup(int(event.row_key.value))  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()
