"""Pickup: scan the receipt, then each original as it goes back over the counter.

The screen shows and listens; ``services.pickup.scan`` decides what a scan is, writes,
and returns the refreshed order in one call. The scan field is always ready: it has
focus, and keys that reach the screen from any other widget are fed to it, so a scan is
caught whatever has focus. Scans (and F2/F3, which must follow the scans before them)
wait in one queue and are handled strictly one after the other, each by one
``run_service`` call. A question — a photo series' count, or "not finished — hand
out anyway?" — is asked on this screen, in a line above the scan field, and answered
in the scan field itself: the focus never moves, so no key of a fast scanner can land
in a box that is opening or closing. While it is open the queue waits behind it;
codes scanned meanwhile join the queue (the line says so), a number is the count,
Enter alone accepts the declared count, J/N answer the question, Esc cancels it.
A failure of a call reaches the app's error funnel and the queue goes on with the
next scan.

What is missing is always written out in words ("Mangler: 102001-02 VHS, …").

F2 closes the order with media missing (a typed reason, kept for ever), F3 ends a
partial pickup (return receipt for what went back now), F6 opens the order screen.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static
from textual.worker import Worker, WorkerState

from viver_tui.errors import ViverError
from viver_tui.locale import language, t
from viver_tui.locale.display import filled, shown
from viver_tui.locale.formatting import format_datetime
from viver_tui.locale.media import kind_label, units_text
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.screens.order_dialogs import CloseReasonDialog
from viver_tui.services import pickup
from viver_tui.services.codes import ScannedCode
from viver_tui.services.orders import MediumView, OrderView
from viver_tui.services.pickup import ScanOutcome, VisitEnded
from viver_tui.widgets.fitted_table import WHOLE, WIDE
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.outcome_log import Level, OutcomeLog
from viver_tui.widgets.print_status import PrintPreview, wake_print_queue
from viver_tui.widgets.results_table import ResultsTable
from viver_tui.widgets.scan_input import ScanInput
from viver_tui.widgets.status_bar import StatusBar


@dataclass(frozen=True)
class Pending:
    """One thing waiting its turn: a scan (with a confirmed photo count when one was
    asked), or F2/F3 pressed after scans not yet handled."""

    code: str = ""
    returned_count: int | None = None
    action: Literal["scan", "end_visit", "close_missing"] = "scan"


@dataclass(frozen=True)
class CountQuestion:
    """How many photos of this series go back?"""

    code: str
    declared: int


@dataclass(frozen=True)
class ReleaseQuestion:
    """The order is not finished: hand it out anyway? ``retry`` is the scan that asked."""

    order_id: int
    number: int
    status: str
    retry: Pending | None


@dataclass(frozen=True)
class Handled:
    """A scan and what came of it (kept in ``PickupScreen.outcomes``, in order)."""

    code: str
    outcome: ScanOutcome | None
    error: str | None = None


SCAN_HISTORY = 500  # scans (and outcomes) a pickup screen keeps: many visits' worth


class PickupScreen(Screen[None]):
    CSS_PATH = "pickup.tcss"
    ERRORS_AS_NOTICES = True  # the app's error funnel must not put a dialog over the scans

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("f2", "close_missing", "key.close_missing", id="close-missing"),
        Binding("f3", "end_visit", "key.end_visit", id="end-visit"),
        Binding("f6", "open_order", "key.open_order", id="open-order"),
        Binding("f7", "invoice", "key.invoice", id="pickup-invoice"),
    ]

    def __init__(self, order_id: int | None = None) -> None:
        # No id: see OrderScreen.
        super().__init__()
        localize_bindings(self)
        self.initial_order_id = order_id
        self.order: OrderView | None = None
        # The latest scans as they came and what came of each, in order. Bounded: the
        # screen may stay open all day, and an outcome holds the customer's order.
        self.received: deque[str] = deque(maxlen=SCAN_HISTORY)
        self.outcomes: deque[Handled] = deque(maxlen=SCAN_HISTORY)
        self._queue: deque[Pending] = deque()
        self._busy = False  # a service call is running
        self._asking = False  # the close-reason dialog is open
        self.question: CountQuestion | ReleaseQuestion | None = None
        self._said: tuple[str, Level] | None = None  # the newest outcome shown
        self._worker: Worker[None] | None = None
        self._current: Pending | None = None
        self._declined: set[int] = set()  # orders staff said no to, on this screen

    def compose(self) -> ComposeResult:
        yield Header()
        yield PrintPreview()
        with Vertical(id="pickup-body"):
            yield Static("", id="pickup-question")
            yield ScanInput(placeholder=t("pickup.scan.placeholder"), id="scan")
            yield Static(t("pickup.hint"), id="pickup-order")
            yield Static("", id="pickup-count")
            yield Static("", id="pickup-missing")
            yield Static("", id="pickup-closed")
            yield Static("", id="pickup-message")
            yield OutcomeLog(id="pickup-log")
            # Repainted after every scan: the DataTable that paints plain cells cheaply.
            table = ResultsTable(id="pickup-media", cursor_type="row")
            table.can_focus = False  # the scan field keeps the focus
            table.add_column(t("col.code"), key="code")
            table.add_column(t("col.kind"), key="kind")
            table.add_column(t("col.description"), key="description")
            table.add_column(t("col.units"), key="units")
            table.add_column(t("col.status"), key="status")
            table.set_shares({"code": WHOLE, "description": WIDE, "units": WHOLE, "status": WHOLE})
            yield table
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    def on_mount(self) -> None:
        self.scan_input.focus()
        if self.initial_order_id is not None:
            app: Any = self.app
            order_id = self.initial_order_id
            self._busy = True
            self._worker = run_service(
                self,
                lambda: pickup.open(app.db, order_id, app.staff),
                on_done=self._opened,
                on_error=self._failed,
                group="scan",
                description="pickup-open",
            )

    @property
    def scan_input(self) -> ScanInput:
        return self.query_one("#scan", ScanInput)

    def on_screen_resume(self) -> None:
        self.scan_input.focus()

    # --- catching every scan ---------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Keys that reached the screen from another widget belong to the scan field."""
        self.scan_input.catch(event)

    @on(ScanInput.Scanned, "#scan")
    def scanned(self, event: ScanInput.Scanned) -> None:
        event.stop()
        question = self.question
        if isinstance(question, CountQuestion):
            self._count_entered(question, event.code)
        elif isinstance(question, ReleaseQuestion):
            self._release_entered(question, event.code)
        else:
            self.queue_scan(event.code)

    @on(ScanInput.Answered, "#scan")
    def answered(self, event: ScanInput.Answered) -> None:
        event.stop()
        if isinstance(self.question, ReleaseQuestion):
            self._release_answered(self.question, event.key in ("j", "y"))

    def queue_scan(self, code: str) -> None:
        """Add a scan to the queue; it is handled when its turn comes."""
        self.received.append(code)
        self._queue.append(Pending(code))
        if self.question is not None:
            self._show_question()
        self._next()

    # --- one call at a time ------------------------------------------------------------

    @property
    def saving(self) -> bool:
        """A scan is being handled or waits its turn (quitting waits for them; not for
        a question staff have yet to answer)."""
        return self._busy or (bool(self._queue) and self.question is None and not self._asking)

    def _next(self) -> None:
        if self._busy or self._asking or self.question is not None or not self._queue:
            return
        pending = self._queue.popleft()
        if pending.action == "close_missing":
            self._ask_reason()
            return
        app: Any = self.app
        order_id = self.order.id if self.order is not None else None
        self._busy = True
        self._current = pending
        if pending.action == "end_visit":
            assert order_id is not None
            self._worker = run_service(
                self,
                lambda: pickup.end_visit(
                    app.db, order_id, app.staff, terminal=app.settings.terminal
                ),
                on_done=self._visit_ended,
                on_error=self._failed,
                group="scan",
                description="pickup-end-visit",
            )
            return
        self._worker = run_service(
            self,
            lambda: pickup.scan(
                app.db, order_id, pending.code, app.staff, pending.returned_count,
                terminal=app.settings.terminal,
            ),
            on_done=partial(self._scanned, pending),
            on_error=partial(self._scan_failed, pending),
            group="scan",
            description="pickup-scan",
        )

    def _done(self) -> None:
        self._busy = False
        self._worker = None
        self._current = None
        self._next()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A call that failed unexpectedly (the app's funnel has logged it and told
        staff): note it, and go on with the next scan — the loop never stops."""
        if event.worker is not self._worker or event.state != WorkerState.ERROR:
            return
        pending = self._current
        if pending is not None and pending.action == "scan":
            self.outcomes.append(Handled(pending.code, None, t("pickup.worker_failed")))
        self.say(t("pickup.worker_failed"), "error")
        self._asking = False  # a failed "not finished" answer must not hold the queue
        self._done()

    def _scanned(self, pending: Pending, outcome: ScanOutcome) -> None:
        handled = Handled(pending.code, outcome)
        self.outcomes.append(handled)
        self.show_outcome(handled)
        self._ask_if_needed(outcome, pending)
        self._done()

    def _scan_failed(self, pending: Pending, error: ViverError) -> None:
        handled = Handled(pending.code, None, error.message)
        self.outcomes.append(handled)
        self.show_outcome(handled)
        self._done()

    def _opened(self, outcome: ScanOutcome) -> None:
        self.show_outcome(Handled(outcome.code, outcome))
        self._ask_if_needed(outcome, None)
        self._done()

    def _failed(self, error: ViverError) -> None:
        self.say(error.message, "error")
        self._done()

    # --- questions, asked and answered in the scan line ------------------------------

    def _ask_if_needed(self, outcome: ScanOutcome, pending: Pending | None) -> None:
        order = outcome.order
        if outcome.outcome == "count_needed":
            medium = outcome.medium
            assert medium is not None and medium.declared_count is not None
            self._ask(CountQuestion(medium.code, medium.declared_count))
        elif order is not None and (
            outcome.outcome == "not_ready"
            or (outcome.outcome == "loaded" and outcome.needs_release)
        ):
            if order.id in self._declined:
                self.app.bell()
                self.say(t("pickup.not_ready.declined", number=order.number), "warning")
                return
            retry = pending if outcome.outcome == "not_ready" else None
            status = t(f"order.status.{order.status}")
            self._ask(ReleaseQuestion(order.id, order.number, status, retry))

    def _ask(self, question: CountQuestion | ReleaseQuestion) -> None:
        self.question = question
        field = self.scan_input
        if isinstance(question, CountQuestion):
            field.submit_empty = True
            field.placeholder = t("pickup.count.placeholder", declared=question.declared)
        else:
            field.answer_keys = "jJyYnN"
            field.placeholder = t("pickup.not_ready.placeholder")
        self.app.bell()
        self._show_question()

    def _show_question(self) -> None:
        question = self.question
        line = self.query_one("#pickup-question", Static)
        if question is None:
            line.update("")
            line.remove_class("-open")
            return
        if isinstance(question, CountQuestion):
            text = t("pickup.count.question", code=question.code, count=question.declared)
        else:
            text = t("pickup.not_ready.question_line", number=question.number,
                     status=question.status)
        waiting = sum(1 for pending in self._queue if pending.action == "scan")
        if waiting:  # every scan waiting, also those that came before the question
            text = f"{text}\n{t('pickup.queued_many', count=waiting)}"
        line.update(Text(text))
        line.add_class("-open")

    def _close_question(self) -> None:
        self.question = None
        field = self.scan_input
        field.submit_empty = False
        field.answer_keys = ""
        field.placeholder = t("pickup.scan.placeholder")
        self._show_question()

    def _count_entered(self, question: CountQuestion, text: str) -> None:
        answer = pickup.read_count(text) if text else question.declared
        if isinstance(answer, ScannedCode):  # a scan: it waits behind the question
            self.queue_scan(text)
        elif answer is None:
            self.app.bell()
            self.say(pickup.count_invalid(), "error")
        else:
            self._close_question()
            self._queue.appendleft(Pending(question.code, returned_count=answer))
            self._next()

    def _release_entered(self, question: ReleaseQuestion, text: str) -> None:
        word = text.strip().lower()
        if word in ("j", "ja", "y", "yes", "n", "nei", "no"):
            self._release_answered(question, word[0] in "jy")
        elif text and pickup.read_count(text) is not None:
            self.queue_scan(text)
        else:
            self.app.bell()

    def cancel_question(self) -> None:
        question = self.question
        if isinstance(question, ReleaseQuestion):
            self._release_answered(question, False)
        elif question is not None:
            self._close_question()
            self.say(t("pickup.count.cancelled", code=question.code), "warning")
            self._next()

    def action_back(self) -> None:
        if self.question is not None:
            self.cancel_question()
        else:
            self.app.pop_screen()

    def _release_answered(self, question: ReleaseQuestion, accepted: bool) -> None:
        self._close_question()
        self._asking = True  # the answer is being recorded: the queue waits for it
        app: Any = self.app
        order_id = question.order_id
        self._worker = run_service(
            self,
            lambda: pickup.release(app.db, order_id, app.staff, accepted),
            on_done=partial(self._release_recorded, question.retry, accepted),
            on_error=self._release_failed,
            group="scan",
            description="pickup-release",
        )

    def _release_recorded(self, retry: Pending | None, accepted: bool, view: OrderView) -> None:
        self.show_order(view)
        if accepted:
            self.say(t("pickup.not_ready.released", number=view.number), "warning")
            if retry is not None:
                self._queue.appendleft(retry)
        else:
            self._declined.add(view.id)
            self.say(t("pickup.not_ready.declined", number=view.number), "warning")
        self._asking = False
        self._next()

    def _release_failed(self, error: ViverError) -> None:
        self.say(error.message, "error")
        self._asking = False
        self._next()

    def _ask_reason(self) -> None:
        order = self.order
        if order is None:
            self._next()
            return
        if not order.missing:
            self.say(t("pickup.all_back"))
            self._next()
            return
        self._asking = True

        def closed(view: OrderView | str | None) -> None:
            self.scan_input.focus()
            self._asking = False
            if isinstance(view, str):  # a scan, not a reason: the order stays open
                self.say(t("pickup.scan_not_reason", code=view), "warning")
                self.queue_scan(view)
                return
            if view is not None:
                self.show_order(view)
                self.say(t("pickup.closed", number=view.number), "warning")
            self._next()

        self.app.push_screen(CloseReasonDialog(order), closed)

    # --- showing what happened -------------------------------------------------------

    def say(self, text: str, level: Level = "ok") -> None:
        """Show ``text`` as the newest outcome; the one it replaces moves to the top of
        the list below it (a burst's warnings stay readable)."""
        if self._said is not None:
            self.query_one("#pickup-log", OutcomeLog).add(*self._said)
        self._said = (text, level)
        message = self.query_one("#pickup-message", Static)
        message.update(shown(text))
        for name in ("ok", "warning", "error"):
            message.set_class(name == level, f"-{name}")

    def _kind(self, key: str) -> str:
        return kind_label(self.app.settings.media_kinds, key)  # type: ignore[attr-defined]

    def _outcome(self, key: str) -> str:
        found = self.app.settings.production_outcome(key)  # type: ignore[attr-defined]
        if found is None:
            return key
        return found.name_en if language() == "en" else found.name

    def show_outcome(self, handled: Handled) -> None:
        if handled.error is not None:
            self.say(handled.error, "error")
            return
        outcome = handled.outcome
        assert outcome is not None
        previous = self.order
        if outcome.order is not None:
            self.show_order(outcome.order)
        kind = outcome.outcome
        code = outcome.code
        medium = outcome.medium
        if kind == "loaded":
            assert outcome.order is not None
            number = outcome.order.number
            if outcome.loaded_from_medium:
                self.say(t("pickup.loaded_from_medium", number=number, code=code))
            elif previous is None or previous.id != outcome.order.id:
                self.say(t("pickup.loaded", number=number))
        elif kind == "returned":
            assert medium is not None
            self.say(*self._returned_text(outcome, medium))
        elif kind == "already_returned":
            assert medium is not None
            self.say(t("pickup.already", code=code, when=format_datetime(medium.returned_at)))
        elif kind == "other_order":
            self.app.bell()
            self.say(
                t("pickup.other_order", code=code, number=outcome.other_order_number),
                "warning",
            )
        elif kind == "unknown":
            self.app.bell()
            text = t("pickup.unknown", code=code)
            if outcome.order is None:
                text = f"{text} {t('pickup.no_order')}"
            self.say(text, "error")
        elif kind == "not_confirmed":
            self.app.bell()
            self.say(t("pickup.not_confirmed", number=outcome.other_order_number), "error")
        elif kind == "count_needed":
            assert medium is not None
            self.say(t("count.title", code=medium.code))

    def _returned_text(self, outcome: ScanOutcome, medium: MediumView) -> tuple[str, str]:
        if medium.declared_count is not None:
            if outcome.count_mismatch:  # "gikk ut med 1 bilde": by the count going back
                text = t("pickup.count_mismatch", code=medium.code,
                         count=medium.returned_count, declared=medium.declared_count)
            else:  # "1 av 1 bilde": by the count handed in
                text = t("pickup.returned_count", code=medium.code,
                         returned=medium.returned_count, count=medium.declared_count)
            level = "warning" if outcome.count_mismatch else "ok"
        else:
            text = t("pickup.returned", code=medium.code, kind=self._kind(medium.kind))
            level = "ok"
        if outcome.delivered and outcome.order is not None:
            wake_print_queue(self.app)  # the return receipt was queued
            text = f"{text} {t('pickup.delivered', number=outcome.order.number)}"
        return text, level

    def show_order(self, order: OrderView) -> None:
        had_order = self.order is not None
        self.order = order
        self.query_one("#pickup-order", Static).update(
            filled(t("pickup.order"), number=order.number, customer=order.customer_name or "–",
                   shelf=order.shelf or "–", status=t(f"order.status.{order.status}"))
        )
        self.query_one("#pickup-count", Static).update(
            filled(t("pickup.count"), returned=order.returned, total=order.total)
        )
        missing = order.missing
        self.query_one("#pickup-missing", Static).update(
            Text(
                t("pickup.missing_words",
                  media=", ".join(f"{m.code} {self._kind(m.kind)}" for m in missing))
                if missing
                else t("pickup.none_missing")
            )
        )
        self.query_one("#pickup-missing", Static).set_class(bool(missing), "-missing")
        self.query_one("#pickup-closed", Static).update(
            filled(t("pickup.closed_status"), reason=order.close_reason) if order.close_reason
            else ""
        )
        table = self.query_one("#pickup-media", DataTable)
        table.clear()
        for m in order.media:
            units = ""
            if m.declared_count is not None:
                units = units_text(m.declared_count, "photo")
                if m.returned_count is not None:
                    units = f"{m.returned_count}/{units}"
            status = (
                t("pickup.status.returned", when=format_datetime(m.returned_at))
                if m.is_returned
                else t("pickup.status.missing")
            )
            if m.outcome:  # what production recorded, as on the return receipt
                status = f"{status} · {self._outcome(m.outcome)}"
            table.add_row(
                shown(m.code), shown(self._kind(m.kind)), shown(m.description), Text(units),
                Text(status), key=m.code,
            )
        if not had_order:
            # F2/F3/F6 depend only on an order being shown (check_action). Refreshing
            # them rebuilds the footer's widgets — the largest part of a scan's time on
            # screen — so only when that changes, not on every scan.
            self.refresh_bindings()

    # --- keys ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("close_missing", "end_visit", "open_order", "invoice"):
            return self.order is not None
        return True

    def action_end_visit(self) -> None:
        if self.order is not None:
            self._queue.append(Pending(action="end_visit"))
            self._next()

    def _visit_ended(self, ended: VisitEnded) -> None:
        view = ended.order
        self.show_order(view)
        if ended.receipt_queued:
            wake_print_queue(self.app)
            self.say(t("pickup.visit_ended", returned=view.returned, total=view.total))
        else:
            self.say(t("pickup.visit_nothing"))
        self._done()

    def action_close_missing(self) -> None:
        if self.order is not None:
            self._queue.append(Pending(action="close_missing"))
            self._next()

    def action_open_order(self) -> None:
        if self.order is not None:
            self.app.open_order(self.order.id)  # type: ignore[attr-defined]

    def action_invoice(self) -> None:
        """F7: the order's invoice — issue it, settled at the till or sent."""
        if self.order is not None:
            self.app.open_documents(order_id=self.order.id)  # type: ignore[attr-defined]
