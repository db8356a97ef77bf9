"""The order screen: customer, media with their status, notes and the full history.

F2 sets the order's status (its media follow), F3 the highlighted medium's, F4 corrects
the shelf, promised date and notes, F7 adds a note to the history, F5 starts pickup for
this order, F6 goes on registering media on a draft, Ctrl+F shows the order's media
files (delivery on the customer's drive, streaming links). Every change is recorded with who
and when and shows in the history at once. Stored text is shown as text, never markup.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label, Static

from viver_tui.errors import ViverError
from viver_tui.locale import t
from viver_tui.locale.display import filled, shown
from viver_tui.locale.events import detail_text
from viver_tui.locale.formatting import format_date, format_datetime, format_money
from viver_tui.locale.media import kind_label, unit_of, units_text
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.screens.media_delivery import MediaFilesDialog
from viver_tui.screens.order_dialogs import DetailsDialog, StatusDialog, TextDialog
from viver_tui.screens.print_dialogs import ReprintDialog
from viver_tui.services import orders
from viver_tui.services import print_jobs as print_queue
from viver_tui.services.orders import DRAFT, OPEN_STATUSES, EventView, OrderView
from viver_tui.services.print_jobs import ReprintOption
from viver_tui.widgets.fitted_table import WHOLE, WIDE, FittedTable
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.print_status import PrintPreview, wake_print_queue
from viver_tui.widgets.status_bar import StatusBar


def event_text(event: EventView) -> str:
    what = t(f"event.{event.action}")
    if event.to_status and event.action in ("status", "confirmed", "step", "step_undone"):
        what = f"{what}: {t('order.status.' + event.to_status)}"
    if event.code:
        what = f"{event.code} {what}"
    detail = detail_text(event.action, event.detail, event.note)
    if detail:
        what = f"{what} – {detail}"
    return what


class OrderScreen(Screen[None]):
    CSS_PATH = "order.tcss"

    # Labels are catalogue keys, put in the active language by localize_bindings.
    BINDINGS = [
        Binding("escape", "app.pop_screen", "key.back", id="back"),
        Binding("f2", "order_status", "key.order_status", id="order-status"),
        Binding("f3", "medium_status", "key.medium_status", id="medium-status"),
        Binding("f4", "edit_details", "key.edit_details", id="edit-details"),
        Binding("f5", "pickup", "key.pickup", id="order-pickup"),
        Binding("f6", "continue_intake", "key.continue_intake", id="continue-intake"),
        Binding("f7", "add_note", "key.add_note", id="add-note"),
        Binding("f8", "reprint", "key.reprint", id="reprint"),
        Binding("f10", "documents", "key.documents", id="order-documents"),
        Binding("ctrl+f", "media_files", "key.media_files", id="order-media-files"),
    ]

    def __init__(self, order_id: int) -> None:
        # No id: the same kind of screen may stand twice in the stack (an order, its
        # pickup, the order again from there), and screen ids must be unique there.
        super().__init__()
        localize_bindings(self)
        self.order_id = order_id
        self.order: OrderView | None = None
        self._reload_on_resume = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield PrintPreview()
        with Vertical(id="order-body"):
            yield Static(t("order.loading"), id="order-info")
            yield Static("", id="order-close-reason")
            yield Label(t("order.media"), classes="section-title")
            media = FittedTable(id="order-media", cursor_type="row", zebra_stripes=True)
            media.add_column(t("col.code"), key="code")
            media.add_column(t("col.kind"), key="kind")
            media.add_column(t("col.description"), key="description")
            media.add_column(t("col.units"), key="units")
            media.add_column(t("col.status"), key="status")
            media.add_column(t("col.returned"), key="returned")
            media.set_shares({
                "code": WHOLE, "description": WIDE, "units": WHOLE, "returned": WHOLE,
            })
            yield media
            yield Label(t("order.history"), classes="section-title")
            history = FittedTable(id="order-history", cursor_type="row")
            history.add_column(t("col.when"), key="when")
            history.add_column(t("col.who"), key="who")
            history.add_column(t("col.what"), key="what")
            history.set_shares({"when": WHOLE, "who": WHOLE, "what": WIDE})
            yield history
            yield Static("", id="order-message")
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    def on_mount(self) -> None:
        self.query_one("#order-media", DataTable).focus()
        db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]
        run_service(
            self,
            partial(orders.get_order, db, self.order_id, staff=staff),
            on_done=self.show_order,
            on_error=self._failed,
        )

    def on_screen_resume(self) -> None:
        # Back from pickup: show what changed. Not after this screen's own dialogs: their
        # change is already on its way, and a parallel reload could overtake it.
        if self._reload_on_resume:
            self._reload_on_resume = False
            run_service(
                self,
                partial(orders.load_for_reading, self.app.db, self.order_id),  # type: ignore[attr-defined]
                on_done=self.show_order,
                on_error=self._failed,
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.order is None:
            return True
        if action == "continue_intake":
            return self.order.status == DRAFT
        if action in ("pickup", "reprint", "documents", "media_files"):
            return self.order.status != DRAFT
        return True

    def show_order(self, order: OrderView) -> None:
        self.order = order
        kinds = self.app.settings.media_kinds  # type: ignore[attr-defined]
        # Markup comes from the catalogue only; stored text goes in as plain text.
        lines = [
            filled(t("order.header"), number=order.number,
                   status=t(f"order.status.{order.status}")),
            filled(t("order.customer"), name=order.customer_name or "–"),
            filled(
                t("order.dates"),
                received=format_date(order.received_on),
                promised=format_date(order.promised_on) or "–",
                shelf=order.shelf or "–",
                staff=order.staff or "–",
            ),
            filled(t("order.estimate"), amount=format_money(order.estimate_ore)),
            filled(t("pickup.count"), returned=order.returned, total=order.total),
        ]
        if order.notes:
            lines.append(filled(t("order.notes"), notes=order.notes))
        self.query_one("#order-info", Static).update(Text("\n").join(lines))
        reason = self.query_one("#order-close-reason", Static)
        reason.update(
            filled(
                t("order.close_reason"),
                when=format_datetime(order.closed_at),
                reason=order.close_reason,
            )
            if order.close_reason
            else ""
        )
        media = self.query_one("#order-media", DataTable)
        row = media.cursor_row
        media.clear()
        for m in order.media:
            media.add_row(
                shown(m.code),
                shown(kind_label(kinds, m.kind)),
                shown(m.description),
                Text(units_text(m.units, unit_of(kinds, m.kind))),
                Text(t(f"order.status.{m.status}")),
                Text(format_datetime(m.returned_at)),
                key=m.code,
            )
        if order.media:
            media.move_cursor(row=min(max(row, 0), len(order.media) - 1))
        history = self.query_one("#order-history", DataTable)
        history.clear()
        for event in order.events:
            history.add_row(
                Text(format_datetime(event.at)), shown(event.staff), shown(event_text(event))
            )
        self.refresh_bindings()

    def action_reprint(self) -> None:
        """F8: choose a label or receipt of this order and queue it again (a medium's
        label keeps its code)."""
        app = self.app
        run_service(
            self,
            partial(print_queue.reprint_options, app.db, self.order_id, app.settings, app.who),  # type: ignore[attr-defined]
            on_done=lambda options: app.push_screen(ReprintDialog(options), self._reprint),
            on_error=self._failed,
        )

    def _reprint(self, option: ReprintOption | None) -> None:
        if option is None:
            return
        app = self.app
        call = partial(
            print_queue.reprint,
            app.db,  # type: ignore[attr-defined]
            self.order_id,
            option.kind,
            option.media_item_id,
            staff=app.who,  # type: ignore[attr-defined]
            terminal=app.settings.terminal,  # type: ignore[attr-defined]
        )

        def queued(_job_id: int) -> None:
            wake_print_queue(app)
            self.say(t("print.reprint.done", what=option.text))

        run_service(self, call, on_done=queued, on_error=self._failed)

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#order-message", Static)
        message.update(shown(text))
        message.set_class(error, "-error")

    def _failed(self, error: ViverError) -> None:
        self.say(error.message, error=True)

    def _changed(self, status: str | None, order: OrderView) -> None:
        self.show_order(order)
        if status:
            self.say(t("order.status_set", status=t(f"order.status.{status}")))

    def _finished(self) -> bool:
        """True (and says so) when the order's status can no longer be set."""
        if self.order is None:
            return True
        if self.order.status == DRAFT:
            self.say(t("order.not_confirmed"), error=True)
            return True
        if self.order.status not in OPEN_STATUSES:
            status = t(f"order.status.{self.order.status}")
            self.say(t("order.already_closed", status=status), error=True)
            return True
        return False

    def action_order_status(self) -> None:
        if self._finished():
            return
        assert self.order is not None
        db, staff, order_id = self.app.db, self.app.staff, self.order.id  # type: ignore[attr-defined]

        def chosen(status: str | None) -> None:
            if status:
                run_service(
                    self,
                    partial(orders.set_order_status, db, order_id, status, staff),
                    on_done=partial(self._changed, status),
                    on_error=self._failed,
                )

        self.app.push_screen(StatusDialog(t("key.order_status"), self.order.status), chosen)

    def action_medium_status(self) -> None:
        if self._finished():
            return
        assert self.order is not None
        if not self.order.media:
            return
        row = self.query_one("#order-media", DataTable).cursor_row
        medium = self.order.media[max(0, min(row, len(self.order.media) - 1))]
        db, staff, order_id = self.app.db, self.app.staff, self.order.id  # type: ignore[attr-defined]

        def chosen(status: str | None) -> None:
            if status:
                run_service(
                    self,
                    partial(orders.set_medium_status, db, order_id, medium.code, status, staff),
                    on_done=partial(self._changed, status),
                    on_error=self._failed,
                )

        self.app.push_screen(StatusDialog(f"{medium.code}", medium.status), chosen)

    def action_add_note(self) -> None:
        db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]

        def typed(text: str | None) -> None:
            if text:
                run_service(
                    self,
                    partial(orders.add_note, db, self.order_id, text, staff),
                    on_done=partial(self._changed, None),
                    on_error=self._failed,
                )

        self.app.push_screen(TextDialog(t("order.note_title")), typed)

    def action_edit_details(self) -> None:
        """F4: shelf, promised date and notes; saved on the version shown, so a change
        someone made meanwhile is reported, not overwritten."""
        if self.order is None:
            return

        def saved(order: OrderView | None) -> None:
            if order is not None:
                self.show_order(order)
                self.say(t("intake.details_saved"))

        self.app.push_screen(DetailsDialog(self.order), saved)

    def action_pickup(self) -> None:
        self._reload_on_resume = True
        self.app.open_pickup(self.order_id)  # type: ignore[attr-defined]

    def action_documents(self) -> None:
        """F10: the order's documents — its confirmation, the invoice (issue, mark
        paid, credit), printed or as PDF."""
        self._reload_on_resume = True
        self.app.open_documents(order_id=self.order_id)  # type: ignore[attr-defined]

    def action_media_files(self) -> None:
        """Ctrl+F: the order's media files — deliver them on the customer's drive, make
        or revoke a streaming link (screens/media_delivery.py)."""
        self.app.push_screen(MediaFilesDialog(self.order_id))

    def action_continue_intake(self) -> None:
        if self.order is not None and self.order.customer_id is not None:
            self.app.open_intake(  # type: ignore[attr-defined]
                self.order.customer_id, self.order.id, replace=True
            )
