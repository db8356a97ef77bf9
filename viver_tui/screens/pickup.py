"""Pickup: scan the receipt, then each original as it goes back over the counter.

The scan field is always ready: it has focus, and keys that reach the screen from any
other widget are fed to it, so a scan is caught whatever has focus. Scans are handled
strictly in the order they arrive, by one thread worker at a time draining a queue —
a burst of back-to-back scans is neither reordered nor run in parallel.

F2 closes the order with media missing (a typed reason, kept for ever), F3 ends a
partial pickup (return receipt for what went back now), F6 opens the order screen.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass
from functools import partial

import peewee
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import get_current_worker

from viver_tui.db import explain_operational_error, forget_connection
from viver_tui.errors import DatabaseError, ViverError
from viver_tui.locale import t
from viver_tui.locale.display import filled, shown
from viver_tui.locale.formatting import format_datetime
from viver_tui.locale.media import kind_label
from viver_tui.screens.base import run_service
from viver_tui.screens.order_dialogs import CloseReasonDialog, CountDialog, CountResult
from viver_tui.services import orders, pickup
from viver_tui.services.orders import OrderView
from viver_tui.services.pickup import ReturnResult
from viver_tui.widgets.print_status import PrintPreview, wake_print_queue
from viver_tui.widgets.scan_input import ScanInput
from viver_tui.widgets.status_bar import StatusBar


@dataclass(frozen=True)
class Scan:
    """One scan to handle: the code, and a confirmed photo count when one was asked."""

    code: str
    returned_count: int | None = None


@dataclass(frozen=True)
class ScanOutcome:
    """What the worker reports back for one scan."""

    scan: Scan
    order: OrderView | None = None  # the order now shown (after a load or a return)
    result: ReturnResult | None = None  # for a medium scanned against the shown order
    loaded_from: str | None = None  # the order was found from this scan
    error: ViverError | None = None


class PickupScreen(Screen[None]):
    CSS_PATH = "pickup.tcss"

    BINDINGS = [
        Binding("escape", "app.pop_screen", t("key.back"), id="back"),
        Binding("f2", "close_missing", t("key.close_missing"), id="close-missing"),
        Binding("f3", "end_visit", t("key.end_visit"), id="end-visit"),
        Binding("f6", "open_order", t("key.open_order"), id="open-order"),
    ]

    def __init__(self, order_id: int | None = None) -> None:
        super().__init__(id="pickup-screen")
        self.initial_order_id = order_id
        self.order: OrderView | None = None
        self.received: list[str] = []  # every scan, in arrival order
        self.outcomes: list[ScanOutcome] = []  # every handled scan, in order
        self._scan_queue: deque[Scan] = deque()
        self._scan_lock = threading.Lock()
        self._draining = False
        self._order_id: int | None = order_id  # read by the worker thread

    def compose(self) -> ComposeResult:
        yield Header()
        yield PrintPreview()
        with Vertical(id="pickup-body"):
            yield ScanInput(placeholder=t("pickup.scan.placeholder"), id="scan")
            yield Static(t("pickup.hint"), id="pickup-order")
            yield Static("", id="pickup-count")
            yield Static("", id="pickup-closed")
            yield Static("", id="pickup-message")
            table: DataTable[str] = DataTable(id="pickup-media", cursor_type="row")
            table.can_focus = False  # the scan field keeps the focus
            table.add_column(t("col.code"), key="code", width=11)
            table.add_column(t("col.kind"), key="kind", width=16)
            table.add_column(t("col.description"), key="description", width=28)
            table.add_column(t("col.units"), key="units", width=14)
            table.add_column(t("col.status"), key="status", width=24)
            yield table
        yield StatusBar(id="status-bar")
        yield Footer()

    def on_mount(self) -> None:
        self.scan_input.focus()
        if self.initial_order_id is not None:
            db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]

            def load() -> OrderView:
                with_number = orders.load_for_reading(db, self.initial_order_id)  # type: ignore[arg-type]
                return pickup.find_order(db, str(with_number.number), staff)

            run_service(self, load, on_done=self.show_order, on_error=self._error)

    @property
    def scan_input(self) -> ScanInput:
        return self.query_one("#scan", ScanInput)

    def on_screen_resume(self) -> None:
        self.scan_input.focus()

    # --- catching every scan ---------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Keys that reached the screen from another widget belong to the scan field."""
        if self.focused is self.scan_input:
            return
        if self.scan_input.feed(event):
            event.stop()
            event.prevent_default()
            self.scan_input.focus()

    @on(ScanInput.Scanned, "#scan")
    def scanned(self, event: ScanInput.Scanned) -> None:
        event.stop()
        self.received.append(event.code)
        self.enqueue(Scan(event.code))

    def enqueue(self, scan: Scan) -> None:
        with self._scan_lock:
            self._scan_queue.append(scan)
            if self._draining:
                return
            self._draining = True
        self.run_worker(
            self._drain, thread=True, group="scan", exit_on_error=False, name="pickup-scans"
        )

    def _drain(self) -> None:
        """Handle queued scans one after the other (runs in a thread worker)."""
        worker = get_current_worker()
        db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]
        while True:
            with self._scan_lock:
                if not self._scan_queue or worker.is_cancelled:
                    self._draining = False
                    return
                scan = self._scan_queue.popleft()
            outcome = self._handle(db, staff, scan)
            if outcome.order is not None:
                self._order_id = outcome.order.id
            self.app.call_from_thread(self.show_outcome, outcome)

    def _handle(self, db: peewee.Database, staff: str, scan: Scan) -> ScanOutcome:
        try:
            parsed = pickup.parse_code(scan.code)
            order_id = self._order_id
            if parsed is not None and not parsed.is_medium:
                # an order number (the receipt): show that order
                return ScanOutcome(scan, order=pickup.find_order(db, scan.code, staff))
            if order_id is None:
                if parsed is None:
                    return ScanOutcome(scan, error=ViverError(t("pickup.no_order")))
                view = pickup.find_order(db, scan.code, staff)
                return ScanOutcome(scan, order=view, loaded_from=scan.code)
            result = pickup.return_item(db, order_id, scan.code, staff, scan.returned_count)
            view = None
            if result.outcome == "returned":
                view = orders.load_for_reading(db, order_id, with_events=False)
            return ScanOutcome(scan, order=view, result=result)
        except ViverError as exc:
            return ScanOutcome(scan, error=exc)
        except peewee.PeeweeException as exc:
            forget_connection(db)
            return ScanOutcome(scan, error=DatabaseError(explain_operational_error(exc)))

    # --- showing what happened -------------------------------------------------------

    def say(self, text: str, level: str = "ok") -> None:
        message = self.query_one("#pickup-message", Static)
        message.update(shown(text))
        for name in ("ok", "warning", "error"):
            message.set_class(name == level, f"-{name}")

    def show_outcome(self, outcome: ScanOutcome) -> None:
        self.outcomes.append(outcome)
        if outcome.order is not None:
            self.show_order(outcome.order, announce=outcome.result is None)
        if outcome.error is not None:
            self.say(outcome.error.message, "error")
            return
        if outcome.loaded_from:
            assert outcome.order is not None
            self.say(
                t("pickup.loaded_from_medium", number=outcome.order.number,
                  code=outcome.loaded_from)
            )
        result = outcome.result
        if result is None:
            return
        self.show_result(result)

    def show_result(self, result: ReturnResult) -> None:
        kinds = self.app.settings.media_kinds  # type: ignore[attr-defined]
        medium = result.medium
        if result.outcome == "returned":
            assert medium is not None
            if medium.declared_count is not None:
                key = "pickup.count_mismatch" if result.count_mismatch else "pickup.returned_count"
                text = t(key, code=medium.code, count=medium.returned_count,
                         declared=medium.declared_count)
                level = "warning" if result.count_mismatch else "ok"
            else:
                text = t("pickup.returned", code=medium.code, kind=kind_label(kinds, medium.kind))
                level = "ok"
            if result.order_complete and self.order is not None:
                wake_print_queue(self.app)  # the return receipt was queued
                text = f"{text} {t('pickup.delivered', number=self.order.number)}"
            self.say(text, level)
        elif result.outcome == "already_returned":
            assert medium is not None
            self.say(t("pickup.already", code=result.code,
                       when=format_datetime(medium.returned_at)), "ok")
        elif result.outcome == "other_order":
            self.app.bell()
            self.say(t("pickup.other_order", code=result.code, number=result.other_order_number),
                     "warning")
        elif result.outcome == "unknown":
            self.app.bell()
            self.say(t("pickup.unknown", code=result.code), "error")
        elif result.outcome == "count_needed":
            assert medium is not None and medium.declared_count is not None
            self.app.push_screen(
                CountDialog(medium.code, medium.declared_count),
                partial(self._counted, medium.code),
            )

    def _counted(self, code: str, answer: CountResult) -> None:
        self.scan_input.focus()
        if answer is None:
            return
        if isinstance(answer, tuple):  # a scan landed in the count dialog
            self.received.append(answer[1])
            self.enqueue(Scan(answer[1]))
            return
        self.enqueue(Scan(code, returned_count=answer))

    def show_order(self, order: OrderView, *, announce: bool = False) -> None:
        wake_print_queue(self.app)  # a delivery or a closing may have queued a receipt
        previous = self.order
        self.order = order
        self._order_id = order.id
        kinds = self.app.settings.media_kinds  # type: ignore[attr-defined]
        self.query_one("#pickup-order", Static).update(
            filled(t("pickup.order"), number=order.number, customer=order.customer_name or "–",
                   shelf=order.shelf or "–", status=t(f"order.status.{order.status}"))
        )
        self.query_one("#pickup-count", Static).update(
            filled(t("pickup.count"), returned=order.returned, total=order.total)
        )
        self.query_one("#pickup-closed", Static).update(
            filled(t("pickup.closed_status"), reason=order.close_reason) if order.close_reason
            else ""
        )
        table = self.query_one("#pickup-media", DataTable)
        table.clear()
        for m in order.media:
            units = ""
            if m.declared_count is not None:
                units = f"{m.declared_count} {t('unit.photo')}"
                if m.returned_count is not None:
                    units = f"{m.returned_count}/{m.declared_count} {t('unit.photo')}"
            status = (
                t("pickup.status.returned", when=format_datetime(m.returned_at))
                if m.is_returned
                else t("pickup.status.missing")
            )
            table.add_row(shown(m.code), shown(kind_label(kinds, m.kind)), shown(m.description),
                          units, status, key=m.code)
        if announce and (previous is None or previous.id != order.id):
            self.say(t("pickup.loaded", number=order.number))
        self.refresh_bindings()

    def _error(self, error: ViverError) -> None:
        self.say(error.message, "error")

    # --- closing ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("close_missing", "end_visit", "open_order"):
            return self.order is not None
        return True

    def action_end_visit(self) -> None:
        if self.order is None:
            return
        db, staff, order_id = self.app.db, self.app.staff, self.order.id  # type: ignore[attr-defined]
        run_service(
            self, partial(self._end_visit, db, order_id, staff), on_done=self._visit_ended,
            on_error=self._error,
        )

    @staticmethod
    def _end_visit(db: peewee.Database, order_id: int, staff: str) -> tuple[bool, OrderView]:
        view = pickup.end_visit(db, order_id, staff)
        full = orders.load_for_reading(db, order_id)
        ended = bool(full.events) and full.events[-1].action == "visit_ended"
        return ended, view

    def _visit_ended(self, answer: tuple[bool, OrderView]) -> None:
        ended, view = answer
        self.show_order(view)
        if ended:
            self.say(t("pickup.visit_ended", returned=view.returned, total=view.total))
        else:
            self.say(t("pickup.visit_nothing"))

    def action_close_missing(self) -> None:
        if self.order is None:
            return
        if not self.order.missing:
            self.say(t("pickup.all_back"))
            return

        def closed(view: OrderView | None) -> None:
            self.scan_input.focus()
            if view is not None:
                self.show_order(view)
                self.say(t("pickup.closed", number=view.number), "warning")

        self.app.push_screen(CloseReasonDialog(self.order), closed)

    def action_open_order(self) -> None:
        from viver_tui.screens.order import OrderScreen

        if self.order is not None:
            self.app.push_screen(OrderScreen(self.order.id))
