"""The production room: scan a medium's label, move it along, record what came of it.

The screen shows and listens; ``services.production`` decides and writes, one call per
scan or key. The scan field always has the focus (keys that reach the screen from any
other widget are fed to it, as on the pickup screen), and scans and keys wait in one
queue handled strictly in order, so a burst of scans is never lost or reordered.
A scan of the medium shown steps it on; any other medium opens it (a look at its
customer, logged by the service). F2 steps on, F3 undoes a step (a reason is asked and
kept), F4 records the outcome (and what was actually done: minutes digitized, photos
scanned — the invoice charges it instead of the estimate), F6 / F7 add a note to the
medium / its order, F10 prints its label again, F1 opens the workload view. Names
only: contact details are never read here.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

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
from viver_tui.locale.formatting import format_date, format_datetime
from viver_tui.locale.media import kind_label
from viver_tui.locale.sizes import format_size
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.screens.production_dialogs import (
    LineDialog,
    OutcomeAnswer,
    OutcomeDialog,
    Scan,
)
from viver_tui.services import print_jobs
from viver_tui.services.media_files import ImportResult
from viver_tui.services.production import actuals, notes, outcomes, steps
from viver_tui.services.production.panel import STEPS, HistoryLine, MediumPanel, step_of
from viver_tui.services.production.steps import MIN_REASON_CHARS, Scanned
from viver_tui.widgets.fitted_table import WHOLE, WIDE
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.print_status import PrintPreview, wake_print_queue
from viver_tui.widgets.results_table import ResultsTable
from viver_tui.widgets.scan_input import ScanInput
from viver_tui.widgets.status_bar import StatusBar

SCAN_HISTORY = 500


@dataclass(frozen=True)
class Pending:
    """A scan, or a key's service call made after the scans before it."""

    code: str = ""
    call: Callable[[], Any] | None = None
    done: Callable[[Any], None] | None = None


class ProductionScreen(Screen[None]):
    CSS_PATH = "production.tcss"
    ERRORS_AS_NOTICES = True  # no dialog over the scans

    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("f1", "workload", "key.workload", id="prod-workload"),
        Binding("f2", "next_step", "key.next_step", id="prod-step"),
        Binding("f3", "undo_step", "key.undo_step", id="prod-undo"),
        Binding("f4", "outcome", "key.outcome", id="prod-outcome"),
        Binding("f6", "note", "key.note", id="prod-note"),
        Binding("f7", "order_note", "key.order_note", id="prod-order-note"),
        Binding("f10", "label", "key.label", id="prod-label"),
        Binding("ctrl+f", "import_files", "key.import_files", id="prod-import"),
    ]

    def __init__(self) -> None:
        super().__init__()
        localize_bindings(self)
        self.panel: MediumPanel | None = None
        self.received: deque[str] = deque(maxlen=SCAN_HISTORY)
        self.messages: deque[str] = deque(maxlen=SCAN_HISTORY)  # what each scan said
        self._queue: deque[Pending] = deque()
        self._busy = False
        self._worker: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield PrintPreview()
        with Vertical(id="prod-body"):
            yield ScanInput(placeholder=t("production.scan.placeholder"), id="scan")
            yield Static(t("production.hint"), id="prod-message")
            yield Static("", id="prod-medium")
            yield Static("", id="prod-order")
            yield Static("", id="prod-steps")
            yield Static("", id="prod-outcome")
            yield Static("", id="prod-ready")
            with Vertical(id="prod-tables"):
                media = ResultsTable(id="prod-media", cursor_type="row")
                media.can_focus = False
                media.add_column(t("col.code"), key="code")
                media.add_column(t("col.kind"), key="kind")
                media.add_column(t("col.step"), key="step")
                media.add_column(t("col.outcome"), key="outcome")
                media.set_shares({"code": WHOLE, "step": WIDE, "outcome": WIDE})
                yield media
                history = ResultsTable(id="prod-history", cursor_type="row")
                history.can_focus = False
                history.add_column(t("col.when"), key="when")
                history.add_column(t("col.who"), key="who")
                history.add_column(t("col.what"), key="what")
                history.set_shares({"when": WHOLE, "who": WHOLE, "what": WIDE})
                yield history
            yield Static(t("production.warning"), id="prod-warning")
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    def on_mount(self) -> None:
        self.scan_input.focus()

    def on_screen_resume(self) -> None:
        self.scan_input.focus()

    @property
    def scan_input(self) -> ScanInput:
        return self.query_one("#scan", ScanInput)

    @property
    def _who(self) -> Any:
        app: Any = self.app
        return app.who

    # --- every scan caught, handled in order ------------------------------------------

    def on_key(self, event: events.Key) -> None:
        """Keys that reached the screen from another widget belong to the scan field."""
        self.scan_input.catch(event)

    @on(ScanInput.Scanned, "#scan")
    def scanned(self, event: ScanInput.Scanned) -> None:
        event.stop()
        if event.code.strip():
            self.received.append(event.code)
            self._queue.append(Pending(code=event.code))
            self._next()

    @property
    def saving(self) -> bool:
        return self._busy or bool(self._queue)

    def _next(self) -> None:
        if self._busy or not self._queue:
            return
        pending = self._queue.popleft()
        self._busy = True
        if pending.call is not None:
            assert pending.done is not None
            self._worker = run_service(
                self, pending.call, on_done=partial(self._finished, pending.done),
                on_error=self._failed, group="scan", description="production-key",
            )
            return
        app: Any = self.app
        shown_panel = self.panel
        shown_id = shown_panel.medium.id if shown_panel else None
        shown_status = shown_panel.medium.status if shown_panel else None
        who = self._who
        self._worker = run_service(
            self,
            lambda: steps.scan(app.db, pending.code, who, shown_id=shown_id,
                               shown_status=shown_status),
            on_done=partial(self._finished, self._scan_done),
            on_error=self._failed,
            group="scan",
            description="production-scan",
        )

    def _finished(self, done: Callable[[Any], None], value: Any) -> None:
        done(value)
        self._busy = False
        self._worker = None
        self._next()

    def _failed(self, error: ViverError) -> None:
        self.app.bell()
        self.say(error.message, "error")
        self._busy = False
        self._worker = None
        self._next()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A call that failed unexpectedly (the app's funnel told staff): go on."""
        if event.worker is not self._worker or event.state != WorkerState.ERROR:
            return
        self.say(t("production.worker_failed"), "error")
        self._busy = False
        self._worker = None
        self._next()

    def _after(self, call: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Queue a key's service call behind the scans before it."""
        self._queue.append(Pending(call=call, done=done))
        self._next()

    # --- what came back ---------------------------------------------------------------

    def _scan_done(self, out: Scanned) -> None:
        self.show(out.panel)
        code = out.panel.medium.code
        step = t(f"production.step.{out.panel.step}")
        key = "production.opened" if out.what == "opened" else "production.stepped"
        text = t(key, code=code, step=step)
        if out.became_ready:
            text = f"{text} " + t("production.became_ready", number=out.panel.order_number,
                                  shelf=out.panel.shelf or "–")
        self.say(text)

    def _panel_done(self, message: str, panel: MediumPanel) -> None:
        self.show(panel)
        self.say(message.format(code=panel.medium.code,
                                step=t(f"production.step.{panel.step}")))

    def say(self, text: str, level: str = "ok") -> None:
        self.messages.append(text)
        message = self.query_one("#prod-message", Static)
        message.update(shown(text))
        for name in ("ok", "warning", "error"):
            message.set_class(name == level, f"-{name}")

    def _kind(self, key: str) -> str:
        return kind_label(self.app.settings.media_kinds, key)  # type: ignore[attr-defined]

    def _outcome(self, key: str | None) -> str:
        settings: Any = self.app.settings  # type: ignore[attr-defined]
        return outcomes.outcome_name(
            settings.production_outcomes, key, english=language() == "en"
        )

    def show(self, panel: MediumPanel) -> None:
        had = self.panel is not None
        self.panel = panel
        m = panel.medium
        self.query_one("#prod-medium", Static).update(filled(
            t("production.medium"), code=m.code, kind=self._kind(m.kind),
            description=m.description or "–", condition=m.condition or "–",
        ))
        self.query_one("#prod-order", Static).update(filled(
            t("production.order"), number=panel.order_number,
            customer=panel.customer_name or "–", shelf=panel.shelf or "–",
            received=format_date(panel.received_on),
            promised=format_date(panel.promised_on) or "–",
            status=t(f"order.status.{panel.order_status}"),
        ))
        steps_line = Text()
        for index, step in enumerate(STEPS):
            if index:
                steps_line.append(" › ")
            label = t(f"production.step.{step}")
            steps_line.append(f" {label} " if step == panel.step else label,
                              style="reverse bold" if step == panel.step else "dim")
        steps_line.append("   " + t("production.done_count", done=panel.done,
                                     count=len(panel.media)))
        self.query_one("#prod-steps", Static).update(steps_line)
        outcome = (
            filled(t("production.outcome_line"), outcome=self._outcome(m.outcome),
                   note=f"– {panel.outcome_note}" if panel.outcome_note else "")
            if m.outcome else Text(t("production.no_outcome"))
        )
        actual = self._actual_line(panel)
        if actual:
            outcome = Text.assemble(outcome, "\n", actual)
        self.query_one("#prod-outcome", Static).update(outcome)
        self.query_one("#prod-ready", Static).update(
            Text(t("production.ready_line", shelf=panel.shelf or "–"))
            if panel.order_status == "ready" else ""
        )
        media = self.query_one("#prod-media", DataTable)
        media.clear()
        for other in panel.media:
            step = (t("order.status.returned") if other.is_returned
                    else t(f"production.step.{step_of(other.status)}"))
            mark = "▶ " if other.id == m.id else ""
            media.add_row(shown(mark + other.code), shown(self._kind(other.kind)), Text(step),
                          shown(self._outcome(other.outcome)), key=other.code)
        history = self.query_one("#prod-history", DataTable)
        history.clear()
        for line in reversed(panel.history):
            history.add_row(Text(format_datetime(line.at)), shown(line.staff),
                            shown(self._what(line)))
        if not had:
            self.refresh_bindings()

    def _actual_line(self, panel: MediumPanel) -> str:
        """What production recorded as done, beside the estimate (a kind charged by the
        minute or photo); empty for one charged per piece."""
        unit = actuals.unit_of(self.app.settings.media_kinds,  # type: ignore[attr-defined]
                               panel.medium.kind)
        if unit is None:
            return ""
        what = "photos" if unit == "photo" else "minutes"
        if panel.actual_units is None:
            return t("production.actual_line.none",
                     estimate=t(f"production.units.{what}", count=panel.estimate_units))
        return t(f"production.actual_line.{what}", count=panel.actual_units,
                 estimate=panel.estimate_units)

    def _what(self, line: HistoryLine) -> str:
        label = t(f"event.{line.action}") if line.action != "note" else t("event.note")
        if line.action == "note" and line.note_id is None:  # the order screen's note
            return f"{label}: {line.note}"
        if line.action == "note":
            head = f"{label} #{line.note_id}"
            if line.corrects:
                head += f" (→ #{line.corrects})"
            where = "" if line.code else f" [{t('col.order')}]"
            return f"{head}{where}: {line.note}"
        text = label
        if line.from_status and line.to_status:
            text += (f": {t(f'order.status.{line.from_status}')} → "
                     f"{t(f'order.status.{line.to_status}')}")
        if line.note:
            text += f" – {line.note}"
        return text

    # --- keys -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in (
            "next_step", "undo_step", "outcome", "note", "order_note", "label", "import_files"
        ):
            return self.panel is not None
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_workload(self) -> None:
        self.app.open_workload()  # type: ignore[attr-defined]

    def action_next_step(self) -> None:
        panel = self.panel
        if panel is None:
            return
        app: Any = self.app
        who, medium_id, status = self._who, panel.medium.id, panel.medium.status
        self._after(lambda: steps.step(app.db, medium_id, who, expected=status),
                    self._scan_done)

    def action_undo_step(self) -> None:
        panel = self.panel
        if panel is None:
            return
        app: Any = self.app
        who, medium_id, status = self._who, panel.medium.id, panel.medium.status

        def answered(reason: str | Scan | None) -> None:
            if self._not_text(reason) or reason is None:
                return
            self._after(
                lambda: steps.undo(app.db, medium_id, who, reason, expected=status),
                partial(self._panel_done, t("production.undone", code="{code}",
                                            step="{step}")),
            )

        self.app.push_screen(LineDialog(
            t("production.undo.title", code=panel.medium.code, min=MIN_REASON_CHARS)
        ), answered)

    def action_outcome(self) -> None:
        panel = self.panel
        if panel is None:
            return
        app: Any = self.app
        who, medium_id = self._who, panel.medium.id
        listed = app.settings.production_outcomes
        kinds = app.settings.media_kinds

        def answered(chosen: OutcomeAnswer | Scan | None) -> None:
            if self._not_text(chosen) or chosen is None:
                return
            assert isinstance(chosen, OutcomeAnswer)
            key, note, actual = chosen.key, chosen.note, chosen.actual
            self._after(
                lambda: outcomes.set_outcome(app.db, medium_id, who, key, note, listed,
                                             actual=actual, kinds=kinds),
                partial(self._panel_done, t("production.outcome_set", code="{code}",
                                            outcome=self._outcome(key))),
            )

        self.app.push_screen(OutcomeDialog(
            t("production.outcome.title", code=panel.medium.code), listed,
            panel.medium.outcome, language() == "en",
            unit=actuals.unit_of(kinds, panel.medium.kind), actual=panel.actual_units,
            estimate=panel.estimate_units,
        ), answered)

    def _ask_note(self, on_order: bool) -> None:
        panel = self.panel
        if panel is None:
            return
        app: Any = self.app
        who, medium_id = self._who, panel.medium.id
        where = (t("production.note.order", number=panel.order_number) if on_order
                 else t("production.note.medium", code=panel.medium.code))

        def answered(text: str | Scan | None) -> None:
            if self._not_text(text) or text is None:
                return
            corrects, body = notes.read_correction(text)
            self._after(
                lambda: notes.add_note(app.db, medium_id, body, who, on_order=on_order,
                                       corrects=corrects),
                partial(self._panel_done, t("production.note_added")),
            )

        self.app.push_screen(LineDialog(
            t("production.note.title", where=where), t("production.note.placeholder")
        ), answered)

    def _not_text(self, answer: object) -> bool:
        """Back from a dialog: the focus to the scan field; a label scanned into the
        dialog is queued as a scan (True), never stored as text."""
        self.scan_input.focus()
        if not isinstance(answer, Scan):
            return False
        self.say(t("production.scan_not_text", code=answer.code), "warning")
        self.received.append(answer.code)
        self._queue.append(Pending(code=answer.code))
        self._next()
        return True

    def action_note(self) -> None:
        self._ask_note(on_order=False)

    def action_order_note(self) -> None:
        self._ask_note(on_order=True)

    def action_import_files(self) -> None:
        """Ctrl+F: the shown medium's digital copies into the media store (pick the
        folder; the copy runs off the UI thread in the dialog)."""
        panel = self.panel
        if panel is None:
            return
        from viver_tui.screens.media_import import MediaImportDialog

        def imported(result: ImportResult | None) -> None:
            self.scan_input.focus()
            if result is not None:
                self.say(t("media.import.done", count=len(result.imported), code=result.medium,
                           size=format_size(sum(f.size for f in result.imported))))

        self.app.push_screen(MediaImportDialog(panel.medium.code), imported)

    def action_label(self) -> None:
        panel = self.panel
        if panel is None:
            return
        app: Any = self.app
        who, order_id, medium_id = self._who, panel.order_id, panel.medium.id
        code = panel.medium.code

        def queued(_job: int) -> None:
            wake_print_queue(self.app)
            self.say(t("production.label_queued", code=code))

        self._after(
            lambda: print_jobs.reprint(app.db, order_id, "media_label", medium_id, staff=who,
                                       terminal=app.settings.terminal),
            queued,
        )
