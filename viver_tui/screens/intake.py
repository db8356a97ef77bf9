"""Intake: a customer hands over a box; every original is registered by keyboard.

Flow: type the kind (its number or name) → Enter → what is written on it → Enter →
condition → Enter → (minutes or photo count when the kind is priced by them) → Enter
adds the medium. F3 fills in the last kind again, so a stack of VHS tapes is F3, text,
Enter, Enter. F4 corrects and F8 removes the highlighted medium. Shelf, promised date
and notes sit below the list (Enter in the empty kind field jumps there); F10 confirms
the order and queues its prints.

Staff type ahead: the fields are ``FieldInput``s (Enter handled in the field's own key
handler, focus moved at once, keys typed before the move still reach the field they
were meant for). A medium is checked here as soon as its last Enter is pressed, the form
is emptied for the next one at once, and the saves run one after another in the
background, in the order typed; confirming waits behind them.
Errors show beside their field; nothing typed is cleared when a save fails. A medium
whose save failed holds back the confirm, however soon F10 came after it, until it is
added again or F10 is pressed once more after the message (knowingly without it).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Label, Static

from viver_tui.config import MediaKind
from viver_tui.errors import EditConflict, FormErrors, NotFound, ValidationError, ViverError
from viver_tui.locale import t
from viver_tui.locale.display import filled, printable, shown
from viver_tui.locale.formatting import format_date, format_money
from viver_tui.locale.media import kind_label, kind_name, media_count, per_unit, units_text
from viver_tui.screens.base import localize_bindings, run_service
from viver_tui.services import documents, intake, orders
from viver_tui.services.intake import MediumInput, OrderDetails
from viver_tui.services.orders import DRAFT, MediumView, OrderView
from viver_tui.widgets.field_input import FieldInput, move_focus
from viver_tui.widgets.fitted_table import WHOLE, WIDE, FittedTable, Share
from viver_tui.widgets.footer import CounterFooter
from viver_tui.widgets.print_status import wake_print_queue
from viver_tui.widgets.status_bar import StatusBar

MEDIUM_FIELDS = ("kind", "description", "condition", "units")
DETAIL_FIELDS = ("shelf", "promised_on", "notes")
_NEXT = {"description": "condition", "shelf": "promised_on", "promised_on": "notes"}


class IntakeScreen(Screen[None]):
    """Register the originals of a new (or draft) order for one customer."""

    CSS_PATH = "intake.tcss"

    def __init__(self, customer_id: int, order_id: int | None = None) -> None:
        # No id: see OrderScreen.
        super().__init__()
        self.customer_id = customer_id
        self.order_id = order_id
        self.order: OrderView | None = None
        # The media the list shows: a save that only adds one appends its row (a new
        # list for every medium redrew it all, the largest part of a medium's Enter).
        self._media_shown: tuple[MediumView, ...] = ()
        self.last_kind: str | None = None
        self.editing_seq: int | None = None
        self.version: int | None = None  # the details' version the form shows
        # Service calls run one at a time, in the order staff asked for them.
        self._service_calls: deque[Callable[[], Any]] = deque()
        self._service_busy = False
        self._adds_pending = 0
        # Media whose save failed and that were neither typed again nor knowingly left
        # out: the next confirm is held back once, however fast it was typed after them.
        self._unsaved = 0
        self._form_holds_failed = False  # the medium form shows a failed medium, put back
        localize_bindings(self)

    # Labels are catalogue keys, put in the active language by localize_bindings.
    BINDINGS = [
        Binding("escape", "back", "key.back", id="back"),
        Binding("f2", "add_medium", "key.add_medium", id="add-medium"),
        Binding("f3", "repeat_kind", "key.repeat_kind", id="repeat-kind"),
        Binding("f4", "edit_medium", "key.edit_medium", id="edit-medium"),
        Binding("f8", "remove_medium", "key.remove_medium", id="remove-medium"),
        Binding("f6", "next_company", "key.next_company", id="next-company"),
        Binding("f10", "confirm", "key.confirm_order", id="confirm-order"),
    ]

    @property
    def kinds(self) -> tuple[MediaKind, ...]:
        return self.app.settings.media_kinds  # type: ignore[attr-defined,no-any-return]

    # --- layout ----------------------------------------------------------------------

    def _field(self, name: str, placeholder: str = "") -> FieldInput:
        return FieldInput(placeholder=placeholder, id=name, on_enter=self.field_entered)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("intake.opening"), id="intake-header")
        with Horizontal(id="intake-main"):
            with Vertical(id="intake-left"):
                with Grid(classes="intake-form", id="medium-form"):
                    yield Label(t("intake.kind"))
                    yield self._field("kind", t("intake.kind.placeholder"))
                    yield Label("", id="kind-error", classes="field-error")
                    yield Label(t("intake.description"))
                    yield self._field("description", t("intake.description.placeholder"))
                    yield Label("", id="description-error", classes="field-error")
                    yield Label(t("intake.condition"))
                    yield self._field("condition", t("intake.condition.placeholder"))
                    yield Label("", id="condition-error", classes="field-error")
                    yield Label(t("intake.units.piece"), id="units-label")
                    yield self._field("units")
                    yield Label("", id="units-error", classes="field-error")
                table = FittedTable(id="intake-media", cursor_type="row", zebra_stripes=True)
                table.add_column(t("col.seq"), key="seq")
                table.add_column(t("col.code"), key="code")
                table.add_column(t("col.kind"), key="kind")
                table.add_column(t("col.description"), key="description")
                table.add_column(t("col.condition"), key="condition")
                table.add_column(t("col.units"), key="units")
                table.add_column(t("col.estimate"), key="estimate")
                table.set_shares({
                    "seq": WHOLE, "code": WHOLE, "kind": Share(2), "description": WIDE,
                    "condition": Share(2),
                    "units": WHOLE, "estimate": WHOLE,
                })
                yield table
                yield Static("", id="intake-estimate")
                with Grid(classes="intake-form", id="details-form"):
                    yield Label(t("intake.shelf"))
                    yield self._field("shelf")
                    yield Label("", id="shelf-error", classes="field-error")
                    yield Label(t("intake.promised"))
                    yield self._field("promised_on", t("intake.promised.placeholder"))
                    yield Label("", id="promised_on-error", classes="field-error")
                    yield Label(t("intake.notes"))
                    yield self._field("notes")
                    yield Label("", id="notes-error", classes="field-error")
                yield Static("", id="intake-message")
            yield Static(self._kind_list(), id="kind-list")
        yield StatusBar(id="status-bar")
        yield CounterFooter()

    def _kind_list(self) -> Text:
        text = Text(t("intake.kinds"), style="bold")
        for i, kind in enumerate(self.kinds, start=1):
            # A price never breaks across lines: its spaces are non-breaking.
            price = f"{format_money(int(kind.price * 100))}/{per_unit(kind.unit)}"
            text.append(f"\n{i:>2} ")
            text.append(kind_name(kind))
            text.append(" ")
            text.append(price.replace(" ", "\xa0"), style="dim")
        return text

    def on_resize(self, event: events.Resize) -> None:
        """The list of kinds beside the form takes 36 columns at 120 and more, 28 down
        to 110, and gives way below that: at 80–100 columns the media's descriptions
        need the room (the kind field takes a kind's name as well as its number)."""
        kinds = self.query_one("#kind-list")
        width = event.size.width
        kinds.display = width >= 110
        kinds.styles.width = 36 if width >= 120 else 28

    def on_mount(self) -> None:
        self.query_one("#kind", Input).focus()
        db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]
        if self.order_id is None:  # sold by this terminal's default company (F6 changes it)
            company = self.app.settings.default_company  # type: ignore[attr-defined]
            call = partial(intake.open_order, db, self.customer_id, staff, company=company)
        else:
            call = partial(orders.load_for_reading, db, self.order_id)
        self._enqueue(call, self._opened, self._show_error)

    def _opened(self, order: OrderView) -> None:
        self.order_id = order.id
        self.version = order.version
        self.show_order(order)
        for name, value in (
            ("shelf", printable(order.shelf)),
            ("promised_on", format_date(order.promised_on)),
            ("notes", printable(order.notes)),
        ):
            if value and not self.field(name).value:
                self.field(name).value = value

    def field(self, name: str) -> Input:
        return self.query_one(f"#{name}", Input)

    def show_order(self, order: OrderView) -> None:
        self.order = order
        header = filled(
            t("intake.header"),
            number=order.number,
            customer=order.customer_name,
            date=format_date(order.received_on),
            staff=order.staff,
        )
        company = self.app.settings.company(order.company)  # type: ignore[attr-defined]
        if company is not None:  # who sells: on every document of the order
            header.append(f"  ·  {t('doc.intake.company', name=company.name)}")
        self.query_one("#intake-header", Static).update(header)
        table = self.query_one("#intake-media", DataTable)
        row = table.cursor_row
        shown_before = self._media_shown
        if order.media[: len(shown_before)] == shown_before:
            new = order.media[len(shown_before) :]  # media added: only their rows
        else:
            table.clear()
            new = order.media
        self._media_shown = order.media
        for m in new:
            table.add_row(
                Text(str(m.seq)),
                shown(m.code),
                shown(kind_label(self.kinds, m.kind)),
                shown(m.description),
                shown(m.condition),
                Text(self._units(m)),
                Text(format_money(m.estimate_ore)),
                key=str(m.seq),
            )
        if order.media:
            table.move_cursor(row=min(max(row, 0), len(order.media) - 1))
        self.query_one("#intake-estimate", Static).update(
            t(
                "intake.estimate",
                amount=format_money(order.estimate_ore),
                count=media_count(len(order.media)),
            )
        )

    def _units(self, medium: MediumView) -> str:
        kind = next((k for k in self.kinds if k.key == medium.kind), None)
        return units_text(medium.units, kind.unit if kind else "piece")

    # --- the queue of service calls ----------------------------------------------------

    def _enqueue(
        self,
        call: Callable[[], Any],
        on_done: Callable[[Any], Any],
        on_error: Callable[[ViverError], Any],
    ) -> None:
        """Run ``call`` after every call asked for before it (typed-ahead media are
        saved in the order they were typed; confirming waits for them)."""

        def finish(callback: Callable[[Any], Any], value: Any) -> None:
            self._service_busy = False
            try:
                callback(value)
            finally:
                self._next_call()

        def start() -> None:
            run_service(
                self, call, on_done=partial(finish, on_done), on_error=partial(finish, on_error)
            )

        self._service_calls.append(start)
        self._next_call()

    @property
    def saving(self) -> bool:
        """Service calls asked for are not all done (quitting waits for them)."""
        return self._service_busy or bool(self._service_calls)

    def _next_call(self) -> None:
        if not self._service_busy and self._service_calls:
            self._service_busy = True
            self._service_calls.popleft()()

    # --- messages and field errors ---------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#intake-message", Static)
        message.update(shown(text))
        message.set_class(error, "-error")

    def _show_error(self, error: ViverError) -> None:
        self.say(error.message, error=True)

    def clear_errors(self, names: tuple[str, ...]) -> None:
        for name in names:
            self.query_one(f"#{name}-error", Label).update("")
            self.query_one(f"#{name}-error", Label).remove_class("-shown")
            self.field(name).remove_class("-invalid")

    def show_field_errors(self, errors: dict[str, str], names: tuple[str, ...]) -> None:
        first = None
        for name, text in errors.items():
            if name in names:
                self.query_one(f"#{name}-error", Label).update(shown(text))
                self.query_one(f"#{name}-error", Label).add_class("-shown")
                self.field(name).add_class("-invalid")
                first = first or name
        if first:
            move_focus(self.field(first))

    # --- the medium form -------------------------------------------------------------

    def resolve_kind(self) -> MediaKind | None:
        """The kind typed in the kind field, or None with the reason shown beside it."""
        self.clear_errors(("kind",))
        try:
            kind = intake.find_kind(self.field("kind").value, self.kinds)
        except ValidationError as exc:
            self.show_field_errors({"kind": exc.message}, MEDIUM_FIELDS)
            return None
        self.query_one("#units-label", Label).update(t(f"intake.units.{kind.unit}"))
        units = self.field("units")
        units.disabled = kind.unit == "piece"
        units.placeholder = str(kind.default_units) if kind.unit == "minute" else ""
        return kind

    def field_entered(self, field: FieldInput) -> None:
        """Enter in a field, in the order typed (called from the field's key handler)."""
        name = field.id or ""
        if name == "kind":
            has_media = self._adds_pending or (self.order is not None and self.order.media)
            if not field.value.strip() and has_media:
                # Nothing typed: registering is done, on to shelf and dates.
                move_focus(self.field("shelf"))
            elif self.resolve_kind() is not None:
                move_focus(self.field("description"))
        elif name == "condition":
            kind = self.resolve_kind()
            if kind is not None and kind.unit == "piece":
                self.action_add_medium()
            elif kind is not None:
                move_focus(self.field("units"))
        elif name == "units":
            self.action_add_medium()
        elif name in _NEXT:
            move_focus(self.field(_NEXT[name]))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "kind":
            self.clear_errors(("kind",))

    def medium_input(self, kind: MediaKind) -> MediumInput:
        return MediumInput(
            kind.key,
            self.field("description").value,
            self.field("condition").value,
            self.field("units").value,
        )

    def _typed(self) -> dict[str, str]:
        return {name: self.field(name).value for name in MEDIUM_FIELDS}

    def action_add_medium(self) -> None:
        """Check the medium here, empty the form for the next one, save in the queue."""
        if self.order_id is None and not self._service_calls and not self._service_busy:
            return
        kind = self.resolve_kind()
        if kind is None:
            return
        data = self.medium_input(kind)
        try:
            intake.validate_medium(data, self.kinds)  # no database: instant
        except FormErrors as exc:
            self.clear_errors(MEDIUM_FIELDS)
            self.show_field_errors(exc.errors, MEDIUM_FIELDS)
            self.say(t("intake.fix_errors"), error=True)
            return
        typed, seq = self._typed(), self.editing_seq
        if self._form_holds_failed:  # the failed medium is sent again (perhaps corrected)
            self._unsaved -= 1
        self.last_kind = kind.key
        self.reset_medium_form()
        db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]

        def call() -> OrderView:
            if self.order_id is None:  # the order could not be opened (said so)
                raise NotFound(t("order.not_found"))
            if seq is None:
                return intake.add_medium(db, self.order_id, data, self.kinds, staff)
            return intake.update_medium(db, self.order_id, seq, data, self.kinds, staff)

        if seq is None:
            self._adds_pending += 1
        self._enqueue(
            call,
            partial(self._medium_saved, kind, seq),
            partial(self._medium_failed, typed, seq),
        )

    def _medium_saved(self, kind: MediaKind, seq: int | None, order: OrderView) -> None:
        if seq is None:
            self._adds_pending -= 1
        self.show_order(order)
        if seq is None:
            added = max(order.media, key=lambda m: m.seq)
            self.say(t("intake.added", code=added.code, kind=kind_name(kind)))
            self.query_one("#intake-media", DataTable).move_cursor(row=len(order.media) - 1)
        else:
            self.say(t("intake.updated", code=order.media[seq - 1].code))

    def _medium_failed(self, typed: dict[str, str], seq: int | None, error: ViverError) -> None:
        self._unsaved += 1
        if seq is None:
            self._adds_pending -= 1
        untouched = not any(self._typed().values())
        if untouched:  # put back what was typed, so nothing is lost
            for name, value in typed.items():
                self.field(name).value = value
            self.editing_seq = seq
            self._form_holds_failed = True
            self.resolve_kind()
        if isinstance(error, FormErrors) and untouched:
            self.show_field_errors(error.errors, MEDIUM_FIELDS)
            self.say(t("intake.fix_errors"), error=True)
        elif isinstance(error, ValidationError) and error.field in MEDIUM_FIELDS and untouched:
            self.show_field_errors({error.field: error.message}, MEDIUM_FIELDS)
            self.say(error.message, error=True)
        else:
            self._show_error(error)

    def reset_medium_form(self, kind: str = "") -> None:
        self.editing_seq = None
        self._form_holds_failed = False
        for name in MEDIUM_FIELDS:
            self.field(name).value = ""
        self.field("kind").value = kind
        self.field("kind").cursor_position = len(kind)
        self.field("units").disabled = False
        self.field("units").placeholder = ""  # a film's default minutes go with the film
        self.query_one("#units-label", Label).update(t("intake.units.piece"))
        self.clear_errors(MEDIUM_FIELDS)
        if kind:
            self.resolve_kind()
            move_focus(self.field("description"))
        else:
            move_focus(self.field("kind"))

    def action_repeat_kind(self) -> None:
        if self.last_kind is None:
            self.say(t("intake.no_last_kind"), error=True)
            return
        self.reset_medium_form(kind=kind_label(self.kinds, self.last_kind))

    def selected_medium(self) -> MediumView | None:
        if self.order is None or not self.order.media:
            return None
        row = self.query_one("#intake-media", DataTable).cursor_row
        if 0 <= row < len(self.order.media):
            return self.order.media[row]
        return None

    def action_edit_medium(self) -> None:
        medium = self.selected_medium()
        if medium is None:
            self.say(t("intake.no_selection"), error=True)
            return
        self.reset_medium_form(kind=kind_label(self.kinds, medium.kind))
        self.editing_seq = medium.seq
        self.field("description").value = printable(medium.description)
        self.field("condition").value = printable(medium.condition)
        kind = next((k for k in self.kinds if k.key == medium.kind), None)
        if medium.declared_count is not None or (kind is not None and kind.unit == "minute"):
            self.field("units").value = str(medium.units)
        self.say(t("intake.editing", code=medium.code))

    def action_remove_medium(self) -> None:
        medium = self.selected_medium()
        if medium is None or self.order is None:
            self.say(t("intake.no_selection"), error=True)
            return
        db, staff, order_id = self.app.db, self.app.staff, self.order.id  # type: ignore[attr-defined]

        def removed(order: OrderView) -> None:
            self.show_order(order)
            self.say(t("intake.removed", code=medium.code))
            if self.editing_seq is not None:
                self.reset_medium_form()

        self._enqueue(
            partial(intake.remove_medium, db, order_id, medium.seq, staff),
            removed,
            self._show_error,
        )

    # --- confirming ------------------------------------------------------------------

    def details(self) -> OrderDetails:
        return OrderDetails(
            self.field("shelf").value, self.field("promised_on").value, self.field("notes").value
        )

    def action_confirm(self) -> None:
        """F10: confirm after every medium typed before it is saved (one service call:
        details, status, history and print jobs in one transaction)."""
        if self.order_id is None and not self._service_calls and not self._service_busy:
            return
        self.clear_errors(DETAIL_FIELDS)
        details = self.details()
        db, who = self.app.db, self.app.who  # type: ignore[attr-defined]
        terminal = self.app.settings.terminal  # type: ignore[attr-defined]

        def call() -> OrderView:
            if self.order_id is None:
                raise NotFound(t("order.not_found"))
            # Read when every save typed before F10 has ended (the queue is in order).
            if self._unsaved:
                raise ValidationError(
                    t("intake.confirm_held", count=media_count(self._unsaved)), field="media"
                )
            # The order confirmation (a document) is written in the same transaction.
            return documents.confirm_order(
                db, self.order_id, details, who, self.app.settings,  # type: ignore[attr-defined]
                version=self.version, terminal=terminal,
            )

        self._enqueue(call, self._confirmed, self._confirm_failed)

    def _confirmed(self, order: OrderView) -> None:
        self.order = order
        self._service_calls.clear()  # nothing after a confirm belongs to this draft
        wake_print_queue(self.app)  # the labels, form and receipt were queued with it
        self.app.notify(t("intake.confirmed", number=order.number), timeout=6)
        self.app.open_order(order.id, replace=True)  # type: ignore[attr-defined]

    def _confirm_failed(self, error: ViverError) -> None:
        if isinstance(error, ValidationError) and error.field == "media":
            self._unsaved = 0  # said so: F10 again confirms without them, knowingly
            self._form_holds_failed = False
            self.say(error.message, error=True)
        elif isinstance(error, EditConflict):
            self.version = error.version  # saving again overwrites, knowingly
            self.say(error.message, error=True)
        elif isinstance(error, FormErrors):
            self.show_field_errors(error.errors, DETAIL_FIELDS)
            other = [v for k, v in error.errors.items() if k not in DETAIL_FIELDS]
            self.say(" ".join(other) or t("intake.fix_errors"), error=True)
        else:
            self._show_error(error)

    def action_next_company(self) -> None:
        """F6: the next company sells this order (both sell through the counter)."""
        if self.order is None or self.order.status != DRAFT:
            return
        settings = self.app.settings  # type: ignore[attr-defined]
        keys = [c.key for c in settings.companies]
        current = self.order.company or settings.default_company
        chosen = keys[(keys.index(current) + 1) % len(keys)] if current in keys else keys[0]
        db, who, order_id = self.app.db, self.app.who, self.order.id  # type: ignore[attr-defined]

        def call() -> OrderView:
            documents.set_order_company(db, order_id, chosen, settings, who)
            return orders.load_for_reading(db, order_id, with_events=False)

        self._enqueue(call, self.show_order, self._show_error)

    def action_back(self) -> None:
        if self.editing_seq is not None:
            self.reset_medium_form()
            self.say("")
            return
        order = self.order
        idle = not self._service_busy and not self._service_calls and not self._adds_pending
        if idle and order is not None and order.status == DRAFT and not order.media:
            # Nothing registered: give the draft up (its number is kept as cancelled).
            db, staff = self.app.db, self.app.staff  # type: ignore[attr-defined]
            run_service(
                self.app,
                partial(intake.cancel_draft, db, order.id, staff),
                on_done=lambda _view: None,
            )
        self.app.pop_screen()

